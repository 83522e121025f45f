/** What a failed call says, for people and for code. */

/** A tRPC error's code (`UNAUTHORIZED`, `CONFLICT`, `BAD_REQUEST`, …), if it has one. */
export const errorCode = (err: unknown): string | undefined =>
  (err as { data?: { code?: string } } | null)?.data?.code ?? undefined;

/** An error as one line of text (tRPC errors carry the server's message). */
export const errorText = (err: unknown) => (err instanceof Error ? err.message : String(err));

/**
 * The per-field messages of a `BAD_REQUEST` (`{ 'message.body': 'must not be empty' }`),
 * from the error's `data.fields` or, failing that, its `field: message` text.
 */
export function fieldErrors(err: unknown): Record<string, string> {
  if (errorCode(err) !== 'BAD_REQUEST') return {};
  const data = (err as { data?: { fields?: Record<string, string[]> | null } }).data;
  if (data?.fields) {
    return Object.fromEntries(Object.entries(data.fields).map(([field, messages]) => [field, messages.join(', ')]));
  }
  const fields: Record<string, string> = {};
  for (const part of (err as Error).message.split('; ')) {
    const match = /^([\w.]+): (.+)$/.exec(part);
    if (match) fields[match[1]!] = match[2]!;
  }
  return fields;
}
