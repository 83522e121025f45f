/** Terms several elements share: presence, loading, sign-in and errors. */
export interface CommonTerms {
  available: string;
  unavailable: string;
  offline: string;
  you: string;
  team: string;
  loading: string;
  nobodyOnline: string;
  /** The signed-in agent's own switch: what "on" means (the name never changes; the switch shows the state). */
  setMyStatus: string;
  statusOf: (name: string, status: string) => string;
  onlineCount: (count: number) => string;
  signInRequired: string;
  errorPrefix: string;
}

export const commonTerms: CommonTerms = {
  available: 'Available',
  unavailable: 'Unavailable',
  offline: 'Offline',
  you: 'you',
  team: 'Team',
  loading: 'Loading…',
  nobodyOnline: 'Nobody is online right now.',
  setMyStatus: 'Available for chats',
  statusOf: (name, status) => `${name}, ${status}`,
  onlineCount: (count) => (count === 1 ? '1 online' : `${count} online`),
  signInRequired: 'Sign in to see your team.',
  errorPrefix: 'Something went wrong:',
};
