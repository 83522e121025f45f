/**
 * A desk hosting tenants it does not trust (`DESKKIT_PRIVATE_ENDPOINTS=false`): the
 * endpoints an admin configures — integrations, channel and payment providers, the
 * suggestions LLM — are refused as they are saved when requests could not reach them,
 * naming the field, and nothing is stored.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { DeskClient } from '@deskkit/client';
import { trpcError } from '../testing/assertions.js';
import { signedInClient } from '../testing/clients.js';
import { startTestDesk, type TestDesk } from '../testing/harness.js';

const PRIVATE = ['https://10.1.2.3/hook', 'https://localhost:8443/hook', 'https://[::1]/hook', 'http://127.0.0.1:9/hook'];
/** A public address, given literally: nothing to resolve, and nothing is fetched on save. */
const PUBLIC = 'https://93.184.216.34/hook';

describe('endpoint policy on a hosted desk', () => {
  let t: TestDesk;
  let ada: DeskClient;

  before(async () => {
    t = await startTestDesk({ privateEndpoints: false });
    ({ client: ada } = await signedInClient(t.url, { email: 'ada@demo.deskkit.dev', password: t.seed.password }));
  });
  after(() => t?.close());

  test('integrations: private and local endpoints are refused on create and update; a public one is kept', async () => {
    for (const endpoint of PRIVATE) {
      await assert.rejects(ada.integrations.create.mutate({ name: 'CRM', endpoint }), trpcError('BAD_REQUEST', 'endpoint'), endpoint);
    }
    await assert.rejects(ada.integrations.create.mutate({ name: 'CRM', endpoint: 'https://10.1.2.3/hook' }), /10\.1\.2\.3 is not a public address/);
    await assert.rejects(ada.integrations.create.mutate({ name: 'CRM', endpoint: 'https://localhost/hook' }), /localhost \(127\.0\.0\.1\) is not a public address/);
    await assert.rejects(ada.integrations.create.mutate({ name: 'CRM', endpoint: 'http://localhost/hook' }), /http URLs are not allowed/);
    await assert.rejects(ada.integrations.create.mutate({ name: 'CRM', endpoint: 'https://crm.invalid/hook' }), /crm\.invalid does not resolve/);
    assert.deepEqual(await ada.integrations.list.query(), [], 'nothing stored');

    const created = await ada.integrations.create.mutate({ name: 'CRM', endpoint: PUBLIC });
    assert.equal(created.endpoint, PUBLIC);
    await assert.rejects(ada.integrations.update.mutate({ id: created.id, endpoint: 'https://192.168.1.20/hook' }), trpcError('BAD_REQUEST', 'endpoint'));
    assert.equal((await ada.integrations.list.query())[0]!.endpoint, PUBLIC, 'the stored endpoint is unchanged');
    // A change that leaves the endpoint alone is not checked again.
    assert.equal((await ada.integrations.update.mutate({ id: created.id, enabled: false })).enabled, false);
  });

  test('channel providers, the payments provider and the suggestions LLM', async () => {
    const before = { channels: await ada.channels.list.query(), llm: await ada.suggestions.llmSettings.query(), payments: await ada.payments.account.query() };
    for (const endpoint of PRIVATE) {
      await assert.rejects(ada.channels.configure.mutate({ channel: 'whatsapp', endpoint, fromNumber: '+4930123456' }), trpcError('BAD_REQUEST', 'endpoint'), endpoint);
      await assert.rejects(ada.payments.configure.mutate({ provider: 'http', endpoint }), trpcError('BAD_REQUEST', 'endpoint'), endpoint);
      await assert.rejects(ada.suggestions.configureLlm.mutate({ baseUrl: endpoint, model: 'm', enabled: true }), trpcError('BAD_REQUEST', 'baseUrl'), endpoint);
    }
    assert.deepEqual({ channels: await ada.channels.list.query(), llm: await ada.suggestions.llmSettings.query(), payments: await ada.payments.account.query() }, before, 'nothing changed');

    assert.equal((await ada.channels.configure.mutate({ channel: 'whatsapp', endpoint: PUBLIC, fromNumber: '+4930123456' })).account.endpoint, PUBLIC);
    assert.equal((await ada.payments.configure.mutate({ provider: 'http', endpoint: PUBLIC })).account.endpoint, PUBLIC);
    assert.equal((await ada.suggestions.configureLlm.mutate({ baseUrl: 'https://93.184.216.34/v1', model: 'm', enabled: false })).baseUrl, 'https://93.184.216.34/v1');
    // The local payments provider has no endpoint to check.
    assert.equal((await ada.payments.configure.mutate({ provider: 'local' })).account.provider, 'local');
  });
});
