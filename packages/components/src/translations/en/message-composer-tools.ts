/** English terms of `<message-composer>`'s attachments, voice recorder and location panel, which load on first use (and their terms with them). */
export interface ComposerToolTerms {
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
  composerShareMyLocation: string;
  composerLocating: string;
  composerLocationProblem: (problem: 'denied' | 'unavailable' | 'timeout' | 'unsupported') => string;
  composerAddress: string;
  composerSendAddress: string;
}

export const composerToolTerms: ComposerToolTerms = {
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
};
