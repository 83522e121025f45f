import { z } from 'zod';

export const agentStatusSchema = z.enum(['available', 'unavailable']);
export type AgentStatus = z.infer<typeof agentStatusSchema>;

export const setStatusSchema = z.object({ status: agentStatusSchema });
