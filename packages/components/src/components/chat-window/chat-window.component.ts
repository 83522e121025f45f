import { consume } from '@lit/context';
import { html, nothing, type PropertyValues } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { live } from 'lit/directives/live.js';
import type { AgentLiveEvent, AgentProfile, ConversationView, DepartmentView, DeskClient, MessageView } from '@deskkit/client';
import { feedContext } from '../../context/feed-context.js';
import { serverContext } from '../../context/server-context.js';
import { FeedController } from '../../controllers/feed-controller.js';
import { LazyController, preloads, type LazyPart } from '../../controllers/lazy-controller.js';
import type { ComposerContent, ComposerFile, DeskComposerSendEvent } from '../../events/desk-composer-send.js';
import type { DeskComposerInputEvent } from '../../events/desk-composer-input.js';
import { DeskAgentElement } from '../../internal/desk-agent-element.js';
import type { DeskFeed } from '../../internal/desk-feed.js';
import componentStyles from '../../styles/component.styles.js';
import controlStyles from '../../styles/controls.styles.js';
import { echoBody } from '../../internal/message-text.js';
import messageTextStyles from '../../styles/message-text.styles.js';
import { langOf, LocalizeController } from '../../utilities/localize.js';
import { commonTerms } from '../../translations/en/common.js';
import { windowTerms } from '../../translations/en/chat-window.js';
import { lazyTerms } from '../../translations/en/lazy.js';
import type { WindowDialogTerms } from '../../translations/en/chat-window-dialogs.js';
import '../message-composer/message-composer.js';
import type { ComposerUploader, MessageComposer } from '../message-composer/message-composer.js';
import { emojiDataSource } from '../message-composer/message-composer.emoji.js';
import type { TimelineCards } from './chat-window.cards.js';
import type { ActionsMenu } from './chat-window.more.js';
import type { CloseDialog, TransferDialog, TransferTarget } from './chat-window.dialogs.js';
import { renderTags } from './chat-window.fields.js';
import type { renderTicketFields, TicketChanges } from './chat-window.ticket-fields.js';
import { CannedReplies } from './chat-window.canned.js';
import type { ReplySuggestions, SuggestionTarget } from './chat-window.suggestions.js';
import { ChannelTools } from './chat-window.channels.js';
import { PaymentTools } from './chat-window.payments.js';
import { renderEntries } from './chat-window.entries.js';
import { categoriesConverter, TimelineFilter, type EntryCategory } from './chat-window.filter.js';
import { errorCode, errorText } from './chat-window.format.js';
import { TimelineScroll } from './chat-window.scroll.js';
import { newClientMessageId } from '../../internal/ids.js';
import { isQueued } from '../../internal/conversation-state.js';
import { Timeline } from './chat-window.timeline.js';
import { TypingIndicator, TypingNotifier } from './chat-window.typing.js';
import { CustomerVerification, verifyStyles } from './chat-window.verify.js';
import { TranscriptDownload } from './chat-window.transcript.js';
import styles from './chat-window.styles.js';

/** The English terms this element shows. */
const terms = { ...commonTerms, ...windowTerms, ...lazyTerms };

/** Messages per page, initial and older. */
const PAGE_SIZE = 50;

type ReplyBlock = 'pending' | 'closed' | 'not-assignee' | 'removed' | 'whatsapp-window';

