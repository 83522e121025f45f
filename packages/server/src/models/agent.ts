import { Schema, type InferSchemaType } from 'mongoose';
import { roles } from '../schemas/roles.js';
import { tenantIdField, tenantScope } from './tenant-scope.js';

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
     * Chats this agent can still take: `maxChats` minus open assigned chats. Assignment
     * reserves a slot with one atomic `$inc` guarded by `freeSlots > 0`, so no agent
     * ever goes over the cap, whatever number of processes route at once.
     */
    freeSlots: { type: Number, default: 5 },
    lastAssignedAt: { type: Date, default: null },
    disabledAt: { type: Date, default: null },
  },
  { timestamps: true },
);
agentSchema.plugin(tenantScope);
agentSchema.index({ tenantId: 1, email: 1 }, { unique: true });

export type AgentDoc = InferSchemaType<typeof agentSchema>;
