/**
 * @license MIT
 * The profile's edit form: a draft of the editable fields, the changes to send, and
 * the server's field errors mapped back onto the inputs.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { live } from 'lit/directives/live.js';
import type { RouterInputs, RouterOutputs } from '@deskkit/client';
import type { LocalizeController } from '../../utilities/localize.js';
import type { ProfileTerms } from '../../translations/en/customer-profile.js';

export type CustomerView = RouterOutputs['customers']['get'];
export type CustomerUpdate = RouterInputs['customers']['update'];

export const MAX_NOTES = 10_000;

export interface ProfileDraft {
  name: string;
  email: string;
  phone: string;
  language: string;
  notes: string;
  /** In the order shown; `id` keeps each row's inputs stable while rows are added and removed. */
  attributes: Array<{ id: number; key: string; value: string }>;
}

let rowIds = 0;
export const newAttributeRow = (key = '', value = '') => ({ id: ++rowIds, key, value });

export function draftOf(profile: CustomerView): ProfileDraft {
  return {
    name: profile.name,
    email: profile.email ?? '',
    phone: profile.phone ?? '',
    language: profile.language,
    notes: profile.notes,
    attributes: Object.entries(profile.attributes).map(([key, value]) => newAttributeRow(key, value)),
  };
}

/** Only what changed (an empty email or phone clears it). */
export function changesOf(profile: CustomerView, draft: ProfileDraft): CustomerUpdate {
  const update: CustomerUpdate = { customerId: profile.id };
  if (draft.name.trim() !== profile.name) update.name = draft.name;
  if (draft.email.trim() !== (profile.email ?? '')) update.email = draft.email.trim() || null;
  if (draft.phone.trim() !== (profile.phone ?? '')) update.phone = draft.phone.trim() || null;
  if (draft.language.trim() !== profile.language) update.language = draft.language;
  if (draft.notes !== profile.notes) update.notes = draft.notes;
  const attributes = Object.fromEntries(draft.attributes.filter((a) => a.key.trim() || a.value.trim()).map((a) => [a.key.trim(), a.value]));
  if (JSON.stringify(attributes) !== JSON.stringify(profile.attributes)) update.attributes = attributes;
  return update;
}

/**
 * The server names each invalid field (`email`, `attributes.1bad`, `attributes`): errors by
 * the form's own field names, attribute keys folded into `attributes`.
 */
export function fieldErrorsOf(err: unknown): Record<string, string> {
  const fields = (err as { data?: { fields?: Record<string, string[]> | null } } | null)?.data?.fields;
  const errors: Record<string, string> = {};
  for (const [path, messages] of Object.entries(fields ?? {})) {
    const field = path.startsWith('attributes') ? 'attributes' : path;
    const message = path.startsWith('attributes.') ? `${path.slice('attributes.'.length)}: ${messages.join(', ')}` : messages.join(', ');
    errors[field] = errors[field] ? `${errors[field]}; ${message}` : message;
  }
  return errors;
}

type TextField = 'name' | 'email' | 'phone' | 'language';

