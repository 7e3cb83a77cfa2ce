// Reads one OAI-PMH response as it streams in: the protocol's errors, Identify, and the records
// of a ListRecords page, each handed on as soon as its closing tag arrives so a page's records
// are never all held as one document.
import { SaxesParser, type SaxesTagNS } from 'saxes';
import { z } from 'zod/mini';
import { HarvestDatestamp } from '@atrium/sdk';
import { childElements, firstChild, textOf, type XmlElement } from './xml-element.js';

export const OAI_NS = 'http://www.openarchives.org/OAI/2.0/';
const OAI_IDENTIFIER_NS = 'http://www.openarchives.org/OAI/2.0/oai-identifier';

/** An `<error code=...>` of the protocol (noRecordsMatch, badResumptionToken, ...). */
export interface OaiErrorCode {
  code: string;
  message: string;
}

export interface Identify {
  repositoryName?: string;
  granularity: 'YYYY-MM-DD' | 'YYYY-MM-DDThh:mm:ssZ';
  earliestDatestamp?: string;
  deletedRecord: 'no' | 'transient' | 'persistent';
  /** From the oai-identifier description: `oai:<repositoryIdentifier><delimiter><local id>`. */
  repositoryIdentifier?: string;
  delimiter?: string;
}

export const OaiHeader = z.object({
  identifier: z.string().check(z.trim(), z.minLength(1, 'the header has no identifier'), z.maxLength(1000)),
  datestamp: HarvestDatestamp,
  deleted: z.boolean(),
  setSpecs: z.array(z.string()),
});
export type OaiHeader = z.infer<typeof OaiHeader>;

/** A `<record>` of a ListRecords page: its header as sent (checked later) and its metadata element. */
export interface RawRecord {
  /** 1-based position on its page. */
  position: number;
  header: { identifier?: string; datestamp?: string; status?: string; setSpecs: string[] };
  metadata?: XmlElement;
}

export interface ResumptionToken {
  /** Empty on the last page of a list. */
  value: string;
  completeListSize?: number;
  cursor?: number;
}

export interface OaiResponse {
  responseDate?: string;
  verb?: string;
  errors: OaiErrorCode[];
  identify?: Identify;
  recordCount: number;
  /** ListMetadataFormats: the prefixes the repository offers. */
  metadataPrefixes?: string[];
  resumptionToken?: ResumptionToken;
}

/** The page is not XML, or not an OAI-PMH response. */
export class MalformedResponseError extends Error {
  override readonly name = 'MalformedResponseError';
}

/** The answer stopped before the document did: a connection closed early, worth asking again. */
export class TruncatedResponseError extends Error {
  override readonly name = 'TruncatedResponseError';
}

function textChild(element: XmlElement, local: string): string | undefined {
  const child = firstChild(element, OAI_NS, local);
  return child === undefined ? undefined : textOf(child).trim();
}

function readIdentify(element: XmlElement): Identify {
  const granularity = textChild(element, 'granularity');
  const deleted = textChild(element, 'deletedRecord');
  const identify: Identify = {
    granularity: granularity === 'YYYY-MM-DD' ? 'YYYY-MM-DD' : 'YYYY-MM-DDThh:mm:ssZ',
    deletedRecord: deleted === 'persistent' || deleted === 'transient' ? deleted : 'no',
  };
  if (granularity !== undefined && granularity !== 'YYYY-MM-DD' && granularity !== 'YYYY-MM-DDThh:mm:ssZ') {
    throw new MalformedResponseError(`Identify gives an unknown granularity "${granularity}"`);
  }
  const name = textChild(element, 'repositoryName');
  if (name) identify.repositoryName = name;
  const earliest = textChild(element, 'earliestDatestamp');
  if (earliest) identify.earliestDatestamp = earliest;
  for (const description of childElements(element, OAI_NS, 'description')) {
    const oaiIdentifier = firstChild(description, OAI_IDENTIFIER_NS, 'oai-identifier');
    if (oaiIdentifier === undefined) continue;
    const repository = firstChild(oaiIdentifier, OAI_IDENTIFIER_NS, 'repositoryIdentifier');
    const delimiter = firstChild(oaiIdentifier, OAI_IDENTIFIER_NS, 'delimiter');
    if (repository) identify.repositoryIdentifier = textOf(repository).trim();
    if (delimiter) identify.delimiter = textOf(delimiter).trim();
  }
  return identify;
}

function readRecord(element: XmlElement, position: number): RawRecord {
  const header = firstChild(element, OAI_NS, 'header');
  const record: RawRecord = { position, header: { setSpecs: [] } };
  if (header !== undefined) {
    const identifier = textChild(header, 'identifier');
    const datestamp = textChild(header, 'datestamp');
    if (identifier !== undefined) record.header.identifier = identifier;
    if (datestamp !== undefined) record.header.datestamp = datestamp;
    if (header.attributes.status !== undefined) record.header.status = header.attributes.status;
    record.header.setSpecs = childElements(header, OAI_NS, 'setSpec').map((spec) => textOf(spec).trim());
  }
  const metadata = firstChild(element, OAI_NS, 'metadata');
  const root = metadata === undefined ? undefined : childElements(metadata)[0];
  if (root !== undefined) record.metadata = root;
  return record;
}

