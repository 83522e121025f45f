import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { ZodError } from 'zod';
import { appRouter } from '../routers/_app.js';
import { fieldName, fieldPaths, getAt, leavesOf, objectsOf, placeAt, recordPaths, setAt, type Path } from './inputs.js';
import { describeOutcome, invoke, type Outcome, type ProcedureType } from './invoke.js';
import { accessTable, callerFor } from './matrix.js';
import { buildWorld, type World } from './world.js';

type Parser = { parseAsync(input: unknown): Promise<unknown> };
type AnyProcedure = { _def: { type: ProcedureType; inputs: Parser[] } };
const procedures = appRouter._def.procedures as unknown as Record<string, AnyProcedure>;

/** What a MongoDB query would read as "anything": each must be refused wherever a value is expected. */
const operators = [{ $ne: null }, { $gt: '' }, { $regex: '.*' }, { $where: 'sleep(100)' }];
/** Keys a caller might slip into a free-form record. */
const badKeys = ['$where', '$gt', 'a.b'];
/**
 * Records whose keys may hold dots: stored as `{ key, value }` pairs, never as field
 * paths, so `crm.id` is a plain name there (customer attributes).
 */
const dottedKeysAllowed = new Set(['customers.update attributes']);

/** Does a BAD_REQUEST name this field (or the field that holds it, or one inside it)? */
function namesField(outcome: Outcome, path: Path): boolean {
  if (outcome.ok || outcome.code !== 'BAD_REQUEST' || !outcome.fields) return false;
  const field = fieldName(path);
  return Object.keys(outcome.fields).some(
    (named) => named !== '(input)' && (named === field || field.startsWith(`${named}.`) || named.startsWith(`${field}.`)) && new RegExp(`(^|; )${named.replace(/[.$]/g, '\\$&')}:`).test(outcome.message),
  );
}

/** The schema alone refuses the input, with an issue at or around `path`. */
async function schemaRefuses(parsers: Parser[], input: unknown, path: Path): Promise<string | null> {
  for (const parser of parsers) {
    try {
      await parser.parseAsync(input);
    } catch (err) {
      if (!(err instanceof ZodError)) return `not a schema error: ${String(err)}`;
      const field = fieldName(path);
      const hit = err.issues.some((issue) => {
        const named = issue.path.join('.');
        return named === field || field.startsWith(`${named}.`) || named.startsWith(`${field}.`);
      });
      return hit ? null : `issues elsewhere: ${JSON.stringify(err.issues.map((i) => i.path))}`;
    }
  }
  return 'the schema accepted it';
}

const recordPathsOf = (parsers: Parser[]) => parsers.flatMap((parser) => recordPaths(parser));

describe('security: operator injection in every input is refused by the schema, naming the field', () => {
  let w: World;
  before(async () => {
    w = await buildWorld();
  });
  after(() => w?.close());

  test('the schema walker sees the fields samples leave out (so each is tried below)', () => {
    const listed = procedures['conversations.list']!._def.inputs.flatMap((parser) => fieldPaths(parser)).map((f) => fieldName(f.path));
    for (const field of ['filter.q', 'filter.from', 'filter.tag.0', 'cursor', 'sort']) assert.ok(listed.includes(field), `conversations.list ${field}: ${listed.join(' ')}`);
  });

  test('every free-form record of an input schema appears in its sample input', () => {
    for (const [path, rule] of Object.entries(accessTable)) {
      for (const parser of procedures[path]!._def.inputs) {
        for (const record of recordPaths(parser)) {
          const value = getAt(rule.input?.(w.f), record);
          assert.ok(value && typeof value === 'object', `${path}: the sample input must fill the record ${fieldName(record)}`);
        }
      }
    }
  });

  for (const [path, rule] of Object.entries(accessTable)) {
    if (!rule.input) continue;
    test(path, async () => {
      const { type, inputs } = procedures[path]!._def;
      const client = w.client(callerFor(rule));
      const sample = rule.input!(w.f);
      const cases: Array<{ input: unknown; path: Path; what: string; schemaToo: boolean }> = [];
      for (const leaf of leavesOf(sample)) {
        for (const operator of operators) cases.push({ input: setAt(sample, leaf.path, operator), path: leaf.path, what: JSON.stringify(operator), schemaToo: true });
      }
      // Every other field the schema reads, though the sample leaves it out (an option, a filter).
      const sampled = new Set(leavesOf(sample).map((leaf) => fieldName(leaf.path)));
      const records = recordPathsOf(inputs).map(fieldName);
      for (const field of inputs.flatMap((parser) => fieldPaths(parser))) {
        if (sampled.has(fieldName(field.path)) || records.some((record) => fieldName(field.path).startsWith(record))) continue;
        sampled.add(fieldName(field.path));
        // In a union another option may take the input without the field: there the server's `$`-key check refuses it.
        for (const operator of operators) cases.push({ input: placeAt(sample, field.path, operator), path: field.path, what: JSON.stringify(operator), schemaToo: !field.inUnion });
      }
      // `$` keys in any object (schemas drop unknown keys; the server refuses them before that).
      for (const object of objectsOf(sample)) {
        const named = object.path.length ? object.path : ['$where'];
        cases.push({ input: setAt(sample, object.path, { ...object.value, $where: 'sleep(100)' }), path: named, what: '$where key', schemaToo: false });
      }
      // Bad keys in the records callers fill freely: refused by the schema itself.
      for (const record of inputs.flatMap((parser) => recordPaths(parser))) {
        const value = getAt(sample, record) as Record<string, unknown>;
        const some = Object.values(value)[0] ?? 'x';
        for (const key of badKeys) {
          if (key === 'a.b' && dottedKeysAllowed.has(`${path} ${fieldName(record)}`)) continue;
          cases.push({ input: setAt(sample, record, { ...value, [key]: some }), path: record, what: `key ${key}`, schemaToo: true });
        }
      }
      const outcomes = await Promise.all(cases.map((c) => invoke(client, path, type, c.input)));
      for (const [i, c] of cases.entries()) {
        const got = outcomes[i]!;
        assert.ok(namesField(got, c.path), `${path} ${fieldName(c.path)} = ${c.what}: expected BAD_REQUEST naming it, got ${describeOutcome(got)}`);
        if (c.schemaToo) {
          const problem = await schemaRefuses(inputs, c.input, c.path);
          assert.equal(problem, null, `${path} ${fieldName(c.path)} = ${c.what}: ${problem}`);
        }
      }
    });
  }

  test('the server is still up and the victim tenant answers normally', async () => {
    assert.equal((await fetch(`${w.t.url}/healthz`)).status, 200);
    assert.equal((await w.client('alice').auth.me.query()).agent.email, 'alice@demo.deskkit.dev');
  });
});
