import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { appRouter } from '../routers/_app.js';
import { idLeavesOf, isObjectId, leavesOf, setAt, fieldName } from './inputs.js';
import { describeOutcome, invoke, type Outcome, type ProcedureType } from './invoke.js';
import { accessTable, callerFor, denialsOf, outsiderFor, type Denial, type Rule } from './matrix.js';
import { snapshotTenant } from './snapshot.js';
import { buildWorld, randomId, type World } from './world.js';

type AnyProcedure = { _def: { type: ProcedureType; inputs: Array<{ parseAsync(input: unknown): Promise<unknown> }> } };
const procedures = appRouter._def.procedures as unknown as Record<string, AnyProcedure>;

/** Ids in an answer that belong to the victim tenant (and were not in the question). */
function leakedIds(outcome: Outcome, victim: Set<string>, input: unknown): string[] {
  if (!outcome.ok) return [];
  const asked = new Set(leavesOf(input).map((leaf) => String(leaf.value)));
  const found = JSON.stringify(outcome.data ?? null).match(/[0-9a-f]{24}/gi) ?? [];
  return [...new Set(found)].filter((id) => victim.has(id) && !asked.has(id));
}

const who = (denial: Denial) => (typeof denial.caller === 'string' ? denial.caller : `key without ${denial.caller.partnerWithout}`);

describe('security: every procedure refuses every caller it should, without leaking existence', () => {
  let w: World;
  let victimIds: Set<string>;
  let before_: Record<string, string[]>;

  before(async () => {
    w = await buildWorld();
    for (const rule of Object.values(accessTable)) {
      if (rule.partner && rule.partner !== '*') await w.partnerWithout(rule.partner);
    }
    victimIds = await w.victimIds();
    before_ = await snapshotTenant(w.t.desk.services, w.t.seed.tenantId);
  });
  after(() => w?.close());

  test('every procedure and subscription of the router has a rule, and every rule a procedure', () => {
    const missing = Object.keys(procedures).filter((path) => !accessTable[path]);
    assert.deepEqual(missing, [], `procedures without an access rule in security/matrix.ts: ${missing.join(', ')}`);
    assert.deepEqual(Object.keys(accessTable).filter((path) => !procedures[path]), [], 'rules for procedures that do not exist');
    assert.ok(Object.keys(procedures).length >= 100);
  });

  test('every sample input is valid for its procedure (so refusals are about the caller, not the input)', async () => {
    for (const [path, rule] of Object.entries(accessTable)) {
      const { inputs } = procedures[path]!._def;
      assert.equal(inputs.length > 0, Boolean(rule.input), `${path}: the rule's input matches whether the procedure takes one`);
      for (const sample of [rule.input, ...(rule.also ?? [])]) {
        for (const parser of inputs) await parser.parseAsync(sample?.(w.f)).catch((err: Error) => assert.fail(`${path}: ${err.message}`));
      }
    }
  });

  for (const [path, rule] of Object.entries(accessTable) as Array<[string, Rule]>) {
    /** The other tenant's caller holding the victim's ids gets what an id that exists nowhere gets, and sees none of the victim's ids. */
    const outsiderRefused = async (outsider: Parameters<World['client']>[0], sample: Rule['input']) => {
      const type = procedures[path]!._def.type;
      const call = (name: Parameters<World['client']>[0], input: unknown) => invoke(w.client(name), path, type, input);
      const input = sample?.(w.f);
      const ids = idLeavesOf(input);
      if (!ids.length) {
        if (type === 'mutation') return; // acts on the outsider's own tenant
        const got = await call(outsider, input);
        assert.deepEqual(leakedIds(got, victimIds, input), [], `${path} as ${outsider} shows the victim tenant's ids`);
        return;
      }
      for (const leaf of ids) {
        // Queries ask the same question twice; mutations get fresh names so neither call collides with the other.
        const asked = sample!(w.f);
        const random = randomId();
        const missing = await call(outsider, setAt(type === 'query' ? asked : sample!(w.f), leaf.path, random));
        const foreign = await call(outsider, asked);
        const field = fieldName(leaf.path);
        assert.equal(foreign.ok, missing.ok, `${path}.${field} as ${outsider}: ${describeOutcome(foreign)} vs ${describeOutcome(missing)}`);
        if (!foreign.ok && !missing.ok) {
          assert.deepEqual([foreign.code, foreign.message], [missing.code, missing.message], `${path}.${field} as ${outsider}: same answer as for an id that exists nowhere`);
        } else if (type === 'query') {
          const echoed = JSON.parse(JSON.stringify(missing).replaceAll(random, String(leaf.value))) as Outcome;
          assert.deepEqual(foreign, echoed, `${path}.${field} as ${outsider}: same data as for an id that exists nowhere`);
        }
        assert.deepEqual(leakedIds(foreign, victimIds, input), [], `${path} as ${outsider} shows the victim tenant's ids`);
        if (!foreign.ok) assert.ok(['NOT_FOUND', 'BAD_REQUEST'].includes(foreign.code), `${path}.${field} as ${outsider}: ${describeOutcome(foreign)}`);
      }
      assert.ok(ids.every((leaf) => isObjectId(leaf.value)));
    };

    test(path, async () => {
      const type = procedures[path]!._def.type;

      // Callers of the victim tenant: dead credentials, the wrong kind, the wrong role, not theirs.
      await Promise.all(
        denialsOf(rule).map(async (denial) => {
          const client = typeof denial.caller === 'string' ? w.client(denial.caller) : await w.partnerWithout(denial.caller.partnerWithout);
          const input = rule.input?.(w.f);
          const got = await invoke(client, path, type, input);
          assert.ok(!got.ok, `${path} as ${who(denial)} must be refused, got ${describeOutcome(got)}`);
          assert.equal(got.code, denial.code, `${path} as ${who(denial)}: ${describeOutcome(got)}`);
          assert.equal(got.events, 0, `${path} as ${who(denial)}: no event delivered`);
          if (denial.sameAsMissing) {
            const owned = rule.owned ?? 'conversationId';
            const missing = await invoke(client, path, type, setAt(input, [owned], randomId()));
            assert.deepEqual([got.code, got.message], [missing.ok ? 'ok' : missing.code, missing.ok ? '' : missing.message], `${path} as ${who(denial)}: same answer as for an id that exists nowhere`);
          }
        }),
      );

      // The same kind of caller in another tenant, holding the victim's ids (in each form of the input).
      const outsider = outsiderFor(rule);
      if (!outsider) return;
      for (const sample of [rule.input, ...(rule.also ?? [])]) await outsiderRefused(outsider, sample);
    });
  }

  test('no refused call changed anything of the victim tenant', async () => {
    const now = await snapshotTenant(w.t.desk.services, w.t.seed.tenantId);
    for (const [collection, rows] of Object.entries(before_)) {
      assert.deepEqual(now[collection], rows, `${collection} changed`);
    }
  });
});
