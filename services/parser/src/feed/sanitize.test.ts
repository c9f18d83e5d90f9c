import { describe, expect, it } from 'vitest';
import { htmlToText, sanitizeHtml } from './sanitize.js';

const BASE = 'http://example.org/posts/1';

describe('sanitizeHtml', () => {
  it('drops code-carrying elements with their content, and unknown elements but not their text', () => {
    expect(sanitizeHtml('a<script>alert(1)</script>b<style>p{}</style>c', BASE)).toBe('abc');
    expect(sanitizeHtml('<blink>safe</blink> <iframe src="http://x/">text</iframe><object data="x">fallback</object>', BASE)).toBe('safe textfallback');
    expect(sanitizeHtml('<embed src="x.swf"><applet code="x">in</applet><meta http-equiv="refresh"><link rel="stylesheet">', BASE)).toBe('in');
  });

  it('drops handlers and style attributes, keeps allowed attributes', () => {
    expect(sanitizeHtml('<p onclick="x()" style="color:red" class="lead" title="t">x</p>', BASE)).toBe('<p class="lead" title="t">x</p>');
    expect(sanitizeHtml('<img src="a.png" onerror="x()" alt="A">', BASE)).toBe('<img src="http://example.org/posts/a.png" alt="A" />');
  });

  it('resolves URLs and drops script, data and obfuscated schemes', () => {
    expect(sanitizeHtml('<a href="/x">x</a>', BASE)).toBe('<a href="http://example.org/x">x</a>');
    for (const href of ['javascript:alert(1)', ' JAVASCRIPT:alert(1)', 'java\tscript:alert(1)', 'jav&#x09;ascript:x', 'vbscript:x', 'data:text/html,<script>x</script>']) {
      expect(sanitizeHtml(`<a href="${href}">y</a>`, BASE), href).toBe('<a>y</a>');
    }
    expect(sanitizeHtml('<a href="mailto:a@b.c">m</a>', BASE)).toBe('<a href="mailto:a@b.c">m</a>');
  });

  it('escapes text, closes what is left open, ignores stray closes', () => {
    expect(sanitizeHtml('1 < 2 & <b>bold', BASE)).toBe('1 &lt; 2 &amp; <b>bold</b>');
    expect(sanitizeHtml('x</div></p>y', BASE)).toBe('xy');
  });

  it('reads broken comments and stray "<!" without losing text', () => {
    expect(sanitizeHtml('sa<!-- -- x >fe<script>alert(1)</script>', BASE)).toBe('safe');
    expect(sanitizeHtml("<!DOCTYPE ~ <b>x</b>", BASE)).toBe('&lt;!DOCTYPE ~ <b>x</b>');
    expect(sanitizeHtml('a<!-- hidden -->b', BASE)).toBe('ab');
  });

  it('keeps 100,000 nested elements linear and bounded', () => {
    const html = '<div>'.repeat(100_000) + 'x';
    const started = performance.now();
    const out = sanitizeHtml(html, BASE);
    expect(performance.now() - started).toBeLessThan(2000);
    expect(out.match(/<div>/g)).toHaveLength(100);
  });
});

describe('htmlToText', () => {
  it('keeps the text only', () => {
    expect(htmlToText('<p>Caf&eacute; <b>bold</b></p><script>x()</script>')).toBe('Café bold');
  });
});
