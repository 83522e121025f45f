import { randomUUID } from 'node:crypto';
import type { Context, Middleware } from 'koa';
import getRawBody from 'raw-body';
import { e164Schema, phoneChannelSchema, type PhoneChannel } from '../schemas/channels.js';
import { webhookPath } from '../services/channels/accounts.js';
import type { ProviderMessage } from '../services/channels/provider.js';
import { signedHeaders } from '../services/channels/signing.js';
import type { Services } from '../services/index.js';
import { originAllowed } from './cors.js';
import { demoPage, escapeHtml, selfUrl } from './demo-page.js';

export const DEMO_PHONE_PATH = '/demo/phone';

/** Threads (one per channel and customer number) and messages per thread the phone keeps. */
const THREADS = 50;
const PER_THREAD = 30;
const TEXT_MAX = 2_000;

interface PhoneMessage {
  /** `out`: the desk sent it to the customer; `in`: the customer sent it from this page. */
  direction: 'out' | 'in';
  text: string;
  at: Date;
}

interface Thread {
  channel: PhoneChannel;
  customer: string;
  messages: PhoneMessage[];
}

/**
 * Demo only: the customers' phones. Keeps what the demo provider delivered (the text a
 * phone would show: a template's header and body, a verification code) by channel and
 * number, so a person trying the demo can read it and answer as the customer.
 */
export class DemoPhone {
  private readonly threads = new Map<string, Thread>();

  /** A message the demo provider took for delivery. */
  delivered(message: ProviderMessage): void {
    const parts = [message.template?.header, message.body, ...(message.media ?? []).map((m) => `[${m.category}: ${m.filename}]`)];
    this.add(message.channel, message.to, { direction: 'out', text: parts.filter(Boolean).join('\n') || '[message]', at: new Date() });
  }

  /** A message the customer sent from the page. */
  sent(channel: PhoneChannel, customer: string, text: string): void {
    this.add(channel, customer, { direction: 'in', text, at: new Date() });
  }

  /** Threads, the latest activity first. */
  list(): Thread[] {
    return [...this.threads.values()].reverse();
  }

  private add(channel: PhoneChannel, customer: string, message: PhoneMessage): void {
    const key = `${channel} ${customer}`;
    const thread = this.threads.get(key) ?? { channel, customer, messages: [] };
    // Re-inserted so the map's order is the order of latest activity.
    this.threads.delete(key);
    this.threads.set(key, thread);
    thread.messages.push(message);
    if (thread.messages.length > PER_THREAD) thread.messages.shift();
    if (this.threads.size > THREADS) this.threads.delete(this.threads.keys().next().value!);
  }
}

const channelName: Record<PhoneChannel, string> = { sms: 'SMS', whatsapp: 'WhatsApp' };

/**
 * `/demo/phone`: the demo customers' phones. GET shows what the desk sent to each number
 * (verification codes included); POST sends a message as a customer: the "provider" posts
 * it, signed, to the demo tenant's channel webhook, on the address this request came in on,
 * exactly as a real provider would. Mounted only in demo mode.
 */
