import { consume } from '@lit/context';
import { html, nothing, svg, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { feedContext } from '../../context/feed-context.js';
import { FeedController } from '../../controllers/feed-controller.js';
import type { DeskAlertEvent } from '../../events/desk-alert.js';
import { chime } from '../../internal/chime.js';
import type { DeskFeed } from '../../internal/desk-feed.js';
import { DeskAgentElement } from '../../internal/desk-agent-element.js';
import componentStyles from '../../styles/component.styles.js';
import { alertTerms } from '../../translations/en/desk-alerts.js';
import { LocalizeController } from '../../utilities/localize.js';
import { AlertRules, type Alert } from './alert-rules.js';
import styles from './desk-alerts.styles.js';

/** Where the agent's choices are kept (this browser, every tab). */
const PREFERENCES_KEY = 'deskkit-alerts';
const BADGE = /^\(\d+\) /;

type Preferences = { sound: boolean; desktop: boolean };

function readPreferences(): Preferences {
  try {
    const stored = JSON.parse(localStorage.getItem(PREFERENCES_KEY) ?? '{}') as Partial<Preferences>;
    return { sound: stored.sound !== false, desktop: stored.desktop === true };
  } catch {
    return { sound: true, desktop: false };
  }
}

/** Desktop notifications: what the browser allows here. */
const permission = (): NotificationPermission | 'unsupported' =>
  typeof Notification === 'undefined' || !isSecureContext ? 'unsupported' : Notification.permission;

/**
 * @tag desk-alerts
 * @summary Alerts the signed-in agent to what needs them, from the desk's live feed: a chat
 * waiting in their queue (while they are Available), a chat routed or transferred to them, and — while the desk is in
 * the background — a customer writing in one of their chats. Each alert chimes (if the
 * agent keeps the sound on), is announced to screen readers, and while the page is in the
 * background shows a desktop notification (once the agent turns them on and the browser
 * allows them; clicking one opens the chat) and, with `title-badge`, counts in the tab's title.
 * A bell button opens the agent's choices, kept in this browser.
 *
 * @fires desk-alert - Before each alert; cancelable (the page then alerts in its own way).
 * @fires desk-conversation-select - The agent clicked a desktop notification: open that chat.
 *
 * @csspart toggle - The bell button.
 * @csspart panel - The choices (shown under the bell).
 * @csspart option - A choice: a checkbox with its label.
 * @csspart hint - Why desktop notifications cannot be turned on.
 *
 * @cssprop --accent-color - The bell's colour while the sound or notifications are on.
 */
export class DeskAlerts extends DeskAgentElement {
  static override styles = [componentStyles, styles];

  @consume({ context: feedContext, subscribe: true })
  @state()
  feed?: DeskFeed;

  /** Counts alerts raised in the background in the page's title, `(2) …`, until the page has focus again. */
  @property({ type: Boolean, attribute: 'title-badge' }) titleBadge = false;

  /** Milliseconds an event settles before it alerts (a chat routed away meanwhile alerts nobody). */
  @property({ type: Number }) settle = 800;

  @state() private preferences = readPreferences();
  @state() private open = false;
  @state() private permission = permission();
  /** The last alert, for screen readers. */
  @state() private announcement = '';

  private readonly localize = new LocalizeController(this, alertTerms);
  private rules: AlertRules | null = null;
  private timer?: ReturnType<typeof setTimeout>;
  private badged = 0;
  private ticket = 0;

  private readonly live = new FeedController(this, {
    feed: () => this.feed,
    onEvent: (event) => {
      if (!this.rules) return;
      this.rules.apply(event);
      this.timer ??= setTimeout(() => this.flush(), this.settle);
    },
  });

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('focus', this.refocused);
    document.addEventListener('visibilitychange', this.refocused);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener('focus', this.refocused);
    document.removeEventListener('visibilitychange', this.refocused);
    document.removeEventListener('pointerdown', this.outside);
    clearTimeout(this.timer);
    this.timer = undefined;
    this.clearBadge();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    const sessionChanged = changed.has('session') && changed.get('session')?.token !== this.session?.token;
    if (changed.has('client') || changed.has('feed') || sessionChanged) void this.start();
  }

  /** Follows the feed from now on: what happened before the agent arrived is in their queue already. */
  private async start(): Promise<void> {
    const ticket = ++this.ticket;
    this.live.stop();
    this.rules = null;
    // Signed out (or in as someone else): the last agent's count leaves the title.
    this.clearBadge();
    const { client, session } = this;
    if (!client || !session || !this.feed) return;
    try {
      // The position, then the agent's status: a change in between also comes as an event (the status it sets is the same).
      const lastEventId = await client.events.position.query();
      const { agent } = await client.auth.me.query();
      if (ticket !== this.ticket) return;
      this.rules = new AlertRules(agent.id, agent.status === 'available');
      this.live.follow(lastEventId);
    } catch (err) {
      // Alerts are a convenience: the queue shows the same error.
      console.warn('deskkit: <desk-alerts> could not start', err);
    }
  }

  private flush(): void {
    this.timer = undefined;
    for (const alert of this.rules?.take() ?? []) this.raise(alert);
  }

  private raise(alert: Alert): void {
    const background = document.visibilityState === 'hidden' || !document.hasFocus();
    // A message in a chat the agent is looking at needs no alert.
    if (alert.kind === 'message' && !background) return;
    const { title, body } = this.describe(alert);
    const notify = background && this.preferences.desktop && this.permission === 'granted';
    const detail = { kind: alert.kind, conversationId: alert.conversationId, title, body, sound: this.preferences.sound, notify };
    const event: DeskAlertEvent = new CustomEvent('desk-alert', { bubbles: true, composed: true, cancelable: true, detail });
    if (!this.dispatchEvent(event)) return;
    this.announcement = `${title}: ${body}`;
    if (detail.sound) chime(alert.kind !== 'message');
    if (notify) this.notify(alert.conversationId, title, body);
    if (background && this.titleBadge) this.badge();
  }

  private describe(alert: Alert): { title: string; body: string } {
    const { message, customer } = alert;
    const term = this.localize.term.bind(this.localize);
    if (alert.kind === 'queued') return { title: term('alertsQueued'), body: customer };
    if (alert.kind === 'assigned') {
      const note = message?.event?.type === 'transferred' ? message.event.note : null;
      return { title: alert.by ? term('alertsTransferred', alert.by) : term('alertsAssigned'), body: note ? `${customer}: ${note}` : customer };
    }
    let text = message?.body ?? '';
    if (message?.kind === 'voice') text = term('alertsVoice');
    else if (message?.kind === 'location') text = message.location?.address || term('alertsLocation');
    else if (message?.attachment && !text) text = term('alertsAttachment', message.attachment.name);
    return { title: customer, body: text.length > 140 ? `${text.slice(0, 139)}…` : text };
  }

  private notify(conversationId: string, title: string, body: string): void {
    try {
      // One notification per chat: a newer one replaces it.
      const notification = new Notification(title, { body, tag: `deskkit-${conversationId}` });
      notification.onclick = () => {
        window.focus();
        notification.close();
        this.emit('desk-conversation-select', { conversationId });
      };
    } catch (err) {
      // Some browsers show notifications only from a service worker.
      console.warn('deskkit: desktop notification failed', err);
    }
  }

  private badge(): void {
    this.badged++;
    document.title = `(${this.badged}) ${document.title.replace(BADGE, '')}`;
  }

  private clearBadge(): void {
    if (this.badged === 0) return;
    this.badged = 0;
    document.title = document.title.replace(BADGE, '');
  }

  private readonly refocused = () => {
    if (document.visibilityState === 'visible' && document.hasFocus()) this.clearBadge();
  };

  private save(preferences: Preferences): void {
    this.preferences = preferences;
    try {
      localStorage.setItem(PREFERENCES_KEY, JSON.stringify(preferences));
    } catch {
      // Storage blocked: the choice holds for this page.
    }
  }

  private async toggleDesktop(on: boolean): Promise<void> {
    if (on && this.permission === 'default') this.permission = await Notification.requestPermission();
    this.save({ ...this.preferences, desktop: on && this.permission === 'granted' });
  }

  private toggle(open = !this.open): void {
    this.open = open;
    if (open) {
      this.permission = permission();
      document.addEventListener('pointerdown', this.outside);
    } else document.removeEventListener('pointerdown', this.outside);
  }

  private readonly outside = (event: PointerEvent) => {
    if (!event.composedPath().includes(this)) this.toggle(false);
  };

  private keydown(event: KeyboardEvent): void {
    if (event.key !== 'Escape' || !this.open) return;
    event.stopPropagation();
    this.toggle(false);
    this.renderRoot.querySelector<HTMLButtonElement>('[part=toggle]')?.focus();
  }

  protected override render() {
    if (!this.session) return nothing;
    const { sound, desktop } = this.preferences;
    const { permission } = this;
    const desktopOn = desktop && permission === 'granted';
    const hint =
      permission === 'unsupported' ? this.localize.term('alertsDesktopUnsupported') : permission === 'denied' ? this.localize.term('alertsDesktopBlocked') : '';
    return html`
      <div class="anchor" @keydown=${this.keydown}>
        <button
          part="toggle"
          type="button"
          class=${sound || desktopOn ? 'on' : ''}
          aria-expanded=${this.open ? 'true' : 'false'}
          aria-controls="panel"
          title=${this.localize.term('alertsLabel')}
          @click=${() => this.toggle()}
        >
          <svg viewBox="0 0 24 24" width="18" height="18" aria-hidden="true">
            <path d="M12 3a6 6 0 0 0-6 6v3.6L4.3 16h15.4L18 12.6V9a6 6 0 0 0-6-6Zm-2.5 15a2.5 2.5 0 0 0 5 0Z" />
            ${sound ? nothing : svg`<path class="slash" d="M4 4 20 20" />`}
          </svg>
          <span class="visually-hidden">${this.localize.term('alertsLabel')}</span>
        </button>
        <div part="panel" id="panel" role="group" aria-label=${this.localize.term('alertsLabel')} ?hidden=${!this.open}>
          <label part="option">
            <input type="checkbox" name="sound" .checked=${sound} @change=${(e: Event) => this.save({ ...this.preferences, sound: (e.target as HTMLInputElement).checked })} />
            ${this.localize.term('alertsSound')}
          </label>
          <label part="option">
            <input
              type="checkbox"
              name="desktop"
              .checked=${desktopOn}
              ?disabled=${permission === 'unsupported' || permission === 'denied'}
              aria-describedby=${hint ? 'hint' : nothing}
              @change=${(e: Event) => void this.toggleDesktop((e.target as HTMLInputElement).checked)}
            />
            ${this.localize.term('alertsDesktop')}
          </label>
          ${hint ? html`<p part="hint" id="hint">${hint}</p>` : nothing}
        </div>
        <p class="visually-hidden" role="status">${this.announcement}</p>
      </div>
    `;
  }
}
