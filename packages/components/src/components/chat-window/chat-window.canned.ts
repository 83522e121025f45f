/**
 * @license MIT
 * Canned replies in the composer: `/word` suggests the replies usable in this
 * conversation (its department's and the tenant-wide ones), and choosing one inserts
 * it with the customer's and the agent's details filled in, still editable.
 */
import type { DeskClient } from '@deskkit/client';
import type { SlashCommand, SlashCommandResolver, SlashCommandSource } from '../message-composer/message-composer.slash.js';

export interface CannedRepliesOptions {
  client(): DeskClient | undefined;
  conversationId(): string;
}

/** The composer's slash-command source and resolver (stable functions: bind them once). */
export class CannedReplies {
  constructor(private readonly options: CannedRepliesOptions) {}

  /** Suggestions for what follows `/` (the server ranks shortcut matches first). */
  readonly source: SlashCommandSource = async (query, signal) => {
    const client = this.options.client();
    const conversationId = this.options.conversationId();
    if (!client || !conversationId) return [];
    const found = await client.cannedReplies.search.query({ conversationId, q: query }, { signal });
    return found.map(({ id, shortcut, title, preview }): SlashCommand => ({ id, shortcut, title, preview }));
  };

  /** The chosen reply's text for this conversation and agent. */
  readonly resolve: SlashCommandResolver = async (id) => {
    const client = this.options.client();
    const conversationId = this.options.conversationId();
    if (!client || !conversationId) throw new Error('no conversation');
    return (await client.cannedReplies.render.query({ id, conversationId })).body;
  };
}
