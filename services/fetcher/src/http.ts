// A careful HTTP GET for crawling other people's servers: a deadline that aborts the socket,
// a byte cap applied after decompression (gzip bombs), a redirect cap, and no requests to
// private, loopback or link-local addresses unless explicitly allowed (every hop and every
// resolved address is checked, so a redirect or a DNS answer cannot smuggle one in).
import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP } from 'node:net';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';
import type { Transform } from 'node:stream';

export interface FetchOptions {
  timeoutMs: number;
  maxBytes: number;
  maxRedirects: number;
  allowPrivateNetworks: boolean;
  /**
   * Which resolved or literal addresses to refuse; defaults to private ones unless
   * allowPrivateNetworks. (Tests on loopback use it to refuse everything but their own server.)
   */
  refuseAddress?: (address: string) => boolean;
  userAgent: string;
  headers?: Record<string, string>;
  signal?: AbortSignal;
  /**
   * Stop at a redirect to another origin (scheme, host or port) and return it (as `redirectTo`)
   * instead of following it, so the caller can ask that origin's robots.txt (RFC 9309 rules
   * are per origin: http://x and https://x have their own) and wait for that host's turn first.
   */
  stopAtOriginChange?: boolean;
  /** URLs already redirected through by earlier calls: they count against maxRedirects and loops. */
  priorRedirects?: readonly string[];
}

export interface FetchResult {
  status: number;
  /** The URL that answered, after redirects. */
  finalUrl: string;
  /** Every URL before finalUrl, in order. */
  redirects: string[];
  headers: Record<string, string | undefined>;
  body: Buffer;
  /** With stopAtOriginChange: the other origin's URL that finalUrl redirects to (status is the 3xx). */
  redirectTo?: string;
}

/** A failed fetch. `permanent` failures (4xx but 408/429, refused addresses) are not retried. */
export class FetchError extends Error {
  override name = 'FetchError';
  constructor(
    message: string,
    readonly permanent: boolean,
    readonly status?: number,
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
  }
}

/** True for addresses a crawler must not reach from the public web's say-so. */
export function isPrivateAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 4) {
    const [a = 0, b = 0] = address.split('.').map(Number);
    return a === 0 || a === 10 || a === 127 || (a === 169 && b === 254) || (a === 172 && b >= 16 && b <= 31) ||
      (a === 192 && b === 168) || (a === 100 && b >= 64 && b <= 127) || a >= 224;
  }
  if (family === 6) {
    const lower = address.toLowerCase();
    const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(lower);
    if (mapped?.[1]) return isPrivateAddress(mapped[1]);
    return lower === '::' || lower === '::1' || /^f[cd]/.test(lower) || /^fe[89ab]/.test(lower) || /^ff/.test(lower);
  }
  return false;
}

type LookupCallback = (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

function refusalPolicy(options: FetchOptions): (address: string) => boolean {
  return options.refuseAddress ?? (options.allowPrivateNetworks ? () => false : isPrivateAddress);
}

function guardedLookup(refuse: (address: string) => boolean) {
  return (hostname: string, options: object, callback: LookupCallback) => {
    dnsLookup(hostname, { ...options, all: true }, (error, addresses: LookupAddress[]) => {
      if (error) return callback(error, []);
      const refused = addresses.find((entry) => refuse(entry.address));
      if (refused) {
        return callback(Object.assign(new Error(`refused: ${hostname} resolves to private address ${refused.address}`), { code: 'EPRIVATE' }), []);
      }
      if ((options as { all?: boolean }).all) return callback(null, addresses);
      const first = addresses[0];
      if (!first) return callback(Object.assign(new Error(`no address for ${hostname}`), { code: 'ENOTFOUND' }), []);
      callback(null, first.address, first.family);
    });
  };
}

function decoderFor(encoding: string | undefined): Transform | null {
  switch ((encoding ?? '').trim().toLowerCase()) {
    case 'gzip':
    case 'x-gzip':
      return createGunzip();
    case 'deflate':
      return createInflate();
    case 'br':
      return createBrotliDecompress();
    default:
      return null;
  }
}

/** Retry-After in seconds from either of its forms (delta-seconds or an HTTP date). */
export function retryAfter(value: string | undefined): number | undefined {
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, Math.round((date - Date.now()) / 1000));
}

