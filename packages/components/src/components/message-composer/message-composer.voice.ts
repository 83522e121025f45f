/**
 * @license MIT
 * A voice message in the composer (loaded on first use): recording from the microphone
 * with a live duration, then uploading the recording with its progress, a Retry when the
 * upload fails, or Discard. Once uploaded it goes as `{ voice: { fileId, durationMs } }`.
 */
import { css, html, nothing, type ReactiveController, type ReactiveControllerHost } from 'lit';
import type { ComposerContent, ComposerFile, UploadedFile } from '../../events/desk-composer-send.js';
import { addStyles } from '../../internal/adopt-styles.js';
import { formatDuration } from '../../internal/units.js';
import { langOf } from '../../utilities/localize.js';
import { recordingName, VoiceRecorder, type RecorderProblem } from './message-composer.recorder.js';
import { uploadProblem, uploadText, type ComposerUploader, type UploadProblem, type ToolLocalize } from './message-composer.types.js';

/** A recording being sent (or that failed to upload). */
interface PendingVoice {
  blob: Blob;
  durationMs: number;
  localUrl: string;
  state: 'uploading' | 'failed';
  loaded: number;
  problem: UploadProblem | null;
  controller: AbortController;
}

export interface VoiceMessageOptions {
  localize: ToolLocalize;
  uploader(): ComposerUploader | undefined;
  /** The longest recording, in ms. */
  maxMs(): number;
  /** The uploaded recording, to send. */
  send(content: ComposerContent, file: ComposerFile, result: UploadedFile): void;
  /** Something to tell the person (the microphone is blocked…). */
  problem(text: string): void;
  /** Where focus goes after the next render. */
  focus(target: 'input' | 'recorder'): void;
}

const percent = (loaded: number, total: number) => (total ? Math.min(100, Math.floor((loaded / total) * 100)) : 0);