/**
 * @tag chat-window
 * @summary The agent's view of one conversation: header with actions, the live timeline,
 * the composer with optimistic sends, typing and read state, tags, ticket fields and transfer.
 *
 * @dependency message-composer
 *
 * @fires desk-message-send - The server stored one of the agent's messages (`{ conversationId, clientMessageId }`).
 * @fires desk-transcript-export - The agent downloaded the conversation's transcript.
 * @fires desk-conversation-close - The agent closed the conversation (`{ conversationId }`).
 * @fires desk-conversation-transfer - The agent transferred it (`{ conversationId, to: { agentId } | { departmentId } }`).
 * @fires desk-timeline-filter-change - The agent changed which entries the timeline shows (`{ hidden }`).
 *
 * @csspart base - The wrapper.
 * @csspart header - Customer, status, kind, priority, assignee and department, and the actions.
 * @csspart badge - The "Verified" badge beside a verified customer's name.
 * @csspart actions - The action buttons (Accept, Transfer, Close, Reopen, Convert, …). In a window narrower
 *   than 66rem (where all of them would not fit on one line) only the main ones (Accept, Transfer, Close, Reopen,
 *   a due WhatsApp template) show, and the others are in the "More actions" menu.
 * @csspart more-button - "More actions" (⋯, `aria-haspopup="menu"`); shown in a window narrower than 66rem.
 * @csspart more-menu - The menu of the actions that do not show (`role="menu"`); each item is a `more-item`.
 * @csspart tags - The tag chips and the input to add one.
 * @csspart tag-suggestions - The tenant's suggested tags (a `datalist` for the input).
 * @csspart tag - One tag chip.
 * @csspart ticket-fields - A ticket's status, priority, subject and assignee.
 * @csspart filter - The timeline filter (at the end of the tags' row): its button (`filter-button`) and checkboxes (`filter-menu`).
 * @csspart filter-button - Opens the checkboxes; says how many kinds are hidden.
 * @csspart filter-menu - The checkboxes of the kinds of entries to show.
 * @csspart timeline - The scrolling `role="log"` of messages and events.
 * @csspart day - A day separator ("Today", "Yesterday", a date).
 * @csspart message - A message; also `message-customer` or `message-agent`. Carries `data-seq`,
 *   `data-client-message-id` and `data-state` (`sending`, `failed`, `sent`).
 * @csspart author - A message's author.
 * @csspart body - A message's text (an attachment's caption); its emoji are in `.emoji` spans (`--desk-font-emoji`).
 * @csspart attachment - A file a message carries; also `attachment-image` (a thumbnail linking to the full size),
 *   `attachment-audio`, `attachment-video` (inline players) or `attachment-file` (a download card). The code of these
 *   cards (and of locations, templates, payments and SMS/WhatsApp delivery lines) loads alongside the first
 *   conversation; a message rendered before it is in shows its text in an `aria-busy` box.
 * @csspart voice - A voice message: its player and duration.
 * @csspart location - A shared location, with an "Open in maps" link.
 * @csspart time - The time of a message or event.
 * @csspart retry - The Retry button of a message that was not sent.
 * @csspart event - A chat event line ("Alice Moreau accepted the chat").
 * @csspart seen - "Seen" under the agent's last message the customer has read.
 * @csspart new-messages - The "new messages" button shown when scrolled up.
 * @csspart typing - Who is typing.
 * @csspart reply-suggestions - Suggested replies to the customer's newest message, above the composer (`role="group"`).
 * @csspart reply-suggestion - One suggestion (a button; `data-source` is `canned`, `history` or `llm`); choosing it inserts its text.
 * @csspart reply-suggestion-source - Where a suggestion came from.
 * @csspart reply-suggestions-dismiss - Hides the suggestions until the customer writes again.
 * @csspart composer - The `<message-composer>`: text, files, voice, emoji, location and `/` canned replies.
 * @csspart input - The reply text box (exported from the composer, as are `send`, `toolbar`, `tool`, `uploads`,
 *   `upload`, `progress`, `recorder`, `panel`, `suggestions`, `suggestion`, `hint`, `drop-zone`, and its `error` as `composer-error`).
 * @csspart send - The send button.
 * @csspart dialog - The transfer and close dialogs.
 * @csspart error - An error (`role="alert"`); also `load-error` when a part that loads on first use (a dialog,
 *   the suggested replies, the timeline's cards) could not load, with a Retry button (`data-action="retry-load"`).
 * @csspart notice - A notice, e.g. that the conversation left the agent (`role="status"`).
 * @csspart monitoring - With `notice`: a supervisor is watching a chat assigned to someone else ("Monitoring — assigned to X").
 *
 * @cssprop --accent-color - Buttons, focus rings and the agent's bubbles (defaults to `--desk-color-accent`).
 * @cssprop --border-color - Separators (defaults to `--desk-color-border`).
 * @cssprop --muted-color - Secondary text and event lines (defaults to `--desk-color-muted`).
 * @cssprop --surface-color - Background (defaults to `--desk-color-surface`).
 * @cssprop --on-accent-color - Text on accent backgrounds (defaults to `--desk-color-on-accent`).
 * @cssprop --customer-bubble-color - Background of the customer's messages (defaults to `--desk-color-subtle`).
 * @cssprop --agent-bubble-color - Background of the agents' messages (defaults to `--accent-color`).
 * @cssprop --agent-text-color - Text of the agents' messages (defaults to `--on-accent-color`).
 * @cssprop --notice-color - Background of the notice that the conversation left the agent.
 * @cssprop --danger-color - Errors and failed sends (defaults to `--desk-color-danger`).
 * @cssprop --radius - Corner radius (defaults to `--desk-radius`).
 */
export class ChatWindow extends DeskAgentElement {
  static override styles = [componentStyles, controlStyles, messageTextStyles, styles, verifyStyles];

  @consume({ context: feedContext, subscribe: true })
  @state()
  feed?: DeskFeed;

  /** The desk's URL (uploads, file links and emoji data go there). */
  @consume({ context: serverContext, subscribe: true })
  @state()
  server?: string;

  /** The id of the conversation to show. */
  @property({ attribute: 'conversation-id', reflect: true }) conversationId = '';

  /**
   * What the agent may add to replies, space-separated: `attach voice emoji location` (all by default).
   * On an SMS/WhatsApp account configured text-only, `attach` and `voice` are left out.
   */
  @property({ attribute: 'composer-tools' }) composerTools = 'attach voice emoji location';

  /**
   * Kinds of timeline entries hidden by the filter (`hidden-entries="tags status"`): `messages`,
   * `attachments`, `assignments` (and transfers), `tags`, `status` (changes). Reflected, and
   * `desk-timeline-filter-change` tells when the agent changes it, so the page can keep it.
   */
  @property({ attribute: 'hidden-entries', reflect: true, converter: categoriesConverter }) hiddenEntries: EntryCategory[] = [];

  @state() private conversationView: ConversationView | null = null;
  @state() private loading = false;
  @state() private loadError = '';
  @state() private error = '';
  /** The conversation left the agent's sight (transferred, taken by someone else). */
  @state() private removed = false;
  /** Actions running now, by name: the same action never runs twice at once (a double click). */
  @state() private running: ReadonlySet<string> = new Set();
  @state() private loadingOlder = false;
  @state() private hasOlder = false;
  @state() private agents = new Map<string, AgentProfile>();
  @state() private departments: DepartmentView[] = [];
  /** The reply being written (not reactive: a keystroke must not re-render the timeline). */
  private draft = '';
  @state() private tagDraft = '';
  /** The tenant's suggested tags, fetched when the tag input is focused (so an admin's new tag shows at once). */
  @state() private suggestedTags: string[] = [];

