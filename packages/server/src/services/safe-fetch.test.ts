import assert from 'node:assert/strict';
import type { LookupAddress } from 'node:dns';
import { createServer as createHttpServer, type Server as HttpServer } from 'node:http';
import { createServer as createTcpServer, type AddressInfo, type Server } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { MediaError, openMedia } from './channels/media.js';
import { fetch } from 'undici';
import { guardedAgent, isLoopbackAddress, isPublicAddress, OutboundRefusedError, SafeFetch, type Resolve } from './safe-fetch.js';

const v4 = (address: string): LookupAddress => ({ address, family: 4 });

/** A resolver for made-up names: each name answers its list of answers in turn (the last one from then on); every question is recorded. */
function resolver(answers: Record<string, LookupAddress[][]>) {
  const asked: string[] = [];
  const resolve: Resolve = async (hostname) => {
    asked.push(hostname);
    const list = answers[hostname];
    if (!list) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' });
    return list.length > 1 ? list.shift()! : list[0]!;
  };
  return { resolve, asked };
}

const listen = <T extends Server | HttpServer>(server: T) =>
  new Promise<number>((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)));

const refused = (pattern: RegExp) => (err: unknown) => {
  assert.ok(err instanceof OutboundRefusedError, `expected a refusal, got ${String(err)}`);
  assert.match(err.message, pattern);
  return true;
};

