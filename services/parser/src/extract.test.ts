import { readFileSync } from 'node:fs';
import { decodeBody } from '@news/shared/charset';
import { describe, expect, it } from 'vitest';
import { extractArticle, type Article } from './extract.js';

const fixture = (name: string): Buffer => readFileSync(new URL(`../test-fixtures/extract/${name}`, import.meta.url));
/** The seed story's pages and expectations, bundled once for the demo site and the tests. */
const seed = (name: string): Buffer => readFileSync(new URL(`../../../infra/demo-site/${name}`, import.meta.url));
const decoded = (name: string): string => decodeBody(fixture(name), { kind: 'html' }).text;
const decodedSeed = (name: string): string => decodeBody(seed(name), { kind: 'html' }).text;
const expected = JSON.parse(seed('expected.json').toString('utf8')) as {
  article: {
    title: string;
    language: string;
    publishedAt: string;
    siteName: string;
    image_path: string;
    body_must_contain: string[];
    body_must_not_contain: string[];
  };
};

function article(html: string, url: string, fetchedAt?: Date): Article {
  const result = extractArticle(html, url, fetchedAt ? { fetchedAt } : {});
  if (!result.ok) throw new Error(`expected an article, got: ${result.reason}`);
  return result.article;
}

describe('extractArticle on the seed story', () => {
  for (const [name, url] of [
    ['article.html', 'http://news.example.test/news/international/156712'],
    ['article-cp1256.html', 'http://127.0.0.1/legacy/156712'],
  ] as const) {
    it(`extracts ${name} as the pipeline expects`, () => {
      const a = article(decodedSeed(name), url);
      const want = expected.article;
      expect(a.title).toBe(want.title);
      expect(a.lang).toBe(want.language);
      expect(a.publishedAt).toBe(want.publishedAt);
      expect(a.modifiedAt).toBe('2017-11-21T16:02:00.000Z');
      expect(a.siteName).toBe(want.siteName);
      expect(a.canonicalUrl).toBe('http://news.example.test/news/international/156712');
      expect(new URL(a.image ?? '').pathname).toBe(want.image_path);
      for (const text of want.body_must_contain) expect(a.text).toContain(text);
      for (const text of want.body_must_not_contain) {
        expect(a.text).not.toContain(text);
        expect(a.html).not.toContain(text);
      }
      expect(a.text.split('\n')).toHaveLength(8);
    });
  }
});

describe('extractArticle on pages in the shapes that matter', () => {
  it('reads an Arabic RTL page: inline "read also" box dropped, Levantine month and Eastern digits, byline', () => {
    const a = article(decoded('arabic-rtl-read-also.html'), 'https://city.example/local/2023/library');
    expect(a.title).toBe('افتتاح مكتبة عامة جديدة في وسط المدينة');
    expect(a.lang).toBe('ar');
    expect(a.publishedAt).toBe('2023-11-14T09:30:00.000Z');
    expect(a.authors).toEqual(['سامي الخطيب']);
    const lines = a.text.split('\n');
    expect(lines).toHaveLength(4);
    expect(lines[0]).toMatch(/^افتتحت البلدية/);
    expect(lines[3]).toMatch(/^وعبّر عدد من سكان المدينة/);
    for (const boilerplate of ['اقرأ أيضا', 'البلدية تعلن خطة', 'الأكثر قراءة', 'فيسبوك', 'جميع الحقوق', 'كتب:']) {
      expect(a.text).not.toContain(boilerplate);
    }
  });

  it('reads a windows-1256 page that declares no charset, as decodeBody gives it', () => {
    const { text, encoding } = decodeBody(fixture('arabic-undeclared-cp1256.html'), { kind: 'html' });
    expect(encoding).toBe('windows-1256');
    const a = article(text, 'https://city.example/local/library');
    expect(a.lang).toBe('ar');
    expect(a.text).toContain('افتتحت البلدية صباح اليوم مكتبة عامة جديدة');
    expect(a.publishedAt).toBe('2023-11-14T09:30:00.000Z');
  });

  it('takes metadata from JSON-LD alone (@graph, authors, zone offset, relative image)', () => {
    const a = article(decoded('jsonld-only.html'), 'https://gazette.example.org/news/ferry-returns?utm_source=x');
    expect(a.title).toBe('Harbour ferry returns after a decade');
    expect(a.publishedAt).toBe('2024-03-05T13:15:00.000Z');
    expect(a.modifiedAt).toBe('2024-03-05T15:00:00.000Z');
    expect(a.authors).toEqual(['Maria Lopez', 'Tom Reed']);
    expect(a.siteName).toBe('Coastline Gazette');
    expect(a.canonicalUrl).toBe('https://gazette.example.org/news/ferry-returns');
    expect(a.image).toBe('https://gazette.example.org/img/ferry.jpg');
    expect(a.lang).toBe('en');
    expect(a.text.split('\n')).toHaveLength(3);
  });

  it('takes the date from <time> alone and drops the byline line', () => {
    const a = article(decoded('time-only.html'), 'https://valley.example/news/library-hours');
    expect(a.title).toBe('Library extends opening hours');
    expect(a.publishedAt).toBe('2023-06-01T15:45:00.000Z');
    expect(a.authors).toEqual(['Dana White']);
    expect(a.text).not.toContain('Posted');
    expect(a.text.split('\n')).toHaveLength(2);
  });

  it('says why a section front page or a login wall is not an article', () => {
    const front = extractArticle(decoded('front-page.html'), 'https://daily.example/world');
    expect(front).toMatchObject({ ok: false });
    expect(!front.ok && front.reason).toMatch(/^no article: section front page \(\d+ links, \d+ words of text\)$/);
    const wall = extractArticle(decoded('login-wall.html'), 'https://times.example/story');
    expect(!wall.ok && wall.reason).toMatch(/^no article: login wall/);
  });
});

