/** A tRPC error's code (`UNAUTHORIZED`, `CONFLICT`, `BAD_REQUEST`, …), if it has one. */
export const errorCode = (err: unknown): string | undefined =>
  (err as { data?: { code?: string } } | null)?.data?.code ?? undefined;
