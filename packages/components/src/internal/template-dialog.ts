/**
 * @license MIT
 * The dialog that sends a pre-approved WhatsApp template, which WhatsApp allows at any
 * time: in `<chat-window>` (into the conversation) and `<customer-profile>` (to the
 * customer). Both load it on first use.
 */
import { css, html, nothing, type ReactiveControllerHost } from 'lit';
import { live } from 'lit/directives/live.js';
import { ref } from 'lit/directives/ref.js';
import type { DeskClient, RouterInputs, RouterOutputs } from '@deskkit/client';
import type { LocalizeController } from '../utilities/localize.js';
import type { CommonTerms } from '../translations/en/common.js';
import type { TemplateTerms } from '../translations/en/templates.js';
import { addStyles } from './adopt-styles.js';
import { errorCode, errorText } from './errors.js';
import { newClientMessageId } from './ids.js';
import { ModalDialog } from './modal-dialog.js';
import { renderTemplatePreview, templatePreviewStyles } from './template-preview.js';

export type TemplateView = RouterOutputs['templates']['list'][number];

/** What a send takes besides where it goes (`conversationId` or `customerId`). */
export type TemplateSend = Pick<RouterInputs['templates']['send'], 'templateId' | 'variables' | 'clientMessageId'>;

export interface TemplateDialogOptions {
  client(): DeskClient | undefined;
  localize: LocalizeController<keyof CommonTerms | keyof TemplateTerms>;
  /** Sends it where the host means it to go and shows the result; throws the server's error (shown inline). */
  send(client: DeskClient, input: TemplateSend): Promise<void>;
  /** Where focus goes when the control that opened the dialog is gone. */
  fallbackFocus?(): HTMLElement | null | undefined;
}

/** Choose a template, fill its numbered variables with a live preview, send. */
export class TemplateDialog extends ModalDialog {
  private templates: TemplateView[] = [];
  private loadingTemplates = false;
  private templateId = '';
  private values: string[] = [];
  /** One id per content: sending the same again (after a lost answer) never duplicates it. */
  private attempt: { key: string; clientMessageId: string } | null = null;
  private ticket = 0;

  constructor(
    host: ReactiveControllerHost & HTMLElement,
    private readonly options: TemplateDialogOptions,
  ) {
    super(host, () => options.fallbackFocus?.());
    addStyles(host, [templatePreviewStyles, templateStyles]);
  }

  get selected(): TemplateView | undefined {
    return this.templates.find((t) => t.id === this.templateId);
  }

  /** Sends it; throws the server's error (shown inline). */
  private async send(input: TemplateSend): Promise<void> {
    const client = this.options.client();
    if (!client) throw new Error('not signed in');
    await this.options.send(client, input);
  }

  protected override opened(): void {
    this.values = [];
    this.attempt = null;
    void this.load();
  }

  protected override closed(): void {
    this.ticket++;
  }

  private async load(): Promise<void> {
    const client = this.options.client();
    if (!client) return;
    const ticket = ++this.ticket;
    this.loadingTemplates = true;
    this.host.requestUpdate();
    try {
      const templates = await client.templates.list.query({});
      if (ticket !== this.ticket) return;
      this.templates = templates;
      if (!this.selected) this.choose(templates[0]?.id ?? '');
    } catch (err) {
      if (ticket === this.ticket) this.error = errorText(err);
    } finally {
      if (ticket === this.ticket) this.loadingTemplates = false;
      this.host.requestUpdate();
    }
  }

  private choose(templateId: string): void {
    this.templateId = templateId;
    this.values = Array.from({ length: this.selected?.variableCount ?? 0 }, () => '');
    this.error = '';
    this.host.requestUpdate();
  }

  private readonly handleTemplate = (event: Event) => this.choose((event.target as HTMLSelectElement).value);

  private readonly handleValue = (event: Event) => {
    const input = event.target as HTMLInputElement;
    const values = [...this.values];
    values[Number(input.dataset.variable) - 1] = input.value;
    this.values = values;
    this.host.requestUpdate();
  };

  private readonly handleSubmit = (event: SubmitEvent) => {
    event.preventDefault();
    const template = this.selected;
    if (!template || this.values.some((v) => !v.trim())) return;
    const variables = this.values.map((v) => v.trim());
    const key = JSON.stringify([template.id, variables]);
    if (this.attempt?.key !== key) this.attempt = { key, clientMessageId: newClientMessageId() };
    const { clientMessageId } = this.attempt;
    void this.submit(
      () => this.send({ templateId: template.id, variables, clientMessageId }),
      (err) => {
        // Refused before anything was stored: a later send is a new message.
        if (errorCode(err) === 'PRECONDITION_FAILED') {
          this.error = this.options.localize.term('windowTemplateRefused', errorText(err));
          this.attempt = null;
        }
      },
    );
  };

  private readonly handleCancel = () => this.close();

  render() {
    const { localize } = this.options;
    const template = this.selected;
    const missing = this.values.some((v) => !v.trim());
    return html`
      <dialog part="dialog" class="template" aria-labelledby="template-title" ${ref(this.bind)} @close=${this.handleClose}>
        <form @submit=${this.handleSubmit}>
          <h2 id="template-title">${localize.term('windowTemplateTitle')}</h2>
          ${this.loadingTemplates && !this.templates.length
            ? html`<p class="hint" role="status">${localize.term('loading')}</p>`
            : !this.templates.length
              ? html`<p class="hint" role="status">${localize.term('windowTemplateNone')}</p>`
              : html`
                  <label for="template-choice">${localize.term('windowTemplateChoose')}</label>
                  <select id="template-choice" .value=${live(this.templateId)} @change=${this.handleTemplate}>
                    ${this.templates.map(
                      (t) => html`<option value=${t.id} ?selected=${t.id === this.templateId}>${t.name} (${t.language})</option>`,
                    )}
                  </select>
                `}
          ${template && template.variableCount
            ? html`<fieldset>
                <legend>${localize.term('windowTemplateVariables')}</legend>
                ${this.values.map(
                  (value, i) => html`
                    <label class="variable">
                      <span>${`{{${i + 1}}}`}</span>
                      <input
                        type="text"
                        required
                        maxlength="1024"
                        autocomplete="off"
                        data-variable=${i + 1}
                        aria-label=${localize.term('windowTemplateVariable', i + 1)}
                        .value=${live(value)}
                        @input=${this.handleValue}
                      />
                    </label>
                  `,
                )}
              </fieldset>`
            : nothing}
          ${template ? renderTemplatePreview(template, this.values, localize.term('windowTemplatePreview')) : nothing}
          ${this.error ? html`<p part="error" role="alert">${this.error}</p>` : nothing}
          <div class="dialog-actions">
            <button type="button" @click=${this.handleCancel}>${localize.term('windowCancel')}</button>
            <button type="submit" class="primary" ?disabled=${!template || missing || this.busy}>${localize.term('windowTemplateSend')}</button>
          </div>
        </form>
      </dialog>
    `;
  }
}

const templateStyles = css`
  [part='dialog'] .variable {
    display: grid;
    grid-template-columns: 2.5rem 1fr;
    align-items: center;
    gap: 0.375rem;
  }
`;
