import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../desk-provider/desk-provider.js';
import type { DeskProvider } from '../desk-provider/desk-provider.js';
import { createDeskClient } from '@deskkit/client';
import { deskEnv, fakeSavePicker, signInAs } from '../../internal/test-env.js';
import { ConversationCounter } from './desk-metrics.export.js';
import { DeskMetrics, formatDuration } from './desk-metrics.js';

async function mount(email: string, period = 'today') {
  const env = await deskEnv();
  const provider = await fixture<DeskProvider>(
    html`<desk-provider server=${env.url}><desk-metrics period=${period}></desk-metrics></desk-provider>`,
  );
  const metrics = provider.querySelector<DeskMetrics>('desk-metrics')!;
  await provider.signIn({ tenant: env.tenant, email, password: env.password });
  await waitUntil(() => metrics.shadowRoot!.querySelector('[part~=tile]'), 'tiles shown', { timeout: 5_000 });
  return { env, provider, metrics, root: metrics.shadowRoot! };
}

const tileValue = (root: ShadowRoot, name: string) => root.querySelector(`[data-tile=${name}] .value`)!.textContent!.trim();

describe('<desk-metrics>', () => {
  it('shows KPI tiles and accessible charts from the real numbers', async () => {
    const { provider, metrics, root } = await mount('sam@demo.deskkit.dev');
    const { from, to, bucket } = metrics.range();
    const summary = await provider.client!.metrics.summary.query({ from: from.toISOString(), to: to.toISOString(), bucket });
    expect(summary.totals.conversations).to.be.greaterThan(0, 'the demo seeds conversations today');
    expect(tileValue(root, 'conversations')).to.equal(String(summary.totals.conversations));
    expect(tileValue(root, 'queue')).to.equal(String(summary.queueLength));
    expect(tileValue(root, 'missed')).to.equal(String(summary.totals.missed));
    // CSAT comes from survey answers (other tests may have rated chats today).
    if (summary.csat) {
      expect(tileValue(root, 'csat')).to.equal(`${summary.csat.score}%`);
      expect(root.querySelector('[data-tile=csat] .detail')!.textContent).to.contain(`${summary.csat.responses} rating`);
    } else {
      expect(tileValue(root, 'csat')).to.equal('—');
      expect(root.querySelector('[data-tile=csat]')!.getAttribute('title')).to.match(/survey/i);
    }

    // The charts' code loads with the first report.
    await waitUntil(() => root.querySelector('[data-chart=volume] svg'), 'charts drawn', { timeout: 5_000 });
    expect(root.querySelector('.charts')!.getAttribute('aria-busy')).to.equal('false');
    const volume = root.querySelector('[data-chart=volume] svg')!;
    expect(volume.getAttribute('role')).to.equal('img');
    expect(volume.querySelector('title')!.textContent).to.equal('Conversations over time');
    expect(volume.querySelector('desc')!.textContent).to.contain(`${summary.totals.conversations} conversations`);
    const bars = [...volume.querySelectorAll('[data-series=Conversations] rect')];
    expect(bars.length).to.equal(summary.series.length);
    const tallest = Math.max(...bars.map((b) => Number(b.getAttribute('height'))));
    expect(tallest).to.be.greaterThan(0);
    // Each series in its colour (set through the CSSOM: a host's CSP may forbid style attributes), its legend too.
    const fills = [...volume.querySelectorAll('[part=chart-series]')].map((g) => getComputedStyle(g).fill);
    expect(fills).to.deep.equal(['rgb(59, 91, 219)', 'rgb(232, 89, 12)']);
    expect(getComputedStyle(bars[0]!).fill).to.equal('rgb(59, 91, 219)');
    const swatches = [...root.querySelectorAll('[data-chart=volume] .legend i')].map((i) => getComputedStyle(i).backgroundColor);
    expect(swatches).to.deep.equal(['rgb(59, 91, 219)', 'rgb(232, 89, 12)']);
    // Drawn at its size in the page: its text is never stretched, at any width, and its axis lines are round.
    const unstretched = (svg: SVGSVGElement) => {
      const m = svg.getScreenCTM()!;
      return Math.abs(m.a - 1) < 0.01 && Math.abs(m.d - 1) < 0.01;
    };
    await waitUntil(() => unstretched(volume as SVGSVGElement), 'drawn at its size', { timeout: 3_000 });
    metrics.style.display = 'block';
    metrics.style.width = '380px';
    await waitUntil(() => unstretched(volume as SVGSVGElement), 'redrawn narrower', { timeout: 3_000 });
    const axis = (chart: string) => [...root.querySelectorAll(`[data-chart=${chart}] svg text.axis[text-anchor=end]`)].map((t) => t.textContent!);
    expect(axis('volume').every((label) => /^\d+$/.test(label)), axis('volume').join()).to.equal(true);
    expect(axis('wait').every((label) => /^\d+ (s|min|h)$/.test(label)), axis('wait').join()).to.equal(true);
    // The data table carries the same numbers.
    const rows = root.querySelectorAll('[data-chart=volume] [part=chart-table] tbody tr');
    expect(rows.length).to.equal(summary.series.length);
    const tableTotal = [...rows].reduce((n, row) => n + Number(row.querySelectorAll('td')[0]!.textContent), 0);
    expect(tableTotal).to.equal(summary.totals.conversations);
    // On a phone everything stays inside the element; the table of agents scrolls in its frame.
    metrics.style.width = '260px';
    await metrics.updateComplete;
    const host = metrics.getBoundingClientRect();
    for (const el of root.querySelectorAll('[part=base] > *')) expect(el.getBoundingClientRect().right, el.localName).to.be.at.most(host.right + 0.5);
    metrics.style.width = '';
    // Chats per agent.
    const agentRows = [...root.querySelectorAll('[part=agents] tbody tr')].map((r) => r.querySelector('th')!.textContent);
    expect(agentRows).to.deep.equal(summary.agents.map((a) => a.name));
    await provider.signOut();
  });

  it('changes period and filters, and agents see only themselves', async () => {
    const { provider, root, metrics } = await mount('sam@demo.deskkit.dev');
    const period = root.querySelector<HTMLSelectElement>('select[name=period]')!;
    // Its focus ring is the desk's (--desk-focus-ring), as on every element.
    metrics.style.setProperty('--desk-focus-ring', '3px dotted rgb(1, 2, 3)');
    period.focus();
    await sendKeys({ press: 'Shift' });
    expect(period.matches(':focus-visible')).to.equal(true);
    expect(getComputedStyle(period).outline).to.equal('rgb(1, 2, 3) dotted 3px');
    metrics.style.removeProperty('--desk-focus-ring');
    period.blur();
    period.value = '30d';
    period.dispatchEvent(new Event('change'));
    await waitUntil(() => root.querySelectorAll('[data-chart=volume] [part=chart-table] tbody tr').length === 30, '30 daily buckets');
    // Custom: two date inputs, prefilled with the last period; a 3-day range is charted by day.
    period.value = 'custom';
    period.dispatchEvent(new Event('change'));
    await waitUntil(() => root.querySelector('input[name=from]'), 'custom dates');
    const fromInput = root.querySelector<HTMLInputElement>('input[name=from]')!;
    const toInput = root.querySelector<HTMLInputElement>('input[name=to]')!;
    expect(fromInput.type).to.equal('date');
    expect(toInput.value).to.match(/^\d{4}-\d{2}-\d{2}$/);
    const end = new Date(`${toInput.value}T00:00`);
    const start = new Date(end.getTime() - 2 * 86_400_000);
    fromInput.value = `${start.getFullYear()}-${String(start.getMonth() + 1).padStart(2, '0')}-${String(start.getDate()).padStart(2, '0')}`;
    fromInput.dispatchEvent(new Event('change'));
    await waitUntil(() => root.querySelectorAll('[data-chart=volume] [part=chart-table] tbody tr').length === 3, '3 daily buckets');
    period.value = '30d';
    period.dispatchEvent(new Event('change'));
    await waitUntil(() => root.querySelectorAll('[data-chart=volume] [part=chart-table] tbody tr').length === 30, '30 daily buckets again');
    const agent = root.querySelector<HTMLSelectElement>('select[name=agent]')!;
    await waitUntil(() => agent.options.length > 1, 'agents listed');
    const chen = [...agent.options].find((o) => o.textContent === 'Chen Wei')!;
    agent.value = chen.value;
    agent.dispatchEvent(new Event('change'));
    await waitUntil(() => metrics.agentId === chen.value && !root.querySelector('[part=base]')!.getAttribute('aria-busy')!.includes('true'));
    await waitUntil(() => [...root.querySelectorAll('[part=agents] tbody th')].every((th) => th.textContent === 'Chen Wei'), 'only Chen');
    await provider.signOut();

    const alice = await mount('alice@demo.deskkit.dev', '30d');
    expect(alice.root.querySelector('select[name=agent]')).to.equal(null);
    await waitUntil(() => alice.root.querySelectorAll('[part=agents] tbody tr').length <= 1);
    for (const th of alice.root.querySelectorAll('[part=agents] tbody th')) expect(th.textContent).to.equal('Alice Moreau');
    await alice.provider.signOut();
  });

  it('streams transcripts of the range into the picked file, with progress', async () => {
    const picker = fakeSavePicker();
    const { provider, metrics, root } = await mount('sam@demo.deskkit.dev');
    const statuses: string[] = [];
    let sawProgress = false;
    const observer = new MutationObserver(() => {
      if (root.querySelector('[part=export-progress]')) sawProgress = true;
      const status = root.querySelector('[part=export] [role=status]')?.textContent?.trim();
      if (status && statuses.at(-1) !== status) statuses.push(status);
    });
    observer.observe(root, { subtree: true, childList: true, characterData: true });
    const done = oneEvent(metrics, 'desk-transcript-export');
    root.querySelector<HTMLButtonElement>('[part=export] button[data-format=csv]')!.click();
    const { detail } = await done;
    observer.disconnect();
    picker.restore();
    // Every conversation of the range, tickets too (the tiles count chats only): as many as the server said.
    const announced = statuses.map((s) => / of (\d+) conversations/.exec(s)?.[1]).find(Boolean);
    const total = Number(announced);
    expect(total).to.be.greaterThan(0);
    expect(detail.savedBy).to.equal('file');
    expect(picker.picked).to.deep.equal([detail.fileName]);
    const saved = await picker.read(detail.fileName);
    expect(saved.startsWith('conversation_id,')).to.equal(true);
    expect(new Blob([saved]).size).to.equal(detail.bytes);
    expect(detail.format).to.equal('csv');
    expect(detail.conversations).to.equal(total);
    expect(detail.bytes).to.be.greaterThan(100);
    expect(detail.fileName).to.match(/^transcripts-\d{4}-\d{2}-\d{2}\.csv$/);
    expect(sawProgress, 'a progress bar while downloading').to.equal(true);
    expect(statuses.some((s) => / of \d+ conversations/.test(s)), statuses.join(' | ')).to.equal(true);
    await waitUntil(() => root.querySelector('[part=export] [role=status]')!.textContent!.includes(`Downloaded ${total} conversation`));
    await provider.signOut();
  });

  it('without a file picker, hands the signed link to the browser’s download manager', async () => {
    const picker = fakeSavePicker({ absent: true });
    const { provider, metrics, root } = await mount('sam@demo.deskkit.dev');
    // The browser would download it: catch the navigation to look at the link instead.
    let href = '';
    const catchLink = (event: MouseEvent) => {
      const a = event.composedPath()[0];
      if (a instanceof HTMLAnchorElement && a.href.includes('/transcripts')) {
        href = a.href;
        event.preventDefault();
      }
    };
    document.addEventListener('click', catchLink, true);
    const done = oneEvent(metrics, 'desk-transcript-export');
    root.querySelector<HTMLButtonElement>('[part=export] button[data-format=txt]')!.click();
    const { detail } = await done;
    document.removeEventListener('click', catchLink, true);
    picker.restore();
    expect(detail).to.include({ savedBy: 'browser', format: 'txt', conversations: null, bytes: null });
    expect(href).to.match(/\/transcripts\.txt\?token=/);
    const res = await fetch(href);
    expect(res.headers.get('Content-Disposition')).to.match(/^attachment; filename="transcripts-\d{4}-\d{2}-\d{2}\.txt"/);
    expect(await res.text()).to.include('=== Conversation ');
    await waitUntil(() => root.querySelector('[part=export] [role=status]')!.textContent!.includes('Your browser is downloading'));
    await provider.signOut();
  });

  it('closing the save dialog cancels quietly', async () => {
    const picker = fakeSavePicker({ cancel: true });
    const { provider, metrics, root } = await mount('sam@demo.deskkit.dev');
    let exported = false;
    metrics.addEventListener('desk-transcript-export', () => (exported = true));
    await metrics.export('csv');
    await metrics.updateComplete;
    picker.restore();
    expect(exported).to.equal(false);
    expect(root.querySelector<HTMLButtonElement>('[part=export] button[data-format=csv]')!.disabled).to.equal(false);
    expect(root.querySelector('[part=error]')).to.equal(null);
    expect(root.querySelector('[part=export-progress]')).to.equal(null);
    await provider.signOut();
  });

  it('counts conversations across chunk boundaries in every format', () => {
    const txt = new ConversationCounter('txt');
    txt.push('Title\n\n=== Conv');
    txt.push('ersation a\nx\n=== Conversation b\n');
    expect(txt.count).to.equal(2);
    const csv = new ConversationCounter('csv');
    csv.push('conversation_id,text\r\naaa,"one\r\n');
    csv.push('bbb,still quoted"\r\naaa,two\r\nbbb,x\r\n');
    expect(csv.count).to.equal(2);
    const page = new ConversationCounter('html');
    page.push('<section class="conver');
    page.push('sation" id=1></section><section class="conversation"');
    expect(page.count).to.equal(2);
  });
});