  private readonly localize = new LocalizeController(this, terms);
  /** The terms with the dialogs' and suggestions', which load with the first of them. */
  private dialogTerms?: Promise<LocalizeController<keyof typeof terms | keyof WindowDialogTerms>>;
  private readonly dialogLocalize = () =>
    (this.dialogTerms ??= import('../../translations/en/chat-window-dialogs.js').then(
      ({ windowDialogTerms }) => new LocalizeController(this, { ...terms, ...windowDialogTerms }),
      (err: unknown) => {
        this.dialogTerms = undefined; // Tried again with the next part.
        throw err;
      },
    ));
  private readonly timeline = new Timeline();
  private loadTicket = 0;
  /** The revision of the latest `removed` event: older views never bring the conversation back. */
  private tombstone = -1;
  /** Whom the agent transferred it to, for the notice. */
  private transferredTo: string | null = null;
  private readSent = 0;
  private readTimer?: ReturnType<typeof setTimeout>;
  private readonly live = new FeedController(this, {
    feed: () => this.feed,
    onEvent: (event) => this.handleLiveEvent(event),
  });

  private readonly scroller = new TimelineScroll(this, {
    element: () => this.renderRoot.querySelector<HTMLElement>('[part=timeline]'),
    onTop: () => void this.loadOlder(),
    onSeeBottom: () => this.scheduleMarkRead(),
  });

  private readonly typing = new TypingIndicator(this);

  private readonly notifier = new TypingNotifier(this, {
    send: (typing) => {
      const { client, conversationId } = this;
      if (!client || !conversationId || (typing && this.replyBlock)) return;
      // Best effort: a lost typing hint is not worth an error.
      client.conversations.typing.mutate({ conversationId, typing }).catch(() => undefined);
    },
  });

  /** The transfer dialog (loaded on first use, as are the other dialogs and the suggested replies). */
  private readonly transferDialog: LazyController<TransferDialog> = new LazyController(this, {
    load: async () =>
      new (await import('./chat-window.dialogs.js')).TransferDialog(this, {
        client: () => this.client,
        feed: () => this.feed,
        conversation: () => this.conversationView,
        // Handing a queued chat to an agent is dispatching: supervisors only (the server's rule).
        offersAgents: () => this.isSupervisor || !this.conversationView || !isQueued(this.conversationView),
        agents: () => [...this.agents.values()],
        departments: () => this.departments,
        localize: await this.dialogLocalize(),
        transfer: (to, note, name) => this.transfer(to, note, name),
      }),
  });

  private readonly filter = new TimelineFilter(this, {
    localize: this.localize,
    hidden: () => this.hiddenEntries,
    change: (hidden) => {
      this.hiddenEntries = hidden;
      this.emit('desk-timeline-filter-change', { hidden: [...hidden] });
    },
  });

  /** WhatsApp templates and the 24-hour window, one-way SMS. */
  private readonly channels = new ChannelTools(this, {
    client: () => this.client,
    conversation: () => this.conversationView,
    localize: this.localize,
    dialogLocalize: this.dialogLocalize,
    lang: () => langOf(this),
    sent: ({ message, conversation }) => {
      if (message.conversationId !== this.conversationId) return;
      this.applyMessages([message]);
      this.scroller.appended(1, true);
      this.applyResult(conversation);
      this.emit('desk-message-send', { conversationId: message.conversationId, clientMessageId: message.clientMessageId ?? '' });
    },
  });

  /** Chat-to-pay: the "Request payment" action and dialog. */
  private readonly payments = new PaymentTools(this, {
    client: () => this.client,
    conversation: () => this.conversationView,
    localize: this.localize,
    dialogLocalize: this.dialogLocalize,
    lang: () => langOf(this),
    sent: ({ message, conversation }) => {
      if (message.conversationId !== this.conversationId) return;
      this.applyMessages([message]);
      this.scroller.appended(1, true);
      this.applyResult(conversation);
    },
  });

  /** "Download transcript" (txt, html or csv, streamed through a signed link). */
  private readonly transcript = new TranscriptDownload(this, {
    client: () => this.client,
    server: () => this.server,
    localize: this.localize,
    failed: (message) => (this.error = message),
  });

  /** Canned replies for the composer's `/shortcut` suggestions. */
  private readonly canned = new CannedReplies({ client: () => this.client, conversationId: () => this.conversationId });

  /** Suggested replies to the customer's newest message, inserted into the composer to edit. */
  private readonly suggestions: LazyController<ReplySuggestions> = new LazyController(this, {
    load: async () =>
      new (await import('./chat-window.suggestions.js')).ReplySuggestions(this, {
        client: () => this.client,
        target: () => this.suggestionTarget,
        localize: await this.dialogLocalize(),
        insert: (text) => this.composer?.insertText(text),
      }),
  });

  /**
   * Cards (files, voice, locations, templates, payments, with the signed links to their files)
   * and delivery lines: loaded alongside the first conversation, as the timeline waits for it.
   */
  private readonly cards: LazyController<TimelineCards> = new LazyController(this, {
    load: async () =>
      new (await import('./chat-window.cards.js')).TimelineCards(this, {
        fetch: (conversationId, fileIds) => this.client!.files.links.query({ conversationId, fileIds }),
        base: () => this.server ?? '',
      }),
  });
  /** "More actions": when the actions do not fit on one line, those beyond the main ones (loaded on first use). */
  private readonly moreMenu: LazyController<ActionsMenu> = new LazyController(this, {
    load: async () => new (await import('./chat-window.more.js')).ActionsMenu(this, { label: () => this.localize.term('windowMore') }),
  });

  /** A rendered entry needs the cards (noted while rendering, loaded after it). */
  private cardsWanted = false;

  @query('message-composer') private composer?: MessageComposer;

  /** Uploads a file from the composer to the conversation shown, as the signed-in agent (the upload code loads with the first). */
  private readonly uploader: ComposerUploader = async (file, options) => {
    const { server, session, conversationId } = this;
    if (!server || !session) throw new Error('not signed in');
    const { uploadFile } = await import('@deskkit/client');
    return uploadFile({ url: server, token: session.token, conversationId, file, ...options });
  };

