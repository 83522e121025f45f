// Test-only: a third-party app for <customer-profile>'s "Connected apps" panel.
//
//   GET /__desk-crm → { endpoint } (a local HTTP server, started once)
//
// The app answers every POST with two fields about the customer it was sent, one with an https link.
import { createServer } from 'node:http';

export function deskIntegrations() {
  let started;

  function start() {
    const server = createServer((req, res) => {
      let raw = '';
      req.on('data', (chunk) => (raw += chunk));
      req.on('end', () => {
        let customer = {};
        try {
          customer = JSON.parse(raw).customer ?? {};
        } catch {
          // Answer anyway; the desk only sends JSON.
        }
        res.writeHead(200, { 'Content-Type': 'application/json' });
        res.end(
          JSON.stringify({
            fields: [
              { label: 'Plan', value: 'Gold' },
              { label: 'CRM account', value: `Account of ${customer.name ?? '?'}`, url: `https://crm.example/accounts/${customer.id ?? ''}` },
            ],
          }),
        );
      });
    });
    return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ server, endpoint: `http://127.0.0.1:${server.address().port}/customer` })));
  }

  return {
    name: 'desk-integrations',
    async serve(context) {
      if (context.path !== '/__desk-crm') return undefined;
      started ??= start();
      const { endpoint } = await started;
      return { body: JSON.stringify({ endpoint }), type: 'json' };
    },
    async serverStop() {
      if (started) (await started).server.close();
    },
  };
}
