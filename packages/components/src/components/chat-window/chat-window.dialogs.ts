/**
 * @license MIT
 * The chat window's transfer and close dialogs (loaded on first use).
 */
import { css, html, nothing, type ReactiveControllerHost } from 'lit';
import { live } from 'lit/directives/live.js';
import { ref } from 'lit/directives/ref.js';
import type { AgentProfile, ConversationView, DepartmentView, DeskClient, PresenceEntry } from '@deskkit/client';
import { FeedController } from '../../controllers/feed-controller.js';
import type { DeskFeed } from '../../internal/desk-feed.js';
import { addStyles } from '../../internal/adopt-styles.js';
import type { LocalizeController } from '../../utilities/localize.js';
import type { CommonTerms } from '../../translations/en/common.js';
import type { WindowTerms } from '../../translations/en/chat-window.js';
import type { WindowDialogTerms } from '../../translations/en/chat-window-dialogs.js';
import { errorCode, errorText } from './chat-window.format.js';
import { ModalDialog } from './chat-window.modal.js';

type Host = ReactiveControllerHost & HTMLElement;

const transferStyles = css`
  .choice {
    display: flex;
    align-items: center;
    gap: 0.375rem;
  }
`;

export type TransferTarget = { agentId: string } | { departmentId: string };

export interface TransferDialogOptions {
  client(): DeskClient | undefined;
  /** The provider's live stream: presence changes keep the list of agents current while the dialog is open. */
  feed(): DeskFeed | undefined;
  conversation(): ConversationView | null;
  /** Whether the agent may choose an agent too (a queued chat: supervisors only), not only a department. */
  offersAgents(): boolean;
  /** The tenant's agents: a ticket may go to any active one. */
  agents(): readonly AgentProfile[];
  departments(): readonly DepartmentView[];
  localize: LocalizeController<keyof CommonTerms | keyof WindowTerms | keyof WindowDialogTerms>;
  /** Performs the transfer; throws the server's error (shown inline). */
  transfer(to: TransferTarget, note: string | undefined, targetName: string): Promise<void>;
}

/**
 * Transfer a chat to an Available, online agent (live from presence while open; never the
 * current assignee), a ticket to any active agent, or either back to a department's queue,
 * with an optional note. A queued chat moves to another department's queue, or
 * (supervisors) goes to an agent.
 */
export class TransferDialog extends ModalDialog {
  private agents = new Map<string, PresenceEntry>();
  private loadingAgents = false;
  private selection = '';
  private note = '';
  private ticket = 0;

  private readonly presence: FeedController;

  constructor(
    host: Host,
    private readonly options: TransferDialogOptions,
  ) {
    super(host);
    addStyles(host, [transferStyles]);
    this.presence = new FeedController(host, {
      feed: options.feed,
      onEvent: (event) => event.type === 'presence' && this.applyPresence(event.entry),
    });
  }

  /**
   * Agents the conversation can go to now (never its assignee): for a chat, those online and
   * Available (the server also checks their room); a ticket is async work, for any active agent.
   */
  get candidates(): Array<{ agentId: string; name: string }> {
    const c = this.options.conversation();
    if (!c || !this.options.offersAgents()) return [];
    const agents =
      c.kind === 'ticket'
        ? this.options.agents().flatMap((agent) => (agent.disabled ? [] : [{ agentId: agent.id, name: agent.name }]))
        : [...this.agents.values()].filter((agent) => agent.online && agent.status === 'available');
    return agents.filter((agent) => agent.agentId !== c.assigneeId).sort((a, b) => a.name.localeCompare(b.name));
  }

  protected override opened(): void {
    this.selection = '';
    this.note = '';
    // Presence tells which agents can take a chat now; a ticket's candidates need none.
    if (this.options.offersAgents() && this.options.conversation()?.kind !== 'ticket') void this.loadAgents();
  }

  protected override closed(): void {
    this.ticket++;
    this.presence.stop();
  }

  private async loadAgents(): Promise<void> {
    const client = this.options.client();
    if (!client) return;
    const ticket = ++this.ticket;
    this.presence.stop();
    this.loadingAgents = true;
    this.host.requestUpdate();
    try {
      const snapshot = await client.presence.list.query();
      if (ticket !== this.ticket) return;
      this.agents = new Map(snapshot.agents.map((entry) => [entry.agentId, entry]));
      this.presence.follow(snapshot.lastEventId);
    } catch (err) {
      if (ticket === this.ticket) this.error = errorText(err);
    } finally {
      if (ticket === this.ticket) this.loadingAgents = false;
      this.host.requestUpdate();
    }
  }

  private applyPresence(entry: PresenceEntry): void {
    const agents = new Map(this.agents);
    if (entry.online) agents.set(entry.agentId, entry);
    else agents.delete(entry.agentId);
    this.agents = agents;
    // The chosen agent went away: make the agent choose again.
    if (this.selection === `agent:${entry.agentId}` && !this.candidates.some((a) => a.agentId === entry.agentId)) this.selection = '';
  }

