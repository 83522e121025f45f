import { html, nothing, type PropertyValues } from 'lit';
import { consume } from '@lit/context';
import { property, state } from 'lit/decorators.js';
import type { DeskSettings as Settings } from '@deskkit/client';
import { serverContext } from '../../context/server-context.js';
import { LazyController, preloads } from '../../controllers/lazy-controller.js';
import { DeskAgentElement } from '../../internal/desk-agent-element.js';
import componentStyles from '../../styles/component.styles.js';
import controlStyles from '../../styles/controls.styles.js';
import { LocalizeController } from '../../utilities/localize.js';
import { commonTerms } from '../../translations/en/common.js';
import { lazyTerms } from '../../translations/en/lazy.js';
import { reportTerms } from '../../translations/en/reports.js';
import { settingsTerms } from '../../translations/en/desk-settings.js';
import { csatStyles } from '../desk-metrics/desk-metrics.csat.js';
import { CannedPanel } from './desk-settings.canned.js';
import { DepartmentsPanel } from './desk-settings.departments.js';
import { IntegrationsPanel } from './desk-settings.integrations.js';
import { LlmPanel } from './desk-settings.llm.js';
import { errorText } from '../../internal/errors.js';
import type { SettingsHost, SettingsPanel } from './desk-settings.panel.js';
import { PaymentsPanel } from './desk-settings.payments.js';
import { PreferencesPanel } from './desk-settings.preferences.js';
import { ProfilePanel } from './desk-settings.profile.js';
import { RespondersPanel } from './desk-settings.responders.js';
import { SurveyResultsPanel } from './desk-settings.survey-results.js';
import { SurveyPanel } from './desk-settings.surveys.js';
import { TagsPanel } from './desk-settings.tags.js';
import { UploadsPanel } from './desk-settings.uploads.js';
import styles from './desk-settings.styles.js';

/** The English terms this element shows (its survey results share some with `<desk-metrics>`). */
const terms = { ...commonTerms, ...reportTerms, ...settingsTerms, ...lazyTerms };

/** The tabs, in order. */
export const settingsSections = ['profile', 'preferences', 'tags', 'departments', 'responders', 'surveys', 'results', 'canned', 'channels', 'connections'] as const;
export type SettingsSection = (typeof settingsSections)[number];

/** Sections that show the tenant's settings (`settings.get`), loaded once for all of them. */
const usesSettings: readonly SettingsSection[] = ['profile', 'preferences', 'tags', 'responders'];
/** Sections whose panels load when first opened (their code and terms in a chunk of their own). */
type LazySection = 'channels';

