import type { Connection } from 'mongoose';
import { agentSchema } from './agent.js';
import { apiKeySchema } from './api-key.js';
import { cannedReplyKeySchema, cannedReplySchema } from './canned-reply.js';
import { channelAccountSchema } from './channel-account.js';
import { conversationSchema } from './conversation.js';
import { customerSchema } from './customer.js';
import { departmentSchema } from './department.js';
import { integrationSchema } from './integration.js';
import { integrationCacheSchema } from './integration-cache.js';
import { counterSchema, eventSchema } from './event.js';
import { messageSchema } from './message.js';
import { paymentAccountSchema, paymentRequestSchema, paymentWebhookReceiptSchema } from './payment-request.js';
import { presenceConnectionSchema, presenceLeaseSchema } from './presence.js';
import { sessionSchema } from './session.js';
import { suggestionSettingsSchema } from './suggestion-settings.js';
import { surveySchema } from './survey.js';
import { surveyResponseSchema } from './survey-response.js';
import { tenantSchema } from './tenant.js';
import { verificationCodeSchema } from './verification-code.js';
import { visitorSessionSchema } from './visitor.js';
import { webhookReceiptSchema } from './webhook-receipt.js';
import { whatsappTemplateSchema } from './whatsapp-template.js';

/** Binds every model to one connection, so several desks can share a process in tests. */
export function bindModels(connection: Connection) {
  return {
    Tenant: connection.model('Tenant', tenantSchema),
    Agent: connection.model('Agent', agentSchema),
    Session: connection.model('Session', sessionSchema),
    ApiKey: connection.model('ApiKey', apiKeySchema),
    PresenceLease: connection.model('PresenceLease', presenceLeaseSchema),
    PresenceConnection: connection.model('PresenceConnection', presenceConnectionSchema),
    Department: connection.model('Department', departmentSchema),
    Customer: connection.model('Customer', customerSchema),
    Conversation: connection.model('Conversation', conversationSchema),
    Message: connection.model('Message', messageSchema),
    VisitorSession: connection.model('VisitorSession', visitorSessionSchema),
    Event: connection.model('Event', eventSchema),
    Counter: connection.model('Counter', counterSchema),
    CannedReply: connection.model('CannedReply', cannedReplySchema),
    CannedReplyKey: connection.model('CannedReplyKey', cannedReplyKeySchema),
    ChannelAccount: connection.model('ChannelAccount', channelAccountSchema),
    WebhookReceipt: connection.model('WebhookReceipt', webhookReceiptSchema),
    WhatsAppTemplate: connection.model('WhatsAppTemplate', whatsappTemplateSchema),
    Integration: connection.model('Integration', integrationSchema),
    IntegrationCache: connection.model('IntegrationCache', integrationCacheSchema),
    PaymentRequest: connection.model('PaymentRequest', paymentRequestSchema),
    PaymentAccount: connection.model('PaymentAccount', paymentAccountSchema),
    PaymentWebhookReceipt: connection.model('PaymentWebhookReceipt', paymentWebhookReceiptSchema),
    VerificationCode: connection.model('VerificationCode', verificationCodeSchema),
    SuggestionSettings: connection.model('SuggestionSettings', suggestionSettingsSchema),
    Survey: connection.model('Survey', surveySchema),
    SurveyResponse: connection.model('SurveyResponse', surveyResponseSchema),
  };
}

export type Models = ReturnType<typeof bindModels>;
