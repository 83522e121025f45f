import type { Types } from 'mongoose';
import type { Models } from '../models/index.js';
import type { PresenceLeases } from './presence-leases.js';
import type { ConversationView } from './conversation-views.js';
import { toConversationView } from './conversation-views.js';

export type AssignFailure = 'agent-unavailable' | 'at-capacity' | 'taken';

/** A chat routing gave to an agent, with the conversation as it was before (and the agent's name when routing read it). */
export type Assignment = { conversation: ConversationView; before: ConversationView; agentName?: string };

/** Chats one routing round places at most (each round reads its agents and chats once). */
const ROUND_SIZE = 200;
/** Rounds one run makes at most; what is left waits for the next run or the sweep. */
const MAX_ROUNDS = 100;
/** Rounds in a row that place nothing (every race lost to other routers) before a run gives up. */
const IDLE_ROUNDS = 3;

/** An agent as a routing round plans with them. */
interface Candidate {
  id: string;
  name: string;
  departmentIds: Set<string>;
  freeSlots: number;
  load: number;
  /** When they last got a chat (ms). */
  since: number;
}

const serves = (agent: Candidate, queue: string | null) => queue === null || agent.departmentIds.has(queue);

/**
 * Who takes which chat, in the chats' order: each to the agent serving its queue with the
 * least load (ties: longest since their last chat), counting what this plan gave them.
 */
function plan(agents: Candidate[], chats: ReadonlyArray<{ _id: unknown; departmentId?: unknown }>): Map<Candidate, string[]> {
  const planned = new Map<Candidate, string[]>();
  const left = agents.map((agent) => ({ ...agent }));
  const byId = new Map(agents.map((agent) => [agent.id, agent]));
  let tick = Date.now();
  for (const chat of chats) {
    const queue = chat.departmentId ? String(chat.departmentId) : null;
    let best: (typeof left)[number] | null = null;
    for (const agent of left) {
      if (agent.freeSlots === 0 || !serves(agent, queue)) continue;
      if (!best || agent.load < best.load || (agent.load === best.load && agent.since < best.since)) best = agent;
    }
    if (!best) continue;
    best.freeSlots--;
    best.load++;
    best.since = ++tick;
    const original = byId.get(best.id)!;
    const list = planned.get(original);
    if (list) list.push(String(chat._id));
    else planned.set(original, [String(chat._id)]);
  }
  return planned;
}

/**
 * Puts pending chats with agents. Every step is one single-document atomic update:
 * reserving a slot on the agent for the chat (`freeSlots > 0` → `-1`, the chat pushed
 * onto `slots`), then claiming the chat (`pending` and unassigned → assigned), giving
 * the slot back if the claim loses. So any number of processes can route at once with
 * no double assignment and no agent over their cap. A release pulls the chat off
 * `slots` in the same update that frees the slot, so it frees it once however often it
 * runs; what a process that died between two steps left is put right by `reconcileSlots`.
 */
export class RoutingService {
  constructor(
    private readonly models: Models,
    private readonly leases: PresenceLeases,
    private readonly options: { staleSlotMs: number } = { staleSlotMs: 2 * 60_000 },
  ) {}

  /** Reserves one of an Available, online agent's slots for a chat. */
  async reserve(tenantId: string, agentId: string, conversationId: string): Promise<AssignFailure | null> {
    if (!(await this.leases.isOnline(tenantId, agentId))) return 'agent-unavailable';
    const now = new Date();
    const agent = await this.models.Agent.findOneAndUpdate(
      { tenantId, _id: agentId, disabledAt: null, status: 'available', freeSlots: { $gt: 0 }, 'slots.c': { $ne: conversationId } },
      { $inc: { freeSlots: -1, slotsRev: 1 }, $set: { lastAssignedAt: now }, $push: { slots: { c: conversationId, at: now } } },
    ).lean();
    if (agent) return null;
    const exists = await this.models.Agent.findOne({ tenantId, _id: agentId, disabledAt: null, status: 'available' })
      .select({ slots: 1 })
      .lean();
    if (!exists) return 'agent-unavailable';
    // Another assignment of this chat to this agent is under way.
    if (exists.slots?.some((slot) => String(slot.c) === conversationId)) return 'taken';
    return 'at-capacity';
  }

