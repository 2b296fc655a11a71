/**
 * Reading a Vite build's manifest: which JavaScript a page downloads before it runs (the
 * entry and its static imports), what each lazily loaded area adds, and their compressed
 * weights. Used by the bundle-size test and the web benchmark.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { brotliCompressSync, gzipSync } from 'node:zlib';

interface ManifestChunk {
  file: string;
  src?: string;
  isEntry?: boolean;
  isDynamicEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
  css?: string[];
  assets?: string[];
}
export type Manifest = Record<string, ManifestChunk>;

export interface Weight {
  files: number;
  rawKb: number;
  gzipKb: number;
  brotliKb: number;
}

const kb = (bytes: number) => Math.round((bytes / 1024) * 10) / 10;

/** Raw, gzip -9 and brotli sizes of `files` (paths inside `outDir`), in KB with one decimal. */
export function weigh(outDir: string, files: Iterable<string>): Weight {
  let raw = 0;
  let gzip = 0;
  let brotli = 0;
  let count = 0;
  for (const file of files) {
    const bytes = readFileSync(path.join(outDir, file));
    raw += bytes.length;
    gzip += gzipSync(bytes, { level: 9 }).length;
    brotli += brotliCompressSync(bytes).length;
    count += 1;
  }
  return { files: count, rawKb: kb(raw), gzipKb: kb(gzip), brotliKb: kb(brotli) };
}

/** The JS files a chunk loads before it runs: itself and its static imports, transitively. */
function staticClosure(manifest: Manifest, key: string, seen = new Set<string>()): Set<string> {
  if (seen.has(key)) return seen;
  seen.add(key);
  for (const imported of manifest[key]?.imports ?? []) staticClosure(manifest, imported, seen);
  return seen;
}

export function readBundle(outDir: string) {
  const manifest = JSON.parse(readFileSync(path.join(outDir, '.vite', 'manifest.json'), 'utf8')) as Manifest;
  const entryKey = Object.keys(manifest).find((key) => manifest[key]?.isEntry);
  if (!entryKey) throw new Error('the build has no entry chunk');
  /** The citizen pages' first download: the entry chunk and what it imports statically. */
  const citizen = staticClosure(manifest, entryKey);
  /** What a lazily loaded area (matched by its source path) adds to the first download. */
  const dynamicArea = (pattern: RegExp): string[] => {
    const key = Object.keys(manifest).find((candidate) => manifest[candidate]?.isDynamicEntry && pattern.test(candidate));
    return key ? [...staticClosure(manifest, key)].filter((chunk) => !citizen.has(chunk)) : [];
  };
  /** The output files of manifest chunks. */
  const filesOf = (keys: Iterable<string>): string[] =>
    [...keys].map((key) => manifest[key]?.file).filter((file): file is string => Boolean(file));
  return { manifest, citizen, dynamicArea, filesOf };
}
