import { expect } from '@open-wc/testing';
import type { ConversationView } from '@deskkit/client';
import { toFilter, emptyForm } from './agent-queue.filters.js';
import { comparator, matchesFilter, queueRules } from './agent-queue.rules.js';
import { QueueStore } from './agent-queue.store.js';

const ME = 'a'.repeat(24);
let next = 0;
/** A conversation; ids grow with creation, like ObjectIds. */
function conversation(overrides: Partial<ConversationView> = {}): ConversationView {
  const n = ++next;
  const at = new Date(Date.UTC(2025, 0, 1, 12, 0, n)).toISOString();
  return {
    id: n.toString(16).padStart(24, '0'),
    kind: 'chat',
    channel: 'web',
    status: 'pending',
    priority: 'normal',
    subject: `Question ${n}`,
    customer: { id: 'c'.repeat(24), name: `Customer ${n}`, verified: false, verifiedAt: null, verifiedBy: null },
    departmentId: null,
    assigneeId: null,
    tags: [],
    createdAt: at,
    queuedAt: at,
    assignedAt: null,
    firstResponseAt: null,
    lastMessageAt: at,
    lastCustomerMessageAt: at,
    closedAt: null,
    closeReason: null,
    lastSeq: 1,
    unread: { agent: 1, customer: 0 },
    read: { agent: 0, customer: 1 },
    revision: 1,
    ...overrides,
  };
}
const changed = (c: ConversationView, overrides: Partial<ConversationView>): ConversationView => ({
  ...c,
  ...overrides,
  revision: c.revision + 1,
});
const ids = (store: QueueStore) => store.rows.map((c) => c.id);
const pending = (filter = {}) => new QueueStore(queueRules({ view: 'pending', filter, agentId: ME }));

describe('agent-queue rules and store', () => {
  it('orders like the server: priority first, then longest waiting, then id', () => {
    const [low, normal, urgent, normal2] = [
      conversation({ priority: 'low' }),
      conversation(),
      conversation({ priority: 'urgent' }),
      conversation(),
    ];
    const sorted = [low!, normal!, urgent!, normal2!].sort(comparator('priority'));
    expect(sorted.map((c) => c.id)).to.deep.equal([urgent!.id, normal!.id, normal2!.id, low!.id]);
    expect([low!, urgent!].sort(comparator('created')).map((c) => c.id)).to.deep.equal([urgent!.id, low!.id]);
  });

  it('keeps the highest revision: late and replayed events change nothing', () => {
    const store = pending();
    const a = conversation();
    const b = conversation();
    store.addPage([a, b], null);
    const urgent = changed(b, { priority: 'urgent' });
    expect(store.apply({ type: 'conversation', conversation: urgent })).to.equal(true);
    expect(ids(store)).to.deep.equal([b.id, a.id]);
    // The older state arrives late, then the same event again.
    expect(store.apply({ type: 'conversation', conversation: b })).to.equal(false);
    expect(store.apply({ type: 'conversation', conversation: urgent })).to.equal(false);
    expect(store.get(b.id)!.priority).to.equal('urgent');
  });

  it('drops a conversation that leaves the tab, and keeps a tombstone for removals', () => {
    const store = pending();
    const a = conversation();
    const b = conversation();
    store.addPage([a, b], null);
    store.apply({ type: 'conversation', conversation: changed(a, { status: 'open', assigneeId: ME }) });
    expect(ids(store)).to.deep.equal([b.id]);
    store.apply({ type: 'removed', conversationId: b.id, revision: 2 });
    expect(ids(store)).to.deep.equal([]);
    // A page read before the removal does not bring it back.
    store.addPage([b], null);
    expect(ids(store)).to.deep.equal([]);
    // A newer state that belongs does.
    store.apply({ type: 'conversation', conversation: { ...b, revision: 3 } });
    expect(ids(store)).to.deep.equal([b.id]);
  });

  it('places live conversations only inside the loaded pages', () => {
    const store = pending();
    const [a, b, c] = [conversation(), conversation(), conversation()];
    store.addPage([a!, b!], 'more');
    // `late` sorts after the last loaded row: the next page brings it.
    const late = conversation();
    store.apply({ type: 'conversation', conversation: late });
    expect(ids(store)).to.deep.equal([a!.id, b!.id]);
    // `early` sorts before it: shown at once, in order.
    const early = conversation({ priority: 'high' });
    store.apply({ type: 'conversation', conversation: early });
    expect(ids(store)).to.deep.equal([early.id, a!.id, b!.id]);
    store.addPage([c!, late], null);
    expect(ids(store)).to.deep.equal([early.id, a!.id, b!.id, c!.id, late.id]);
    // Everything is loaded: anything that belongs is placed.
    const last = conversation({ priority: 'low' });
    store.apply({ type: 'conversation', conversation: last });
    expect(ids(store).at(-1)).to.equal(last.id);
  });

  it('with a text search, inserts only sure matches but keeps updating listed rows', () => {
    const store = pending({ q: 'refund' });
    const listed = conversation({ subject: 'Something' });
    store.addPage([listed], null);
    store.apply({ type: 'conversation', conversation: changed(listed, { priority: 'high' }) });
    expect(store.get(listed.id)!.priority).to.equal('high');
    store.apply({ type: 'conversation', conversation: conversation({ subject: 'hello' }) });
    expect(store.size).to.equal(1);
    const sure = conversation({ subject: 'Need a REFUND please' });
    store.apply({ type: 'conversation', conversation: sure });
    expect(ids(store)).to.include(sure.id);
  });

  it('matches the structural filters like the server', () => {
    const c = conversation({ tags: ['vip'], priority: 'high', departmentId: 'd'.repeat(24) });
    expect(matchesFilter(c, { tag: ['vip', 'other'], priority: ['high'] })).to.equal(true);
    expect(matchesFilter(c, { tag: ['other'] })).to.equal(false);
    expect(matchesFilter(c, { assigneeId: null })).to.equal(true);
    expect(matchesFilter(c, { assigneeId: ME })).to.equal(false);
    expect(matchesFilter(c, { departmentId: ['e'.repeat(24)] })).to.equal(false);
    expect(matchesFilter(c, { from: c.createdAt })).to.equal(true);
    expect(matchesFilter(c, { to: c.createdAt })).to.equal(false);
  });

  it('turns the filter form into the server filter', () => {
    const filter = toFilter({ ...emptyForm(), priority: 'urgent', tag: ' VIP ', assignee: 'none', to: '2025-03-04' }, '  maria ', true);
    expect(filter).to.deep.include({ q: 'maria', priority: ['urgent'], tag: ['vip'], assigneeId: null });
    // `to` includes its whole (local) day.
    expect(new Date(filter.to!).getTime()).to.equal(new Date(2025, 2, 5).getTime());
    // Agents cannot filter by assignee.
    expect(toFilter({ ...emptyForm(), assignee: 'none' }, '', false)).to.deep.equal({});
  });
});
