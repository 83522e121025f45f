import { consume } from '@lit/context';
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { LitElement } from 'lit';
import { createDeskClient, type DeskClient } from '@deskkit/client';
import { clientContext } from '../../context/client-context.js';
import { sessionContext, type DeskSession } from '../../context/session-context.js';
import { deskEnv, signInAs } from '../../internal/test-env.js';
import { DeskProvider } from './desk-provider.js';

/** A throwaway consumer to see what the provider shares. */
class ContextProbe extends LitElement {
  @consume({ context: clientContext, subscribe: true }) client?: DeskClient;
  @consume({ context: sessionContext, subscribe: true }) session: DeskSession | null = null;
}
customElements.define('context-probe', ContextProbe);

describe('<desk-provider>', () => {
  it('signs in and shares the client and session with nested elements', async () => {
    const env = await deskEnv();
    const provider = await fixture<DeskProvider>(html`<desk-provider server=${env.url}><context-probe></context-probe></desk-provider>`);
    const probe = provider.querySelector<ContextProbe>('context-probe')!;
    expect(probe.client).to.exist;
    expect(probe.session).to.equal(null);

    const changed = oneEvent(provider, 'desk-session-change');
    const session = await provider.signIn({ tenant: env.tenant, email: 'alice@demo.deskkit.dev', password: env.password });
    const event = await changed;
    expect(event.detail.session?.agent.email).to.equal('alice@demo.deskkit.dev');
    expect(session.token).to.match(/^dks_/);
    await waitUntil(() => probe.session?.agent.name === 'Alice Moreau', 'session reaches the consumer');

    // The shared client now carries the session.
    await provider.updateComplete;
    const me = await probe.client!.auth.me.query();
    expect(me.agent.email).to.equal('alice@demo.deskkit.dev');

    const out = oneEvent(provider, 'desk-session-change');
    const signingOut = provider.signOut();
    // Forgotten before the server answers: a reload right now cannot sign back in.
    expect(provider.token).to.equal(null);
    expect(provider.session).to.equal(null);
    expect((await out).detail.session).to.equal(null);
    await signingOut;
    await waitUntil(() => probe.session === null);
    // And ended on the server: the old token no longer works.
    const old = createDeskClient({ url: env.url, token: session.token });
    let code: string | undefined;
    try {
      await old.auth.me.query();
    } catch (err) {
      code = (err as { data?: { code?: string } }).data?.code;
    }
    expect(code).to.equal('UNAUTHORIZED');
  });

  it('loads the session from a token given by the host page', async () => {
    const { token, env } = await signInAs('bob@demo.deskkit.dev');
    const provider = await fixture<DeskProvider>(html`<desk-provider server=${env.url} token=${token}></desk-provider>`);
    await waitUntil(() => provider.session?.agent.email === 'bob@demo.deskkit.dev', 'session loaded');
  });

  it('tells the host when its token is rejected', async () => {
    const env = await deskEnv();
    const provider = document.createElement('desk-provider');
    provider.server = env.url;
    provider.token = 'dks_' + 'x'.repeat(43);
    const rejected = oneEvent(provider, 'desk-session-change');
    document.body.append(provider);
    expect((await rejected).detail.session).to.equal(null);
    expect(provider.token).to.equal(null);
    provider.remove();
  });

  it('keeps a token the server could not check and loads its session once it answers', async () => {
    const { token, env } = await signInAs('bob@demo.deskkit.dev');
    // The server is unreachable for the first two session checks (a restart, a network blip).
    const realFetch = window.fetch;
    let refused = 0;
    window.fetch = (input, init) => {
      if (String(input instanceof Request ? input.url : input).includes('auth.me') && refused < 2) {
        refused++;
        return Promise.reject(new TypeError('Failed to fetch'));
      }
      return realFetch(input, init);
    };
    const changes: Array<unknown> = [];
    try {
      const provider = document.createElement('desk-provider');
      provider.addEventListener('desk-session-change', (e) => changes.push(e.detail.session));
      provider.server = env.url;
      provider.token = token;
      document.body.append(provider);
      await waitUntil(() => provider.session?.agent.email === 'bob@demo.deskkit.dev', 'session loaded after the retries', { timeout: 5_000 });
      expect(refused).to.equal(2);
      expect(provider.token).to.equal(token);
      // The host heard of the session once, and never that it ended.
      expect(changes).to.have.length(1);
      expect(changes[0]).to.not.equal(null);
      provider.remove();
    } finally {
      window.fetch = realFetch;
    }
  });

  it('rejects a wrong password with the server message', async () => {
    const env = await deskEnv();
    const provider = await fixture<DeskProvider>(html`<desk-provider server=${env.url}></desk-provider>`);
    let error: Error | undefined;
    try {
      await provider.signIn({ tenant: env.tenant, email: 'alice@demo.deskkit.dev', password: 'wrong-password' });
    } catch (err) {
      error = err as Error;
    }
    expect(error?.message).to.equal('invalid email or password');
    expect(provider.session).to.equal(null);
  });

  it('survives being defined twice', () => {
    expect(() => DeskProvider.define('desk-provider')).not.to.throw();
    expect(customElements.get('desk-provider')).to.equal(DeskProvider);
  });
});
