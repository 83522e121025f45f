/**
 * @license MIT
 * Voice recording with MediaRecorder: start, a live duration, cancel or finish.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';

export type RecorderProblem = 'unsupported' | 'denied' | 'no-microphone' | 'failed' | 'empty';

export interface Recording {
  blob: Blob;
  durationMs: number;
}

/** Containers the desk accepts as voice, best first (Chromium and Firefox record WebM/Opus, Safari MP4). */
const MIME_TYPES = ['audio/webm;codecs=opus', 'audio/webm', 'audio/ogg;codecs=opus', 'audio/mp4'];

/** A file name for a recording of this type (`voice-message.webm`). */
export function recordingName(type: string): string {
  const subtype = type.split(';')[0]!.split('/')[1] ?? 'webm';
  return `voice-message.${subtype === 'mp4' ? 'm4a' : subtype}`;
}

/** The microphone's permission state, where the Permissions API knows it. */
async function microphonePermission(): Promise<PermissionState | 'unknown'> {
  try {
    return (await navigator.permissions.query({ name: 'microphone' as PermissionName })).state;
  } catch {
    return 'unknown';
  }
}

export interface VoiceRecorderOptions {
  /** Longest recording; reaching it calls `onLimit`. */
  maxMs(): number;
  onLimit(): void;
  /** How often the duration updates. */
  tickMs?: number;
}

/**
 * Records the microphone: `start()` asks for it (the browser may prompt), `elapsedMs`
 * ticks while recording (the host re-renders on every tick), `finish()` resolves with
 * the recording and `cancel()` drops it. The microphone is released as soon as the
 * recording ends, and when the host goes away.
 */
export class VoiceRecorder implements ReactiveController {
  state: 'idle' | 'starting' | 'recording' | 'stopping' = 'idle';
  problem: RecorderProblem | null = null;
  elapsedMs = 0;

  private recorder?: MediaRecorder;
  private stream?: MediaStream;
  private chunks: Blob[] = [];
  private startedAt = 0;
  private ticker?: ReturnType<typeof setInterval>;
  private ticket = 0;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly options: VoiceRecorderOptions,
  ) {
    host.addController(this);
  }

  /** Whether this browser can record at all. */
  static get supported(): boolean {
    return typeof MediaRecorder !== 'undefined' && Boolean(globalThis.navigator?.mediaDevices?.getUserMedia);
  }

  get active(): boolean {
    return this.state !== 'idle';
  }

  /** Starts recording; resolves `false` (with `problem` set) when it cannot. */
  async start(): Promise<boolean> {
    if (this.active) return false;
    const ticket = ++this.ticket;
    this.problem = null;
    if (!VoiceRecorder.supported) return this.fail('unsupported');
    this.set('starting');
    // Blocked for this site: say so at once (where the browser tells; asking would fail anyway).
    if ((await microphonePermission()) === 'denied') return ticket === this.ticket ? this.fail('denied') : false;
    if (ticket !== this.ticket) return false;
    let stream: MediaStream;
    try {
      stream = await navigator.mediaDevices.getUserMedia({ audio: true });
    } catch (err) {
      if (ticket !== this.ticket) return false;
      const name = (err as DOMException).name;
      return this.fail(name === 'NotAllowedError' || name === 'SecurityError' ? 'denied' : name === 'NotFoundError' ? 'no-microphone' : 'failed');
    }
    if (ticket !== this.ticket) {
      // Cancelled while the browser was asking.
      stream.getTracks().forEach((track) => track.stop());
      return false;
    }
    try {
      const mimeType = MIME_TYPES.find((type) => MediaRecorder.isTypeSupported(type));
      const recorder = new MediaRecorder(stream, mimeType ? { mimeType } : undefined);
      this.chunks = [];
      recorder.addEventListener('dataavailable', (event) => {
        if (event.data.size) this.chunks.push(event.data);
      });
      recorder.start(250);
      this.stream = stream;
      this.recorder = recorder;
    } catch {
      stream.getTracks().forEach((track) => track.stop());
      return this.fail('failed');
    }
    this.startedAt = performance.now();
    this.elapsedMs = 0;
    this.ticker = setInterval(() => this.tick(), this.options.tickMs ?? 200);
    this.set('recording');
    return true;
  }

  /** Stops and resolves with the recording, or `null` (with `problem`) when there is none. */
  async finish(): Promise<Recording | null> {
    const recorder = this.recorder;
    if (this.state !== 'recording' || !recorder) return null;
    const durationMs = Math.max(1, Math.round(performance.now() - this.startedAt));
    this.set('stopping');
    const stopped = new Promise<void>((resolve) => recorder.addEventListener('stop', () => resolve(), { once: true }));
    recorder.stop();
    await stopped;
    const blob = new Blob(this.chunks, { type: recorder.mimeType || 'audio/webm' });
    this.release();
    if (!blob.size) {
      this.fail('empty');
      return null;
    }
    return { blob, durationMs: Math.min(durationMs, this.options.maxMs()) };
  }

  /** Drops the recording (or the pending request for the microphone). */
  cancel(): void {
    this.ticket++;
    if (this.recorder && this.recorder.state !== 'inactive') this.recorder.stop();
    this.release();
  }

  hostDisconnected(): void {
    this.cancel();
  }

  private tick(): void {
    this.elapsedMs = performance.now() - this.startedAt;
    this.host.requestUpdate();
    if (this.elapsedMs >= this.options.maxMs()) this.options.onLimit();
  }

  private release(): void {
    clearInterval(this.ticker);
    this.ticker = undefined;
    this.stream?.getTracks().forEach((track) => track.stop());
    this.stream = undefined;
    this.recorder = undefined;
    this.chunks = [];
    this.set('idle');
  }

  private fail(problem: RecorderProblem): false {
    this.problem = problem;
    this.set('idle');
    return false;
  }

  private set(state: VoiceRecorder['state']): void {
    this.state = state;
    this.host.requestUpdate();
  }
}
