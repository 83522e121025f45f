/**
 * @license MIT
 * The chat window's editable details: tag chips and the ticket fields.
 */
import { html, nothing } from 'lit';
import { live } from 'lit/directives/live.js';
import { repeat } from 'lit/directives/repeat.js';
import type { AgentProfile, ConversationView } from '@deskkit/client';
import type { LocalizeController } from '../../utilities/localize.js';
import type { WindowTerms } from '../../translations/en/chat-window.js';

export interface TicketChanges {
  status?: 'pending' | 'open' | 'on-hold' | 'solved';
  priority?: ConversationView['priority'];
  subject?: string;
  assigneeId?: string | null;
}

const ticketStatuses = ['pending', 'open', 'on-hold', 'solved'] as const;
const priorities = ['low', 'normal', 'high', 'urgent'] as const;

export interface TagsOptions {
  tags: readonly string[];
  /** May the agent change them. */
  editable: boolean;
  draft: string;
  /** The tenant's suggested tags (settings), offered as the input's options. */
  suggestions: readonly string[];
  localize: LocalizeController<keyof WindowTerms>;
  /** The input got focus: a chance to fetch fresh suggestions. */
  onFocus(): void;
  onDraft(value: string): void;
  onAdd(tag: string): void;
  onRemove(tag: string): void;
}

/** Tags as chips with remove buttons, and an input that adds one on Enter (the tenant's suggested tags as its options). */
export function renderTags(o: TagsOptions) {
  const handleKeydown = (event: KeyboardEvent) => {
    if (event.key !== 'Enter' || event.isComposing) return;
    event.preventDefault();
    const tag = (event.target as HTMLInputElement).value.trim();
    if (tag) o.onAdd(tag);
  };
  return html`
    <div part="tags" role="group" aria-label=${o.localize.term('windowTags')}>
      <ul class="chips">
        ${repeat(
          o.tags,
          (tag) => tag,
          (tag) => html`
            <li part="tag" data-tag=${tag}>
              <span>${tag}</span>
              ${o.editable
                ? html`<button type="button" class="remove" aria-label=${o.localize.term('windowRemoveTag', tag)} @click=${() => o.onRemove(tag)}>
                    <span aria-hidden="true">×</span>
                  </button>`
                : nothing}
            </li>
          `,
        )}
      </ul>
      ${o.editable
        ? html`<input
            class="tag-input"
            type="text"
            maxlength="40"
            autocomplete="off"
            aria-label=${o.localize.term('windowAddTag')}
            placeholder=${o.localize.term('windowAddTag')}
            list="tag-suggestions"
            .value=${live(o.draft)}
            @focus=${o.onFocus}
            @input=${(event: Event) => o.onDraft((event.target as HTMLInputElement).value)}
            @keydown=${handleKeydown}
          />
          <datalist id="tag-suggestions" part="tag-suggestions">
            ${o.suggestions.filter((tag) => !o.tags.includes(tag)).map((tag) => html`<option value=${tag}></option>`)}
          </datalist>`
        : nothing}
    </div>
  `;
}

export interface TicketFieldsOptions {
  conversation: ConversationView;
  /** Active agents, for the assignee select. */
  agents: readonly AgentProfile[];
  /** Supervisors (re)assign tickets. */
  canAssign: boolean;
  editable: boolean;
  localize: LocalizeController<keyof WindowTerms>;
  onChange(changes: TicketChanges): void;
}

/** Status, priority, subject and (for supervisors) assignee of a ticket; each change is sent at once. */
export function renderTicketFields(o: TicketFieldsOptions) {
  const { conversation: c, localize } = o;
  const disabled = !o.editable;
  const value = (event: Event) => (event.target as HTMLSelectElement | HTMLInputElement).value;
  const handleSubject = (event: Event) => {
    const subject = value(event).trim();
    if (subject && subject !== c.subject) o.onChange({ subject });
  };
  return html`
    <fieldset part="ticket-fields">
      <legend>${localize.term('windowTicket')}</legend>
      <label>
        <span>${localize.term('windowStatusLabel')}</span>
        <select name="status" .value=${live(c.status)} ?disabled=${disabled} @change=${(e: Event) => o.onChange({ status: value(e) as TicketChanges['status'] })}>
          ${c.status === 'closed' ? html`<option value="closed" selected>${localize.term('windowStatusName', 'closed')}</option>` : nothing}
          ${ticketStatuses.map(
            (status) => html`<option value=${status} ?selected=${c.status === status}>${localize.term('windowStatusName', status)}</option>`,
          )}
        </select>
      </label>
      <label>
        <span>${localize.term('windowPriorityLabel')}</span>
        <select name="priority" .value=${live(c.priority)} ?disabled=${disabled} @change=${(e: Event) => o.onChange({ priority: value(e) as TicketChanges['priority'] })}>
          ${priorities.map(
            (priority) =>
              html`<option value=${priority} ?selected=${c.priority === priority}>${localize.term('windowPriorityName', priority)}</option>`,
          )}
        </select>
      </label>
      <label class="subject">
        <span>${localize.term('windowSubjectLabel')}</span>
        <input name="subject" type="text" maxlength="200" ?disabled=${disabled} .value=${live(c.subject)} @change=${handleSubject} />
      </label>
      ${o.canAssign
        ? html`<label>
            <span>${localize.term('windowAssigneeLabel')}</span>
            <select
              name="assignee"
              .value=${live(c.assigneeId ?? '')}
              ?disabled=${disabled}
              @change=${(e: Event) => o.onChange({ assigneeId: value(e) || null })}
            >
              <option value="" ?selected=${!c.assigneeId}>${localize.term('windowUnassigned')}</option>
              ${o.agents
                .filter((agent) => !agent.disabled || agent.id === c.assigneeId)
                .map((agent) => html`<option value=${agent.id} ?selected=${c.assigneeId === agent.id}>${agent.name}</option>`)}
            </select>
          </label>`
        : nothing}
    </fieldset>
  `;
}
