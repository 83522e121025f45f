/**
 * @license MIT
 * WhatsApp templates: the pre-approved messages agents send on WhatsApp at any time, also
 * after the 24 hours free-form replies have. Each has a name and language (its identity at
 * the provider, fixed once made), a category, an optional header and footer, a body with
 * numbered variables `{{1}}`, and up to three buttons; the editor previews it as the
 * customer will see it.
 */
import { html, nothing } from 'lit';
import { live } from 'lit/directives/live.js';
import { repeat } from 'lit/directives/repeat.js';
import type { RouterInputs, RouterOutputs } from '@deskkit/client';
import { renderTemplatePreview } from '../../internal/template-preview.js';
import type { LocalizeController } from '../../utilities/localize.js';
import { SettingsPanel, type ChannelsTermKey, type SettingsHost } from './desk-settings.panel.js';

type Template = RouterOutputs['templates']['list'][number];
type Category = Template['category'];
type ButtonInput = RouterInputs['templates']['create']['buttons'] extends Array<infer B> | undefined ? B : never;
type ButtonType = ButtonInput['type'];

/** A button being edited: every type's fields, so switching type keeps what was typed. */
interface ButtonDraft {
  type: ButtonType;
  text: string;
  url: string;
  phone: string;
}
interface TemplateDraft {
  id: string | null;
  name: string;
  language: string;
  category: Category;
  header: string;
  body: string;
  footer: string;
  buttons: ButtonDraft[];
}

const categories: Category[] = ['utility', 'marketing', 'authentication'];
const buttonTypes: ButtonType[] = ['quick_reply', 'url', 'phone'];
/** The most buttons a template takes (kept in step with the server's schema). */
const MAX_BUTTONS = 3;
/** How much of a body the list shows. */
const PREVIEW_CHARS = 160;

const toButton = (b: ButtonDraft): ButtonInput =>
  b.type === 'url' ? { type: 'url', text: b.text, url: b.url } : b.type === 'phone' ? { type: 'phone', text: b.text, phone: b.phone } : { type: 'quick_reply', text: b.text };

export class TemplatesPanel extends SettingsPanel {
  readonly section = 'templates';
  private templates: Template[] = [];
  private draft: TemplateDraft | null = null;
  private confirming: string | null = null;

  constructor(
    host: SettingsHost,
    private readonly terms: LocalizeController<ChannelsTermKey>,
  ) {
    super(host);
  }

  protected override get t(): LocalizeController<ChannelsTermKey> {
    return this.terms;
  }

  protected override async load(): Promise<void> {
    this.templates = await this.client.templates.list.query({});
  }

  protected override clear(): void {
    this.templates = [];
    this.draft = null;
    this.confirming = null;
  }

  private open(template: Template | null) {
    const x = template;
    this.draft = {
      id: x?.id ?? null,
      name: x?.name ?? '',
      language: x?.language ?? '',
      category: x?.category ?? 'utility',
      header: x?.header ?? '',
      body: x?.body ?? '',
      footer: x?.footer ?? '',
      buttons: (x?.buttons ?? []).map((b) => ({ type: b.type, text: b.text, url: b.type === 'url' ? b.url : '', phone: b.type === 'phone' ? b.phone : '' })),
    };
    this.fields = {};
    this.notice = '';
    this.confirming = null;
    this.host.requestUpdate();
    this.focusLater(`[part~=template-form] [name=${x ? 'category' : 'name'}]`);
  }

  private close(focusId: string | null) {
    this.draft = null;
    this.host.requestUpdate();
    this.focusLater(focusId ? `[part~=template][data-id="${focusId}"] [data-action=edit]` : '[data-action=new-template]');
  }

  private set(change: Partial<TemplateDraft>) {
    this.draft = { ...this.draft!, ...change };
    this.host.requestUpdate();
  }

  private setButton(index: number, change: Partial<ButtonDraft>) {
    this.set({ buttons: this.draft!.buttons.map((b, i) => (i === index ? { ...b, ...change } : b)) });
  }

  private readonly handleSave = (event: SubmitEvent) => {
    event.preventDefault();
    const d = this.draft!;
    const content = {
      category: d.category,
      header: d.header.trim() ? d.header : null,
      body: d.body,
      footer: d.footer.trim() ? d.footer : null,
      buttons: d.buttons.map(toButton),
    };
    void this.run(async () => {
      const saved = d.id
        ? await this.client.templates.update.mutate({ templateId: d.id, ...content })
        : await this.client.templates.create.mutate({ name: d.name, language: d.language, ...content });
      await this.load();
      this.close(saved.id);
    });
  };

