// robots.txt as RFC 9309 defines it: groups of rules per user agent, the longest matching rule
// wins (allow on a tie), `*` and `$` in patterns, unknown lines ignored. Two widely used extensions
// are read too: Crawl-delay (per group) and Sitemap (file-wide). Pure: no I/O here.

/** RFC 9309 §2.5: crawlers must parse at least 500 KiB; the rest is ignored. */
export const ROBOTS_MAX_BYTES = 500 * 1024;

interface Rule {
  allow: boolean;
  /** The pattern, percent-encoded like the paths it is compared with. */
  pattern: string;
  matcher: RegExp | null;
}

interface Group {
  agents: string[];
  rules: Rule[];
  crawlDelaySeconds?: number;
}

export interface Robots {
  /** True when the crawler may fetch this URL (its path and query are checked). */
  isAllowed(url: string): boolean;
  /** Crawl-delay of the group that applies to us, in seconds, when one is given. */
  crawlDelaySeconds: number | undefined;
  /** Absolute http(s) URLs from Sitemap lines. */
  sitemaps: string[];
}

/** How robots.txt answered: parsed rules, none (4xx: everything allowed) or unreachable (5xx, network). */
export type RobotsOutcome =
  | { kind: 'rules'; text: string }
  | { kind: 'allow-all' }
  | { kind: 'unreachable'; reason: string };

/** Upper-cases percent escapes and percent-encodes what is not ASCII, so equal paths compare equal. */
function canonicalPath(path: string): string {
  return path
    .replace(/%[0-9a-f]{2}/gi, (escape) => escape.toUpperCase())
    .replace(/[^\x21-\x7e]/gu, (char) => encodeURIComponent(char));
}

function compile(pattern: string): RegExp | null {
  if (!pattern.includes('*') && !pattern.endsWith('$')) return null;
  const anchored = pattern.endsWith('$');
  const body = (anchored ? pattern.slice(0, -1) : pattern)
    .split('*')
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*');
  return new RegExp(`^${body}${anchored ? '$' : ''}`);
}

function matches(rule: Rule, path: string): boolean {
  return rule.matcher ? rule.matcher.test(path) : path.startsWith(rule.pattern);
}

/** The product token a group's user-agent line is compared with ("news-pipeline" of "news-pipeline/0.1 (+…)"). */
export function productToken(userAgent: string): string {
  return (/^[A-Za-z_-]+/.exec(userAgent.trim())?.[0] ?? '').toLowerCase();
}

export function parseRobots(text: string, baseUrl: string, ourToken: string): Robots {
  const groups: Group[] = [];
  const sitemaps: string[] = [];
  let current: Group | null = null;
  // A user-agent line right after another one adds to the same group; after a rule it opens a new one.
  let lastWasAgent = false;
  for (const rawLine of text.slice(0, ROBOTS_MAX_BYTES).split(/\r\n|\r|\n/)) {
    const line = rawLine.replace(/#.*$/, '').trim();
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const field = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    if (field === 'user-agent') {
      if (!lastWasAgent || !current) {
        current = { agents: [], rules: [] };
        groups.push(current);
      }
      current.agents.push(productToken(value) || value.toLowerCase());
      lastWasAgent = true;
      continue;
    }
    if (field === 'sitemap') {
      try {
        const url = new URL(value, baseUrl);
        if ((url.protocol === 'http:' || url.protocol === 'https:') && sitemaps.length < 50) sitemaps.push(url.toString());
      } catch {
        // not a URL: ignored
      }
      continue;
    }
    if (!current) continue;
    lastWasAgent = false;
    if (field === 'allow' || field === 'disallow') {
      // An empty Disallow allows everything: it adds no rule.
      if (!value) continue;
      const pattern = canonicalPath(value.startsWith('/') || value.startsWith('*') ? value : `/${value}`);
      current.rules.push({ allow: field === 'allow', pattern, matcher: compile(pattern) });
    } else if (field === 'crawl-delay') {
      const seconds = Number(value);
      if (Number.isFinite(seconds) && seconds >= 0) current.crawlDelaySeconds = seconds;
    }
  }

  // RFC 9309 §2.2.1: every group naming our product token applies (merged); else the "*" groups.
  const ours = groups.filter((group) => group.agents.includes(ourToken));
  const applying = ours.length ? ours : groups.filter((group) => group.agents.includes('*'));
  const rules = applying.flatMap((group) => group.rules);
  const delays = applying.map((group) => group.crawlDelaySeconds).filter((delay): delay is number => delay !== undefined);

  return {
    crawlDelaySeconds: delays.length ? Math.max(...delays) : undefined,
    sitemaps,
    isAllowed(url: string) {
      let parsed: URL;
      try {
        parsed = new URL(url);
      } catch {
        return false;
      }
      const path = canonicalPath(`${parsed.pathname}${parsed.search}`);
      if (path === '/robots.txt') return true;
      let best: Rule | null = null;
      for (const rule of rules) {
        if (!matches(rule, path)) continue;
        const longer = !best || rule.pattern.length > best.pattern.length;
        const tieWonByAllow = best && rule.pattern.length === best.pattern.length && rule.allow && !best.allow;
        if (longer || tieWonByAllow) best = rule;
      }
      return best ? best.allow : true;
    },
  };
}

const ALLOW_ALL: Robots = { isAllowed: () => true, crawlDelaySeconds: undefined, sitemaps: [] };

/** Turns a robots.txt outcome into rules; `null` for unreachable (RFC 9309 §2.3.1.4: assume complete disallow). */
export function robotsFromOutcome(outcome: RobotsOutcome, baseUrl: string, ourToken: string): Robots | null {
  if (outcome.kind === 'allow-all') return ALLOW_ALL;
  if (outcome.kind === 'unreachable') return null;
  return parseRobots(outcome.text, baseUrl, ourToken);
}
