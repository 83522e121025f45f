import { TRPCError } from '@trpc/server';

/** Missing and not-yours look the same, so ids never reveal what exists elsewhere. */
export const notFound = (what: string) => new TRPCError({ code: 'NOT_FOUND', message: `${what} not found` });

export const unauthorized = (message = 'sign in required') => new TRPCError({ code: 'UNAUTHORIZED', message });

/** A BAD_REQUEST naming the field, shaped like a schema failure. */
export const invalidField = (field: string, message: string) =>
  new TRPCError({ code: 'BAD_REQUEST', message: `${field}: ${message}`, cause: new FieldError(field, message) });

export class FieldError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

export const isDuplicateKey = (err: unknown) => (err as { code?: number })?.code === 11000;
