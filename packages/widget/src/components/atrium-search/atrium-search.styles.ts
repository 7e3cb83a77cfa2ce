import { css } from 'lit';

export default css`
  :host {
    display: block;
    container-type: inline-size;
    padding: var(--_space);
    background: var(--_surface);
  }

  .form {
    display: grid;
    /* Without the 0 minimum the search box's intrinsic width pushes the button off a phone screen. */
    grid-template-columns: minmax(0, 1fr);
    gap: 0.375rem;
    margin-block-end: var(--_space);
  }

  .label {
    font-weight: 600;
  }

  .search-row {
    display: flex;
    gap: 0.5rem;
  }

  input[type='search'] {
    flex: 1;
    min-inline-size: 0;
    min-block-size: 2.75rem;
    padding: 0.5rem 0.75rem;
    border: 1px solid var(--_muted);
    border-radius: var(--_radius);
    background: var(--_surface);
  }

  input[type='search'][aria-invalid='true'] {
    border-color: var(--_danger);
  }

  .hint {
    margin: 0.5rem 0;
    color: var(--_muted);
  }

  .error-text {
    color: var(--_danger);
  }

  .toolbar {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    justify-content: space-between;
    gap: 0.5rem;
    margin-block-end: 0.75rem;
  }

  .sort {
    display: flex;
    align-items: center;
    gap: 0.5rem;
  }

  select {
    min-block-size: 2.75rem;
    padding: 0.25rem 0.5rem;
    border: 1px solid var(--_muted);
    border-radius: var(--_radius);
    background: var(--_surface);
  }

  .layout {
    display: grid;
    gap: var(--_space);
  }

  .facets {
    display: none;
    padding: 0.75rem;
    border-radius: var(--_radius);
    background: var(--_surface-alt);
  }

  .facets.open {
    display: block;
  }

  .facets-heading {
    margin: 0 0 0.5rem;
    font-size: 1rem;
  }

  .filters-toggle::after {
    content: '';
    inline-size: 0.5em;
    block-size: 0.5em;
    margin-inline-start: 0.25em;
    border-inline-end: 2px solid currentColor;
    border-block-end: 2px solid currentColor;
    transform: translateY(-0.15em) rotate(45deg);
  }

  .filters-toggle[aria-expanded='true']::after {
    transform: translateY(0.15em) rotate(-135deg);
  }

  /* Wide enough for a side column: filters are always shown and need no toggle. */
  @container (min-width: 44rem) {
    .layout {
      grid-template-columns: minmax(12rem, 16rem) 1fr;
      align-items: start;
    }

    .facets {
      display: block;
    }

    .filters-toggle {
      display: none;
    }
  }

  .facet {
    margin: 0 0 0.75rem;
    padding: 0;
    border: 0;
    min-inline-size: 0;
  }

  .facet legend {
    padding: 0;
    margin-block-end: 0.25rem;
    font-weight: 600;
  }

  .facet-values {
    margin: 0;
    padding: 0;
    list-style: none;
  }

  .facet-option {
    display: flex;
    align-items: center;
    gap: 0.5rem;
    min-block-size: 2.25rem;
    cursor: pointer;
  }

  .facet-option input {
    inline-size: 1.125rem;
    block-size: 1.125rem;
    margin: 0;
    flex: none;
    accent-color: var(--_accent);
  }

  .facet-label {
    flex: 1;
    min-inline-size: 0;
    overflow-wrap: anywhere;
  }

  .count {
    flex: none;
    padding: 0 0.5em;
    border-radius: 999px;
    background: var(--_surface);
    color: var(--_muted);
    font-size: 0.875em;
  }

  .link-button {
    min-block-size: 2.25rem;
    padding: 0.25rem 0;
    border: 0;
    background: none;
    color: var(--_accent);
    text-decoration: underline;
    cursor: pointer;
  }

  .results:focus {
    outline: none;
  }

  .summary {
    margin: 0 0 0.5rem;
    font-size: 1rem;
  }

  .summary:focus-visible {
    outline: 3px solid var(--_focus);
  }

  .result-list {
    margin: 0;
    padding: 0;
    list-style: none;
  }

  .result-list.stale {
    opacity: 0.6;
  }

  .result {
    padding-block: 0.75rem;
    border-block-end: 1px solid var(--_border);
  }

  .result p {
    margin: 0.125rem 0 0;
  }

  .result-title {
    margin: 0;
    font-size: 1.0625rem;
    line-height: 1.35;
  }

  button.title {
    display: inline;
    padding: 0;
    border: 0;
    background: none;
    color: var(--_accent);
    font-weight: 600;
    text-align: start;
    text-decoration: underline;
    text-underline-offset: 0.15em;
    cursor: pointer;
    overflow-wrap: anywhere;
  }

  button.title:hover {
    text-decoration-thickness: 2px;
  }

  mark {
    padding: 0 0.05em;
    border-radius: 0.15em;
    background: var(--_mark);
    color: inherit;
  }

  .creators {
    overflow-wrap: anywhere;
  }

  .meta {
    display: flex;
    flex-wrap: wrap;
    gap: 0 0.75rem;
    color: var(--_muted);
    font-size: 0.875rem;
  }

  .availability,
  .status {
    font-size: 0.875rem;
    font-weight: 600;
    color: var(--_muted);
  }

  .is-available {
    color: var(--_success);
  }

  .shown {
    margin: 0.75rem 0 0.5rem;
    color: var(--_muted);
    font-size: 0.875rem;
  }

  .load-more {
    inline-size: 100%;
  }

  .error {
    padding: 0.75rem var(--_space);
    border: 1px solid var(--_danger);
    border-inline-start-width: 4px;
    border-radius: var(--_radius);
    color: var(--_danger);
    background: var(--_surface);
  }

  .error p {
    margin: 0 0 0.5rem;
    color: var(--_text);
  }


  .record h4 {
    margin: 1.25rem 0 0.5rem;
    font-size: 1rem;
  }

  .back {
    margin-block-end: 0.75rem;
  }

  .record-title {
    margin: 0 0 0.75rem;
    font-size: 1.25rem;
    line-height: 1.3;
    overflow-wrap: anywhere;
  }

  .record-title:focus-visible {
    outline: 3px solid var(--_focus);
  }

  .thumbnail {
    display: block;
    max-inline-size: min(12rem, 100%);
    max-block-size: 16rem;
    margin-block-end: 0.75rem;
    border-radius: var(--_radius);
  }

  .fields {
    display: grid;
    grid-template-columns: minmax(6rem, max-content) 1fr;
    gap: 0.375rem 1rem;
    margin: 0;
  }

  .fields dt {
    color: var(--_muted);
    font-weight: 600;
  }

  .fields dd {
    margin: 0;
    overflow-wrap: anywhere;
  }

  @container (max-width: 22rem) {
    .fields {
      grid-template-columns: 1fr;
      gap: 0;
    }

    .fields dd {
      margin-block-end: 0.5rem;
    }
  }

  .subjects {
    margin: 0;
    padding-inline-start: 1.1rem;
  }

  .description {
    white-space: pre-line;
    overflow-wrap: anywhere;
  }

  .holdings {
    display: grid;
    gap: 0.5rem;
    margin: 0;
    padding: 0;
    list-style: none;
  }

  .holding {
    padding: 0.625rem 0.75rem;
    border-radius: var(--_radius);
    background: var(--_surface-alt);
  }

  .holding-place {
    margin: 0 0 0.25rem;
  }

  .holding dl {
    display: grid;
    grid-template-columns: max-content 1fr;
    gap: 0.125rem 0.75rem;
    margin: 0;
  }

  .holding dt {
    color: var(--_muted);
  }

  .holding dd {
    margin: 0;
  }

  .call-number {
    font-family: ui-monospace, 'SFMono-Regular', Menlo, Consolas, monospace;
  }

  .external {
    color: var(--_accent);
  }

  @media (forced-colors: active) {
    mark {
      background: Mark;
      color: MarkText;
    }
  }
`;
