// The knowledge base of canonical entities (data/kb.json.gz, built by scripts/build-kb.mjs) and
// the longest-match lookup of its names in tokenised text. The tagger uses the matches as features;
// the linker uses them to give mentions their canonical entity.
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { cliticReadings } from './arabic.js';
import { nameKey } from './names.js';
import type { Lang, Token } from './tokenize.js';
import type { EntityType, KbEntity } from './types.js';

export interface KnowledgeBase {
  entities: KbEntity[];
  /** name key -> entity indexes, the preferred reading first */
  byKey: Map<string, number[]>;
  /** normalised nisba adjective (الروسي, الروسيه, ...) -> country entity index */
  nisba: Map<string, number>;
  /** first words of all keys, so most tokens are ruled out with one lookup */
  firstWords: Set<string>;
  maxWords: number;
}

/** The file's shape: compact rows, so the committed file stays small. */
export interface KbFile {
  version: 1;
  entities: [id: string, type: EntityType, name: string, ar: string, aliases: string[], wikidata: string][];
  nisba: Record<string, string[]>; // entity id -> masculine nisba adjectives with the article
}

const KB_PATH = new URL('../../data/kb.json.gz', import.meta.url);

let cached: KnowledgeBase | undefined;

export function knowledgeBase(): KnowledgeBase {
  cached ??= buildKnowledgeBase(JSON.parse(gunzipSync(readFileSync(KB_PATH)).toString('utf8')) as KbFile);
  return cached;
}

export function buildKnowledgeBase(file: KbFile): KnowledgeBase {
  const entities: KbEntity[] = file.entities.map(([id, type, name, ar, aliases, wikidata]) => ({
    id,
    type,
    name,
    ...(ar ? { ar } : {}),
    aliases,
    ...(wikidata ? { wikidata } : {}),
  }));
  const byKey = new Map<string, number[]>();
  const firstWords = new Set<string>();
  let maxWords = 1;
  const add = (name: string, index: number): void => {
    const key = nameKey(name);
    if (!key) return;
    const list = byKey.get(key);
    if (!list) byKey.set(key, [index]);
    else if (!list.includes(index)) list.push(index);
    const words = key.split(' ');
    firstWords.add(words[0]!);
    maxWords = Math.max(maxWords, words.length);
  };
  const indexOfId = new Map<string, number>();
  entities.forEach((e, i) => {
    indexOfId.set(e.id, i);
    add(e.name, i);
    if (e.ar) add(e.ar, i);
    for (const alias of e.aliases) add(alias, i);
  });
  const nisba = new Map<string, number>();
  for (const [id, adjectives] of Object.entries(file.nisba)) {
    const index = indexOfId.get(id);
    if (index === undefined) continue;
    for (const adjective of adjectives) for (const form of nisbaKeys(adjective)) if (!nisba.has(form)) nisba.set(form, index);
  }
  return { entities, byKey, nisba, firstWords, maxWords };
}

// الروسي -> the masculine, feminine and plural forms, each with and without the article.
function nisbaKeys(adjective: string): string[] {
  const base = nameKey(adjective);
  const bare = base.startsWith('ال') ? base.slice(2) : base;
  const stems = bare.endsWith('ي') ? [bare, bare + 'ه', bare + 'ون', bare + 'ين', bare + 'ات'] : [bare];
  return stems.flatMap((s) => [s, 'ال' + s]);
}

export interface KbMatch {
  start: number; // token index
  end: number; // token index, exclusive
  entity: number; // index into kb.entities
}

/**
 * Longest matches of knowledge-base names, left to right. `norms` are the tokens' normalizeToken
 * forms. Arabic: the first word of a name may carry clitics (وبالعراق matches العراق). English:
 * a name must be written capitalised, and short all-letter keys (US, UN) only match in capitals.
 */
export function matchKnowledgeBase(kb: KnowledgeBase, tokens: Token[], norms: string[], lang: Lang): KbMatch[] {
  const matches: KbMatch[] = [];
  for (let i = 0; i < tokens.length; ) {
    const match = longestAt(kb, tokens, norms, lang, i);
    if (match) {
      matches.push(match);
      i = match.end;
    } else i++;
  }
  return matches;
}

function longestAt(kb: KnowledgeBase, tokens: Token[], norms: string[], lang: Lang, i: number): KbMatch | undefined {
  const first = norms[i]!;
  if (lang === 'en' && !startsUpper(tokens[i]!.text)) return undefined;
  const heads = (lang === 'ar' ? cliticReadings(first).map((r) => r.stem) : [first]).filter((h) => kb.firstWords.has(h));
  if (heads.length === 0) return undefined;
  const limit = Math.min(kb.maxWords, tokens.length - i);
  for (let len = limit; len >= 1; len--) {
    const last = tokens[i + len - 1]!.text;
    if (lang === 'en' && len > 1 && !startsUpper(last)) continue;
    let tail = '';
    for (let k = i + 1; k < i + len; k++) tail += ' ' + norms[k];
    for (const head of heads) {
      const found = kb.byKey.get(head + tail);
      if (!found) continue;
      // "us", "un" are words; only US, UN are names. Longer short names (Iran, Oman) are kept.
      if (lang === 'en' && len === 1 && first.length <= 3 && tokens[i]!.text !== tokens[i]!.text.toUpperCase()) continue;
      return { start: i, end: i + len, entity: found[0]! };
    }
  }
  return undefined;
}

function startsUpper(text: string): boolean {
  const c = text[0]!;
  return c !== c.toLowerCase() || /\p{N}/u.test(c);
}
