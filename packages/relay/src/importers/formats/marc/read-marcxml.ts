// Reads MARCXML (the MARC 21 slim schema) as a stream of MARC records: a collection or lone
// records, with the namespace as a default, under a prefix such as `marc:`, or left out. A record
// missing what MARC needs (its leader, a field's tag) is reported by position and 001 and passed
// over; XML that is not well-formed stops the reading there, keeping the records before it.
import type { Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import { SaxesParser, type SaxesTagNS } from 'saxes';
import { marcText, type MarcDataField, type MarcReading, type MarcRecord } from './marc-record.js';

export const MARCXML_NS = 'http://www.loc.gov/MARC21/slim';

type Part = 'leader' | 'controlfield' | 'subfield';

interface Building {
  record: MarcRecord;
  line: number;
  problem?: string;
  field?: MarcDataField;
  part?: Part;
  tag?: string;
  code?: string;
  text: string;
}

function attribute(tag: SaxesTagNS, name: string): string | undefined {
  const found = tag.attributes[name];
  return found === undefined ? undefined : typeof found === 'string' ? found : found.value;
}

const TAG = /^[0-9A-Za-z]{3}$/;

export async function* readMarcXml(content: Readable): AsyncGenerator<MarcReading> {
  const parser = new SaxesParser({ xmlns: true, position: true });
  const ready: MarcReading[] = [];
  let position = 0;
  let current: Building | undefined;

  const isMarc = (tag: SaxesTagNS) => tag.uri === MARCXML_NS || tag.uri === '' || tag.uri === undefined;

  const finish = (building: Building) => {
    position += 1;
    const { record } = building;
    const place = { position, line: building.line };
    let problem = building.problem;
    if (problem === undefined && record.leader === '') problem = 'the record has no leader';
    if (problem === undefined && record.leader.length !== 24) problem = `the leader is ${record.leader.length} characters long, not 24`;
    if (problem !== undefined) {
      const controlNumber = record.controlFields.find((field) => field.tag === '001')?.value;
      ready.push({
        ...place,
        problem: { reason: 'bad record', detail: problem },
        ...(controlNumber === undefined ? {} : { controlNumber }),
      });
      return;
    }
    ready.push({ ...place, record });
  };

  parser.on('opentag', (tag) => {
    if (!isMarc(tag)) return;
    if (tag.local === 'record') {
      current = { record: { leader: '', controlFields: [], dataFields: [] }, line: parser.line, text: '' };
      return;
    }
    if (current === undefined) return;
    current.text = '';
    switch (tag.local) {
      case 'leader':
        current.part = 'leader';
        return;
      case 'controlfield': {
        const fieldTag = attribute(tag, 'tag') ?? '';
        if (!TAG.test(fieldTag)) current.problem ??= `a controlfield has the tag "${fieldTag}"`;
        current.part = 'controlfield';
        current.tag = fieldTag;
        return;
      }
      case 'datafield': {
        const fieldTag = attribute(tag, 'tag') ?? '';
        if (!TAG.test(fieldTag)) current.problem ??= `a datafield has the tag "${fieldTag}"`;
        current.field = { tag: fieldTag, ind1: attribute(tag, 'ind1') || ' ', ind2: attribute(tag, 'ind2') || ' ', subfields: [] };
        current.record.dataFields.push(current.field);
        return;
      }
      case 'subfield':
        current.part = 'subfield';
        current.code = attribute(tag, 'code') ?? '';
        if (current.code.length !== 1)
          current.problem ??= `a subfield of field ${current.field?.tag ?? '?'} has the code "${current.code}"`;
    }
  });
  parser.on('text', (text) => {
    if (current?.part !== undefined) current.text += text;
  });
  parser.on('cdata', (text) => {
    if (current?.part !== undefined) current.text += text;
  });
  parser.on('closetag', (tag) => {
    if (current === undefined || !isMarc(tag)) return;
    const building = current;
    const text = marcText(building.text);
    switch (tag.local) {
      case 'record':
        current = undefined;
        finish(building);
        return;
      case 'leader':
        building.record.leader = text;
        break;
      case 'controlfield':
        building.record.controlFields.push({ tag: building.tag ?? '', value: text });
        break;
      case 'subfield':
        building.field?.subfields.push([building.code ?? '', text]);
        break;
      case 'datafield':
        building.field = undefined;
        break;
    }
    building.part = undefined;
    building.text = '';
  });

  const decoder = new StringDecoder('utf8');
  for await (const chunk of content as AsyncIterable<Buffer>) {
    parser.write(decoder.write(chunk));
    yield* ready.splice(0);
  }
  parser.write(decoder.end());
  parser.close();
  yield* ready.splice(0);
}
