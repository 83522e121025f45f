/**
 * Test-only: the XSS payloads the security suite stores in every user-supplied text, and
 * the table of those texts. Shared by the seeding plugin (`web-test-runner.xss.mjs`, in
 * Node) and the test (`xss.test.ts`, in Chromium), so both know exactly what was stored.
 */

/** The page's tripwire: every payload sets this global if it ever runs. */
export const TRIPWIRE = '__xss';

/**
 * Markup, links, template syntax and text tricks; each runs `__xss=<n>` if it is ever
 * parsed as markup, followed as a link or evaluated as a template. Most telling first.
 */
export const PIECES: readonly string[] = [
  '<img src=x onerror=__xss=1>',
  '<svg onload=__xss=2>',
  '<script>__xss=3</script>',
  '"><iframe srcdoc="<script>parent.__xss=4</script>">',
  "'><input autofocus onfocus=__xss=5>",
  '<a href="javascript:__xss=6">link</a>',
  '[md](javascript:__xss=7)',
  '<details open ontoggle=__xss=8>',
  '<math><mi><style><img src=x onerror=__xss=9>',
  '<?lit$4242$>',
  '<!--?lit$4242$-->',
  'lit$4242$',
  '{{constructor.constructor("__xss=10")()}}',
  '${__xss=11}',
  'javascript:__xss=12',
  'data:text/html,<script>parent.__xss=13</script>',
  '<body onload=__xss=14>',
  '\u202Egnp.exe\u202C',
  'zero\u200Bwidth\u200Djoin',
];

/**
 * `label` (each field's own, `#fieldName`, so no value is part of another) then as many pieces as fit in `max` characters (pieces `exclude` matches are
 * left out: a field's own rules, e.g. no `{{` in a template). Always holds markup.
 */
export function payload(label: string, max: number, exclude?: RegExp): string {
  let text = label;
  for (const piece of PIECES) {
    if (exclude?.test(piece)) continue;
    if (text.length + 1 + piece.length <= max) text += ` ${piece}`;
  }
  if (!/[<>]/.test(text)) throw new Error(`no markup fits in ${max} characters after "${label}"`);
  return text;
}