describe('inline boxes and template defaults', () => {
  const paragraph = (n: number): string =>
    `<p>Paragraph ${n} of the story tells what happened at the meeting, who spoke there and what they decided to do next.</p>`;

  it('skips a "read also" label written among the paragraphs, with its links, and keeps the rest', () => {
    const html = `<html lang="en"><body><div class="story">${paragraph(1)}${paragraph(2)}
      <p><strong>Read also:</strong></p><p><a href="/other">Another story about something else entirely</a></p>
      ${paragraph(3)}${paragraph(4)}</div></body></html>`;
    const a = article(html, 'https://site.example/story');
    expect(a.text.split('\n')).toEqual([1, 2, 3, 4].map((n) => expect.stringContaining(`Paragraph ${n} of`)));
  });

  it('trusts the script over a declared language that cannot be right', () => {
    const html = `<html lang="en"><head><title>خبر</title></head><body><article>
      <p>كتب - محمد علي</p>
      <p>أعلنت وزارة الصحة اليوم عن افتتاح مستشفى جديد في المدينة، يضم مئتي سرير وقسماً للطوارئ يعمل على مدار الساعة.</p>
      <p>وقال الوزير إن المستشفى سيخدم أكثر من نصف مليون نسمة في المنطقة والقرى المجاورة لها خلال السنوات المقبلة.</p>
      <p>المزيد</p></article></body></html>`;
    const a = article(html, 'https://site.example/story');
    expect(a.lang).toBe('ar');
    expect(a.authors).toEqual(['محمد علي']);
    expect(a.text.split('\n')).toHaveLength(2);
  });
});

describe('sanitised HTML', () => {
  const page = `<html><body><article><h1>Title</h1>
    <p onclick="steal()">First paragraph of the story, long enough to count as article text for the extractor. <a href="/next" onmouseover="x()">next</a> <a href="javascript:alert(1)">bad</a></p>
    <script>alert(1)</script><style>p{color:red}</style>
    <p style="color:red">Second paragraph of the story with <b>bold</b> text and <img src="/pic.jpg" onerror="x()"> an image, also long enough.</p>
    <p>Third paragraph closes the story so that there are enough words to make this an article page.</p>
    </article></body></html>`;

  it('keeps only allowed tags, absolute http(s) links, no handlers, scripts or styles', () => {
    const a = article(page, 'https://site.example/a/b.html');
    expect(a.html).toContain('<a href="https://site.example/next">next</a>');
    expect(a.html).toContain('<img src="https://site.example/pic.jpg" alt="">');
    expect(a.html).toContain('<b>bold</b>');
    expect(a.html).not.toMatch(/onclick|onmouseover|onerror|javascript:|<script|<style|style=/i);
    expect(a.text).not.toContain('alert');
  });
});

describe('bad input ends in a clear result, bounded', () => {
  it('rejects an empty file', () => {
    expect(extractArticle('', 'https://x.example/')).toEqual({ ok: false, reason: 'no article: empty page' });
  });

  it('rejects non-HTML bytes', () => {
    const bytes = new Uint8Array(4096).map((_, i) => (i * 7919) % 256);
    const result = extractArticle(decodeBody(bytes, { kind: 'html' }).text, 'https://x.example/');
    expect(result.ok).toBe(false);
  });

  it('reads truncated HTML', () => {
    const html = decodedSeed('article.html');
    const cut = html.slice(0, html.indexOf('العمل الأساسي للشعوب') + 10);
    const a = article(cut, 'http://news.example.test/news/international/156712');
    expect(a.text).toContain('وترعى روسيا مع إيران وتركيا');
  });

  it('handles a 20 MB page in bounded time', () => {
    const paragraph = '<p>Repeated filler paragraph with enough words in it to look like prose, again and again.</p>\n';
    const html = `<html><body><article>${paragraph.repeat(Math.ceil(20_000_000 / paragraph.length))}</article></body></html>`;
    const started = Date.now();
    const result = extractArticle(html, 'https://x.example/big');
    expect(result.ok).toBe(true);
    expect(Date.now() - started).toBeLessThan(15_000);
  });

  it('handles 100,000 nested elements without overflowing the stack', () => {
    const html = `<html><body>${'<div>'.repeat(100_000)}<p>Deep text that is long enough to be a paragraph of an article, with several words in it to count.</p>${'</div>'.repeat(100_000)}</body></html>`;
    const started = Date.now();
    const result = extractArticle(html, 'https://x.example/deep');
    expect(Date.now() - started).toBeLessThan(3_000);
    // Nesting that deep is cut off before parsing, so the page is reported as empty.
    expect(result).toMatchObject({ ok: false, reason: expect.stringMatching(/^no article: near-empty page/) });
  });

  it('never throws on garbage arguments', () => {
    expect(extractArticle(undefined as unknown as string, 'not a url').ok).toBe(false);
    expect(extractArticle('<html><p>x', '').ok).toBe(false);
  });
});
