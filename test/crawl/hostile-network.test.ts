// Hostile servers at the network level, from a loopback server written for the purpose: a gzip
// bomb, an endless body, a slow drip, a server that never answers, a lying Content-Length,
// redirect loops and chains, and redirects to private addresses. Each fetch must end within
// seconds with a clear error, memory must stay bounded, and a normal fetch running alongside must
// not be held up.
import { FetchError, fetchUrl, isPrivateAddress, type FetchOptions } from '@news/fetcher/http';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createGzip } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const MB = 1024 * 1024;
const TIMEOUT_MS = 2000;
const ZEROS = Buffer.alloc(MB);

let server: Server;
let origin: string;

/** Streams `total` bytes of zeros gzip-compressed (about 1 KB per MB), without holding them. */
function gzipBomb(response: import('node:http').ServerResponse, total: number) {
  response.writeHead(200, { 'content-type': 'application/rss+xml', 'content-encoding': 'gzip' });
  const gzip = createGzip({ level: 9 });
  gzip.pipe(response);
  let sent = 0;
  const pump = () => {
    while (sent < total) {
      sent += ZEROS.length;
      if (!gzip.write(ZEROS)) return void gzip.once('drain', pump);
    }
    gzip.end();
  };
  response.on('close', () => gzip.destroy());
  pump();
}

beforeAll(async () => {
  server = createServer((request, response) => {
    const path = request.url ?? '/';
    const port = (server.address() as AddressInfo).port;
    if (path === '/bomb') return gzipBomb(response, 2048 * MB);
    if (path === '/endless') {
      response.writeHead(200, { 'content-type': 'application/rss+xml' });
      const write = () => {
        while (response.write(ZEROS.subarray(0, 64 * 1024)));
        response.once('drain', write);
      };
      return write();
    }
    if (path === '/drip') {
      response.writeHead(200, { 'content-type': 'application/rss+xml' });
      const timer = setInterval(() => response.write('<'), 100);
      return void response.on('close', () => clearInterval(timer));
    }
    if (path === '/silent') return; // never answers
    if (path === '/liar') {
      response.writeHead(200, { 'content-length': String(100 * 1024 * MB) });
      return void response.write('<rss>');
    }
    const loop = /^\/loop\/([ab])$/.exec(path);
    if (loop) return void response.writeHead(302, { location: loop[1] === 'a' ? '/loop/b' : '/loop/a' }).end();
    const chain = /^\/chain\/(\d+)$/.exec(path);
    if (chain) return void response.writeHead(301, { location: `/chain/${Number(chain[1]) + 1}` }).end();
    const redirects: Record<string, string> = {
      '/to-other-loopback': `http://127.0.0.2:${port}/ok`,
      '/to-private-literal': 'http://10.1.2.3/internal',
      '/to-metadata': 'http://169.254.169.254/latest/meta-data/',
      '/to-ipv6-loopback': `http://[::1]:${port}/ok`,
      '/to-file': 'file:///etc/passwd',
    };
    if (redirects[path]) return void response.writeHead(302, { location: redirects[path] }).end();
    if (path === '/ok') return void response.writeHead(200, { 'content-type': 'application/rss+xml' }).end('<rss version="2.0"><channel/></rss>');
    response.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

// The test server is on loopback, so private addresses are refused except its own: a redirect
// elsewhere in 127.0.0.0/8, to ::1, to 10/8 or to the metadata address is then what it would be
// on the public Internet.
const options: FetchOptions = {
  timeoutMs: TIMEOUT_MS,
  maxBytes: 10 * MB,
  maxRedirects: 5,
  allowPrivateNetworks: false,
  refuseAddress: (address) => address !== '127.0.0.1' && isPrivateAddress(address),
  userAgent: 'news-pipeline/test',
};

async function failure(path: string): Promise<{ error: FetchError; ms: number }> {
  const started = Date.now();
  const error = await fetchUrl(`${origin}${path}`, options).then(
    () => { throw new Error(`${path} was fetched`); },
    (caught: unknown) => caught,
  );
  if (!(error instanceof FetchError)) throw error;
  return { error, ms: Date.now() - started };
}

describe('hostile servers', () => {
  const cases: [string, RegExp, boolean][] = [
    ['/bomb', /over the 10485760-byte limit after decompression/, true],
    ['/endless', /over the 10485760-byte limit/, true],
    ['/drip', /timeout after 2000 ms/, false],
    ['/silent', /timeout after 2000 ms/, false],
    ['/liar', /body of 107374182400 bytes is over the 10485760-byte limit/, true],
    ['/loop/a', /redirect loop/, true],
    ['/chain/0', /too many redirects \(more than 5\)/, true],
    ['/to-other-loopback', /refused: 127\.0\.0\.2 is a private address/, true],
    ['/to-private-literal', /refused: 10\.1\.2\.3 is a private address/, true],
    ['/to-metadata', /refused: 169\.254\.169\.254 is a private address/, true],
    ['/to-ipv6-loopback', /refused: ::1 is a private address/, true],
    ['/to-file', /refused: file: URLs are not fetched/, true],
  ];

  it.each(cases)('%s ends within seconds with a clear error', async (path, reason, permanent) => {
    const { error, ms } = await failure(path);
    expect(error.message).toMatch(reason);
    expect(error.permanent).toBe(permanent);
    expect(ms).toBeLessThan(TIMEOUT_MS + 1000);
  });

  it('keeps memory bounded and a normal fetch unhindered while all of them run at once', async () => {
    let peakRss = process.memoryUsage().rss;
    const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 20);
    const started = Date.now();
    const hostile = Promise.allSettled(cases.flatMap(([path]) => [fetchUrl(`${origin}${path}`, options), fetchUrl(`${origin}${path}`, options)]));
    // A well-behaved source fetched while the hostile ones are in flight.
    await new Promise((resolve) => setTimeout(resolve, 200));
    const normalStarted = Date.now();
    const normal = await fetchUrl(`${origin}/ok`, options);
    const normalMs = Date.now() - normalStarted;
    const outcomes = await hostile;
    const totalMs = Date.now() - started;
    clearInterval(sampler);
    console.log(`hostile x${outcomes.length} at once: all ended in ${totalMs} ms, normal fetch ${normalMs} ms, peak RSS ${Math.round(peakRss / MB)} MB`);
    expect(normal.status).toBe(200);
    expect(normalMs).toBeLessThan(TIMEOUT_MS / 2);
    expect(outcomes.every((outcome) => outcome.status === 'rejected')).toBe(true);
    expect(totalMs).toBeLessThan(TIMEOUT_MS + 1500);
    expect(peakRss).toBeLessThan(300 * MB);
  });
});
