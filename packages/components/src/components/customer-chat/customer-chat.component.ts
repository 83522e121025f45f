import { html, nothing, type PropertyValues } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import {
  closeDeskClient,
  createDeskClient,
  uploadFile,
  type DeskClient,
  type VisitorConversationView,
  type VisitorLiveEvent,
  type VisitorMessageView,
} from '@deskkit/client';
import { FileLinksController } from '../../controllers/file-links-controller.js';
import { SubscriptionController } from '../../controllers/subscription-controller.js';
import type { DeskComposerInputEvent } from '../../events/desk-composer-input.js';
import type { ComposerContent, ComposerFile, DeskComposerSendEvent } from '../../events/desk-composer-send.js';
import { DeskElement } from '../../internal/desk-element.js';
import { renderContent, resolvePaymentLink, type ContentOptions } from '../../internal/message-content.js';
import { echoBody, echoSource, localLink, renderRichText } from '../../internal/message-text.js';
import componentStyles from '../../styles/component.styles.js';
import messageContentStyles from '../../styles/message-content.styles.js';
import messageTextStyles from '../../styles/message-text.styles.js';
import { LocalizeController } from '../../utilities/localize.js';
import { commonTerms } from '../../translations/en/common.js';
import { contentTerms } from '../../translations/en/message-content.js';
import { chatTerms } from '../../translations/en/customer-chat.js';
import '../message-composer/message-composer.js';
import type { ComposerUploader, MessageComposer } from '../message-composer/message-composer.js';
import { emojiDataSource } from '../message-composer/message-composer.emoji.js';
import { errorCode, errorText, fieldErrors } from '../../internal/errors.js';
import { newClientMessageId } from '../../internal/ids.js';
import { readIdentityClaims, visitorStorageKey, visitorStore } from './customer-chat.session.js';
import { eventText, timeOfDay } from './customer-chat.format.js';
import { ChatTimeline, type PendingMessage } from './customer-chat.timeline.js';
import { IncomingTypingController, OutgoingTypingController } from './customer-chat.typing.js';
import { VerifyPrompt, verifyStyles } from './customer-chat.verify.js';
import { SurveyPrompt, surveyStyles } from './customer-chat.survey.js';
import styles from './customer-chat.styles.js';
import { linkEmojiFont } from '../../internal/emoji-font.js';

/** The English terms this element shows. */
const terms = { ...commonTerms, ...contentTerms, ...chatTerms };

type Phase = 'loading' | 'form' | 'chat' | 'error';
type FormField = 'name' | 'email' | 'message' | 'form';

/** How close to the bottom (px) still counts as "at the bottom". */
const BOTTOM_SLACK = 24;

