// Live availability from a member's SRU server: one searchRetrieve (HTTP GET) per batch of
// records, asked by local id, answered as OPAC holdings or MARCXML 852 / 952 copies.
import type { Holding, HoldingStatus, SruConnectorConfig } from '@atrium/sdk';
import type { AvailabilityQuery, MemberConnector } from '../../domain/connectors/member-connector.js';
import { ConnectorAnswerError } from '../../domain/connectors/member-connector.js';
import { parseSruResponse, type RawCopy, type SruRecord } from './sru-response.js';

export class SruConnector implements MemberConnector {
  readonly kind = 'sru';

  constructor(
    private readonly member: string,
    private readonly config: SruConnectorConfig,
  ) {}

  async availability(records: readonly AvailabilityQuery[], signal: AbortSignal): Promise<ReadonlyMap<string, readonly Holding[]>> {
    const size = this.config.batch ?? 10;
    const batches: AvailabilityQuery[][] = [];
    for (let i = 0; i < records.length; i += size) batches.push(records.slice(i, i + size));
    const answers = await Promise.all(batches.map((batch) => this.ask(batch, signal)));
    return new Map(answers.flatMap((answer) => [...answer]));
  }

  private async ask(batch: readonly AvailabilityQuery[], signal: AbortSignal): Promise<Map<string, Holding[]>> {
    const index = this.config.idIndex ?? 'rec.id';
    const query = batch.map((record) => `${index}="${record.localId.replace(/["\\]/g, '\\$&')}"`).join(' or ');
    const url = new URL(this.config.url);
    if (this.config.database) url.pathname = `/${this.config.database}`;
    url.searchParams.set('operation', 'searchRetrieve');
    url.searchParams.set('version', this.config.version ?? '1.2');
    url.searchParams.set('query', query);
    url.searchParams.set('maximumRecords', String(batch.length));
    url.searchParams.set('recordSchema', this.config.recordSchema ?? 'marcxml');
    if ((this.config.version ?? '1.2') === '1.2') url.searchParams.set('recordPacking', 'xml');
    const response = await fetch(url, { signal });
    if (!response.ok) throw new ConnectorAnswerError(`the SRU server answered HTTP ${response.status}`);
    const answer = parseSruResponse(await response.text());
    if (answer.records.length === 0 && answer.diagnostics.length > 0)
      throw new ConnectorAnswerError(`the SRU server said: ${answer.diagnostics.join('; ')}`);

    const result = new Map<string, Holding[]>();
    if (batch.length === 1) {
      // Asked alone, the first record is this one whatever its own ids say.
      const only = batch[0]!;
      result.set(only.id, answer.records[0] ? this.holdings(answer.records[0]) : []);
      return result;
    }
    const byControl = new Map<string, SruRecord>();
    for (const record of answer.records) if (record.controlNumber) byControl.set(record.controlNumber, record);
    for (const wanted of batch) {
      const record = byControl.get(wanted.localId);
      result.set(wanted.id, record ? this.holdings(record) : []);
    }
    return result;
  }

  private holdings(record: SruRecord): Holding[] {
    const profile = this.config.holdingsProfile;
    return record.copies
      .filter((copy) => !copy.withdrawn)
      .map((copy) => {
        const branch = (copy.location && profile?.branches?.[copy.location]) ?? profile?.defaultBranch ?? copy.location ?? 'main';
        const status = statusOf(copy);
        const due = status === 'on-loan' && copy.availableFrom ? isoDate(copy.availableFrom) : undefined;
        return {
          member: this.member,
          branch,
          status,
          ...(copy.callNumber ? { callNumber: copy.callNumber } : {}),
          ...(due ? { dueDate: due } : {}),
        };
      });
  }
}

function statusOf(copy: RawCopy): HoldingStatus {
  if (copy.lost) return 'missing';
  if (copy.onHold) return 'on-hold';
  if (copy.notForLoan) return 'reference-only';
  if (copy.availableNow === false) return 'on-loan';
  return 'available';
}

/** YYYYMMDD or YYYY-MM-DD (with or without a time) → YYYY-MM-DD. */
function isoDate(value: string): string | undefined {
  const match = /^(\d{4})-?(\d{2})-?(\d{2})/.exec(value);
  return match ? `${match[1]}-${match[2]}-${match[3]}` : undefined;
}