  private remove(template: Template) {
    void this.run(async () => {
      await this.client.templates.remove.mutate({ templateId: template.id });
      this.confirming = null;
      await this.load();
      this.focusLater('[data-action=new-template]');
    });
  }

  render() {
    const t = this.t;
    return html`<section part="form templates" aria-busy=${this.busy ? 'true' : 'false'} aria-labelledby="templates-title">
      <h3 id="templates-title">${t.term('settingsTemplates')}</h3>
      <p class="hint">${t.term('settingsTemplatesHint')}</p>
      ${this.renderStatus()}
      ${this.templates.length ? nothing : html`<p class="muted">${t.term('settingsNoTemplates')}</p>`}
      <ul class="rows" role="list">
        ${repeat(
          this.templates,
          (x) => x.id,
          (x) => html`<li part="template" data-id=${x.id} data-name=${x.name}>
            ${this.draft?.id === x.id
              ? this.renderEditor()
              : html`<div class="row-main">
                    <strong>${x.name}</strong>
                    <span><span class="chip" data-language>${x.language}</span> <span class="chip" data-category>${t.term(`settingsTemplateCategory_${x.category}`)}</span></span>
                    <span class="preview" data-body>${x.body.length > PREVIEW_CHARS ? `${x.body.slice(0, PREVIEW_CHARS)}…` : x.body}</span>
                  </div>
                  <span class="row-actions">${this.renderActions(x)}</span>`}
          </li>`,
        )}
      </ul>
      ${this.draft && !this.draft.id
        ? this.renderEditor()
        : html`<div class="actions"><button type="button" data-action="new-template" @click=${() => this.open(null)}>${t.term('settingsNewTemplate')}</button></div>`}
    </section>`;
  }

  private renderActions(x: Template) {
    const t = this.t;
    const label = `${x.name} (${x.language})`;
    if (this.confirming === x.id) {
      return html`<button type="button" class="danger" data-action="confirm-remove" ?disabled=${this.busy} @click=${() => this.remove(x)}>
          ${t.term('settingsConfirmRemove', label)}
        </button>
        <button type="button" @click=${() => ((this.confirming = null), this.host.requestUpdate())}>${t.term('settingsCancel')}</button>`;
    }
    return html`<button type="button" data-action="edit" aria-label=${t.term('settingsEditNamed', label)} @click=${() => this.open(x)}>${t.term('settingsEdit')}</button>
      <button
        type="button"
        data-action="remove"
        aria-label=${t.term('settingsRemoveNamed', label)}
        @click=${() => {
          this.confirming = x.id;
          this.host.requestUpdate();
          this.focusLater(`[part~=template][data-id="${x.id}"] [data-action=confirm-remove]`);
        }}
      >
        ${t.term('settingsRemove')}
      </button>`;
  }

