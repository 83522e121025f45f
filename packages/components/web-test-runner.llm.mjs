// Test-only: a tenant `llm` (the demo's agents, departments and past answers) whose suggested
// replies also come from a local OpenAI-compatible completions server that takes its time.
//
//   GET /__desk-llm → { tenant, departments, delayMs } (set up once)
import { createServer } from 'node:http';
import { seedDemo } from '../server/src/services/seed.ts';

const TENANT = 'llm';
/** How long the model takes to answer: long enough for the local ranking to show first. */
const DELAY_MS = 1_500;

export function deskLlm(desk) {
  let setup;
  let server;

  async function setUp() {
    const { services } = desk.desk;
    const seed = await seedDemo(services, TENANT);
    server = createServer((req, res) => {
      req.resume();
      req.on('end', () =>
        setTimeout(() => {
          res.writeHead(200, { 'Content-Type': 'application/json' });
          res.end(JSON.stringify({ choices: [{ message: { role: 'assistant', content: 'Hello from the model.' } }] }));
        }, DELAY_MS),
      );
    });
    await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
    const baseUrl = `http://127.0.0.1:${server.address().port}/v1`;
    await services.models.SuggestionSettings.updateOne(
      { tenantId: seed.tenantId },
      { $set: { tenantId: seed.tenantId, 'llm.enabled': true, 'llm.baseUrl': baseUrl, 'llm.model': 'local-chat', 'llm.apiKey': null } },
      { upsert: true },
    );
    return { tenant: TENANT, departments: seed.departments, delayMs: DELAY_MS };
  }

  return {
    name: 'desk-llm',
    async serve(context) {
      if (context.path !== '/__desk-llm') return undefined;
      setup ??= setUp();
      return { body: JSON.stringify(await setup), type: 'json', headers: { 'Cache-Control': 'no-store' } };
    },
    async serverStop() {
      await new Promise((resolve) => (server ? server.close(resolve) : resolve()));
    },
  };
}
