import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { appRouter } from '../routers/_app.js';
import { fieldName, getAt, isObjectId, leavesOf, setAt, type Path } from './inputs.js';
import { invoke, type ProcedureType } from './invoke.js';
import { accessTable, callerFor } from './matrix.js';
import { buildWorld, type World } from './world.js';

type AnyProcedure = { _def: { type: ProcedureType } };
const procedures = appRouter._def.procedures as unknown as Record<string, AnyProcedure>;

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;
const heapMb = () => {
  gc();
  return process.memoryUsage().heapUsed / 2 ** 20;
};

/** Stands in for a number JSON cannot write, swapped into the raw body text. */
const INFINITY = '__infinity__';
const NAN = '__nan__';
const raw = (input: unknown) => JSON.stringify(input).replaceAll(`"${INFINITY}"`, '1e999').replaceAll(`"${NAN}"`, 'NaN');

interface Answer {
  status: number;
  code: string | null;
  fields: Record<string, string[]> | null;
  message: string;
}

/** One call as plain HTTP, the way any program (not only the typed client) can call: POST for mutations, GET for queries. */
async function call(url: string, path: string, type: ProcedureType, token: string | null, body: string | Buffer, contentType = 'application/json'): Promise<Answer> {
  const headers: Record<string, string> = token ? { Authorization: `Bearer ${token}` } : {};
  const res =
    type === 'mutation'
      ? await fetch(`${url}/trpc/${path}`, { method: 'POST', headers: { ...headers, 'Content-Type': contentType }, body: typeof body === 'string' ? body : new Uint8Array(body) })
      : await fetch(`${url}/trpc/${path}?input=${encodeURIComponent(String(body))}`, { headers });
  const text = await res.text();
  let error: { message?: string; data?: { code?: string; fields?: Record<string, string[]> | null } } = {};
  try {
    error = (JSON.parse(text) as { error?: typeof error }).error ?? {};
  } catch {
    // Node's own answers (431, 414) have no JSON.
  }
  return { status: res.status, code: error.data?.code ?? null, fields: error.data?.fields ?? null, message: error.message ?? text.slice(0, 200) };
}

const names = (answer: Answer, path: Path) => {
  const field = fieldName(path);
  return answer.status === 400 && answer.code === 'BAD_REQUEST' && Object.keys(answer.fields ?? {}).some((named) => named === field || field.startsWith(`${named}.`) || named.startsWith(`${field}.`));
};
const show = (a: Answer) => `${a.status} ${a.code}: ${a.message.slice(0, 160)}`;

const nested = (depth: number) => {
  let value: unknown = 'deep';
  for (let i = 0; i < depth; i++) value = { a: value };
  return value;
};

const isoLike = (value: unknown) => typeof value === 'string' && /^\d{4}-\d\d-\d\dT/.test(value);

