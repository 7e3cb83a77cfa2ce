// Answers librarians published to the knowledge base, shown above the catalogue results when
// they match the same search, with the catalogue records each answer links. They are a bonus:
// if the knowledge base fails, search goes on.
import type { KbEntry } from '@atrium/sdk';
import { css, html, nothing, type ReactiveController, type ReactiveControllerHost, type TemplateResult } from 'lit';
import type { AtriumClient } from '../../client/client-registry.js';
import { renderLinkedRecords } from '../../internal/linked-records.js';
import type { Translation } from '../../translations/translations.js';

/** A few answers, kept short: they sit above the results, not instead of them. */
const SHOWN = 3;

export class KbAnswers implements ReactiveController {
  private readonly host: ReactiveControllerHost;
  private entries: KbEntry[] = [];
  private readonly expanded = new Set<string>();
  private abort: AbortController | undefined;

  constructor(host: ReactiveControllerHost) {
    this.host = host;
    host.addController(this);
  }

  hostDisconnected(): void {
    this.abort?.abort();
  }

  /** Looks for published answers to `q`; what was shown for the previous query goes at once. */
  async search(client: AtriumClient, q: string): Promise<void> {
    this.abort?.abort();
    const abort = (this.abort = new AbortController());
    this.entries = [];
    this.expanded.clear();
    this.host.requestUpdate();
    try {
      const entries = await client.kb.search({ q, limit: SHOWN }, { signal: abort.signal });
      if (abort.signal.aborted) return;
      this.entries = entries.slice(0, SHOWN);
      this.host.requestUpdate();
    } catch {
      // Nothing to add to the results this time.
    }
  }

  private toggle(id: string): void {
    if (this.expanded.has(id)) this.expanded.delete(id);
    else this.expanded.add(id);
    this.host.requestUpdate();
  }

  /** `openRecord` shows a linked record's details in place of the results. */
  render(t: Translation, memberName: (id: string) => string, openRecord: (id: string) => void): TemplateResult | typeof nothing {
    if (this.entries.length === 0) return nothing;
    return html`<section class="kb" part="kb-answers" aria-labelledby="kb-heading">
      <h3 class="kb-heading" id="kb-heading">${t.kb.heading}</h3>
      <ul class="kb-list">
        ${this.entries.map((entry) => {
          const open = this.expanded.has(entry.id);
          return html`<li class="kb-entry">
            <button
              class="kb-toggle"
              type="button"
              aria-expanded=${open ? 'true' : 'false'}
              aria-controls="kb-answer-${entry.id}"
              @click=${() => this.toggle(entry.id)}
            >
              <span class="kb-marker" aria-hidden="true">${open ? '▾' : '▸'}</span><span class="kb-question">${entry.question}</span>
            </button>
            <p class="kb-by">${t.kb.answeredBy(memberName(entry.answeredBy))}</p>
            <div class="kb-answer" id="kb-answer-${entry.id}" ?hidden=${!open}>
              <p class="kb-answer-text">${entry.answer}</p>
              ${renderLinkedRecords({
                records: entry.records,
                label: t.kb.records,
                labelId: `kb-linked-${entry.id}`,
                memberName,
                open: openRecord,
              })}
            </div>
          </li>`;
        })}
      </ul>
    </section>`;
  }
}

export const kbAnswersStyles = css`
  .kb {
    margin-block-end: 0.75rem;
    padding: 0.5rem 0.75rem;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface-alt);
  }

  .kb-heading {
    margin: 0 0 0.25rem;
    font-size: 1rem;
  }

  .kb-list {
    margin: 0;
    padding: 0;
    list-style: none;
  }

  .kb-entry + .kb-entry {
    margin-block-start: 0.5rem;
    padding-block-start: 0.5rem;
    border-block-start: 1px solid var(--_border);
  }

  .kb-toggle {
    display: flex;
    gap: 0.375rem;
    inline-size: 100%;
    min-block-size: 1.5rem;
    padding: 0;
    border: 0;
    background: none;
    color: var(--_accent);
    font-weight: 600;
    text-align: start;
    cursor: pointer;
  }

  .kb-question {
    overflow-wrap: anywhere;
  }

  .kb-by {
    margin: 0.125rem 0 0;
    padding-inline-start: 1.125rem;
    color: var(--_muted);
    font-size: 0.875em;
  }

  .kb-answer {
    margin-block-start: 0.375rem;
    padding-inline-start: 1.125rem;
  }

  .kb-answer-text {
    margin: 0;
    white-space: pre-wrap;
    overflow-wrap: anywhere;
  }
`;
