/**
 * @license MIT
 * The composer's attachments: each file uploads as soon as it is added, with its
 * progress, a cancel, and a clear reason when the desk refuses it. Loaded with the first
 * file (or ahead of it, when the attach button is pointed at or files are dragged in),
 * with the list's styles.
 */
import { css, html, nothing, type ReactiveController, type ReactiveControllerHost } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import type { UploadedFile } from '../../events/desk-composer-send.js';
import { addStyles } from '../../internal/adopt-styles.js';
import { formatBytes } from '../../internal/units.js';
import { closeIcon, fileIcon } from './message-composer.icons.js';
import { uploadProblem, uploadText, type ComposerUploader, type UploadProblem, type ToolLocalize } from './message-composer.types.js';

export interface UploadItem {
  readonly id: string;
  readonly file: File;
  /** An object URL of the file (thumbnails here, previews in the timeline's echo). */
  readonly localUrl: string;
  state: 'uploading' | 'done' | 'failed';
  /** Bytes sent so far. */
  loaded: number;
  problem: UploadProblem | null;
  result: UploadedFile | null;
  /** Send it the moment it is uploaded (the person pressed Send meanwhile), with this caption. */
  queued: boolean;
  caption: string;
  controller: AbortController;
}

export interface UploadQueueOptions {
  localize: ToolLocalize;
  /** The language sizes are written in. */
  lang(): string;
  uploader(): ComposerUploader | undefined;
  /** An upload finished. */
  onDone(item: UploadItem): void;
  /** An upload was refused or failed. */
  onFailed(item: UploadItem): void;
}

let nextId = 0;

const percent = (loaded: number, total: number) => (total ? Math.min(100, Math.floor((loaded / total) * 100)) : 0);

