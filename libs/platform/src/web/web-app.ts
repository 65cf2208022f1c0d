import type { NextFunction, Request, Response } from 'express';
import fs from 'node:fs';
import path from 'node:path';

/**
 * Where the built web client is: apps/web/dist from the sources, dist/apps/web/dist from the compiled build
 * (npm run build copies it there). Both are four levels above this file's folder.
 */
export const WEB_DIST = path.resolve(__dirname, '../../../../apps/web/dist');

/**
 * First path segments that are the web client's own pages: a GET for one of them (a reload, a link in a mail such
 * as /meetings/<id> or /action-items/<id>) answers index.html and the client's router shows the page. An allow-list
 * rather than "everything else" so that no API route, present or added later, is ever shadowed by the page.
 */
export const WEB_ROUTES = [
  '',
  'bodies',
  'dashboard',
  'meetings',
  'action-items',
  'sign-in',
  'my',
  // The invitation and password reset mails' links (PUBLIC_URL/accept-invitation?token=...).
  'accept-invitation',
  'reset-password',
  // The secretariat console (issue 20).
  'console',
];

/**
 * The CSP of the web client's pages and assets: its own origin only, no inline script, no inline style element but
 * React Aria's one (by hash; React sets style properties through the DOM, which style-src does not govern), no framing.
 */
export const WEB_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  // React Aria's press handling adds one fixed <style> element (touch-action on pressables): allowed by its hash.
  "style-src 'self' 'sha256-38RhXrc7EdReTKsOm23ZPOCUgniTUUcjky8QOOrQx6o='",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/**
 * Serves the web client: hashed assets cached for a year, index.html never cached, SPA fallback for its routes.
 * Express's own res.sendFile (with `root`, which refuses paths leaving it) rather than another static-file package.
 */
export function webApp(dist = WEB_DIST) {
  const index = path.join(dist, 'index.html');
  const assets = path.join(dist, 'assets');
  return (req: Request, res: Response, next: NextFunction) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    if (req.path.startsWith('/assets/')) {
      res.setHeader('Content-Security-Policy', WEB_CSP);
      res.sendFile(
        req.path.slice('/assets/'.length),
        { root: assets, maxAge: '365d', immutable: true, dotfiles: 'deny' },
        (error) => {
          if (error && !res.headersSent) res.status(404).type('text/plain').send('Not found');
        },
      );
      return;
    }
    const segment = req.path.split('/')[1] ?? '';
    if (!WEB_ROUTES.includes(segment) || !req.accepts('html')) return next();
    if (!fs.existsSync(index)) {
      res
        .status(503)
        .type('text/plain')
        .send('The web client is not built: run `npm run build:web` (npm start does it for you).');
      return;
    }
    res.setHeader('Content-Security-Policy', WEB_CSP);
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(index);
  };
}
