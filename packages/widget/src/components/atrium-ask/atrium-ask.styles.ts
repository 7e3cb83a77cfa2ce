import { css } from 'lit';

export default css`
  :host {
    display: block;
    padding: var(--_space);
    background: var(--_surface);
  }

  .intro {
    margin: 0 0 0.75rem;
  }

  .hint {
    margin: 0.25rem 0;
    color: var(--_muted);
    font-size: 0.875em;
  }

  .counter {
    text-align: end;
    font-variant-numeric: tabular-nums;
  }

  .counter.low {
    color: var(--_text);
    font-weight: 600;
  }

  .context {
    margin-block: 0.5rem 0.75rem;
    padding: 0.5rem 0.75rem;
    border-radius: var(--_radius);
    background: var(--_surface-alt);
    font-size: 0.875em;
  }

  .context-title {
    margin: 0;
    font-weight: 600;
  }

  .context ul {
    margin: 0.25rem 0 0;
    padding-inline-start: 1.25rem;
    overflow-wrap: anywhere;
  }

  .section-title {
    margin: 0 0 0.5rem;
    font-size: 1.0625rem;
  }

  .section-title:focus {
    outline: none;
  }

  .section-title:focus-visible {
    outline: 3px solid var(--_focus);
  }

  .success {
    color: var(--_success);
  }

  .confirmation p {
    margin: 0.5rem 0;
  }

  .link-row {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
  }

  .link-row input {
    flex: 1 1 12rem;
  }

  .problem-box:empty {
    display: none;
  }

  .problem-box {
    margin-block-start: 0.75rem;
  }

  .questions {
    margin-block-start: calc(var(--_space) * 1.5);
    padding-block-start: var(--_space);
    border-block-start: 1px solid var(--_border);
  }

  .questions-head {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    justify-content: space-between;
    gap: 0.5rem;
  }

  .button.small {
    min-block-size: 2rem;
    padding-block: 0.25em;
    font-size: 0.875em;
  }

  .question-list,
  .thread {
    margin: 0;
    padding: 0;
    list-style: none;
  }

  .question {
    padding-block: 0.75rem;
    border-block-end: 1px solid var(--_border);
  }

  .question-text {
    margin: 0;
    font-size: 1em;
    white-space: pre-wrap;
    overflow-wrap: anywhere;
  }

  .meta {
    display: flex;
    flex-wrap: wrap;
    gap: 0.25rem 0.75rem;
    margin: 0.25rem 0 0.5rem;
    color: var(--_muted);
    font-size: 0.875em;
  }

  .status {
    font-weight: 600;
    color: var(--_text);
  }

  .status-answered {
    color: var(--_success);
  }

  .message {
    margin-block: 0.5rem;
    padding: 0.5rem 0.75rem;
    border-inline-start: 3px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface-alt);
  }

  .message.answer {
    border-inline-start-color: var(--_success);
  }

  .message.patron {
    background: var(--_surface);
  }

  .message p {
    margin: 0;
  }

  .who {
    color: var(--_muted);
    font-size: 0.875em;
  }

  .body {
    white-space: pre-wrap;
    overflow-wrap: anywhere;
  }

  .badge {
    padding: 0 0.375em;
    border-radius: var(--_radius);
    background: var(--_accent);
    color: var(--_on-accent);
    font-weight: 600;
  }

  .follow-up {
    margin-block-start: 0.5rem;
  }

  .link-button {
    min-block-size: 1.5rem;
    margin-block-start: 0.5rem;
    padding: 0;
    border: 0;
    background: none;
    color: var(--_accent);
    text-decoration: underline;
    cursor: pointer;
  }

  @media (forced-colors: active) {
    .badge {
      border: 1px solid CanvasText;
    }
  }
`;
