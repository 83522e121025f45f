/**
 * @license MIT
 * Canned replies: what agents insert with `/shortcut`, for every department or one.
 * Bodies may use placeholders such as `{{customer.firstName}}`, filled in when inserted.
 */
import { html, nothing } from 'lit';
import { live } from 'lit/directives/live.js';
import { repeat } from 'lit/directives/repeat.js';
import type { DepartmentView, RouterOutputs } from '@deskkit/client';
import { SettingsPanel } from './desk-settings.panel.js';

type CannedReply = RouterOutputs['cannedReplies']['list'][number];
interface ReplyDraft {
  id: string | null;
  departmentId: string;
  shortcut: string;
  title: string;
  body: string;
}

/** The placeholders the desk fills in (kept in step with the server's list). */
const PLACEHOLDERS = ['customer.firstName', 'customer.name', 'customer.email', 'agent.firstName', 'agent.name', 'department.name'];

export class CannedPanel extends SettingsPanel {
  readonly section = 'canned';
  private replies: CannedReply[] = [];
  private departments: DepartmentView[] = [];
  private draft: ReplyDraft | null = null;
  private confirming: string | null = null;

  protected override async load(): Promise<void> {
    const [replies, departments] = await Promise.all([this.client.cannedReplies.list.query(), this.client.departments.list.query()]);
    this.replies = replies;
    this.departments = departments;
  }

  protected override clear(): void {
    this.replies = [];
    this.departments = [];
    this.draft = null;
    this.confirming = null;
  }

  private scopeName(departmentId: string | null) {
    return departmentId ? (this.departments.find((d) => d.id === departmentId)?.name ?? departmentId) : this.t.term('settingsAllDepartments');
  }

  private open(reply: CannedReply | null) {
    this.draft = reply
      ? { id: reply.id, departmentId: reply.departmentId ?? '', shortcut: reply.shortcut, title: reply.title, body: reply.body }
      : { id: null, departmentId: '', shortcut: '', title: '', body: '' };
    this.fields = {};
    this.notice = '';
    this.host.requestUpdate();
    this.focusLater('[part~=canned-form] [name=shortcut]');
  }

  private close(focusId: string | null) {
    this.draft = null;
    this.host.requestUpdate();
    this.focusLater(focusId ? `[part~=canned-reply][data-id="${focusId}"] [data-action=edit]` : '[data-action=new-reply]');
  }

  private readonly handleSave = (event: SubmitEvent) => {
    event.preventDefault();
    const d = this.draft!;
    const input = { departmentId: d.departmentId || null, shortcut: d.shortcut, title: d.title, body: d.body };
    void this.run(async () => {
      const saved = d.id ? await this.client.cannedReplies.update.mutate({ id: d.id, ...input }) : await this.client.cannedReplies.create.mutate(input);
      await this.load();
      this.close(saved.id);
    });
  };

  private remove(reply: CannedReply) {
    void this.run(async () => {
      await this.client.cannedReplies.remove.mutate({ id: reply.id });
      this.confirming = null;
      await this.load();
      this.focusLater('[data-action=new-reply]');
    });
  }

  render() {
    const t = this.t;
    return html`<section part="form canned" aria-busy=${this.busy ? 'true' : 'false'} aria-labelledby="canned-title">
      <h3 id="canned-title">${t.term('settingsCanned')}</h3>
      <p class="hint">${t.term('settingsCannedHint')}</p>
      ${this.renderStatus()}
      ${this.replies.length ? nothing : html`<p class="muted">${t.term('settingsNoCanned')}</p>`}
      <ul class="rows" role="list">
        ${repeat(
          this.replies,
          (r) => r.id,
          (r) => html`<li part="canned-reply" data-id=${r.id} data-shortcut=${r.shortcut}>
            ${this.draft?.id === r.id
              ? this.renderEditor()
              : html`<div class="row-main">
                    <strong><code>/${r.shortcut}</code> ${r.title}</strong>
                    <span class="muted">${this.scopeName(r.departmentId)}</span>
                    <span class="preview">${r.body}</span>
                  </div>
                  <span class="row-actions">${this.renderActions(r)}</span>`}
          </li>`,
        )}
      </ul>
      ${this.draft && !this.draft.id
        ? this.renderEditor()
        : html`<div class="actions"><button type="button" data-action="new-reply" @click=${() => this.open(null)}>${t.term('settingsNewCanned')}</button></div>`}
    </section>`;
  }

