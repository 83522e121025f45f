/**
 * English terms of the WhatsApp template dialog, in `<chat-window>` and `<customer-profile>`
 * (where they load with the dialog).
 */
export interface TemplateTerms {
  windowTemplateTitle: string;
  windowTemplateChoose: string;
  windowTemplateNone: string;
  windowTemplateVariables: string;
  windowTemplateVariable: (n: number) => string;
  windowTemplatePreview: string;
  windowTemplateSend: string;
  windowTemplateRefused: (reason: string) => string;
  windowCancel: string;
}

export const templateTerms: TemplateTerms = {
  windowTemplateTitle: 'Send a WhatsApp template',
  windowTemplateChoose: 'Template',
  windowTemplateNone: 'There are no WhatsApp templates yet. An admin can add them.',
  windowTemplateVariables: 'Fill in the variables',
  windowTemplateVariable: (n) => `Variable ${n}`,
  windowTemplatePreview: 'Preview',
  windowTemplateSend: 'Send template',
  windowTemplateRefused: (reason) => `WhatsApp refused it: ${reason}`,
  windowCancel: 'Cancel',
};
