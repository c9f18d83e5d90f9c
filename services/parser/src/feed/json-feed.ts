// JSON Feed 1.0 / 1.1 (https://jsonfeed.org/version/1.1).
import { parseFeedDate } from './dates.js';
import { sanitizeHtml } from './sanitize.js';
import { escapeHtml } from './text.js';
import { webLink } from './urls.js';

type Json = Record<string, unknown>;

const str = (value: unknown): string | null => (typeof value === 'string' && value.trim() ? value.trim() : null);
const obj = (value: unknown): Json | null => (value && typeof value === 'object' && !Array.isArray(value) ? (value as Json) : null);

/** The parsed JSON when it is a JSON Feed, else null. */
export function asJsonFeed(value: unknown): Json | null {
  const feed = obj(value);
  const version = feed ? str(feed.version) : null;
  return feed && version && /^https?:\/\/jsonfeed\.org\/version\//.test(version) ? feed : null;
}

export function readJsonFeedChannel(feed: Json, baseUrl: string) {
  const title = str(feed.title);
  return {
    title: title ? escapeHtml(title) : null,
    link: webLink(str(feed.home_page_url), baseUrl),
    language: str(feed.language),
  };
}

function authorOf(item: Json, feed: Json): string | null {
  const authors = Array.isArray(item.authors) ? item.authors : Array.isArray(feed.authors) ? feed.authors : [];
  const first = obj(authors[0]) ?? obj(item.author) ?? obj(feed.author);
  const name = first ? str(first.name) : null;
  return name ? escapeHtml(name) : null;
}

export function readJsonFeedItem(item: Json, feed: Json, baseUrl: string) {
  const html = str(item.content_html);
  const text = str(item.content_text);
  const content = html ? sanitizeHtml(html, baseUrl) : text ? escapeHtml(text) : null;
  const summary = str(item.summary);
  const title = str(item.title);
  const id = item.id === undefined || item.id === null ? null : String(item.id);
  return {
    title: title ? escapeHtml(title) : null,
    link: webLink(str(item.url), baseUrl) ?? webLink(str(item.external_url), baseUrl),
    id,
    published: parseFeedDate(str(item.date_published)),
    updated: parseFeedDate(str(item.date_modified)),
    summary: summary ? escapeHtml(summary) : content,
    content,
    author: authorOf(item, feed),
    image: webLink(str(item.image), baseUrl) ?? webLink(str(item.banner_image), baseUrl),
    categories: Array.isArray(item.tags) ? item.tags.filter((tag): tag is string => typeof tag === 'string') : [],
  };
}
