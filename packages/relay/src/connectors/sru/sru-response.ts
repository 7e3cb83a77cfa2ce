// Reads an SRU 1.2 / 2.0 searchRetrieve response (streamed through saxes) into its records'
// copies: OPAC holdings with circulation, or MARCXML 852 / 952 fields.
import { SaxesParser } from 'saxes';
import { ConnectorAnswerError } from '../../domain/connectors/member-connector.js';

/** One copy as the member's system describes it, before mapping to Atrium's branches. */
export interface RawCopy {
  location?: string;
  callNumber?: string;
  availableNow?: boolean;
  onHold?: boolean;
  /** Due date or availability date as the system wrote it. */
  availableFrom?: string;
  /** 952 $7 not for loan, $1 lost, $0 withdrawn. */
  notForLoan?: boolean;
  lost?: boolean;
  withdrawn?: boolean;
}

export interface SruRecord {
  /** MARC 001, trimmed. */
  controlNumber?: string;
  copies: RawCopy[];
}

export interface SruAnswer {
  total: number;
  records: SruRecord[];
  diagnostics: string[];
}

export function parseSruResponse(xml: string): SruAnswer {
  const parser = new SaxesParser({ xmlns: true });
  const answer: SruAnswer = { total: -1, records: [], diagnostics: [] };
  const path: string[] = [];
  let text = '';
  let record: SruRecord | undefined;
  let copy: RawCopy | undefined;
  let field: { tag: string; sub: Record<string, string> } | undefined;
  let code = '';
  let controlTag = '';
  let sawRoot = false;

  parser.on('opentag', (tag) => {
    const name = tag.local;
    if (path.length === 0) {
      if (name !== 'searchRetrieveResponse') throw new ConnectorAnswerError(`not an SRU response: <${tag.name}>`);
      sawRoot = true;
    }
    path.push(name);
    text = '';
    if (name === 'recordData') record = { copies: [] };
    else if (record && name === 'holding') copy = {};
    else if (record && name === 'controlfield') controlTag = String(tag.attributes.tag?.value ?? '');
    else if (record && name === 'datafield') {
      const fieldTag = String(tag.attributes.tag?.value ?? '');
      field = fieldTag === '852' || fieldTag === '952' ? { tag: fieldTag, sub: {} } : undefined;
    } else if (field && name === 'subfield') code = String(tag.attributes.code?.value ?? '');
    else if (copy && (name === 'availableNow' || name === 'onHold')) copy[name] = tag.attributes.value?.value === '1';
  });
  parser.on('text', (value) => (text += value));
  parser.on('closetag', (tag) => {
    const name = tag.local;
    path.pop();
    const value = text.trim();
    if (name === 'numberOfRecords') answer.total = Number(value);
    else if (name === 'message' && path.includes('diagnostic')) answer.diagnostics.push(value);
    else if (record && name === 'controlfield' && controlTag === '001' && record.controlNumber === undefined) record.controlNumber = value;
    else if (field && name === 'subfield') field.sub[code] ??= value;
    else if (record && field && name === 'datafield') {
      record.copies.push(fromMarc(field.tag, field.sub));
      field = undefined;
    } else if (copy && (name === 'localLocation' || name === 'shelvingLocation')) copy.location ??= value;
    else if (copy && name === 'callNumber') copy.callNumber = value;
    else if (copy && name === 'availablityDate') copy.availableFrom = value;
    else if (record && copy && name === 'holding') {
      record.copies.push(copy);
      copy = undefined;
    } else if (record && name === 'recordData') {
      answer.records.push(record);
      record = undefined;
    }
    text = '';
  });
  try {
    parser.write(xml).close();
  } catch (error) {
    if (error instanceof ConnectorAnswerError) throw error;
    throw new ConnectorAnswerError(`the SRU answer is not XML: ${(error as Error).message}`);
  }
  if (!sawRoot || !Number.isFinite(answer.total)) throw new ConnectorAnswerError('the SRU answer has no numberOfRecords');
  return answer;
}

function fromMarc(tag: string, sub: Record<string, string>): RawCopy {
  if (tag === '952') {
    // Koha items: $b holding branch, $o call number, $q due date, $7 not for loan, $1 lost, $0 withdrawn.
    return {
      ...((sub.b ?? sub.a) ? { location: sub.b ?? sub.a } : {}),
      ...(sub.o ? { callNumber: sub.o } : {}),
      ...(sub.q ? { availableFrom: sub.q, availableNow: false } : { availableNow: true }),
      notForLoan: isSet(sub['7']),
      lost: isSet(sub['1']),
      withdrawn: isSet(sub['0']),
    };
  }
  // 852: $a institution, $b sublocation, $h classification and $i item part of the call number.
  const callNumber = [sub.h, sub.i].filter(Boolean).join(' ');
  return { ...((sub.b ?? sub.a) ? { location: sub.b ?? sub.a } : {}), ...(callNumber ? { callNumber } : {}), availableNow: true };
}

const isSet = (value: string | undefined) => value !== undefined && value !== '' && value !== '0';
