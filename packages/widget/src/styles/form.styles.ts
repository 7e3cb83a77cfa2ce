// Labelled fields and text boxes with their error messages, shared by every form of the widget and the console.
import { css } from 'lit';

export const formStyles = css`
  .field {
    display: grid;
    gap: 0.25rem;
    margin-block-end: 0.75rem;
  }

  .field label {
    font-weight: 600;
  }

  .field input,
  .field select {
    min-inline-size: 0;
    min-block-size: 2.75rem;
    padding: 0.5rem 0.75rem;
    border: 1px solid var(--_muted);
    border-radius: var(--_radius);
    background: var(--_surface);
  }

  .field .hint {
    margin: 0;
    color: var(--_muted);
    font-size: 0.875em;
  }

  textarea {
    inline-size: 100%;
    min-inline-size: 0;
    min-block-size: 2.75rem;
    padding: 0.5rem 0.75rem;
    border: 1px solid var(--_muted);
    border-radius: var(--_radius);
    background: var(--_surface);
    color: inherit;
    font: inherit;
    resize: vertical;
  }

  textarea[aria-invalid='true'],
  .field [aria-invalid='true'] {
    border-color: var(--_danger);
  }

  .field-error,
  .problem {
    margin: 0;
    color: var(--_danger);
  }

  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
  }
`;