/**
 * @tag customer-chat
 * @summary The customer side of web chat, for a business's own site or portal: a start
 * form, then the live conversation with an agent. Works without any sign-in; a portal
 * can vouch for its signed-in customer with an identity token. Resumes after a reload.
 *
 * @dependency message-composer
 *
 * @fires desk-chat-start - A chat was started from the form (`detail.conversationId`).
 * @fires desk-chat-message - A new message arrived live: an agent's reply (`fromAgent: true`, e.g. to show a
 * notification), or the customer's own sent from elsewhere, such as another tab (`fromAgent: false`).
 * @fires desk-chat-end - The chat shown was closed by the desk.
 *
 * @csspart base - The wrapper.
 * @csspart header - The title bar.
 * @csspart form - The start form.
 * @csspart field - One labelled field of the start form.
 * @csspart input - A text field (start form or composer).
 * @csspart start - The start form's submit button.
 * @csspart new-chat - The "Start a new chat" button shown when a chat has ended.
 * @csspart timeline - The scrolling message log (`role="log"`).
 * @csspart message - One message; also `message-customer` or `message-agent`.
 * @csspart message-customer - A message from the customer.
 * @csspart message-agent - A message from an agent.
 * @csspart message-system - An automatic message from the desk (auto responders); also `message-agent`.
 * @csspart event - A system line ("Alice joined the chat").
 * @csspart typing - The "… is typing" line.
 * @csspart composer - The `<message-composer>` at the bottom: text, files, voice, emoji and location.
 * @csspart send - The send button (exported from the composer, as are `toolbar`, `tool`, `uploads`, `upload`,
 *   `progress`, `recorder`, `panel`, `suggestions`, `suggestion`, `hint`, `drop-zone`, and its `error` as `composer-error`).
 * @csspart attachment - A file a message carries; also `attachment-image` (a thumbnail linking to the full size),
 *   `attachment-audio`, `attachment-video` (inline players) or `attachment-file` (a download card).
 * @csspart voice - A voice message: its player and duration.
 * @csspart location - A shared location, with an "Open in maps" link.
 * @csspart template - A template message: header, text, footer and buttons.
 * @csspart seen - The "Seen" mark under the customer's message the agent read.
 * @csspart error - An error message (field errors, failed sends, alerts).
 * @csspart notice - A status line ("Waiting for an agent…", "This chat has ended.").
 * @csspart survey - The satisfaction survey after the chat has ended (`survey-rating`, `survey-scale` for 1–5 questions, `survey-submit`, `survey-dismiss`, `survey-error`).
 * @csspart survey-thanks - The survey's thank-you line.
 *
 * @cssprop --accent-color - Buttons, the customer's bubbles and focus rings (defaults to `--desk-color-accent`).
 * @cssprop --accent-text-color - Text on the accent colour.
 * @cssprop --surface-color - Background (defaults to `--desk-color-surface`).
 * @cssprop --agent-bubble-color - Background of agents' messages.
 * @cssprop --border-color - Borders and separators (defaults to `--desk-color-border`).
 * @cssprop --muted-color - Secondary text (defaults to `--desk-color-muted`).
 * @cssprop --danger-color - Errors (defaults to `--desk-color-danger`).
 * @cssprop --radius - Corner radius (defaults to `--desk-radius`).
 */
export class CustomerChat extends DeskElement {
  static override styles = [componentStyles, messageTextStyles, messageContentStyles, styles, verifyStyles, surveyStyles];

  /** Base URL of the deskkit server; defaults to the page's origin. */
  @property() server = globalThis.location?.origin ?? '';

  /** The business's tenant slug on the desk (required). */
  @property() tenant = '';

  /** Id of the department new chats go to; the desk's default when not set. */
  @property() department: string | null = null;

  /**
   * A JWT the host portal's backend signed for its signed-in customer. The customer is
   * then verified, and the start form asks only for the message.
   */
  @property({ attribute: 'identity-token' }) identityToken: string | null = null;

  /** How live updates travel. */
  @property() transport: 'sse' | 'ws' = 'sse';

  /** How many messages to load at a time. */
  @property({ attribute: 'page-size', type: Number }) pageSize = 50;

  /** What the customer may add to messages, space-separated: `attach voice emoji location` (all by default). */
  @property({ attribute: 'composer-tools' }) composerTools = 'attach voice emoji location';

  @state() private phase: Phase = 'loading';
  @state() private timeline?: ChatTimeline;
  @state() private errors: Partial<Record<FormField, string>> = {};
  @state() private loadError = '';
  @state() private starting = false;
  @state() private loadingOlder = false;

  @query('[part=timeline]') private log?: HTMLElement;
  @query('#composer-input') private composerInput?: MessageComposer;

  private readonly localize = new LocalizeController(this, terms);
  private readonly incoming = new IncomingTypingController(this);
  private readonly outgoing = new OutgoingTypingController(this, (typing) => this.sendTyping(typing));
  private readonly feed = new SubscriptionController<VisitorLiveEvent>(this, {
    subscribe: (lastEventId, handlers) => this.api.webchat.onEvent.subscribe({ lastEventId }, handlers),
    onData: (event) => this.apply(event),
  });

