/**
 * @license MIT
 * Chat tags: the suggested tags agents pick from in a conversation. Add, rename (tags
 * already on conversations stay as they are) and remove.
 */
import { html } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import { SettingsPanel } from './desk-settings.panel.js';

export class TagsPanel extends SettingsPanel {
  readonly section = 'tags';
  /** The tag whose rename is being typed, and what it is being renamed to. */
  private renaming: { from: string; to: string } | null = null;
  private adding = '';

  protected override clear(): void {
    this.renaming = null;
    this.adding = '';
  }

  private readonly handleAdd = (event: SubmitEvent) => {
    event.preventDefault();
    const tag = this.adding.trim();
    if (!tag) return;
    void this.run(async () => {
      this.host.settings = await this.client.settings.tags.add.mutate({ tag });
      this.adding = '';
    });
  };

  private rename(event: SubmitEvent) {
    event.preventDefault();
    const { from, to } = this.renaming!;
    void this.run(async () => {
      this.host.settings = await this.client.settings.tags.rename.mutate({ from, to: to.trim() });
      this.renaming = null;
      this.focusLater(`[part~=tag][data-tag="${CSS.escape(to.trim())}"] [data-action=rename]`);
    });
  }

  private remove(tag: string) {
    void this.run(async () => {
      this.host.settings = await this.client.settings.tags.remove.mutate({ tag });
      this.focusLater('[part~=tag-add] input');
    });
  }

  render() {
    const s = this.host.settings;
    if (!s) return html``;
    const t = this.t;
    return html`<section part="form tags" aria-busy=${this.busy ? 'true' : 'false'} aria-labelledby="tags-title">
      <h3 id="tags-title">${t.term('settingsTags')}</h3>
      <p class="hint">${t.term('settingsTagsHint')}</p>
      ${this.renderStatus()}
      ${s.tags.length
        ? html`<ul class="rows" role="list">
            ${repeat(s.tags, (tag) => tag, (tag) => this.renderTag(tag))}
          </ul>`
        : html`<p class="muted">${t.term('settingsNoTags')}</p>`}
      <form part="tag-add" class="inline" @submit=${this.handleAdd}>
        <label class="field"
          >${t.term('settingsNewTag')}
          <input
            name="tag"
            maxlength="40"
            autocomplete="off"
            .value=${this.adding}
            aria-invalid=${this.ariaInvalid('tag')}
            aria-describedby=${this.describedBy('tag')}
            @input=${(e: Event) => (this.adding = (e.target as HTMLInputElement).value)}
        /></label>
        <button type="submit" class="primary" ?disabled=${this.busy}>${t.term('settingsAddTag')}</button>
        ${this.fieldError('tag')}
      </form>
    </section>`;
  }

  private renderTag(tag: string) {
    const t = this.t;
    if (this.renaming?.from === tag) {
      return html`<li part="tag" data-tag=${tag}>
        <form class="inline" @submit=${(e: SubmitEvent) => this.rename(e)}>
          <label class="visually-hidden" for="tag-rename">${t.term('settingsRenameTagTo', tag)}</label>
          <input
            id="tag-rename"
            name="to"
            maxlength="40"
            required
            .value=${this.renaming.to}
            aria-invalid=${this.ariaInvalid('to')}
            aria-describedby=${this.describedBy('to')}
            @input=${(e: Event) => (this.renaming = { from: tag, to: (e.target as HTMLInputElement).value })}
            @keydown=${(e: KeyboardEvent) => {
              if (e.key !== 'Escape') return;
              this.renaming = null;
              this.host.requestUpdate();
              this.focusLater(`[part~=tag][data-tag="${CSS.escape(tag)}"] [data-action=rename]`);
            }}
          />
          <button type="submit" class="primary" ?disabled=${this.busy}>${t.term('settingsSave')}</button>
          <button type="button" @click=${() => ((this.renaming = null), this.host.requestUpdate())}>${t.term('settingsCancel')}</button>
          ${this.fieldError('to')}
        </form>
      </li>`;
    }
    return html`<li part="tag" data-tag=${tag}>
      <span class="chip">${tag}</span>
      <span class="row-actions">
        <button
          type="button"
          data-action="rename"
          aria-label=${t.term('settingsRenameTag', tag)}
          @click=${() => {
            this.renaming = { from: tag, to: tag };
            this.fields = {};
            this.host.requestUpdate();
            this.focusLater('#tag-rename');
          }}
        >
          ${t.term('settingsRename')}
        </button>
        <button type="button" data-action="remove" aria-label=${t.term('settingsRemoveTag', tag)} ?disabled=${this.busy} @click=${() => this.remove(tag)}>
          ${t.term('settingsRemove')}
        </button>
      </span>
    </li>`;
  }
}