  /** Frees the agent's slot held for a chat; a second release of the same chat does nothing. */
  async release(tenantId: string, agentId: string, conversationId: string): Promise<void> {
    await this.models.Agent.updateOne(
      { tenantId, _id: agentId, 'slots.c': conversationId },
      { $pull: { slots: { c: conversationId } }, $inc: { freeSlots: 1, slotsRev: 1 } },
    );
  }

  /**
   * Assigns a pending conversation to an agent, or says why not. A chat takes one of
   * the agent's slots; a ticket (async work) takes none.
   */
  async assign(
    tenantId: string,
    conversationId: string,
    agentId: string,
    kind: 'chat' | 'ticket' = 'chat',
  ): Promise<Assignment | { failure: AssignFailure }> {
    const failure = kind === 'chat' ? await this.reserve(tenantId, agentId, conversationId) : await this.activeCheck(tenantId, agentId);
    if (failure) return { failure };
    const claimed = await this.claim(tenantId, conversationId, agentId, kind);
    if (!claimed) {
      if (kind === 'chat') await this.release(tenantId, agentId, conversationId);
      return { failure: 'taken' };
    }
    return claimed;
  }

  /** Gives a pending, unassigned conversation to an agent whose slot (for a chat) is reserved; null if it is taken. */
  private async claim(tenantId: string, conversationId: string, agentId: string, kind: 'chat' | 'ticket', agentName?: string): Promise<Assignment | null> {
    const pending = { tenantId, _id: conversationId, kind, status: 'pending' as const, assigneeId: null };
    const now = new Date();
    const set = { status: 'open', assigneeId: agentId, assignedAt: now };
    const claimWhere = (filter: Record<string, unknown>, $set: Record<string, unknown>) =>
      this.models.Conversation.findOneAndUpdate({ ...pending, ...filter }, { $set, $inc: { revision: 1 } }, { returnDocument: 'after' }).lean();
    // Its first pickup also stamps `firstAssignedAt`, in the same atomic update: the
    // filter picks the case (no `$ifNull` in updates on the embedded database).
    const claimed = (await claimWhere({ firstAssignedAt: null }, { ...set, firstAssignedAt: now })) ?? (await claimWhere({ firstAssignedAt: { $ne: null } }, set));
    if (!claimed) return null;
    const before = { ...claimed, status: 'pending', assigneeId: null, assignedAt: null };
    return { conversation: toConversationView(claimed), before: toConversationView(before), ...(agentName ? { agentName } : {}) };
  }

  /** Tickets need an enabled agent, not an Available one. */
  private async activeCheck(tenantId: string, agentId: string): Promise<AssignFailure | null> {
    const agent = await this.models.Agent.exists({ tenantId, _id: agentId, disabledAt: null });
    return agent ? null : 'agent-unavailable';
  }

  /**
   * Automatic routing over some queues (department ids; `null` is the general queue), in
   * rounds: each round reads the online, Available agents with room and the waiting chats
   * of the queues they serve (highest priority, longest waiting first) once, plans who takes
   * what in memory (each chat to the least-loaded agent serving its queue, ties: longest
   * since last chat), then makes the plan real with the same single-document atomic updates
   * as `assign`: one slot reservation per agent for all of their chats of the round
   * (`freeSlots >= n` → `-n`) and one claim per chat, giving back the slots of claims that
   * lose. So a burst costs a few queries per round rather than per chat, and any number of
   * processes can still route at once with no double assignment and no agent over their cap.
   * Queues in manual mode are left alone. Yields each round's assignments. Ends early,
   * between two rounds, once `signal` aborts (process shutdown): what is left waits for the
   * next run.
   */
  async *route(tenantId: string, queues: ReadonlyArray<string | null>, signal?: AbortSignal): AsyncGenerator<Assignment[]> {
    const open = await this.autoQueues(tenantId, queues);
    let idle = 0;
    for (let round = 0; round < MAX_ROUNDS && open.length > 0 && !signal?.aborted; round++) {
      const agents = await this.candidates(tenantId);
      const served = open.filter((queue) => agents.some((agent) => serves(agent, queue)));
      const room = agents.reduce((sum, agent) => sum + agent.freeSlots, 0);
      if (served.length === 0 || room === 0) break;
      const chats = await this.models.Conversation.find({
        tenantId,
        departmentId: { $in: served },
        kind: 'chat',
        status: 'pending',
        assigneeId: null,
      })
        .sort({ priorityRank: -1, queuedAt: 1, _id: 1 })
        .limit(Math.min(room, ROUND_SIZE))
        .select({ departmentId: 1 })
        .lean();
      if (chats.length === 0) break;
      const { placed, failures } = await this.place(tenantId, plan(agents, chats));
      // What was placed is announced even when another placement of the round failed.
      if (placed.length > 0) yield placed;
      if (failures.length > 0) throw failures[0];
      if (placed.length > 0) idle = 0;
      else if (++idle === IDLE_ROUNDS) {
        // Every race of these rounds was lost to other routers: they place what waits.
        break;
      }
    }
  }

