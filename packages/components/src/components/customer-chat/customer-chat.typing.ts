import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** At most one "typing" signal per this long while the customer keeps typing. */
export const TYPING_THROTTLE_MS = 3_000;
/** "Stopped typing" after this long without a keystroke. */
export const TYPING_IDLE_MS = 4_000;
/** An agent's "typing" shows for this long unless renewed or ended sooner. */
export const TYPING_EXPIRY_MS = 6_000;

/**
 * Tells the other side the customer is typing: `send(true)` at most every
 * {@link TYPING_THROTTLE_MS} while keystrokes come, `send(false)` after
 * {@link TYPING_IDLE_MS} idle, when the message is sent, or when the host goes away.
 */
export class OutgoingTypingController implements ReactiveController {
  private lastSent = 0;
  private active = false;
  private idleTimer?: ReturnType<typeof setTimeout>;

  constructor(
    host: ReactiveControllerHost,
    private readonly send: (typing: boolean) => void,
  ) {
    host.addController(this);
  }

  /** A keystroke in the composer; `empty` when the draft is now blank. */
  input(empty: boolean): void {
    if (empty) {
      this.stop();
      return;
    }
    const now = Date.now();
    if (!this.active || now - this.lastSent >= TYPING_THROTTLE_MS) {
      this.active = true;
      this.lastSent = now;
      this.send(true);
    }
    clearTimeout(this.idleTimer);
    this.idleTimer = setTimeout(() => this.stop(), TYPING_IDLE_MS);
  }

  /** Ends the "typing" state now (idle, sent, or leaving); does nothing if it was not on. */
  stop(): void {
    clearTimeout(this.idleTimer);
    if (!this.active) return;
    this.active = false;
    this.lastSent = 0;
    this.send(false);
  }

  /** Forgets the state without telling anyone (the conversation changed). */
  reset(): void {
    clearTimeout(this.idleTimer);
    this.active = false;
    this.lastSent = 0;
  }

  hostConnected(): void {}

  hostDisconnected(): void {
    this.stop();
  }
}

/** Who on the agent side is typing, each entry expiring after {@link TYPING_EXPIRY_MS}. */
export class IncomingTypingController implements ReactiveController {
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();

  constructor(private readonly host: ReactiveControllerHost) {
    host.addController(this);
  }

  /** The names typing right now, in the order they started. */
  get names(): string[] {
    return [...this.timers.keys()];
  }

  set(name: string, typing: boolean): void {
    clearTimeout(this.timers.get(name));
    this.timers.delete(name);
    if (typing) this.timers.set(name, setTimeout(() => this.set(name, false), TYPING_EXPIRY_MS));
    this.host.requestUpdate();
  }

  clear(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
    this.host.requestUpdate();
  }

  hostConnected(): void {}

  hostDisconnected(): void {
    this.clear();
  }
}
