import { existsSync } from 'node:fs';
import { join } from 'node:path';
import express, { NextFunction, Request, Response } from 'express';
import type { NestExpressApplication } from '@nestjs/platform-express';

const API_PATHS = ['/graphql', '/health', '/auth'];

/**
 * Serves the built React app at / with an SPA fallback: any GET for a page
 * (not an API path, not a file) gets index.html so client-side routes load.
 */
export function serveWebApp(app: NestExpressApplication, webDist: string, log: (line: string) => void): void {
  const index = join(webDist, 'index.html');
  if (!existsSync(index)) {
    log(`No built web app in ${webDist}: run "npm run build -w web" to serve it at /`);
    return;
  }
  app.use(express.static(webDist, { index: false, maxAge: '1h', setHeaders: noCacheForHtml }));
  app.use((req: Request, res: Response, next: NextFunction) => {
    const isPage = req.method === 'GET' && !API_PATHS.some((p) => req.path === p || req.path.startsWith(`${p}/`));
    if (!isPage || !req.accepts('html')) return next();
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(index);
  });
}

function noCacheForHtml(res: Response, path: string): void {
  if (path.endsWith('.html')) res.setHeader('Cache-Control', 'no-cache');
}
