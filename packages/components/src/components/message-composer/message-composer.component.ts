import { html, nothing, type PropertyValues } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { live } from 'lit/directives/live.js';
import type { ComposerContent, ComposerFile, UploadedFile } from '../../events/desk-composer-send.js';
import { DeskElement } from '../../internal/desk-element.js';
import { newClientMessageId } from '../../internal/ids.js';
import componentStyles from '../../styles/component.styles.js';
import controlStyles from '../../styles/controls.styles.js';
import { LazyController, preloads, type LazyPart } from '../../controllers/lazy-controller.js';
import { langOf, LocalizeController } from '../../utilities/localize.js';
import { commonTerms } from '../../translations/en/common.js';
import { composerTerms } from '../../translations/en/message-composer.js';
import type { ComposerToolTerms } from '../../translations/en/message-composer-tools.js';
import { lazyTerms } from '../../translations/en/lazy.js';
import { loadEmojiPicker, loadShortcodes, mayHaveShortcode } from './message-composer.emoji.js';
import { attachIcon, closeIcon, emojiIcon, locationIcon, micIcon } from './message-composer.icons.js';
import type { LocationPanel } from './message-composer.location.js';
import type { SlashCommandResolver, SlashCommandSource, SlashSuggestions } from './message-composer.slash.js';
import type { ComposerUploader, ToolLocalize } from './message-composer.types.js';
import type { VoiceMessage } from './message-composer.voice.js';
import type { UploadItem, UploadQueue } from './message-composer.uploads.js';
import styles from './message-composer.styles.js';

/** The English terms this element shows. */
const terms = { ...commonTerms, ...composerTerms, ...lazyTerms };

export type { ComposerUploader, ComposerUploadOptions, UploadProblem } from './message-composer.types.js';
export type { SlashCommand, SlashCommandResolver, SlashCommandSource } from './message-composer.slash.js';

type Tool = 'attach' | 'voice' | 'emoji' | 'location';

/**
 * @tag message-composer
 * @summary Writes one message: text (Enter sends, Shift+Enter starts a new line), files
 * (picked, dropped or pasted; each uploads at once with its progress), a voice recording,
 * emoji (a picker and `:shortcodes:`), a location, and `/` suggestions from the host.
 * It never sends by itself: it fires `desk-composer-send` and the host sends.
 *
 * @fires desk-composer-send - A message is ready: `{ clientMessageId, content, file? }`; `content` is
 *   `{ body }`, `{ attachment: { fileId }, body? }`, `{ voice: { fileId, durationMs } }` or `{ location }`.
 * @fires desk-composer-input - The person changed the text (`{ value }`): for typing notifications and drafts.
 *
 * @slot tools - Extra buttons after the built-in tools (e.g. a template picker).
 *
 * @csspart base - The wrapper (also the drop target for files).
 * @csspart input - The text box.
 * @csspart send - The send button.
 * @csspart toolbar - The group of tool buttons.
 * @csspart tool - Each tool button; also `tool-attach`, `tool-voice`, `tool-emoji` or `tool-location`.
 * @csspart uploads - The list of attached files. Its code loads with the first file (or earlier, when the attach
 *   button is pointed at or focused, files are dragged in, or the browser is idle); the button is `aria-busy` meanwhile.
 * @csspart upload - One attached file; carries `data-state` (`uploading`, `done`, `failed`).
 * @csspart progress - An upload's progress bar.
 * @csspart recorder - The voice recorder (duration, cancel, send) and the recording's upload. Its code loads on
 *   first use (or when the browser is idle after the mic button shows); the button is `aria-busy` meanwhile.
 * @csspart panel - The emoji and location panels; also `emoji-panel` or `location-panel`. The location panel's code loads on
 *   first use (or when its button is pointed at or focused, or the browser is idle); the button is `aria-busy` meanwhile.
 * @csspart emoji-picker - The `<emoji-picker>` (emoji-picker-element): set its own custom properties
 *   (`--background`, `--num-columns`, `--emoji-size`, …) through this part.
 * @csspart suggestions - The `/` suggestions (`role="listbox"`). Their code loads when the host gives `slashCommands`
 *   (in idle time after the composer shows, or with the first `/`).
 * @csspart suggestion - One suggestion (`role="option"`).
 * @csspart hint - Why the composer is off, under the text box.
 * @csspart error - A problem to act on (`role="alert"`); also `load-error` when the voice recorder, the
 *   attachments, the `/` suggestions or the location panel (loaded on first use) could not load, with a Retry button.
 * @csspart drop-zone - Shown while files are dragged over.
 *
 * @cssprop --accent-color - The send button and focus rings (defaults to `--desk-color-accent`).
 * @cssprop --on-accent-color - Text on the send button (defaults to `--desk-color-on-accent`).
 * @cssprop --border-color - Borders (defaults to `--desk-color-border`).
 * @cssprop --surface-color - Background of the text box and panels (defaults to `--desk-color-surface`).
 * @cssprop --muted-color - Secondary text (defaults to `--desk-color-muted`).
 * @cssprop --danger-color - Errors and the recording dot (defaults to `--desk-color-danger`).
 * @cssprop --radius - Corner radius (defaults to `--desk-radius`).
 * @cssprop --input-max-height - How tall the text box grows before it scrolls (default `10rem`).
 */
