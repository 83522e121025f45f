import { Task, TaskStatus } from '@lit/task';
import { html, nothing, type PropertyValues } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import type { ConversationView } from '@deskkit/client';
import { DeskAgentElement } from '../../internal/desk-agent-element.js';
import { errorCode, errorText } from '../../internal/errors.js';
import componentStyles from '../../styles/component.styles.js';
import controlStyles from '../../styles/controls.styles.js';
import { langOf, LocalizeController } from '../../utilities/localize.js';
import { commonTerms } from '../../translations/en/common.js';
import { profileTerms } from '../../translations/en/customer-profile.js';
import { smsTerms } from '../../translations/en/sms.js';
import { lazyTerms } from '../../translations/en/lazy.js';
import { changesOf, draftOf, fieldErrorsOf, renderForm, type CustomerView, type ProfileDraft } from './customer-profile.form.js';
import { renderDuplicates, renderHistory, renderIntegrationResults, type DuplicateView, type IntegrationResult } from './customer-profile.panels.js';
import { ProfileSms } from './customer-profile.sms.js';
import { ProfileTemplates } from './customer-profile.templates.js';
import styles from './customer-profile.styles.js';

/** The English terms this element shows. */
const terms = { ...commonTerms, ...profileTerms, ...smsTerms, ...lazyTerms };

const HISTORY_PAGE = 10;

/**
 * @tag customer-profile
 * @summary One customer's profile for agents: contact details, language, notes and custom
 * attributes (viewed and edited), their conversations on every channel, likely duplicates
 * (supervisors merge them) and the details connected apps return. Place it inside a
 * `<desk-provider>`; it uses the provider's client and session.
 *
 * @fires desk-conversation-select - The agent picked a conversation in the history, or sent a WhatsApp template (the conversation it went into) (`{ conversationId }`).
 * @fires desk-customer-update - The agent saved the profile (`{ customerId }`).
 * @fires desk-customer-merge - A supervisor merged a duplicate into this profile (`{ sourceId, targetId, moved }`).
 *
 * @csspart base - The wrapper.
 * @csspart header - The name, verified badge and the Edit button.
 * @csspart badge - "Verified" or "Unverified" (the wording `<chat-window>` uses).
 * @csspart details - The details as a description list.
 * @csspart attributes - The attributes in the details.
 * @csspart notes - The notes in the details.
 * @csspart form - The edit form.
 * @csspart field - One labelled input of the form.
 * @csspart field-error - The error under an input (linked with `aria-describedby`).
 * @csspart attributes-editor - The attribute rows and the Add button.
 * @csspart attribute-row - One key/value row.
 * @csspart save - The Save button.
 * @csspart history - The conversation history.
 * @csspart history-item - One conversation (a button).
 * @csspart duplicates - The likely duplicates.
 * @csspart duplicate - One likely duplicate, with its Merge button for supervisors.
 * @csspart integrations - The connected apps' panel.
 * @csspart integration - One app's answer; also `integration-ok`, `integration-error` or `integration-timeout`.
 * @csspart integration-link - A link a field carries (opens in a new tab).
 * @csspart integration-error - Why an app's details are missing.
 * @csspart integration-time - When the details were fetched, and whether they came from the cache.
 * @csspart sms - The "Send SMS" form (a one-way text to the customer's phone).
 * @csspart sms-status - The last SMS sent from here and its delivery status, live (`data-status`).
 * @csspart dialog - The merge confirmation; the WhatsApp template dialog.
 * @csspart template-preview - The template as the customer will see it, in the template dialog.
 * @csspart load-error - The template dialog could not load (with a Retry).
 * @csspart error - An error (`role="alert"`).
 * @csspart notice - A notice (`role="status"`): saved, merged, redirected.
 *
 * @cssprop --accent-color - Buttons and focus rings (defaults to `--desk-color-accent`).
 * @cssprop --on-accent-color - Text on accent buttons (defaults to `--desk-color-on-accent`).
 * @cssprop --border-color - Separators (defaults to `--desk-color-border`).
 * @cssprop --muted-color - Secondary text (defaults to `--desk-color-muted`).
 * @cssprop --surface-color - Background (defaults to `--desk-color-surface`).
 * @cssprop --subtle-color - Chips and cards (defaults to `--desk-color-subtle`).
 * @cssprop --danger-color - Errors (defaults to `--desk-color-danger`).
 * @cssprop --success-color - The verified badge (defaults to `--desk-color-available`).
 * @cssprop --radius - Corner radius (defaults to `--desk-radius`).
 */
