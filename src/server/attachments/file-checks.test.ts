import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import sharp from 'sharp';
import { afterAll, describe, expect, it } from 'vitest';
import { flatPng } from '../../../test/support/png.ts';
import { AppError } from '../platform/errors.ts';
import { checkFile, displayName, MAX_FILE_NAME_LENGTH, MAX_INPUT_PIXELS, MAX_KEPT_DIMENSION } from './file-checks.ts';
import { LocalFileStore, newStorageKey } from './storage.ts';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');

function photo(format: 'jpeg' | 'png' | 'webp', exif = true): Promise<Buffer> {
  const image = sharp({ create: { width: 40, height: 20, channels: 3, background: '#2a6' } })[format]();
  return (exif ? image.withExif({ IFD0: { Copyright: 'someone', Make: 'PhoneCo' }, IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '13/1 45/1 0/1' } }) : image).toBuffer();
}

async function refusal(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  if (!(error instanceof AppError)) throw new Error(`expected an AppError, got ${String(error)}`);
  return error;
}

describe('checkFile', () => {
  it.each(['jpeg', 'png', 'webp'] as const)('re-encodes a %s in its own format without EXIF', async (format) => {
    const input = await photo(format);
    expect((await sharp(input).metadata()).exif).toBeDefined();
    const checked = await checkFile({ field: 'files[0]', clientName: `photo.${format}`, bytes: input });
    expect(checked.mediaType).toBe(`image/${format}`);
    const metadata = await sharp(checked.bytes).metadata();
    expect(metadata.format).toBe(format);
    expect(metadata.exif).toBeUndefined();
    expect(metadata.xmp).toBeUndefined();
    expect(checked.bytes.includes('PhoneCo')).toBe(false);
    expect(checked.sizeBytes).toBe(checked.bytes.length);
    expect(checked.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('turns an image upright by its EXIF orientation', async () => {
    const input = await sharp({ create: { width: 40, height: 20, channels: 3, background: '#000' } }).jpeg().withMetadata({ orientation: 6 }).toBuffer();
    const checked = await checkFile({ field: 'files[0]', clientName: 'x.jpg', bytes: input });
    const metadata = await sharp(checked.bytes).metadata();
    expect([metadata.width, metadata.height]).toEqual([20, 40]);
    expect(metadata.orientation).toBeUndefined();
  });

  it('keeps a PDF byte for byte', async () => {
    const checked = await checkFile({ field: 'files[1]', clientName: 'letter', bytes: PDF });
    expect(checked.mediaType).toBe('application/pdf');
    expect(checked.bytes.equals(PDF)).toBe(true);
    expect(checked.fileName).toBe('letter.pdf');
  });

  it('judges by content: HTML named photo.jpg is refused, naming the field', async () => {
    const error = await refusal(checkFile({ field: 'files[2]', clientName: 'photo.jpg', bytes: Buffer.from('<html><script>alert(1)</script></html>') }));
    expect(error.status).toBe(400);
    expect(error.details).toEqual([{ field: 'files[2]', message: expect.stringContaining('not a recognised file type'), messageTh: expect.stringContaining('ไม่ใช่ไฟล์ประเภทที่รู้จัก') }]);
  });

  it('says which type it found when the type is not allowed', async () => {
    const gif = await sharp({ create: { width: 4, height: 4, channels: 3, background: '#fff' } }).gif().toBuffer();
    const error = await refusal(checkFile({ field: 'files[0]', clientName: 'a.png', bytes: gif }));
    expect(error.details[0]?.message).toContain('image/gif');
    expect(error.details[0]?.messageTh).toContain('image/gif');
  });

  it('refuses an image it cannot decode, and an empty file', async () => {
    const good = await photo('jpeg', false);
    const broken = Buffer.concat([good.subarray(0, 40), Buffer.alloc(200, 0x11)]);
    const error = await refusal(checkFile({ field: 'files[0]', clientName: 'broken.jpg', bytes: broken }));
    expect(error.details[0]).toMatchObject({ field: 'files[0]', message: expect.stringContaining('cannot be read'), messageTh: expect.stringContaining('อ่านภาพ JPG ไม่ได้') });
    expect((await refusal(checkFile({ field: 'files[3]', clientName: 'e.pdf', bytes: Buffer.alloc(0) }))).details[0]).toMatchObject({ field: 'files[3]', messageTh: 'ไฟล์ว่างเปล่า' });
  });

  it('refuses an image of more pixels than it decodes, before decoding it, naming the field in Thai too', async () => {
    // 7000 × 6000 = 42 MP in about 5 kB: decoded it would take over 160 MB.
    const bomb = flatPng(7000, 6000);
    expect(bomb.length).toBeLessThan(10_000);
    expect(7000 * 6000).toBeGreaterThan(MAX_INPUT_PIXELS);
    const error = await refusal(checkFile({ field: 'files[1]', clientName: 'scan.png', bytes: bomb }));
    expect(error.status).toBe(400);
    expect(error.details).toEqual([{ field: 'files[1]', message: expect.stringContaining('over 40 megapixels'), messageTh: expect.stringContaining('เกิน 40 ล้านพิกเซล') }]);
  });

  it('scales a large image down to fit 4096 × 4096, and never enlarges a small one', async () => {
    const wide = await checkFile({ field: 'files[0]', clientName: 'panorama.png', bytes: flatPng(6000, 1000) });
    expect(await sharp(wide.bytes).metadata()).toMatchObject({ format: 'png', width: MAX_KEPT_DIMENSION, height: 683 });
    expect(wide.sizeBytes).toBe(wide.bytes.length);
    const tall = await checkFile({ field: 'files[0]', clientName: 'letter.jpg', bytes: await sharp(flatPng(1200, 5000)).jpeg().toBuffer() });
    expect(await sharp(tall.bytes).metadata()).toMatchObject({ format: 'jpeg', width: 983, height: MAX_KEPT_DIMENSION });
    const small = await checkFile({ field: 'files[0]', clientName: 'small.webp', bytes: await photo('webp', false) });
    expect(await sharp(small.bytes).metadata()).toMatchObject({ width: 40, height: 20 });
  });

  it('decodes many images at once without losing any', async () => {
    const inputs = await Promise.all(Array.from({ length: 6 }, (_, i) => sharp(flatPng(100 + i, 50)).png().toBuffer()));
    const checked = await Promise.all(inputs.map((bytes, i) => checkFile({ field: `files[${i}]`, clientName: undefined, bytes })));
    expect(await Promise.all(checked.map(async (file) => (await sharp(file.bytes).metadata()).width))).toEqual([100, 101, 102, 103, 104, 105]);
  });
});

describe('displayName', () => {
  it('keeps the base name only, without control or direction characters', () => {
    expect(displayName('../../etc/passwd', 'application/pdf')).toBe('passwd.pdf');
    expect(displayName('C:\\Users\\me\\ถนน ซอย 5.JPG', 'image/jpeg')).toBe('ถนน ซอย 5.jpg');
    expect(displayName('bad\u0000\nname\u202Egpj.exe', 'image/png')).toBe('badnamegpj.png');
  });

  it('makes the extension match the detected type', () => {
    expect(displayName('photo.png', 'image/jpeg')).toBe('photo.jpg');
    expect(displayName('photo.jpeg', 'image/jpeg')).toBe('photo.jpeg');
    expect(displayName('invoice.html', 'application/pdf')).toBe('invoice.pdf');
    expect(displayName('ใบเสร็จ ม.ค', 'application/pdf')).toBe('ใบเสร็จ ม.ค.pdf');
  });

  it('names a nameless file after its position', () => {
    expect(displayName(undefined, 'image/webp', 'files[1]')).toBe('attachment-2.webp');
    expect(displayName(' .. ', 'image/webp')).toBe('attachment-1.webp');
  });

  it('is at most 200 characters, never splits a character, and keeps its extension', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 400 }), (name) => {
        const result = displayName(name, 'application/pdf');
        expect(Array.from(result).length).toBeLessThanOrEqual(MAX_FILE_NAME_LENGTH);
        expect(result.endsWith('.pdf')).toBe(true);
        expect(result).not.toMatch(/[\u0000-\u001f/\\]/);
        // No lone surrogate: a character cut in half would show as garbage.
        expect(result).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/);
      }),
    );
  });
});

describe('LocalFileStore', () => {
  const roots: string[] = [];
  afterAll(async () => {
    for (const root of roots) await rm(root, { recursive: true, force: true });
  });

  it('puts, reads and removes by key, in sharded directories, leaving no temporary file', async () => {
    const root = await mkdtemp(path.join(tmpdir(), 'rongthuk-store-'));
    roots.push(root);
    const store = new LocalFileStore(root);
    const key = newStorageKey();
    await store.put(key, PDF);
    expect((await store.read(key)).equals(PDF)).toBe(true);
    const files = await readdir(path.join(root, key.slice(0, 2), key.slice(2, 4)));
    expect(files).toEqual([key]);
    await store.remove(key);
    await store.remove(key);
    await expect(store.read(key)).rejects.toThrow();
  });

  it('refuses a key that is not one it made', async () => {
    const store = new LocalFileStore('/nonexistent-rongthuk-store');
    await expect(store.put('../../etc/passwd', PDF)).rejects.toThrow(/not a storage key/);
    await expect(store.read('a/b')).rejects.toThrow(/not a storage key/);
  });
});
