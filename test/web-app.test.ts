/**
 * Serving the web app: page paths get index.html with the security headers, hashed assets
 * are cached for good, unknown API paths stay JSON 404s, and an unbuilt app says how to build it.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { createDataProtector } from '../src/server/platform/crypto.ts';
import type { Database } from '../src/server/platform/database.ts';
import { buildApp } from '../src/server/app.ts';
import { TEST_CONFIG, TEST_DATA_KEY } from './support/app.ts';
import { createTestDatabase, DATABASE_HOOK_TIMEOUT, type TestDatabase } from './support/databases.ts';
import type { PublicSettings } from '../src/shared/api/settings.ts';

async function appServing(webDir: string, db: Database): Promise<FastifyInstance> {
  return buildApp({ db, config: { ...TEST_CONFIG, webDir }, protector: createDataProtector(TEST_DATA_KEY), now: () => new Date() });
}

describe('the web app', () => {
  let webDir = '';
  let database: TestDatabase | undefined;
  let db: Database;
  let app: FastifyInstance;
  beforeAll(async () => {
    webDir = mkdtempSync(path.join(os.tmpdir(), 'rongthuk-web-'));
    mkdirSync(path.join(webDir, 'assets'));
    mkdirSync(path.join(webDir, '.vite'));
    writeFileSync(path.join(webDir, 'index.html'), '<!doctype html><div id="root"></div>');
    writeFileSync(path.join(webDir, 'assets', 'index-abc123.js'), 'console.log(1)');
    writeFileSync(path.join(webDir, 'assets', 'big-def456.js'), `export const words = ${JSON.stringify(Array.from({ length: 2000 }, (_, i) => `คำที่ ${i}`))};`);
    writeFileSync(path.join(webDir, '.vite', 'manifest.json'), '{}');
    // Serving the web app reads no table: an empty database will do.
    database = await createTestDatabase('embedded', { migrate: false });
    db = database.db;
    app = await appServing(webDir, db);
  }, DATABASE_HOOK_TIMEOUT);
  afterAll(async () => {
    await app?.close();
    await database?.dispose();
    rmSync(webDir, { recursive: true, force: true });
  });

  it.each(['/', '/file', '/track/RT-69-7K3M9Q', '/staff/cases/0b7e', '/admin/users'])('answers the page path %s with index.html and a strict CSP', async (url) => {
    const response = await app.inject({ method: 'GET', url });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/html/);
    expect(response.body).toContain('id="root"');
    expect(response.headers['content-security-policy']).toContain("script-src 'self'");
    expect(response.headers['content-security-policy']).not.toContain('unsafe-inline');
    expect(response.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(response.headers['referrer-policy']).toBe('no-referrer');
    expect(response.headers['cache-control']).toBe('no-cache');
  });

  it('gives /index.html, asked for by name, the same security headers as a page path', async () => {
    const page = await app.inject({ method: 'GET', url: '/' });
    for (const method of ['GET', 'HEAD'] as const) {
      const response = await app.inject({ method, url: '/index.html' });
      expect(response.statusCode, method).toBe(200);
      expect(response.headers['content-type']).toMatch(/^text\/html/);
      for (const header of ['content-security-policy', 'referrer-policy', 'x-frame-options', 'permissions-policy', 'cache-control']) {
        expect(response.headers[header], `${method} ${header}`).toBe(page.headers[header]);
      }
    }
    expect((await app.inject({ method: 'GET', url: '/index.html' })).body).toContain('id="root"');
  });

  it('serves hashed assets with a long cache life', async () => {
    const response = await app.inject({ method: 'GET', url: '/assets/index-abc123.js' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['cache-control']).toContain('immutable');
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    // Scripts are not pages: no page policy of their own.
    expect(response.headers['content-security-policy']).toBeUndefined();
  });

  it('compresses scripts for browsers that accept it', async () => {
    const plain = await app.inject({ method: 'GET', url: '/assets/big-def456.js' });
    const brotli = await app.inject({ method: 'GET', url: '/assets/big-def456.js', headers: { 'accept-encoding': 'br, gzip' } });
    const gzip = await app.inject({ method: 'GET', url: '/assets/big-def456.js', headers: { 'accept-encoding': 'gzip' } });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(brotli.headers['content-encoding']).toBe('br');
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(brotli.rawPayload.length).toBeLessThan(plain.rawPayload.length / 3);
  });

  it('keeps unknown API paths, missing assets and dot-folders as 404s, not pages', async () => {
    for (const url of ['/api/v1/nothing', '/assets/missing.js', '/.vite/manifest.json']) {
      const response = await app.inject({ method: 'GET', url });
      expect(response.statusCode, url).toBe(404);
      expect(response.headers['content-type'], url).toMatch(/^application\/json/);
    }
    const post = await app.inject({ method: 'POST', url: '/file' });
    expect(post.statusCode).toBe(404);
  });

  it('says how to build the app when it is not built', async () => {
    const unbuilt = await appServing(path.join(webDir, 'nowhere'), db);
    try {
      const response = await unbuilt.inject({ method: 'GET', url: '/' });
      expect(response.statusCode).toBe(503);
      expect(response.body).toContain('npm run build:web');
    } finally {
      await unbuilt.close();
    }
  });

  it('tells the web app the public address for receipts, or null when none is configured', async () => {
    const unset = await app.inject({ method: 'GET', url: '/api/v1/public/settings' });
    expect(unset.json()).toMatchObject({ publicUrl: null });
    const configured = await buildApp({ db, config: { ...TEST_CONFIG, webDir, publicUrl: 'https://rongthuk.example.go.th/' }, protector: createDataProtector(TEST_DATA_KEY), now: () => new Date() });
    try {
      const response = await configured.inject({ method: 'GET', url: '/api/v1/public/settings' });
      expect(response.statusCode).toBe(200);
      expect(response.json()).toMatchObject({ publicUrl: 'https://rongthuk.example.go.th' });
    } finally {
      await configured.close();
    }
  });

  it('tells the web app the limits on attachments this installation sets, for its forms to say and check', async () => {
    const configured = await buildApp({ db, config: { ...TEST_CONFIG, webDir, maxFiles: 3, maxFileBytes: 2 * 1024 * 1024 }, protector: createDataProtector(TEST_DATA_KEY), now: () => new Date() });
    try {
      const response = await configured.inject({ method: 'GET', url: '/api/v1/public/settings' });
      expect(response.json<PublicSettings>()).toEqual({
        publicUrl: null,
        maxFiles: 3,
        maxFileBytes: 2 * 1024 * 1024,
        attachmentMediaTypes: ['image/jpeg', 'image/png', 'image/webp', 'application/pdf'],
      });
    } finally {
      await configured.close();
    }
  });
});
