// Component tests in Debian's Chromium (never a downloaded browser), against a real desk server.
import { chromeLauncher } from '@web/test-runner-chrome';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { fileURLToPath } from 'node:url';
// Loaded through tsx (see the package's test script), so the TypeScript harness imports directly.
import { chromiumArgs, chromiumPath, startTestDesk } from '@deskkit/server/testing';

// WTR_PORT lets several runs (e.g. one element's tests each) go side by side.
const port = Number(process.env.WTR_PORT) || 8765;
const desk = await startTestDesk({ corsOrigins: [`http://localhost:${port}`, `http://127.0.0.1:${port}`] });

/** Tells the browser where the desk is and whom to sign in as: GET /__desk-env.json. */
const deskEnv = {
  name: 'desk-env',
  serve(context) {
    if (context.path !== '/__desk-env.json') return undefined;
    const { tenant, password, agents, departments, identitySecret } = desk.seed;
    return { body: JSON.stringify({ url: desk.url, tenant, password, agents, departments, identitySecret }), type: 'json' };
  },
  async serverStop() {
    await desk.close();
  },
};

export default {
  rootDir: fileURLToPath(new URL('../..', import.meta.url)),
  files: [fileURLToPath(new URL('./src/**/*.test.ts', import.meta.url))],
  port,
  nodeResolve: { exportConditions: ['browser', 'development'] },
  concurrency: 1,
  testsFinishTimeout: 120_000,
  testFramework: { config: { timeout: 10_000 } },
  browsers: [
    chromeLauncher({
      launchOptions: { executablePath: chromiumPath, headless: true, args: chromiumArgs },
    }),
  ],
  plugins: [
    deskEnv,
    esbuildPlugin({
      ts: true,
      target: 'es2022',
      tsconfig: fileURLToPath(new URL('../../tsconfig.json', import.meta.url)),
    }),
  ],
};
