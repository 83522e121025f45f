/**
 * @license MIT
 * The composer's attachments: each file uploads as soon as it is added, with its
 * progress, a cancel, and a clear reason when the desk refuses it.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { UploadedFile } from '../../events/desk-composer-send.js';
import { uploadProblem, type ComposerUploader, type UploadProblem } from './message-composer.types.js';

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
  uploader(): ComposerUploader | undefined;
  /** An upload finished. */
  onDone(item: UploadItem): void;
  /** An upload was refused or failed. */
  onFailed(item: UploadItem): void;
}

let nextId = 0;

/** The files being attached, in the order they were added. */
export class UploadQueue implements ReactiveController {
  items: UploadItem[] = [];

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly options: UploadQueueOptions,
  ) {
    host.addController(this);
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