function toInteger(value: string | undefined): number | undefined {
  if (value === undefined || !/^\d+$/.test(value)) return undefined;
  return Number(value);
}

/**
 * Parses a response fed in chunks of text. `onRecord` gets each ListRecords record as it
 * completes; `end()` returns the rest. Throws MalformedResponseError on text that is not
 * well-formed XML or not an OAI-PMH response.
 */
export class OaiResponseReader {
  private readonly parser = new SaxesParser({ xmlns: true, position: true });
  /** Open elements; records and the small protocol elements are built, the rest skipped. */
  private readonly stack: (XmlElement | undefined)[] = [];
  /** Names of the open elements, for saying where a page broke off. */
  private readonly openNames: string[] = [];
  private readonly response: OaiResponse = { errors: [], recordCount: 0 };
  private failure: Error | undefined;

  constructor(private readonly onRecord: (record: RawRecord) => void) {
    this.parser.on('error', (error) => {
      this.failure ??= new MalformedResponseError(`not well-formed XML: ${error.message}`);
    });
    this.parser.on('opentag', (tag) => this.open(tag as SaxesTagNS));
    this.parser.on('closetag', (tag) => this.close(tag as SaxesTagNS));
    const onText = (text: string) => {
      const top = this.stack.at(-1);
      if (top !== undefined) top.children.push(text);
    };
    this.parser.on('text', onText);
    this.parser.on('cdata', onText);
  }

  write(chunk: string): void {
    this.parser.write(chunk);
    this.check();
  }

  end(): OaiResponse {
    this.check();
    if (this.stack.length > 0) throw new TruncatedResponseError(`the page ended inside <${this.openNames.at(-1) ?? 'OAI-PMH'}>`);
    this.parser.close();
    this.check();
    if (this.response.verb === undefined && this.response.errors.length === 0) {
      throw new MalformedResponseError('the response has neither a verb element nor an OAI-PMH error');
    }
    return this.response;
  }

  private check(): void {
    if (this.failure) throw this.failure;
  }

  private open(tag: SaxesTagNS): void {
    this.openNames.push(tag.name);
    const depth = this.stack.length;
    const parent = this.stack.at(-1);
    if (depth === 0 && (tag.uri !== OAI_NS || tag.local !== 'OAI-PMH')) {
      this.failure ??= new MalformedResponseError(`the document is <${tag.name}>, not an OAI-PMH response`);
      return;
    }
    // Depth 1: responseDate, request, error, or the verb's element; depth 2 in ListRecords: record or resumptionToken.
    const build = parent !== undefined || depth === 1 || (depth === 2 && this.response.verb !== undefined);
    if (!build) {
      this.stack.push(undefined);
      return;
    }
    const attributes: Record<string, string> = {};
    for (const attribute of Object.values(tag.attributes)) {
      if (attribute.prefix === 'xmlns' || attribute.name === 'xmlns') continue;
      if (attribute.uri === '') attributes[attribute.local] = attribute.value;
      else attributes[`{${attribute.uri}}${attribute.local}`] = attribute.value;
    }
    const element: XmlElement = { uri: tag.uri, local: tag.local, name: tag.name, attributes, children: [] };
    if (depth === 1 && tag.uri === OAI_NS && !['responseDate', 'request', 'error'].includes(tag.local)) {
      this.response.verb = tag.local;
      // The verb's element itself is not kept: its children are handled as they close.
      this.stack.push(undefined);
      return;
    }
    parent?.children.push(element);
    this.stack.push(element);
  }

  private close(_tag: SaxesTagNS): void {
    this.openNames.pop();
    const depth = this.stack.length - 1;
    const element = this.stack.pop();
    if (element === undefined) return;
    if (depth === 1) {
      if (element.local === 'responseDate') this.response.responseDate = textOf(element).trim();
      if (element.local === 'error') {
        this.response.errors.push({ code: element.attributes.code ?? 'unknown', message: textOf(element).trim() });
      }
      return;
    }
    if (depth !== 2) return;
    if (this.response.verb === 'Identify') {
      // Identify's children are small: gather them on one element and read it at the end.
      this.identifyParts.children.push(element);
      this.response.identify = readIdentify(this.identifyParts);
      return;
    }
    if (this.response.verb === 'ListMetadataFormats') {
      const prefix = firstChild(element, OAI_NS, 'metadataPrefix');
      if (prefix !== undefined) (this.response.metadataPrefixes ??= []).push(textOf(prefix).trim());
      return;
    }
    if (element.uri === OAI_NS && element.local === 'record') {
      this.response.recordCount += 1;
      this.onRecord(readRecord(element, this.response.recordCount));
    } else if (element.uri === OAI_NS && element.local === 'resumptionToken') {
      const token: ResumptionToken = { value: textOf(element).trim() };
      const size = toInteger(element.attributes.completeListSize);
      const cursor = toInteger(element.attributes.cursor);
      if (size !== undefined) token.completeListSize = size;
      if (cursor !== undefined) token.cursor = cursor;
      this.response.resumptionToken = token;
    }
  }

  private readonly identifyParts: XmlElement = { uri: OAI_NS, local: 'Identify', name: 'Identify', attributes: {}, children: [] };
}
