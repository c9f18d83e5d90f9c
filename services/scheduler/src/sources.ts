// Sources: the feeds and sitemaps polled on a schedule. Their definitions (what an operator sets)
// and their poll status (what the scheduler learns) live in Redis, so the API and newsctl change
// them from anywhere; every change bumps a version key and is published on a channel, which is how
// the one scheduler process hears about it.
import { normaliseUrl, ValidationError, boolean, httpUrl, literal, object, optional, string, type Schema } from '@news/shared';
import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';
import { forgetSourceFetch } from '@news/shared/source-facts';
import type { IntervalBounds } from './interval.js';

export const SOURCE_KINDS = ['rss', 'atom', 'json', 'sitemap', 'news-sitemap'] as const;
export type SourceKind = (typeof SOURCE_KINDS)[number];

export interface Source {
  id: string;
  url: string;
  kind: SourceKind;
  minIntervalSeconds: number;
  maxIntervalSeconds: number;
  /** BCP 47-ish language hint ("ar", "en"), shown to operators. */
  language?: string;
  enabled: boolean;
  /** Poll without If-None-Match / If-Modified-Since (for servers with stale validators). */
  ignoreValidators: boolean;
  /** Where it was first defined. */
  origin: 'file' | 'api';
  createdAt: string;
}

/** What the scheduler learned from the last poll; written only by the scheduler. */
export interface SourceStatus {
  intervalSeconds: number;
  intervalReason?: string;
  ratePerHour?: number;
  /** Last successful poll (for the publishing rate). */
  lastPolledAt?: string;
  lastPoll?: { at: string; status: number; newItems: number; duplicateItems: number; error?: string };
}

/** Shortest interval anybody may set: below it a source would be hammered. */
export const MIN_INTERVAL_FLOOR_SECONDS = 10;
const MAX_INTERVAL_CEILING_SECONDS = 30 * 24 * 3600;

const DURATION_UNITS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86400 };

/** "90", "90s", "5m", "1h30m", "2d" → seconds; null when unreadable. */
export function parseDuration(input: string | number): number | null {
  if (typeof input === 'number') return Number.isFinite(input) && input >= 0 ? input : null;
  const text = input.trim().toLowerCase();
  if (/^\d+(\.\d+)?$/.test(text)) return Number(text);
  const parts = [...text.matchAll(/(\d+(?:\.\d+)?)\s*([smhd])/g)];
  if (parts.length === 0 || parts.map((part) => part[0]).join('') !== text.replace(/\s+/g, '')) return null;
  return parts.reduce((total, [, value, unit]) => total + Number(value) * (DURATION_UNITS[unit ?? 's'] ?? 1), 0);
}

const duration = (): Schema<number> => ({
  parse(value, path = '') {
    const seconds = typeof value === 'string' || typeof value === 'number' ? parseDuration(value) : null;
    if (seconds === null) throw new ValidationError(`${path} must be a duration in seconds or like "5m", "2h", "1d"`);
    if (seconds < MIN_INTERVAL_FLOOR_SECONDS || seconds > MAX_INTERVAL_CEILING_SECONDS) {
      throw new ValidationError(`${path} must be between ${MIN_INTERVAL_FLOOR_SECONDS} s and 30 days`);
    }
    return Math.round(seconds);
  },
});

const language = () => string({ min: 2, max: 35 });

/** What can be set on a source, at creation or later. */
const sourceSettings = {
  kind: optional(literal(...SOURCE_KINDS)),
  min: optional(duration()),
  max: optional(duration()),
  language: optional(language()),
  enabled: optional(boolean()),
  ignoreValidators: optional(boolean()),
};

/** Body of POST /api/sources and an entry of infra/sources.yaml. */
export const newSourceSchema = object({ url: httpUrl(), ...sourceSettings });
export type NewSource = ReturnType<typeof newSourceSchema.parse>;

/** Body of PATCH /api/sources/:id. */
export const sourcePatchSchema = object(sourceSettings);
export type SourcePatch = ReturnType<typeof sourcePatchSchema.parse>;

/** A source's id: stable for its URL, so the file and the API name the same source alike. */
export function sourceId(url: string): string {
  const normalised = normaliseUrl(url) ?? url;
  return createHash('sha1').update(normalised).digest('hex').slice(0, 12);
}