export function demoPhoneRoute(desk: Services, phone: DemoPhone, tenant = 'demo'): Middleware {
  return async function demoPhoneHandler(ctx, next) {
    if (ctx.path !== DEMO_PHONE_PATH) return next();
    if (ctx.method === 'POST') return send(ctx);
    if (ctx.method !== 'GET' && ctx.method !== 'HEAD') {
      ctx.status = 405;
      ctx.set('Allow', 'GET, POST');
      return;
    }
    render(ctx);
  };

  async function send(ctx: Context): Promise<void> {
    // Forms from this page only: a foreign page cannot make customers say things.
    if (!originAllowed(ctx.get('Origin') || undefined, ctx.host, [])) {
      ctx.status = 403;
      return render(ctx, 'Messages can only be sent from this page.');
    }
    const form = new URLSearchParams((await getRawBody(ctx.req, { limit: 16 * 1024, encoding: 'utf8' }).catch(() => '')) || '');
    const channel = phoneChannelSchema.safeParse(form.get('channel'));
    const from = e164Schema.safeParse((form.get('from') ?? '').replace(/[\s().-]/g, ''));
    const text = (form.get('text') ?? '').trim();
    const name = (form.get('name') ?? '').trim().slice(0, 120);
    const problem = !channel.success
      ? 'Pick SMS or WhatsApp.'
      : !from.success
        ? 'The number must be in international format, such as +34 600 111 222.'
        : !text
          ? 'Write a message.'
          : text.length > TEXT_MAX
            ? `Keep it under ${TEXT_MAX} characters.`
            : null;
    if (problem || !channel.success || !from.success) {
      ctx.status = 400;
      return render(ctx, problem ?? 'Not a message.');
    }
    const tenantRow = await desk.models.Tenant.findOne({ slug: tenant }).select({ _id: 1 }).lean();
    const account = tenantRow ? await desk.channelAccounts.find(String(tenantRow._id), channel.data, { enabledOnly: true }) : null;
    if (!account) {
      ctx.status = 409;
      return render(ctx, `The demo desk has no ${channelName[channel.data]} channel set up.`);
    }
    const body = JSON.stringify({
      id: `demo-phone-${randomUUID()}`,
      type: 'message',
      from: from.data,
      to: account.fromNumber,
      text,
      ...(channel.data === 'whatsapp' && name ? { name } : {}),
      timestamp: new Date().toISOString(),
    });
    const res = await fetch(selfUrl(ctx, webhookPath(tenant, channel.data)), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...signedHeaders(account.webhookSecret, body) },
      body,
      signal: AbortSignal.timeout(10_000),
    }).catch(() => null);
    if (!res?.ok) {
      desk.log.warn({ status: res?.status }, 'demo phone: the webhook did not take the message');
      ctx.status = 502;
      return render(ctx, `The desk did not take the message (${res ? `HTTP ${res.status}` : 'no answer'}).`);
    }
    phone.sent(channel.data, from.data, text);
    ctx.status = 303;
    ctx.redirect(DEMO_PHONE_PATH);
  }

  function render(ctx: Context, error?: string): void {
    const time = (at: Date) => at.toISOString().slice(11, 16);
    const threads = phone
      .list()
      .map(({ channel, customer, messages }) => {
        const items = messages
          .map((m) => `<li class="${m.direction}"><time>${time(m.at)}</time> ${escapeHtml(m.text).replaceAll('\n', '<br>')}</li>`)
          .join('');
        return `<section><h2>${escapeHtml(customer)} <small>${channelName[channel]}</small></h2><ol>${items}</ol>
<form method="post"><input type="hidden" name="channel" value="${channel}"><input type="hidden" name="from" value="${escapeHtml(customer)}">
<label>Reply as ${escapeHtml(customer)} <textarea name="text" required maxlength="${TEXT_MAX}" rows="2"></textarea></label><button>Send</button></form></section>`;
      })
      .join('');
    demoPage(
      ctx,
      'Demo phone',
      `<h1>Demo phone</h1>
<p class="demo">What the demo desk sent to its customers' phones over SMS and WhatsApp (times in UTC), and a way to answer as them. Nothing leaves this machine. <a href="${DEMO_PHONE_PATH}">Refresh</a></p>
${error ? `<p class="error" role="alert">${escapeHtml(error)}</p>` : ''}
${threads || '<p>No messages yet. Verification codes, templates and replies the desk sends to SMS or WhatsApp customers show up here.</p>'}
<section><h2>New message</h2><form method="post">
<label>Channel <select name="channel"><option value="whatsapp">WhatsApp</option><option value="sms">SMS</option></select></label>
<label>From <input name="from" required placeholder="+34 600 111 222" autocomplete="off"></label>
<label>WhatsApp profile name <input name="name" maxlength="120" autocomplete="off"></label>
<label>Message <textarea name="text" required maxlength="${TEXT_MAX}" rows="2"></textarea></label><button>Send</button></form></section>`,
      'body{max-width:40rem}h1{font-size:1.6rem}h2{font-size:1.1rem;margin:1.5rem 0 .5rem}small{color:#6b7280;font-weight:400}' +
        'ol{list-style:none;padding:0;margin:0 0 .5rem}li{margin:.3rem 0;padding:.4rem .6rem;border-radius:.5rem;max-width:85%;width:fit-content}' +
        'li.out{background:#eef2ff}li.in{background:#dcfce7;margin-left:auto}time{color:#6b7280;font-size:.8rem;margin-right:.3rem}' +
        'label{display:block;margin:.4rem 0}input,select,textarea{font:inherit;display:block;width:100%;box-sizing:border-box;padding:.3rem}' +
        '.error{color:#b91c1c;font-weight:600}',
      // Its forms prove where they come from by their Origin.
      'same-origin',
    );
  }
}
