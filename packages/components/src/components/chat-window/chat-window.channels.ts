/**
 * @license MIT
 * The chat window's phone-channel tools: the "Template…" action and dialog and the
 * 24-hour notice on WhatsApp conversations, the "Send SMS…" action and dialog, and which
 * composer tools a text-only SMS/WhatsApp account leaves. The two dialogs load on first use.
 */
import { html, nothing, type ReactiveController, type ReactiveControllerHost } from 'lit';
import type { ConversationView, DeskClient, MessageView } from '@deskkit/client';
import type { LocalizeController } from '../../utilities/localize.js';
import type { CommonTerms } from '../../translations/en/common.js';
import type { WindowTerms } from '../../translations/en/chat-window.js';
import type { WindowDialogTerms } from '../../translations/en/chat-window-dialogs.js';
import { LazyController, preloads, type LazyPart } from '../../controllers/lazy-controller.js';
import type { SmsDialog } from './chat-window.sms.js';
import type { TemplateDialog, TemplateSend } from '../../internal/template-dialog.js';
import { renderWindowNotice, WhatsAppWindow, windowClosesAt } from './chat-window.whatsapp.js';

export interface ChannelToolsOptions {
  client(): DeskClient | undefined;
  conversation(): ConversationView | null;
  localize: LocalizeController<keyof CommonTerms | keyof WindowTerms>;
  /** The same with the dialogs' terms, which load with the first dialog. */
  dialogLocalize(): Promise<LocalizeController<keyof CommonTerms | keyof WindowTerms | keyof WindowDialogTerms>>;
  lang(): string;
  /** A send was stored: show it (the message and the conversation as the server answered). */
  sent(result: { message: MessageView; conversation: ConversationView }): void;
}

type Host = ReactiveControllerHost & HTMLElement;

export class ChannelTools implements ReactiveController {
  private readonly window: WhatsAppWindow;
  private readonly templateDialog: LazyController<TemplateDialog>;
  private readonly smsDialog: LazyController<SmsDialog>;
  /** The desk's enabled phone channels (`null`: not known, e.g. an older server). */
  private available: Array<{ channel: string; media: boolean }> | null = null;
  private checked: { client?: DeskClient; conversationId?: string } = {};

  constructor(
    private readonly host: Host,
    private readonly options: ChannelToolsOptions,
  ) {
    host.addController(this);
    this.window = new WhatsAppWindow(host, options.conversation);
    this.templateDialog = new LazyController(host, {
      load: async () =>
        new (await import('../../internal/template-dialog.js')).TemplateDialog(host, {
          client: options.client,
          localize: await options.dialogLocalize(),
          send: (client, input) => this.sendTemplate(client, input),
          fallbackFocus: () => host.shadowRoot?.querySelector<HTMLElement>('[part~=timeline]'),
        }),
    });
    this.smsDialog = new LazyController(host, {
      load: async () => new (await import('./chat-window.sms.js')).SmsDialog(host, { ...options, localize: await options.dialogLocalize() }),
    });
  }

  /** Asks which channels the desk has, again for each conversation (an admin may have set one up). */
  hostUpdated(): void {
    const client = this.options.client();
    const conversationId = this.options.conversation()?.id;
    if (!client || !conversationId || (client === this.checked.client && conversationId === this.checked.conversationId)) return;
    this.checked = { client, conversationId };
    client.channels.available
      .query()
      .then((channels) => channels.map(({ channel, media }) => ({ channel, media })))
      .catch(() => null)
      .then((available) => {
        if (this.checked.client !== client || JSON.stringify(available) === JSON.stringify(this.available)) return;
        this.available = available;
        this.host.requestUpdate();
      });
  }

  /** Into the conversation, shown in the timeline once stored. */
  private async sendTemplate(client: DeskClient, input: TemplateSend): Promise<void> {
    const c = this.options.conversation();
    if (!c) throw new Error('no conversation');
    this.options.sent(await client.templates.send.mutate({ conversationId: c.id, ...input }));
  }

  /** Whether the desk has an SMS channel (`null`: not known): no point offering SMS otherwise. */
  private get smsAvailable(): boolean | null {
    return this.available && this.available.some((c) => c.channel === 'sms');
  }

  /**
   * The composer tools to offer in this conversation: on an SMS/WhatsApp account that
   * sends text only, files and voice are left out (the server would refuse them).
   */
  composerTools(tools: string): string {
    const channel = this.options.conversation()?.channel;
    const account = this.available?.find((c) => c.channel === channel);
    if (!account || account.media) return tools;
    return tools
      .split(/\s+/)
      .filter((tool) => tool && tool !== 'attach' && tool !== 'voice')
      .join(' ');
  }

  /** A WhatsApp conversation outside its 24 hours: only templates may go out. */
  get whatsappClosed(): boolean {
    return this.window.closed;
  }

  openTemplate(): void {
    void this.templateDialog.use((dialog) => dialog.show());
  }

  openSms(): void {
    void this.smsDialog.use((dialog) => dialog.show());
  }

  closeDialogs(): void {
    this.templateDialog.value?.close();
    this.smsDialog.value?.close();
  }

  /** The dialogs that load on first use (for their pending state and load errors). */
  get lazyParts(): LazyPart[] {
    return [this.templateDialog, this.smsDialog];
  }

  private readonly handleTemplate = () => this.openTemplate();
  private readonly handleSms = () => this.openSms();

  /**
   * The actions for the header: Template… on WhatsApp conversations the agent can reply in
   * (highlighted when it is the only way to write), Send SMS… wherever the agent handles it
   * (when the desk has an SMS channel; the server says what else is missing, e.g. a phone number).
   */
  renderActions(o: { canReply: boolean; handles: boolean }) {
    const c = this.options.conversation();
    if (!c) return nothing;
    const t = this.options.localize;
    const button = (name: string, label: string, handler: () => void, primary: boolean, part: LazyPart) => html`
      <button
        type="button"
        data-action=${name}
        class=${primary ? 'primary' : ''}
        aria-haspopup="dialog"
        aria-disabled="false"
        aria-busy=${part.pending ? 'true' : 'false'}
        ${preloads(part)}
        @click=${handler}
      >
        ${label}
      </button>
    `;
    return html`
      ${c.channel === 'whatsapp' && o.canReply
        ? button('template', t.term('windowTemplateAction'), this.handleTemplate, this.whatsappClosed, this.templateDialog)
        : nothing}
      ${o.handles && this.smsAvailable !== false ? button('sms', t.term('windowSmsAction'), this.handleSms, false, this.smsDialog) : nothing}
    `;
  }

  /** The notice above the composer while free-form WhatsApp replies are closed. */
  renderNotice(o: { canReply: boolean }) {
    const c = this.options.conversation();
    if (!c || !this.whatsappClosed) return nothing;
    return renderWindowNotice({
      closedSince: windowClosesAt(c) ?? 0,
      localize: this.options.localize,
      lang: this.options.lang(),
      onTemplate: o.canReply ? this.handleTemplate : undefined,
      dialog: this.templateDialog,
    });
  }

  renderDialogs() {
    return html`${this.templateDialog.value?.render() ?? nothing} ${this.smsDialog.value?.render() ?? nothing}`;
  }
}