export class MessageComposer extends DeskElement {
  static override styles = [componentStyles, controlStyles, styles];

  /** The text being written. Setting it replaces the text (no `desk-composer-input`). */
  @property() value = '';

  /** Turns writing and every tool off (e.g. the conversation is closed); say why in `hint`. */
  @property({ type: Boolean, reflect: true }) disabled = false;

  /** The text box's accessible name (defaults to "Message"). */
  @property() label = '';

  /** The text box's placeholder. */
  @property() placeholder = '';

  /** A line under the text box, tied to it (`aria-describedby`): e.g. why the composer is off. */
  @property() hint = '';

  /** The send button's text (defaults to "Send"). */
  @property({ attribute: 'send-label' }) sendLabel = '';

  /** The longest text accepted. */
  @property({ attribute: 'max-length', type: Number }) maxLength = 10_000;

  /** Which tools to offer, space-separated (`attach voice emoji location`). Attach and voice need `uploader`; emoji needs `emojiDataSource`. */
  @property() tools = 'attach voice emoji location';

  /** Uploads a file to the conversation (`uploadFile` from `@deskkit/client`, bound to it). */
  @property({ attribute: false }) uploader?: ComposerUploader;

  /** Where the emoji data is, e.g. `https://desk.example.com/assets/emoji/data.json`. */
  @property({ attribute: 'emoji-data-source' }) emojiDataSource = '';

  /** Suggestions for `/word` at the start of the text (e.g. canned replies). */
  @property({ attribute: false }) slashCommands?: SlashCommandSource;

  /** The text a chosen suggestion inserts (without it, the suggestion's `preview`). */
  @property({ attribute: false }) resolveSlashCommand?: SlashCommandResolver;

  /** The longest voice recording, in ms (the desk accepts 10 minutes). */
  @property({ attribute: 'max-voice-ms', type: Number }) maxVoiceMs = 10 * 60_000;

  @state() private panel: 'emoji' | 'location' | null = null;
  @state() private dragging = false;
  /** A problem with the recorder or a suggestion (uploads show theirs in place). */
  @state() private problem = '';

  @query('#input') private textarea?: HTMLTextAreaElement;
  @query('input[type=file]') private fileInput?: HTMLInputElement;

