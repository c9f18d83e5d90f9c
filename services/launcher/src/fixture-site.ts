// A small web site served from a folder on loopback, answering as the folder's routes.json says
// (status, type, file or body, ETag / Last-Modified with 304s, redirects, delays). It serves the
// bundled demo site on `DEMO_SITE=true` and the end-to-end tests' sites. Every
// "http://news.example.test" in a body or header becomes the site's own origin.
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';

export interface Route {
  status?: number;
  type?: string;
  file?: string;
  body?: string;
  location?: string;
  etag?: string;
  lastModified?: string;
  delayMs?: number;
}

export interface FixtureSite {
  origin: string;
  /** Requests seen, in order (path and time), for tests. */
  requests: { path: string; at: number }[];
  close(): Promise<void>;
}

const PLACEHOLDER = Buffer.from('http://news.example.test', 'latin1');

function replaceAll(body: Buffer, needle: Buffer, replacement: Buffer): Buffer {
  const parts: Buffer[] = [];
  let at = 0;
  for (let index = body.indexOf(needle); index >= 0; index = body.indexOf(needle, at)) {
    parts.push(body.subarray(at, index), replacement);
    at = index + needle.length;
  }
  parts.push(body.subarray(at));
  return Buffer.concat(parts);
}

export function serveFixtureSite(dir: string, routes?: Record<string, Route>, host = '127.0.0.1'): Promise<FixtureSite> {
  const table = routes ?? (JSON.parse(readFileSync(join(dir, 'routes.json'), 'utf8')) as { routes: Record<string, Route> }).routes;
  const requests: FixtureSite['requests'] = [];
  let origin = '';
  const server: Server = createServer((request, response) => {
    requests.push({ path: request.url ?? '', at: Date.now() });
    const route = table[request.url ?? ''];
    if (!route) {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    const answer = () => {
      const status = route.status ?? 200;
      if (status >= 300 && status < 400) {
        response.writeHead(status, { location: (route.location ?? '/').replace(PLACEHOLDER.toString(), origin) }).end();
        return;
      }
      if ((route.etag && request.headers['if-none-match'] === route.etag) || (route.lastModified && request.headers['if-modified-since'] === route.lastModified)) {
        response.writeHead(304, route.etag ? { etag: route.etag } : {}).end();
        return;
      }
      const raw = route.file ? readFileSync(join(dir, route.file)) : Buffer.from(route.body ?? '', 'utf8');
      const body = replaceAll(raw, PLACEHOLDER, Buffer.from(origin, 'latin1'));
      const headers: Record<string, string | number> = { 'content-type': route.type ?? 'application/octet-stream', 'content-length': body.length };
      if (route.etag) headers.etag = route.etag;
      if (route.lastModified) headers['last-modified'] = route.lastModified;
      response.writeHead(status, headers).end(body);
    };
    if (route.delayMs) {
      const timer = setTimeout(answer, route.delayMs);
      request.on('close', () => clearTimeout(timer));
    } else answer();
  });
  return new Promise((resolve) => {
    server.listen(0, host, () => {
      const address = server.address();
      origin = `http://${host}:${typeof address === 'object' && address ? address.port : 0}`;
      resolve({
        origin,
        requests,
        close: () => new Promise((done) => {
          server.closeAllConnections();
          server.close(() => done());
        }),
      });
    });
  });
}
