import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { after, before, describe, test } from 'node:test';
import { pino } from 'pino';
import { SafeFetch } from '../safe-fetch.js';
import { LlmSuggester } from './llm.js';

/** A completions endpoint that answers a small completion, or streams without end past any cap. */
function startEndpoint() {
  const state = { mode: 'ok' as 'ok' | 'endless', sentBytes: 0, clientGone: false };
  const server: Server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      res.writeHead(200, { 'content-type': 'application/json' });
      if (state.mode === 'ok') return void res.end(JSON.stringify({ choices: [{ message: { content: ' Hello there. ' } }] }));
      // Never finishes: a reader that waits for the end hangs until its timeout.
      res.on('close', () => (state.clientGone = true));
      const chunk = Buffer.alloc(16 * 1024, 'a');
      res.write('{"choices":[{"message":{"content":"');
      const timer = setInterval(() => {
        if (res.destroyed) return clearInterval(timer);
        state.sentBytes += chunk.length;
        res.write(chunk);
      }, 5);
    });
  });
  return new Promise<{ url: string; state: typeof state; close: () => void }>((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, state, close: () => {
          server.closeAllConnections();
          server.close();
        } }),
    ),
  );
}

describe('LlmSuggester', () => {
  let endpoint: Awaited<ReturnType<typeof startEndpoint>>;
  const logs: Array<Record<string, unknown>> = [];
  const log = pino(
    { level: 'warn' },
    new Writable({
      write(chunk, _encoding, done) {
        logs.push(JSON.parse(String(chunk)));
        done();
      },
    }),
  );
  const context = { messages: [{ author: 'customer' as const, text: 'Hi' }], references: [] };

  before(async () => {
    endpoint = await startEndpoint();
  });
  after(() => endpoint.close());

  test('answers with the completion', async () => {
    const llm = new LlmSuggester(log, new SafeFetch({ privateEndpoints: true }), { timeoutMs: 30_000 });
    endpoint.state.mode = 'ok';
    assert.equal(await llm.suggest('t1', { baseUrl: endpoint.url, model: 'm', apiKey: null }, context), 'Hello there.');
  });

  test('an answer past the size cap is cut off while it streams, not read to its end', async () => {
    // The timeout is far away: only the cap can end this read.
    const llm = new LlmSuggester(log, new SafeFetch({ privateEndpoints: true }), { timeoutMs: 20_000 });
    endpoint.state.mode = 'endless';
    logs.length = 0;
    assert.equal(await llm.suggest('t1', { baseUrl: endpoint.url, model: 'm', apiKey: null }, context), null);
    assert.equal(logs.at(-1)?.reason, 'response too large');
    await new Promise<void>((resolve) => {
      const poll = setInterval(() => endpoint.state.clientGone && (clearInterval(poll), resolve()), 10);
    });
    assert.ok(endpoint.state.clientGone, 'the desk hung up');
    assert.ok(endpoint.state.sentBytes < 2 * 1024 * 1024, `read ${endpoint.state.sentBytes} bytes`);
  });
});
