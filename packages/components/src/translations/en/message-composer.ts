/** English terms of `<message-composer>`'s text box and toolbar (its tools' are in `message-composer-tools.ts`). */
export interface ComposerTerms {
  composerLabel: string;
  composerPlaceholder: string;
  composerSend: string;
  composerTools: string;
  composerAttach: string;
  composerDropFiles: string;
  composerRecord: string;
  composerEmoji: string;
  composerLocation: string;
  composerClose: string;
  composerSuggestions: string;
}

export const composerTerms: ComposerTerms = {
  composerLabel: 'Message',
  composerPlaceholder: 'Write a message…',
  composerSend: 'Send',
  composerTools: 'Add to the message',
  composerAttach: 'Attach files',
  composerDropFiles: 'Drop files to attach them',
  composerRecord: 'Record a voice message',
  composerEmoji: 'Insert emoji',
  composerLocation: 'Share a location',
  composerClose: 'Close',
  composerSuggestions: 'Suggestions',
};