  private readonly localize = new LocalizeController(this, terms);
  /** The terms with the tools', which load with the first tool. */
  private toolTerms?: Promise<ToolLocalize>;
  private readonly toolLocalize = () =>
    (this.toolTerms ??= import('../../translations/en/message-composer-tools.js').then(
      ({ composerToolTerms }: { composerToolTerms: ComposerToolTerms }) => new LocalizeController(this, { ...terms, ...composerToolTerms }),
      (err: unknown) => {
        this.toolTerms = undefined; // Tried again with the next tool.
        throw err;
      },
    ));
  /** The attachments (their upload queue and list), loaded with the first file. */
  private readonly uploads: LazyController<UploadQueue> = new LazyController(this, {
    load: async () =>
      new (await import('./message-composer.uploads.js')).UploadQueue(this, {
        localize: await this.toolLocalize(),
        lang: () => langOf(this),
        uploader: () => this.uploader,
        onDone: (item) => {
          if (item.queued) this.enqueue(() => this.sendUpload(item, item.caption));
        },
        onFailed: (item) => {
          if (!item.queued) return;
          // It will not go by itself now: its caption goes back to the text box if that is empty.
          item.queued = false;
          if (item.caption && !this.value.trim()) this.replaceText(0, this.value.length, item.caption);
          item.caption = '';
        },
      }),
  });
  /** The voice recorder, loaded on first use. */
  private readonly voice: LazyController<VoiceMessage> = new LazyController(this, {
    load: async () =>
      new (await import('./message-composer.voice.js')).VoiceMessage(this, {
        localize: await this.toolLocalize(),
        uploader: () => this.uploader,
        maxMs: () => this.maxVoiceMs,
        send: (content, file) => this.enqueue(() => this.emitSend(content, file)),
        problem: (text) => (this.problem = text),
        focus: (target) => {
          this.focusAfterRender = target;
          this.requestUpdate();
        },
      }),
  });
  /** The location panel, loaded on first use. */
  private readonly location: LazyController<LocationPanel> = new LazyController(this, {
    load: async () =>
      new (await import('./message-composer.location.js')).LocationPanel(this, {
        localize: await this.toolLocalize(),
        open: () => this.panel === 'location',
        send: (location) => {
          this.panel = null;
          this.focusAfterRender = 'input';
          this.enqueue(() => this.emitSend({ location }));
        },
        keydown: this.handlePanelKeydown,
      }),
  });
  /** Files added before the attachments' code was in. */
  private filesToAdd: File[] = [];
  /** The `/` suggestions, loaded when there is a source for them (in idle time, or with the first `/`). */
  private readonly slash: LazyController<SlashSuggestions> = new LazyController(this, {
    load: async () => new (await import('./message-composer.slash.js')).SlashSuggestions(this, { source: () => this.slashCommands }),
  });
  /** Sends happen in order, even when one waits for shortcodes to be looked up. */
  private queue: Promise<void> = Promise.resolve();
  /** Where the caret was in the text box when focus left it (the emoji picker inserts there). */
  private selection = { start: 0, end: 0 };
  private focusAfterRender: 'input' | 'recorder' | 'panel' | null = null;

  /** The text box's element. */
  get input(): HTMLTextAreaElement | undefined {
    return this.textarea;
  }

  /** Files attached and not sent yet. */
  get attachments(): readonly UploadItem[] {
    return this.uploads.value?.items ?? [];
  }

  override connectedCallback(): void {
    super.connectedCallback();
    document.addEventListener('pointerdown', this.handleOutsidePointer, true);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    document.removeEventListener('pointerdown', this.handleOutsidePointer, true);
  }

  /** Focuses the text box. */
  override focus(options?: FocusOptions): void {
    // Right after being added, it may not have rendered yet.
    if (!this.hasUpdated) void this.updateComplete.then(() => this.textarea?.focus(options));
    else (this.textarea ?? this.renderRoot.querySelector<HTMLElement>('button:not([disabled])'))?.focus(options);
  }

  /** Sends what is written and attached, as Enter does. */
  submit(): void {
    if (this.disabled || this.voiceBusy) return;
    const text = this.value;
    const queue = this.uploads.value;
    const files = this.attachments.filter((item) => item.state !== 'failed' && !item.queued);
    if (!text.trim() && !files.length) return;
    this.slash.value?.close();
    this.replaceText(0, this.value.length, '');
    this.enqueue(async () => {
      const body = (await this.expandShortcodes(text)).trim();
      if (!files.length) {
        if (body) this.emitSend({ body });
        return;
      }
      // The caption goes with the first file.
      let caption = body;
      for (const item of files) {
        if (!queue?.get(item.id) || item.state === 'failed') continue;
        if (item.state === 'done') this.sendUpload(item, caption);
        else Object.assign(item, { queued: true, caption });
        caption = '';
      }
      this.requestUpdate();
    });
  }

  /**
   * Attaches files (as picking, dropping or pasting them does). They show once the attachments'
   * code is in (at once when it is); resolves when they are listed.
   */
  async addFiles(files: Iterable<File>): Promise<void> {
    if (this.disabled || !this.offers('attach')) return;
    // Files added while the code loads wait here, in order (the last use adds them all).
    this.filesToAdd.push(...files);
    await this.uploads.use((queue) => queue.add(this.filesToAdd.splice(0)));
  }

