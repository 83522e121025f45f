/**
 * Is this browser origin allowed to embed the desk? Same-origin requests always are;
 * others must be in the allow-list (`*` allows any).
 */
export function originAllowed(origin: string | undefined, host: string | undefined, allowList: readonly string[]): boolean {
  if (!origin) return true;
  if (allowList.includes('*') || allowList.includes(origin)) return true;
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}
