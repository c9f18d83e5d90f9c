// fetchUrl across hosts, on two loopback addresses: it stops where a redirect changes origin (so
// the fetcher can ask that origin's robots.txt and wait for the host's turn), and the redirect cap
// and the loop check span the hops that earlier calls followed.
import { fetchUrl, type FetchOptions } from '@news/fetcher/http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveHosts, type LoopbackSite } from './loopback-site.js';

const A = '127.0.0.2';
const B = '127.0.0.3';

describe('fetchUrl and redirects to other hosts', () => {
  let site: LoopbackSite;
  const origin = (host: string) => site.origin(host);
  beforeAll(async () => {
    site = await serveHosts([A, B], (request, response, host) => {
      const url = request.url ?? '/';
      if (url === '/same-host') return void response.writeHead(302, { location: '/article' }).end();
      if (url === '/to-b') return void response.writeHead(301, { location: `${origin(B)}/article` }).end();
      if (url === '/to-https') return void response.writeHead(301, { location: `${origin(host).replace('http:', 'https:')}/article` }).end();
      if (url === '/to-other-port') return void response.writeHead(302, { location: `http://${host}:1/article` }).end();
      if (url === '/back-to-a') return void response.writeHead(301, { location: `${origin(A)}/to-b` }).end();
      response.writeHead(200, { 'content-type': 'text/plain' }).end(`article on ${host}`);
    });
  });
  afterAll(() => site.close());

  const options: FetchOptions = { timeoutMs: 5_000, maxBytes: 1_000_000, maxRedirects: 5, allowPrivateNetworks: true, userAgent: 'test', stopAtOriginChange: true };

  it('follows a redirect on the same host, and stops at one to another host', async () => {
    const same = await fetchUrl(`${origin(A)}/same-host`, options);
    expect(same).toMatchObject({ status: 200, finalUrl: `${origin(A)}/article`, redirects: [`${origin(A)}/same-host`] });
    expect(same.redirectTo).toBeUndefined();

    const stopped = await fetchUrl(`${origin(A)}/to-b`, options);
    expect(stopped).toMatchObject({ status: 301, finalUrl: `${origin(A)}/to-b`, redirects: [], redirectTo: `${origin(B)}/article` });
    expect(stopped.body.length).toBe(0);
    const next = await fetchUrl(stopped.redirectTo!, { ...options, priorRedirects: [stopped.finalUrl] });
    expect(next).toMatchObject({ status: 200, finalUrl: `${origin(B)}/article`, redirects: [`${origin(A)}/to-b`] });
    expect(next.body.toString()).toBe(`article on ${B}`);
  });

  it('stops where only the scheme or the port changes: robots.txt is per origin', async () => {
    const port = origin(A).split(':').at(-1);
    // Nothing listens for TLS there: the call must return before trying to connect.
    const https = await fetchUrl(`${origin(A)}/to-https`, options);
    expect(https).toMatchObject({ status: 301, finalUrl: `${origin(A)}/to-https`, redirectTo: `https://${A}:${port}/article` });
    const otherPort = await fetchUrl(`${origin(A)}/to-other-port`, options);
    expect(otherPort).toMatchObject({ status: 302, redirectTo: `http://${A}:1/article` });
  });

  it('counts earlier hops against the cap and in the loop check', async () => {
    await expect(fetchUrl(`${origin(B)}/back-to-a`, { ...options, priorRedirects: ['http://x/1', 'http://x/2', 'http://x/3', 'http://x/4', 'http://x/5'] }))
      .rejects.toThrow(/too many redirects \(more than 5\)/);
    // A -> B -> A again: the second call sees the first hop and refuses the loop.
    await expect(fetchUrl(`${origin(B)}/back-to-a`, { ...options, priorRedirects: [`${origin(A)}/to-b`] })).rejects.toThrow(/redirect loop/);
  });

  it('follows every hop itself when not asked to stop', async () => {
    const result = await fetchUrl(`${origin(A)}/to-b`, { ...options, stopAtOriginChange: false });
    expect(result).toMatchObject({ status: 200, finalUrl: `${origin(B)}/article`, redirects: [`${origin(A)}/to-b`] });
  });
});