  private target(): { to: TransferTarget; name: string } | null {
    const [kind, id] = this.selection.split(':') as [string, string | undefined];
    if (!id) return null;
    if (kind === 'agent') return { to: { agentId: id }, name: this.candidates.find((agent) => agent.agentId === id)?.name ?? '' };
    const department = this.options.departments().find((d) => d.id === id);
    return department ? { to: { departmentId: id }, name: department.name } : null;
  }

  private readonly handleSubmit = (event: SubmitEvent) => {
    event.preventDefault();
    const target = this.target();
    if (!target) return;
    const note = this.note.trim() || undefined;
    void this.submit(
      () => this.options.transfer(target.to, note, target.name),
      // Someone changed their status meanwhile: show the list as it is now.
      (err) => {
        if (errorCode(err) === 'CONFLICT') void this.loadAgents();
      },
    );
  };

  private readonly handleSelect = (event: Event) => {
    this.selection = (event.target as HTMLInputElement).value;
    this.host.requestUpdate();
  };

  private readonly handleNote = (event: Event) => {
    this.note = (event.target as HTMLTextAreaElement).value;
  };

  private readonly handleCancel = () => this.close();

  render() {
    const { localize } = this.options;
    const candidates = this.candidates;
    const departments = this.options.departments();
    const radio = (value: string, label: string, data: { agent?: string; department?: string }) => html`
      <label class="choice">
        <input
          type="radio"
          name="transfer-target"
          .value=${value}
          .checked=${live(this.selection === value)}
          data-agent-id=${data.agent ?? nothing}
          data-department-id=${data.department ?? nothing}
          @change=${this.handleSelect}
        />
        <span>${label}</span>
      </label>
    `;
    return html`
      <dialog part="dialog" class="transfer" aria-labelledby="transfer-title" ${ref(this.bind)} @close=${this.handleClose}>
        <form @submit=${this.handleSubmit}>
          <h2 id="transfer-title">${localize.term('windowTransferTitle')}</h2>
          ${this.options.offersAgents()
            ? html`<fieldset>
                <legend>${localize.term('windowTransferAgents')}</legend>
                ${this.loadingAgents && candidates.length === 0
                  ? html`<p class="hint">${localize.term('loading')}</p>`
                  : candidates.length === 0
                    ? html`<p class="hint">${localize.term('windowTransferNoAgents')}</p>`
                    : candidates.map((agent) => radio(`agent:${agent.agentId}`, agent.name, { agent: agent.agentId }))}
              </fieldset>`
            : nothing}
          <fieldset>
            <legend>${localize.term('windowTransferDepartments')}</legend>
            ${departments.map((d) => radio(`department:${d.id}`, d.name, { department: d.id }))}
          </fieldset>
          <label for="transfer-note">${localize.term('windowTransferNote')}</label>
          <textarea id="transfer-note" rows="2" maxlength="1000" .value=${live(this.note)} @input=${this.handleNote}></textarea>
          ${this.error ? html`<p part="error" role="alert">${this.error}</p>` : nothing}
          <div class="dialog-actions">
            <button type="button" @click=${this.handleCancel}>${localize.term('windowCancel')}</button>
            <button type="submit" class="primary" ?disabled=${!this.selection || this.busy}>${localize.term('windowTransferConfirm')}</button>
          </div>
        </form>
      </dialog>
    `;
  }
}

export interface CloseDialogOptions {
  localize: LocalizeController<keyof CommonTerms | keyof WindowTerms | keyof WindowDialogTerms>;
  /** Closes the conversation; throws the server's error (shown inline). */
  closeConversation(reason: string | undefined): Promise<void>;
}

/** Close with an optional reason ("resolved", "duplicate", …). */
export class CloseDialog extends ModalDialog {
  private reason = '';

  constructor(
    host: Host,
    private readonly options: CloseDialogOptions,
  ) {
    super(host);
  }

  protected override opened(): void {
    this.reason = '';
  }

  private readonly handleSubmit = (event: SubmitEvent) => {
    event.preventDefault();
    const reason = this.reason.trim() || undefined;
    void this.submit(() => this.options.closeConversation(reason));
  };

  private readonly handleReason = (event: Event) => {
    this.reason = (event.target as HTMLInputElement).value;
  };

  private readonly handleCancel = () => this.close();

  render() {
    const { localize } = this.options;
    return html`
      <dialog part="dialog" class="close" aria-labelledby="close-title" ${ref(this.bind)} @close=${this.handleClose}>
        <form @submit=${this.handleSubmit}>
          <h2 id="close-title">${localize.term('windowCloseTitle')}</h2>
          <label for="close-reason">${localize.term('windowCloseReason')}</label>
          <input id="close-reason" type="text" maxlength="500" autocomplete="off" .value=${live(this.reason)} @input=${this.handleReason} />
          ${this.error ? html`<p part="error" role="alert">${this.error}</p>` : nothing}
          <div class="dialog-actions">
            <button type="button" @click=${this.handleCancel}>${localize.term('windowCancel')}</button>
            <button type="submit" class="primary" ?disabled=${this.busy}>${localize.term('windowCloseConfirm')}</button>
          </div>
        </form>
      </dialog>
    `;
  }
}