  /** The Verified/Unverified badge, "Verify customer" and its one-time-code dialog. */
  private readonly verification = new CustomerVerification(this, {
    client: () => this.client,
    conversation: () => this.conversationView,
    localize: this.localize,
    dialogLocalize: this.dialogLocalize,
    lang: () => langOf(this),
    handles: () => this.handles,
    changed: (view) => this.applyResult(view),
  });

  /** A ticket's fields, loaded with the first ticket shown. */
  private readonly ticketFields: LazyController<typeof renderTicketFields> = new LazyController(this, {
    load: async () => (await import('./chat-window.ticket-fields.js')).ticketFields(this),
  });

  private readonly closeDialog: LazyController<CloseDialog> = new LazyController(this, {
    load: async () =>
      new (await import('./chat-window.dialogs.js')).CloseDialog(this, {
        localize: await this.dialogLocalize(),
        closeConversation: (reason) => this.close(reason),
      }),
  });

  /** The conversation as last loaded or received live (`null` while loading or when none). */
  get conversation(): ConversationView | null {
    return this.conversationView;
  }

  /** The stored timeline entries loaded so far, oldest first. */
  get messages(): readonly MessageView[] {
    return this.timeline.messages;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    document.addEventListener('visibilitychange', this.handleVisibility);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    document.removeEventListener('visibilitychange', this.handleVisibility);
    clearTimeout(this.readTimer);
  }

  protected override updated(): void {
    // Cards an entry needs: loaded now (a failure shows, with a Retry).
    const cards = this.cards;
    if (this.cardsWanted && !cards.value && !cards.pending && !cards.failure) void cards.use(() => undefined);
    this.cardsWanted = false;
    // Suggested replies load once there is a customer message to suggest replies to.
    if (!this.suggestions.value && this.suggestionTarget) this.suggestions.preload();
    // A ticket's fields: with the first ticket (a failure shows, with a Retry), else in idle time.
    const ticketFields = this.ticketFields;
    if (this.conversationView && !ticketFields.value) {
      if (this.conversationView.kind !== 'ticket') ticketFields.preloadWhenIdle();
      else if (!ticketFields.pending && !ticketFields.failure) void ticketFields.use(() => undefined);
    }
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    const sessionChanged = changed.has('session') && changed.get('session')?.token !== this.session?.token;
    if (changed.has('client') || changed.has('feed') || changed.has('conversationId') || sessionChanged) {
      void this.load({ sameConversation: !changed.has('conversationId') });
    }
  }

  /**
   * Sends a reply: text, or content from the composer (an uploaded file with an optional
   * caption, a voice recording, a location; `file` shows it while in flight). It shows at
   * once as "sending"; the server stores it once per `clientMessageId`, so sending again
   * with the same id never duplicates it. Resolves with whether the server acknowledged it.
   */
  async send(body: string | ComposerContent, clientMessageId: string = newClientMessageId(), file?: ComposerFile): Promise<boolean> {
    const content: ComposerContent = typeof body === 'string' ? { body: body.trim() } : body;
    const blank = !('attachment' in content || 'voice' in content || 'location' in content) && !echoBody(content).trim();
    if (blank || !this.conversationView) {
      if (file) URL.revokeObjectURL(file.localUrl);
      return false;
    }
    this.notifier.stop();
    this.timeline.echo(echoBody(content), clientMessageId, { content, file });
    this.scroller.appended(1, true);
    return this.deliver(clientMessageId, content);
  }

  /** Sends a failed message again, with the same client message id. */
  async retry(clientMessageId: string): Promise<boolean> {
    const echo = this.timeline.echoOf(clientMessageId);
    if (!echo || echo.state !== 'failed') return false;
    this.timeline.echo(echo.body, clientMessageId, { content: echo.content, file: echo.file });
    this.requestUpdate();
    return this.deliver(clientMessageId, echo.content);
  }

  /** Scrolls to the newest entry. */
  scrollToBottom(): void {
    this.scroller.scrollToBottom();
  }

  // ---- loading and live updates ----

  /** Loads the conversation and its newest page, then follows the feed from before both reads. */
  private async load({ sameConversation = false } = {}): Promise<void> {
    const ticket = ++this.loadTicket;
    this.live.stop();
    clearTimeout(this.readTimer);
    this.conversationView = null;
    this.removed = false;
    this.tombstone = -1;
    this.transferredTo = null;
    this.loadError = '';
    this.error = '';
    this.hasOlder = false;
    this.loadingOlder = false;
    this.readSent = 0;
    // Sends in flight and drafts belong to the conversation.
    this.timeline.reset([], { clearEchoes: !sameConversation });
    if (!sameConversation) {
      // A dialog asked for in the last conversation does not open in this one.
      this.lazyParts.forEach((part) => part.dismiss());
      this.draft = '';
      this.tagDraft = '';
      // Files being attached belong to the conversation they were uploaded to.
      this.composer?.reset();
    }
    this.typing.clearAll();
    this.notifier.reset();
    this.scroller.reset();
    const { client, session, conversationId } = this;
    if (!client || !session || !conversationId) {
      this.loading = false;
      return;
    }
    this.loading = true;
    // The timeline waits for the conversation: its cards' code comes meanwhile.
    this.cards.preload();
    void this.loadDirectory(client, ticket);
    try {
      // Taken before the reads: every change after them comes through the feed (duplicates are ignored).
      const lastEventId = await client.events.position.query();
      const [conversation, page] = await Promise.all([
        client.conversations.get.query({ conversationId }),
        client.conversations.messages.query({ conversationId, limit: PAGE_SIZE }),
      ]);
      if (ticket !== this.loadTicket) return;
      this.conversationView = conversation;
      this.timeline.add(page);
      this.hasOlder = page.length === PAGE_SIZE && (page[0]?.seq ?? 1) > 1;
      this.scroller.scrollToBottom();
      this.live.follow(lastEventId);
      this.scheduleMarkRead();
    } catch (err) {
      if (ticket !== this.loadTicket) return;
      this.loadError = errorCode(err) === 'NOT_FOUND' ? this.localize.term('windowNotFound') : errorText(err);
    } finally {
      if (ticket === this.loadTicket) this.loading = false;
    }
  }