  /** The online, Available agents with room, as routing plans with them. */
  private async candidates(tenantId: string): Promise<Candidate[]> {
    const online = await this.leases.onlineAgents(tenantId);
    if (online.length === 0) return [];
    const rows = await this.models.Agent.find({ tenantId, _id: { $in: online }, disabledAt: null, status: 'available', freeSlots: { $gt: 0 } })
      .select({ name: 1, departmentIds: 1, freeSlots: 1, maxChats: 1, lastAssignedAt: 1 })
      .lean();
    return rows.map((row) => ({
      id: String(row._id),
      name: row.name,
      departmentIds: new Set(row.departmentIds.map(String)),
      freeSlots: row.freeSlots,
      load: row.maxChats - row.freeSlots,
      since: row.lastAssignedAt?.getTime() ?? 0,
    }));
  }

  /**
   * Reserves each agent's slots for their planned chats at once, then claims the chats; a
   * reservation that fails (the agent took chats elsewhere meanwhile, or left) leaves its
   * chats for the next round, and a lost claim gives its slot back.
   */
  private async place(tenantId: string, planned: Map<Candidate, string[]>): Promise<{ placed: Assignment[]; failures: unknown[] }> {
    const placed: Assignment[] = [];
    const failures: unknown[] = [];
    const settled = <T>(outcomes: PromiseSettledResult<T>[]) =>
      outcomes.flatMap((outcome) => (outcome.status === 'fulfilled' ? [outcome.value] : (failures.push(outcome.reason), [])));
    settled(
      await Promise.allSettled(
        [...planned].map(async ([agent, chats]) => {
          const now = new Date();
          const reserved = await this.models.Agent.updateOne(
            { tenantId, _id: agent.id, disabledAt: null, status: 'available', freeSlots: { $gte: chats.length }, 'slots.c': { $nin: chats } },
            {
              $inc: { freeSlots: -chats.length, slotsRev: 1 },
              $set: { lastAssignedAt: now },
              $push: { slots: { $each: chats.map((c) => ({ c, at: now })) } },
            },
          );
          if (reserved.modifiedCount !== 1) return;
          const claims = await Promise.allSettled(chats.map((chat) => this.claim(tenantId, chat, agent.id, 'chat', agent.name)));
          // Claims that lost give their slots back; one that failed keeps its slot (the chat may be this agent's now).
          const lost = chats.filter((_, i) => {
            const claim = claims[i]!;
            return claim.status === 'fulfilled' && claim.value === null;
          });
          for (const claim of settled(claims)) if (claim) placed.push(claim);
          // One update per chat: the embedded database's `$pull` takes no `$in`.
          await Promise.all(lost.map((chat) => this.release(tenantId, agent.id, chat)));
        }),
      ),
    );
    return { placed, failures };
  }

  /**
   * The queues of `queues` that route automatically: a department's own `routingMode`
   * wins; `'tenant'` (and the general queue) follow the tenant's setting.
   */
  private async autoQueues(tenantId: string, queues: ReadonlyArray<string | null>): Promise<Array<string | null>> {
    const unique = [...new Set(queues)];
    const tenant = await this.models.Tenant.findOne({ _id: tenantId }).select({ routingMode: 1 }).lean();
    const tenantAuto = tenant?.routingMode === 'auto';
    const ids = unique.filter((q): q is string => q !== null);
    const departments = ids.length
      ? await this.models.Department.find({ tenantId, _id: { $in: ids } }).select({ routingMode: 1 }).lean()
      : [];
    const auto = new Set(
      departments.filter((d) => d.routingMode === 'auto' || (d.routingMode !== 'manual' && tenantAuto)).map((d) => String(d._id)),
    );
    return unique.filter((q) => (q === null ? tenantAuto : auto.has(q)));
  }