describe('security: oversized and malformed input gets a clear 4xx naming the field; the server stays up', () => {
  let w: World;
  let heapBefore: number;
  before(async () => {
    w = await buildWorld();
    heapBefore = heapMb();
  });
  after(() => w?.close());

  for (const [path, rule] of Object.entries(accessTable)) {
    if (!rule.input) continue;
    test(path, async () => {
      const { type } = procedures[path]!._def;
      const caller = callerFor(rule);
      const token = w.token(caller);
      const sample = rule.input!(w.f);
      const url = w.t.url;
      const checks: Array<Promise<void>> = [];
      const expectNamed = (input: unknown, at: Path, what: string) =>
        checks.push(
          (async () => {
            if (type === 'subscription') {
              const got = await invoke(w.client(caller), path, type, input);
              assert.ok(!got.ok && got.code === 'BAD_REQUEST' && Object.keys(got.fields ?? {}).some((f) => fieldName(at).startsWith(f) || f.startsWith(fieldName(at))), `${path} ${fieldName(at)} ${what}: ${JSON.stringify(got).slice(0, 200)}`);
              return;
            }
            const body = raw(input);
            const answer = await call(url, path, type, token, body);
            // A query too long for a URL cannot name a field: the server refuses the request line itself.
            const tooLongForUrl = type === 'query' && encodeURIComponent(body).length > 8_000 && [414, 431].includes(answer.status);
            assert.ok(names(answer, at) || tooLongForUrl, `${path} ${fieldName(at)} ${what}: expected 400 naming it, got ${show(answer)}`);
          })(),
        );
      /** Too big for a URL or a body: a plain 4xx; when it still fits, a BAD_REQUEST naming the field. */
      const expectTooBig = (input: unknown, at: Path, what: string) =>
        checks.push(
          (async () => {
            const answer = await call(url, path, type, token, raw(input));
            const ok = names(answer, at) || [413, 414, 431].includes(answer.status);
            assert.ok(ok, `${path} ${fieldName(at)} ${what}: expected a clear 4xx, got ${show(answer)}`);
          })(),
        );

      let megabyteSent = false;
      for (const leaf of leavesOf(sample)) {
        const at = leaf.path;
        if (typeof leaf.value === 'string') {
          if (type !== 'subscription') {
            // 100 kB fits a body (named), not a URL; 1 MB fits neither (413, 431): the limit is
            // the request's, whichever field carries the bulk, so one field per procedure shows it.
            (type === 'mutation' ? expectNamed : expectTooBig)(setAt(sample, at, 'x'.repeat(100_000)), at, '100 kB');
            if (!megabyteSent) expectTooBig(setAt(sample, at, 'x'.repeat(1_000_000)), at, '1 MB');
            megabyteSent = true;
          }
          expectNamed(setAt(sample, at, 12345), at, 'a number for a string');
          if (isObjectId(leaf.value)) expectNamed(setAt(sample, at, 'a'.repeat(2_000)), at, 'a 2000-character id');
          if (isoLike(leaf.value)) expectNamed(setAt(sample, at, '2024-02-30T25:61:00Z'), at, 'an impossible date');
        } else if (typeof leaf.value === 'number') {
          expectNamed(setAt(sample, at, String(leaf.value)), at, 'a string for a number');
          if (type !== 'subscription') {
            expectNamed(setAt(sample, at, INFINITY), at, 'Infinity');
            checks.push(
              (async () => {
                const answer = await call(url, path, type, token, raw(setAt(sample, at, NAN)));
                assert.equal(answer.status, 400, `${path} ${fieldName(at)} NaN: ${show(answer)}`);
              })(),
            );
          }
        } else if (typeof leaf.value === 'boolean') {
          expectNamed(setAt(sample, at, 'yes'), at, 'a string for a boolean');
        }
        expectNamed(setAt(sample, at, nested(1_000)), at, 'an object 1000 levels deep');
      }
      // Arrays of 10,000 items.
      const arrays = new Map<string, Path>();
      for (const leaf of leavesOf(sample)) {
        const i = leaf.path.findLastIndex((key) => typeof key === 'number');
        if (i >= 0) arrays.set(fieldName(leaf.path.slice(0, i)), leaf.path.slice(0, i));
      }
      for (const at of arrays.values()) {
        const item = getAt(sample, [...at, 0]);
        expectNamed(setAt(sample, at, Array.from({ length: 10_000 }, () => item)), at, '10,000 items');
      }
      await Promise.all(checks);

      if (type === 'mutation') {
        for (const [body, contentType] of [
          ['this is not json', 'application/json'],
          ['{"tenant":', 'application/json'],
          ['a=1&b=2', 'application/x-www-form-urlencoded'],
          ['{}', 'text/plain'],
          [Buffer.from([0xff, 0xfe, 0x00, 0x01, 0x80]), 'application/octet-stream'],
          ['', 'application/json'],
        ] as const) {
          const answer = await call(url, path, type, token, body, contentType);
          assert.ok(answer.status >= 400 && answer.status < 500, `${path} body ${JSON.stringify(String(body)).slice(0, 30)}: ${show(answer)}`);
        }
      }
      assert.equal((await fetch(`${url}/healthz`)).status, 200, 'still up');
    });
  }

  test('the server still answers normally and its memory did not balloon', async () => {
    assert.equal((await w.client('alice').auth.me.query()).agent.email, 'alice@demo.deskkit.dev');
    const grown = heapMb() - heapBefore;
    assert.ok(grown < 64, `heap grew by ${grown.toFixed(1)} MB`);
  });
});
