import { css } from 'lit';

export default css`
  :host {
    display: block;
    padding: var(--_space);
    background: var(--_surface);
  }

  .hint {
    margin: 0.5rem 0;
    color: var(--_muted);
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

  .success {
    color: var(--_success);
  }

  .grid {
    display: grid;
    gap: 0.75rem;
    margin-block: 0.5rem var(--_space);
  }

  .day {
    display: flex;
    flex-wrap: wrap;
    gap: 0.375rem;
  }

  .day-name {
    flex: 1 0 100%;
    font-weight: 600;
  }

  .slot {
    display: grid;
    min-inline-size: 6.5rem;
    min-block-size: 2.75rem;
    padding: 0.25rem 0.5rem;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface-alt);
    cursor: pointer;
    font-variant-numeric: tabular-nums;
  }

  .slot-places {
    font-size: 0.8125rem;
    color: var(--_muted);
  }

  .slot[aria-selected='true'] {
    border-color: var(--_accent);
    background: var(--_accent);
    color: var(--_on-accent);
  }

  .slot[aria-selected='true'] .slot-places {
    color: inherit;
  }

  .slot.full,
  .slot.empty {
    cursor: not-allowed;
    background: var(--_surface);
    color: var(--_muted);
  }

  .slot.full .slot-time {
    text-decoration: line-through;
  }

  .chosen {
    margin: 0 0 0.75rem;
  }

  .confirmation p,
  .saved p {
    margin: 0.5rem 0;
  }

  .calendar {
    color: var(--_accent);
    font-weight: 600;
  }

  .actions {
    margin-block: 0.5rem;
    align-items: center;
  }

  .confirm-cancel p {
    flex: 1 0 100%;
  }

  .saved ul {
    margin: 0;
    padding: 0;
    list-style: none;
  }

  .saved li {
    padding-block: 0.5rem;
    border-block-end: 1px solid var(--_border);
  }

  .problem-box:empty {
    display: none;
  }

  .problem-box {
    margin-block-start: 0.75rem;
  }


  @media (forced-colors: active) {
    .slot[aria-selected='true'] {
      border: 3px solid Highlight;
    }
  }
`;
