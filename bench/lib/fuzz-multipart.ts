/**
 * bench/fuzz's multipart/form-data bodies: the uploads contract (a `payload` text field and
 * `files` parts, see src/server/attachments/uploads.ts) kept and broken in the ways clients
 * break it — no boundary, unknown or truncated parts, the payload as a file, too many or too
 * large parts, bytes that are not what their name says.
 */

export const MULTIPART_VARIANTS = [
  'valid',
  'no-files',
  'pdf-file',
  'junk-file',
  'html-as-png',
  'empty-file',
  'no-boundary',
  'empty-boundary',
  'quoted-boundary',
  'long-boundary',
  'wrong-boundary',
  'unknown-part-first',
  'unknown-file-part',
  'payload-as-file',
  'payload-twice',
  'no-payload',
  'truncated',
  'oversized-payload',
  'too-many-files',
  'many-fields',
  'oversized-file',
  'mutated-payload',
  'payload-not-json',
  'invalid-utf8-payload',
  'no-disposition',
  'odd-names',
  'preamble-epilogue',
  'lf-only',
  'empty-body',
] as const;
export type MultipartVariant = (typeof MULTIPART_VARIANTS)[number];

interface Part {
  name?: string;
  filename?: string;
  type?: string;
  body: Buffer | string;
}

export interface MultipartInput {
  /** The JSON text of the payload field. */
  payload: string;
  /** Picks among alternatives (where to cut, how many files). */
  pick: number;
  png: Buffer;
  maxFileBytes: number;
  maxFiles: number;
}

const PDF = Buffer.from('%PDF-1.4\n1 0 obj <</Type /Catalog /Pages 2 0 R>> endobj\n2 0 obj <</Type /Pages /Kids [] /Count 0>> endobj\ntrailer <</Root 1 0 R>>\n%%EOF\n');
/** A part that pushes the parser past the first 160 KB before the route can refuse the request. */
const FILLER_BYTES = 160 * 1024;

function encodePart(part: Part, newline: string): Buffer {
  const lines: string[] = [];
  if (part.name !== undefined) {
    lines.push(`Content-Disposition: form-data; name="${part.name}"${part.filename === undefined ? '' : `; filename="${part.filename}"`}`);
  }
  if (part.type) lines.push(`Content-Type: ${part.type}`);
  return Buffer.concat([Buffer.from(`${lines.join(newline)}${newline}${newline}`, 'utf8'), Buffer.from(part.body)]);
}

function encode(boundary: string, parts: readonly Part[], { newline = '\r\n', closing = true, preamble = '', epilogue = '' } = {}): Buffer {
  const chunks: Buffer[] = [Buffer.from(preamble)];
  for (const part of parts) chunks.push(Buffer.from(`--${boundary}${newline}`), encodePart(part, newline), Buffer.from(newline));
  if (closing) chunks.push(Buffer.from(`--${boundary}--${newline}${epilogue}`));
  return Buffer.concat(chunks);
}

