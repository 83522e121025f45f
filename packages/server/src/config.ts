import { z } from 'zod';

const list = z
  .string()
  .transform((s) => s.split(',').map((v) => v.trim()).filter(Boolean));

/** Server settings, read once from the environment. */
export const configSchema = z.object({
  port: z.coerce.number().int().min(0).max(65535).default(3000),
  host: z.string().default('127.0.0.1'),
  mongodbUri: z.string().optional(),
  /** Where the embedded database snapshots its memory; unset keeps it purely in memory. */
  embeddedPersistPath: z.string().optional(),
  corsOrigins: list.default([]),
  logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  bodyLimitBytes: z.coerce.number().int().positive().default(1_000_000),
  sessionTtlMs: z.coerce.number().int().positive().default(24 * 60 * 60 * 1000),
  presenceTtlMs: z.coerce.number().int().positive().default(30_000),
  heartbeatMs: z.coerce.number().int().positive().default(10_000),
  eventPollMs: z.coerce.number().int().positive().default(150),
  /** How often SSE subscriptions get a keep-alive ping; unset: the router's 10 s (clients reconnect after 25 s of silence). */
  ssePingMs: z.coerce.number().int().positive().max(25_000).optional(),
  /** How often every process routes whatever still waits where routing is automatic (a safety net). */
  routingSweepMs: z.coerce.number().int().positive().default(5_000),
  /** How often every process frees agents' slots whose chat is not theirs (once they are `slotStaleMs` old). */
  slotReconcileMs: z.coerce.number().int().positive().default(60_000),
  /** How old an unclaimed slot reservation must be before it counts as left behind. */
  slotStaleMs: z.coerce.number().int().positive().default(2 * 60_000),
  /** How long an upload may wait for a message to reference it; older unreferenced uploads are removed. */
  uploadGraceMs: z.coerce.number().int().positive().default(24 * 60 * 60 * 1000),
  /** How often every process looks for such uploads. */
  uploadSweepMs: z.coerce.number().int().positive().default(15 * 60 * 1000),
  websocket: z
    .enum(['true', 'false', '1', '0'])
    .transform((v) => v === 'true' || v === '1')
    .default(true),
  staticDir: z.string().optional(),
  /** The URL the desk is reached at from outside (channel providers fetch files there); unset: the address it listens on. */
  publicUrl: z.url({ protocol: /^https?$/ }).optional(),
  /**
   * Whether endpoints a tenant's admin configures (integrations, channel and payment
   * providers, the LLM) may be on a private network or this machine (an intranet
   * deployment). Off (a desk hosting tenants it does not trust), they must be https on
   * public addresses; checked as each request connects.
   */
  privateEndpoints: z
    .enum(['true', 'false', '1', '0'])
    .transform((v) => v === 'true' || v === '1')
    .default(true),
  /**
   * Whether links from a provider's payload or a customer may be plain http to this
   * machine (the demo's and the tests' local provider). Off by default: a media link
   * must be https to a public address, so a provider cannot make the desk read local services.
   */
  loopbackLinks: z
    .enum(['true', 'false', '1', '0'])
    .transform((v) => v === 'true' || v === '1')
    .default(false),
  /** Client addresses come from the last `X-Forwarded-For` entry (set it behind one reverse proxy). */
  trustProxy: z
    .enum(['true', 'false', '1', '0'])
    .transform((v) => v === 'true' || v === '1')
    .default(false),
  // Rate limits, counted in MongoDB so they hold across processes; 0 turns one off.
  /** Sign-in attempts per account and address, then per address alone, in `signInWindowSec`; a success resets the account's count. */
  signInLimitAccount: z.coerce.number().int().min(0).default(10),
  signInLimitIp: z.coerce.number().int().min(0).default(100),
  signInWindowSec: z.coerce.number().positive().default(15 * 60),
  /** Messages per second a sender (agent, visitor, address starting chats) keeps up… */
  sendRatePerSec: z.coerce.number().int().min(0).default(1),
  /** …plus this many more in a burst, renewed every `sendBurstWindowSec`. */
  sendBurst: z.coerce.number().int().min(0).default(30),
  sendBurstWindowSec: z.coerce.number().positive().default(60),
  /** Live streams (SSE or WebSocket subscriptions) one agent, customer or API key may hold open on one process. */
  streamsPerHolder: z.coerce.number().int().min(0).default(50),
});

export type DeskConfig = z.infer<typeof configSchema>;
export type DeskConfigInput = z.input<typeof configSchema>;

export function configFromEnv(env: NodeJS.ProcessEnv = process.env): DeskConfig {
  return configSchema.parse({
    port: env.PORT,
    host: env.HOST,
    mongodbUri: env.MONGODB_URI || undefined,
    embeddedPersistPath: env.DESKKIT_EMBEDDED_PERSIST || undefined,
    corsOrigins: env.DESKKIT_CORS_ORIGINS,
    logLevel: env.LOG_LEVEL,
    bodyLimitBytes: env.DESKKIT_BODY_LIMIT,
    websocket: env.DESKKIT_WEBSOCKET,
    heartbeatMs: env.DESKKIT_HEARTBEAT_MS,
    presenceTtlMs: env.DESKKIT_PRESENCE_TTL_MS,
    eventPollMs: env.DESKKIT_EVENT_POLL_MS,
    ssePingMs: env.DESKKIT_SSE_PING_MS || undefined,
    routingSweepMs: env.DESKKIT_ROUTING_SWEEP_MS,
    slotReconcileMs: env.DESKKIT_SLOT_RECONCILE_MS,
    slotStaleMs: env.DESKKIT_SLOT_STALE_MS,
    uploadGraceMs: env.DESKKIT_UPLOAD_GRACE_MS,
    uploadSweepMs: env.DESKKIT_UPLOAD_SWEEP_MS,
    publicUrl: env.DESKKIT_PUBLIC_URL || undefined,
    trustProxy: env.DESKKIT_TRUST_PROXY,
    privateEndpoints: env.DESKKIT_PRIVATE_ENDPOINTS,
    loopbackLinks: env.DESKKIT_LOOPBACK_LINKS,
    signInLimitAccount: env.DESKKIT_SIGNIN_LIMIT_ACCOUNT,
    signInLimitIp: env.DESKKIT_SIGNIN_LIMIT_IP,
    signInWindowSec: env.DESKKIT_SIGNIN_WINDOW_SEC,
    sendRatePerSec: env.DESKKIT_SEND_RATE,
    sendBurst: env.DESKKIT_SEND_BURST,
    sendBurstWindowSec: env.DESKKIT_SEND_BURST_WINDOW_SEC,
    streamsPerHolder: env.DESKKIT_STREAMS_PER_HOLDER,
  });
}
