/**
 * @license MIT
 * What the timeline shows beyond text: the cards of messages that carry a file, a voice
 * message, a location, a template or a payment request (with the signed links to their
 * files), and the delivery line of SMS/WhatsApp messages. Loaded alongside the first
 * conversation (its fetch takes longer); a message rendered before it is in shows its text, busy.
 */
import type { ReactiveControllerHost } from 'lit';
import type { MessageView } from '@deskkit/client';
import { FileLinksController, type FileLinksControllerOptions } from '../../controllers/file-links-controller.js';
import { addStyles } from '../../internal/adopt-styles.js';
import { renderContent, type ContentOptions } from '../../internal/message-content.js';
import type { ContentSource } from '../../internal/message-text.js';
import contentStyles from '../../styles/message-content.styles.js';
import { LocalizeController } from '../../utilities/localize.js';
import { windowTerms } from '../../translations/en/chat-window.js';
import { deliveryTerms } from '../../translations/en/delivery.js';
import { contentTerms } from '../../translations/en/message-content.js';
import { deliveryStyles, renderDelivery, renderTemplateName } from './chat-window.delivery.js';

type Host = ReactiveControllerHost & HTMLElement;

export interface CardOptions {
  conversationId: string;
  lang: string;
  /** The timeline's markup for text. */
  text(body: string): unknown;
  /** Where an echo's file is (its local copy); stored messages' files come through signed links. */
  link?: ContentOptions['link'];
}

export class TimelineCards {
  private readonly localize: LocalizeController<keyof typeof windowTerms | keyof typeof contentTerms | keyof typeof deliveryTerms>;
  private readonly links: FileLinksController;

  constructor(host: Host, links: FileLinksControllerOptions) {
    addStyles(host, [contentStyles, deliveryStyles]);
    this.localize = new LocalizeController(host, { ...windowTerms, ...contentTerms, ...deliveryTerms });
    this.links = new FileLinksController(host, links);
  }

  /** What a message (or an echo) carries: its text, or its card. */
  content(source: ContentSource, o: CardOptions): unknown {
    const { links } = this;
    return renderContent(source, {
      localize: this.localize,
      lang: o.lang,
      link: o.link ?? ((fileId) => links.get(o.conversationId, fileId)),
      unavailable: (fileId) => links.unavailable(fileId),
      text: o.text,
    });
  }

  /** Which template an outbound message came from, and where it is on its way to the customer's phone. */
  delivery(message: MessageView, lang: string): unknown {
    return [renderTemplateName(message, this.localize), renderDelivery(message, this.localize, lang)];
  }
}
