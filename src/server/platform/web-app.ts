/**
 * Serves the built web app (citizen portal, staff console, administration) from
 * `config.webDir`: hashed assets cached for a year, every other page path answered with
 * index.html (the app routes in the browser), and security headers on every page — a
 * content security policy that allows only the app's own scripts, so text from a complaint
 * can never run as code.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

export const PAGE_SECURITY_HEADERS: Record<string, string> = {
  'content-security-policy': [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; '),
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
  'permissions-policy': 'camera=(), microphone=(), geolocation=(self)',
};

const NOT_BUILT_PAGE = `<!doctype html><html lang="th"><meta charset="utf-8"><title>Rongthuk</title>
<p>ยังไม่ได้สร้างหน้าเว็บ — the web app is not built: run <code>npm run build:web</code> (npm start does it).</p>
<p>API: <a href="/api/openapi.json">/api/openapi.json</a></p></html>`;

export interface WebApp {
  /** Answers a page path the router does not know with the app's index.html; false if it is not a page request. */
  servePage(request: FastifyRequest, reply: FastifyReply): boolean;
}

export async function registerWebApp(app: FastifyInstance, webDir: string): Promise<WebApp> {
  const built = existsSync(path.join(webDir, 'index.html'));
  if (built) {
    await app.register(fastifyStatic, {
      root: webDir,
      prefix: '/',
      // A route for each file built (read at start); page paths fall through to index.html below.
      wildcard: false,
      index: false,
      // Dot-folders (Vite's manifest) are not published.
      dotfiles: 'deny',
      setHeaders: (response, filePath) => {
        const immutable = filePath.includes(`${path.sep}assets${path.sep}`);
        void response.header('cache-control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
        // A page asked for by its file name (/index.html) is a page: the same headers as servePage's.
        if (/\.html?$/i.test(filePath)) void response.headers(PAGE_SECURITY_HEADERS);
      },
    });
  }
  return {
    servePage(request, reply) {
      const pathname = request.url.split('?')[0] ?? '/';
      const isPage = (request.method === 'GET' || request.method === 'HEAD') && !pathname.startsWith('/api/') && !path.extname(pathname);
      if (!isPage) return false;
      void reply.headers({ ...PAGE_SECURITY_HEADERS, 'cache-control': 'no-cache' });
      if (!built) {
        void reply.code(503).type('text/html; charset=utf-8').send(NOT_BUILT_PAGE);
        return true;
      }
      void reply.code(200).sendFile('index.html');
      return true;
    },
  };
}
