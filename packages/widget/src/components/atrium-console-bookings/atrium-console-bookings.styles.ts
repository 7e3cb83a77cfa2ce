import { css } from 'lit';

export default css`
  :host {
    display: block;
  }

  h2 {
    margin: 0 0 var(--_space);
    font-size: 1.25em;
  }

  h3 {
    margin: var(--_space) 0 0.5rem;
    font-size: 1.1em;
  }

  h3:focus {
    outline: none;
  }

  h4 {
    margin: 0.75rem 0 0.25rem;
    font-size: 1em;
  }

  .toolbar {
    display: flex;
    flex-wrap: wrap;
    align-items: end;
    gap: 0 var(--_space);
  }

  .toolbar .actions {
    margin-block-end: 0.75rem;
  }

  .zone,
  .muted,
  .empty {
    color: var(--_muted);
  }

  .zone {
    margin: 0;
    font-size: 0.875em;
  }

  .email {
    display: block;
    font-weight: normal;
    font-size: 0.875em;
  }

  .table-scroll {
    overflow-x: auto;
  }

  table {
    inline-size: 100%;
    border-collapse: collapse;
  }

  th,
  td {
    padding: 0.5rem;
    border-block-end: 1px solid var(--_border);
    text-align: start;
    vertical-align: top;
  }

  thead th {
    font-size: 0.875em;
    color: var(--_muted);
  }

  tr.cancelled td,
  tr.cancelled th,
  tr.no_show td,
  tr.no_show th {
    color: var(--_muted);
  }

  .status {
    font-weight: 600;
  }

  .status-confirmed {
    color: var(--_success);
  }

  .row-actions {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
  }

  .button.danger {
    border-color: var(--_danger);
    background: var(--_danger);
    color: var(--_on-accent);
  }

  .button.secondary.danger {
    background: var(--_surface);
    color: var(--_danger);
  }

  .confirm {
    margin-block: 0.75rem;
    padding: 0.75rem var(--_space);
    border: 2px solid var(--_danger);
    border-radius: var(--_radius);
    background: var(--_surface-alt);
  }

  .confirm p {
    margin: 0 0 0.5rem;
  }

  .hold-list {
    display: grid;
    gap: 0.5rem;
    margin: 0;
    padding: 0;
    list-style: none;
  }

  .hold {
    padding: 0.75rem;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
  }

  .hold p {
    margin: 0 0 0.25rem;
  }

  .hold-title {
    font-weight: 600;
  }

  .hold .note {
    margin-block: 0.5rem;
  }

  .history {
    margin: 0.25rem 0;
    padding-inline-start: 1.25rem;
  }

  details.closed {
    margin-block-start: var(--_space);
  }

  summary {
    cursor: pointer;
  }

  .problem-box:empty {
    display: none;
  }
`;
