// Defaults for every --atrium-* token and the few utility rules all components share. A token
// the partner leaves unset falls back to the dark look's value when one is in force
// (styles/color-scheme.styles.ts), else to the light default.
import { css } from 'lit';

export const baseStyles = css`
  :host {
    --_accent: var(--atrium-color-accent, var(--_dark-accent, #0b5cad));
    --_on-accent: var(--atrium-color-on-accent, var(--_dark-on-accent, #ffffff));
    --_surface: var(--atrium-color-surface, var(--_dark-surface, #ffffff));
    --_surface-alt: var(--atrium-color-surface-alt, var(--_dark-surface-alt, #f4f6f8));
    --_text: var(--atrium-color-text, var(--_dark-text, #1f2328));
    --_muted: var(--atrium-color-muted, var(--_dark-muted, #57606a));
    --_border: var(--atrium-color-border, var(--_dark-border, #c5ced8));
    --_focus: var(--atrium-color-focus, var(--_dark-focus, #0b5cad));
    --_danger: var(--atrium-color-danger, var(--_dark-danger, #b42318));
    --_success: var(--atrium-color-success, var(--_dark-success, #1a7f37));
    --_mark: var(--atrium-color-mark, var(--_dark-mark, #ffe98a));
    --_radius: var(--atrium-radius, 0.5rem);
    --_space: var(--atrium-spacing, 1rem);
    --_font: var(
      --atrium-font-family,
      system-ui,
      -apple-system,
      'Segoe UI',
      Roboto,
      'Noto Sans',
      'PingFang TC',
      'Microsoft JhengHei',
      sans-serif
    );
    font-family: var(--_font);
    font-size: var(--atrium-font-size, 1rem);
    line-height: 1.5;
    color: var(--_text);
  }

  :host([hidden]) {
    display: none !important;
  }

  [hidden] {
    display: none !important;
  }

  *,
  *::before,
  *::after {
    box-sizing: border-box;
  }

  :focus-visible {
    outline: 3px solid var(--_focus);
    outline-offset: 2px;
  }

  .visually-hidden {
    position: absolute !important;
    inline-size: 1px;
    block-size: 1px;
    padding: 0;
    margin: -1px;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
    border: 0;
  }

  button,
  input,
  select {
    font: inherit;
    color: inherit;
  }

  .button {
    display: inline-flex;
    align-items: center;
    justify-content: center;
    gap: 0.4em;
    min-block-size: 2.75rem;
    padding: 0.5em 1em;
    border: 1px solid var(--_accent);
    border-radius: var(--_radius);
    background: var(--_accent);
    color: var(--_on-accent);
    font-weight: 600;
    cursor: pointer;
  }

  .button.secondary {
    background: var(--_surface);
    color: var(--_accent);
  }

  .button:hover {
    filter: brightness(1.1);
  }

  .button:disabled {
    cursor: progress;
    opacity: 0.7;
  }

  /* A busy indicator beside "Searching…" and the like; the words carry the meaning. */
  .spinner {
    display: inline-block;
    inline-size: 1em;
    block-size: 1em;
    margin-inline-end: 0.5em;
    vertical-align: -0.125em;
    border: 2px solid currentColor;
    border-inline-end-color: transparent;
    border-radius: 50%;
    animation: spin 0.8s linear infinite;
  }

  @keyframes spin {
    to {
      transform: rotate(1turn);
    }
  }

  @media (prefers-reduced-motion: reduce) {
    *,
    *::before,
    *::after {
      animation-duration: 0.01ms !important;
      transition-duration: 0.01ms !important;
    }
  }
`;