export class CustomerProfile extends DeskAgentElement {
  static override styles = [componentStyles, controlStyles, styles];

  /** The customer to show. A merged customer's id shows the profile it was merged into. */
  @property({ attribute: 'customer-id', reflect: true }) customerId = '';

  /** The profile as last loaded or saved (`null` while loading or when not found). */
  @state() profile: CustomerView | null = null;
  @state() private loading = false;
  @state() private loadError = '';
  @state() private draft: ProfileDraft | null = null;
  @state() private fieldErrors: Record<string, string> = {};
  @state() private saving = false;
  @state() private notice = '';
  @state() private error = '';
  @state() private history: ConversationView[] = [];
  @state() private historyCursor: string | null = null;
  @state() private loadingMore = false;
  @state() private duplicates: DuplicateView[] = [];
  @state() private mergeCandidate: DuplicateView | null = null;
  @state() private merging = false;
  @state() private mergeError = '';

  @query('dialog#merge-dialog') private mergeDialog?: HTMLDialogElement;

  private readonly localize = new LocalizeController(this, terms);
  /** Bumped per load, so an answer for an earlier customer is dropped. */
  private generation = 0;
  private mergeOpener: HTMLElement | null = null;

  /** "Send SMS": a one-way text to the customer's phone, with its delivery status. */
  private readonly sms = new ProfileSms(this, {
    client: () => this.client,
    session: () => this.session,
    profile: () => this.profile,
    localize: this.localize,
  });

  /** "Send WhatsApp template": to the customer, then the conversation it went into opens. */
  private readonly templates = new ProfileTemplates(this, {
    client: () => this.client,
    session: () => this.session,
    profile: () => this.profile,
    channels: () => this.sms.channels,
    localize: this.localize,
    sent: (conversationId) => this.emit('desk-conversation-select', { conversationId }),
  });

