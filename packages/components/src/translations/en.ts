/** Every user-visible string of the elements; other locales implement the same interface. */
export interface Translation {
  $code: string;
  available: string;
  unavailable: string;
  offline: string;
  you: string;
  team: string;
  loading: string;
  nobodyOnline: string;
  setMyStatus: string;
  statusOf: (name: string, status: string) => string;
  onlineCount: (count: number) => string;
  signInRequired: string;
  errorPrefix: string;
}

const en: Translation = {
  $code: 'en',
  available: 'Available',
  unavailable: 'Unavailable',
  offline: 'Offline',
  you: 'you',
  team: 'Team',
  loading: 'Loading…',
  nobodyOnline: 'Nobody is online right now.',
  setMyStatus: 'My status: Available',
  statusOf: (name, status) => `${name}, ${status}`,
  onlineCount: (count) => (count === 1 ? '1 online' : `${count} online`),
  signInRequired: 'Sign in to see your team.',
  errorPrefix: 'Something went wrong:',
};

export default en;