  /** Agents (names, assignee select) and departments; the window works without them. */
  private async loadDirectory(client: DeskClient, ticket: number): Promise<void> {
    const [agents, departments] = await Promise.allSettled([client.agents.list.query(), client.departments.list.query()]);
    if (ticket !== this.loadTicket) return;
    if (agents.status === 'fulfilled') this.agents = new Map(agents.value.map((agent) => [agent.id, agent]));
    if (departments.status === 'fulfilled') this.departments = departments.value;
  }

  private async loadOlder(): Promise<void> {
    const { client, conversationView: conversation } = this;
    if (!client || !conversation || !this.hasOlder || this.loadingOlder) return;
    const ticket = this.loadTicket;
    this.loadingOlder = true;
    try {
      const page = await client.conversations.messages.query({
        conversationId: conversation.id,
        beforeSeq: this.timeline.lowestSeq,
        limit: PAGE_SIZE,
      });
      if (ticket !== this.loadTicket) return;
      this.scroller.keepPosition();
      this.timeline.add(page);
      this.hasOlder = page.length === PAGE_SIZE && (page[0]?.seq ?? 1) > 1;
      this.requestUpdate();
    } catch (err) {
      if (ticket === this.loadTicket) this.error = errorText(err);
    } finally {
      if (ticket === this.loadTicket) this.loadingOlder = false;
    }
  }

  private handleLiveEvent(event: AgentLiveEvent): void {
    switch (event.type) {
      case 'conversation':
        this.applyConversation(event.conversation);
        break;
      case 'removed':
        if (event.conversationId === this.conversationId) this.applyRemoved(event.revision);
        break;
      case 'message':
        if (event.message.conversationId === this.conversationId) this.applyMessages([event.message]);
        break;
      case 'typing':
        if (event.conversationId === this.conversationId) this.typing.update(event.author, event.typing);
        break;
    }
  }

  /** Whether the agent may still see the conversation (the server's rule), for views that come from our own actions. */
  private canSee(view: ConversationView): boolean {
    const agent = this.session?.agent;
    if (!agent) return false;
    if (this.isSupervisor || view.assigneeId === agent.id) return true;
    return isQueued(view) && (view.departmentId === null || agent.departmentIds.includes(view.departmentId));
  }

  /** Applies the answer of one of our own actions: the conversation may have left us with it. */
  private applyResult(view: ConversationView): void {
    if (view.id !== this.conversationId) return;
    if (this.canSee(view)) this.applyConversation(view);
    else this.applyRemoved(view.revision);
  }

  /** Keeps the newest view, by revision. */
  private applyConversation(view: ConversationView): void {
    if (view.id !== this.conversationId || view.revision <= this.tombstone) return;
    const current = this.conversationView;
    if (current && view.revision <= current.revision) return;
    if (this.removed) {
      // It came back (e.g. transferred back): what happened meanwhile was never sent to us.
      void this.load({ sameConversation: true });
      return;
    }
    this.conversationView = view;
    this.scheduleMarkRead();
  }

  private applyRemoved(revision: number): void {
    if (revision < (this.conversationView?.revision ?? 0)) return;
    this.tombstone = Math.max(this.tombstone, revision);
    this.removed = true;
    this.typing.clearAll();
    this.notifier.reset();
    // Nothing left to do in them: the server would refuse.
    this.transferDialog.value?.close();
    this.closeDialog.value?.close();
    this.channels.closeDialogs();
    this.payments.close();
  }

  private applyMessages(messages: MessageView[]): void {
    const added = this.timeline.add(messages);
    // A stored message changed (a delivery receipt): show its new state.
    if (this.timeline.replaced) this.requestUpdate();
    if (!added.length) return;
    for (const message of added) {
      if (message.kind !== 'event' && message.author.kind !== 'system' && message.author.id) {
        this.typing.clear({ kind: message.author.kind, id: message.author.id });
      }
    }
    // The agent's own messages were shown (and scrolled to) as echoes already.
    const own = added.filter((m) => m.author.kind === 'agent' && m.author.id === this.session?.agent.id).length;
    this.scroller.appended(added.length - own);
    this.scheduleMarkRead();
  }

  // ---- read state ----

  private readonly handleVisibility = () => this.scheduleMarkRead();

  private scheduleMarkRead(): void {
    clearTimeout(this.readTimer);
    this.readTimer = setTimeout(() => void this.markRead(), 300);
  }

  /** Marks read what the agent sees: only the assignee's reads count, and only forwards. */
  private async markRead(): Promise<void> {
    const { client, conversationView: c } = this;
    if (!client || !c || this.removed || c.assigneeId !== this.session?.agent.id) return;
    if (document.visibilityState !== 'visible' || !this.scroller.visible || !this.scroller.atBottom) return;
    const seq = this.timeline.highestCustomerVisibleSeq();
    if (seq <= c.read.agent || seq <= this.readSent) return;
    this.readSent = seq;
    try {
      this.applyConversation(await client.conversations.markRead.mutate({ conversationId: c.id, seq }));
    } catch {
      // Try again on the next occasion.
      this.readSent = 0;
    }
  }