/**
 * @tag desk-settings
 * @summary The dashboard settings for admins, one tab per section: business profile and
 * opening hours, preferences (chat cap, inactivity auto-close, assignment, upload limits),
 * chat tags, departments and their members, auto responders, the post-chat survey and its
 * results, canned replies, channels (the SMS and WhatsApp provider accounts and WhatsApp
 * templates; loaded when the tab first opens) and connections (third-party apps, the
 * suggestions LLM, the payments provider). Other agents see a notice. Field errors from the
 * desk show next to their field; secrets and keys are write-only. Place it inside a `<desk-provider>`.
 *
 * @fires desk-settings-change - An admin saved a change (`{ section }`: the tab's section, or `uploads` / `sms` / `whatsapp` / `templates` / `integrations` / `llm` / `payments`).
 *
 * @csspart base - The wrapper.
 * @csspart tabs - The tab list; each tab is `tab` (and `tab-selected`).
 * @csspart panel - The open tab's panel.
 * @csspart form - Each section's form; also named by section: `profile`, `preferences`, `uploads`, `tags`, `departments`, `responders`, `surveys`, `survey-results`, `canned`, `channel` (`data-channel`: `sms` or `whatsapp`), `templates`, `integrations`, `llm`, `payments`.
 * @csspart hours - The opening hours; `day` is one weekday (`data-day`, 0 = Sunday) and `period` one opening.
 * @csspart routing - The assignment mode choice.
 * @csspart tag - One tag (`data-tag`); `tag-add` the form that adds one.
 * @csspart department - One department (`data-id`); `department-form` the editor; `members` its member checkboxes.
 * @csspart upload-categories - The kinds of file customers and agents may upload.
 * @csspart responder - One auto responder (`data-kind`).
 * @csspart hours-warning - The outside-hours responder is on but no opening hours are set (`role="alert"`), with a button to the business tab.
 * @csspart questions - The survey's extra questions; `question` is one.
 * @csspart question-result - One question's results (`data-kind`); `result-table` a breakdown; `text-answers` answers to a text question.
 * @csspart csat - The CSAT breakdown in the results (`csat-distribution`, `csat-comments`).
 * @csspart canned-reply - One canned reply (`data-shortcut`); `canned-form` the editor.
 * @csspart integration - One connected app (`data-id`); `integration-form` the editor.
 * @csspart channel-account - A channel account's webhook URL and secrets (last four characters).
 * @csspart webhook-url - The URL to give the channel's provider for its webhooks.
 * @csspart template - One WhatsApp template (`data-id`, `data-name`); `template-form` the editor.
 * @csspart template-buttons - The editor's buttons; `template-button` is one (`data-index`).
 * @csspart template-preview - The template as the customer sees it (in the editor, as typed).
 * @csspart payments-account - The payments account's webhook path and secrets (last four characters).
 * @csspart secrets - New payment or channel secrets, shown once.
 * @csspart field-error - A field's error (`role="alert"`, `data-field`); its input has `aria-invalid` and points to it.
 * @csspart saved - "Saved" (`role="status"`) after a successful change.
 * @csspart empty - Not signed in / not an admin.
 * @csspart error - An error message (`role="alert"`); also `load-error` when a tab's code could not load, with a Retry.
 *
 * @cssprop --accent-color - Selected tab, primary buttons and focus rings (defaults to `--desk-color-accent`).
 * @cssprop --on-accent-color - Text on primary buttons (defaults to `--desk-color-on-accent`).
 * @cssprop --border-color - Separators and inputs (defaults to `--desk-color-border`).
 * @cssprop --muted-color - Hints and secondary text (defaults to `--desk-color-muted`).
 * @cssprop --surface-color - Background (defaults to `--desk-color-surface`).
 * @cssprop --subtle-color - Chips and row backgrounds (defaults to `--desk-color-subtle`).
 * @cssprop --danger-color - Errors and delete buttons (defaults to `--desk-color-danger`).
 * @cssprop --warning-color - Warnings, such as auto responders that need opening hours (defaults to `--desk-color-warning`).
 * @cssprop --radius - Corner radius (defaults to `--desk-radius`).
 */
export class DeskSettings extends DeskAgentElement implements SettingsHost {
  static override styles = [componentStyles, controlStyles, styles, csatStyles];

  /** The open tab. */
  @property({ reflect: true }) section: SettingsSection = 'profile';

  /** The deskkit server's base URL (for the webhook URLs providers are given). */
  @consume({ context: serverContext, subscribe: true })
  @state()
  server?: string;

  /** The tenant's settings as last loaded or saved (profile, preferences, auto responders, tags). */
  @state() settings: Settings | null = null;
  @state() private loadError = '';

  readonly localize = new LocalizeController(this, terms);

  private readonly panels: Record<Exclude<SettingsSection, LazySection>, SettingsPanel[]> = {
    profile: [new ProfilePanel(this)],
    preferences: [new PreferencesPanel(this), new UploadsPanel(this)],
    tags: [new TagsPanel(this)],
    departments: [new DepartmentsPanel(this)],
    responders: [new RespondersPanel(this)],
    surveys: [new SurveyPanel(this)],
    results: [new SurveyResultsPanel(this)],
    canned: [new CannedPanel(this)],
    connections: [new IntegrationsPanel(this), new LlmPanel(this), new PaymentsPanel(this)],
  };

  /** The channels tab's panels, loaded when it first opens (or its tab is pointed at). */
  private readonly channelPanels = new LazyController(this, {
    load: async () => (await import('./desk-settings.channels.js')).channelPanels(this),
  });

  /** The section's panels (none yet while a lazy section loads). */
  private panelsOf(section: SettingsSection): SettingsPanel[] {
    return section === 'channels' ? (this.channelPanels.value ?? []) : this.panels[section];
  }

  get locale(): string {
    return this.closest('[lang]')?.getAttribute('lang') || document.documentElement.lang || 'en';
  }

