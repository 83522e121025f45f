import { rolePermissions } from '../schemas/roles.js';
import { FieldError } from './errors.js';
import type { Services } from './index.js';

/** The demo's canned replies: department `null` is tenant-wide. */
const demoReplies: Array<{ department: string | null; shortcut: string; title: string; body: string }> = [
  { department: null, shortcut: 'hello', title: 'Greeting', body: 'Hi {{customer.firstName}}, I’m {{agent.firstName}}. How can I help you today?' },
  { department: null, shortcut: 'thanks', title: 'Thanks for waiting', body: 'Thank you for your patience, {{customer.firstName}}! I’m looking into it now.' },
  { department: null, shortcut: 'bye', title: 'Closing', body: 'Is there anything else I can help you with? Have a great day, {{customer.firstName}}!' },
  {
    department: 'Billing',
    shortcut: 'refund',
    title: 'Refund policy',
    body: 'Refunds go back to the original payment method within 5–10 business days. I’ve noted your request, {{customer.firstName}}; our {{department.name}} team will confirm by email to {{customer.email}}.',
  },
  { department: 'Sales', shortcut: 'pricing', title: 'Pricing page', body: 'You can compare our plans at https://example.com/pricing — happy to walk you through them, {{customer.firstName}}.' },
  { department: 'Support', shortcut: 'reset-password', title: 'Password reset', body: 'Please use “Forgot password” on the sign-in page; the email can take a few minutes. Check your spam folder too.' },
];

/** Creates the demo's canned replies as the admin; ones that exist already stay as they are. */
export async function seedCannedReplies(desk: Services, tenantId: string, admin: { id: string; name: string }, departmentIds: Map<string, string>): Promise<void> {
  const caller = {
    kind: 'agent' as const,
    tenantId,
    agentId: admin.id,
    name: admin.name,
    sessionId: 'seed',
    role: 'admin' as const,
    permissions: rolePermissions.admin,
    expiresAt: new Date(Date.now() + 60_000),
  };
  for (const reply of demoReplies) {
    const departmentId = reply.department ? (departmentIds.get(reply.department) ?? null) : null;
    try {
      await desk.cannedReplies.create(caller, { departmentId, shortcut: reply.shortcut, title: reply.title, body: reply.body });
    } catch (err) {
      // Already there (seeding again).
      if (!(err instanceof Error && err.cause instanceof FieldError && err.cause.field === 'shortcut')) throw err;
    }
  }
}