  // ---- actions ----

  private get me(): string | undefined {
    return this.session?.agent.id;
  }

  private get isSupervisor(): boolean {
    return this.session?.agent.permissions.includes('conversations:supervise') ?? false;
  }

  /** The assignee or a supervisor. */
  private get handles(): boolean {
    const c = this.conversationView;
    return Boolean(c && (c.assigneeId === this.me || this.isSupervisor));
  }

  /** A supervisor watching a live conversation someone else handles (their reads do not count for the assignee). */
  private get monitoring(): boolean {
    const c = this.conversationView;
    return Boolean(c && !this.removed && this.isSupervisor && c.assigneeId && c.assigneeId !== this.me && c.status !== 'closed');
  }

  /** May change the conversation (tags, close, convert, ticket fields): unassigned, or handling it. */
  private get mayAct(): boolean {
    const c = this.conversationView;
    return Boolean(c && !this.removed && (!c.assigneeId || this.handles));
  }

  /** The customer message to suggest replies to: the newest message, if the customer's and the agent can reply. */
  private get suggestionTarget(): SuggestionTarget | null {
    const c = this.conversationView;
    if (!c || this.replyBlock) return null;
    const messages = this.timeline.messages;
    for (let i = messages.length - 1; i >= 0; i--) {
      const m = messages[i]!;
      if (m.kind === 'event' || m.author.kind === 'system') continue;
      return m.author.kind === 'customer' ? { conversationId: c.id, seq: m.seq } : null;
    }
    return null;
  }

  /** Why the agent cannot reply, or `null` if they can. */
  private get replyBlock(): ReplyBlock | null {
    const c = this.conversationView;
    if (this.removed) return 'removed';
    if (!c) return null;
    if (isQueued(c)) return 'pending';
    if (c.status === 'closed') return 'closed';
    if (!this.handles) return 'not-assignee';
    if (this.channels.whatsappClosed) return 'whatsapp-window';
    return null;
  }

  private async deliver(clientMessageId: string, content: ComposerContent): Promise<boolean> {
    const { client, conversationId } = this;
    if (!client) return false;
    try {
      const result = await client.conversations.reply.mutate({ conversationId, clientMessageId, ...content });
      if (conversationId === this.conversationId) {
        this.applyMessages([result.message]);
        this.applyResult(result.conversation);
      }
      this.emit('desk-message-send', { conversationId, clientMessageId });
      return true;
    } catch (err) {
      if (conversationId === this.conversationId) {
        this.timeline.fail(clientMessageId, errorText(err));
        this.requestUpdate();
      }
      return false;
    }
  }

  /** Runs one action on the conversation; its error shows in the alert. */
  private async run(name: string, action: (client: DeskClient, conversationId: string) => Promise<ConversationView | void>) {
    const { client, conversationView } = this;
    if (!client || !conversationView || this.running.has(name)) return;
    this.running = new Set([...this.running, name]);
    this.error = '';
    try {
      const view = await action(client, conversationView.id);
      if (view) this.applyResult(view);
    } catch (err) {
      this.error = errorText(err);
    } finally {
      const running = new Set(this.running);
      running.delete(name);
      this.running = running;
    }
  }

  private readonly handleAccept = () => this.run('accept', (client, conversationId) => client.conversations.accept.mutate({ conversationId }));

  private readonly handleReopen = () => this.run('reopen', (client, conversationId) => client.conversations.reopen.mutate({ conversationId }));

  private readonly handleConvert = () =>
    this.run('convert', (client, conversationId) =>
      client.conversations.convert.mutate({ conversationId, to: this.conversationView?.kind === 'ticket' ? 'chat' : 'ticket' }),
    );

  /** The menu button's clicks and keys go to the menu (loaded by then: pointing at or focusing the button loads it). */
  private readonly handleMore = (event: Event) => void this.moreMenu.use((menu) => menu.handleButton(event));

  private readonly handleTransferOpen = () => void this.transferDialog.use((dialog) => dialog.show());

  private readonly handleCloseOpen = () => void this.closeDialog.use((dialog) => dialog.show());

  private async transfer(to: TransferTarget, note: string | undefined, targetName: string): Promise<void> {
    const { client, conversationId } = this;
    if (!client) return;
    const view = await client.conversations.transfer.mutate({ conversationId, to, ...(note ? { note } : {}) });
    if ('agentId' in to) this.transferredTo = targetName;
    this.applyResult(view);
    this.requestUpdate();
    this.emit('desk-conversation-transfer', { conversationId, to });
  }

  private async close(reason: string | undefined): Promise<void> {
    const { client, conversationId } = this;
    if (!client) return;
    this.notifier.stop();
    const view = await client.conversations.close.mutate({ conversationId, ...(reason ? { reason } : {}) });
    this.applyResult(view);
    this.emit('desk-conversation-close', { conversationId });
  }

  private readonly handleTagAdd = (tag: string) =>
    this.run(`tag:${tag}`, async (client, conversationId) => {
      const view = await client.conversations.tag.mutate({ conversationId, add: [tag] });
      this.tagDraft = '';
      return view;
    });

  private readonly handleTagFocus = () => {
    const client = this.client;
    client?.settings.get
      .query()
      .then((settings) => {
        if (client === this.client) this.suggestedTags = settings.tags;
      })
      // Without suggestions any tag can still be typed.
      .catch(() => undefined);
  };

  private readonly handleTagRemove = (tag: string) =>
    this.run(`tag:${tag}`, (client, conversationId) => client.conversations.tag.mutate({ conversationId, remove: [tag] }));

  private readonly handleTicketChange = (changes: TicketChanges) =>
    this.run(`ticket:${Object.keys(changes).join()}`, (client, conversationId) => client.conversations.updateTicket.mutate({ conversationId, ...changes }));

