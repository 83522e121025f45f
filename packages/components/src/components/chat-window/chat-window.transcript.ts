/**
 * @license MIT
 * "Download transcript" in the chat window: a format picker and a button that streams the
 * conversation's transcript through a signed link (never the session token in a URL) and
 * saves it, showing bytes received while it runs. The download code loads on the first click.
 */
import { html, nothing, type ReactiveControllerHost } from 'lit';
import type { ConversationView, DeskClient } from '@deskkit/client';
import type { LocalizeController } from '../../utilities/localize.js';
import type { WindowTerms } from '../../translations/en/chat-window.js';
import type { TranscriptFormat } from '../desk-metrics/desk-metrics.export.js';

type Exporter = typeof import('../desk-metrics/desk-metrics.export.js');

type Host = ReactiveControllerHost & HTMLElement & { emit: (name: 'desk-transcript-export', detail: { format: TranscriptFormat; fileName: string; conversations: number; bytes: number }) => unknown };

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

  constructor(
    private readonly host: Host,
    private readonly options: TranscriptOptions,
  ) {}

  private async download(conversationId: string) {
    const client = this.options.client();
    const server = this.options.server();
    if (!client || !server || this.bytes !== null) return;
    this.bytes = 0;
    this.host.requestUpdate();
    try {
      const exporter = (this.exporter ??= await import('../desk-metrics/desk-metrics.export.js'));
      const result = await exporter.downloadTranscript({
        client,
        server,
        target: { conversationId },
        format: this.format,
        onProgress: ({ bytes }) => {
          this.bytes = bytes;
          this.host.requestUpdate();
        },
      });
      this.host.emit('desk-transcript-export', { format: this.format, fileName: result.fileName, conversations: result.conversations, bytes: result.bytes });
    } catch (err) {
      this.options.failed((err as Error).message);
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
      <button type="button" data-action="transcript" aria-busy=${busy ? 'true' : 'false'} aria-disabled=${busy ? 'true' : 'false'} @click=${() => this.download(c.id)}>
        ${busy ? (this.exporter?.formatBytes(this.bytes!) ?? '…') : t.term('transcriptDownload')}
      </button>
    </span>`;
  }
}