/** One request, no redirect following; resolves with the whole (decompressed, capped) body. */
function requestOnce(url: URL, options: FetchOptions, deadline: number): Promise<{ response: IncomingMessage; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const remaining = deadline - Date.now();
    if (remaining <= 0) return reject(new FetchError(`timeout after ${options.timeoutMs} ms`, false));
    const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
    const request = send(url, {
      method: 'GET',
      headers: { 'user-agent': options.userAgent, accept: '*/*', 'accept-encoding': 'gzip, deflate, br', ...options.headers },
      lookup: guardedLookup(refusalPolicy(options)) as never,
    });
    let settled = false;
    const finish = (error: Error | null, value?: { response: IncomingMessage; body: Buffer }) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
      if (error) {
        request.destroy();
        reject(error);
      } else resolve(value!);
    };
    // The deadline covers connect, headers and the whole body, so a slow drip cannot hold a worker.
    const timer = setTimeout(() => finish(new FetchError(`timeout after ${options.timeoutMs} ms`, false)), remaining);
    const onAbort = () => finish(new FetchError('aborted', false));
    options.signal?.addEventListener('abort', onAbort);
    request.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EPRIVATE') finish(new FetchError(error.message, true));
      else finish(new FetchError(`${error.code ?? 'network error'}: ${error.message}`, false));
    });
    request.on('response', (response) => {
      if (response.statusCode && response.statusCode >= 300 && response.statusCode < 400 && response.headers.location) {
        response.resume();
        return finish(null, { response, body: Buffer.alloc(0) });
      }
      const declared = Number(response.headers['content-length']);
      const decoder = decoderFor(response.headers['content-encoding']);
      if (!decoder && Number.isFinite(declared) && declared > options.maxBytes) {
        return finish(new FetchError(`body of ${declared} bytes is over the ${options.maxBytes}-byte limit`, true));
      }
      const stream = decoder ? response.pipe(decoder) : response;
      const chunks: Buffer[] = [];
      let size = 0;
      stream.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > options.maxBytes) {
          finish(new FetchError(`body is over the ${options.maxBytes}-byte limit${decoder ? ' after decompression' : ''}`, true));
          stream.destroy();
          return;
        }
        chunks.push(chunk);
      });
      stream.on('error', (error: Error) => finish(new FetchError(`body could not be read: ${error.message}`, false)));
      stream.on('end', () => finish(null, { response, body: Buffer.concat(chunks, size) }));
    });
    request.end();
  });
}

export function classifyStatus(status: number, statusText: string, retryAfterHeader?: string): FetchError | null {
  if (status >= 200 && status < 300) return null;
  if (status === 304) return null;
  const message = `HTTP ${status}${statusText ? ` ${statusText}` : ''}`;
  const transient = status === 408 || status === 425 || status === 429 || status >= 500;
  return new FetchError(message, !transient, status, retryAfter(retryAfterHeader));
}

/** GET with redirects followed; throws FetchError with a readable reason for every failure. */
export async function fetchUrl(input: string, options: FetchOptions): Promise<FetchResult> {
  const deadline = Date.now() + options.timeoutMs;
  const redirects: string[] = [...(options.priorRedirects ?? [])];
  let url = new URL(input);
  for (;;) {
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new FetchError(`refused: ${url.protocol} URLs are not fetched`, true);
    const literal = url.hostname.replace(/^\[|\]$/g, '');
    if (isIP(literal) && refusalPolicy(options)(literal)) {
      throw new FetchError(`refused: ${literal} is a private address`, true);
    }
    const { response, body } = await requestOnce(url, options, deadline);
    const status = response.statusCode ?? 0;
    const location = response.headers.location;
    if (status >= 300 && status < 400 && location) {
      if (redirects.length >= options.maxRedirects) throw new FetchError(`too many redirects (more than ${options.maxRedirects})`, true);
      const next = new URL(location, url);
      if (next.toString() === url.toString() || redirects.includes(next.toString())) throw new FetchError(`redirect loop at ${next}`, true);
      if (options.stopAtOriginChange && next.origin !== url.origin) {
        return { status, finalUrl: url.toString(), redirects, headers: {}, body: Buffer.alloc(0), redirectTo: next.toString() };
      }
      redirects.push(url.toString());
      url = next;
      continue;
    }
    const failure = classifyStatus(status, response.statusMessage ?? '', response.headers['retry-after'] as string | undefined);
    if (failure) throw failure;
    const headers: Record<string, string | undefined> = {};
    for (const [name, value] of Object.entries(response.headers)) headers[name] = Array.isArray(value) ? value.join(', ') : value;
    return { status, finalUrl: url.toString(), redirects, headers, body };
  }
}

/**
 * How long the server says the response stays fresh, in seconds: Cache-Control max-age (s-maxage
 * first), else Expires minus Date. Undefined when it says nothing usable (or no-cache / no-store,
 * which say nothing about how often content changes).
 */
export function freshnessSeconds(headers: Record<string, string | undefined>, now = Date.now()): number | undefined {
  const cacheControl = (headers['cache-control'] ?? '').toLowerCase();
  const directive = (name: string) => new RegExp(`(?:^|[,\\s])${name}\\s*=\\s*"?(\\d+)`).exec(cacheControl)?.[1];
  const maxAge = directive('s-maxage') ?? directive('max-age');
  if (maxAge !== undefined) return Number(maxAge);
  if (!headers.expires) return undefined;
  const expires = Date.parse(headers.expires);
  if (Number.isNaN(expires)) return undefined;
  const date = headers.date ? Date.parse(headers.date) : NaN;
  return Math.max(0, Math.round((expires - (Number.isNaN(date) ? now : date)) / 1000));
}