/** The Content-Type and bytes of one multipart variant. */
export function multipartBody(variant: MultipartVariant, input: MultipartInput): { contentType: string; body: Buffer } {
  const boundary = `----rongthukfuzz${(input.pick % 1_000_000).toString(36)}`;
  const type = (value = boundary) => `multipart/form-data; boundary=${value}`;
  const payload: Part = { name: 'payload', body: input.payload };
  const png: Part = { name: 'files', filename: 'photo.png', type: 'image/png', body: input.png };
  const files = [png, { ...png, filename: 'ถนน.png' }].slice(0, input.pick % 3);
  const plain = (parts: Part[], options?: Parameters<typeof encode>[2]) => ({ contentType: type(), body: encode(boundary, parts, options) });
  switch (variant) {
    case 'valid':
      return plain([payload, ...files]);
    case 'no-files':
      return plain([payload]);
    case 'pdf-file':
      return plain([payload, { name: 'files', filename: 'letter.pdf', type: 'application/pdf', body: PDF }]);
    case 'junk-file':
      return plain([payload, { name: 'files', filename: 'photo.png', type: 'image/png', body: Buffer.from(Array.from({ length: 300 }, (_, index) => (index * 131 + input.pick) % 256)) }]);
    case 'html-as-png':
      return plain([payload, { name: 'files', filename: 'x.png', type: 'image/png', body: '<html><script>alert(1)</script></html>' }]);
    case 'empty-file':
      return plain([payload, { name: 'files', filename: 'empty.jpg', type: 'image/jpeg', body: '' }]);
    case 'no-boundary':
      return { contentType: 'multipart/form-data', body: encode(boundary, [payload]) };
    case 'empty-boundary':
      return { contentType: 'multipart/form-data; boundary=', body: encode(boundary, [payload]) };
    case 'quoted-boundary':
      return { contentType: `multipart/form-data; boundary="${boundary}"`, body: encode(boundary, [payload, ...files]) };
    case 'long-boundary': {
      const long = 'b'.repeat(200);
      return { contentType: type(long), body: encode(long, [payload]) };
    }
    case 'wrong-boundary':
      return { contentType: type('not-the-boundary'), body: encode(boundary, [payload, ...files]) };
    case 'unknown-part-first':
      return plain([{ name: 'comment', body: 'x'.repeat(FILLER_BYTES) }, payload]);
    case 'unknown-file-part':
      return plain([payload, { ...png, name: 'attachment' }, { name: 'files', filename: 'big.bin', body: Buffer.alloc(FILLER_BYTES, 7) }]);
    case 'payload-as-file':
      return plain([{ name: 'payload', filename: 'payload.json', type: 'application/json', body: input.payload }, ...files]);
    case 'payload-twice':
      return plain([payload, payload]);
    case 'no-payload':
      return plain(files.length ? files : [png]);
    case 'truncated': {
      const whole = encode(boundary, [payload, png]);
      return { contentType: type(), body: whole.subarray(0, 1 + (input.pick % (whole.length - 1))) };
    }
    case 'oversized-payload':
      return plain([{ name: 'payload', body: `{"description":"${'ก'.repeat(100_000)}"}` }]);
    case 'too-many-files':
      return plain([payload, ...Array.from({ length: input.maxFiles + 1 }, (_, index) => ({ ...png, filename: `p${index}.png` }))]);
    case 'many-fields':
      return plain([payload, ...Array.from({ length: 8 }, (_, index) => ({ name: `field${index}`, body: 'x' }))]);
    case 'oversized-file':
      return plain([payload, { name: 'files', filename: 'huge.png', type: 'image/png', body: Buffer.concat([input.png, Buffer.alloc(input.maxFileBytes + 1)]) }]);
    case 'mutated-payload':
      return plain([payload, ...files]);
    case 'payload-not-json':
      return plain([{ name: 'payload', body: 'description=ถนนเป็นหลุม' }]);
    case 'invalid-utf8-payload':
      return plain([{ name: 'payload', body: Buffer.concat([Buffer.from('{"description":"ถนนเป็นหลุมใหญ่มาก'), Buffer.from([0xff, 0xed, 0xa0, 0x80]), Buffer.from('"}')]) }]);
    case 'no-disposition':
      return plain([{ type: 'text/plain', body: 'orphan' }, payload]);
    case 'odd-names':
      return plain([payload, { name: 'files', filename: ['../../etc/passwd', 'a\u0000.png', 'ก'.repeat(300), '', '.htaccess', 'C:\\x\\y.png'][input.pick % 6], type: 'image/png', body: input.png }]);
    case 'preamble-epilogue':
      return plain([payload, ...files], { preamble: 'This is a preamble.\r\n', epilogue: 'trailing junk' });
    case 'lf-only':
      return plain([payload], { newline: '\n' });
    case 'empty-body':
      return { contentType: type(), body: Buffer.alloc(0) };
  }
}