describe('SafeFetch: outbound requests checked where they connect', () => {
  /** A TCP server on loopback that counts connections and hangs up (anything that reached it shows here). */
  let tcp: Server;
  let tcpPort = 0;
  let connections = 0;
  /** A plain HTTP server on loopback: `/hello` answers, `/hop?to=…` redirects. */
  let http: HttpServer;
  let httpPort = 0;
  const seen: Array<{ host: string | undefined; path: string | undefined }> = [];

  before(async () => {
    tcp = createTcpServer((socket) => {
      connections++;
      socket.destroy();
    });
    tcpPort = await listen(tcp);
    http = createHttpServer((req, res) => {
      seen.push({ host: req.headers.host, path: req.url });
      const to = new URL(req.url!, 'http://x').searchParams.get('to');
      if (to) return void res.writeHead(302, { location: to }).end();
      res.writeHead(200, { 'content-type': 'text/plain' }).end('hello');
    });
    httpPort = await listen(http);
  });
  after(() => {
    tcp.close();
    http.closeAllConnections();
    http.close();
  });

  test('a name is resolved as the request connects, and the answer is where it connects', async () => {
    const { resolve, asked } = resolver({ 'desk.test': [[v4('127.0.0.1')]] });
    const safe = new SafeFetch({ privateEndpoints: true, loopbackLinks: true, resolve });
    try {
      const res = await safe.link(`http://desk.test:${httpPort}/hello`);
      assert.equal(await res.text(), 'hello');
      assert.deepEqual(seen.at(-1), { host: `desk.test:${httpPort}`, path: '/hello' });
      assert.deepEqual(asked, ['desk.test']);
    } finally {
      await safe.close();
    }
  });

  test('DNS rebinding: a name that answers a public address to a check and loopback when connecting is refused; nothing reaches loopback', async () => {
    const rebinding = () => resolver({ 'rebind.test': [[v4('93.184.216.34')], [v4('127.0.0.1')]] });
    const { resolve, asked } = rebinding();
    // The check the desk used to make before fetching: the first answer is public.
    assert.ok((await resolve('rebind.test')).every((a) => isPublicAddress(a.address)));
    const safe = new SafeFetch({ privateEndpoints: true, resolve });
    try {
      connections = 0;
      await assert.rejects(safe.link(`https://rebind.test:${tcpPort}/photo.jpg`), refused(/rebind\.test \(127\.0\.0\.1\) is not a public address/));
      assert.equal(connections, 0, 'no connection was made');
      assert.deepEqual(asked, ['rebind.test', 'rebind.test'], 'the name was asked again as the request connected');
      // The same answer, where any address is allowed (an admin's endpoint): the connection goes to loopback. The refusal above is the rule's, not luck.
      await assert.rejects(safe.endpoint(`https://rebind.test:${tcpPort}/hook`, { method: 'POST', body: '{}' }), (err) => !(err instanceof OutboundRefusedError));
      assert.equal(connections, 1);
    } finally {
      await safe.close();
    }
  });

  test('every address a name has must pass: one private among public ones is refused', async () => {
    const { resolve } = resolver({ 'mixed.test': [[v4('8.8.8.8'), { address: 'fd00::7', family: 6 }]] });
    const safe = new SafeFetch({ privateEndpoints: true, resolve });
    try {
      await assert.rejects(safe.link('https://mixed.test/x'), refused(/mixed\.test \(fd00::7\) is not a public address/));
    } finally {
      await safe.close();
    }
  });

  test('literal addresses are checked without a lookup, in every spelling', async () => {
    const { resolve, asked } = resolver({});
    const safe = new SafeFetch({ privateEndpoints: true, resolve });
    try {
      connections = 0;
      for (const host of ['127.0.0.1', '[::1]', '[::ffff:127.0.0.1]', '2130706433', '0x7f.1', '169.254.169.254', '10.0.0.1', '[fe80::1]', '[64:ff9b::a00:1]']) {
        await assert.rejects(safe.link(`https://${host}:${tcpPort}/x`), refused(/not a public address/), host);
      }
      assert.equal(connections, 0);
      assert.deepEqual(asked, []);
      // The agent checks literals itself as it connects (whoever hands it a request).
      const agent = guardedAgent('public', resolve);
      try {
        const cause = await fetch(`https://127.0.0.1:${tcpPort}/x`, { dispatcher: agent }).catch((err: Error) => err.cause);
        assert.ok(cause instanceof OutboundRefusedError && /127\.0\.0\.1 is not a public address/.test(cause.message), String(cause));
        assert.equal(connections, 0);
      } finally {
        await agent.close();
      }
    } finally {
      await safe.close();
    }
  });

  test('media: a redirect to a name that resolves to a private address is refused as it connects', async () => {
    const { resolve } = resolver({ 'media.test': [[v4('127.0.0.1')]], 'cdn.test': [[v4('10.20.30.40')]], 'local-cdn.test': [[v4('127.0.0.1')]] });
    const safe = new SafeFetch({ privateEndpoints: true, loopbackLinks: true, resolve });
    const open = (link: string) => openMedia(safe, link, { timeoutMs: 5_000 });
    try {
      connections = 0;
      for (const target of [`https://cdn.test:${tcpPort}/x.jpg`, `https://local-cdn.test:${tcpPort}/x.jpg`, `https://127.0.0.1:${tcpPort}/x.jpg`]) {
        const link = `http://media.test:${httpPort}/hop?to=${encodeURIComponent(target)}`;
        await assert.rejects(open(link), (err) => err instanceof MediaError && /redirected to a private address/.test(err.message), target);
      }
      await assert.rejects(open(`http://media.test:${httpPort}/hop?to=${encodeURIComponent(`http://media.test:${httpPort}/hello`)}`), /not https/);
      assert.equal(connections, 0);
      // A link straight to a name that resolves to a private address.
      await assert.rejects(open(`https://cdn.test:${tcpPort}/x.jpg`), /points to a private address/);
      // The allowed path: plain http on this machine (tests, the demo) is read.
      const media = await open(`http://media.test:${httpPort}/hello`);
      const chunks: Uint8Array[] = [];
      for await (const chunk of media.body) chunks.push(chunk);
      media.close();
      assert.equal(Buffer.concat(chunks).toString(), 'hello');
    } finally {
      await safe.close();
    }
  });

  test('links: plain http only to this machine; no credentials; no other protocols', async () => {
    const { resolve } = resolver({ 'intranet.test': [[v4('192.168.1.10')]] });
    const safe = new SafeFetch({ privateEndpoints: true, loopbackLinks: true, resolve });
    const production = new SafeFetch({ privateEndpoints: true, resolve });
    try {
      // Without loopbackLinks (the default outside tests and the demo) no plain http link at all.
      await assert.rejects(production.link(`http://127.0.0.1:${httpPort}/hello`), refused(/http URLs are not allowed/));
      assert.equal(await (await safe.link(`http://127.0.0.1:${httpPort}/hello`)).text(), 'hello');
      await assert.rejects(safe.link('http://intranet.test/x'), refused(/intranet\.test \(192\.168\.1\.10\) is not on this machine/));
      await assert.rejects(safe.link(`http://u:p@127.0.0.1:${httpPort}/hello`), refused(/credentials/));
      await assert.rejects(safe.link('ftp://127.0.0.1/x'), refused(/ftp URLs are not allowed/));
    } finally {
      await production.close();
      await safe.close();
    }
  });

  test('endpoints: on an intranet (the default) https may be private and http local; with private endpoints off neither', async () => {
    const { resolve } = resolver({ 'crm.intranet.test': [[v4('127.0.0.1')]], 'wiki.intranet.test': [[v4('10.0.0.9')]] });
    const intranet = new SafeFetch({ privateEndpoints: true, resolve });
    const hosted = new SafeFetch({ privateEndpoints: false, resolve });
    try {
      assert.equal(await (await intranet.endpoint(`http://crm.intranet.test:${httpPort}/hello`)).text(), 'hello');
      await assert.rejects(intranet.endpoint('http://wiki.intranet.test/x'), refused(/not on this machine/));
      // Redirects are never followed: an endpoint cannot pass a request (and its key) on.
      await assert.rejects(intranet.endpoint(`http://crm.intranet.test:${httpPort}/hop?to=/hello`), (err) => !(err instanceof OutboundRefusedError));
      connections = 0;
      await assert.rejects(hosted.endpoint(`http://crm.intranet.test:${httpPort}/hello`), refused(/http URLs are not allowed/));
      await assert.rejects(hosted.endpoint(`https://crm.intranet.test:${tcpPort}/hook`), refused(/not a public address/));
      await assert.rejects(hosted.endpoint('https://wiki.intranet.test/x'), refused(/not a public address/));
      assert.equal(connections, 0);
    } finally {
      await Promise.all([intranet.close(), hosted.close()]);
    }
  });

  test('endpoints being saved: refused for what their requests would be refused, names resolved now', async () => {
    const { resolve } = resolver({
      'crm.intranet.test': [[v4('127.0.0.1')]],
      'wiki.intranet.test': [[v4('10.0.0.9')]],
      'crm.public.test': [[v4('93.184.216.34')]],
      // One public answer is not enough: every address the name has must pass.
      'mixed.public.test': [[v4('93.184.216.34'), v4('10.0.0.9')]],
    });
    const intranet = new SafeFetch({ privateEndpoints: true, resolve });
    const hosted = new SafeFetch({ privateEndpoints: false, resolve });
    assert.equal(await intranet.endpointRefusal('http://crm.intranet.test/hook'), null);
    assert.equal(await intranet.endpointRefusal('https://wiki.intranet.test/hook'), null);
    assert.match((await intranet.endpointRefusal('http://wiki.intranet.test/hook'))!, /wiki\.intranet\.test \(10\.0\.0\.9\) is not on this machine/);
    assert.match((await intranet.endpointRefusal('https://user:pw@crm.public.test/'))!, /credentials/);
    assert.match((await intranet.endpointRefusal('ftp://crm.public.test/'))!, /ftp URLs are not allowed/);
    assert.equal(await hosted.endpointRefusal('https://crm.public.test/hook'), null);
    assert.equal(await hosted.endpointRefusal('https://93.184.216.34/hook'), null);
    assert.match((await hosted.endpointRefusal('https://mixed.public.test/hook'))!, /10\.0\.0\.9\) is not a public address/);
    assert.match((await hosted.endpointRefusal('https://crm.intranet.test/hook'))!, /not a public address/);
    assert.match((await hosted.endpointRefusal('https://[fd00::1]/hook'))!, /fd00::1 is not a public address/);
    assert.match((await hosted.endpointRefusal('http://crm.public.test/hook'))!, /http URLs are not allowed/);
    assert.match((await hosted.endpointRefusal('https://unknown.test/hook'))!, /unknown\.test does not resolve/);
    await Promise.all([intranet.close(), hosted.close()]);
  });

  test('address classes', () => {
    for (const address of ['127.0.0.1', '10.1.2.3', '172.16.0.1', '192.168.0.1', '100.64.0.1', '169.254.169.254', '0.0.0.0', '198.18.0.1', '192.0.2.1', '224.0.0.1', '255.255.255.255', '::', '::1', 'fc00::1', 'fe80::1', '::ffff:10.0.0.1', '64:ff9b::7f00:1', '2002:7f00:1::', '2001:db8::1', 'not an address']) {
      assert.equal(isPublicAddress(address), false, address);
    }
    for (const address of ['8.8.8.8', '93.184.216.34', '2606:4700::1111', '::ffff:8.8.8.8', '64:ff9b::808:808']) {
      assert.equal(isPublicAddress(address), true, address);
    }
    assert.deepEqual(['127.0.0.5', '::1', '::ffff:127.0.0.1', '10.0.0.1', '8.8.8.8'].map(isLoopbackAddress), [true, true, true, false, false]);
  });
});
