import type { TranscriptFormat } from '../schemas/transcripts.js';
import type { ChatEvent, ConversationView, MessageView } from './conversation-views.js';
import type { TenantNames } from './names.js';

/** Names the formats need that conversations only hold as ids. */
export type TranscriptNames = TenantNames;

/** Writes one format: a head, then each conversation's head and messages, then a tail. */
export interface TranscriptWriter {
  contentType: string;
  head(title: string): string;
  conversation(view: ConversationView, names: TranscriptNames): string;
  message(message: MessageView, view: ConversationView): string;
  conversationEnd(): string;
  tail(count: number): string;
}

/** `2026-01-05 10:00:00 UTC` */
export const stamp = (iso: string | null) => (iso ? `${iso.slice(0, 10)} ${iso.slice(11, 19)} UTC` : '—');

const kb = (bytes: number) => (bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MiB` : `${Math.max(1, Math.round(bytes / 1024))} KiB`);

/** A chat event as a sentence. */
export function describeEvent(event: ChatEvent): string {
  switch (event.type) {
    case 'created':
      return 'Conversation started';
    case 'assigned':
      return `Assigned to ${event.agentName}${event.by === 'accept' ? ' (accepted)' : ''}`;
    case 'transferred': {
      const to = [event.toAgentName, event.toDepartmentName].filter(Boolean).join(' in ') || 'the queue';
      return `Transferred to ${to}${event.note ? ` — note: ${event.note}` : ''}`;
    }
    case 'closed':
      return `Closed${event.reason ? ` (${event.reason})` : ''}`;
    case 'reopened':
      return 'Reopened';
    case 'tagged':
      return ['Tags', event.added.length ? `added ${event.added.join(', ')}` : '', event.removed.length ? `removed ${event.removed.join(', ')}` : '']
        .filter(Boolean)
        .join(' ');
    case 'converted':
      return `Converted to a ${event.to}`;
    case 'updated':
      return `Changed ${event.field} from ${event.from ?? 'none'} to ${event.to ?? 'none'}`;
    case 'media-failed':
      return `The customer's file ${event.name} could not be received: ${event.reason}`;
    default:
      return 'Event';
  }
}

/** What a message says, as plain text (attachments, locations and templates described). */
export function describeMessage(m: MessageView): string {
  if (m.kind === 'event' && m.event) return describeEvent(m.event);
  const parts: string[] = [];
  if (m.attachment) {
    const what = m.kind === 'voice' ? 'Voice message' : `Attachment: ${m.attachment.name}`;
    const length = m.attachment.durationMs ? `, ${Math.round(m.attachment.durationMs / 1000)} s` : '';
    parts.push(`[${what} (${m.attachment.contentType}, ${kb(m.attachment.size)}${length})]`);
  }
  if (m.location) {
    const { latitude, longitude, address } = m.location;
    const where = [address, latitude !== null && longitude !== null ? `${latitude}, ${longitude}` : null].filter(Boolean).join(' — ');
    parts.push(`[Location: ${where || 'unknown'}]`);
  }
  if (m.template) {
    parts.push(`[Template ${m.template.name} (${m.template.language})]`);
    if (m.template.header) parts.push(m.template.header);
  }
  if (m.body) parts.push(m.body);
  if (m.template?.footer) parts.push(m.template.footer);
  if (m.template?.buttons.length) parts.push(`Buttons: ${m.template.buttons.map((b) => b.text).join(' | ')}`);
  if (m.delivery) parts.push(`(${m.delivery.channel} to ${m.delivery.to}: ${m.delivery.status}${m.delivery.error ? ` — ${m.delivery.error}` : ''})`);
  return parts.join('\n');
}

const authorOf = (m: MessageView) => (m.author.kind === 'system' ? m.author.name || 'System' : m.author.name || m.author.kind);

function headerFields(view: ConversationView, names: TranscriptNames): Array<[string, string]> {
  return [
    ['Customer', `${view.customer.name || 'unknown'}${view.customer.verified ? ' (verified)' : ''}`],
    ['Channel', view.channel],
    ['Kind', view.kind],
    ['Status', view.status],
    ['Department', view.departmentId ? (names.departments.get(view.departmentId) ?? view.departmentId) : '—'],
    ['Assignee', view.assigneeId ? (names.agents.get(view.assigneeId) ?? view.assigneeId) : '—'],
    ['Tags', view.tags.join(', ') || '—'],
    ['Created', stamp(view.createdAt)],
    ['Closed', stamp(view.closedAt)],
  ];
}

// ---- Text ----