export class VoiceMessage implements ReactiveController {
  private voice: PendingVoice | null = null;
  private readonly recorder: VoiceRecorder;

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly options: VoiceMessageOptions,
  ) {
    host.addController(this);
    addStyles(host, [voiceStyles]);
    this.recorder = new VoiceRecorder(host, { maxMs: options.maxMs, onLimit: () => void this.send() });
  }

  /** Recording, or a recording being sent: it takes the text box's place. */
  get busy(): boolean {
    return this.recorder.active || this.voice !== null;
  }

  hostConnected(): void {}

  /** Starts recording (the browser may ask for the microphone). */
  async start(): Promise<void> {
    if (await this.recorder.start()) this.options.focus('recorder');
    else if (this.recorder.problem) this.options.problem(this.recorderText(this.recorder.problem));
  }

  /** Stops recording and drops it. */
  cancel(): void {
    this.recorder.cancel();
  }

  /** Drops a recording being sent or that failed. */
  readonly discard = () => {
    const voice = this.voice;
    if (!voice) return;
    voice.controller.abort();
    URL.revokeObjectURL(voice.localUrl);
    this.voice = null;
    this.options.focus('input');
    this.host.requestUpdate();
  };

  private readonly handleCancel = () => {
    this.recorder.cancel();
    this.options.focus('input');
  };

  private readonly send = async () => {
    const recording = await this.recorder.finish();
    if (!recording) {
      if (this.recorder.problem) this.options.problem(this.recorderText(this.recorder.problem));
      this.options.focus('input');
      return;
    }
    this.voice = {
      ...recording,
      localUrl: URL.createObjectURL(recording.blob),
      state: 'uploading',
      loaded: 0,
      problem: null,
      controller: new AbortController(),
    };
    await this.upload();
  };

  private readonly upload = async () => {
    const voice = this.voice;
    if (!voice) return;
    const controller = (voice.controller = new AbortController());
    Object.assign(voice, { state: 'uploading', loaded: 0, problem: null });
    this.host.requestUpdate();
    try {
      const uploader = this.options.uploader();
      if (!uploader) throw new Error('uploads are not available here');
      const result = await uploader(voice.blob, {
        name: recordingName(voice.blob.type),
        signal: controller.signal,
        onProgress: (loaded) => {
          voice.loaded = loaded;
          this.host.requestUpdate();
        },
      });
      if (this.voice !== voice || controller.signal.aborted) return;
      this.voice = null;
      this.options.focus('input');
      this.host.requestUpdate();
      const { durationMs } = voice;
      const { fileId, name, contentType, size, category, width, height } = result;
      const file = { fileId, name, contentType, size, category, width, height, localUrl: voice.localUrl, durationMs };
      this.options.send({ voice: { fileId, durationMs } }, file, result);
    } catch (err) {
      const problem = uploadProblem(err, controller.signal);
      if (!problem || this.voice !== voice) return;
      Object.assign(voice, { state: 'failed', problem });
      this.host.requestUpdate();
    }
  };

  private recorderText(problem: RecorderProblem): string {
    const t = this.options.localize;
    switch (problem) {
      case 'denied':
        return t.term('composerMicDenied');
      case 'no-microphone':
        return t.term('composerMicMissing');
      case 'unsupported':
        return t.term('composerRecorderUnsupported');
      case 'empty':
        return t.term('composerRecordingEmpty');
      default:
        return t.term('composerRecorderFailed');
    }
  }

  render() {
    const t = this.options.localize;
    const voice = this.voice;
    if (!voice) {
      // A clock: whole seconds elapsed.
      const duration = formatDuration(Math.floor(this.recorder.elapsedMs / 1000) * 1000);
      return html`
        <div part="recorder" role="group" aria-label=${t.term('composerRecording')} data-state=${this.recorder.state}>
          <span class="dot" aria-hidden="true"></span>
          <span class="visually-hidden">${t.term('composerRecording')}</span>
          <span class="duration" role="timer">${duration}</span>
          <span class="spacer"></span>
          <button type="button" @click=${this.handleCancel}>${t.term('composerCancelRecording')}</button>
          <button type="button" class="primary" ?disabled=${this.recorder.state !== 'recording'} @click=${this.send}>
            ${t.term('composerSendRecording')}
          </button>
        </div>
      `;
    }
    const progress = percent(voice.loaded, voice.blob.size);
    return html`
      <div part="recorder" role="group" aria-label=${t.term('composerRecording')} data-state=${voice.state}>
        <span class="duration">${formatDuration(voice.durationMs)}</span>
        ${voice.state === 'uploading'
          ? html`<progress part="progress" max="100" value=${progress} aria-label=${t.term('composerVoiceSending', progress)}></progress>
              <span class="spacer"></span>
              <button type="button" @click=${this.discard}>${t.term('composerCancelRecording')}</button>`
          : html`<span part="error" role="alert">${voice.problem ? uploadText(t, langOf(this.host), t.term('composerRecordingName'), voice.problem) : nothing}</span>
              <span class="spacer"></span>
              <button type="button" @click=${this.discard}>${t.term('composerDiscard')}</button>
              <button type="button" class="primary" @click=${this.upload}>${t.term('composerRetry')}</button>`}
      </div>
    `;
  }
}

const voiceStyles = css`
  [part='recorder'] {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5rem;
    min-height: 2.5rem;
  }
  .dot {
    width: 0.625rem;
    height: 0.625rem;
    border-radius: 50%;
    background: var(--danger-color);
    animation: pulse 1.2s ease-in-out infinite;
  }
  @keyframes pulse {
    50% {
      opacity: 0.3;
    }
  }
  @media (prefers-reduced-motion: reduce) {
    .dot {
      animation: none;
    }
  }
  .duration {
    font-variant-numeric: tabular-nums;
    font-weight: 600;
  }
  .spacer {
    flex: 1;
  }
`;
