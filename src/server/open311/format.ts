/**
 * Open311 GeoReport v2 documents in its two formats. A document is built once, as the JSON the
 * specification shows; the XML is derived from it by the specification's rule: the root element
 * names the document, a list becomes an element holding one element per item (`services` →
 * `service`, `attributes` → `attribute`), an absent value an empty element. The XML is built by
 * fast-xml-parser, which escapes every text.
 */
import { XMLBuilder } from 'fast-xml-parser';

export const OPEN311_FORMATS = ['xml', 'json'] as const;
export type Open311Format = (typeof OPEN311_FORMATS)[number];

export const CONTENT_TYPES: Record<Open311Format, string> = {
  xml: 'text/xml; charset=utf-8',
  json: 'application/json; charset=utf-8',
};

export type Open311Value = string | number | boolean | null | readonly Open311Value[] | { readonly [key: string]: Open311Value };

/** A document: its root element and, when the document is a list, the element of each item. */
export interface Open311Document {
  root: string;
  item?: string;
  value: Open311Value;
}

/** The element of each item of the lists nested in documents, as the specification names them. */
const ITEM_OF: Readonly<Record<string, string>> = {
  attributes: 'attribute',
  values: 'value',
  endpoints: 'endpoint',
  formats: 'format',
};

const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>\n';
const builder = new XMLBuilder({ format: true, suppressEmptyNode: true, processEntities: true });

/** The document's text in the format asked for. */
export function renderOpen311(format: Open311Format, document: Open311Document): string {
  if (format === 'json') return JSON.stringify(document.value);
  const body = Array.isArray(document.value) ? { [document.item ?? 'item']: document.value.map(toXmlTree) } : toXmlTree(document.value);
  return XML_DECLARATION + String(builder.build({ [document.root]: body }));
}

type XmlTree = string | { [key: string]: XmlTree | XmlTree[] };

function toXmlTree(value: Open311Value): XmlTree {
  if (value === null) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (isList(value)) return { item: value.map(toXmlTree) };
  const tree: { [key: string]: XmlTree | XmlTree[] } = {};
  for (const [key, child] of Object.entries(value)) {
    if (isList(child)) {
      const item = ITEM_OF[key];
      if (!item) throw new Error(`no item element is known for the list ${key}`);
      tree[key] = child.length ? { [item]: child.map(toXmlTree) } : '';
    } else {
      tree[key] = toXmlTree(child);
    }
  }
  return tree;
}

function isList(value: Open311Value): value is readonly Open311Value[] {
  return Array.isArray(value);
}

/** One error as the specification gives it: the HTTP status as its code, and what went wrong. */
export interface Open311ErrorItem {
  code: number;
  description: string;
}

/** The specification's error document: a list of errors (`<errors><error>…`). */
export function errorDocument(errors: readonly Open311ErrorItem[]): Open311Document {
  return { root: 'errors', item: 'error', value: errors.map((error) => ({ code: error.code, description: error.description })) };
}

/** The format a path names by its extension (`services.xml`), or undefined. */
export function formatOfPath(path: string): Open311Format | undefined {
  const match = /\.(xml|json)$/.exec(path.split('?')[0] ?? '');
  return match ? (match[1] as Open311Format) : undefined;
}
