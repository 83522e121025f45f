// Test-only: modules that answer slowly or not at all, as on a slow or lost connection, for the
// parts that load on first use: `executeServerCommand('desk-lazy-module', { path, fail, delayMs })`
// from a test. `path` matches the module's file name without extension (`chat-window.dialogs`);
// `fail: true` answers 503 until the command runs again for it with `fail: false`. The page's HTTP
// cache goes off (an earlier test file may have cached the module for a year, as the runner serves it).

export function deskLazyModules() {
  /** Module name → how to answer it. */
  const rules = new Map();
  return {
    plugin: {
      name: 'desk-lazy-module',
      async executeCommand({ command, payload, session }) {
        if (command !== 'desk-lazy-module') return undefined;
        await session.browser.getPage(session.id).setCacheEnabled(false);
        if (!payload?.fail && !payload?.delayMs) rules.delete(payload.path);
        else rules.set(payload.path, { fail: Boolean(payload.fail), delayMs: payload.delayMs ?? 0 });
        return true;
      },
    },
    async middleware(ctx, next) {
      const name = ctx.path.split('/').pop()?.replace(/\.[jt]s$/, '');
      const rule = name && rules.get(name);
      if (rule?.delayMs) await new Promise((resolve) => setTimeout(resolve, rule.delayMs));
      if (rule?.fail) {
        // Written here, so the test runner's cache header (a year, for every file) is not added:
        // the browser asks again next time, as it would after a real 503.
        ctx.respond = false;
        ctx.res.writeHead(503, { 'content-type': 'text/plain', 'cache-control': 'no-store' });
        ctx.res.end('unavailable');
        return;
      }
      await next();
    },
  };
}