/** No template syntax: template texts take only `{{n}}`, canned replies only their known placeholders. */
const NO_BRACES = /\{\{/;
/** File names lose folders (`/`, `\`) and format characters (direction marks, zero-width joiners). */
const FILE_NAME = /[\\/\u200B-\u200F\u202A-\u202E\u2060-\u206F]/;

/**
 * Every user-supplied text the suite stores, as stored. Each test says which of them its
 * element must show as text; the suite checks at the end that every one was seen somewhere.
 * New fields: add a line here, store it in the plugin, expect it where it shows.
 */
export const FIELDS = {
  // The team.
  adminName: payload('#adminName', 120),
  supervisorName: payload('#supervisorName', 120),
  agentName: payload('#agentName', 120),
  secondAgentName: payload('#secondAgentName', 120),
  departmentName: payload('#departmentName', 80),
  // The desk's settings.
  businessName: payload('#businessName', 120),
  logoUrl: `https://127.0.0.1:1/logo.png?q=${payload('#logoUrl', 200)}`,
  greeting: payload('#greeting', 1_000),
  noAgentText: payload('#noAgentText', 1_000),
  outsideHoursText: payload('#outsideHoursText', 1_000),
  inactivityText: payload('#inactivityText', 1_000),
  // The customer, as the portal vouches for them (identity token claims).
  customerName: payload('#customerName', 120),
  customerEmail: payload('#customerEmail', 254).toLowerCase(),
  customerPhone: payload('+34 6001 #p', 40),
  externalId: payload('#externalId', 200),
  duplicateName: payload('#duplicateName', 120),
  // What agents write about the customer.
  notes: payload('#notes\n', 10_000),
  attributeValue: payload('#attributeValue', 500),
  // Stored past the schema (see the plugin): keys and tags the schema only takes as plain words.
  attributeKey: payload('#attributeKey', 40),
  language: payload('#language', 40),
  tag: payload('#tag', 40),
  // Web chats.
  firstMessage: payload('#firstMessage', 10_000),
  everyPayload: payload('#everyPayload', 10_000),
  lastMessage: `refund please ${payload('#lastMessage', 10_000)}`,
  agentReply: payload('#agentReply', 10_000),
  subject: payload('#subject', 200),
  address: payload('#address', 300),
  imageName: `${payload('#imageName', 190, FILE_NAME)}.png`,
  fileName: `${payload('#fileName', 190, FILE_NAME)}.txt`,
  transferNote: payload('#transferNote', 1_000),
  closeReason: payload('#closeReason', 500),
  paymentDescription: payload('#paymentDescription', 200),
  visitorName: payload('#visitorName', 120),
  queuedName: payload('#queuedName', 120),
  // Canned replies and suggestions.
  // Stored as `${cannedBody} for {{customer.name}}, {{agent.name}}`; short enough for the menu's preview.
  cannedTitle: payload('refund #cannedTitle', 120),
  cannedBody: payload('#cannedBody', 130, NO_BRACES),
  pastAnswer: `Your refund is on its way ${payload('#pastAnswer', 2_000)}`,
  // WhatsApp.
  whatsappName: payload('#whatsappName', 120),
  whatsappText: payload('#whatsappText', 10_000),
  // Stored as `Order {{1}} ${templateHeader}` and `Hi {{2}}, ${templateBody} order {{1}}`.
  templateHeader: payload('#templateHeader', 48, NO_BRACES),
  templateBody: payload('#templateBody', 1_000, NO_BRACES),
  templateFooter: payload('#templateFooter', 60, NO_BRACES),
  templateQuickReply: payload('#tq', 25, NO_BRACES),
  templateUrlText: payload('#tu', 25, NO_BRACES),
  templateVariable1: payload('#templateVariable1', 1_000, /\n/),
  templateVariable2: payload('#templateVariable2', 1_000, /\n/),
  // The satisfaction survey.
  ratingQuestion: payload('#ratingQuestion', 200),
  textQuestion: payload('#textQuestion', 200),
  choiceQuestion: payload('#choiceQuestion', 200),
  choiceOne: payload('#choiceOne', 100),
  choiceTwo: payload('#choiceTwo', 100),
  thankYou: payload('#thankYou', 500),
  surveyComment: payload('#surveyComment', 2_000),
  // A connected app's answer.
  integrationName: payload('#integrationName', 80),
  integrationLabel: payload('#integrationLabel', 500),
  integrationValue: payload('#integrationValue', 500),
  integrationLinkText: payload('#integrationLinkText', 500),
  failingIntegrationName: payload('#failingIntegrationName', 80),
  cachedIntegrationName: payload('#cachedIntegrationName', 80),
  cachedLabel: payload('#cachedLabel', 500),
  cachedValue: payload('#cachedValue', 500),
} as const;

export type Field = keyof typeof FIELDS;

/**
 * URLs no element may ever put in an `href` or `src`: the plugin stores them past the
 * schema (avatars, a cached app answer) and asks the server to store them (which it refuses).
 */
export const HOSTILE_URLS: readonly string[] = [
  'javascript:__xss=20',
  ' JaVaScRiPt:__xss=21',
  'java\tscript:__xss=22',
  'data:text/html,<script>parent.__xss=23</script>',
  'vbscript:__xss=24',
];

/** The connected app's one link: https, with markup in its query (the contract caps links at 500 characters). */
export const CRM_LINK = `https://crm.example/accounts?q=${encodeURIComponent('"><svg onload=__xss=2>')}`;

/** The template's URL button: https, with markup in its query. */
export const TEMPLATE_URL = `https://127.0.0.1:1/track?q=${payload('#templateUrl', 200)}`;