const text: TranscriptWriter = {
  contentType: 'text/plain; charset=utf-8',
  head: (title) => `${title}\nExported ${stamp(new Date().toISOString())}\n\n`,
  conversation(view, names) {
    const fields = headerFields(view, names).map(([k, v]) => `${k}: ${v}`);
    return `=== Conversation ${view.id}${view.subject ? ` — ${oneLine(view.subject)}` : ''}\n${fields.join('\n')}\n\n`;
  },
  message(m) {
    const lines = describeMessage(m).split(/\r\n|\r|\n/);
    const who = m.kind === 'event' ? '*' : `${oneLine(authorOf(m))} (${m.author.kind}):`;
    return `[${stamp(m.createdAt)}] #${m.seq} ${who} ${lines[0]}\n${lines.slice(1).map((l) => `    ${l}\n`).join('')}`;
  },
  conversationEnd: () => '\n',
  tail: (count) => `— ${count} conversation${count === 1 ? '' : 's'} —\n`,
};

const oneLine = (s: string) => s.replace(/[\r\n]+/g, ' ');

// ---- HTML ----

/** Everything that could open markup or an attribute is escaped. */
export const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

const STYLE = `body{font:14px/1.45 system-ui,sans-serif;margin:2rem auto;max-width:60rem;padding:0 1rem;color:#1f2328}
section{border:1px solid #d0d7de;border-radius:8px;margin:1.5rem 0;padding:1rem}
h1{font-size:1.4rem}h2{font-size:1.1rem;margin:0 0 .5rem}dl{display:grid;grid-template-columns:max-content 1fr;gap:.1rem 1rem;margin:0 0 1rem}
dt{color:#57606a}dd{margin:0}ol{list-style:none;padding:0;margin:0}li{padding:.35rem 0;border-top:1px solid #eaeef2}
.meta{color:#57606a;font-size:.85em}.body{white-space:pre-wrap;overflow-wrap:anywhere}.event{color:#57606a;font-style:italic}
.customer .who{color:#0969da}.agent .who{color:#1a7f37}`;

const html: TranscriptWriter = {
  contentType: 'text/html; charset=utf-8',
  head: (title) =>
    `<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">` +
    `<title>${escapeHtml(title)}</title><style>${STYLE}</style></head><body>\n<h1>${escapeHtml(title)}</h1>\n` +
    `<p class="meta">Exported ${escapeHtml(stamp(new Date().toISOString()))}</p>\n`,
  conversation(view, names) {
    const fields = headerFields(view, names)
      .map(([k, v]) => `<dt>${escapeHtml(k)}</dt><dd>${escapeHtml(v)}</dd>`)
      .join('');
    return `<section class="conversation" id="c-${view.id}"><h2>${escapeHtml(view.subject || `Conversation ${view.id}`)}</h2><dl>${fields}</dl><ol>\n`;
  },
  message(m) {
    const time = `<time datetime="${escapeHtml(m.createdAt)}">${escapeHtml(stamp(m.createdAt))}</time>`;
    if (m.kind === 'event') return `<li class="event"><span class="meta">${time}</span> ${escapeHtml(describeMessage(m))}</li>\n`;
    return (
      `<li class="${m.author.kind}"><span class="meta">${time} #${m.seq}</span> <strong class="who">${escapeHtml(authorOf(m))}</strong>` +
      ` <span class="meta">(${m.author.kind})</span><div class="body">${escapeHtml(describeMessage(m))}</div></li>\n`
    );
  },
  conversationEnd: () => '</ol></section>\n',
  tail: (count) => `<p class="meta">${count} conversation${count === 1 ? '' : 's'}</p>\n</body></html>\n`,
};

// ---- CSV (RFC 4180) ----

/** One cell: formula-looking text gets a leading `'`; quoted when it holds a comma, quote, or line break. */
export function csvCell(value: string | number | null): string {
  if (value === null) return '';
  let s = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) || s !== s.trim() ? `"${s.replaceAll('"', '""')}"` : s;
}

export const CSV_COLUMNS = [
  'conversation_id', 'subject', 'customer', 'channel', 'seq', 'time', 'author_kind', 'author_name', 'kind', 'text', 'attachment_name', 'attachment_type',
] as const;

const csvRow = (cells: Array<string | number | null>) => `${cells.map(csvCell).join(',')}\r\n`;

const csv: TranscriptWriter = {
  contentType: 'text/csv; charset=utf-8; header=present',
  head: () => csvRow([...CSV_COLUMNS]),
  conversation: () => '',
  message: (m, view) =>
    csvRow([
      view.id,
      view.subject,
      view.customer.name,
      view.channel,
      m.seq,
      m.createdAt,
      m.author.kind,
      m.kind === 'event' ? '' : authorOf(m),
      m.kind,
      describeMessage(m),
      m.attachment?.name ?? null,
      m.attachment?.contentType ?? null,
    ]),
  conversationEnd: () => '',
  tail: () => '',
};

export const writers: Record<TranscriptFormat, TranscriptWriter> = { txt: text, html, csv };
