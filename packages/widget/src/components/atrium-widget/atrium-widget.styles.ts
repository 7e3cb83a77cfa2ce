import { css, unsafeCSS } from 'lit';
import { launcherCss } from '../../internal/launcher-look.js';
import { SMALL_SCREEN } from './small-screen.js';

export default [
  unsafeCSS(launcherCss),
  css`
    :host {
      display: contents;
    }

    :host([placement='inline']) {
      display: block;
    }

    .panel {
      display: flex;
      flex-direction: column;
      background: var(--_surface);
      color: var(--_text);
      border: 1px solid var(--_border);
      border-radius: var(--_radius);
      overflow: hidden;
    }

    /* The floating panel is a <dialog>: undo the browser's dialog box styles first. */
    .panel.floating {
      position: fixed;
      inset: auto;
      margin: 0;
      padding: 0;
      max-inline-size: none;
      max-block-size: none;
      inset-inline-end: var(--atrium-offset, 1.25rem);
      inset-block-end: calc(var(--atrium-offset, 1.25rem) + 3.75rem);
      z-index: var(--atrium-z-index, 1000);
      inline-size: min(var(--atrium-panel-width, 28rem), calc(100vw - 2 * var(--atrium-offset, 1.25rem)));
      block-size: min(var(--atrium-panel-height, 42rem), calc(100dvh - 6rem));
      box-shadow: 0 0.75rem 2.5rem rgb(0 0 0 / 0.3);
    }

    .panel.floating:not([open]) {
      display: none;
    }

    .panel.floating::backdrop {
      background: rgb(0 0 0 / 0.4);
    }

    .panel.inline {
      block-size: var(--atrium-panel-height, auto);
      min-block-size: 20rem;
    }

    /* Small phones and heavy zoom: the floating panel takes the whole screen. */
    @media ${unsafeCSS(SMALL_SCREEN)} {
      .panel.floating {
        inset: 0;
        inline-size: auto;
        block-size: auto;
        border: 0;
        border-radius: 0;
      }
    }

    .header {
      display: flex;
      align-items: center;
      gap: 0.5rem;
      padding: 0.5rem 0.5rem 0.5rem var(--_space);
      background: var(--_accent);
      color: var(--_on-accent);
    }

    .titles {
      flex: 1;
      min-inline-size: 0;
    }

    .title {
      margin: 0;
      font-size: 1.125rem;
      line-height: 1.3;
    }

    .subtitle {
      margin: 0;
      font-size: 0.8125rem;
      opacity: 0.9;
    }

    .close {
      display: inline-grid;
      place-items: center;
      inline-size: 2.75rem;
      block-size: 2.75rem;
      flex: none;
      padding: 0;
      border: 0;
      border-radius: var(--_radius);
      background: transparent;
      color: inherit;
      cursor: pointer;
    }

    .close:hover {
      background: rgb(255 255 255 / 0.15);
    }

    .close:focus-visible {
      outline-color: var(--_on-accent);
      outline-offset: -3px;
    }

    .close svg {
      inline-size: 1.5rem;
      block-size: 1.5rem;
    }

    .tabs {
      display: flex;
      gap: 0.25rem;
      padding: 0 var(--_space);
      border-block-end: 1px solid var(--_border);
      background: var(--_surface-alt);
      overflow-x: auto;
    }

    .tab {
      min-block-size: 2.75rem;
      padding: 0.5rem 0.75rem;
      border: 0;
      border-block-end: 3px solid transparent;
      background: transparent;
      color: var(--_muted);
      font-weight: 600;
      cursor: pointer;
      white-space: nowrap;
    }

    .tab[aria-selected='true'] {
      color: var(--_accent);
      border-block-end-color: var(--_accent);
    }

    .tab:focus-visible {
      outline-offset: -3px;
    }

    .tabpanel {
      flex: 1;
      min-block-size: 0;
      overflow-y: auto;
      overscroll-behavior: contain;
    }

    .tabpanel:focus-visible {
      outline-offset: -3px;
    }

    @media (forced-colors: active) {
      .tab[aria-selected='true'] {
        border-block-end-color: Highlight;
      }
    }
  `,
];
