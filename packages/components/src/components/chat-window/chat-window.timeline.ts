/**
 * @license MIT
 * The chat window's timeline as data: stored entries kept sorted and unique by `seq`,
 * and the agent's optimistic echoes until their stored message replaces them.
 */
import type { MessageView } from '@deskkit/client';
import type { ComposerContent, ComposerFile } from '../../events/desk-composer-send.js';

/** An agent message shown before the server stored it. */
export interface Echo {
  clientMessageId: string;
  /** The text, or an attachment's caption. */
  body: string;
  /** What is being sent (text, an attachment, a voice recording, a location). */
  content: ComposerContent;
  /** The uploaded file of an attachment or voice message, shown from its local copy. */
  file?: ComposerFile;
  state: 'sending' | 'failed';
  /** Why the last attempt failed. */
  error: string;
  createdAt: string;
}

/** Chat events the customer sees too (the others are internal: tags, conversions, ticket fields). */
const customerVisibleEvents = new Set(['created', 'assigned', 'transferred', 'closed', 'reopened', 'verification-requested', 'verified']);

/** Whether the customer sees this entry in their own timeline. */
export const isCustomerVisible = (message: MessageView) =>
  message.kind !== 'event' || (message.event !== null && customerVisibleEvents.has(message.event.type));

const deliveryRank = { queued: 0, sent: 1, delivered: 2, read: 3, failed: 4 } as const;

/**
 * Whether `next` is a later state of the same stored message than `current`. Copies race
 * (the page loaded, the send's answer, live updates): a delivery never goes back (by its
 * `updatedAt`, then its status); other changes have no order, so the copy that came last wins.
 */
function isNewer(next: MessageView, current: MessageView): boolean {
  const a = current.delivery;
  const b = next.delivery;
  if (a && b) {
    if (b.updatedAt !== a.updatedAt) return b.updatedAt > a.updatedAt;
    if (b.status !== a.status) return deliveryRank[b.status] > deliveryRank[a.status];
  } else if (a && !b) {
    return false;
  }
  return JSON.stringify(next) !== JSON.stringify(current);
}

/**
 * Stored entries by `seq` (events may repeat after a reconnect, and the mutation's answer
 * races the live feed: whichever comes first wins, the other is ignored) plus the echoes
 * of sends in flight. An echo disappears the moment a stored agent message carries its
 * `clientMessageId`, so a message is never shown twice.
 */
export class Timeline {
  private readonly bySeq = new Map<number, MessageView>();
  private sorted: MessageView[] = [];
  private readonly pending = new Map<string, Echo>();
  private readonly storedIds = new Set<string>();
  /** Whether the last `add` replaced a stored entry by a newer copy. */
  replaced = false;

  /** Stored entries, oldest first. */
  get messages(): readonly MessageView[] {
    return this.sorted;
  }

  /** Echoes still waiting for their stored message, in the order they were sent. */
  get echoes(): Echo[] {
    return [...this.pending.values()];
  }

  get lowestSeq(): number {
    return this.sorted[0]?.seq ?? 0;
  }

  get highestSeq(): number {
    return this.sorted.at(-1)?.seq ?? 0;
  }

  /** Replaces the stored entries; echoes of sends in flight survive unless `clearEchoes`. */
  reset(messages: readonly MessageView[], { clearEchoes = false } = {}): void {
    this.bySeq.clear();
    this.storedIds.clear();
    this.sorted = [];
    if (clearEchoes) for (const clientMessageId of [...this.pending.keys()]) this.dropEcho(clientMessageId);
    this.add(messages);
  }

  /**
   * Adds stored entries it does not have yet and replaces known ones by newer copies
   * (a delivery receipt changes a stored message: same id and seq); returns the new ones.
   * Whether anything was replaced is in `replaced` until the next call.
   */
  add(messages: readonly MessageView[]): MessageView[] {
    const added: MessageView[] = [];
    let replaced = false;
    for (const message of messages) {
      const known = this.bySeq.get(message.seq);
      if (known) {
        if (known.id === message.id && isNewer(message, known)) {
          this.bySeq.set(message.seq, message);
          replaced = true;
        }
        continue;
      }
      this.bySeq.set(message.seq, message);
      if (message.clientMessageId && message.author.kind === 'agent') {
        this.storedIds.add(message.clientMessageId);
        this.dropEcho(message.clientMessageId);
      }
      added.push(message);
    }
    if (added.length || replaced) this.sorted = [...this.bySeq.values()].sort((a, b) => a.seq - b.seq);
    this.replaced = replaced;
    return added;
  }

  /** Whether a stored agent message carries this client message id. */
  isStored(clientMessageId: string): boolean {
    return this.storedIds.has(clientMessageId);
  }

  /**
   * Shows a message at once as "sending" (again, for a retry). Nothing if it is already stored.
   * Text by default; `content` (and `file`) for an attachment, voice recording or location.
   */
  echo(body: string, clientMessageId: string, rich?: { content: ComposerContent; file?: ComposerFile }): Echo | undefined {
    if (this.storedIds.has(clientMessageId)) {
      if (rich?.file) URL.revokeObjectURL(rich.file.localUrl);
      return undefined;
    }
    const previous = this.pending.get(clientMessageId);
    const echo: Echo = {
      clientMessageId,
      body,
      content: rich?.content ?? { body },
      ...(rich?.file ? { file: rich.file } : {}),
      state: 'sending',
      error: '',
      createdAt: previous?.createdAt ?? new Date().toISOString(),
    };
    this.pending.set(clientMessageId, echo);
    return echo;
  }

  /** Forgets an echo, and the local copy of its file. */
  private dropEcho(clientMessageId: string): void {
    const echo = this.pending.get(clientMessageId);
    if (!echo) return;
    this.pending.delete(clientMessageId);
    if (echo.file) URL.revokeObjectURL(echo.file.localUrl);
  }

  /** The echo of a send in flight or failed. */
  echoOf(clientMessageId: string): Echo | undefined {
    return this.pending.get(clientMessageId);
  }

  /** Marks an echo failed (unless the stored message arrived meanwhile). */
  fail(clientMessageId: string, error: string): void {
    const echo = this.pending.get(clientMessageId);
    if (echo) this.pending.set(clientMessageId, { ...echo, state: 'failed', error });
  }

  /** The newest seq the customer can see (what "read" means for the agent). */
  highestCustomerVisibleSeq(): number {
    for (let i = this.sorted.length - 1; i >= 0; i--) if (isCustomerVisible(this.sorted[i]!)) return this.sorted[i]!.seq;
    return 0;
  }

  /** The seq of the newest agent message the customer has read (`readSeq` is `conversation.read.customer`). */
  seenSeq(readSeq: number): number | null {
    for (let i = this.sorted.length - 1; i >= 0; i--) {
      const message = this.sorted[i]!;
      if (message.seq <= readSeq && message.kind !== 'event' && message.author.kind === 'agent') return message.seq;
    }
    return null;
  }
}
