/** English terms of `<message-composer>`. */
export interface ComposerTerms {
  composerLabel: string;
  composerPlaceholder: string;
  composerSend: string;
  composerTools: string;
  composerAttach: string;
  composerDropFiles: string;
  composerAttachments: string;
  composerUploading: (name: string, percent: number) => string;
  composerUploaded: string;
  composerSendsWhenUploaded: string;
  composerCancelUpload: (name: string) => string;
  composerRemoveFile: (name: string) => string;
  composerRetry: string;
  composerTooLarge: (name: string, limit: string | null) => string;
  composerTypeRefused: (name: string, reason: string) => string;
  composerNetworkError: (name: string) => string;
  composerUploadFailed: (name: string, reason: string) => string;
  composerRecord: string;
  composerRecording: string;
  composerSendRecording: string;
  composerCancelRecording: string;
  composerMicDenied: string;
  composerMicMissing: string;
  composerRecorderUnsupported: string;
  composerRecorderFailed: string;
  composerRecordingEmpty: string;
  composerVoiceSending: (percent: number) => string;
  composerRecordingName: string;
  composerDiscard: string;
  composerEmoji: string;
  composerLocation: string;
  composerShareMyLocation: string;
  composerLocating: string;
  composerLocationProblem: (problem: 'denied' | 'unavailable' | 'timeout' | 'unsupported') => string;
  composerAddress: string;
  composerSendAddress: string;
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
  composerAttachments: 'Attachments',
  composerUploading: (name, percent) => `Uploading ${name}: ${percent}%`,
  composerUploaded: 'Ready to send',
  composerSendsWhenUploaded: 'Sends when uploaded',
  composerCancelUpload: (name) => `Cancel the upload of ${name}`,
  composerRemoveFile: (name) => `Remove ${name}`,
  composerRetry: 'Retry',
  composerTooLarge: (name, limit) => `${name} is too large to send${limit ? ` (the limit is ${limit})` : ''}.`,
  composerTypeRefused: (name, reason) => `${name} can't be sent${reason ? `: ${reason}` : ''}.`,
  composerNetworkError: (name) => `${name} was not uploaded: the connection failed.`,
  composerUploadFailed: (name, reason) => `${name} was not uploaded: ${reason}`,
  composerRecord: 'Record a voice message',
  composerRecording: 'Recording',
  composerSendRecording: 'Send recording',
  composerCancelRecording: 'Cancel recording',
  composerMicDenied: 'Microphone access is blocked. Allow it for this site in your browser to record a voice message.',
  composerMicMissing: 'No microphone was found.',
  composerRecorderUnsupported: 'This browser cannot record voice messages.',
  composerRecorderFailed: 'The recording could not start. Please try again.',
  composerRecordingEmpty: 'Nothing was recorded. Please try again.',
  composerVoiceSending: (percent) => `Sending voice message: ${percent}%`,
  composerRecordingName: 'The voice message',
  composerDiscard: 'Discard',
  composerEmoji: 'Insert emoji',
  composerLocation: 'Share a location',
  composerShareMyLocation: 'Share my current location',
  composerLocating: 'Finding your location…',
  composerLocationProblem: (problem) =>
    ({
      denied: 'Location access is blocked. Allow it for this site in your browser, or type an address.',
      unavailable: 'Your location is not available right now. Try again, or type an address.',
      timeout: 'Finding your location took too long. Try again, or type an address.',
      unsupported: 'This browser cannot share a location. Type an address instead.',
    })[problem],
  composerAddress: 'Or type an address',
  composerSendAddress: 'Send address',
  composerClose: 'Close',
  composerSuggestions: 'Suggestions',
};
