// The name and email a patron gives to book or place a hold: checked in the page before
// the relay sees them, each error tied to its field so screen readers read it with the field.
import { html, nothing, type TemplateResult } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import type { Translation } from '../translations/translations.js';

export interface PatronDraft {
  name: string;
  email: string;
}

export type PatronErrors = Partial<Record<keyof PatronDraft, string>>;

// The same rule as the relay's in spirit: something@something.something, no spaces.
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function checkPatron(draft: PatronDraft, t: Translation): PatronErrors {
  const errors: PatronErrors = {};
  if (!draft.name.trim()) errors.name = t.patron.nameMissing;
  if (!EMAIL.test(draft.email.trim())) errors.email = t.patron.emailInvalid;
  return errors;
}

/** Ids are prefixed so two forms in one shadow root never share them. */
export function renderPatronFields(
  prefix: string,
  draft: PatronDraft,
  errors: PatronErrors,
  t: Translation,
  onInput: (field: keyof PatronDraft, value: string) => void,
): TemplateResult {
  const field = (name: keyof PatronDraft, type: string, autocomplete: string) => {
    const id = `${prefix}-${name}`;
    const error = errors[name];
    return html`<div class="field">
      <label for=${id}>${t.patron[name]}</label>
      <input
        id=${id}
        name=${name}
        type=${type}
        autocomplete=${autocomplete}
        maxlength="200"
        aria-invalid=${error ? 'true' : 'false'}
        aria-describedby=${ifDefined(error ? `${id}-error` : undefined)}
        .value=${draft[name]}
        @input=${(event: Event) => onInput(name, (event.target as HTMLInputElement).value)}
      />
      ${error ? html`<p class="field-error" id="${id}-error">${error}</p>` : nothing}
    </div>`;
  };
  return html`${field('name', 'text', 'name')}${field('email', 'email', 'email')}`;
}
