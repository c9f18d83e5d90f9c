// Hostile documents (issue 5): each must end within seconds in a clear error or a bounded
// result, with memory bounded and nothing read from disk or the network on the document's say.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FeedParseError, parseFeed, type ParsedFeed } from '../feed.js';

const fixture = (name: string): Uint8Array => readFileSync(new URL(`../../test-fixtures/feeds/${name}`, import.meta.url));
const encode = (text: string): Uint8Array => Buffer.from(text, 'utf8');

function timed<T>(run: () => T): { value: T; ms: number } {
  const started = performance.now();
  const value = run();
  return { value, ms: performance.now() - started };
}

/** Every string the parse produced, to check what may have leaked into it. */
function allText(feed: ParsedFeed): string {
  return JSON.stringify(feed);
}

// The unsafe patterns the feeds benchmark counts, applied to every output field.
const UNSAFE_MARKUP = /<\/?(script|iframe|object|embed|applet|style)\b|\son[a-z]+\s*=|\sstyle\s*=|(javascript|vbscript|data):/i;

describe('entity expansion', () => {
  it('billion laughs: declared entities are never expanded recursively', () => {
    const { value: feed, ms } = timed(() => parseFeed(fixture('billion-laughs.xml'), { url: 'http://x.test/' }));
    expect(ms).toBeLessThan(2000);
    expect(allText(feed).length).toBeLessThan(10_000);
    expect(feed.entries).toHaveLength(1);
  });

  it('quadratic blow-up: a large entity referenced many times adds at most a bounded amount of text', () => {
    const big = 'x'.repeat(50_000);
    const references = '&big;'.repeat(100_000);
    const document = `<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY big "${big}">]><rss><channel><item><title>t</title><description>${references}</description></item></channel></rss>`;
    const { value: feed, ms } = timed(() => parseFeed(encode(document), { url: 'http://x.test/' }));
    expect(ms).toBeLessThan(5000);
    // 500 kB of references would expand to 5 GB; the expansion budget keeps it near 1 MB.
    expect(feed.entries[0]?.summary?.length ?? 0).toBeLessThan(2_500_000);
  });
});

describe('XXE: nothing is read on the document\'s say', () => {
  it('leaves file entities unexpanded (file:///etc/passwd and a local secret)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'xxe-'));
    try {
      const secretFile = join(dir, 'secret.txt');
      writeFileSync(secretFile, 'TOP-SECRET-MARKER');
      const local = `<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY s SYSTEM "file://${secretFile}">]><rss><channel><title>&s;</title></channel></rss>`;
      for (const bytes of [fixture('xxe-file.xml'), encode(local)]) {
        const text = allText(parseFeed(bytes, { url: 'http://x.test/' }));
        expect(text).not.toContain('TOP-SECRET-MARKER');
        expect(text).not.toMatch(/root:.*:0:0:/);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  describe('network', () => {
    let server: Server;
    let hits = 0;
    let base = '';
    beforeAll(async () => {
      server = createServer((request, response) => {
        hits++;
        response.end('<!ENTITY leak "LEAKED">');
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    });
    afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

    it('fetches no external DTD, external entity or parameter entity', async () => {
      const documents = [
        `<?xml version="1.0"?><!DOCTYPE rss SYSTEM "${base}/rss.dtd"><rss><channel><title>&leak;</title></channel></rss>`,
        `<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY e SYSTEM "${base}/e">]><rss><channel><title>&e;</title></channel></rss>`,
        `<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY % p SYSTEM "${base}/p"> %p;]><rss><channel><title>&leak;</title></channel></rss>`,
        `<?xml version="1.0"?><!DOCTYPE rss PUBLIC "-//X//DTD X//EN" "${base}/public.dtd"><rss><channel><title>t</title></channel></rss>`,
      ];
      for (const document of documents) expect(allText(parseFeed(encode(document), { url: `${base}/feed` }))).not.toContain('LEAKED');
      await new Promise((resolve) => setTimeout(resolve, 200)); // give a stray request time to arrive
      expect(hits).toBe(0);
    });
  });
});

describe('HTML served as a feed', () => {
  it('fails with a clear error', () => {
    expect(() => parseFeed(fixture('html-page.html'), { url: 'http://x.test/', contentType: 'application/rss+xml' })).toThrow(
      new FeedParseError('not a feed: the document is HTML'),
    );
  });
});

describe('size and depth', () => {
  it('a 50 MB feed ends in seconds, with a bounded result and memory under 300 MB', () => {
    const item = (i: number) =>
      `<item><title>Item ${i}</title><link>/a/${i}</link><guid>id-${i}</guid><description>&lt;p&gt;${'Lorem ipsum dolor sit amet. '.repeat(30)}&lt;/p&gt;</description></item>\n`;
    const chunk = Array.from({ length: 1000 }, (_, i) => item(i)).join('');
    const repeats = Math.ceil((50 * 1024 * 1024) / chunk.length);
    const bytes = Buffer.alloc(repeats * chunk.length + 64);
    let offset = bytes.write('<rss version="2.0"><channel><title>Big</title>');
    for (let i = 0; i < repeats; i++) offset += bytes.write(chunk, offset);
    const body = bytes.subarray(0, offset); // unterminated, as a capped download would be
    expect(body.length).toBeGreaterThan(50 * 1024 * 1024);

    const { value: feed, ms } = timed(() => parseFeed(body, { url: 'http://x.test/', maxEntries: 10_000 }));
    expect(ms).toBeLessThan(15_000);
    expect(feed.entries).toHaveLength(10_000);
    expect(process.memoryUsage().rss).toBeLessThan(300 * 1024 * 1024);
  });

  it('100,000 nested elements, as markup and as escaped HTML, end quickly', () => {
    const depth = 100_000;
    const documents = [
      `<rss><channel><item><title>deep</title><description>${'<div>'.repeat(depth)}bottom${'</div>'.repeat(depth)}</description></item></channel></rss>`,
      `<rss><channel><item><title>deep</title><description>${'&lt;div&gt;'.repeat(depth)}bottom</description></item></channel></rss>`,
      `<rss><channel><item><title>deep</title>${'<x>'.repeat(depth)}${'</y>'.repeat(depth)}</item></channel></rss>`,
      `<rss><channel>${'<item>'.repeat(depth)}</channel></rss>`,
    ];
    for (const document of documents) {
      const { value: feed, ms } = timed(() => parseFeed(encode(document), { url: 'http://x.test/' }));
      expect(ms).toBeLessThan(5000); // about 0.1 s each when the machine is idle
      expect(feed.entries.length).toBeGreaterThanOrEqual(1);
      expect(allText(feed).length).toBeLessThan(2_000_000);
    }
  });
});

describe('javascript: and data: links', () => {
  it('keeps no script link in link fields or inside HTML', () => {
    const feed = parseFeed(fixture('javascript-links.xml'), { url: 'http://x.test/' });
    expect(feed.feed.link).toBeNull();
    expect(feed.entries.map((entry) => entry.link)).toEqual([null, null]);
    expect(feed.entries[0]?.content).toBe('<a>x</a> <img /> <a>y</a>');
    for (const entry of feed.entries) {
      for (const value of Object.values(entry)) if (typeof value === 'string') expect(value).not.toMatch(UNSAFE_MARKUP);
    }
  });
});
