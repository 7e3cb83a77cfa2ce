// The patron's context as a librarian reads it (page, record, search, language): a list of
// "term: value" lines, the same in the queue and in an open chat.
import { css } from 'lit';

export const contextListStyles = css`
  .context div {
    display: flex;
    gap: 0.3em;
  }

  .context dt {
    font-weight: 600;
  }

  .context dt::after {
    content: ':';
  }

  .context dd {
    margin: 0;
    overflow-wrap: anywhere;
  }

  .context a {
    color: var(--_accent);
  }
`;
