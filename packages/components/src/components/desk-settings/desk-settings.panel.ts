/**
 * @license MIT
 * What every settings section shares: loading when its tab first opens, saving with
 * BAD_REQUEST field errors shown next to their fields (`aria-invalid` + `aria-describedby`),
 * other errors and "Saved" notices, and the `desk-settings-change` event.
 */
import { html, nothing, type ReactiveControllerHost, type TemplateResult } from 'lit';
import type { DeskClient, DeskSettings as Settings } from '@deskkit/client';
import type { LocalizeController } from '../../utilities/localize.js';
import type { CommonTerms } from '../../translations/en/common.js';
import type { ReportTerms } from '../../translations/en/reports.js';
import type { SettingsTerms } from '../../translations/en/desk-settings.js';
import type { LazyTerms } from '../../translations/en/lazy.js';
import type { ChannelSettingsTerms } from '../../translations/en/desk-settings-channels.js';
import { errorText, fieldErrors } from '../../internal/errors.js';
import type { SettingsSection } from './desk-settings.component.js';

/** The terms a section may show. */
export type SettingsTermKey = keyof CommonTerms | keyof ReportTerms | keyof SettingsTerms | keyof LazyTerms;
/** The terms the channels tab's sections may show (theirs load with them). */
export type ChannelsTermKey = SettingsTermKey | keyof ChannelSettingsTerms;

/** What a section needs from `<desk-settings>`. */
export interface SettingsHost extends ReactiveControllerHost {
  readonly client?: DeskClient;
  readonly localize: LocalizeController<SettingsTermKey>;
  /** The tenant's settings (profile, preferences, responders, tags), shared by those sections. */
  settings: Settings | null;
  /** The page's language, for dates and numbers. */
  readonly locale: string;
  /** The deskkit server's base URL, if known. */
  readonly server?: string;
  /** Fires `desk-settings-change`. */
  changed(section: string): void;
  /** Opens another tab (focusing it when asked). */
  open(section: SettingsSection, focus?: boolean): Promise<void>;
  readonly renderRoot: HTMLElement | DocumentFragment;
}

export abstract class SettingsPanel {
  /** The section's name in events and ids. */
  abstract readonly section: string;
  protected error = '';
  protected fields: Record<string, string> = {};
  protected notice = '';
  protected busy = false;
  private loaded = false;

  constructor(protected readonly host: SettingsHost) {}

  protected get t(): LocalizeController<SettingsTermKey> {
    return this.host.localize;
  }

  protected get client(): DeskClient {
    if (!this.host.client) throw new Error('not connected to a desk');
    return this.host.client;
  }

  /** Its tab opened: loads what it shows, once per sign-in. */
  activate(): void {
    if (this.loaded || !this.host.client) return;
    this.loaded = true;
    void this.run(() => this.load(), { quiet: true });
  }

  /** Signed out or in as someone else: forget everything. */
  reset(): void {
    this.loaded = false;
    this.error = '';
    this.fields = {};
    this.notice = '';
    this.clear();
  }

  /** Reloads from the desk (after a change elsewhere, or on demand). */
  reload(): Promise<boolean> {
    this.loaded = true;
    return this.run(() => this.load(), { quiet: true });
  }

  protected load(): Promise<void> {
    return Promise.resolve();
  }

  protected clear(): void {}

  /**
   * Runs a change: field errors go next to their fields, other errors above the form;
   * on success "Saved" is announced and `desk-settings-change` fires. True when it worked.
   */
  protected async run(work: () => Promise<unknown>, options: { quiet?: boolean; notice?: string } = {}): Promise<boolean> {
    this.busy = true;
    this.error = '';
    this.fields = {};
    if (!options.quiet) this.notice = '';
    this.host.requestUpdate();
    try {
      await work();
      if (!options.quiet) {
        this.notice = options.notice ?? this.t.term('settingsSaved');
        this.host.changed(this.section);
      }
      return true;
    } catch (err) {
      const fields = fieldErrors(err);
      if (Object.keys(fields).length) this.fields = fields;
      else this.error = `${this.t.term('errorPrefix')} ${errorText(err)}`;
      return false;
    } finally {
      this.busy = false;
      this.host.requestUpdate();
    }
  }

  /** A field's error (if any), to put after its input; the input gets `ariaInvalid` and `describedBy`. */
  protected fieldError(name: string) {
    const message = this.fields[name];
    return message
      ? html`<span part="field-error" class="field-error" id=${this.errorId(name)} role="alert" data-field=${name}>${message}</span>`
      : nothing;
  }

  protected ariaInvalid(name: string) {
    return this.fields[name] ? 'true' : nothing;
  }

  /** The ids describing an input: `also` (e.g. a hint) and its error, if any. */
  protected describedBy(name: string, ...also: string[]) {
    const ids = [...also, ...(this.fields[name] ? [this.errorId(name)] : [])];
    return ids.length ? ids.join(' ') : nothing;
  }

  private errorId(name: string) {
    return `${this.section}-${name.replace(/[^a-z0-9_-]/gi, '-')}-error`;
  }

  /** Moves focus once the next render is done (after a row it was on went away, or a form opened). */
  protected focusLater(selector: string) {
    this.host.requestUpdate();
    void this.host.updateComplete.then(() => this.host.renderRoot.querySelector<HTMLElement>(selector)?.focus());
  }

  /** The section's error and notice. */
  protected renderStatus() {
    return html`${this.error ? html`<p part="error" role="alert">${this.error}</p>` : nothing}
      <p part="saved" role="status" class=${this.notice ? 'notice' : 'visually-hidden'}>${this.notice}</p>`;
  }

  abstract render(): TemplateResult;
}
