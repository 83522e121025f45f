import type { DeskConfigInput } from '../config.js';
import { startDesk, type RunningDesk } from '../app.js';
import type { StaticMount } from '../koa.js';
import { seedDemo, type SeedResult } from '../services/seed.js';

type RateLimitConfig = Pick<DeskConfigInput, 'signInLimitAccount' | 'signInLimitIp' | 'signInWindowSec' | 'sendRatePerSec' | 'sendBurst' | 'sendBurstWindowSec'>;

/** Tests sign in and send a lot from 127.0.0.1: limits they never reach, still counted. */
export const testRateLimits = { signInLimitAccount: 1_000, signInLimitIp: 10_000, sendRatePerSec: 1_000, sendBurst: 10_000 } satisfies RateLimitConfig;

export interface TestDesk {
  url: string;
  desk: RunningDesk;
  seed: SeedResult;
  /** The database this desk uses, for more desks (or processes) sharing it. */
  databaseUri: string;
  close(): Promise<void>;
}

/**
 * A real desk for tests: Koa on a free loopback port, the embedded database
 * (or `mongodbUri`), demo seed data, quiet logs and fast timers.
 */
export async function startTestDesk(
  options: {
    corsOrigins?: string[];
    mongodbUri?: string;
    heartbeatMs?: number;
    presenceTtlMs?: number;
    sessionTtlMs?: number;
    /** How often this desk's routing sweep runs (the safety net for lost routing triggers). */
    routingSweepMs?: number;
    /** How often the slot reconcile runs, and how old a reservation it frees must be. */
    slotReconcileMs?: number;
    slotStaleMs?: number;
    /** The SSE keep-alive interval (tests of pings use a short one). */
    ssePingMs?: number;
    staticMounts?: StaticMount[];
    /** Serve the demo-only routes (the portal's identity-token endpoint). */
    demo?: boolean;
    /** Sign-in and send limits; by default far above what any test does from its one address. */
    rateLimits?: Partial<RateLimitConfig>;
    /** Take client addresses from `X-Forwarded-For` (tests of per-address limits). */
    trustProxy?: boolean;
    /** Whether admins may configure endpoints on private networks and this machine (default: yes). */
    privateEndpoints?: boolean;
    /** Live streams one agent, customer or API key may hold open (default: the desk's). */
    streamsPerHolder?: number;
  } = {},
): Promise<TestDesk> {
  const desk = await startDesk({
    port: 0,
    host: '127.0.0.1',
    logLevel: (process.env.DESKKIT_TEST_LOG ?? 'silent') as DeskConfigInput['logLevel'],
    corsOrigins: (options.corsOrigins ?? []).join(','),
    mongodbUri: options.mongodbUri,
    heartbeatMs: options.heartbeatMs ?? 1_000,
    presenceTtlMs: options.presenceTtlMs ?? 3_000,
    sessionTtlMs: options.sessionTtlMs,
    routingSweepMs: options.routingSweepMs,
    slotReconcileMs: options.slotReconcileMs,
    slotStaleMs: options.slotStaleMs,
    ssePingMs: options.ssePingMs,
    eventPollMs: 50,
    staticMounts: options.staticMounts,
    demo: options.demo,
    ...testRateLimits,
    ...options.rateLimits,
    trustProxy: options.trustProxy ? 'true' : 'false',
    privateEndpoints: options.privateEndpoints === false ? 'false' : 'true',
    streamsPerHolder: options.streamsPerHolder,
    // The tests' provider serves media over http on loopback.
    loopbackLinks: 'true',
  });
  const seed = await seedDemo(desk.services);
  return { url: desk.url, desk, seed, databaseUri: desk.services.db.uri, close: desk.close };
}
