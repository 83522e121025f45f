import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import '../desk-provider/desk-provider.js';
import type { DeskProvider } from '../desk-provider/desk-provider.js';
import { deskEnv } from '../../internal/test-env.js';
import type { DeskMetrics } from './desk-metrics.js';
import './desk-metrics.js';

/** How the test server answers one module (by file name): slowly, or 503 until told otherwise. */
const serveModule = (path: string, rule: { fail?: boolean; delayMs?: number }) => executeServerCommand('desk-lazy-module', { path, ...rule });

describe('<desk-metrics> charts, loaded with the first report', function () {
  this.timeout(20_000);

  after(() => serveModule('desk-metrics.charts', {}));

  it('shows the numbers without the charts, says so when they cannot load, and draws them on Retry', async () => {
    await serveModule('desk-metrics.charts', { fail: true });
    const env = await deskEnv();
    const provider = await fixture<DeskProvider>(html`<desk-provider server=${env.url}><desk-metrics period="today"></desk-metrics></desk-provider>`);
    const metrics = provider.querySelector<DeskMetrics>('desk-metrics')!;
    const root = metrics.shadowRoot!;
    await provider.signIn({ tenant: env.tenant, email: 'sam@demo.deskkit.dev', password: env.password });
    try {
      await waitUntil(() => root.querySelector('[part~=load-error]'), 'load error shown', { timeout: 5_000 });
      // The tiles and the per-agent table do not wait for the charts.
      expect(root.querySelector('[part~=tile]')).to.exist;
      expect(root.querySelector('[part=agents]')).to.exist;
      expect(root.querySelector('[data-chart]')).to.equal(null);
      expect(root.querySelector('.charts')!.getAttribute('aria-busy')).to.equal('true');
      const alert = root.querySelector('[part~=load-error]')!;
      expect(alert.getAttribute('role')).to.equal('alert');
      expect(alert.textContent).to.contain('could not load');

      await serveModule('desk-metrics.charts', {});
      alert.querySelector<HTMLButtonElement>('[data-action=retry-load]')!.click();
      await waitUntil(() => root.querySelector('[data-chart=volume] svg'), 'charts drawn', { timeout: 5_000 });
      expect(root.querySelector('[part~=load-error]')).to.equal(null);
      expect(root.querySelector('.charts')!.getAttribute('aria-busy')).to.equal('false');
      expect(root.querySelectorAll('[data-chart=volume] [part=chart-table] tbody tr').length).to.be.greaterThan(0);
    } finally {
      await provider.signOut();
    }
  });
});
