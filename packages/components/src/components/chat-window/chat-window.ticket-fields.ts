/**
 * @license MIT
 * A ticket's fields: status, priority, subject and (for supervisors) assignee, each change
 * sent at once. Loaded with the first ticket shown (`ticketFields()` adds their styles).
 */
import { css, html, nothing, type CSSResult } from 'lit';
import { live } from 'lit/directives/live.js';
import type { AgentProfile, ConversationView } from '@deskkit/client';
import { addStyles } from '../../internal/adopt-styles.js';
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

const ticketFieldStyles: CSSResult = css`
  [part='ticket-fields'] {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem 0.75rem;
    margin: 0;
    padding: 0.375rem 0.5rem 0.5rem;
    border: 1px solid var(--border-color);
    border-radius: var(--radius);
  }
  [part='ticket-fields'] label {
    display: grid;
    gap: 0.125rem;
    font-size: 0.75rem;
    color: var(--muted-color);
  }
  [part='ticket-fields'] .subject {
    flex: 1 1 12rem;
  }
`;

/** The renderer, for `host` (whose shadow root gets the fields' styles). */
export function ticketFields(host: HTMLElement): typeof renderTicketFields {
  addStyles(host, [ticketFieldStyles]);
  return renderTicketFields;
}
