// newsctl sources: manage the sources of a running stack through its API.
//   list [--json]                       one line per source with its crawl status
//   add URL [--kind K] [--min 5m] [--max 24h] [--language L] [--ignore-validators] [--paused]
//   set ID [--min M] [--max M] [--kind K] [--language L] [--ignore-validators true|false]
//   pause ID | resume ID | remove ID
import { callApi, reportErrors } from '../api-client.js';

/** The fields of GET /api/sources this command shows. */
interface SourceView {
  id: string;
  url: string;
  kind: string;
  enabled: boolean;
  minIntervalSeconds: number;
  maxIntervalSeconds: number;
  intervalSeconds: number;
  language?: string;
  lastFetchAt: string | null;
  httpStatus: number | null;
  newItems: number | null;
  duplicateItems: number | null;
  nextRunAt: string | null;
  lastError: string | null;
  discoveredSitemaps: string[];
}

const USAGE = `usage: newsctl sources list [--json]
       newsctl sources add URL [--kind rss|atom|json|sitemap|news-sitemap] [--min 5m] [--max 24h] [--language L] [--ignore-validators] [--paused]
       newsctl sources set ID [--min M] [--max M] [--kind K] [--language L] [--ignore-validators true|false]
       newsctl sources pause ID | resume ID | remove ID`;

class UsageError extends Error {}

/** Splits "--name value" options and bare flags from positional arguments. */
export function parseOptions(args: string[], flags: readonly string[], valued: readonly string[]): { positional: string[]; options: Record<string, string | true> } {
  const positional: string[] = [];
  const options: Record<string, string | true> = {};
  for (let index = 0; index < args.length; index++) {
    const arg = args[index] ?? '';
    if (!arg.startsWith('--')) {
      positional.push(arg);
      continue;
    }
    const [name = '', inline] = arg.slice(2).split('=', 2);
    if (flags.includes(name) && inline === undefined) {
      options[name] = true;
    } else if (valued.includes(name)) {
      const value = inline ?? args[++index];
      if (value === undefined) throw new UsageError(`--${name} needs a value`);
      options[name] = value;
    } else {
      throw new UsageError(`unknown option --${name}`);
    }
  }
  return { positional, options };
}

function bodyFrom(options: Record<string, string | true>): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  for (const name of ['kind', 'min', 'max', 'language'] as const) {
    if (typeof options[name] === 'string') body[name] = options[name];
  }
  const validators = options['ignore-validators'];
  if (validators !== undefined) {
    if (validators === true || validators === 'true') body.ignoreValidators = true;
    else if (validators === 'false') body.ignoreValidators = false;
    else throw new UsageError('--ignore-validators takes true or false');
  }
  if (options.paused) body.enabled = false;
  return body;
}

const ago = (iso: string | null) => (iso ? iso.replace(/\.\d+Z$/, 'Z') : '-');
const span = (seconds: number) =>
  seconds % 86_400 === 0 ? `${seconds / 86_400}d` : seconds % 3600 === 0 ? `${seconds / 3600}h` : seconds % 60 === 0 ? `${seconds / 60}m` : `${seconds}s`;

export function formatSource(source: SourceView): string {
  const state = source.enabled ? 'on' : 'paused';
  const poll = source.newItems === null ? '-' : `${source.newItems} new/${source.duplicateItems ?? 0} dup`;
  // Just added or resumed: the scheduler creates its job scheduler within a moment.
  const next = source.nextRunAt ? ago(source.nextRunAt) : source.enabled ? 'being scheduled' : '-';
  const lines = [
    `${source.id}  ${state.padEnd(6)} ${source.kind.padEnd(12)} ${source.url}`,
    `    every ${span(source.intervalSeconds)} (bounds ${span(source.minIntervalSeconds)}..${span(source.maxIntervalSeconds)})` +
      `${source.language ? `  lang ${source.language}` : ''}  last ${ago(source.lastFetchAt)} HTTP ${source.httpStatus ?? '-'}  ${poll}  next ${next}`,
  ];
  if (source.lastError) lines.push(`    last error: ${source.lastError}`);
  for (const sitemap of source.discoveredSitemaps) lines.push(`    robots.txt offers: ${sitemap}  (newsctl sources add ${sitemap} --kind sitemap)`);
  return lines.join('\n');
}

export async function run(args: string[]): Promise<number> {
  const [action, ...rest] = args;
  return reportErrors(async () => {
    try {
      switch (action) {
        case 'list': {
          const { options } = parseOptions(rest, ['json'], []);
          const { sources } = await callApi<{ sources: SourceView[] }>('/api/sources');
          if (options.json) console.log(JSON.stringify(sources, null, 2));
          else console.log(sources.length ? sources.map(formatSource).join('\n') : 'no sources (add one: newsctl sources add URL)');
          return 0;
        }
        case 'add': {
          const { positional, options } = parseOptions(rest, ['ignore-validators', 'paused'], ['kind', 'min', 'max', 'language']);
          const [url] = positional;
          if (!url || positional.length > 1) throw new UsageError('add takes one URL');
          console.log(formatSource(await callApi<SourceView>('/api/sources', { method: 'POST', body: { url, ...bodyFrom(options) } })));
          return 0;
        }
        case 'set': {
          const { positional, options } = parseOptions(rest, [], ['kind', 'min', 'max', 'language', 'ignore-validators']);
          const [id] = positional;
          if (!id || positional.length > 1) throw new UsageError('set takes one source id');
          console.log(formatSource(await callApi<SourceView>(`/api/sources/${encodeURIComponent(id)}`, { method: 'PATCH', body: bodyFrom(options) })));
          return 0;
        }
        case 'pause':
        case 'resume': {
          const [id] = rest;
          if (!id || rest.length > 1) throw new UsageError(`${action} takes one source id`);
          console.log(formatSource(await callApi<SourceView>(`/api/sources/${encodeURIComponent(id)}`, { method: 'PATCH', body: { enabled: action === 'resume' } })));
          return 0;
        }
        case 'remove': {
          const [id] = rest;
          if (!id || rest.length > 1) throw new UsageError('remove takes one source id');
          await callApi(`/api/sources/${encodeURIComponent(id)}`, { method: 'DELETE' });
          console.log(`removed ${id}`);
          return 0;
        }
        default:
          throw new UsageError(action ? `unknown action "${action}"` : 'missing action');
      }
    } catch (error) {
      if (error instanceof UsageError) {
        process.stderr.write(`newsctl sources: ${error.message}\n${USAGE}\n`);
        return 2;
      }
      throw error;
    }
  });
}