  // ---- composer ----

  /** The draft is kept here (not reactive: a keystroke must not re-render the timeline). */
  private readonly handleDraft = (event: DeskComposerInputEvent) => {
    this.draft = event.detail.value;
    if (this.draft.trim()) this.notifier.typed();
    else this.notifier.stop();
  };

  private readonly handleComposerSend = (event: DeskComposerSendEvent) => {
    const { content, clientMessageId, file } = event.detail;
    if (this.replyBlock) {
      if (file) URL.revokeObjectURL(file.localUrl);
      return;
    }
    void this.send(content, clientMessageId, file);
  };

  private readonly handleRetry = (clientMessageId: string) => void this.retry(clientMessageId);

  private readonly handleWantCards = () => (this.cardsWanted = true);

  private readonly handlePill = () => {
    this.scroller.scrollToBottom();
    this.shadowRoot?.querySelector<HTMLElement>('[part~=timeline]')?.focus();
  };

  // ---- rendering ----

  protected override render() {
    if (!this.session) return html`<p part="notice" role="status">${this.localize.term('windowSignIn')}</p>`;
    if (!this.conversationId) return html`<p part="notice" role="status">${this.localize.term('windowChooseConversation')}</p>`;
    const c = this.conversationView;
    if (!c) {
      return html`<div part="base" aria-busy=${this.loading ? 'true' : 'false'}>
        ${this.loadError
          ? html`<p part="error" role="alert">${this.loadError}</p>`
          : html`<p part="notice" role="status">${this.localize.term('loading')}</p>`}
      </div>`;
    }
    const block = this.replyBlock;
    return html`
      <div part="base">
        ${this.renderHeader(c)}
        ${this.removed ? html`<p part="notice" role="status" class="removed">${this.localize.term('windowRemoved', this.transferredTo)}</p>` : nothing}
        ${this.monitoring
          ? html`<p part="notice monitoring" role="status">
              ${this.localize.term('windowMonitoring', this.agents.get(c.assigneeId!)?.name ?? '…')}
            </p>`
          : nothing}
        ${this.feed?.status === 'error'
          ? html`<p part="error" role="alert">
              ${this.localize.term('windowConnectionLost')}
              <button type="button" @click=${() => void this.load({ sameConversation: true })}>${this.localize.term('windowReload')}</button>
            </p>`
          : nothing}
        ${this.error ? html`<p part="error" role="alert">${this.localize.term('errorPrefix')} ${this.error}</p>` : nothing}
        ${this.renderLoadFailure()}
        <div class="details">
          ${renderTags({
            tags: c.tags,
            editable: this.mayAct,
            draft: this.tagDraft,
            suggestions: this.suggestedTags,
            localize: this.localize,
            onFocus: this.handleTagFocus,
            onDraft: (value) => (this.tagDraft = value),
            onAdd: this.handleTagAdd,
            onRemove: this.handleTagRemove,
          })}
          ${c.kind === 'ticket'
            ? this.renderTicketFields({
                conversation: c,
                agents: [...this.agents.values()],
                canAssign: this.isSupervisor,
                editable: this.mayAct && c.status !== 'closed',
                localize: this.localize,
                onChange: this.handleTicketChange,
              })
            : nothing}
          ${this.filter.render()}
        </div>
        ${this.renderTimeline(c)}
        ${this.renderTyping()} ${this.channels.renderNotice({ canReply: block === 'whatsapp-window' })} ${this.suggestions.value?.render() ?? nothing}
        ${this.renderComposer(block)}
      </div>
      ${this.transferDialog.value?.render() ?? nothing} ${this.closeDialog.value?.render() ?? nothing} ${this.channels.renderDialogs()}
      ${this.payments.renderDialog()} ${this.verification.render()}
    `;
  }

  /** The parts that load on first use. */
  private get lazyParts(): LazyPart[] {
    return [this.cards, this.transferDialog, this.closeDialog, ...this.channels.lazyParts, this.payments.dialog, this.verification.dialog, this.suggestions, this.ticketFields, this.moreMenu];
  }

  /** A ticket's fields once their code is in (their box busy until then). */
  private renderTicketFields(options: Parameters<typeof renderTicketFields>[0]) {
    const render = this.ticketFields.value;
    return render ? render(options) : html`<div class="ticket-fields-loading" aria-busy="true"></div>`;
  }

  /** A part the agent asked for that could not load, with a Retry. */
  private renderLoadFailure() {
    const failed = this.lazyParts.find((part) => part.failure);
    if (!failed) return nothing;
    return html`<p part="error load-error" role="alert">
      ${this.localize.term('partLoadFailed')}
      <button type="button" data-action="retry-load" @click=${failed.retry}>${this.localize.term('partLoadRetry')}</button>
    </p>`;
  }

  private renderHeader(c: ConversationView) {
    const t = this.localize;
    const assignee = c.assigneeId ? (this.agents.get(c.assigneeId)?.name ?? '…') : t.term('windowUnassigned');
    const department = c.departmentId ? (this.departments.find((d) => d.id === c.departmentId)?.name ?? '…') : t.term('windowNoDepartment');
    const field = (name: string, label: string, value: string) =>
      html`<div><dt>${label}</dt><dd data-field=${name}>${value}</dd></div>`;
    return html`
      <header part="header">
        <div class="who">
          <h2 class="customer">${c.customer.name}</h2>
          ${this.verification.renderBadge(c)}
        </div>
        <dl class="facts">
          ${field('status', t.term('windowStatusLabel'), t.term('windowStatusName', c.status))}
          ${field('kind', t.term('windowKindLabel'), t.term('windowKindName', c.kind))}
          ${field('priority', t.term('windowPriorityLabel'), t.term('windowPriorityName', c.priority))}
          ${field('assignee', t.term('windowAssigneeLabel'), assignee)}
          ${field('department', t.term('windowDepartmentLabel'), department)}
        </dl>
        ${this.renderActions(c)}
      </header>
    `;
  }

