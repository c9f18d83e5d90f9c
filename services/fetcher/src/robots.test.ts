import { describe, expect, it } from 'vitest';
import { parseRobots, productToken, robotsFromOutcome } from './robots.js';

const BASE = 'https://news.example/robots.txt';
const robots = (text: string, token = 'news-pipeline') => parseRobots(text, BASE, token);

describe('robots.txt (RFC 9309)', () => {
  it('takes the product token from the user agent', () => {
    expect(productToken('news-pipeline/0.1 (+https://example.org)')).toBe('news-pipeline');
    expect(productToken('  Googlebot/2.1')).toBe('googlebot');
  });

  it('uses the group that names us over the "*" group, case-insensitively', () => {
    const rules = robots('User-agent: *\nDisallow: /\n\nUser-Agent: News-Pipeline\nDisallow: /private\n');
    expect(rules.isAllowed('https://news.example/world/1')).toBe(true);
    expect(rules.isAllowed('https://news.example/private/x')).toBe(false);
    expect(robots('User-agent: *\nDisallow: /\n', 'other').isAllowed('https://news.example/a')).toBe(false);
  });

  it('merges every group that names us and groups consecutive user-agent lines', () => {
    const text = 'User-agent: a\nUser-agent: news-pipeline\nDisallow: /one\n\nUser-agent: news-pipeline\nDisallow: /two\n';
    const rules = robots(text);
    expect(rules.isAllowed('https://news.example/one')).toBe(false);
    expect(rules.isAllowed('https://news.example/two')).toBe(false);
    expect(rules.isAllowed('https://news.example/three')).toBe(true);
    expect(robots(text, 'a').isAllowed('https://news.example/two')).toBe(true);
  });

  it('lets the longest match win, and allow win a tie', () => {
    const rules = robots('User-agent: *\nDisallow: /news\nAllow: /news/public\nDisallow: /tie\nAllow: /tie\n');
    expect(rules.isAllowed('https://news.example/news/secret')).toBe(false);
    expect(rules.isAllowed('https://news.example/news/public/1')).toBe(true);
    expect(rules.isAllowed('https://news.example/tie')).toBe(true);
  });

  it('supports * and $ and matches the query string', () => {
    const rules = robots('User-agent: *\nDisallow: /*.pdf$\nDisallow: /*?print=\nDisallow: /a*/b\n');
    expect(rules.isAllowed('https://news.example/doc.pdf')).toBe(false);
    expect(rules.isAllowed('https://news.example/doc.pdf?x=1')).toBe(true);
    expect(rules.isAllowed('https://news.example/story?print=1')).toBe(false);
    expect(rules.isAllowed('https://news.example/axx/b/c')).toBe(false);
    expect(rules.isAllowed('https://news.example/b')).toBe(true);
  });

  it('compares percent-encoded and UTF-8 paths alike', () => {
    const rules = robots('User-agent: *\nDisallow: /أخبار\nDisallow: /%7ejoe\n');
    expect(rules.isAllowed('https://news.example/%D8%A3%D8%AE%D8%A8%D8%A7%D8%B1/1')).toBe(false);
    expect(rules.isAllowed('https://news.example/%7Ejoe/x')).toBe(false);
  });

  it('ignores an empty Disallow, comments, junk and rules before any user-agent', () => {
    const rules = robots('Disallow: /early\n<html>\nUser-agent: * # all\nDisallow:\nDisallow: /x # not /y\n');
    expect(rules.isAllowed('https://news.example/early')).toBe(true);
    expect(rules.isAllowed('https://news.example/y')).toBe(true);
    expect(rules.isAllowed('https://news.example/x')).toBe(false);
  });

  it('always allows /robots.txt itself', () => {
    expect(robots('User-agent: *\nDisallow: /\n').isAllowed('https://news.example/robots.txt')).toBe(true);
  });

  it('reads Crawl-delay of the applying group and file-wide Sitemap lines', () => {
    const rules = robots('Sitemap: /sitemap.xml\nUser-agent: *\nCrawl-delay: 2.5\nUser-agent: other\nCrawl-delay: 30\nSitemap: https://cdn.example/news.xml\nSitemap: javascript:alert(1)\n');
    expect(rules.crawlDelaySeconds).toBe(2.5);
    expect(rules.sitemaps).toEqual(['https://news.example/sitemap.xml', 'https://cdn.example/news.xml']);
  });

  it('treats a missing file as allow-all and an unreachable one as disallow-all (null)', () => {
    expect(robotsFromOutcome({ kind: 'allow-all' }, BASE, 'x')?.isAllowed('https://news.example/a')).toBe(true);
    expect(robotsFromOutcome({ kind: 'unreachable', reason: 'HTTP 503' }, BASE, 'x')).toBeNull();
  });
});