  /** Inserts text where the caret is (or was, before focus left the text box). */
  insertText(text: string): void {
    const textarea = this.textarea;
    const focused = textarea && this.shadowRoot?.activeElement === textarea;
    const { start, end } = focused ? { start: textarea.selectionStart, end: textarea.selectionEnd } : this.selection;
    this.replaceText(start, end, text);
    this.focusAfterRender = 'input';
  }

  /** Clears everything: text, attachments (cancelling uploads), a recording, open panels. For a new conversation. */
  reset(): void {
    this.uploads.value?.clear();
    this.uploads.dismiss();
    this.filesToAdd = [];
    this.voice.value?.cancel();
    this.voice.value?.discard();
    this.voice.dismiss();
    this.slash.value?.close();
    this.panel = null;
    this.problem = '';
    this.location.value?.reset();
    this.value = '';
    this.selection = { start: 0, end: 0 };
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('disabled') && this.disabled) {
      this.voice.value?.cancel();
      this.slash.value?.close();
      this.panel = null;
    }
    if (changed.has('value') && this.selection.end > this.value.length) {
      this.selection = { start: this.value.length, end: this.value.length };
    }
  }

  protected override updated(): void {
    const focus = this.focusAfterRender;
    this.focusAfterRender = null;
    if (focus === 'input') {
      const { start, end } = this.selection;
      this.textarea?.focus();
      this.textarea?.setSelectionRange(start, end);
    } else if (focus === 'recorder') {
      this.renderRoot.querySelector<HTMLElement>('[part~=recorder] button.primary')?.focus();
    } else if (focus === 'panel') {
      void this.focusPanel();
    }
    this.renderRoot.querySelector('[part~=suggestion][aria-selected=true]')?.scrollIntoView({ block: 'nearest' });
    if (this.slashCommands && !this.disabled) this.slash.preloadWhenIdle();
  }

  // ---- sending ----

  private enqueue(step: () => unknown): void {
    this.queue = this.queue
      .then(async () => {
        await step();
      })
      .catch((err) => console.error('deskkit: composer send failed', err));
  }

  private emitSend(content: ComposerContent, file?: ComposerFile): void {
    this.emit('desk-composer-send', { clientMessageId: newClientMessageId(), content, ...(file ? { file } : {}) });
  }

  private sendUpload(item: UploadItem, caption: string): void {
    const taken = this.uploads.value?.take(item.id);
    const result = taken?.result;
    if (!taken || !result) return;
    const attachment = { fileId: result.fileId };
    this.emitSend(caption ? { attachment, body: caption } : { attachment }, this.composerFile(result, taken.localUrl, null));
  }

  private composerFile(result: UploadedFile, localUrl: string, durationMs: number | null): ComposerFile {
    const { fileId, name, contentType, size, category, width, height } = result;
    return { fileId, name, contentType, size, category, width, height, thumbnail: result.thumbnail ?? null, localUrl, durationMs };
  }

  private async expandShortcodes(text: string): Promise<string> {
    if (!this.emojiDataSource || !mayHaveShortcode(text)) return text;
    try {
      return (await loadShortcodes()).for(this.emojiDataSource).replaceAll(text);
    } catch {
      // The conversion could not load: the text goes as typed.
      return text;
    }
  }

  // ---- text ----

  /** Replaces part of the text as the person would (it fires `desk-composer-input`). */
  private replaceText(start: number, end: number, text: string): void {
    const next = this.value.slice(0, start) + text + this.value.slice(end);
    const caret = start + text.length;
    this.selection = { start: caret, end: caret };
    if (this.textarea) {
      this.textarea.value = next;
      if (this.shadowRoot?.activeElement === this.textarea) this.textarea.setSelectionRange(caret, caret);
    }
    this.changed(next, caret);
  }

  private changed(value: string, caret: number): void {
    this.value = value;
    this.emit('desk-composer-input', { value });
    this.followSlash(value, caret);
  }

  /** Tells the `/` suggestions where the text and caret are (loading them with the first `/`). */
  private followSlash(value: string, caret: number): void {
    const slash = this.slash.value;
    if (slash) slash.update(value, caret);
    else if (this.slashCommands && value.startsWith('/')) {
      void this.slash.use((loaded) => loaded.update(this.value, this.textarea?.selectionStart ?? this.value.length));
    }
  }

  private rememberSelection(): void {
    const textarea = this.textarea;
    if (textarea) this.selection = { start: textarea.selectionStart, end: textarea.selectionEnd };
  }

  private readonly handleInput = (event: InputEvent) => {
    const textarea = event.target as HTMLTextAreaElement;
    this.rememberSelection();
    this.changed(textarea.value, textarea.selectionStart);
    if (event.data?.includes(':')) void this.convertTrailingShortcode();
  };

  /** `:smile:` just typed becomes 😄 (unknown shortcodes stay as typed). */
  private async convertTrailingShortcode(): Promise<void> {
    const textarea = this.textarea;
    if (!textarea || !this.emojiDataSource || textarea.selectionStart !== textarea.selectionEnd) return;
    const caret = textarea.selectionStart;
    const before = this.value;
    if (!mayHaveShortcode(before.slice(0, caret))) return;
    const Shortcodes = await loadShortcodes().catch(() => null);
    const found = Shortcodes?.trailing(before.slice(0, caret));
    if (!Shortcodes || !found) return;
    const shortcodes = Shortcodes.for(this.emojiDataSource);
    const emoji = await shortcodes.lookup(found.code);
    // Only if nothing changed meanwhile.
    if (!emoji || this.value !== before || textarea.selectionStart !== caret) return;
    this.replaceText(found.start, caret, emoji);
    void shortcodes.used(emoji);
  }

  private readonly handleCaret = () => {
    const textarea = this.textarea;
    if (!textarea) return;
    this.rememberSelection();
    this.followSlash(this.value, textarea.selectionStart);
  };

  private readonly handleKeydown = (event: KeyboardEvent) => {
    const slash = this.slash.value;
    if (slash?.open) {
      if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
        event.preventDefault();
        slash.move(event.key === 'ArrowDown' ? 1 : -1);
        return;
      }
      if ((event.key === 'Enter' || event.key === 'Tab') && !event.shiftKey && !event.isComposing && slash.active) {
        event.preventDefault();
        void this.chooseSuggestion(slash.activeIndex);
        return;
      }
      if (event.key === 'Escape') {
        // Closes the list only, not a dialog around the composer.
        event.preventDefault();
        event.stopPropagation();
        slash.dismiss();
        return;
      }
    }
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      this.submit();
    }
  };

  private readonly handleChooseSuggestion = (index: number) => void this.chooseSuggestion(index);

  private async chooseSuggestion(index: number): Promise<void> {
    const slash = this.slash.value;
    const item = slash?.items[index];
    const target = slash?.target;
    if (!item || !target) return;
    this.slash.value?.close();
    const before = this.value;
    let text: string;
    try {
      text = this.resolveSlashCommand ? await this.resolveSlashCommand(item.id) : item.preview;
    } catch (err) {
      this.problem = `${this.localize.term('errorPrefix')} ${err instanceof Error ? err.message : String(err)}`;
      return;
    }
    if (this.value !== before) return;
    this.replaceText(0, target.end, text);
    this.focusAfterRender = 'input';
    this.requestUpdate();
  }

  // ---- files ----

  private readonly handlePickFiles = () => this.fileInput?.click();

  private readonly handleFilesChosen = (event: Event) => {
    const input = event.target as HTMLInputElement;
    if (input.files?.length) void this.addFiles([...input.files]);
    // The same file can be picked again.
    input.value = '';
  };

  private readonly handlePaste = (event: ClipboardEvent) => {
    const files = [...(event.clipboardData?.files ?? [])];
    if (!files.length || this.disabled || !this.offers('attach')) return;
    event.preventDefault();
    void this.addFiles(files);
  };

  private readonly handleDragOver = (event: DragEvent) => {
    if (this.disabled || !this.offers('attach') || !event.dataTransfer?.types.includes('Files')) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = 'copy';
    this.dragging = true;
    this.uploads.preload();
  };

  private readonly handleDragLeave = (event: DragEvent) => {
    // Leaving the overlay for something outside the composer.
    if (!event.relatedTarget || !this.renderRoot.contains(event.relatedTarget as Node)) this.dragging = false;
  };

  private readonly handleDrop = (event: DragEvent) => {
    this.dragging = false;
    const files = [...(event.dataTransfer?.files ?? [])];
    if (!files.length) return;
    event.preventDefault();
    void this.addFiles(files);
  };

  // ---- voice ----

  /** Recording, or a recording being sent: the recorder takes the text box's place. */
  private get voiceBusy(): boolean {
    return this.voice.value?.busy ?? false;
  }

  private readonly handleRecord = () => {
    this.problem = '';
    this.panel = null;
    void this.voice.use((voice) => void voice.start());
  };

  // ---- panels: emoji and location ----

  private togglePanel(panel: 'emoji' | 'location'): void {
    this.rememberSelection();
    this.location.value?.reset();
    this.panel = this.panel === panel ? null : panel;
    if (this.panel === 'emoji') void loadEmojiPicker();
    if (this.panel) this.focusAfterRender = 'panel';
  }

  /** The location panel opens once its code is in (at once when it is). */
  private readonly handleLocationTool = () => {
    if (this.panel === 'location') this.togglePanel('location');
    else void this.location.use(() => this.panel !== 'location' && this.togglePanel('location'));
  };

  private closePanel(returnFocus = true): void {
    const panel = this.panel;
    this.panel = null;
    if (returnFocus && panel) void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>(`[part~=tool-${panel}]`)?.focus());
  }

  private async focusPanel(): Promise<void> {
    if (this.panel === 'emoji') {
      await customElements.whenDefined('emoji-picker');
      await new Promise(requestAnimationFrame);
      const picker = this.renderRoot.querySelector('emoji-picker');
      picker?.shadowRoot?.querySelector<HTMLElement>('input')?.focus();
    } else if (this.panel === 'location') {
      this.renderRoot.querySelector<HTMLElement>('[part~=location-panel] button.primary')?.focus();
    }
  }

  private readonly handleOutsidePointer = (event: PointerEvent) => {
    if (this.panel && !event.composedPath().includes(this)) this.closePanel(false);
  };

  private readonly handlePanelKeydown = (event: KeyboardEvent) => {
    if (event.key !== 'Escape') return;
    event.preventDefault();
    event.stopPropagation();
    this.closePanel();
  };

  /** The picker's `emoji-click` (its detail carries the emoji with the chosen skin tone). */
  private readonly handleEmojiClick = (event: Event) => {
    const emoji = (event as CustomEvent<{ unicode?: string }>).detail.unicode;
    if (!emoji) return;
    this.panel = null;
    this.insertText(emoji);
  };

  // ---- rendering ----

  private offers(tool: Tool): boolean {
    if (!this.tools.split(/\s+/).includes(tool)) return false;
    if (tool === 'attach' || tool === 'voice') return Boolean(this.uploader);
    if (tool === 'emoji') return Boolean(this.emojiDataSource);
    return true;
  }

  private get canSend(): boolean {
    if (this.disabled || this.voiceBusy) return false;
    return Boolean(this.value.trim()) || this.attachments.some((item) => item.state !== 'failed' && !item.queued);
  }

  protected override render() {
    const busyWithVoice = this.voiceBusy;
    return html`
      <div
        part="base"
        class=${this.disabled ? 'disabled' : ''}
        @dragenter=${this.handleDragOver}
        @dragover=${this.handleDragOver}
      >
        ${this.uploads.value?.render() ?? nothing} ${busyWithVoice ? this.voice.value!.render() : this.renderWriting()}
        ${this.hint ? html`<p id="hint" part="hint">${this.hint}</p>` : nothing}
        ${this.problem
          ? html`<p part="error" role="alert">
              <span>${this.problem}</span>
              <button type="button" class="icon-button" aria-label=${this.localize.term('composerClose')} @click=${() => (this.problem = '')}>
                ${closeIcon}
              </button>
            </p>`
          : nothing}
        ${this.renderLoadFailure()}
        ${this.panel === 'emoji' ? this.renderEmojiPanel() : nothing} ${this.panel === 'location' ? (this.location.value?.render() ?? nothing) : nothing}
        ${this.dragging
          ? html`<div part="drop-zone" @dragleave=${this.handleDragLeave} @dragover=${this.handleDragOver} @drop=${this.handleDrop}>
              ${this.localize.term('composerDropFiles')}
            </div>`
          : nothing}
        <input type="file" multiple hidden tabindex="-1" @change=${this.handleFilesChosen} />
      </div>
    `;
  }

  private renderWriting() {
    const t = this.localize;
    const slash = this.slash.value;
    const slashOpen = slash?.open ?? false;
    const active = slash && slashOpen && slash.activeIndex >= 0 ? `suggestion-${slash.activeIndex}` : undefined;
    return html`
      <div class="writing">
        <label class="visually-hidden" for="input">${this.label || t.term('composerLabel')}</label>
        <textarea
          id="input"
          part="input"
          rows="1"
          maxlength=${this.maxLength}
          placeholder=${this.placeholder || t.term('composerPlaceholder')}
          aria-describedby=${this.hint ? 'hint' : nothing}
          aria-autocomplete=${this.slashCommands ? 'list' : nothing}
          aria-controls=${slashOpen ? 'suggestions' : nothing}
          aria-activedescendant=${active ?? nothing}
          ?disabled=${this.disabled}
          .value=${live(this.value)}
          @input=${this.handleInput}
          @keydown=${this.handleKeydown}
          @keyup=${this.handleCaret}
          @click=${this.handleCaret}
          @blur=${this.rememberSelection}
          @paste=${this.handlePaste}
        ></textarea>
        ${slashOpen ? slash!.render(t.term('composerSuggestions'), this.handleChooseSuggestion) : nothing}
        <button part="send" type="button" class="primary" ?disabled=${!this.canSend} @click=${() => this.submit()}>
          ${this.sendLabel || t.term('composerSend')}
        </button>
      </div>
      ${this.renderToolbar()}
    `;
  }

  private renderToolbar() {
    const t = this.localize;
    // A tool whose code loads on first use (`part`): busy until it is in.
    const tool = (name: Tool, label: string, icon: unknown, handler: () => void, panel?: 'emoji' | 'location', part?: LazyPart) =>
      this.offers(name)
        ? html`<button
            type="button"
            part="tool tool-${name}"
            class="icon-button"
            title=${label}
            aria-label=${label}
            aria-expanded=${panel ? String(this.panel === panel) : nothing}
            aria-controls=${panel ? `${panel}-panel` : nothing}
            aria-busy=${part?.pending ? 'true' : nothing}
            ?disabled=${this.disabled}
            ${part ? preloads(part) : nothing}
            @click=${handler}
          >
            ${icon}
          </button>`
        : nothing;
    return html`
      <div part="toolbar" role="group" aria-label=${t.term('composerTools')}>
        ${tool('attach', t.term('composerAttach'), attachIcon, this.handlePickFiles, undefined, this.uploads)}
        ${tool('voice', t.term('composerRecord'), micIcon, this.handleRecord, undefined, this.voice)}
        ${tool('emoji', t.term('composerEmoji'), emojiIcon, () => this.togglePanel('emoji'), 'emoji')}
        ${tool('location', t.term('composerLocation'), locationIcon, this.handleLocationTool, 'location', this.location)}
        <slot name="tools"></slot>
      </div>
    `;
  }

  /** A part the person asked for that could not load (the voice recorder, the attachments, the `/` suggestions, the location panel), with a Retry. */
  private renderLoadFailure() {
    const failed = [this.voice, this.uploads, this.slash, this.location].find((part) => part.failure);
    if (!failed) return nothing;
    return html`<p part="error load-error" role="alert">
      ${this.localize.term('partLoadFailed')}
      <button type="button" class="link" @click=${failed.retry}>${this.localize.term('partLoadRetry')}</button>
    </p>`;
  }

  private renderEmojiPanel() {
    return html`
      <div id="emoji-panel" part="panel emoji-panel" role="dialog" aria-label=${this.localize.term('composerEmoji')} @keydown=${this.handlePanelKeydown}>
        <emoji-picker part="emoji-picker" class="light" .dataSource=${this.emojiDataSource} @emoji-click=${this.handleEmojiClick}></emoji-picker>
      </div>
    `;
  }
}
