/**
 * @license MIT
 * One queue row. Rows are recycled by the virtualizer, so everything a row shows
 * comes from its arguments; clicks and keys are handled once, on the list.
 */
import { html, nothing } from 'lit';
import type { ConversationView } from '@deskkit/client';
import { isQueued } from '../../internal/conversation-state.js';
import type { LocalizeController } from '../../utilities/localize.js';
import type { QueueTerms } from '../../translations/en/agent-queue.js';
import { formatAgo, formatWait } from './agent-queue.format.js';

/** Tags shown on a row before "+N". */
const TAG_LIMIT = 3;

export interface RowContext {
  localize: LocalizeController<keyof QueueTerms>;
  lang: string;
  now: number;
  selected: string | null;
  active: string | null;
  /** Which cell of the active row has the (virtual) focus. */
  activeCell: 'row' | 'accept';
  accepting: ReadonlySet<string>;
  /** Agent names by id, for the assignee (supervisors); empty otherwise. */
  agentNames: ReadonlyMap<string, string>;
  showAssignee: boolean;
}

/** A queued chat: it shows its wait and can be accepted. */
export const isAcceptable = (c: ConversationView) => c.kind === 'chat' && isQueued(c);

export const rowId = (id: string) => `row-${id}`;
export const acceptCellId = (id: string) => `accept-${id}`;

/** What a screen reader says for the row's main cell: everything the row shows, in words. */
function describe(c: ConversationView, ctx: RowContext, when: string, assignee: string | null): string {
  const { localize } = ctx;
  return [
    c.customer.name,
    c.customer.verified ? localize.term('queueVerified') : '',
    c.subject || localize.term('queueNoSubject'),
    `${localize.term('queueFilterPriority')}: ${localize.term('queuePriorityName', c.priority)}`,
    localize.term('queueChannelName', c.channel),
    c.tags.length ? `${localize.term('queueTags')}: ${c.tags.join(', ')}` : '',
    c.unread.agent ? localize.term('queueUnread', c.unread.agent) : '',
    assignee ? localize.term('queueAssignedTo', assignee) : '',
    when,
  ]
    .filter(Boolean)
    .join(', ');
}

export function renderRow(c: ConversationView, index: number, ctx: RowContext) {
  const { localize } = ctx;
  const selected = c.id === ctx.selected;
  const active = c.id === ctx.active;
  const accepting = ctx.accepting.has(c.id);
  const pending = isAcceptable(c);
  const since = ctx.now - Date.parse(pending ? c.queuedAt : c.lastMessageAt);
  const wait = pending ? (formatWait(since, ctx.lang) ?? localize.term('queueUnderAMinute')) : '';
  const when = pending ? localize.term('queueWaiting', wait) : localize.term('queueLastActivity', formatAgo(since, ctx.lang));
  const assignee = ctx.showAssignee && c.assigneeId ? (ctx.agentNames.get(c.assigneeId) ?? null) : null;
  const extraTags = c.tags.length - TAG_LIMIT;
  const parts = ['row', selected ? 'row-selected' : '', active ? 'row-active' : '', c.unread.agent ? 'row-unread' : '']
    .filter(Boolean)
    .join(' ');
  const tags = c.tags.length
    ? html`<span part="tags"
        >${c.tags.slice(0, TAG_LIMIT).map((tag) => html`<span part="tag">${tag}</span>`)}${extraTags > 0
          ? html`<span part="tag tag-more">+${extraTags}</span>`
          : nothing}</span
      >`
    : nothing;
  const accept = pending
    ? html`<div role="gridcell" class="actions" id=${acceptCellId(c.id)}
        ><button
          part="accept${active && ctx.activeCell === 'accept' ? ' accept-active' : ''}"
          type="button"
          tabindex="-1"
          data-accept=${c.id}
          aria-label=${localize.term('queueAcceptFrom', c.customer.name)}
          aria-disabled=${accepting ? 'true' : 'false'}
        >${accepting ? localize.term('queueAccepting') : localize.term('queueAccept')}</button
      ></div>`
    : nothing;
  // Written without whitespace between tags: every text node counts in a long list.
  return html`<div
    role="row"
    id=${rowId(c.id)}
    part=${parts}
    class="row"
    aria-rowindex=${index + 1}
    aria-selected=${selected ? 'true' : 'false'}
    data-id=${c.id}
    data-status=${c.status}
    data-priority=${c.priority}
    ><div role="gridcell" class="main" aria-label=${describe(c, ctx, when, assignee)}
      ><div class="line"
        ><span part="customer">${c.customer.name}</span
        >${c.customer.verified ? html`<span part="verified" title=${localize.term('queueVerified')}>✓</span>` : nothing}${c.unread
          .agent
          ? html`<span part="badge" title=${localize.term('queueUnread', c.unread.agent)}>${c.unread.agent}</span>`
          : nothing}<span class="spacer"></span
        ><time part=${pending ? 'wait' : 'activity'} datetime=${pending ? c.queuedAt : c.lastMessageAt} title=${when}
          >${pending ? wait : formatAgo(since, ctx.lang)}</time
        ></div
      ><div part="subject">${c.subject || localize.term('queueNoSubject')}</div
      ><div class="line meta"
        ><span part="priority priority-${c.priority}">${localize.term('queuePriorityName', c.priority)}</span
        ><span part="channel">${localize.term('queueChannelName', c.channel)}</span
        >${assignee ? html`<span part="assignee">${assignee}</span>` : nothing}${tags}</div
      ></div
    >${accept}</div
  >`;
}
