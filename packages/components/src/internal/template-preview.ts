/**
 * @license MIT
 * A WhatsApp template as the customer sees it (header, body, footer, buttons), shared by
 * the template send dialog (`<chat-window>`, `<customer-profile>`) and `<desk-settings>`'
 * template editor. Both load it with their lazy parts, and add `templatePreviewStyles` to
 * their shadow root then.
 */
import { css, html, nothing } from 'lit';

/** What the preview shows of a template (a stored one, or a draft being edited). */
export interface TemplateContent {
  header?: string | null;
  body: string;
  footer?: string | null;
  buttons: ReadonlyArray<{ type: string; text: string }>;
}

/** Fills `{{n}}` with the n-th value; empty ones stay as placeholders (the preview shows what is missing). */
export const fillTemplate = (text: string, values: readonly string[]) =>
  text.replace(/\{\{\s*(\d+)\s*\}\}/g, (match, n: string) => values[Number(n) - 1]?.trim() || match);

/** The template as a customer's message bubble, under `caption`, with `values` filled in. */
export function renderTemplatePreview(template: TemplateContent, values: readonly string[], caption: string) {
  const header = template.header ? fillTemplate(template.header, values) : null;
  const buttons = template.buttons.filter((b) => b.text.trim());
  return html`
    <figure class="template-preview" part="template-preview" aria-live="polite">
      <figcaption>${caption}</figcaption>
      <div class="bubble">
        ${header ? html`<strong class="template-header">${header}</strong>` : nothing}
        <div class="template-body">${fillTemplate(template.body, values)}</div>
        ${template.footer ? html`<small class="template-footer">${template.footer}</small>` : nothing}
        ${buttons.length
          ? html`<ul class="template-buttons">
              ${buttons.map((b) => html`<li data-type=${b.type}>${b.text}</li>`)}
            </ul>`
          : nothing}
      </div>
    </figure>
  `;
}

export const templatePreviewStyles = css`
  .template-preview {
    margin: 0;
    display: grid;
    gap: 0.25rem;
  }
  .template-preview figcaption {
    font-size: 0.75rem;
    color: var(--muted-color);
  }
  .template-preview .bubble {
    padding: 0.5rem 0.625rem;
    border-radius: calc(var(--radius) * 2);
    background: var(--customer-bubble-color, var(--subtle-color));
    overflow-wrap: anywhere;
  }
  /* The template's own line breaks show; the markup's whitespace between its parts does not (it made blank lines). */
  .template-preview :is(.template-header, .template-body, .template-footer) {
    white-space: pre-wrap;
  }
  .template-preview .template-header,
  .template-preview .template-footer {
    display: block;
  }
  .template-preview .template-buttons {
    display: flex;
    flex-wrap: wrap;
    gap: 0.25rem;
    margin: 0.25rem 0 0;
    padding: 0;
    list-style: none;
  }
  .template-preview .template-buttons li {
    padding: 0.125rem 0.5rem;
    border: 1px solid var(--border-color);
    border-radius: var(--radius);
  }
`;