/** Sitemaps are recognised by name when no kind is given; anything else is taken for a feed. */
export function guessKind(url: string): SourceKind {
  const path = new URL(url).pathname.toLowerCase();
  if (/news[-_]?sitemap|sitemap[-_]?news/.test(path)) return 'news-sitemap';
  if (/sitemap[^/]*\.xml(\.gz)?$/.test(path)) return 'sitemap';
  if (/\.json$/.test(path)) return 'json';
  if (/atom/.test(path)) return 'atom';
  return 'rss';
}

function checkBounds(min: number, max: number): void {
  if (min > max) throw new ValidationError(`min (${min} s) must not be above max (${max} s)`);
}

export function buildSource(input: NewSource, defaults: IntervalBounds, origin: Source['origin'], now = new Date()): Source {
  const min = input.min ?? Math.min(defaults.minSeconds, input.max ?? defaults.minSeconds);
  const max = input.max ?? Math.max(defaults.maxSeconds, min);
  checkBounds(min, max);
  return {
    id: sourceId(input.url),
    url: input.url,
    kind: input.kind ?? guessKind(input.url),
    minIntervalSeconds: min,
    maxIntervalSeconds: max,
    ...(input.language ? { language: input.language } : {}),
    enabled: input.enabled ?? true,
    ignoreValidators: input.ignoreValidators ?? false,
    origin,
    createdAt: now.toISOString(),
  };
}

export function applyPatch(source: Source, patch: SourcePatch): Source {
  const next: Source = {
    ...source,
    ...(patch.kind ? { kind: patch.kind } : {}),
    ...(patch.min !== undefined ? { minIntervalSeconds: patch.min } : {}),
    ...(patch.max !== undefined ? { maxIntervalSeconds: patch.max } : {}),
    ...(patch.language ? { language: patch.language } : {}),
    ...(patch.enabled !== undefined ? { enabled: patch.enabled } : {}),
    ...(patch.ignoreValidators !== undefined ? { ignoreValidators: patch.ignoreValidators } : {}),
  };
  checkBounds(next.minIntervalSeconds, next.maxIntervalSeconds);
  return next;
}

export const boundsOf = (source: Source): IntervalBounds => ({ minSeconds: source.minIntervalSeconds, maxSeconds: source.maxIntervalSeconds });

const SOURCES_KEY = 'news:sources';
const VERSION_KEY = 'news:sources:version';
export const SOURCES_CHANGED_CHANNEL = 'news:sources:changed';
const statusKey = (id: string) => `news:source:${id}:status`;

export class SourceStore {
  constructor(private readonly redis: Redis) {}

  async list(): Promise<Source[]> {
    const all = await this.redis.hgetall(SOURCES_KEY);
    return Object.values(all).map((json) => JSON.parse(json) as Source).sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.url.localeCompare(b.url));
  }

  async get(id: string): Promise<Source | undefined> {
    const json = await this.redis.hget(SOURCES_KEY, id);
    return json ? (JSON.parse(json) as Source) : undefined;
  }

  /** Adds the source unless one with the same id exists; says which happened. */
  async add(source: Source): Promise<boolean> {
    const added = (await this.redis.hsetnx(SOURCES_KEY, source.id, JSON.stringify(source))) === 1;
    if (added) await this.changed(source.id);
    return added;
  }

  async put(source: Source): Promise<void> {
    await this.redis.hset(SOURCES_KEY, source.id, JSON.stringify(source));
    await this.changed(source.id);
  }

  async remove(id: string): Promise<boolean> {
    const [[, removed] = []] = (await this.redis.multi().hdel(SOURCES_KEY, id).del(statusKey(id)).exec()) ?? [];
    await forgetSourceFetch(this.redis, id);
    if (removed) await this.changed(id);
    return removed === 1;
  }

  /** Bumped on every change; the scheduler compares it to catch a missed notification. */
  async version(): Promise<string> {
    return (await this.redis.get(VERSION_KEY)) ?? '0';
  }

  async getStatuses(ids: readonly string[]): Promise<Map<string, SourceStatus>> {
    const statuses = new Map<string, SourceStatus>();
    if (ids.length === 0) return statuses;
    const values = await this.redis.mget(ids.map(statusKey));
    ids.forEach((id, index) => {
      const value = values[index];
      if (value) statuses.set(id, JSON.parse(value) as SourceStatus);
    });
    return statuses;
  }

  async setStatus(id: string, status: SourceStatus): Promise<void> {
    await this.redis.set(statusKey(id), JSON.stringify(status));
  }

  private async changed(id: string): Promise<void> {
    await this.redis.incr(VERSION_KEY);
    await this.redis.publish(SOURCES_CHANGED_CHANNEL, id);
  }
}
