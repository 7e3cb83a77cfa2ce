import { css } from 'lit';

export default css`
  :host {
    display: block;
    min-block-size: 0;
  }

  .chat {
    display: grid;
    grid-template-rows: auto minmax(8rem, 1fr) auto auto auto;
    block-size: 100%;
    gap: 0.5rem;
  }

  .head {
    display: grid;
    gap: 0.25rem;
  }

  h2,
  h3 {
    margin: 0;
    font-size: 1.05rem;
  }

  .context {
    display: flex;
    flex-wrap: wrap;
    gap: 0 1rem;
    margin: 0;
    font-size: 0.875em;
    color: var(--_muted);
  }

  .actions,
  .composer-actions {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5rem;
  }

  .button {
    min-block-size: 2.25rem;
    padding: 0.25em 0.8em;
  }

  .button.danger {
    border-color: var(--_danger);
    background: var(--_danger);
  }

  .messages {
    list-style: none;
    margin: 0;
    padding: 0.5rem;
    overflow-y: auto;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface-alt);
    display: flex;
    flex-direction: column;
    gap: 0.4rem;
  }

  .message {
    max-inline-size: 80%;
    padding: 0.3rem 0.6rem;
    border-radius: var(--_radius);
    background: var(--_surface);
    border: 1px solid var(--_border);
  }

  .message.mine {
    align-self: flex-end;
  }

  .message.pending {
    opacity: 0.75;
    border-style: dashed;
  }

  .message.failed {
    border-color: var(--_danger);
  }

  .who {
    font-weight: 600;
    font-size: 0.8em;
    margin-inline-end: 0.5em;
  }

  time,
  .state {
    font-size: 0.8em;
    color: var(--_muted);
  }

  .message.failed .state {
    color: var(--_danger);
  }

  .text {
    margin: 0;
    white-space: pre-wrap;
    overflow-wrap: anywhere;
  }

  .typing {
    margin: 0;
    min-block-size: 1.5em;
    font-size: 0.875em;
    color: var(--_muted);
  }

  .composer {
    display: grid;
    gap: 0.25rem;
  }

  .composer label {
    font-weight: 600;
  }

  textarea,
  select {
    font: inherit;
    color: inherit;
    padding: 0.4rem 0.6rem;
    border: 1px solid var(--_muted);
    border-radius: var(--_radius);
    background: var(--_surface);
    resize: vertical;
  }

  .hint {
    margin: 0;
    font-size: 0.8em;
    color: var(--_muted);
  }

  .ended {
    margin: 0;
    font-weight: 600;
  }

  dialog {
    max-inline-size: min(32rem, 95vw);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
    color: var(--_text);
  }

  dialog::backdrop {
    background: rgb(0 0 0 / 0.4);
  }

  fieldset {
    margin: 0.75rem 0;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
  }

  legend {
    font-weight: 600;
  }

  .choice {
    display: flex;
    gap: 0.5rem;
    align-items: center;
    padding-block: 0.2rem;
  }
`;
