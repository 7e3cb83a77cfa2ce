import { css } from 'lit';

export default css`
  :host {
    display: block;
  }

  .hold {
    margin-block: var(--_space);
    padding-block-start: 0.5rem;
  }

  h4,
  h5 {
    margin: 0.5rem 0;
  }

  h4:focus {
    outline: none;
  }

  .hold-status {
    font-weight: 600;
    color: var(--_success);
  }

  .history {
    margin: 0;
    padding-inline-start: 1.25rem;
  }

  .problem-box:empty {
    display: none;
  }
`;
