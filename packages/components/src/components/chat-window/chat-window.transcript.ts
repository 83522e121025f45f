/**
 * @license MIT
 * "Download transcript" in the chat window: a format picker and a button that streams the
 * conversation's transcript through a signed link (never the session token in a URL) into
 * a file the agent picks, showing bytes received while it runs (or, where the browser has
 * no file picker, hands the link to its download manager). The download code loads on
 * first use: pointing at or focusing the button starts loading it, so the file picker still
 * opens within the click's user activation.
 */
import { html, nothing, type ReactiveControllerHost } from 'lit';
import type { ConversationView, DeskClient } from '@deskkit/client';
import type { LocalizeController } from '../../utilities/localize.js';
import type { WindowTerms } from '../../translations/en/chat-window.js';
import type { TranscriptFormat } from '../desk-metrics/desk-metrics.export.js';

type Exporter = typeof import('./chat-window.transcript-download.js');

type Host = ReactiveControllerHost & HTMLElement & { emit: (name: 'desk-transcript-export', detail: GlobalEventHandlersEventMap['desk-transcript-export']['detail']) => unknown };

export interface TranscriptOptions {
  client(): DeskClient | undefined;
  server(): string | undefined;
  localize: LocalizeController<keyof WindowTerms>;
  failed(message: string): void;
}

export class TranscriptDownload {
  private format: TranscriptFormat = 'txt';
  private bytes: number | null = null;
  private exporter?: Exporter;
  private loading?: Promise<Exporter>;

  constructor(
    private readonly host: Host,
    private readonly options: TranscriptOptions,
  ) {}

  private readonly load = (): Promise<Exporter> =>
    (this.loading ??= import('./chat-window.transcript-download.js').then(
      (exporter) => (this.exporter = exporter),
      (err: unknown) => {
        this.loading = undefined; // A failed load is tried again next time.
        throw err;
      },
    ));

  /** Starts loading ahead of the click (a failure shows when it is clicked). */
  private readonly preload = () => void this.load().catch(() => {});

  private async download(conversationId: string) {
    const client = this.options.client();
    const server = this.options.server();
    if (!client || !server || this.bytes !== null) return;
    this.bytes = 0;
    this.host.requestUpdate();
    try {
      const exporter = await this.load();
      const detail = await exporter.downloadConversation({
        client,
        server,
        conversationId,
        format: this.format,
        onProgress: (bytes) => {
          this.bytes = bytes;
          this.host.requestUpdate();
        },
      });
      this.host.emit('desk-transcript-export', detail);
    } catch (err) {
      // Cancelling the file picker is not an error.
      if ((err as Error).name !== 'AbortError') this.options.failed((err as Error).message);
    } finally {
      this.bytes = null;
      this.host.requestUpdate();
    }
  }

  renderAction(c: ConversationView) {
    if (!this.options.server()) return nothing;
    const t = this.options.localize;
    const busy = this.bytes !== null;
    return html`<span class="transcript" data-action-group="transcript">
      <select
        aria-label=${t.term('transcriptFormat')}
        data-action="transcript-format"
        .value=${this.format}
        @change=${(e: Event) => (this.format = (e.target as HTMLSelectElement).value as TranscriptFormat)}
      >
        ${(['txt', 'html', 'csv'] as const).map((f) => html`<option value=${f} ?selected=${f === this.format}>${f.toUpperCase()}</option>`)}
      </select>
      <button type="button" data-action="transcript" aria-busy=${busy ? 'true' : 'false'} aria-disabled=${busy ? 'true' : 'false'} @pointerenter=${this.preload} @focus=${this.preload} @click=${() => this.download(c.id)}>
        ${busy ? (this.exporter?.formatBytes(this.bytes!) ?? '…') : t.term('transcriptDownload')}
      </button>
    </span>`;
  }
}
