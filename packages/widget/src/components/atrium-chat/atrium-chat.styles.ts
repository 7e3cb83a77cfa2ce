import { css } from 'lit';

// While chatting the component is a column as tall as the space it is given: the log scrolls,
// the status and composer stay in view (on a phone with the on-screen keyboard open too).
export default css`
  :host {
    display: flex;
    flex-direction: column;
    block-size: 100%;
    min-block-size: 0;
    background: var(--_surface);
  }

  .page,
  .chat.ended {
    flex: 1 1 auto;
    min-block-size: 0;
    overflow-y: auto;
    padding: var(--_space);
  }

  .chat.open {
    display: flex;
    flex-direction: column;
    flex: 1 1 auto;
    min-block-size: 0;
  }

  .intro,
  .notice {
    margin: 0 0 0.75rem;
  }

  .notice {
    font-weight: 600;
  }

  textarea {
    max-block-size: 8rem;
    field-sizing: content;
  }

  .hints {
    display: flex;
    flex-wrap: wrap;
    justify-content: space-between;
    gap: 0 0.75rem;
    font-size: 0.8125rem;
    color: var(--_muted);
  }

  .hints p {
    margin: 0;
  }

  .count {
    font-variant-numeric: tabular-nums;
  }

  .count.near {
    color: var(--_danger);
    font-weight: 600;
  }

  kbd {
    padding: 0 0.25em;
    border: 1px solid var(--_border);
    border-radius: 0.25rem;
    font: inherit;
  }

  .queue-status {
    flex: none;
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.25rem 0.75rem;
    padding: 0.5rem var(--_space);
    border-block-end: 1px solid var(--_border);
    background: var(--_surface-alt);
  }

  .status-text {
    flex: 1 1 12rem;
    min-inline-size: 0;
  }

  .queue-status p {
    margin: 0;
  }

  .status-line {
    font-weight: 600;
  }

  .nobody {
    flex: 1 0 100%;
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.25rem 0.5rem;
  }

  .nobody p {
    flex: 1 1 12rem;
  }

  .nobody .button {
    min-block-size: 2.25rem;
    padding-block: 0.25em;
  }

  .log {
    flex: 1 1 auto;
    min-block-size: 0;
    /* Bounds the log where the column has no height to share out (inline, no panel height). */
    max-block-size: max(60dvh, 12rem);
    overflow-y: auto;
    overscroll-behavior: contain;
    padding: 0.5rem var(--_space);
  }

  .chat.ended .log {
    overflow: visible;
    max-block-size: none;
    padding-inline: 0;
  }

  .log:focus-visible {
    outline-offset: -3px;
  }

  .log ol {
    display: flex;
    flex-direction: column;
    gap: 0.75rem;
    margin: 0;
    padding: 0;
    list-style: none;
  }

  .message {
    display: grid;
    gap: 0.125rem;
    max-inline-size: 85%;
  }

  .message.mine {
    margin-inline-start: auto;
    justify-items: end;
  }

  .message p {
    margin: 0;
  }

  .meta {
    display: flex;
    flex-wrap: wrap;
    gap: 0 0.5rem;
    font-size: 0.8125rem;
    color: var(--_muted);
  }

  .sender {
    font-weight: 600;
    color: var(--_text);
  }

  .affiliation {
    font-size: 0.8125rem;
    color: var(--_muted);
  }

  .text {
    padding: 0.5rem 0.75rem;
    border-radius: var(--_radius);
    background: var(--_surface-alt);
    border: 1px solid var(--_border);
    white-space: pre-wrap;
    overflow-wrap: anywhere;
  }

  .mine .text {
    background: var(--_accent);
    border-color: var(--_accent);
    color: var(--_on-accent);
  }

  .pending .text {
    opacity: 0.85;
  }

  .undelivered .text {
    background: var(--_surface);
    border: 2px dashed var(--_danger);
    color: var(--_text);
  }

  .state {
    font-size: 0.8125rem;
    color: var(--_muted);
  }

  .state.waiting,
  .undelivered .state {
    color: var(--_danger);
  }

  .note {
    align-self: center;
    font-size: 0.8125rem;
    color: var(--_muted);
    text-align: center;
  }

  .typing {
    margin: 0.5rem 0 0;
    font-size: 0.875rem;
    font-style: italic;
    color: var(--_muted);
  }

  .connection {
    flex: none;
    margin: 0;
    padding: 0.25rem var(--_space);
    background: var(--_surface-alt);
    border-block-start: 1px solid var(--_border);
    font-weight: 600;
  }

  .composer {
    flex: none;
    display: grid;
    gap: 0.25rem;
    padding: 0.5rem var(--_space) 0.25rem;
    border-block-start: 1px solid var(--_border);
    background: var(--_surface);
  }

  .composer-row {
    display: flex;
    align-items: flex-end;
    gap: 0.5rem;
  }

  .composer textarea {
    flex: 1;
  }

  .send {
    flex: none;
  }

  .chat-actions {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
    align-items: center;
  }

  .queue-status .chat-actions .button {
    min-block-size: 2.25rem;
    padding-block: 0.25em;
  }

  .queue-status .confirm {
    flex: 1 0 100%;
  }

  .queue-status .chat-actions:has(.confirm) {
    flex: 1 0 100%;
  }

  /* A short screen (a phone with its keyboard open): keep the status brief and the composer whole. */
  @media (max-height: 30rem) {
    .queue-status {
      max-block-size: 35dvh;
      overflow-y: auto;
      padding-block: 0.25rem;
      font-size: 0.875rem;
    }

    .nobody-hint {
      display: none;
    }

    .log {
      padding-block: 0.25rem;
    }

    .composer .hint {
      display: none;
    }
  }

  .confirm {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
    align-items: center;
  }

  .confirm p {
    flex: 1 0 100%;
    margin: 0;
  }

  .section-title {
    margin: var(--_space) 0 0.25rem;
    font-size: 1.0625rem;
  }

  .section-title:focus {
    outline: none;
  }

  .section-title:focus-visible {
    outline: 3px solid var(--_focus);
  }

  .after > p {
    margin: 0 0 0.75rem;
  }

  .rating {
    margin-block-end: var(--_space);
  }

  fieldset {
    display: grid;
    gap: 0.25rem;
    margin: 0 0 0.75rem;
    padding: 0;
    border: 0;
  }

  legend {
    margin-block-end: 0.25rem;
    padding: 0;
    font-weight: 600;
  }

  .score {
    display: flex;
    align-items: center;
    gap: 0.5rem;
    min-block-size: 2.75rem;
    cursor: pointer;
  }

  .score input {
    inline-size: 1.5rem;
    block-size: 1.5rem;
    margin: 0;
    accent-color: var(--_accent);
  }

  .thanks {
    margin: 0;
    color: var(--_success);
    font-weight: 600;
  }

  /* Busy buttons stay focusable (a disabled one would drop the keyboard user's focus). */
  .button[aria-disabled='true'] {
    cursor: progress;
    opacity: 0.7;
  }

  .problem-box:empty {
    display: none;
  }

  .problem-box {
    flex: none;
    padding: 0.5rem var(--_space);
  }

  .page .problem-box,
  .chat.ended .problem-box {
    padding-inline: 0;
  }

  @media (forced-colors: active) {
    .mine .text {
      border: 2px solid CanvasText;
    }
  }
`;