  /** The one-time-code prompt (or silent verification with the portal's identity token). */
  private readonly verify = new VerifyPrompt(this, {
    api: () => this.api,
    timeline: () => this.timeline,
    identityToken: () => this.identityToken,
    localize: this.localize,
    applied: (view) => {
      if (this.timeline?.applyConversation(view)) this.requestUpdate();
    },
  });

  /** The satisfaction survey after the chat has closed. */
  private readonly survey = new SurveyPrompt(this, { api: () => this.api, timeline: () => this.timeline, localize: this.localize });

  /** Signed links to the files messages carry. */
  private readonly links = new FileLinksController(this, {
    fetch: (conversationId, fileIds) => this.api.files.links.query({ conversationId, fileIds }),
    base: () => this.server,
  });

  /** Uploads a file from the composer to this chat, with this browser's visitor token. */
  private readonly uploader: ComposerUploader = (file, options) => {
    const token = this.visitorToken;
    const conversationId = this.timeline?.id;
    if (!token || !conversationId) return Promise.reject(new Error('no chat'));
    return uploadFile({ url: this.server, token, conversationId, file, ...options });
  };

  private client?: DeskClient;
  private visitorToken: string | null = null;
  private connectedKey = '';
  private ticket = 0;
  /** Client message ids sent from this element (their echoes are not "incoming"). */
  private readonly sentHere = new Set<string>();
  /** What the customer typed into the start form, to prefill the next one. */
  private remembered = { name: '', email: '' };
  private markedSeq = 0;
  private wasAtBottom = true;
  private scrollAnchor: number | null = null;
  private focusComposer = false;
  private focusForm = false;
  private shown = false;
  private visibility?: IntersectionObserver;

  /** The typed client, carrying this browser's visitor token (created on first use). */
  private get api(): DeskClient {
    return (this.client ??= createDeskClient({ url: this.server, token: () => this.visitorToken, transport: this.transport }));
  }

  /** The conversation shown, if any. */
  get conversation(): VisitorConversationView | null {
    return this.timeline?.conversation ?? null;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    document.addEventListener('visibilitychange', this.handleVisibility);
    this.visibility = new IntersectionObserver((entries) => {
      this.shown = entries.some((entry) => entry.isIntersecting);
      this.maybeMarkRead();
    });
    this.visibility.observe(this);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    document.removeEventListener('visibilitychange', this.handleVisibility);
    this.visibility?.disconnect();
    this.dropClient();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    // A fresh identity token for the same customer (portals renew them) keeps the chat as it is.
    const key = `${this.storageKey()}\n${this.transport}`;
    if (changed.has('server')) linkEmojiFont(this.server);
    if (key !== this.connectedKey) {
      if (changed.has('server') || changed.has('transport')) this.dropClient();
      this.connectedKey = key;
      void this.resume();
    }
    this.wasAtBottom = this.isAtBottom();
  }

  protected override updated(): void {
    const log = this.log;
    if (log && this.scrollAnchor !== null) {
      log.scrollTop = log.scrollHeight - this.scrollAnchor;
      this.scrollAnchor = null;
    } else if (log && this.wasAtBottom) {
      log.scrollTop = log.scrollHeight;
    }
    if (this.focusComposer && this.composerInput) {
      this.focusComposer = false;
      this.composerInput.focus();
    }
    if (this.focusForm) {
      this.focusForm = false;
      this.renderRoot.querySelector<HTMLElement>('[part=form] [part~=input]')?.focus();
    }
    this.maybeMarkRead();
  }

  /** Focuses where the customer types: the composer, or the start form's first field. */
  override focus(options?: FocusOptions): void {
    const find = (selector: string) => this.renderRoot.querySelector<HTMLElement>(selector);
    const target =
      this.phase === 'chat'
        ? this.timeline?.closed
          ? find('[part=new-chat]')
          : this.composerInput
        : find('[part=form] [part~=input]') ?? find('button');
    if (target) target.focus(options);
    else super.focus(options);
  }

  /** Shows the start form for a new chat (e.g. after one ended). */
  startNewChat(): void {
    this.ticket++;
    this.feed.stop();
    this.incoming.clear();
    this.outgoing.reset();
    this.timeline = undefined;
    this.errors = {};
    this.starting = false;
    this.phase = 'form';
    this.focusForm = true;
  }

