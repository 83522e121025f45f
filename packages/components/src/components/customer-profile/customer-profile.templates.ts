/**
 * @license MIT
 * "Send WhatsApp template" from a customer's profile: the template dialog `<chat-window>`
 * uses (`internal/template-dialog.ts`, loaded with its terms on first use), sending to the
 * customer. It goes into their ongoing WhatsApp conversation when the agent handles it, or
 * starts one assigned to the agent; the profile then asks the host page to open it.
 */
import { html, nothing, type ReactiveController, type ReactiveControllerHost } from 'lit';
import type { DeskClient } from '@deskkit/client';
import type { DeskSession } from '../../context/session-context.js';
import { LazyController, preloads } from '../../controllers/lazy-controller.js';
import type { TemplateDialog } from '../../internal/template-dialog.js';
import { LocalizeController } from '../../utilities/localize.js';
import { commonTerms, type CommonTerms } from '../../translations/en/common.js';
import type { LazyTerms } from '../../translations/en/lazy.js';
import type { ProfileTerms } from '../../translations/en/customer-profile.js';
import type { CustomerView } from './customer-profile.form.js';

/** What `templates.send` to a customer requires of the caller (as a one-way SMS from a profile). */
const TEMPLATE_PERMISSIONS = ['conversations:read', 'customers:read'] as const;

export interface ProfileTemplatesOptions {
  client(): DeskClient | undefined;
  session(): DeskSession | null;
  profile(): CustomerView | null;
  /** The desk's enabled phone channels (`null`: not known). */
  channels(): string[] | null;
  localize: LocalizeController<keyof CommonTerms | keyof ProfileTerms | keyof LazyTerms>;
  /** The template is stored in this conversation: open it. */
  sent(conversationId: string): void;
}

type Host = ReactiveControllerHost & HTMLElement;

export class ProfileTemplates implements ReactiveController {
  private readonly dialog: LazyController<TemplateDialog>;
  private customerId: string | null = null;

  constructor(
    private readonly host: Host,
    private readonly options: ProfileTemplatesOptions,
  ) {
    host.addController(this);
    this.dialog = new LazyController(host, {
      load: async () => {
        const [{ TemplateDialog }, { templateTerms }] = await Promise.all([
          import('../../internal/template-dialog.js'),
          import('../../translations/en/templates.js'),
        ]);
        return new TemplateDialog(host, {
          client: options.client,
          localize: new LocalizeController(host, { ...commonTerms, ...templateTerms }),
          send: async (client, input) => {
            const customerId = this.customerId;
            if (!customerId) throw new Error('no customer');
            const { conversation } = await client.templates.send.mutate({ customerId, ...input });
            if (customerId === this.customerId) options.sent(conversation.id);
          },
          fallbackFocus: () => host.shadowRoot?.querySelector<HTMLElement>('[part=header] h2'),
        });
      },
    });
  }

  /** Another customer: a dialog open for the last one closes. */
  hostUpdate(): void {
    const customerId = this.options.profile()?.id ?? null;
    if (customerId === this.customerId) return;
    this.customerId = customerId;
    this.dialog.value?.close();
    this.dialog.dismiss();
  }

  /** Offered when the customer has a phone, the agent may send and the desk has a WhatsApp channel. */
  private get offered(): boolean {
    const permissions = this.options.session()?.agent.permissions ?? [];
    return (
      Boolean(this.options.profile()?.phone) &&
      TEMPLATE_PERMISSIONS.every((p) => permissions.includes(p)) &&
      this.options.channels()?.includes('whatsapp') === true
    );
  }

  private readonly handleOpen = () => void this.dialog.use((dialog) => dialog.show());

  /** The "Send WhatsApp template" button for the header. */
  renderAction() {
    if (!this.offered) return nothing;
    return html`<button
      type="button"
      data-action="template"
      aria-haspopup="dialog"
      aria-busy=${this.dialog.pending ? 'true' : 'false'}
      ${preloads(this.dialog)}
      @click=${this.handleOpen}
    >
      ${this.options.localize.term('profileTemplateAction')}
    </button>`;
  }

  /** The dialog once loaded, or why it could not load (with a Retry). */
  render() {
    const l = this.options.localize;
    const failure = this.dialog.failure
      ? html`<p part="error load-error" role="alert">
          ${l.term('partLoadFailed')} <button type="button" data-action="retry-load" @click=${this.dialog.retry}>${l.term('partLoadRetry')}</button>
        </p>`
      : nothing;
    return html`${failure} ${this.dialog.value?.render() ?? nothing}`;
  }
}
