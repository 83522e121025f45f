import { consume } from '@lit/context';
import { html, nothing, type PropertyValues } from 'lit';
import { state } from 'lit/decorators.js';
import { isTRPCClientError, type DeskClient, type DeskSettings as Settings } from '@deskkit/client';
import { clientContext } from '../../context/client-context.js';
import { sessionContext, type DeskSession } from '../../context/session-context.js';
import { DeskElement } from '../../internal/desk-element.js';
import componentStyles from '../../styles/component.styles.js';
import { LocalizeController } from '../../utilities/localize.js';
import { commonTerms } from '../../translations/en/common.js';
import { settingsTerms } from '../../translations/en/desk-settings.js';
import styles from './desk-settings.styles.js';

/** The English terms this element shows. */
const terms = { ...commonTerms, ...settingsTerms };

type ResponderKind = keyof Settings['autoResponders'];
const responderKinds: ResponderKind[] = ['greeting', 'noAgent', 'outsideHours', 'inactivity'];

/**
 * @tag desk-settings
 * @summary Admins edit the business profile and the auto responders (`settings.*`);
 * other agents see a notice. Field errors from the server show next to their field.
 *
 * @csspart base - The wrapper.
 * @csspart profile - The business profile form.
 * @csspart responders - The auto responders form.
 * @csspart responder - One responder (checkbox and message); `data-kind` names it.
 * @csspart field-error - A field's error (`role="alert"`); `data-field` names the field.
 * @csspart saved - "Saved" after a successful save.
 * @csspart empty - Not signed in / not an admin / loading.
 * @csspart error - An error message (`role="alert"`).
 */
export class DeskSettings extends DeskElement {
  static override styles = [componentStyles, styles];

  @consume({ context: clientContext, subscribe: true })
  @state()
  client?: DeskClient;

  @consume({ context: sessionContext, subscribe: true })
  @state()
  session: DeskSession | null = null;

  @state() private settings: Settings | null = null;
  @state() private fields: Record<string, string[]> = {};
  @state() private error = '';
  @state() private saved = '';

  private readonly localize = new LocalizeController(this, terms);

  private get allowed(): boolean {
    return this.session?.agent.role === 'admin';
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if ((changed.has('client') || changed.has('session')) && this.client && this.allowed) void this.load();
  }

  private async load() {
    try {
      this.settings = await this.client!.settings.get.query();
      this.error = '';
    } catch (err) {
      this.error = this.describe(err);
    }
  }

  private describe(err: unknown) {
    return `${this.localize.term('errorPrefix')} ${err instanceof Error ? err.message : String(err)}`;
  }

  /** Runs a save; BAD_REQUEST field errors go next to their fields. */
  private async save(section: string, run: () => Promise<Settings>) {
    this.fields = {};
    this.error = '';
    this.saved = '';
    try {
      this.settings = await run();
      this.saved = section;
    } catch (err) {
      const fields = isTRPCClientError(err) ? (err.data as { fields?: Record<string, string[]> | null })?.fields : null;
      if (fields) this.fields = fields;
      else this.error = this.describe(err);
    }
  }

  private handleProfile(event: SubmitEvent) {
    event.preventDefault();
    const form = new FormData(event.target as HTMLFormElement);
    const logoUrl = String(form.get('logoUrl') ?? '').trim();
    void this.save('profile', () =>
      this.client!.settings.updateProfile.mutate({
        name: String(form.get('name') ?? ''),
        timezone: String(form.get('timezone') ?? ''),
        logoUrl: logoUrl || null,
      }),
    );
  }

  private handleResponders(event: SubmitEvent) {
    event.preventDefault();
    const form = new FormData(event.target as HTMLFormElement);
    const input = Object.fromEntries(
      responderKinds.map((kind) => [kind, { enabled: form.get(`${kind}.enabled`) === 'on', message: String(form.get(`${kind}.message`) ?? '') }]),
    ) as Settings['autoResponders'];
    void this.save('responders', () => this.client!.settings.updateAutoResponders.mutate(input));
  }

  private fieldError(field: string) {
    const messages = this.fields[field];
    return messages ? html`<span part="field-error" role="alert" data-field=${field}>${messages.join(', ')}</span>` : nothing;
  }

  protected override render() {
    if (!this.session) return html`<p part="empty">${this.localize.term('signInRequired')}</p>`;
    if (!this.allowed) return html`<p part="empty">${this.localize.term('settingsAdminsOnly')}</p>`;
    const s = this.settings;
    if (!s) return html`${this.error ? html`<p part="error" role="alert">${this.error}</p>` : html`<p part="empty">${this.localize.term('loading')}</p>`}`;
    return html`
      <div part="base">
        ${this.error ? html`<p part="error" role="alert">${this.error}</p>` : nothing}
        <form part="profile" @submit=${this.handleProfile}>
          <h3>${this.localize.term('settingsProfile')}</h3>
          <label>${this.localize.term('settingsName')} <input name="name" .value=${s.profile.name} required /></label>
          ${this.fieldError('name')}
          <label>${this.localize.term('settingsLogoUrl')} <input name="logoUrl" type="url" .value=${s.profile.logoUrl ?? ''} /></label>
          ${this.fieldError('logoUrl')}
          <label>${this.localize.term('settingsTimezone')} <input name="timezone" .value=${s.profile.timezone} /></label>
          ${this.fieldError('timezone')}
          <button type="submit">${this.localize.term('settingsSave')}</button>
          ${this.saved === 'profile' ? html`<span part="saved" role="status">${this.localize.term('settingsSaved')}</span>` : nothing}
        </form>
        <form part="responders" @submit=${this.handleResponders}>
          <h3>${this.localize.term('settingsAutoResponders')}</h3>
          ${responderKinds.map(
            (kind) => html`
              <fieldset part="responder" data-kind=${kind}>
                <legend>
                  <label
                    ><input type="checkbox" name=${`${kind}.enabled`} .checked=${s.autoResponders[kind].enabled} />
                    ${this.localize.term(`settingsResponder_${kind}`)}</label
                  >
                </legend>
                <textarea name=${`${kind}.message`} maxlength="1000" rows="2" aria-label=${this.localize.term(`settingsResponder_${kind}`)}
                  .value=${s.autoResponders[kind].message}></textarea>
                ${this.fieldError(`${kind}.message`)}
              </fieldset>
            `,
          )}
          <button type="submit">${this.localize.term('settingsSave')}</button>
          ${this.saved === 'responders' ? html`<span part="saved" role="status">${this.localize.term('settingsSaved')}</span>` : nothing}
        </form>
      </div>
    `;
  }
}
