import type { NextFunction, Request, Response } from 'express';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * A GraphQL IDE served entirely from this server: GraphiQL and React come from node_modules, so the IDE
 * works behind firewalls that block CDNs. GET /graphql from a browser gets the page; everything else
 * goes to Apollo.
 */
const packageDir = (name: string) => dirname(require.resolve(`${name}/package.json`));
const ASSETS: Record<string, { file: string; type: string }> = {
  'react.js': { file: join(packageDir('react'), 'umd/react.production.min.js'), type: 'application/javascript' },
  'react-dom.js': {
    file: join(packageDir('react-dom'), 'umd/react-dom.production.min.js'),
    type: 'application/javascript',
  },
  'graphiql.js': { file: join(packageDir('graphiql'), 'graphiql.min.js'), type: 'application/javascript' },
  'graphiql.css': { file: join(packageDir('graphiql'), 'graphiql.min.css'), type: 'text/css' },
  'init.js': { file: join(__dirname, 'init.js'), type: 'application/javascript' },
};

const PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8" />
<title>Coordination platform: GraphQL</title>
<meta name="viewport" content="width=device-width, initial-scale=1" />
<link rel="stylesheet" href="/graphiql/graphiql.css" />
<style>html, body, #graphiql { height: 100%; margin: 0; }</style>
</head>
<body>
<div id="graphiql">Loading the GraphQL IDE...</div>
<script src="/graphiql/react.js"></script>
<script src="/graphiql/react-dom.js"></script>
<script src="/graphiql/graphiql.js"></script>
<script src="/graphiql/init.js"></script>
</body>
</html>`;

const cache = new Map<string, Buffer>();

export function graphiqlAssets(req: Request, res: Response, next: NextFunction) {
  const name = req.path.replace(/^\//, '');
  const asset = ASSETS[name];
  if (!asset) return next();
  let body = cache.get(name);
  if (!body) {
    body = readFileSync(asset.file);
    cache.set(name, body);
  }
  res.type(asset.type).set('Cache-Control', 'public, max-age=3600').send(body);
}

export function graphiqlPage(req: Request, res: Response, next: NextFunction) {
  const wantsHtml = req.method === 'GET' && !req.query.query && (req.headers.accept ?? '').includes('text/html');
  if (!wantsHtml) return next();
  res.type('html').send(PAGE);
}
