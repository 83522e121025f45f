import { changePasswordSchema, signInSchema, updateProfileSchema } from '../schemas/auth.js';
import { agentProcedure, publicProcedure, router } from '../trpc.js';

export const authRouter = router({
  /** Email + password → an opaque session token valid for 24 hours. Attempts are rate limited. */
  signIn: publicProcedure
    .input(signInSchema)
    .mutation(({ ctx, input }) => ctx.desk.auth.signIn(input, ctx.meta)),

  signOut: agentProcedure.mutation(async ({ ctx }) => {
    await ctx.desk.auth.signOut(ctx.principal);
    return { ok: true as const };
  }),

  /** The signed-in agent's profile, role, permissions and session expiry. */
  me: agentProcedure.query(({ ctx }) => ctx.desk.auth.me(ctx.principal)),

  updateProfile: agentProcedure
    .input(updateProfileSchema)
    .mutation(({ ctx, input }) => ctx.desk.auth.updateProfile(ctx.principal, input)),

  /** Needs the current password; ends the agent's other sessions. */
  changePassword: agentProcedure.input(changePasswordSchema).mutation(async ({ ctx, input }) => {
    await ctx.desk.auth.changePassword(ctx.principal, input);
    return { ok: true as const };
  }),
});
