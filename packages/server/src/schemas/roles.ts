import { z } from 'zod';

export const roles = ['agent', 'supervisor', 'admin'] as const;
export const roleSchema = z.enum(roles);
export type Role = z.infer<typeof roleSchema>;

/** Every named permission. Partner API key scopes use the same names. */
export const permissions = [
  'presence:read',
  'presence:write',
  'agents:read',
  'agents:manage',
  'departments:read',
  'customers:read',
  'conversations:read',
  'conversations:supervise',
  'apikeys:manage',
  'settings:manage',
] as const;
export const permissionSchema = z.enum(permissions);
export type Permission = z.infer<typeof permissionSchema>;

const agentPermissions: Permission[] = [
  'presence:read',
  'presence:write',
  'agents:read',
  'departments:read',
  'customers:read',
  'conversations:read',
];
const supervisorPermissions: Permission[] = [...agentPermissions, 'conversations:supervise'];

/** The permissions each role grants. */
export const rolePermissions: Record<Role, readonly Permission[]> = {
  agent: agentPermissions,
  supervisor: supervisorPermissions,
  admin: [...permissions],
};

/**
 * The permissions `role` grants that `held` lacks: a caller may give (or take away) only a
 * role whose every permission it holds itself, so no one grants more than they have.
 */
export function ungrantable(held: readonly Permission[], role: Role): Permission[] {
  return rolePermissions[role].filter((permission) => !held.includes(permission));
}
