// The catalogue records a librarian linked in an answer, as the patron sees them under the
// answer (in "Your questions" and in the knowledge base answers above search results): each a
// button with the title and the holding member that opens the record.
import type { LinkedRecord } from '@atrium/sdk';
import { css, html, nothing, type TemplateResult } from 'lit';

export interface LinkedRecordsView {
  records: readonly LinkedRecord[];
  /** The visible label of the list, e.g. "Records the librarian pointed you to". */
  label: string;
  /** Unique in the shadow root: the list is labelled by it. */
  labelId: string;
  memberName(id: string): string;
  open(id: string): void;
}

export function renderLinkedRecords(view: LinkedRecordsView): TemplateResult | typeof nothing {
  if (view.records.length === 0) return nothing;
  return html`<div class="linked" part="linked-records">
    <p class="linked-label" id=${view.labelId}>${view.label}</p>
    <ul class="linked-list" aria-labelledby=${view.labelId}>
      ${view.records.map(
        (record) =>
          html`<li>
            <button class="linked-record" type="button" data-record=${record.id} @click=${() => view.open(record.id)}>
              <span class="linked-title">${record.title}</span>
              <span class="linked-member">${view.memberName(record.member)}</span>
            </button>
          </li>`,
      )}
    </ul>
  </div>`;
}

export const linkedRecordsStyles = css`
  .linked {
    margin-block-start: 0.5rem;
  }

  .linked .linked-label {
    margin: 0;
    color: var(--_muted);
    font-size: 0.875em;
  }

  .linked-list {
    margin: 0.25rem 0 0;
    padding: 0;
    list-style: none;
  }

  .linked-list li + li {
    margin-block-start: 0.25rem;
  }

  .linked-record {
    display: inline-flex;
    flex-wrap: wrap;
    align-items: baseline;
    gap: 0 0.5em;
    min-block-size: 1.5rem;
    padding: 0;
    border: 0;
    background: none;
    color: var(--_accent);
    text-align: start;
    cursor: pointer;
  }

  .linked-title {
    text-decoration: underline;
    overflow-wrap: anywhere;
  }

  .linked-member {
    color: var(--_muted);
    font-size: 0.875em;
  }
`;
