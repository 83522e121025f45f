/**
 * @license MIT
 * File uploads: the largest file the desk takes and which kinds (images, audio, video,
 * documents); none turns attachments off. Shown in MB, stored in bytes.
 */
import { html, nothing } from 'lit';
import { live } from 'lit/directives/live.js';
import type { RouterOutputs } from '@deskkit/client';
import { SettingsPanel } from './desk-settings.panel.js';

type Limits = RouterOutputs['tenant']['settings']['uploads'];
type Category = Limits['allowedCategories'][number];

/** Kept in step with the server's upload categories and limits (1 KiB to 100 MiB). */
const categories: Category[] = ['image', 'audio', 'video', 'document'];
const MiB = 1024 * 1024;
const MAX_MB = 100;
const MIN_MB = 1024 / MiB;

/** Bytes as MB with at most two decimals. */
const toMb = (bytes: number) => String(Math.round((bytes / MiB) * 100) / 100);

interface UploadsDraft {
  /** As typed, in MB. */
  maxMb: string;
  allowedCategories: Category[];
}

export class UploadsPanel extends SettingsPanel {
  readonly section = 'uploads';
  private draft: UploadsDraft | null = null;

  protected override async load(): Promise<void> {
    this.show((await this.client.tenant.settings.query()).uploads);
  }

  protected override clear(): void {
    this.draft = null;
  }

  private show(limits: Limits) {
    this.draft = { maxMb: toMb(limits.maxBytes), allowedCategories: [...limits.allowedCategories] };
  }

  private toggle(category: Category, on: boolean) {
    const kept = this.draft!.allowedCategories.filter((c) => c !== category);
    // In the server's order, whatever order they were ticked in.
    this.draft = { ...this.draft!, allowedCategories: categories.filter((c) => c === category ? on : kept.includes(c)) };
    this.host.requestUpdate();
  }

  private readonly handleSubmit = (event: SubmitEvent) => {
    event.preventDefault();
    const d = this.draft!;
    void this.run(async () => {
      const settings = await this.client.tenant.update.mutate({
        uploads: { maxBytes: Math.round(Number(d.maxMb) * MiB), allowedCategories: d.allowedCategories },
      });
      this.show(settings.uploads);
    });
  };

  render() {
    const t = this.t;
    const d = this.draft;
    if (!d) return html`${this.renderStatus()}`;
    const size = 'uploads.maxBytes';
    const kinds = 'uploads.allowedCategories';
    return html`<form part="form uploads" aria-busy=${this.busy ? 'true' : 'false'} aria-labelledby="uploads-title" @submit=${this.handleSubmit}>
      <h3 id="uploads-title">${t.term('settingsUploads')}</h3>
      <p class="hint">${t.term('settingsUploadsHint')}</p>
      ${this.renderStatus()}
      <label class="field"
        >${t.term('settingsUploadsMaxSize')}
        <input
          type="number"
          name="maxMb"
          inputmode="decimal"
          required
          min=${MIN_MB}
          max=${MAX_MB}
          step="any"
          aria-invalid=${this.ariaInvalid(size)}
          aria-describedby=${this.describedBy(size, 'uploads-size-hint')}
          .value=${live(d.maxMb)}
          @input=${(e: Event) => {
            this.draft = { ...this.draft!, maxMb: (e.target as HTMLInputElement).value };
            this.host.requestUpdate();
          }}
        />
        <span class="hint" id="uploads-size-hint">${t.term('settingsUploadsMaxSizeHint', MAX_MB)}</span></label
      >${this.fieldError(size)}
      <fieldset part="upload-categories" aria-describedby=${this.describedBy(kinds)}>
        <legend>${t.term('settingsUploadsKinds')}</legend>
        ${categories.map(
          (c) => html`<label class="choice"
            ><input type="checkbox" name="allowedCategories" value=${c} .checked=${live(d.allowedCategories.includes(c))}
              @change=${(e: Event) => this.toggle(c, (e.target as HTMLInputElement).checked)} />
            ${t.term(`settingsUploadKind_${c}`)}</label
          >`,
        )}
        ${d.allowedCategories.length ? nothing : html`<p class="hint" role="status" data-note="uploads-off">${t.term('settingsUploadsOff')}</p>`} ${this.fieldError(kinds)}
      </fieldset>
      <div class="actions"><button type="submit" class="primary" ?disabled=${this.busy}>${t.term('settingsSave')}</button></div>
    </form>`;
  }
}