  /** Picks up this browser's chat from its stored visitor token, or offers the start form. */
  private async resume(): Promise<void> {
    const ticket = ++this.ticket;
    this.feed.stop();
    this.incoming.clear();
    this.outgoing.reset();
    this.timeline = undefined;
    this.errors = {};
    this.loadError = '';
    this.starting = false;
    if (!this.tenant) {
      this.phase = 'error';
      this.loadError = this.localize.term('chatNotConfigured');
      return;
    }
    const token = visitorStore.get(this.storageKey());
    if (token !== this.visitorToken) this.adoptToken(token);
    if (!token) {
      this.phase = 'form';
      return;
    }
    this.phase = 'loading';
    try {
      const mine = await this.api.webchat.mine.query();
      if (ticket !== this.ticket) return;
      const current = mine.conversations.find((c) => c.status !== 'closed') ?? mine.conversations[0];
      if (!current) {
        this.phase = 'form';
        return;
      }
      const timeline = new ChatTimeline(current);
      const page = await this.api.webchat.messages.query({ conversationId: current.id, limit: this.pageSize });
      if (ticket !== this.ticket) return;
      timeline.applyPage(page, undefined, this.pageSize);
      this.show(timeline, mine.lastEventId);
    } catch (err) {
      if (ticket !== this.ticket) return;
      if (errorCode(err) === 'UNAUTHORIZED') {
        // Expired or revoked: forget it and start afresh.
        visitorStore.set(this.storageKey(), null);
        this.adoptToken(null);
        this.phase = 'form';
        return;
      }
      this.phase = 'error';
      this.loadError = this.describe(err);
    }
  }

  private show(timeline: ChatTimeline, lastEventId: string): void {
    this.timeline = timeline;
    this.markedSeq = 0;
    this.phase = 'chat';
    this.wasAtBottom = true;
    this.feed.start(lastEventId);
  }

  private storageKey(): string {
    return visitorStorageKey(this.server, this.tenant, this.identityToken);
  }

  /** Switches to another visitor token; a WebSocket carries its credential from connect, so it gets a new client. */
  private adoptToken(token: string | null): void {
    this.visitorToken = token;
    this.dropClient();
  }

  private dropClient(): void {
    const client = this.client;
    this.client = undefined;
    if (client) void closeDeskClient(client);
  }

  // ---- Live events --------------------------------------------------------------------------

  private apply(event: VisitorLiveEvent): void {
    const timeline = this.timeline;
    if (!timeline) return;
    if (event.type === 'conversation') {
      const wasClosed = timeline.closed;
      if (timeline.applyConversation(event.conversation) && !wasClosed && timeline.closed) {
        this.outgoing.reset();
        this.incoming.clear();
        this.emit('desk-chat-end', { conversationId: timeline.id });
      }
    } else if (event.type === 'message') {
      const message = event.message;
      if (!timeline.applyMessage(message) || message.kind === 'event') return;
      const fromAgent = message.author.kind === 'agent';
      if (fromAgent) this.incoming.set(message.author.name, false);
      if (fromAgent || !this.sentHere.has(message.clientMessageId ?? '')) {
        this.emit('desk-chat-message', { conversationId: timeline.id, seq: message.seq, fromAgent });
      }
    } else if (event.conversationId === timeline.id && !timeline.closed) {
      this.incoming.set(event.author.name, event.typing);
    }
  }

  // ---- Start form ---------------------------------------------------------------------------

