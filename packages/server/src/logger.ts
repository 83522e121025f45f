import { pino, type Logger } from 'pino';

export type { Logger };

/** Structured JSON logs; `pino-pretty` on a terminal. Session tokens and keys are redacted. */
export function createLogger(level: string): Logger {
  const pretty = process.stdout.isTTY && !process.env.CI;
  return pino({
    level,
    base: { service: 'deskkit' },
    redact: ['req.headers.authorization', 'token', 'password', 'apiKey'],
    ...(pretty ? { transport: { target: 'pino-pretty', options: { translateTime: 'SYS:HH:MM:ss' } } } : {}),
  });
}
