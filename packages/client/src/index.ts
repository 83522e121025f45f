/**
 * The typed deskkit client for browsers (and any runtime with global
 * `EventSource`/`WebSocket`). Node resolves `./node.ts` instead (its build, `dist/node`).
 */
import type { inferRouterInputs, inferRouterOutputs } from '@trpc/server';
import type { AppRouter } from '@deskkit/server';

export { createDeskClient, closeDeskClient, type DeskClient, type DeskClientOptions } from './create-desk-client.js';
export { TRPCClientError, isTRPCClientError } from '@trpc/client';
export { uploadFile, UploadError, type UploadedFile, type UploadErrorCode, type UploadFileOptions } from './upload.js';
export type { AppRouter };
export type RouterInputs = inferRouterInputs<AppRouter>;
export type RouterOutputs = inferRouterOutputs<AppRouter>;
export type PresenceEntry = RouterOutputs['presence']['list']['agents'][number];
export type AgentProfile = RouterOutputs['auth']['me']['agent'];
/** One agent's row on the supervisor desk (`agents.load`). */
export type AgentLoadEntry = RouterOutputs['agents']['load'][number];
export type {
  AgentLiveEvent,
  VisitorLiveEvent,
  AttachmentView,
  ChatEvent,
  ConversationView,
  DeliveryView,
  LocationView,
  MessageKind,
  MessageView,
  PaymentView,
  TemplateMessageView,
  VerifiedBy,
  VisitorChatEvent,
  VisitorConversationView,
  VisitorMessageView,
  DepartmentView,
} from '@deskkit/server';
export type ConversationPage = RouterOutputs['conversations']['list'];
export type PaymentRequestView = RouterOutputs['payments']['list'][number];
export type ConversationCounts = RouterOutputs['conversations']['counts'];
export type QueueView = RouterInputs['conversations']['list']['view'];
export type ConversationFilter = NonNullable<RouterInputs['conversations']['list']['filter']>;
export type ConversationSort = NonNullable<RouterInputs['conversations']['list']['sort']>;
export type CustomerView = RouterOutputs['customers']['get'];
export type DeskSettings = RouterOutputs['settings']['get'];
export type CustomerDuplicate = RouterOutputs['customers']['duplicates'][number];
export type CustomerHistoryPage = RouterOutputs['customers']['history'];
export type IntegrationView = RouterOutputs['integrations']['list'][number];
export type SurveyView = RouterOutputs['surveys']['get'];
export type SurveyResultsView = RouterOutputs['surveys']['results'];
export type VisitorSurveyView = NonNullable<RouterOutputs['webchat']['survey']>;
export type IntegrationResult = RouterOutputs['customers']['integrationData'][number];