  private async handleStart(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    if (this.starting) return;
    const data = new FormData(event.target as HTMLFormElement);
    const verified = Boolean(this.identityToken);
    const name = String(data.get('name') ?? '').trim();
    const email = String(data.get('email') ?? '').trim();
    const body = String(data.get('message') ?? '').trim();
    this.remembered = { name, email };

    const errors: Partial<Record<FormField, string>> = {};
    if (!verified && !name) errors.name = this.localize.term('chatNameRequired');
    if (!body) errors.message = this.localize.term('chatMessageRequired');
    this.errors = errors;
    if (Object.keys(errors).length) {
      await this.focusFirstInvalid();
      return;
    }

    const ticket = ++this.ticket;
    this.starting = true;
    const clientMessageId = newClientMessageId();
    try {
      const result = await this.api.webchat.start.mutate({
        tenant: this.tenant,
        ...(verified ? { identityToken: this.identityToken! } : { name, ...(email ? { email } : {}) }),
        ...(this.department ? { departmentId: this.department } : {}),
        message: { body, clientMessageId },
      });
      if (ticket !== this.ticket) return;
      visitorStore.set(this.storageKey(), result.visitorToken);
      this.adoptToken(result.visitorToken);
      this.sentHere.add(clientMessageId);
      const timeline = new ChatTimeline(result.conversation);
      timeline.applyMessage(result.message);
      // A new chat: the stream, followed from before it began, delivers everything else.
      timeline.oldestSeq = 0;
      this.show(timeline, result.lastEventId);
      this.focusComposer = true;
      this.emit('desk-chat-start', { conversationId: timeline.id });
    } catch (err) {
      if (ticket !== this.ticket) return;
      this.errors = this.startErrors(err);
      await this.focusFirstInvalid();
    } finally {
      if (ticket === this.ticket) this.starting = false;
    }
  }

  /** Puts a failed start's messages next to the fields they concern. */
  private startErrors(err: unknown): Partial<Record<FormField, string>> {
    const fields = fieldErrors(err);
    if (!Object.keys(fields).length) return { form: this.describe(err) };
    const errors: Partial<Record<FormField, string>> = {};
    const other: string[] = [];
    for (const [field, message] of Object.entries(fields)) {
      if (field === 'name' || field === 'email') errors[field] = message;
      else if (field.startsWith('message')) errors.message = message;
      else if (field === 'identityToken') errors.form = this.localize.term('chatIdentityRejected', message);
      else other.push(`${field}: ${message}`);
    }
    if (other.length) errors.form = [errors.form, `${this.localize.term('errorPrefix')} ${other.join('; ')}`].filter(Boolean).join(' ');
    return errors;
  }

  private async focusFirstInvalid(): Promise<void> {
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('[aria-invalid=true]')?.focus();
  }

  // ---- Composer -----------------------------------------------------------------------------

  private handleComposerInput(event: DeskComposerInputEvent): void {
    if (this.timeline?.closed) return;
    this.outgoing.input(!event.detail.value.trim());
  }

  private handleComposerSend(event: DeskComposerSendEvent): void {
    const { content, clientMessageId, file } = event.detail;
    if (!this.timeline || this.timeline.closed) {
      if (file) URL.revokeObjectURL(file.localUrl);
      return;
    }
    this.outgoing.stop();
    void this.send(content, clientMessageId, file);
  }

  /**
   * Sends (or re-sends, with the same id) a message: text, an uploaded file, a voice
   * recording or a location. It shows at once and is replaced by the stored copy.
   */
  private async send(content: ComposerContent, clientMessageId: string, file?: ComposerFile): Promise<void> {
    const timeline = this.timeline;
    if (!timeline) return;
    this.sentHere.add(clientMessageId);
    timeline.addPending(clientMessageId, echoBody(content), { content, file });
    this.scrollToBottomNext();
    try {
      const result = await this.api.webchat.send.mutate({ conversationId: timeline.id, clientMessageId, ...content });
      timeline.applyMessage(result.message);
      timeline.applyConversation(result.conversation);
    } catch (err) {
      timeline.failPending(clientMessageId, errorText(err));
    }
    this.requestUpdate();
  }

  private handleRetry(pending: PendingMessage): void {
    void this.send(pending.content, pending.clientMessageId, pending.file);
  }

  private scrollToBottomNext(): void {
    this.requestUpdate();
    void this.updateComplete.then(() => {
      if (this.log) this.log.scrollTop = this.log.scrollHeight;
    });
  }

