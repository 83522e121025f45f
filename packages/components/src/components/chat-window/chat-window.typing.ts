/**
 * @license MIT
 * Typing indicators both ways: who is typing to the agent, and telling the customer the agent is.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';

export interface Typist {
  kind: 'customer' | 'agent';
  id: string;
  name: string;
}

const keyOf = (author: { kind: string; id: string | null }) => `${author.kind}:${author.id ?? ''}`;

/**
 * Who is typing in the conversation, from `{type:'typing'}` events. Each typist shows
 * until they stop (`typing: false`), their message arrives, or `expireMs` pass without
 * a refresh (the sender repeats `typing: true` every few seconds while typing).
 */
export class TypingIndicator implements ReactiveController {
  private readonly typists = new Map<string, { typist: Typist; timer: ReturnType<typeof setTimeout> }>();

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly options: { expireMs?: number } = {},
  ) {
    host.addController(this);
  }

  /** The names of everyone typing, in the order they started. */
  get names(): string[] {
    return [...this.typists.values()].map(({ typist }) => typist.name);
  }

  /** Applies one typing event. */
  update(typist: Typist, typing: boolean): void {
    const key = keyOf(typist);
    const current = this.typists.get(key);
    if (current) clearTimeout(current.timer);
    if (!typing) {
      if (current) {
        this.typists.delete(key);
        this.host.requestUpdate();
      }
      return;
    }
    const timer = setTimeout(() => this.clear(typist), this.options.expireMs ?? 6_000);
    this.typists.set(key, { typist, timer });
    this.host.requestUpdate();
  }

  /** The author's message arrived (or they left): stop showing them. */
  clear(author: { kind: string; id: string | null }): void {
    const current = this.typists.get(keyOf(author));
    if (!current) return;
    clearTimeout(current.timer);
    this.typists.delete(keyOf(author));
    this.host.requestUpdate();
  }

  clearAll(): void {
    for (const { timer } of this.typists.values()) clearTimeout(timer);
    if (this.typists.size) this.host.requestUpdate();
    this.typists.clear();
  }

  hostDisconnected(): void {
    this.clearAll();
  }
}

export interface TypingNotifierOptions {
  /** Tells the server (best effort: failures are ignored by the caller). */
  send(typing: boolean): void;
  /** At most one `typing: true` per this many ms. */
  throttleMs?: number;
  /** `typing: false` after this many ms without a keystroke. */
  idleMs?: number;
}

/**
 * Tells the other side the agent is typing: `typing: true` at most every `throttleMs`
 * while keys are pressed, and `typing: false` after `idleMs` without one, on send, or
 * when the element goes away.
 */
export class TypingNotifier implements ReactiveController {
  private active = false;
  private lastSent = 0;
  private idle?: ReturnType<typeof setTimeout>;

  constructor(
    host: ReactiveControllerHost,
    private readonly options: TypingNotifierOptions,
  ) {
    host.addController(this);
  }

  /** The agent typed a key. */
  typed(): void {
    const now = Date.now();
    if (!this.active || now - this.lastSent >= (this.options.throttleMs ?? 3_000)) {
      this.active = true;
      this.lastSent = now;
      this.options.send(true);
    }
    clearTimeout(this.idle);
    this.idle = setTimeout(() => this.stop(), this.options.idleMs ?? 4_000);
  }

  /** The agent sent, cleared the draft or left: `typing: false` if we had said `true`. */
  stop(): void {
    clearTimeout(this.idle);
    this.idle = undefined;
    if (!this.active) return;
    this.active = false;
    this.options.send(false);
  }

  /** Forgets without telling anyone (the conversation changed or is gone). */
  reset(): void {
    clearTimeout(this.idle);
    this.idle = undefined;
    this.active = false;
  }

  hostDisconnected(): void {
    this.stop();
  }
}