/** The files being attached, in the order they were added. */
export class UploadQueue implements ReactiveController {
  items: UploadItem[] = [];

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly options: UploadQueueOptions,
  ) {
    host.addController(this);
    addStyles(host, [uploadStyles]);
  }

  /** Adds files and starts uploading them. */
  add(files: Iterable<File>): void {
    for (const file of files) {
      const item: UploadItem = {
        id: `upload-${++nextId}`,
        file,
        localUrl: URL.createObjectURL(file),
        state: 'uploading',
        loaded: 0,
        problem: null,
        result: null,
        queued: false,
        caption: '',
        controller: new AbortController(),
      };
      this.items = [...this.items, item];
      void this.upload(item);
    }
    this.host.requestUpdate();
  }

  get(id: string): UploadItem | undefined {
    return this.items.find((item) => item.id === id);
  }

  /** Uploads a failed file again. */
  retry(id: string): void {
    const item = this.get(id);
    if (!item || item.state !== 'failed') return;
    item.controller = new AbortController();
    void this.upload(item);
  }

  /** Cancels (or removes) a file; nothing of it is sent. */
  remove(id: string): void {
    const item = this.get(id);
    if (!item) return;
    item.controller.abort();
    URL.revokeObjectURL(item.localUrl);
    this.drop(id);
  }

  /** Takes a file out to send it; its object URL now belongs to the caller. */
  take(id: string): UploadItem | undefined {
    const item = this.get(id);
    if (item) this.drop(id);
    return item;
  }

  /** Cancels and removes everything. */
  clear(): void {
    for (const item of this.items) {
      item.controller.abort();
      URL.revokeObjectURL(item.localUrl);
    }
    if (this.items.length) this.host.requestUpdate();
    this.items = [];
  }

  /** The list of files, each with its progress, state, Retry and remove button. */
  render() {
    const items = this.items;
    if (!items.length) return nothing;
    const t = this.options.localize;
    const lang = this.options.lang();
    return html`
      <ul part="uploads" aria-label=${t.term('composerAttachments')}>
        ${repeat(
          items,
          (item) => item.id,
          (item) => {
            const name = item.file.name;
            const image = item.file.type.startsWith('image/');
            const progress = percent(item.loaded, item.file.size);
            return html`
              <li part="upload" data-state=${item.state} data-queued=${item.queued ? 'true' : 'false'}>
                ${image ? html`<img class="thumb" src=${item.localUrl} alt="" />` : html`<span class="thumb">${fileIcon}</span>`}
                <span class="file">
                  <span class="name" title=${name}>${name}</span>
                  <span class="size">${formatBytes(item.file.size, lang)}</span>
                </span>
                ${item.state === 'uploading'
                  ? html`<progress part="progress" max="100" value=${progress} aria-label=${t.term('composerUploading', name, progress)}></progress>
                      ${item.queued ? html`<span class="note">${t.term('composerSendsWhenUploaded')}</span>` : nothing}`
                  : nothing}
                ${item.state === 'done' ? html`<span class="note">${t.term('composerUploaded')}</span>` : nothing}
                ${item.state === 'failed' && item.problem
                  ? html`<span part="error" role="alert">${uploadText(t, lang, name, item.problem)}</span>
                      ${item.problem.kind === 'network' || item.problem.kind === 'failed'
                        ? html`<button type="button" class="link" @click=${() => this.retry(item.id)}>${t.term('composerRetry')}</button>`
                        : nothing}`
                  : nothing}
                <button
                  type="button"
                  class="icon-button remove"
                  aria-label=${item.state === 'uploading' ? t.term('composerCancelUpload', name) : t.term('composerRemoveFile', name)}
                  @click=${() => this.remove(item.id)}
                >
                  ${closeIcon}
                </button>
              </li>
            `;
          },
        )}
      </ul>
    `;
  }

  hostDisconnected(): void {
    // Uploads run on; a composer moved in the page keeps its files.
  }

  private drop(id: string): void {
    this.items = this.items.filter((item) => item.id !== id);
    this.host.requestUpdate();
  }

  private async upload(item: UploadItem): Promise<void> {
    const { signal } = item.controller;
    item.state = 'uploading';
    item.loaded = 0;
    item.problem = null;
    this.host.requestUpdate();
    const uploader = this.options.uploader();
    try {
      if (!uploader) throw new Error('uploads are not available here');
      const result = await uploader(item.file, {
        name: item.file.name,
        signal,
        onProgress: (loaded) => {
          if (signal.aborted) return;
          item.loaded = loaded;
          this.host.requestUpdate();
        },
      });
      if (signal.aborted || !this.items.includes(item)) return;
      item.state = 'done';
      item.loaded = item.file.size;
      item.result = result;
      this.host.requestUpdate();
      this.options.onDone(item);
    } catch (err) {
      const problem = uploadProblem(err, signal);
      if (!problem || !this.items.includes(item)) return;
      item.state = 'failed';
      item.problem = problem;
      this.host.requestUpdate();
      this.options.onFailed(item);
    }
  }
}

const uploadStyles = css`
  [part='uploads'] {
    display: grid;
    gap: 0.25rem;
    margin: 0;
    padding: 0;
    list-style: none;
  }
  [part='upload'] {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.25rem 0.5rem;
    padding: 0.25rem 0.25rem 0.25rem 0.375rem;
    border: 1px solid var(--border-color);
    border-radius: var(--radius);
    font-size: 0.8125rem;
  }
  [part='upload'][data-state='failed'] {
    border-color: var(--danger-color);
  }
  .thumb {
    flex: none;
    display: inline-grid;
    place-items: center;
    width: 2.25rem;
    height: 2.25rem;
    border-radius: calc(var(--radius) / 2);
    background: var(--subtle-color);
    color: var(--muted-color);
    object-fit: cover;
  }
  .file {
    flex: 1 1 8rem;
    min-width: 0;
    display: grid;
  }
  .name {
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
  .size,
  .note {
    color: var(--muted-color);
    font-size: 0.75rem;
  }
  [part='upload'] [part~='error'] {
    flex-basis: 100%;
    order: 5;
  }
  .remove {
    margin-left: auto;
  }

`;
