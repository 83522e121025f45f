import { Schema, type InferSchemaType } from 'mongoose';
import { roles } from '../schemas/roles.js';
import { tenantIdField, tenantScope } from './tenant-scope.js';

/** A chat holding one of the agent's slots. */
const slotSchema = new Schema({ c: { type: Schema.Types.ObjectId, required: true }, at: { type: Date, default: null } }, { _id: false });

export const agentSchema = new Schema(
  {
    tenantId: tenantIdField,
    email: { type: String, required: true, lowercase: true, trim: true },
    name: { type: String, required: true },
    avatarUrl: { type: String, default: null },
    role: { type: String, enum: roles, required: true, default: 'agent' },
    passwordHash: { type: String, required: true },
    status: { type: String, enum: ['available', 'unavailable'], default: 'unavailable' },
    departmentIds: { type: [Schema.Types.ObjectId], default: [] },
    maxChats: { type: Number, default: 5 },
    /**
     * Chats this agent can still take: `maxChats` minus `slots`. Assignment reserves a
     * slot with one atomic `$inc` guarded by `freeSlots > 0`, so no agent ever goes over
     * the cap, whatever number of processes route at once.
     */
    freeSlots: { type: Number, default: 5 },
    /**
     * The chats holding this agent's slots, each pushed with its reservation and pulled
     * with its release (so a release is idempotent). `at`: when it was reserved, until
     * the reconcile found the chat held (then null); an entry whose chat is not held long
     * after that was left by a process that died mid-assignment (`RoutingService.reconcileSlots`).
     */
    slots: { type: [slotSchema], default: [] },
    /** Bumped by every change to `freeSlots`, `slots` or `maxChats`: the reconcile writes only over what it read. */
    slotsRev: { type: Number, default: 0 },
    lastAssignedAt: { type: Date, default: null },
    disabledAt: { type: Date, default: null },
  },
  { timestamps: true },
);
agentSchema.plugin(tenantScope);
agentSchema.index({ tenantId: 1, email: 1 }, { unique: true });

export type AgentDoc = InferSchemaType<typeof agentSchema>;
