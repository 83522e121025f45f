import { TRPCError } from '@trpc/server';

/** Missing and not-yours look the same, so ids never reveal what exists elsewhere. */
export const notFound = (what: string) => new TRPCError({ code: 'NOT_FOUND', message: `${what} not found` });

export const forbidden = (message: string) => new TRPCError({ code: 'FORBIDDEN', message });

export const unauthorized = (message = 'sign in required') => new TRPCError({ code: 'UNAUTHORIZED', message });

export const tooManyStreams = (limit: number) =>
  new TRPCError({ code: 'TOO_MANY_REQUESTS', message: `At most ${limit} live streams at once; close one first` });

/** A BAD_REQUEST naming the field, shaped like a schema failure. */
export const invalidField = (field: string, message: string) =>
  new TRPCError({ code: 'BAD_REQUEST', message: `${field}: ${message}`, cause: new FieldError(field, message) });

/** BAD_REQUEST on `field` when outbound requests could not reach `url` (e.g. a private address on a hosted desk). */
export async function assertReachable(policy: { endpointRefusal(url: string): Promise<string | null> }, field: string, url: string): Promise<void> {
  const refused = await policy.endpointRefusal(url);
  if (refused) throw invalidField(field, refused);
}

export class FieldError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

export const isDuplicateKey = (err: unknown) => (err as { code?: number })?.code === 11000;
