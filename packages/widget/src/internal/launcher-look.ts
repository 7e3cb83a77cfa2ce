// The launcher's look, shared by the loader's lightweight launcher and <atrium-widget>'s own,
// so swapping one for the other when the widget arrives changes nothing on screen.
// Plain strings (no Lit) because the loader must stay a few KB.

export const launcherIcon =
  '<svg viewBox="0 0 24 24" aria-hidden="true" focusable="false"><path fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" d="M10.5 4a6.5 6.5 0 1 1 0 13 6.5 6.5 0 0 1 0-13zM15.3 15.3 20 20"/></svg>';

export const launcherCss = `
.dock {
  position: fixed;
  inset-inline-end: var(--atrium-offset, 1.25rem);
  inset-block-end: var(--atrium-offset, 1.25rem);
  z-index: var(--atrium-z-index, 1000);
}
.launcher {
  display: inline-flex;
  align-items: center;
  gap: 0.5em;
  min-block-size: 3rem;
  padding: 0.75em 1.25em;
  border: 0;
  border-radius: 999px;
  background: var(--atrium-color-accent, #0b5cad);
  color: var(--atrium-color-on-accent, #ffffff);
  font: 600 1rem/1.2 var(--atrium-font-family, system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "PingFang TC", "Microsoft JhengHei", sans-serif);
  box-shadow: 0 0.25rem 1rem rgb(0 0 0 / 0.25);
  cursor: pointer;
}
.launcher:hover { filter: brightness(1.12); }
.launcher:focus-visible {
  outline: 3px solid var(--atrium-color-focus, #0b5cad);
  outline-offset: 3px;
}
.launcher[aria-busy="true"] { cursor: progress; opacity: 0.85; }
.launcher svg { inline-size: 1.25em; block-size: 1.25em; flex: none; }
@media (forced-colors: active) {
  .launcher { border: 2px solid ButtonText; }
}
`;