/** The form; `onInput` gets the changed draft. */
export function renderForm(options: {
  draft: ProfileDraft;
  errors: Record<string, string>;
  saving: boolean;
  localize: LocalizeController<keyof ProfileTerms>;
  onInput: (draft: ProfileDraft) => void;
  onSubmit: (event: Event) => void;
  onCancel: () => void;
}): TemplateResult {
  const { draft, errors, saving, localize: l, onInput } = options;
  const field = (name: TextField, label: string, type: string, extra: { autocomplete?: string; hint?: string } = {}) => {
    const errorId = `error-${name}`;
    const hintId = `hint-${name}`;
    const describedBy = [extra.hint ? hintId : '', errors[name] ? errorId : ''].filter(Boolean).join(' ');
    return html`<div class="field" part="field">
      <label for="field-${name}">${label}</label>
      <input
        id="field-${name}"
        name=${name}
        type=${type}
        autocomplete=${extra.autocomplete ?? 'off'}
        .value=${live(draft[name])}
        aria-invalid=${errors[name] ? 'true' : 'false'}
        aria-describedby=${describedBy || nothing}
        @input=${(e: InputEvent) => onInput({ ...draft, [name]: (e.target as HTMLInputElement).value })}
      />
      ${extra.hint ? html`<span class="hint" id=${hintId}>${extra.hint}</span>` : nothing}
      ${errors[name] ? html`<span class="field-error" part="field-error" id=${errorId}>${errors[name]}</span>` : nothing}
    </div>`;
  };
  const setRow = (id: number, change: Partial<{ key: string; value: string }>) =>
    onInput({ ...draft, attributes: draft.attributes.map((a) => (a.id === id ? { ...a, ...change } : a)) });
  return html`<form part="form" novalidate @submit=${options.onSubmit} aria-busy=${saving ? 'true' : 'false'}>
    ${Object.keys(errors).length ? html`<p class="error" part="error" role="alert">${l.term('profileFixErrors')}</p>` : nothing}
    ${field('name', l.term('profileName'), 'text', { autocomplete: 'off' })} ${field('email', l.term('profileEmail'), 'email')}
    ${field('phone', l.term('profilePhone'), 'tel')} ${field('language', l.term('profileLanguage'), 'text', { hint: l.term('profileLanguageHint') })}
    <div class="field" part="field">
      <label for="field-notes">${l.term('profileNotes')}</label>
      <textarea
        id="field-notes"
        name="notes"
        rows="4"
        maxlength=${MAX_NOTES}
        .value=${live(draft.notes)}
        aria-invalid=${errors.notes ? 'true' : 'false'}
        aria-describedby="notes-count ${errors.notes ? 'error-notes' : ''}"
        @input=${(e: InputEvent) => onInput({ ...draft, notes: (e.target as HTMLTextAreaElement).value })}
      ></textarea>
      <span class="hint" id="notes-count">${l.term('profileNotesCount', draft.notes.length, MAX_NOTES)}</span>
      ${errors.notes ? html`<span class="field-error" part="field-error" id="error-notes">${errors.notes}</span>` : nothing}
    </div>
    <fieldset part="attributes-editor" aria-describedby=${errors.attributes ? 'error-attributes' : nothing}>
      <legend>${l.term('profileAttributes')}</legend>
      ${draft.attributes.map(
        (row) => html`<div class="attribute-row" part="attribute-row">
          <input
            name="attribute-key"
            aria-label=${l.term('profileAttributeKey')}
            placeholder=${l.term('profileAttributeKey')}
            maxlength="40"
            .value=${live(row.key)}
            @input=${(e: InputEvent) => setRow(row.id, { key: (e.target as HTMLInputElement).value })}
          />
          <input
            name="attribute-value"
            aria-label=${l.term('profileAttributeValue')}
            placeholder=${l.term('profileAttributeValue')}
            maxlength="500"
            .value=${live(row.value)}
            @input=${(e: InputEvent) => setRow(row.id, { value: (e.target as HTMLInputElement).value })}
          />
          <button
            type="button"
            class="icon"
            aria-label=${l.term('profileRemoveAttribute', row.key)}
            @click=${() => onInput({ ...draft, attributes: draft.attributes.filter((a) => a.id !== row.id) })}
          >
            ×
          </button>
        </div>`,
      )}
      <button type="button" data-action="add-attribute" @click=${() => onInput({ ...draft, attributes: [...draft.attributes, newAttributeRow()] })}>
        ${l.term('profileAddAttribute')}
      </button>
      ${errors.attributes ? html`<span class="field-error" part="field-error" id="error-attributes">${errors.attributes}</span>` : nothing}
    </fieldset>
    <div class="form-actions">
      <button type="submit" part="save" class="primary" ?disabled=${saving}>${saving ? l.term('profileSaving') : l.term('profileSave')}</button>
      <button type="button" data-action="cancel" ?disabled=${saving} @click=${options.onCancel}>${l.term('profileCancel')}</button>
    </div>
  </form>`;
}