  private sendTyping(typing: boolean): void {
    const timeline = this.timeline;
    if (!timeline || timeline.closed) return;
    // Best effort: a lost typing signal only delays the indicator.
    this.api.webchat.typing.mutate({ conversationId: timeline.id, typing }).catch(() => undefined);
  }

  // ---- Scrolling and read state -------------------------------------------------------------

  private isAtBottom(): boolean {
    const log = this.log;
    return !log || log.scrollHeight - log.scrollTop - log.clientHeight <= BOTTOM_SLACK;
  }

  private handleScroll(): void {
    const log = this.log;
    if (log && log.scrollTop < BOTTOM_SLACK * 2 && log.scrollHeight > log.clientHeight) void this.loadOlder();
    this.maybeMarkRead();
  }

  private readonly handleVisibility = () => this.maybeMarkRead();

  /** Loads the page before the oldest message shown, keeping the view where it was. */
  private async loadOlder(): Promise<void> {
    const timeline = this.timeline;
    if (!timeline || !timeline.hasOlder || this.loadingOlder) return;
    this.loadingOlder = true;
    const before = timeline.oldestSeq;
    try {
      const page = await this.api.webchat.messages.query({ conversationId: timeline.id, beforeSeq: before, limit: this.pageSize });
      if (timeline !== this.timeline) return;
      if (this.log) this.scrollAnchor = this.log.scrollHeight - this.log.scrollTop;
      timeline.applyPage(page, before, this.pageSize);
    } catch (err) {
      this.loadError = this.describe(err);
    } finally {
      this.loadingOlder = false;
    }
  }

  /** Tells the desk the customer has read everything, when they can actually see the bottom of the chat. */
  private maybeMarkRead(): void {
    const timeline = this.timeline;
    if (!timeline || this.phase !== 'chat' || !timeline.conversation.unread) return;
    if (!this.shown || document.visibilityState !== 'visible' || !this.isAtBottom()) return;
    const seq = Math.min(timeline.newestSeq, timeline.conversation.lastSeq);
    if (seq <= this.markedSeq || seq < 1) return;
    this.markedSeq = seq;
    this.api.webchat.markRead.mutate({ conversationId: timeline.id, seq }).then(
      (view) => {
        if (timeline.applyConversation(view)) this.requestUpdate();
      },
      () => {
        // Try again on the next chance.
        if (this.markedSeq === seq) this.markedSeq = 0;
      },
    );
  }

  private describe(err: unknown): string {
    return `${this.localize.term('errorPrefix')} ${errorText(err)}`;
  }

  // ---- Rendering ----------------------------------------------------------------------------

  protected override render() {
    const agentName = this.timeline?.conversation.agentName;
    const open = this.timeline && !this.timeline.closed && agentName;
    return html`
      <section part="base" aria-labelledby="title">
        <header part="header">
          <span id="title" class="title">${open ? this.localize.term('chatWith', agentName) : this.localize.term('chatTitle')}</span>
        </header>
        ${this.phase === 'loading' ? html`<p part="notice" role="status">${this.localize.term('loading')}</p>` : nothing}
        ${this.phase === 'error' ? this.renderLoadError() : nothing}
        ${this.phase === 'form' ? this.renderForm() : nothing}
        ${this.phase === 'chat' && this.timeline ? this.renderChat(this.timeline) : nothing}
      </section>
    `;
  }

  private renderLoadError() {
    return html`
      <div part="error" role="alert">
        <span>${this.loadError}</span>
        ${this.tenant ? html`<button type="button" class="link" @click=${() => void this.resume()}>${this.localize.term('chatTryAgain')}</button>` : nothing}
      </div>
    `;
  }

