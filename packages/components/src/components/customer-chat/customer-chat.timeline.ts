import type { VisitorConversationView, VisitorMessageView } from '@deskkit/client';
import type { ComposerContent, ComposerFile } from '../../events/desk-composer-send.js';

/** A message the customer sent that the server has not confirmed yet. */
export interface PendingMessage {
  clientMessageId: string;
  /** The text, or an attachment's caption. */
  body: string;
  /** What is being sent (text, an attachment, a voice recording, a location). */
  content: ComposerContent;
  /** The uploaded file of an attachment or voice message, shown from its local copy. */
  file?: ComposerFile;
  status: 'sending' | 'failed';
  /** Why the last attempt failed. */
  error?: string;
}

/**
 * One conversation's timeline as the customer sees it: stored messages by `seq`
 * (a repeated event changes nothing), the customer's unconfirmed sends by client
 * message id (dropped the moment the stored copy arrives, by whichever way comes
 * first), and the conversation by `revision` (the highest wins).
 *
 * The element calls `requestUpdate()` after changing it.
 */
export class ChatTimeline {
  conversation: VisitorConversationView;
  private readonly messages = new Map<number, VisitorMessageView>();
  private readonly pending = new Map<string, PendingMessage>();
  /** Client message ids the server has stored. */
  private readonly confirmed = new Set<string>();
  /** The oldest seq loaded so far (the next page ends before it). */
  oldestSeq = Infinity;

  constructor(conversation: VisitorConversationView) {
    this.conversation = conversation;
  }

  get id(): string {
    return this.conversation.id;
  }

  get closed(): boolean {
    return this.conversation.status === 'closed';
  }

  /** Whether older messages may exist before the loaded ones (seq 1 is the first entry). */
  get hasOlder(): boolean {
    return this.oldestSeq > 1;
  }

  /** Keeps the newest view of the conversation; returns whether it replaced the current one. */
  applyConversation(view: VisitorConversationView): boolean {
    if (view.id !== this.id || view.revision <= this.conversation.revision) return false;
    this.conversation = view;
    return true;
  }

  /**
   * Adds a stored message; returns `false` for one already known (or of another
   * conversation). A newer state of a known one (a payment card's status) replaces it.
   */
  applyMessage(message: VisitorMessageView): boolean {
    if (message.conversationId !== this.id) return false;
    const known = this.messages.get(message.seq);
    if (known) {
      if (known.id === message.id) this.messages.set(message.seq, message);
      return false;
    }
    this.messages.set(message.seq, message);
    if (message.seq < this.oldestSeq) this.oldestSeq = message.seq;
    if (message.clientMessageId) {
      this.confirmed.add(message.clientMessageId);
      this.dropPending(message.clientMessageId);
    }
    return true;
  }

  /** Adds a page of older (or the newest) messages; `before` is the seq the page ended before. */
  applyPage(page: VisitorMessageView[], before: number | undefined, limit: number): void {
    for (const message of page) this.applyMessage(message);
    // A page can come back short of visible entries (internal events are left out): step past it anyway.
    const floor = page.length ? page[0]!.seq : (before ?? this.conversation.lastSeq + 1) - limit;
    this.oldestSeq = Math.max(0, Math.min(this.oldestSeq, floor));
  }

  /**
   * Shows a send before the server confirms it (or marks a retry as sending again).
   * Text by default; `content` (and `file`) for an attachment, voice recording or location.
   */
  addPending(clientMessageId: string, body: string, rich?: { content: ComposerContent; file?: ComposerFile }): void {
    if (this.confirmed.has(clientMessageId)) {
      if (rich?.file) URL.revokeObjectURL(rich.file.localUrl);
      return;
    }
    this.pending.set(clientMessageId, {
      clientMessageId,
      body,
      content: rich?.content ?? { body },
      ...(rich?.file ? { file: rich.file } : {}),
      status: 'sending',
    });
  }

  /** Forgets an unconfirmed send, and the local copy of its file. */
  private dropPending(clientMessageId: string): void {
    const entry = this.pending.get(clientMessageId);
    if (!entry) return;
    this.pending.delete(clientMessageId);
    if (entry.file) URL.revokeObjectURL(entry.file.localUrl);
  }

  failPending(clientMessageId: string, error: string): void {
    const entry = this.pending.get(clientMessageId);
    if (!entry) return;
    this.pending.set(clientMessageId, { ...entry, status: 'failed', error });
  }

  pendingMessage(clientMessageId: string): PendingMessage | undefined {
    return this.pending.get(clientMessageId);
  }

  /** Stored messages, oldest first. */
  stored(): VisitorMessageView[] {
    return [...this.messages.values()].sort((a, b) => a.seq - b.seq);
  }

  /** Unconfirmed sends, in the order they were made. */
  unconfirmed(): PendingMessage[] {
    return [...this.pending.values()];
  }

  /** The highest stored seq, or 0. */
  get newestSeq(): number {
    let max = 0;
    for (const seq of this.messages.keys()) if (seq > max) max = seq;
    return max;
  }

  /** The customer's newest message the agent side has read, if any. */
  get seenSeq(): number | null {
    const read = this.conversation.agentRead;
    let seen: number | null = null;
    for (const message of this.messages.values()) {
      if (message.author.kind === 'customer' && message.kind !== 'event' && message.seq <= read && message.seq > (seen ?? 0)) {
        seen = message.seq;
      }
    }
    return seen;
  }
}
