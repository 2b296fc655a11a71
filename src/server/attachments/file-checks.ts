/**
 * What an uploaded file must be before it is kept: a type decided by its content (never by
 * its name or the client's Content-Type), images decoded and re-encoded so that no metadata
 * survives (EXIF with GPS position, XMP, comments) and scaled down to a size worth keeping,
 * and a display name that is only a name. Decoding is bounded: a few images at a time, each
 * at most MAX_INPUT_PIXELS, since a small compressed file can expand to hundreds of megabytes.
 */
import { createHash } from 'node:crypto';
import { fileTypeFromBuffer } from 'file-type';
import sharp from 'sharp';
import { invalidInput } from '../platform/errors.ts';
import { Semaphore } from './concurrency.ts';

import { ATTACHMENT_MEDIA_TYPES, type AttachmentMediaType } from '../../shared/api/attachments.ts';

export { ATTACHMENT_MEDIA_TYPES, type AttachmentMediaType };

/** The extension a stored file's name gets for its detected type. */
const EXTENSIONS: Record<AttachmentMediaType, string> = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/webp': 'webp',
  'application/pdf': 'pdf',
};

/** Extensions also accepted as-is for a type (a JPEG named `.jpeg` keeps its name). */
const ALSO_ACCEPTED: Record<string, AttachmentMediaType> = { jpeg: 'image/jpeg', jpe: 'image/jpeg', jfif: 'image/jpeg' };

/** Common file extensions: one of these at the end of a name is replaced, not kept before ours. */
const KNOWN_EXTENSIONS = new Set([
  ...Object.values(EXTENSIONS),
  ...Object.keys(ALSO_ACCEPTED),
  'gif', 'bmp', 'tif', 'tiff', 'heic', 'heif', 'avif', 'svg', 'ico',
  'html', 'htm', 'xhtml', 'xml', 'txt', 'rtf', 'doc', 'docx', 'xls', 'xlsx', 'ppt', 'pptx', 'odt',
  'zip', 'rar', '7z', 'exe', 'js', 'mjs', 'bat', 'cmd', 'sh', 'php', 'mp4', 'mov',
]);

export const MAX_FILE_NAME_LENGTH = 200;

/**
 * Decoding more pixels than this (a decompression bomb) is refused: about 160 MB decoded as
 * RGBA. Phone cameras (12–24 MP; 48 MP sensors save 12 MP unless asked) stay below.
 */
export const MAX_INPUT_PIXELS = 40_000_000;
/** Images are kept at most this wide and this high (never enlarged): enough to read a document photo. */
export const MAX_KEPT_DIMENSION = 4096;
/** Images decoded at once in the process; the rest wait (libuv runs four threads in all). */
const DECODES_AT_ONCE = 2;
const decodes = new Semaphore(DECODES_AT_ONCE);

/** A file as it arrived: `field` names it in errors, e.g. `files[2]`. */
export interface IncomingFile {
  field: string;
  /** The name the client gave, untrusted; may be absent. */
  clientName: string | undefined;
  bytes: Buffer;
}

/** A file fit to keep: the bytes to store (re-encoded for images) and what the row records. */
export interface CheckedFile {
  field: string;
  fileName: string;
  mediaType: AttachmentMediaType;
  bytes: Buffer;
  sizeBytes: number;
  sha256: string;
}

export function isAttachmentMediaType(value: string | undefined): value is AttachmentMediaType {
  return (ATTACHMENT_MEDIA_TYPES as readonly string[]).includes(value ?? '');
}

/**
 * Checks one file and prepares it for storage; throws a 400 naming `file.field` when its
 * content is empty, not an allowed type (saying which type it is), or an image that cannot
 * be decoded.
 */
export async function checkFile(file: IncomingFile): Promise<CheckedFile> {
  if (file.bytes.length === 0) throw invalidInput([{ field: file.field, message: 'the file is empty', messageTh: 'ไฟล์ว่างเปล่า' }]);
  const detected = await fileTypeFromBuffer(file.bytes);
  if (!isAttachmentMediaType(detected?.mime)) {
    const what = detected ? `${detected.mime} (.${detected.ext})` : 'not a recognised file type';
    const whatTh = detected ? `เป็นไฟล์ประเภท ${detected.mime} (.${detected.ext})` : 'ไม่ใช่ไฟล์ประเภทที่รู้จัก';
    throw invalidInput([
      {
        field: file.field,
        message: `the content is ${what}; allowed are JPEG, PNG and WebP images and PDF documents`,
        messageTh: `เนื้อหาของไฟล์${whatTh} รับเฉพาะรูปภาพ JPEG, PNG, WebP และเอกสาร PDF`,
      },
    ]);
  }
  const mediaType = detected.mime;
  const bytes = mediaType === 'application/pdf' ? file.bytes : await reencodeImage(file, mediaType);
  return {
    field: file.field,
    fileName: displayName(file.clientName, mediaType, file.field),
    mediaType,
    bytes,
    sizeBytes: bytes.length,
    sha256: createHash('sha256').update(bytes).digest('hex'),
  };
}

