/** English terms of `<customer-chat>`, with its verification and survey. */
export interface ChatTerms {
  chatTitle: string;
  chatWith: (agentName: string) => string;
  chatIntro: string;
  chatSignedInAs: (name: string) => string;
  chatName: string;
  chatEmail: string;
  chatFirstMessage: string;
  chatStart: string;
  chatStarting: string;
  chatNameRequired: string;
  chatMessageRequired: string;
  chatIdentityRejected: (reason: string) => string;
  chatNotConfigured: string;
  chatTimeline: string;
  chatLoadOlder: string;
  chatWaiting: string;
  chatJoined: (agentName: string) => string;
  chatTransferred: (agentName: string | null) => string;
  chatEnded: string;
  chatReopened: string;
  chatTyping: (names: string[]) => string;
  chatYouSaid: string;
  chatAgentSaid: (agentName: string) => string;
  chatSeen: string;
  chatSending: string;
  chatNotSent: string;
  chatRetry: string;
  chatMessage: string;
  chatPlaceholder: string;
  chatSend: string;
  chatEndedNotice: string;
  chatNewChat: string;
  chatConnectionLost: string;
  chatReconnect: string;
  chatTryAgain: string;
  chatVerifyPrompt: (to: string) => string;
  chatVerifyCodeLabel: string;
  chatVerifySubmit: string;
  chatVerifying: string;
  chatSurveyRating: (n: number) => string;
  chatSurveyComment: string;
  chatSurveySubmit: string;
  chatSurveySending: string;
  chatSurveyDismiss: string;
  chatSurveyChoose: string;
  chatVerified: string;
  chatEventVerificationRequested: (to: string) => string;
}

export const chatTerms: ChatTerms = {
  chatTitle: 'Chat with us',
  chatWith: (agentName) => `Chatting with ${agentName}`,
  chatIntro: 'Ask us anything. We usually reply within a few minutes.',
  chatSignedInAs: (name) => `You are chatting as ${name}.`,
  chatName: 'Your name',
  chatEmail: 'Email (optional)',
  chatFirstMessage: 'How can we help?',
  chatStart: 'Start chat',
  chatStarting: 'Starting…',
  chatNameRequired: 'Please tell us your name.',
  chatMessageRequired: 'Please write a message.',
  chatIdentityRejected: (reason) => `We could not confirm who you are (${reason}). Please reload the page and try again.`,
  chatNotConfigured: 'This chat is not set up yet (no tenant).',
  chatTimeline: 'Conversation',
  chatLoadOlder: 'Load earlier messages',
  chatWaiting: 'Waiting for an agent…',
  chatJoined: (agentName) => `${agentName} joined the chat`,
  chatTransferred: (agentName) => (agentName ? `You were transferred to ${agentName}` : 'You were transferred to another team'),
  chatEnded: 'The chat has ended',
  chatReopened: 'The chat was reopened',
  chatTyping: (names) => (names.length === 1 ? `${names[0]} is typing…` : `${names.join(' and ')} are typing…`),
  chatYouSaid: 'You said:',
  chatAgentSaid: (agentName) => `${agentName} said:`,
  chatSeen: 'Seen',
  chatSending: 'Sending…',
  chatNotSent: 'Not sent.',
  chatRetry: 'Retry',
  chatMessage: 'Message',
  chatPlaceholder: 'Write a message…',
  chatSend: 'Send',
  chatEndedNotice: 'This chat has ended.',
  chatNewChat: 'Start a new chat',
  chatConnectionLost: 'The connection was lost.',
  chatReconnect: 'Reconnect',
  chatTryAgain: 'Try again',
  chatVerifyPrompt: (to) => `To confirm it’s you, enter the 6-digit code we sent to ${to}.`,
  chatVerifyCodeLabel: 'Verification code',
  chatVerifySubmit: 'Verify',
  chatVerifying: 'Verifying…',
  chatSurveyRating: (n) => `${n} out of 5`,
  chatSurveyComment: 'Anything else you’d like to tell us? (optional)',
  chatSurveySubmit: 'Send feedback',
  chatSurveySending: 'Sending…',
  chatSurveyDismiss: 'No thanks',
  chatSurveyChoose: 'Choose…',
  chatVerified: 'You are verified',
  chatEventVerificationRequested: (to) => `A verification code was sent to ${to}`,
};
