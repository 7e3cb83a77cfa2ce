import { css } from 'lit';

export default css`
  :host {
    display: block;
  }
  .setup {
    max-width: 36rem;
    margin: 3rem auto;
    padding: 0 1rem;
  }
  form,
  section {
    display: grid;
    gap: 0.75rem;
  }
  .hint {
    margin: 0.25rem 0 0;
    font-size: 0.875em;
    color: var(--_muted);
  }
  .problem {
    color: var(--_danger);
    margin: 0;
  }
  ol {
    display: grid;
    gap: 0.5rem;
    padding-inline-start: 1.25rem;
  }
  code {
    font-family: ui-monospace, monospace;
    overflow-wrap: anywhere;
  }
  .button {
    justify-self: start;
  }
`;