  /**
   * Sets every agent's slots from the chats they hold. Only for when nothing routes
   * meanwhile (seeding, maintenance): it is a read followed by a write.
   */
  async recountSlots(tenantId: string): Promise<void> {
    const agents = await this.models.Agent.find({ tenantId }).select({ maxChats: 1 }).lean();
    for (const agent of agents) {
      const held = await this.heldChats(tenantId, agent._id);
      await this.models.Agent.updateOne(
        { tenantId, _id: agent._id },
        { $set: { slots: held.map((c) => ({ c, at: null })), freeSlots: agent.maxChats - held.length }, $inc: { slotsRev: 1 } },
      );
    }
  }

  /**
   * Puts right the slots a process that died mid-assignment left: an agent's slot whose
   * chat is not theirs (never claimed, lost, closed or moved without its release) is
   * freed, and a chat the agent holds without a slot (an agent from before slots listed
   * chats) gets one. Slots younger than `staleSlotMs` are left alone: their claim may
   * still be on its way. Looks at the agents with a stale slot not yet found held, or
   * with `all`, at every agent (a slot found held once may be left behind later, by a
   * close or a transfer whose release never ran). Each agent that needs it is rewritten
   * in one update guarded on `slotsRev`, so a reservation or release meanwhile makes it
   * wait for the next run rather than be overwritten, and a release after the rewrite
   * finds its chat gone and frees nothing. Every process runs this, every tenant, now
   * and then; returns the agents whose free slots it changed, and by how many.
   */
  async reconcileSlots(options: { now?: number; all?: boolean } = {}): Promise<Array<{ tenantId: string; agentId: string; freed: number }>> {
    const stale = new Date((options.now ?? Date.now()) - this.options.staleSlotMs);
    const agents = await this.models.Agent.find(options.all ? {} : { $or: [{ 'slots.at': { $lt: stale } }, { slots: { $exists: false } }] })
      .setOptions({ crossTenant: true })
      .select({ tenantId: 1, maxChats: 1, freeSlots: 1, slots: 1, slotsRev: 1 })
      .lean();
    const changed: Array<{ tenantId: string; agentId: string; freed: number }> = [];
    for (const agent of agents) {
      const tenantId = String(agent.tenantId);
      const held = await this.heldChats(tenantId, agent._id);
      const heldIds = new Set(held.map(String));
      // Held chats are confirmed (`at: null`: the frequent runs look at them no more); young reservations wait for their claim.
      const waiting = (agent.slots ?? []).filter((slot) => slot.at && slot.at >= stale && !heldIds.has(String(slot.c)));
      const slots = [...held.map((c) => ({ c, at: null })), ...waiting];
      if (agent.slots && sameSlots(agent.slots, slots)) continue;
      const freeSlots = agent.maxChats - slots.length;
      const done = await this.models.Agent.updateOne(
        { tenantId, _id: agent._id, slotsRev: agent.slotsRev ?? null },
        { $set: { slots, freeSlots }, $inc: { slotsRev: 1 } },
      );
      const freed = freeSlots - agent.freeSlots;
      if (done.modifiedCount === 1 && freed !== 0) changed.push({ tenantId, agentId: String(agent._id), freed });
    }
    return changed;
  }

  /** The chats that hold an agent's slots: open or on hold, assigned to them. */
  private async heldChats(tenantId: string, agentId: Types.ObjectId): Promise<Types.ObjectId[]> {
    const rows = await this.models.Conversation.find({ tenantId, assigneeId: agentId, kind: 'chat', status: { $in: ['open', 'on-hold'] } })
      .select({ _id: 1 })
      .lean();
    return rows.map((row) => row._id);
  }
}

type Slot = { c: unknown; at?: Date | null };

/** The same chats, each reserved at the same time (or each confirmed). */
function sameSlots(a: ReadonlyArray<Slot>, b: ReadonlyArray<Slot>): boolean {
  const key = (slot: Slot) => `${String(slot.c)}@${slot.at?.getTime() ?? ''}`;
  const keys = new Set(a.map(key));
  return a.length === b.length && b.every((slot) => keys.has(key(slot)));
}