  private renderActions(c: ConversationView) {
    if (this.removed) return nothing;
    const t = this.localize;
    // Buttons that open a dialog stay usable; the others wait for the running action.
    // A dialog that has not loaded yet: its button is busy until it opens.
    // Below 66rem the main ones stay and "More actions" offers the others.
    const button = (name: string, label: string, handler: () => void, primary = false, dialog?: LazyPart, main = primary) => html`
      <button
        type="button"
        data-action=${name}
        class="${primary ? 'primary' : ''} ${main ? 'main' : ''}"
        aria-haspopup=${dialog ? 'dialog' : nothing}
        aria-disabled=${this.running.has(name) && !dialog ? 'true' : 'false'}
        aria-busy=${this.running.has(name) || dialog?.pending ? 'true' : 'false'}
        ${dialog ? preloads(dialog) : nothing}
        @click=${handler}
      >
        ${label}
      </button>
    `;
    // A queued chat: whoever sees it may move it to another queue (supervisors may also hand it to an agent).
    const transferable = isQueued(c) || (c.assigneeId !== null && (c.status === 'open' || c.status === 'on-hold' || c.status === 'pending') && this.handles);
    const closable = c.status !== 'closed' && this.mayAct;
    return html`
      <div part="actions" role="group" aria-label=${t.term('windowActions')}>
        ${isQueued(c) ? button('accept', t.term('windowAccept'), this.handleAccept, true) : nothing}
        ${transferable ? button('transfer', t.term(this.monitoring ? 'windowReassign' : 'windowTransfer'), this.handleTransferOpen, false, this.transferDialog, true) : nothing}
        ${closable ? button('convert', t.term('windowConvert', c.kind === 'ticket' ? 'chat' : 'ticket'), this.handleConvert) : nothing}
        ${closable ? button('close', t.term('windowClose'), this.handleCloseOpen, false, this.closeDialog, true) : nothing}
        ${c.status === 'closed' ? button('reopen', t.term('windowReopen'), this.handleReopen, false, undefined, true) : nothing}
        ${this.channels.renderActions({ canReply: (this.replyBlock ?? 'whatsapp-window') === 'whatsapp-window', handles: this.handles })}
        ${this.verification.renderAction(c)}
        ${this.payments.renderAction({ handles: this.handles })}
        ${this.transcript.renderAction(c)}
        <span class="more">
          <button
            type="button"
            part="more-button"
            aria-haspopup="menu"
            aria-label=${t.term('windowMore')}
            title=${t.term('windowMore')}
            aria-expanded=${this.moreMenu.value?.open ? 'true' : 'false'}
            aria-controls="more-menu"
            aria-busy=${this.moreMenu.pending ? 'true' : 'false'}
            ${preloads(this.moreMenu)}
            @click=${this.handleMore}
            @keydown=${this.handleMore}
          >
            <span aria-hidden="true">⋯</span>
          </button>
          ${this.moreMenu.value?.render() ?? nothing}
        </span>
      </div>
    `;
  }

  private renderTimeline(c: ConversationView) {
    const unseen = this.scroller.unseen;
    return html`
      <div class="timeline-wrap">
        ${this.loadingOlder ? html`<p class="older" role="status">${this.localize.term('windowLoadingOlder')}</p>` : nothing}
        <div
          part="timeline"
          role="log"
          aria-live="polite"
          aria-label=${this.localize.term('windowTimeline', c.customer.name)}
          tabindex="0"
        >
          ${renderEntries({
            timeline: this.timeline,
            seenSeq: this.timeline.seenSeq(c.read.customer),
            selfName: this.session?.agent.name ?? '',
            conversationId: c.id,
            lang: langOf(this),
            localize: this.localize,
            onRetry: this.handleRetry,
            cards: this.cards.value,
            wantCards: this.handleWantCards,
            shows: this.filter.shows,
            showsMessages: !this.hiddenEntries.includes('messages'),
          })}
        </div>
        ${unseen
          ? html`<button type="button" part="new-messages" @click=${this.handlePill}>
              <span aria-hidden="true">↓</span> ${this.localize.term('windowNewMessages', unseen)}
            </button>`
          : nothing}
      </div>
    `;
  }

  private renderTyping() {
    const names = this.typing.names;
    return html`<div part="typing">${names.length ? this.localize.term('windowTyping', names) : nothing}</div>`;
  }

  private renderComposer(block: ReplyBlock | null) {
    const t = this.localize;
    return html`
      <message-composer
        part="composer"
        exportparts="input, send, toolbar, tool, uploads, upload, progress, recorder, panel, emoji-picker, suggestions, suggestion, hint, error: composer-error, drop-zone"
        .value=${live(this.draft)}
        .disabled=${block !== null}
        .hint=${block ? t.term('windowCannotReply', block) : ''}
        .label=${t.term('windowMessage')}
        .placeholder=${t.term('windowPlaceholder')}
        .sendLabel=${t.term('windowSend')}
        .tools=${this.channels.composerTools(this.composerTools)}
        .uploader=${this.server ? this.uploader : undefined}
        .emojiDataSource=${this.server ? emojiDataSource(this.server) : ''}
        .slashCommands=${this.canned.source}
        .resolveSlashCommand=${this.canned.resolve}
        @desk-composer-input=${this.handleDraft}
        @desk-composer-send=${this.handleComposerSend}
      ></message-composer>
    `;
  }
}