  private renderActions(r: CannedReply) {
    const t = this.t;
    if (!r.editable) return nothing;
    if (this.confirming === r.id) {
      return html`<button type="button" class="danger" data-action="confirm-remove" ?disabled=${this.busy} @click=${() => this.remove(r)}>
          ${t.term('settingsConfirmRemove', `/${r.shortcut}`)}
        </button>
        <button type="button" @click=${() => ((this.confirming = null), this.host.requestUpdate())}>${t.term('settingsCancel')}</button>`;
    }
    return html`<button type="button" data-action="edit" aria-label=${t.term('settingsEditNamed', `/${r.shortcut}`)} @click=${() => this.open(r)}>${t.term('settingsEdit')}</button>
      <button
        type="button"
        data-action="remove"
        aria-label=${t.term('settingsRemoveNamed', `/${r.shortcut}`)}
        @click=${() => {
          this.confirming = r.id;
          this.host.requestUpdate();
          this.focusLater(`[part~=canned-reply][data-id="${r.id}"] [data-action=confirm-remove]`);
        }}
      >
        ${t.term('settingsRemove')}
      </button>`;
  }

  private renderEditor() {
    const t = this.t;
    const d = this.draft!;
    const set = (change: Partial<ReplyDraft>) => {
      this.draft = { ...this.draft!, ...change };
      this.host.requestUpdate();
    };
    const input = (name: 'shortcut' | 'title', label: string, max: number) => html`<label class="field"
        >${label}
        <input name=${name} maxlength=${max} required autocomplete="off" aria-invalid=${this.ariaInvalid(name)} aria-describedby=${this.describedBy(name)}
          .value=${live(d[name])} @input=${(e: Event) => set({ [name]: (e.target as HTMLInputElement).value })} /></label
      >${this.fieldError(name)}`;
    return html`<form part="canned-form" class="editor" aria-label=${d.id ? t.term('settingsEditCanned') : t.term('settingsNewCanned')} @submit=${this.handleSave}>
      <label class="field"
        >${t.term('settingsCannedScope')}
        <select name="departmentId" .value=${live(d.departmentId)} aria-invalid=${this.ariaInvalid('departmentId')} aria-describedby=${this.describedBy('departmentId')}
          @change=${(e: Event) => set({ departmentId: (e.target as HTMLSelectElement).value })}>
          <option value="" ?selected=${!d.departmentId}>${t.term('settingsAllDepartments')}</option>
          ${this.departments.map((dep) => html`<option value=${dep.id} ?selected=${dep.id === d.departmentId}>${dep.name}</option>`)}
        </select></label
      >${this.fieldError('departmentId')} ${input('shortcut', t.term('settingsCannedShortcut'), 32)} ${input('title', t.term('settingsCannedTitle'), 120)}
      <label class="field"
        >${t.term('settingsCannedBody')}
        <textarea name="body" rows="4" maxlength="5000" required aria-invalid=${this.ariaInvalid('body')} aria-describedby=${this.describedBy('body', 'canned-placeholders')}
          .value=${live(d.body)} @input=${(e: Event) => set({ body: (e.target as HTMLTextAreaElement).value })}></textarea></label
      >${this.fieldError('body')}
      <p class="hint" id="canned-placeholders">${t.term('settingsCannedPlaceholders', PLACEHOLDERS.map((p) => `{{${p}}}`).join(', '))}</p>
      <div class="actions">
        <button type="submit" class="primary" ?disabled=${this.busy}>${t.term('settingsSave')}</button>
        <button type="button" @click=${() => this.close(d.id)}>${t.term('settingsCancel')}</button>
      </div>
    </form>`;
  }
}
