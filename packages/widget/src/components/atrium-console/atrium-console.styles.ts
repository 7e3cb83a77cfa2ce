import { css } from 'lit';

export default css`
  :host {
    display: block;
    min-block-size: 100vh;
    background: var(--_surface);
    font-size: var(--atrium-font-size, 0.9375rem);
  }

  h1 {
    margin: 0;
    font-size: 1.15rem;
  }

  h2 {
    margin: 0 0 0.5rem;
    font-size: 1rem;
  }

  h3 {
    margin: 0;
    font-size: 0.95rem;
  }

  ul {
    list-style: none;
    margin: 0;
    padding: 0;
  }

  .sign-in {
    max-inline-size: 24rem;
    margin: 3rem auto;
    padding: var(--_space);
  }

  .sign-in form {
    margin-block-start: 1rem;
  }

  .bar {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5rem 1rem;
    padding: 0.5rem 1rem;
    border-block-end: 1px solid var(--_border);
    background: var(--_surface-alt);
  }

  .bar .who {
    color: var(--_muted);
    margin-inline-end: auto;
  }

  .button {
    min-block-size: 2.25rem;
    padding: 0.25em 0.8em;
  }

  .presence {
    display: flex;
    gap: 0.25rem;
    margin: 0;
    padding: 0;
    border: 0;
  }

  .presence legend {
    float: left;
    margin-inline-end: 0.5rem;
    font-weight: 600;
  }

  .presence-choice {
    display: inline-flex;
    align-items: center;
    gap: 0.3em;
    padding: 0.2em 0.6em;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    cursor: pointer;
  }

  .presence-choice:has(input:checked) {
    border-color: var(--_accent);
    font-weight: 600;
  }

  .status-line p {
    margin: 0;
    padding: 0.4rem 1rem;
  }

  .reconnecting {
    background: var(--_mark);
  }

  .notice {
    border-block-end: 1px solid var(--_border);
  }

  nav {
    display: flex;
    gap: 0.25rem;
    padding: 0.25rem 1rem 0;
    border-block-end: 1px solid var(--_border);
  }

  .view {
    padding: 0.4rem 0.8rem;
    border: 0;
    border-block-end: 3px solid transparent;
    background: none;
    cursor: pointer;
  }

  .view[aria-current='page'] {
    border-block-end-color: var(--_accent);
    font-weight: 600;
  }

  main {
    padding: 0.75rem 1rem;
  }

  .desk {
    display: grid;
    grid-template-columns: minmax(16rem, 22rem) minmax(12rem, 16rem) 1fr;
    gap: 1rem;
    align-items: start;
    min-block-size: 70vh;
  }

  @media (max-width: 60rem) {
    .desk {
      grid-template-columns: 1fr;
    }
  }

  .queue,
  .chats {
    padding: 0.5rem;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface-alt);
  }

  .count {
    font-weight: 400;
    color: var(--_muted);
    font-size: 0.875em;
  }

  .queue-item {
    display: grid;
    gap: 0.25rem;
    padding: 0.5rem;
    margin-block-end: 0.5rem;
    border: 1px solid var(--_border);
    border-inline-start: 4px solid var(--_accent);
    border-radius: var(--_radius);
    background: var(--_surface);
  }

  .queue-item.overflow {
    border-inline-start-color: var(--_muted);
  }

  .item-head {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
    align-items: baseline;
    justify-content: space-between;
  }

  .badge {
    padding: 0 0.4em;
    border-radius: 999px;
    border: 1px solid currentColor;
    font-size: 0.8em;
    white-space: nowrap;
  }

  .badge.own {
    color: var(--_accent);
  }

  .badge.unread {
    border-color: var(--_accent);
    background: var(--_accent);
    color: var(--_on-accent);
  }

  .waited,
  .preview,
  .transfer {
    margin: 0;
  }

  .waited {
    font-variant-numeric: tabular-nums;
    color: var(--_muted);
    font-size: 0.875em;
  }

  .preview {
    overflow-wrap: anywhere;
  }

  .transfer {
    font-size: 0.875em;
  }

  .context {
    display: grid;
    gap: 0.1rem;
    margin: 0;
    font-size: 0.85em;
    color: var(--_muted);
  }

  .chat-entry {
    display: grid;
    gap: 0.15rem;
    inline-size: 100%;
    margin-block-end: 0.25rem;
    padding: 0.4rem 0.5rem;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
    text-align: start;
    cursor: pointer;
  }

  .chat-entry[aria-current='true'] {
    border-color: var(--_accent);
    box-shadow: inset 4px 0 0 var(--_accent);
  }

  .chat-entry .last {
    overflow: hidden;
    white-space: nowrap;
    text-overflow: ellipsis;
    color: var(--_muted);
    font-size: 0.85em;
  }

  kbd {
    font-family: ui-monospace, monospace;
    font-size: 0.8em;
    padding: 0 0.3em;
    border: 1px solid var(--_border);
    border-radius: 0.25rem;
  }

  .empty {
    color: var(--_muted);
  }

  .conversation {
    min-inline-size: 0;
  }

  .shortcuts {
    margin-block-start: 1rem;
    font-size: 0.875em;
  }

  .shortcuts dl {
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(18rem, 1fr));
    gap: 0.25rem 1rem;
  }

  .shortcuts dl div {
    display: flex;
    gap: 0.5rem;
  }

  .shortcuts dd {
    margin: 0;
  }
`;
