// infra/sources.yaml: the sources an operator keeps in version control. Loaded at start; a source
// already in Redis is left as it is (the API may have paused or retuned it since), so the file
// seeds sources and never overrides what was changed at run time.
//
//   sources:
//     - url: https://example.com/feed.xml
//       kind: rss            # rss | atom | json | sitemap | news-sitemap (guessed when absent)
//       min: 10m             # interval bounds (default SOURCE_MIN/MAX_INTERVAL_SECONDS)
//       max: 6h
//       language: en
//       enabled: true
//       ignoreValidators: false
import { ValidationError } from '@news/shared';
import { readFile } from 'node:fs/promises';
import { parse } from 'yaml';
import type { IntervalBounds } from './interval.js';
import { buildSource, newSourceSchema, type Source } from './sources.js';

/** Parses the file's text into sources; throws one error naming every bad entry. */
export function parseSourcesFile(text: string, defaults: IntervalBounds, now = new Date()): Source[] {
  const document = parse(text, { maxAliasCount: 100 }) as unknown;
  const entries = document === null || document === undefined ? [] : (document as { sources?: unknown }).sources;
  if (!Array.isArray(entries)) throw new ValidationError('sources file must have a "sources:" list');
  const problems: string[] = [];
  const sources: Source[] = [];
  entries.forEach((entry, index) => {
    try {
      sources.push(buildSource(newSourceSchema.parse(entry, `sources[${index}]`), defaults, 'file', now));
    } catch (error) {
      problems.push(error instanceof Error ? error.message : String(error));
    }
  });
  if (problems.length) throw new ValidationError(`sources file: ${problems.join('; ')}`);
  return sources;
}

export async function readSourcesFile(path: string, defaults: IntervalBounds): Promise<Source[]> {
  return parseSourcesFile(await readFile(path, 'utf8'), defaults);
}
