export { startDesk, type RunningDesk } from './app.js';
export { configFromEnv, type DeskConfig } from './config.js';
export type { AppRouter } from './routers/_app.js';
export type { PresenceEntry, DeskEventMap } from './events/types.js';
export type { AgentProfile } from './services/agents.js';
