// Where the patron came from (the page, the record, what they searched for), shown with a
// waiting chat and in the open chat so the librarian starts with the patron's context.
import type { ChatContext } from '@atrium/sdk';
import { html, nothing, type TemplateResult } from 'lit';
import type { ConsoleTranslation } from '../../translations/console/translations.js';
import type { Formatters } from '../../localize/formatters.js';
import { safeUrl } from '../../internal/safe-url.js';

export function renderPatronContext(
  context: ChatContext | undefined,
  recordTitle: string | undefined,
  t: ConsoleTranslation,
  f: Formatters,
): TemplateResult | typeof nothing {
  if (!context) return nothing;
  const page = safeUrl(context.pageUrl);
  const language = context.language ? (f.languageName(context.language) ?? context.language) : undefined;
  const rows: TemplateResult[] = [];
  if (page) {
    rows.push(
      html`<div><dt>${t.queue.page}</dt><dd><a href=${page} target="_blank" rel="noopener noreferrer">${displayUrl(page)}</a></dd></div>`,
    );
  } else if (context.pageUrl) {
    rows.push(html`<div><dt>${t.queue.page}</dt><dd>${context.pageUrl}</dd></div>`);
  }
  if (context.recordId) rows.push(html`<div><dt>${t.queue.record}</dt><dd>${recordTitle ?? context.recordId}</dd></div>`);
  if (context.query) rows.push(html`<div><dt>${t.queue.search}</dt><dd>${context.query}</dd></div>`);
  if (language) rows.push(html`<div><dt>${t.queue.language}</dt><dd>${language}</dd></div>`);
  return rows.length ? html`<dl class="context" part="context">${rows}</dl>` : nothing;
}

/** A page address without the scheme, short enough for a dense list. */
function displayUrl(url: string): string {
  const parsed = new URL(url);
  const text = `${parsed.host}${parsed.pathname === '/' ? '' : parsed.pathname}${parsed.search}`;
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}