describe('<desk-metrics> CSAT', () => {
  it('reports per department beside per agent: missed chats, first response and CSAT', async () => {
    const env = await deskEnv();
    const support = env.departments.find((d) => d.name === 'Support')!.id;
    // A rated Support chat, so the department has a CSAT today.
    const started = await createDeskClient({ url: env.url }).webchat.start.mutate({
      tenant: env.tenant,
      departmentId: support,
      name: 'Department Rater',
      message: { body: 'Rate my department', clientMessageId: crypto.randomUUID().replace(/-/g, '') },
    });
    const ada = await signInAs('ada@demo.deskkit.dev');
    await ada.client.conversations.close.mutate({ conversationId: started.conversation.id });
    await createDeskClient({ url: env.url, token: started.visitorToken }).webchat.answerSurvey.mutate({ conversationId: started.conversation.id, rating: 5, answers: {} });

    const { provider, metrics, root } = await mount('sam@demo.deskkit.dev');
    const { from, to, bucket } = metrics.range();
    const summary = await provider.client!.metrics.summary.query({ from: from.toISOString(), to: to.toISOString(), bucket });
    await waitUntil(() => root.querySelectorAll('[part=departments] tbody tr').length === summary.departments.length, 'department rows', { timeout: 5_000 });
    const table = root.querySelector<HTMLTableElement>('[part=departments]')!;
    expect(table.caption!.textContent).to.equal('Chats per department');
    const headings = (part: string) => [...root.querySelectorAll(`[part=${part}] thead th[scope=col]`)].map((th) => th.textContent);
    const columns = ['Name', 'Conversations', 'Closed', 'Missed chats', 'Wait time', 'First response', 'Handle time', 'CSAT (ratings)'];
    expect(headings('departments')).to.deep.equal(columns);
    expect(headings('agents')).to.deep.equal(columns);

    const cells = (row: Element) => ({
      name: row.querySelector('th[scope=row]')!.textContent,
      missed: row.querySelector('[data-cell=missed]')!.textContent,
      firstResponse: row.querySelector('[data-cell=first-response]')!.textContent,
      csat: row.querySelector('[data-cell=csat]')!.textContent,
    });
    const expected = (r: (typeof summary.departments)[number]) => ({
      name: r.name,
      missed: String(r.missed),
      firstResponse: formatDuration(r.firstResponseTime.average) ?? '—',
      csat: r.csat ? `${r.csat.score}% (${r.csat.responses})` : '—',
    });
    expect([...table.tBodies[0]!.rows].map(cells)).to.deep.equal(summary.departments.map(expected));
    const supportRow = summary.departments.find((d) => d.id === support)!;
    expect(supportRow.csat?.responses).to.be.greaterThan(0);
    expect(cells(table.querySelector(`tr[data-department="${support}"]`)!).csat).to.equal(`${supportRow.csat!.score}% (${supportRow.csat!.responses})`);
    expect([...root.querySelectorAll('[part=agents] tbody tr')].map(cells)).to.deep.equal(summary.agents.map(expected));

    // Beside the per-agent table when there is room, under it when not.
    const frames = () => [root.querySelector('[part=agents]')!.parentElement!.getBoundingClientRect(), table.parentElement!.getBoundingClientRect()] as const;
    metrics.style.display = 'block';
    metrics.style.width = '1600px';
    await waitUntil(() => frames()[1].left >= frames()[0].right, `side by side: ${JSON.stringify(frames())}`, { timeout: 3_000 });
    expect(frames()[1].top).to.equal(frames()[0].top);
    // Where the two would not fit whole (a laptop's page), one above the other, each table whole.
    metrics.style.width = '1200px';
    await waitUntil(() => frames()[1].top >= frames()[0].bottom, 'one above the other', { timeout: 3_000 });
    for (const name of ['agents', 'departments']) {
      const frame = root.querySelector(`[part=${name}]`)!.parentElement!;
      expect(frame.scrollWidth, `${name} whole`).to.be.at.most(frame.clientWidth);
    }
    metrics.style.width = '400px';
    await waitUntil(() => frames()[1].top >= frames()[0].bottom, 'one above the other', { timeout: 3_000 });
    // Each stays inside the element (a table wider than that scrolls in its frame).
    for (const frame of frames()) expect(frame.right).to.be.at.most(metrics.getBoundingClientRect().right + 0.5);
    metrics.style.width = '';
    await provider.signOut();
  });

  it('shows CSAT from survey answers, with the rating breakdown and comments as text', async () => {
    const env = await deskEnv();
    const support = env.departments.find((d) => d.name === 'Support')!.id;
    const started = await createDeskClient({ url: env.url }).webchat.start.mutate({
      tenant: env.tenant,
      departmentId: support,
      name: 'Metrics Rater',
      message: { body: 'Rate me', clientMessageId: crypto.randomUUID().replace(/-/g, '') },
    });
    const conversationId = started.conversation.id;
    const ada = await signInAs('ada@demo.deskkit.dev');
    await ada.client.conversations.close.mutate({ conversationId });
    const visitor = createDeskClient({ url: env.url, token: started.visitorToken });
    await visitor.webchat.answerSurvey.mutate({ conversationId, rating: 2, answers: {}, comment: '<img src=x onerror=alert(1)>Too slow' });

    const { provider, metrics, root } = await mount('sam@demo.deskkit.dev');
    const { from, to, bucket } = metrics.range();
    const summary = await provider.client!.metrics.summary.query({ from: from.toISOString(), to: to.toISOString(), bucket });
    expect(summary.csat).to.not.equal(null);
    expect(tileValue(root, 'csat')).to.equal(`${summary.csat!.score}%`);
    await waitUntil(() => root.querySelector('[part=csat]'), 'breakdown shown', { timeout: 5_000 });
    const results = await provider.client!.surveys.results.query({ from: from.toISOString(), to: to.toISOString() });
    const count = (n: number) => root.querySelector(`[part=csat-distribution] tr[data-rating="${n}"] td`)!.textContent;
    expect([1, 2, 3, 4, 5].map(count)).to.deep.equal(results.distribution.map(String));
    const comment = root.querySelector(`[part=csat-comments] li[data-conversation="${conversationId}"]`)!;
    expect(comment.querySelector('.comment')!.textContent).to.equal('<img src=x onerror=alert(1)>Too slow');
    expect(comment.querySelector('img')).to.equal(null);
    await provider.signOut();
  });
});
