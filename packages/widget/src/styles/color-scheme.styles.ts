// A dark look for the panel that follows the reader's system setting (`theme="auto"`, the
// default), or is chosen with `theme="dark"` / kept away with `theme="light"`. Only the root
// components (the widget, the console) carry it: they set the inherited `--_dark-*` defaults
// that every component inside reads after the partner's own `--atrium-*` values, so a colour a
// partner sets always wins, and the launcher keeps the partner's brand colours in both looks.
import { css } from 'lit';

const dark = css`
  --_dark-accent: #6cb0ff;
  --_dark-on-accent: #0d1117;
  --_dark-surface: #161b22;
  --_dark-surface-alt: #0d1117;
  --_dark-text: #e6edf3;
  --_dark-muted: #a4afbb;
  --_dark-border: #4a525c;
  --_dark-focus: #6cb0ff;
  --_dark-danger: #ff8e86;
  --_dark-success: #5fd36f;
  --_dark-mark: #4d3d00;
  color-scheme: dark;
`;

export const colorSchemeStyles = css`
  @media (prefers-color-scheme: dark) {
    :host(:not([theme='light'])) {
      ${dark}
    }
  }

  :host([theme='dark']) {
    ${dark}
  }
`;
