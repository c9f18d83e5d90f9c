// Sitemaps (sitemaps.org), Google news sitemaps and sitemap indexes, as feed entries:
// link = <loc>, updated = <lastmod>, title and published from <news:news>, image from <image:image>.
import { parseFeedDate } from './dates.js';
import { child } from './text.js';
import { escapeHtml, textContent } from './text.js';
import { webLink } from './urls.js';
import type { XmlElement } from './xml-reader.js';

export type SitemapKind = 'sitemap' | 'sitemap-index';

export function sitemapKind(root: XmlElement): SitemapKind | null {
  if (root.local === 'urlset') return 'sitemap';
  if (root.local === 'sitemapindex') return 'sitemap-index';
  return null;
}

export function sitemapRecordNames(kind: SitemapKind): ReadonlySet<string> {
  return new Set([kind === 'sitemap' ? 'url' : 'sitemap']);
}

function text(parent: XmlElement | undefined, name: string): string | null {
  const found = parent ? child(parent, name) : undefined;
  const value = found ? textContent(found).trim() : '';
  return value || null;
}

export interface SitemapEntry {
  link: string | null;
  updated: string | null;
  published: string | null;
  title: string | null;
  image: string | null;
  language: string | null;
}

export function readSitemapEntry(record: XmlElement): SitemapEntry {
  const news = child(record, 'news:news');
  const publication = news ? child(news, 'news:publication') : undefined;
  const image = child(record, 'image:image');
  const title = text(news, 'news:title');
  return {
    link: webLink(text(record, 'loc'), record.base),
    updated: parseFeedDate(text(record, 'lastmod')),
    published: parseFeedDate(text(news, 'news:publication_date')),
    title: title ? escapeHtml(title) : null,
    image: webLink(text(image, 'image:loc'), record.base),
    language: text(publication, 'news:language'),
  };
}
