import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { Types } from 'mongoose';
import { createDeskClient, type DeskClient } from '@deskkit/client';
import { seedDemo } from '../services/seed.js';
import { trpcError } from '../testing/assertions.js';
import { clientMessageId, record, signedInClient, startChat, waitFor } from '../testing/clients.js';
import { startTestDesk, type TestDesk } from '../testing/harness.js';

const XSS = `<script>alert("x")</script><img src=x onerror='alert(1)'> & co`;
const FORMULA = `=HYPERLINK("http://evil.example","click")`;

describe('transcripts: streamed txt, html and csv exports', () => {
  let t: TestDesk;
  type Agent = { client: DeskClient; token: string; agentId: string };
  let sam: Agent;
  let alice: Agent;
  let bob: Agent;
  let otherSam: Agent;
  let chat: Awaited<ReturnType<typeof startChat>>;
  let bobs: Awaited<ReturnType<typeof startChat>>;
  const as = (name: string, tenant = 'demo') => signedInClient(t.url, { tenant, email: `${name}@demo.deskkit.dev`, password: t.seed.password });
  const get = (path: string, token?: string) => fetch(`${t.url}${path}`, token ? { headers: { Authorization: `Bearer ${token}` } } : {});

  before(async () => {
    t = await startTestDesk();
    await seedDemo(t.desk.services, 'other');
    [sam, alice, bob, otherSam] = await Promise.all([as('sam'), as('alice'), as('bob'), as('sam', 'other')]);
    chat = await startChat(t.url, { name: XSS, body: XSS });
    await chat.visitor.webchat.send.mutate({ conversationId: chat.id, body: FORMULA, clientMessageId: clientMessageId() });
    await chat.visitor.webchat.send.mutate({ conversationId: chat.id, body: 'line one\r\nsaid "hi", then -1', clientMessageId: clientMessageId() });
    // Accepting needs Available + online.
    for (const agent of [sam, bob]) {
      const online = record((h) => agent.client.presence.onChange.subscribe(undefined, h));
      unsubscribe.push(online.unsubscribe);
      await waitFor(() => online.started, 2_000, 'online');
      await agent.client.presence.setStatus.mutate({ status: 'available' });
    }
    await sam.client.conversations.accept.mutate({ conversationId: chat.id });
    await sam.client.conversations.reply.mutate({ conversationId: chat.id, body: '+ got it @team', clientMessageId: clientMessageId() });
    // Bob's own open chat in Billing: Alice (Support) may not see it.
    const billing = t.seed.departments.find((d) => d.name === 'Billing')!.id;
    bobs = await startChat(t.url, { name: 'Bo Customer', body: 'billing question', departmentId: billing });
    await bob.client.conversations.accept.mutate({ conversationId: bobs.id });
  });
  const unsubscribe: Array<() => void> = [];
  after(async () => {
    unsubscribe.forEach((stop) => stop());
    await t?.close();
  });

  test('text: headers, timestamps, authors and events', async () => {
    const res = await get(`/transcripts/${chat.id}.txt`, sam.token);
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-type'), 'text/plain; charset=utf-8');
    assert.equal(res.headers.get('content-disposition'), `attachment; filename="transcript-${chat.id}.txt"; filename*=UTF-8''transcript-${chat.id}.txt`);
    assert.equal(res.headers.get('x-total-count'), '1');
    assert.equal(res.headers.get('cache-control'), 'no-store');
    const text = await res.text();
    const messages = await sam.client.conversations.messages.query({ conversationId: chat.id });
    const stamp = (iso: string) => `${iso.slice(0, 10)} ${iso.slice(11, 19)} UTC`;
    const [created, first, second, third] = messages;
    assert.ok(text.startsWith(`Transcript of conversation ${chat.id}\nExported `));
    assert.ok(text.includes(`=== Conversation ${chat.id} — ${XSS}\nCustomer: ${XSS}\nChannel: web\nKind: chat\nStatus: open\n`), text);
    assert.ok(text.includes(`[${stamp(created!.createdAt)}] #1 * Conversation started\n`));
    assert.ok(text.includes(`[${stamp(first!.createdAt)}] #2 ${XSS} (customer): ${XSS}\n`));
    assert.ok(text.includes(`[${stamp(third!.createdAt)}] #4 ${XSS} (customer): line one\n    said "hi", then -1\n`), text);
    assert.ok(second!.body === FORMULA);
    assert.match(text, /\* Assigned to Sam Carter \(accepted\)\n/);
    assert.match(text, /#\d+ Sam Carter \(agent\): \+ got it @team\n/);
    assert.ok(text.endsWith('— 1 conversation —\n'));
  });

  test('html: a standalone document with everything escaped and a strict CSP', async () => {
    const res = await get(`/transcripts/${chat.id}.html`, sam.token);
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-type'), 'text/html; charset=utf-8');
    assert.equal(res.headers.get('content-security-policy'), "default-src 'none'; style-src 'unsafe-inline'; sandbox; frame-ancestors 'none'");
    assert.equal(res.headers.get('x-content-type-options'), 'nosniff');
    const html = await res.text();
    const escaped = '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&lt;img src=x onerror=&#39;alert(1)&#39;&gt; &amp; co';
    assert.ok(html.startsWith('<!doctype html>\n<html lang="en"><head><meta charset="utf-8">'));
    assert.ok(html.includes(`<dt>Customer</dt><dd>${escaped}</dd>`));
    assert.ok(html.includes(`<strong class="who">${escaped}</strong> <span class="meta">(customer)</span><div class="body">${escaped}</div>`));
    assert.ok(!html.includes('<script'), 'no live script tag');
    assert.ok(!/<img/i.test(html), 'no live img tag');
    assert.equal(html.match(/<style>/g)?.length, 1);
    assert.ok(html.endsWith('</body></html>\n'));
  });

  test('csv: RFC 4180 quoting and the formula-injection guard', async () => {
    const res = await get(`/transcripts/${chat.id}.csv`, sam.token);
    assert.equal(res.headers.get('content-type'), 'text/csv; charset=utf-8; header=present');
    const csv = await res.text();
    const lines = csv.split('\r\n');
    assert.equal(lines[0], 'conversation_id,subject,customer,channel,seq,time,author_kind,author_name,kind,text,attachment_name,attachment_type');
    const name = `"${XSS.replaceAll('"', '""')}"`;
    const messages = await sam.client.conversations.messages.query({ conversationId: chat.id });
    assert.equal(lines[1], `${chat.id},${name},${name},web,1,${messages[0]!.createdAt},system,,event,Conversation started,,`);
    assert.equal(lines[3], `${chat.id},${name},${name},web,3,${messages[2]!.createdAt},customer,${name},text,"'=HYPERLINK(""http://evil.example"",""click"")",,`);
    // A quoted cell keeps its line break: the record goes on on the next physical line.
    assert.equal(lines[4], `${chat.id},${name},${name},web,4,${messages[3]!.createdAt},customer,${name},text,"line one`);
    assert.equal(lines[5], `said ""hi"", then -1",,`);
    assert.ok(csv.includes(`,agent,Sam Carter,text,'+ got it @team,,\r\n`));
    assert.ok(csv.endsWith('\r\n'));
    assert.ok(!/,[=+\-@][^,]*/.test(csv.replace(/"[^"]*(""[^"]*)*"/g, 'Q')), 'no unquoted cell starts with = + - @');
  });

  test('access: agents see only their conversations, other tenants nothing', async () => {
    assert.equal((await get(`/transcripts/${bobs.id}.txt`, alice.token)).status, 404);
    assert.equal((await get(`/transcripts/${bobs.id}.txt`, bob.token)).status, 200);
    assert.equal((await get(`/transcripts/${chat.id}.txt`, otherSam.token)).status, 404);
    assert.equal((await get(`/transcripts/${chat.id}.txt`)).status, 401);
    assert.equal((await get(`/transcripts/${chat.id}.txt`, 'dks_nonsense')).status, 401);
    assert.equal((await get(`/transcripts/${chat.id}.pdf`, sam.token)).status, 404);
    assert.equal((await fetch(`${t.url}/transcripts.txt`, { method: 'POST', headers: { Authorization: `Bearer ${sam.token}` } })).status, 405);

    const range = async (who: Agent, query = '') => {
      const res = await get(`/transcripts.csv${query}`, who.token);
      assert.equal(res.status, 200);
      const ids = new Set((await res.text()).split('\r\n').slice(1).map((l) => l.slice(0, 24)).filter((id) => /^[0-9a-f]{24}$/.test(id)));
      return { total: Number(res.headers.get('x-total-count')), ids };
    };
    const samAll = await range(sam);
    const aliceAll = await range(alice);
    const visibleToAlice = await alice.client.conversations.counts.query({ filter: {} });
    assert.ok(samAll.ids.has(bobs.id) && samAll.ids.has(chat.id));
    assert.equal(samAll.total, samAll.ids.size);
    assert.ok(!aliceAll.ids.has(bobs.id));
    assert.equal(aliceAll.total, visibleToAlice.all);
    assert.ok(aliceAll.total < samAll.total);
    const other = await range(otherSam);
    assert.ok(!other.ids.has(chat.id) && !other.ids.has(bobs.id));

    // Filters are the conversations.list filter.
    const billing = t.seed.departments.find((d) => d.name === 'Billing')!.id;
    const billingOpen = await range(sam, `?departmentId=${billing}&status=open`);
    assert.ok(billingOpen.ids.has(bobs.id) && !billingOpen.ids.has(chat.id));
    assert.equal((await get('/transcripts.csv?status=bogus', sam.token)).status, 400);
    assert.equal((await get('/transcripts.csv?colour=red', sam.token)).status, 400);
  });

  test('partner keys export the tenant; without conversations:read they cannot', async () => {
    const ada = await as('ada');
    const reader = await ada.client.apiKeys.create.mutate({ name: 'export', scopes: ['conversations:read'] });
    const one = await get(`/transcripts/${bobs.id}.txt`, reader.key);
    assert.equal(one.status, 200);
    const range = await get('/transcripts.txt?status=open', reader.key);
    const text = await range.text();
    assert.ok(text.includes(bobs.id) && text.includes(chat.id));
    const link = await createDeskClient({ url: t.url, apiKey: reader.key }).transcripts.link.mutate({ filter: {}, format: 'csv' });
    assert.equal((await get(link.url)).status, 200);
    const presenceOnly = await ada.client.apiKeys.create.mutate({ name: 'presence', scopes: ['presence:read'] });
    assert.equal((await get(`/transcripts/${bobs.id}.txt`, presenceOnly.key)).status, 403);
    await ada.client.apiKeys.revoke.mutate({ keyId: reader.info.id });
    assert.equal((await get(link.url)).status, 401, 'a revoked key ends its links');
  });

  test('signed links: work without headers, never carry the session, expire and resist tampering', async () => {
    const { url, expiresAt } = await sam.client.transcripts.link.mutate({ conversationId: chat.id, format: 'html' });
    assert.ok(url.startsWith(`/transcripts/${chat.id}.html?token=`));
    assert.ok(!url.includes(sam.token) && !url.includes(sam.token.slice(-20)));
    assert.ok(Date.parse(expiresAt) - Date.now() <= 5 * 60_000 + 1_000);
    const ok = await get(url);
    assert.equal(ok.status, 200);
    assert.match(await ok.text(), /<!doctype html>/);

    const token = new URL(url, t.url).searchParams.get('token')!;
    const [body, sig] = token.split('.');
    const flip = (s: string) => (s[5] === 'A' ? `${s.slice(0, 5)}B${s.slice(6)}` : `${s.slice(0, 5)}A${s.slice(6)}`);
    assert.equal((await get(`/transcripts/${chat.id}.html?token=${body}.${flip(sig!)}`)).status, 403);
    assert.equal((await get(`/transcripts/${chat.id}.csv?token=${token}`)).status, 403, 'another format');
    assert.equal((await get(`/transcripts/${bobs.id}.html?token=${token}`)).status, 403, 'another conversation');
    assert.equal((await get(`/transcripts.html?token=${token}`)).status, 403, 'a range');

    // Tampered payload, correctly shaped: widening a conversation link to a range.
    const payload = JSON.parse(Buffer.from(body!, 'base64url').toString());
    const forged = Buffer.from(JSON.stringify({ ...payload, c: undefined, q: {} })).toString('base64url');
    assert.equal((await get(`/transcripts.html?token=${forged}.${sig}`)).status, 403);

    // Expired: signed with the real key, so only the expiry refuses it.
    const { fileLinkSecret } = (await t.desk.services.models.Tenant.findOne({ _id: t.seed.tenantId }).lean())!;
    const key = createHmac('sha256', fileLinkSecret!).update('deskkit transcript links').digest();
    const old = Buffer.from(JSON.stringify({ ...payload, exp: Math.floor(Date.now() / 1000) - 1 })).toString('base64url');
    const expired = await get(`/transcripts/${chat.id}.html?token=${old}.${createHmac('sha256', key).update(old).digest('base64url')}`);
    assert.equal(expired.status, 403);
    assert.match((await expired.json()).error, /expired/);

    // Alice cannot get a link for what she cannot see; a range link covers only what she sees.
    await assert.rejects(alice.client.transcripts.link.mutate({ conversationId: bobs.id, format: 'txt' }), trpcError('NOT_FOUND'));
    await assert.rejects(alice.client.transcripts.link.mutate({ conversationId: 'nope', format: 'txt' }), trpcError('BAD_REQUEST', 'conversationId'));
    await assert.rejects(
      alice.client.transcripts.link.mutate({ conversationId: chat.id, filter: {}, format: 'txt' }),
      trpcError('BAD_REQUEST', 'conversationId'),
    );
    const rangeLink = await alice.client.transcripts.link.mutate({ filter: { status: ['open'] }, format: 'csv' });
    const ranged = await (await get(rangeLink.url)).text();
    assert.ok(!ranged.includes(bobs.id) && !ranged.includes(chat.id));

    // Signing out ends every link the session made.
    const late = await bob.client.transcripts.link.mutate({ conversationId: bobs.id, format: 'txt' });
    await bob.client.auth.signOut.mutate();
    assert.equal((await get(late.url)).status, 401);
  });

  test('a 2,000-conversation export streams: bytes arrive long before it ends', async () => {
    const { models } = t.desk.services;
    const { tenantId, agents } = await seedDemo(t.desk.services, 'bulk');
    const tenant = new Types.ObjectId(tenantId);
    const base = Date.parse('2025-06-01T00:00:00Z');
    const docs = Array.from({ length: 2_000 }, (_, i) => ({
      _id: new Types.ObjectId(),
      tenantId: tenant,
      customerId: new Types.ObjectId(),
      customerName: `Customer ${i}`,
      subject: `Bulk ${i}`,
      status: 'closed',
      createdAt: new Date(base + i * 60_000),
      lastSeq: 1,
      tags: ['bulk'],
    }));
    await models.Conversation.insertMany(docs);
    await models.Message.insertMany(
      docs.map((c, i) => ({ tenantId: tenant, conversationId: c._id, seq: 1, authorKind: 'customer', authorName: c.customerName, body: `message ${i} ${'x'.repeat(200)}`, createdAt: c.createdAt })),
    );
    const boss = await signedInClient(t.url, { tenant: 'bulk', email: agents.find((a) => a.role === 'supervisor')!.email, password: t.seed.password });

    const started = performance.now();
    const res = await get('/transcripts.txt?tag=bulk', boss.token);
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('x-total-count'), '2000');
    assert.equal(res.headers.get('content-length'), null, 'not buffered to a known length');
    const reader = res.body!.getReader();
    let firstAt = 0;
    let chunks = 0;
    let bytes = 0;
    const decoder = new TextDecoder();
    let text = '';
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks += 1;
      bytes += value.length;
      if (!firstAt) firstAt = performance.now() - started;
      text += decoder.decode(value, { stream: true });
    }
    const total = performance.now() - started;
    assert.equal(text.match(/^=== Conversation /gm)?.length, 2_000);
    assert.ok(text.endsWith('— 2000 conversations —\n'));
    assert.ok(chunks >= 20, `${chunks} chunks for ${bytes} bytes`);
    assert.ok(firstAt < total / 2, `first bytes at ${Math.round(firstAt)} ms of ${Math.round(total)} ms`);

    // A client that leaves midway stops the export; the desk carries on.
    const abort = new AbortController();
    const left = await fetch(`${t.url}/transcripts.csv?tag=bulk`, { headers: { Authorization: `Bearer ${boss.token}` }, signal: abort.signal });
    await left.body!.getReader().read();
    abort.abort();
    assert.equal((await fetch(`${t.url}/healthz`)).status, 200);
    assert.equal((await get(`/transcripts/${chat.id}.txt`, sam.token)).status, 200);
  });
});
