export { DeskElement } from './internal/desk-element.js';
export { clientContext } from './context/client-context.js';
export { sessionContext, type DeskSession } from './context/session-context.js';
export { SubscriptionController } from './controllers/subscription-controller.js';
export { LocalizeController, registerTranslation } from './utilities/localize.js';
export type { Translation } from './translations/en.js';
export * from './events/index.js';
export { DeskProvider } from './components/desk-provider/desk-provider.js';
export { PresenceList } from './components/presence-list/presence-list.js';