  private get allowed(): boolean {
    return this.session?.agent.role === 'admin';
  }

  changed(section: string): void {
    this.emit('desk-settings-change', { section });
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    const sessionChanged = changed.has('session') && changed.get('session')?.token !== this.session?.token;
    if (changed.has('client') || sessionChanged) {
      for (const panel of settingsSections.flatMap((s) => this.panelsOf(s))) panel.reset();
      this.settings = null;
      this.loadError = '';
      if (this.client && this.allowed) void this.loadSettings();
    }
    if (!this.client || !this.allowed || !settingsSections.includes(this.section)) return;
    const lazy = this.section === 'channels' ? this.channelPanels : null;
    if (lazy && !lazy.value && !lazy.pending && !lazy.failure) void lazy.use(() => undefined);
    for (const panel of this.panelsOf(this.section)) panel.activate();
  }

  private async loadSettings() {
    const client = this.client;
    try {
      const settings = await client!.settings.get.query();
      if (client === this.client) this.settings = settings;
    } catch (err) {
      if (client === this.client) this.loadError = `${this.localize.term('errorPrefix')} ${errorText(err)}`;
    }
  }

  /** Opens a tab (and focuses it, when asked from the keyboard). */
  async open(section: SettingsSection, focus = false): Promise<void> {
    this.section = section;
    if (!focus) return;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>(`#tab-${section}`)?.focus();
  }

  private readonly handleTabKeydown = (event: KeyboardEvent) => {
    const at = settingsSections.indexOf(this.section);
    const last = settingsSections.length - 1;
    const next = { ArrowRight: at === last ? 0 : at + 1, ArrowLeft: at === 0 ? last : at - 1, Home: 0, End: last }[event.key];
    if (next === undefined) return;
    event.preventDefault();
    void this.open(settingsSections[next]!, true);
  };

  protected override render() {
    const t = this.localize;
    if (!this.session) return html`<p part="empty">${t.term('signInRequired')}</p>`;
    if (!this.allowed) return html`<p part="empty">${t.term('settingsAdminsOnly')}</p>`;
    const section = settingsSections.includes(this.section) ? this.section : 'profile';
    const waiting = usesSettings.includes(section) && !this.settings;
    return html`<section part="base" aria-labelledby="settings-title">
      <h2 id="settings-title">${t.term('settingsTitle')}</h2>
      <div part="tabs" role="tablist" aria-label=${t.term('settingsTitle')} @keydown=${this.handleTabKeydown}>
        ${settingsSections.map(
          (s) => html`<button
            part="tab${s === section ? ' tab-selected' : ''}"
            role="tab"
            type="button"
            id="tab-${s}"
            data-section=${s}
            aria-selected=${s === section ? 'true' : 'false'}
            aria-controls="panel"
            tabindex=${s === section ? 0 : -1}
            @click=${() => void this.open(s)}
            ${s === 'channels' ? preloads(this.channelPanels) : nothing}
          >
            ${t.term(`settingsTab_${s}`)}
          </button>`,
        )}
      </div>
      <div part="panel" role="tabpanel" id="panel" aria-labelledby="tab-${section}" tabindex="0" data-section=${section}>
        ${this.loadError && usesSettings.includes(section) ? html`<p part="error" role="alert">${this.loadError}</p>` : nothing}
        ${waiting && !this.loadError ? html`<p class="muted" role="status">${t.term('loading')}</p>` : nothing}
        ${section === 'channels' ? this.renderLazyStatus(this.channelPanels) : nothing}
        ${waiting ? nothing : this.panelsOf(section).map((panel) => panel.render())}
      </div>
    </section>`;
  }

  /** A lazy section: "Loading" until its code is in, or why it could not load, with a Retry. */
  private renderLazyStatus(lazy: LazyController<SettingsPanel[]>) {
    const t = this.localize;
    if (lazy.failure) {
      return html`<p part="error load-error" role="alert">
        ${t.term('partLoadFailed')} <button type="button" data-action="retry-load" @click=${lazy.retry}>${t.term('partLoadRetry')}</button>
      </p>`;
    }
    return lazy.value ? nothing : html`<p class="muted" role="status">${t.term('loading')}</p>`;
  }
}
