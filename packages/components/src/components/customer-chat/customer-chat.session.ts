
/** What a portal's identity token says about its customer, read for display only (the desk verifies it). */
export interface IdentityClaims {
  sub?: string;
  name?: string;
  email?: string;
}

/** Decodes a JWT's payload without verifying it; `null` when it is not a readable JWT. */
export function readIdentityClaims(token: string | null | undefined): IdentityClaims | null {
  const payload = token?.split('.')[1];
  if (!payload) return null;
  try {
    const base64 = payload.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(payload.length / 4) * 4, '=');
    const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
    const claims = JSON.parse(new TextDecoder().decode(bytes)) as Record<string, unknown>;
    const text = (value: unknown) => (typeof value === 'string' && value.trim() ? value.trim() : undefined);
    return { sub: text(claims.sub), name: text(claims.name), email: text(claims.email) };
  } catch {
    return null;
  }
}

/**
 * Where this browser keeps its visitor token for a desk and tenant, so a reload resumes
 * the chat. A portal's signed-in customer gets their own slot (by the token's `sub`), so
 * customers sharing a browser never see each other's chats.
 */
export function visitorStorageKey(server: string, tenant: string, identityToken: string | null): string {
  const who = identityToken ? `:${readIdentityClaims(identityToken)?.sub ?? 'verified'}` : '';
  return `deskkit.visitor:${server.replace(/\/+$/, '')}:${tenant}${who}`;
}

/** localStorage that tolerates being unavailable (private modes, sandboxed frames). */
export const visitorStore = {
  get(key: string): string | null {
    try {
      return globalThis.localStorage?.getItem(key) ?? null;
    } catch {
      return null;
    }
  },
  set(key: string, token: string | null): void {
    try {
      if (token) globalThis.localStorage?.setItem(key, token);
      else globalThis.localStorage?.removeItem(key);
    } catch {
      // Not persisted: the chat still works until the page is closed.
    }
  },
};