  /** What connected apps say about the customer; fetched by the server, refreshed on demand. */
  private readonly integrations = new Task(this, {
    task: async ([client, customerId]): Promise<IntegrationResult[]> => {
      if (!client || !customerId) return [];
      return client.customers.integrationData.query({ customerId });
    },
    args: () => [this.client && this.session ? this.client : undefined, this.profile?.id] as const,
  });

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('customerId') || changed.has('client') || changed.has('session')) void this.load();
  }

  /** Reloads the profile, history and duplicates. */
  async load(): Promise<void> {
    const generation = ++this.generation;
    const client = this.client;
    this.draft = null;
    this.fieldErrors = {};
    this.notice = '';
    this.error = '';
    if (!client || !this.session || !this.customerId) {
      this.profile = null;
      return;
    }
    this.loading = true;
    this.loadError = '';
    try {
      const profile = await client.customers.get.query({ customerId: this.customerId });
      const [history, duplicates] = await Promise.all([
        client.customers.history.query({ customerId: profile.id, limit: HISTORY_PAGE }),
        client.customers.duplicates.query({ customerId: profile.id }),
      ]);
      if (generation !== this.generation) return;
      this.profile = profile;
      this.history = history.items;
      this.historyCursor = history.nextCursor;
      this.duplicates = duplicates;
      if (profile.redirectedFrom) this.notice = this.localize.term('profileRedirected');
    } catch (err) {
      if (generation !== this.generation) return;
      this.profile = null;
      this.loadError = errorCode(err) === 'NOT_FOUND' ? this.localize.term('profileNotFound') : errorText(err);
    } finally {
      if (generation === this.generation) this.loading = false;
    }
  }

  private get canMerge(): boolean {
    const role = this.session?.agent.role;
    return role === 'supervisor' || role === 'admin';
  }

  private handleEdit = () => {
    if (!this.profile) return;
    this.draft = draftOf(this.profile);
    this.fieldErrors = {};
    this.notice = '';
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLInputElement>('#field-name')?.focus());
  };

  private handleCancel = () => {
    this.draft = null;
    this.fieldErrors = {};
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLButtonElement>('[data-action=edit]')?.focus());
  };

  private handleSave = async (event: Event) => {
    event.preventDefault();
    const { client, profile, draft } = this;
    if (!client || !profile || !draft || this.saving) return;
    this.saving = true;
    this.fieldErrors = {};
    this.error = '';
    try {
      const saved = await client.customers.update.mutate(changesOf(profile, draft));
      this.profile = saved;
      this.draft = null;
      this.notice = this.localize.term('profileSaved');
      this.emit('desk-customer-update', { customerId: saved.id });
      void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLButtonElement>('[data-action=edit]')?.focus());
    } catch (err) {
      const errors = fieldErrorsOf(err);
      if (Object.keys(errors).length) {
        this.fieldErrors = errors;
        const first = Object.keys(errors)[0];
        void this.updateComplete.then(() =>
          this.renderRoot.querySelector<HTMLElement>(first === 'attributes' ? '[name=attribute-key]' : `#field-${first}`)?.focus(),
        );
      } else {
        this.error = errorText(err);
      }
    } finally {
      this.saving = false;
    }
  };

  private handleMore = async () => {
    const { client, profile, historyCursor } = this;
    if (!client || !profile || !historyCursor || this.loadingMore) return;
    this.loadingMore = true;
    try {
      const page = await client.customers.history.query({ customerId: profile.id, cursor: historyCursor, limit: HISTORY_PAGE });
      this.history = [...this.history, ...page.items];
      this.historyCursor = page.nextCursor;
    } catch (err) {
      this.error = errorText(err);
    } finally {
      this.loadingMore = false;
    }
  };

  private handleMergeAsk = (duplicate: DuplicateView) => {
    this.mergeCandidate = duplicate;
    this.mergeError = '';
    this.mergeOpener = (this.renderRoot as ShadowRoot).activeElement as HTMLElement | null;
    void this.updateComplete.then(() => this.mergeDialog?.showModal());
  };

  private handleMergeClose = () => {
    // `close` arrives a task later: the dialog may already be open again for another duplicate.
    if (this.mergeDialog?.open) return;
    this.mergeCandidate = null;
    this.mergeOpener?.focus();
    this.mergeOpener = null;
  };

  private handleMergeConfirm = async (event: Event) => {
    event.preventDefault();
    const { client, profile, mergeCandidate } = this;
    if (!client || !profile || !mergeCandidate || this.merging) return;
    this.merging = true;
    this.mergeError = '';
    try {
      const result = await client.customers.merge.mutate({ sourceId: mergeCandidate.customer.id, targetId: profile.id });
      this.mergeDialog?.close();
      this.emit('desk-customer-merge', { sourceId: mergeCandidate.customer.id, targetId: profile.id, moved: result.movedConversations });
      await this.load();
      this.notice = this.localize.term('profileMerged', result.movedConversations);
      void this.integrations.run();
    } catch (err) {
      this.mergeError = errorText(err);
    } finally {
      this.merging = false;
    }
  };

  protected override render() {
    const l = this.localize;
    if (!this.session) return html`<div part="base" class="empty">${l.term('signInRequired')}</div>`;
    if (this.loading && !this.profile) return html`<div part="base" class="empty" role="status">${l.term('profileLoading')}</div>`;
    if (this.loadError) return html`<div part="base"><p class="error" part="error" role="alert">${this.loadError}</p></div>`;
    const profile = this.profile;
    if (!profile) return html`<div part="base"></div>`;
    return html`<section part="base" aria-labelledby="profile-name" aria-busy=${this.loading ? 'true' : 'false'}>
      <header part="header">
        <h2 id="profile-name">${profile.name}</h2>
        <span part="badge" class=${profile.verified ? 'badge verified' : 'badge'}>
          ${profile.verified ? l.term('profileVerified') : l.term('profileUnverified')}
        </span>
        <span class="header-actions">
          ${this.draft ? nothing : html`<button type="button" data-action="edit" @click=${this.handleEdit}>${l.term('profileEdit')}</button>`}
          ${this.sms.renderAction()} ${this.templates.renderAction()}
        </span>
      </header>
      ${this.sms.render()} ${this.templates.render()}
      <div role="status" part="notice" class=${this.notice ? 'notice' : 'visually-hidden'}>${this.notice}</div>
      ${this.error ? html`<p class="error" part="error" role="alert">${this.error}</p>` : nothing}
      ${this.draft
        ? renderForm({
            draft: this.draft,
            errors: this.fieldErrors,
            saving: this.saving,
            localize: l,
            onInput: (draft) => (this.draft = draft),
            onSubmit: this.handleSave,
            onCancel: this.handleCancel,
          })
        : this.renderDetails(profile)}
      ${renderHistory({
        items: this.history,
        hasMore: Boolean(this.historyCursor),
        loadingMore: this.loadingMore,
        lang: langOf(this),
        localize: l,
        onSelect: (conversationId) => this.emit('desk-conversation-select', { conversationId }),
        onMore: this.handleMore,
      })}
      ${renderDuplicates({ duplicates: this.duplicates, canMerge: this.canMerge, merging: this.merging, localize: l, onMerge: this.handleMergeAsk })}
      ${this.renderIntegrations()} ${this.renderMergeDialog(profile)}
    </section>`;
  }

  private renderDetails(profile: CustomerView) {
    const l = this.localize;
    const value = (text: string | null) => (text ? text : html`<span class="muted">${l.term('profileEmpty')}</span>`);
    const attributes = Object.entries(profile.attributes);
    return html`<dl part="details">
      <div class="pair"><dt>${l.term('profileEmail')}</dt><dd data-field="email">${value(profile.email)}</dd></div>
      <div class="pair"><dt>${l.term('profilePhone')}</dt><dd data-field="phone">${value(profile.phone)}</dd></div>
      <div class="pair"><dt>${l.term('profileLanguage')}</dt><dd data-field="language">${profile.language}</dd></div>
      ${profile.externalId
        ? html`<div class="pair"><dt>${l.term('profileExternalId')}</dt><dd data-field="externalId">${profile.externalId}</dd></div>`
        : nothing}
      <div class="pair" part="attributes">
        <dt>${l.term('profileAttributes')}</dt>
        <dd data-field="attributes">
          ${attributes.length
            ? html`<ul role="list" class="attributes">
                ${attributes.map(([key, val]) => html`<li><span class="chip">${key}</span> ${val}</li>`)}
              </ul>`
            : html`<span class="muted">${l.term('profileNoAttributes')}</span>`}
        </dd>
      </div>
      <div class="pair" part="notes">
        <dt>${l.term('profileNotes')}</dt>
        <dd data-field="notes" class="notes">${profile.notes ? profile.notes : html`<span class="muted">${l.term('profileNoNotes')}</span>`}</dd>
      </div>
    </dl>`;
  }

  private renderIntegrations() {
    const l = this.localize;
    return html`<section part="integrations" aria-labelledby="integrations-heading" aria-busy=${this.integrations.status === TaskStatus.PENDING ? 'true' : 'false'}>
      <div class="section-head">
        <h3 id="integrations-heading">${l.term('profileIntegrations')}</h3>
        <button type="button" data-action="refresh-integrations" @click=${() => this.integrations.run()}>${l.term('profileIntegrationsRefresh')}</button>
      </div>
      ${this.integrations.render({
        pending: () => html`<p class="muted" role="status">${l.term('profileIntegrationsLoading')}</p>`,
        complete: (results) => renderIntegrationResults(results, langOf(this), l),
        error: (err) => html`<p class="error" part="error" role="alert">${errorText(err)}</p>`,
      })}
    </section>`;
  }

  private renderMergeDialog(profile: CustomerView) {
    const l = this.localize;
    const source = this.mergeCandidate?.customer.name ?? '';
    return html`<dialog id="merge-dialog" part="dialog" aria-labelledby="merge-title" aria-describedby="merge-text" @close=${this.handleMergeClose}>
      <form method="dialog" @submit=${this.handleMergeConfirm}>
        <h3 id="merge-title">${l.term('profileMergeTitle')}</h3>
        <p id="merge-text">${l.term('profileMergeConfirm', source, profile.name)}</p>
        ${this.mergeError ? html`<p class="error" part="error" role="alert">${this.mergeError}</p>` : nothing}
        <div class="form-actions">
          <button type="submit" class="primary" data-action="confirm-merge" ?disabled=${this.merging}>
            ${this.merging ? l.term('profileMerging') : l.term('profileMergeAction')}
          </button>
          <button type="button" data-action="cancel-merge" ?disabled=${this.merging} @click=${() => this.mergeDialog?.close()}>${l.term('profileCancel')}</button>
        </div>
      </form>
    </dialog>`;
  }
}