/**
 * Decodes and encodes again in the same format, upright (EXIF orientation applied) and fit
 * within MAX_KEPT_DIMENSION. sharp writes no metadata unless asked, so EXIF (GPS included),
 * XMP, IPTC and comments are gone. The size in the header is checked before anything is decoded.
 */
async function reencodeImage(file: IncomingFile, mediaType: Exclude<AttachmentMediaType, 'application/pdf'>): Promise<Buffer> {
  const kind = EXTENSIONS[mediaType].toUpperCase();
  const pixels = await headerPixels(file.bytes);
  if (pixels === undefined) throw unreadableImage(file, kind);
  if (pixels > MAX_INPUT_PIXELS) {
    const megapixels = Math.floor(MAX_INPUT_PIXELS / 1_000_000);
    throw invalidInput([
      {
        field: file.field,
        message: `the ${kind} image is over ${megapixels} megapixels; send a smaller photo`,
        messageTh: `ภาพ ${kind} มีขนาดเกิน ${megapixels} ล้านพิกเซล กรุณาส่งภาพที่เล็กกว่านี้`,
      },
    ]);
  }
  try {
    return await decodes.run(() => {
      const image = sharp(file.bytes, { failOn: 'error', limitInputPixels: MAX_INPUT_PIXELS })
        .rotate()
        .resize({ width: MAX_KEPT_DIMENSION, height: MAX_KEPT_DIMENSION, fit: 'inside', withoutEnlargement: true });
      switch (mediaType) {
        case 'image/jpeg':
          return image.jpeg({ quality: 88 }).toBuffer();
        case 'image/png':
          return image.png().toBuffer();
        case 'image/webp':
          return image.webp({ quality: 88 }).toBuffer();
      }
    });
  } catch {
    throw unreadableImage(file, kind);
  }
}

/** Width × height as the image's header says (reading it decodes nothing); undefined if unreadable. */
async function headerPixels(bytes: Buffer): Promise<number | undefined> {
  try {
    const { width, height } = await sharp(bytes, { limitInputPixels: false }).metadata();
    return width > 0 && height > 0 ? width * height : undefined;
  } catch {
    return undefined;
  }
}

function unreadableImage(file: IncomingFile, kind: string) {
  return invalidInput([
    { field: file.field, message: `the ${kind} image cannot be read (damaged or too large)`, messageTh: `อ่านภาพ ${kind} ไม่ได้ (ไฟล์เสียหายหรือมีขนาดใหญ่เกินไป)` },
  ]);
}

// Control characters, and bidirectional overrides that can disguise an extension ("photo‮gpj.exe").
const UNSAFE_CHARACTERS = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/**
 * The name shown and offered on download: the client's base name without control or
 * direction characters, with the extension of the detected type, at most 200 characters.
 * `field` (e.g. `files[2]`) numbers the fallback name when nothing usable remains.
 */
export function displayName(clientName: string | undefined, mediaType: AttachmentMediaType, field = 'files[0]'): string {
  const base = (clientName ?? '').normalize('NFC').split(/[/\\]/).pop() ?? '';
  let stem = base.replace(UNSAFE_CHARACTERS, '').replace(/\s+/g, ' ').trim();
  let extension = EXTENSIONS[mediaType];
  const dot = stem.lastIndexOf('.');
  if (dot >= 0) {
    const existing = stem.slice(dot + 1).toLowerCase();
    if (existing === extension || ALSO_ACCEPTED[existing] === mediaType) extension = existing;
    if (KNOWN_EXTENSIONS.has(existing)) stem = stem.slice(0, dot);
  }
  stem = stem.replace(/^[\s.]+|[\s.]+$/g, '');
  if (!stem) stem = `attachment-${Number(/\d+/.exec(field)?.[0] ?? 0) + 1}`;
  // Counted in code points, so a Thai or emoji character is never cut in half.
  const room = MAX_FILE_NAME_LENGTH - extension.length - 1;
  const characters = Array.from(stem);
  if (characters.length > room) stem = characters.slice(0, room).join('').trimEnd();
  return `${stem}.${extension}`;
}