  private renderEditor() {
    const t = this.t;
    const d = this.draft!;
    const editing = d.id !== null;
    /** A text field; `hint` is described by it, `fixed` shows it read-only (a template's identity). */
    const text = (name: 'name' | 'language' | 'header' | 'footer', label: string, options: { max: number; hint?: string; required?: boolean; fixed?: boolean }) => html`<label
        class="field"
        >${label}
        <input
          name=${name}
          maxlength=${options.max}
          ?required=${options.required ?? false}
          ?readonly=${options.fixed ?? false}
          autocomplete="off"
          aria-invalid=${this.ariaInvalid(name)}
          aria-describedby=${this.describedBy(name, ...(options.hint ? [`template-${name}-hint`] : []))}
          .value=${live(d[name])}
          @input=${(e: Event) => this.set({ [name]: (e.target as HTMLInputElement).value })}
        />
        ${options.hint ? html`<span class="hint" id=${`template-${name}-hint`}>${options.hint}</span>` : nothing}</label
      >${this.fieldError(name)}`;
    return html`<form part="template-form" class="editor" aria-label=${editing ? t.term('settingsEditNamed', d.name) : t.term('settingsNewTemplate')} @submit=${this.handleSave}>
      ${text('name', t.term('settingsTemplateName'), { max: 512, required: true, fixed: editing, hint: t.term('settingsTemplateNameHint') })}
      ${text('language', t.term('settingsTemplateLanguage'), { max: 6, required: true, fixed: editing, hint: t.term('settingsTemplateLanguageHint') })}
      <label class="field"
        >${t.term('settingsTemplateCategory')}
        <select name="category" .value=${live(d.category)} aria-invalid=${this.ariaInvalid('category')} aria-describedby=${this.describedBy('category')}
          @change=${(e: Event) => this.set({ category: (e.target as HTMLSelectElement).value as Category })}>
          ${categories.map((c) => html`<option value=${c} ?selected=${c === d.category}>${t.term(`settingsTemplateCategory_${c}`)}</option>`)}
        </select></label
      >${this.fieldError('category')}
      ${text('header', t.term('settingsTemplateHeader'), { max: 60 })}
      <label class="field"
        >${t.term('settingsTemplateBody')}
        <textarea name="body" rows="4" maxlength="1024" required aria-invalid=${this.ariaInvalid('body')} aria-describedby=${this.describedBy('body', 'template-body-hint')}
          .value=${live(d.body)} @input=${(e: Event) => this.set({ body: (e.target as HTMLTextAreaElement).value })}></textarea>
        <span class="hint" id="template-body-hint">${t.term('settingsTemplateBodyHint')}</span></label
      >${this.fieldError('body')}
      ${text('footer', t.term('settingsTemplateFooter'), { max: 60 })}
      ${this.renderButtons(d)}
      ${renderTemplatePreview(d, [], t.term('settingsTemplatePreview'))}
      <div class="actions">
        <button type="submit" class="primary" ?disabled=${this.busy}>${t.term('settingsSave')}</button>
        <button type="button" @click=${() => this.close(d.id)}>${t.term('settingsCancel')}</button>
      </div>
    </form>`;
  }

  private renderButtons(d: TemplateDraft) {
    const t = this.t;
    const field = (i: number, name: 'text' | 'url' | 'phone', label: string, type: string, max: number) => {
      const path = `buttons.${i}.${name}`;
      return html`<label class="field"
          >${label}
          <input
            name=${path}
            type=${type}
            maxlength=${max}
            required
            autocomplete="off"
            aria-invalid=${this.ariaInvalid(path)}
            aria-describedby=${this.describedBy(path)}
            .value=${live(d.buttons[i]![name])}
            @input=${(e: Event) => this.setButton(i, { [name]: (e.target as HTMLInputElement).value })}
          /></label
        >${this.fieldError(path)}`;
    };
    return html`<fieldset part="template-buttons">
      <legend>${t.term('settingsTemplateButtons', MAX_BUTTONS)}</legend>
      ${d.buttons.map(
        (b, i) => html`<div part="template-button" class="editor" role="group" aria-label=${t.term('settingsTemplateButton', i + 1)} data-index=${i}>
          <label class="field"
            >${t.term('settingsTemplateButtonType')}
            <select name=${`buttons.${i}.type`} .value=${live(b.type)} @change=${(e: Event) => this.setButton(i, { type: (e.target as HTMLSelectElement).value as ButtonType })}>
              ${buttonTypes.map((type) => html`<option value=${type} ?selected=${type === b.type}>${t.term(`settingsTemplateButton_${type}`)}</option>`)}
            </select></label
          >
          ${field(i, 'text', t.term('settingsTemplateButtonText'), 'text', 25)}
          ${b.type === 'url' ? field(i, 'url', t.term('settingsTemplateButtonUrl'), 'url', 2000) : nothing}
          ${b.type === 'phone' ? field(i, 'phone', t.term('settingsTemplateButtonPhone'), 'tel', 16) : nothing}
          <div class="actions">
            <button
              type="button"
              data-action="remove-button"
              aria-label=${t.term('settingsTemplateRemoveButton', i + 1)}
              @click=${() => {
                this.set({ buttons: this.draft!.buttons.filter((_, j) => j !== i) });
                this.focusLater('[part~=template-form] [data-action=add-button]');
              }}
            >
              ${t.term('settingsRemove')}
            </button>
          </div>
        </div>`,
      )}
      ${this.fieldError('buttons')}
      <button
        type="button"
        data-action="add-button"
        ?disabled=${d.buttons.length >= MAX_BUTTONS}
        @click=${() => {
          const { buttons } = this.draft!;
          this.set({ buttons: [...buttons, { type: 'quick_reply', text: '', url: '', phone: '' }] });
          this.focusLater(`[part~=template-button][data-index="${buttons.length}"] select`);
        }}
      >
        ${t.term('settingsTemplateAddButton')}
      </button>
    </fieldset>`;
  }
}