  private renderForm() {
    const verified = Boolean(this.identityToken);
    const claimedName = verified ? readIdentityClaims(this.identityToken)?.name : undefined;
    return html`
      <form part="form" novalidate @submit=${this.handleStart} aria-busy=${this.starting ? 'true' : 'false'}>
        <p class="intro">${this.localize.term('chatIntro')}</p>
        ${claimedName ? html`<p class="intro">${this.localize.term('chatSignedInAs', claimedName)}</p>` : nothing}
        ${verified
          ? nothing
          : html`
              ${this.renderField('name', this.localize.term('chatName'), html`
                <input id="name" name="name" part="input" autocomplete="name" maxlength="120" required .value=${this.remembered.name}
                  aria-invalid=${this.errors.name ? 'true' : 'false'} aria-describedby=${this.errors.name ? 'name-error' : nothing} />
              `)}
              ${this.renderField('email', this.localize.term('chatEmail'), html`
                <input id="email" name="email" part="input" type="email" autocomplete="email" maxlength="254" .value=${this.remembered.email}
                  aria-invalid=${this.errors.email ? 'true' : 'false'} aria-describedby=${this.errors.email ? 'email-error' : nothing} />
              `)}
            `}
        ${this.renderField('message', this.localize.term('chatFirstMessage'), html`
          <textarea id="message" name="message" part="input" rows="3" maxlength="10000" required
            aria-invalid=${this.errors.message ? 'true' : 'false'} aria-describedby=${this.errors.message ? 'message-error' : nothing}
            @keydown=${this.handleFormKeydown}></textarea>
        `)}
        ${this.errors.form ? html`<p part="error" role="alert" id="form-error">${this.errors.form}</p>` : nothing}
        <button part="start" type="submit" aria-disabled=${this.starting ? 'true' : 'false'}>
          ${this.starting ? this.localize.term('chatStarting') : this.localize.term('chatStart')}
        </button>
      </form>
    `;
  }

  private renderField(id: 'name' | 'email' | 'message', label: string, control: unknown) {
    const error = this.errors[id];
    return html`
      <div part="field" data-field=${id}>
        <label for=${id}>${label}</label>
        ${control}
        ${error ? html`<p part="error" id="${id}-error">${error}</p>` : nothing}
      </div>
    `;
  }

  /** Enter in the first message starts the chat (Shift+Enter for a new line), like the composer. */
  private handleFormKeydown(event: KeyboardEvent): void {
    if (event.key !== 'Enter' || event.shiftKey || event.isComposing) return;
    event.preventDefault();
    (event.target as HTMLTextAreaElement).form?.requestSubmit();
  }

  private renderChat(timeline: ChatTimeline) {
    const closed = timeline.closed;
    const seen = timeline.seenSeq;
    const typing = this.incoming.names;
    const feedError = this.feed.status === 'error';
    return html`
      ${timeline.conversation.status === 'pending' && timeline.conversation.agentName === null
        ? html`<p part="notice" role="status" class="waiting">${this.localize.term('chatWaiting')}</p>`
        : nothing}
      <div part="timeline" role="log" aria-live="polite" aria-label=${this.localize.term('chatTimeline')} tabindex="0" @scroll=${this.handleScroll}>
        ${timeline.hasOlder
          ? html`<button type="button" class="older link" aria-disabled=${this.loadingOlder ? 'true' : 'false'} @click=${() => void this.loadOlder()}>
              ${this.loadingOlder ? this.localize.term('loading') : this.localize.term('chatLoadOlder')}
            </button>`
          : nothing}
        ${repeat(timeline.stored(), (message) => message.id, (message) => this.renderEntry(message, message.seq === seen))}
        ${repeat(timeline.unconfirmed(), (pending) => pending.clientMessageId, (pending) => this.renderPending(pending))}
      </div>
      <p part="typing" aria-live="polite">${typing.length ? this.localize.term('chatTyping', typing) : ''}</p>
      ${feedError || this.loadError
        ? html`<p part="error" role="alert">
            ${feedError ? this.localize.term('chatConnectionLost') : this.loadError}
            ${feedError ? html`<button type="button" class="link" @click=${() => this.feed.start()}>${this.localize.term('chatReconnect')}</button>` : nothing}
          </p>`
        : nothing}
      ${closed
        ? html`<div part="notice" class="ended" role="status">
            <span>${this.localize.term('chatEndedNotice')}</span>
            <button part="new-chat" type="button" @click=${this.startNewChat}>${this.localize.term('chatNewChat')}</button>
          </div>`
        : nothing}
      ${this.survey.render()}
      ${this.verify.render()}
      <message-composer
        id="composer-input"
        part="composer"
        exportparts="input, send, toolbar, tool, uploads, upload, progress, recorder, panel, emoji-picker, suggestions, suggestion, hint, error: composer-error, drop-zone"
        .disabled=${closed}
        .label=${this.localize.term('chatMessage')}
        .placeholder=${this.localize.term('chatPlaceholder')}
        .sendLabel=${this.localize.term('chatSend')}
        .tools=${this.composerTools}
        .uploader=${this.uploader}
        .emojiDataSource=${emojiDataSource(this.server)}
        @desk-composer-input=${this.handleComposerInput}
        @desk-composer-send=${this.handleComposerSend}
      ></message-composer>
    `;
  }

