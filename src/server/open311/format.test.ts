import { XMLParser } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { errorDocument, formatOfPath, renderOpen311 } from './format.ts';

const parser = new XMLParser({ processEntities: false, parseTagValue: false });

describe('renderOpen311', () => {
  it('renders a list document with one element per item and an XML declaration in UTF-8', () => {
    const xml = renderOpen311('xml', { root: 'services', item: 'service', value: [{ service_code: 'road', metadata: true, keywords: null }, { service_code: 'water', metadata: false, keywords: 'น้ำ' }] });
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<services>')).toBe(true);
    expect(parser.parse(xml)).toEqual({
      '?xml': '',
      services: { service: [{ service_code: 'road', metadata: 'true', keywords: '' }, { service_code: 'water', metadata: 'false', keywords: 'น้ำ' }] },
    });
    expect(xml).toContain('<keywords/>');
  });

  it('names the items of nested lists as the specification does', () => {
    const value = { service_code: 'road', attributes: [{ code: 'confidential', values: [{ key: 'true', name: 'ใช่' }] }] };
    const xml = renderOpen311('xml', { root: 'service_definition', value });
    expect(parser.parse(xml).service_definition).toEqual({ service_code: 'road', attributes: { attribute: { code: 'confidential', values: { value: { key: 'true', name: 'ใช่' } } } } });
    expect(JSON.parse(renderOpen311('json', { root: 'service_definition', value }))).toEqual(value);
  });

  it('escapes text rather than letting it make markup', () => {
    const xml = renderOpen311('xml', { root: 'service_requests', item: 'request', value: [{ description: '<b>&amp; "x"</b>' }] });
    expect(xml).not.toContain('<b>');
    expect(new XMLParser({ parseTagValue: false }).parse(xml).service_requests.request.description).toBe('<b>&amp; "x"</b>');
  });

  it('renders errors as <errors><error> and as a JSON list of {code, description}', () => {
    const document = errorDocument([{ code: 403, description: 'api_key is missing' }]);
    expect(JSON.parse(renderOpen311('json', document))).toEqual([{ code: 403, description: 'api_key is missing' }]);
    expect(parser.parse(renderOpen311('xml', document)).errors).toEqual({ error: { code: '403', description: 'api_key is missing' } });
  });
});

describe('formatOfPath', () => {
  it('reads the extension and nothing else', () => {
    expect(formatOfPath('/open311/v2/services.xml?jurisdiction_id=x')).toBe('xml');
    expect(formatOfPath('/open311/v2/requests/RT-69-ABC.json')).toBe('json');
    expect(formatOfPath('/open311/v2/services.html')).toBeUndefined();
  });
});
