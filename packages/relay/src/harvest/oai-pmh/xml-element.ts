// A harvested record's XML as a small tree: enough to read OAI headers and Dublin Core, and to
// write the metadata back out as XML for readers that take text (MARCXML).

export interface XmlElement {
  /** Namespace URI ('' for none). */
  uri: string;
  local: string;
  /** The qualified name as written (`dc:title`). */
  name: string;
  /** Attribute values by local name; namespaced attributes also by `{uri}local`. */
  attributes: Record<string, string>;
  children: XmlNode[];
}

export type XmlNode = XmlElement | string;

export function isElement(node: XmlNode): node is XmlElement {
  return typeof node !== 'string';
}

export function childElements(element: XmlElement, uri?: string, local?: string): XmlElement[] {
  return element.children.filter(
    (child): child is XmlElement =>
      isElement(child) && (uri === undefined || child.uri === uri) && (local === undefined || child.local === local),
  );
}

export function firstChild(element: XmlElement, uri: string, local: string): XmlElement | undefined {
  return childElements(element, uri, local)[0];
}

/** All the text inside the element, in document order. */
export function textOf(element: XmlElement): string {
  let text = '';
  for (const child of element.children) text += typeof child === 'string' ? child : textOf(child);
  return text;
}

function escape(text: string, attribute: boolean): string {
  const escaped = text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  return attribute ? escaped.replace(/"/g, '&quot;') : escaped;
}

/**
 * The element as XML text. Namespaces are declared on the element where they change, with
 * default namespaces (no prefixes), so the text stands on its own whatever the page declared.
 */
export function toXml(element: XmlElement, parentUri?: string): string {
  let out = `<${element.local}`;
  if (element.uri !== parentUri) out += ` xmlns="${escape(element.uri, true)}"`;
  for (const [key, value] of Object.entries(element.attributes)) {
    if (key.startsWith('{')) continue;
    out += ` ${key}="${escape(value, true)}"`;
  }
  if (element.children.length === 0) return `${out}/>`;
  out += '>';
  for (const child of element.children) out += typeof child === 'string' ? escape(child, false) : toXml(child, element.uri);
  return `${out}</${element.local}>`;
}