  private renderEntry(message: VisitorMessageView, seen: boolean) {
    if (message.kind === 'event') {
      const text = eventText(this.localize, message);
      return text ? html`<p part="event" data-seq=${message.seq}>${text}</p>` : nothing;
    }
    const mine = message.author.kind === 'customer';
    // Automatic messages from the desk (greeting, closing hours…) look like an agent's, without a name.
    const automatic = message.author.kind === 'system';
    return html`
      <div part="message ${mine ? 'message-customer' : automatic ? 'message-agent message-system' : 'message-agent'}" data-seq=${message.seq} data-client-id=${message.clientMessageId ?? nothing}>
        ${mine
          ? html`<span class="visually-hidden">${this.localize.term('chatYouSaid')}</span>`
          : automatic
            ? nothing
            : html`<span class="author"><span class="visually-hidden">${this.localize.term('chatAgentSaid', message.author.name)}</span
              ><span aria-hidden="true">${message.author.name}</span></span>`}
        ${renderContent(message, this.contentOptions())}
        <span class="meta">
          <time datetime=${message.createdAt}>${this.time(message.createdAt)}</time>
          ${seen ? html`<span part="seen">${this.localize.term('chatSeen')}</span>` : nothing}
        </span>
      </div>
    `;
  }

  private renderPending(pending: PendingMessage) {
    const failed = pending.status === 'failed';
    return html`
      <div part="message message-customer" class="pending" data-client-id=${pending.clientMessageId} data-status=${pending.status}
        aria-busy=${failed ? 'false' : 'true'}>
        <span class="visually-hidden">${this.localize.term('chatYouSaid')}</span>
        ${renderContent(echoSource(pending.content, pending.file), this.contentOptions(localLink(pending.file)))}
        <span class="meta">
          ${failed
            ? html`<span part="error" title=${pending.error ?? ''}>${this.localize.term('chatNotSent')}</span>
                <button type="button" class="link" @click=${() => this.handleRetry(pending)}>${this.localize.term('chatRetry')}</button>`
            : html`<span>${this.localize.term('chatSending')}</span>`}
        </span>
      </div>
    `;
  }

  /** How message content renders here: text in a bubble, files through signed links. */
  private contentOptions(link?: ContentOptions['link']): ContentOptions {
    const conversationId = this.timeline?.id ?? '';
    return {
      localize: this.localize,
      lang: this.closest('[lang]')?.getAttribute('lang') || document.documentElement.lang || '',
      link: link ?? ((fileId) => this.links.get(conversationId, fileId)),
      unavailable: (fileId) => this.links.unavailable(fileId),
      text: (body) => html`<p class="body">${renderRichText(body)}</p>`,
      paymentLink: (url) => resolvePaymentLink(url, this.server),
    };
  }

  private time(iso: string): string {
    const lang = this.closest('[lang]')?.getAttribute('lang') || document.documentElement.lang || '';
    return timeOfDay(iso, lang);
  }
}
