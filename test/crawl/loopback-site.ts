// A loopback web site on several hosts for the crawl tests: one HTTP server per address of
// 127.0.0.0/8 (all loopback on Linux), each answering with the test's handler and recording every
// request (host, path, user agent, when it started and ended) so tests can check politeness.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Hit {
  host: string;
  path: string;
  userAgent: string;
  start: number;
  end: number;
}

export type Handler = (request: IncomingMessage, response: ServerResponse, host: string) => void | Promise<void>;

export interface LoopbackSite {
  /** "http://127.0.0.2:40123" by address. */
  origin(address: string): string;
  hits: Hit[];
  close(): Promise<void>;
}

export async function serveHosts(addresses: readonly string[], handler: Handler): Promise<LoopbackSite> {
  const hits: Hit[] = [];
  const servers = new Map<string, Server>();
  for (const address of addresses) {
    const server = createServer((request, response) => {
      const hit: Hit = { host: address, path: request.url ?? '/', userAgent: String(request.headers['user-agent'] ?? ''), start: Date.now(), end: 0 };
      hits.push(hit);
      response.on('close', () => (hit.end = Date.now()));
      Promise.resolve(handler(request, response, address)).catch(() => response.destroy());
    });
    await new Promise<void>((resolve) => server.listen(0, address, resolve));
    servers.set(address, server);
  }
  return {
    origin(address) {
      const server = servers.get(address);
      if (!server) throw new Error(`not serving ${address}`);
      return `http://${address}:${(server.address() as AddressInfo).port}`;
    },
    hits,
    async close() {
      await Promise.all([...servers.values()].map((server) => new Promise((resolve) => {
        server.closeAllConnections();
        server.close(resolve);
      })));
    },
  };
}
