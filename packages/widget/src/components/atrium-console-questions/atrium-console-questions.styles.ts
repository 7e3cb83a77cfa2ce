import { css } from 'lit';

export default css`
  :host {
    display: block;
    container-type: inline-size;
  }

  h2 {
    margin: 0 0 0.25rem;
    font-size: 1.25em;
  }

  h3 {
    margin: 0 0 0.5rem;
    font-size: 1.1em;
  }

  h3:focus {
    outline: none;
  }

  h3:focus-visible {
    outline: 3px solid var(--_focus);
  }

  h4 {
    margin: 0.75rem 0 0.25rem;
    font-size: 1em;
  }

  .intro,
  .muted,
  .updated,
  .select-hint {
    color: var(--_muted);
  }

  .intro {
    margin: 0 0 0.75rem;
  }

  .toolbar {
    display: flex;
    flex-wrap: wrap;
    align-items: end;
    gap: 0 var(--_space);
  }

  .toolbar .button {
    margin-block-end: 0.75rem;
  }

  .updated {
    margin: 0 0 0.75rem;
    font-size: 0.875em;
  }

  .problem-box:empty {
    display: none;
  }

  .problem-box {
    margin-block-end: 0.75rem;
  }

  .layout {
    display: grid;
    grid-template-columns: minmax(0, 1fr);
    gap: var(--_space);
  }

  @container (min-width: 48rem) {
    .layout {
      grid-template-columns: minmax(14rem, 1fr) minmax(0, 2.5fr);
    }
  }

  .queue-list,
  .thread {
    margin: 0;
    padding: 0;
    list-style: none;
  }

  .queue-list li + li {
    margin-block-start: 0.375rem;
  }

  .queue-item {
    display: grid;
    gap: 0.25rem;
    inline-size: 100%;
    padding: 0.5rem 0.625rem;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
    text-align: start;
    cursor: pointer;
  }

  .queue-item.selected {
    border-color: var(--_accent);
    box-shadow: inset 3px 0 0 var(--_accent);
  }

  .excerpt {
    display: -webkit-box;
    overflow: hidden;
    -webkit-line-clamp: 2;
    -webkit-box-orient: vertical;
    overflow-wrap: anywhere;
  }

  .item-meta {
    display: flex;
    flex-wrap: wrap;
    gap: 0 0.75rem;
    color: var(--_muted);
    font-size: 0.8125em;
  }

  .status {
    font-weight: 600;
    color: var(--_text);
  }

  .status-answered {
    color: var(--_success);
  }

  .detail {
    display: grid;
    grid-template-columns: minmax(0, 1fr);
    gap: var(--_space);
    align-items: start;
  }

  @container (min-width: 64rem) {
    .detail {
      grid-template-columns: minmax(0, 2fr) minmax(12rem, 1fr);
    }
  }

  .question-text,
  .body {
    white-space: pre-wrap;
    overflow-wrap: anywhere;
  }

  .question-text {
    margin: 0 0 0.5rem;
    font-size: 1.0625em;
  }

  .facts,
  .policy dl {
    display: grid;
    grid-template-columns: max-content minmax(0, 1fr);
    gap: 0.25rem 0.75rem;
    margin: 0;
  }

  dt {
    font-weight: 600;
  }

  dd {
    margin: 0;
    overflow-wrap: anywhere;
  }

  dd .muted {
    display: block;
    font-size: 0.875em;
  }

  a {
    color: var(--_accent);
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

  .message p {
    margin: 0;
  }

  .who {
    color: var(--_muted);
    font-size: 0.875em;
  }

  .answer-form,
  .follow-up-form,
  .refer,
  .actions {
    margin-block-start: var(--_space);
  }

  .check {
    display: grid;
    grid-template-columns: auto minmax(0, 1fr);
    gap: 0 0.5rem;
    align-items: center;
    margin-block-end: 0.75rem;
  }

  .check input {
    inline-size: 1.25rem;
    block-size: 1.25rem;
  }

  .check label {
    font-weight: 600;
  }

  .check .hint {
    grid-column: 2;
    margin: 0;
    color: var(--_muted);
    font-size: 0.875em;
  }

  .message-records {
    margin: 0.375rem 0 0;
    padding-inline-start: 1.25rem;
    font-size: 0.9375em;
  }

  .record-title,
  .chip-title,
  .result-title {
    overflow-wrap: anywhere;
  }

  .record-links {
    margin-block-end: 0.75rem;
    padding: 0.5rem 0.75rem;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
  }

  .links-heading {
    margin: 0 0 0.25rem;
    font-weight: 600;
  }

  .links-none {
    margin: 0 0 0.5rem;
    font-size: 0.875em;
  }

  .chips,
  .record-results {
    margin: 0 0 0.5rem;
    padding: 0;
    list-style: none;
  }

  .chips {
    display: flex;
    flex-wrap: wrap;
    gap: 0.375rem;
  }

  .chip {
    display: inline-flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0 0.5rem;
    max-inline-size: 100%;
    padding: 0.125rem 0.125rem 0.125rem 0.625rem;
    border: 1px solid var(--_accent);
    border-radius: 999px;
    background: var(--_surface);
  }

  .chip-member,
  .result-meta {
    color: var(--_muted);
    font-size: 0.8125em;
  }

  .chip-remove {
    inline-size: 1.75rem;
    block-size: 1.75rem;
    padding: 0;
    border: 0;
    border-radius: 50%;
    background: none;
    font-size: 1.125em;
    line-height: 1;
    cursor: pointer;
  }

  .chip-remove:hover {
    background: var(--_surface-alt);
  }

  .record-search {
    display: flex;
    gap: 0.5rem;
  }

  .record-search input {
    flex: 1 1 auto;
  }

  .record-results li + li {
    margin-block-start: 0.25rem;
  }

  .record-result {
    display: grid;
    gap: 0.125rem;
    inline-size: 100%;
    padding: 0.375rem 0.625rem;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
    text-align: start;
    cursor: pointer;
  }

  .record-result[aria-disabled='true'] {
    border-color: var(--_success);
    cursor: default;
  }

  .refer summary {
    min-block-size: 1.5rem;
    color: var(--_accent);
    font-weight: 600;
    cursor: pointer;
  }

  .refer form {
    margin-block-start: 0.5rem;
  }

  .confirm p {
    flex: 1 0 100%;
    margin: 0;
  }

  .policy {
    padding: 0.75rem;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface-alt);
  }

  .policy dl {
    grid-template-columns: minmax(0, 1fr);
  }

  .policy dd + dt {
    margin-block-start: 0.375rem;
  }
`;
