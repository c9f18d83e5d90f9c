// The knowledge base of canonical entities (data/kb.json.gz, built by scripts/build-kb.mjs) and
// the longest-match lookup of its names in tokenised text. The tagger uses the matches as features;
// the linker uses them to give mentions their canonical entity.
import { readJsonDataFile } from './data-files.js';
import { nameKey } from './names.js';
import type { Lang } from './tokenize.js';
import type { EntityType, KbEntity } from './types.js';
import type { WordInfo } from './words.js';

export interface KnowledgeBase {
  entities: KbEntity[];
  /** name key -> entity indexes, the preferred reading first */
  byKey: Map<string, number[]>;
  /** normalised nisba adjective (الروسي, الروسيه, ...) -> country entity index */
  nisba: Map<string, number>;
  /** entity indexes of countries and territories: always places, even where a sentence reads like a team or a government */
  countries: Set<number>;
  /** first words of all keys, so most tokens are ruled out with one lookup */
  firstWords: Set<string>;
  /** every proper word prefix of a key («الامم» of «الامم المتحده»), so matching stops early */
  prefixes: Set<string>;
  /** every word of every name -> bit set of the types of the names it occurs in (TYPE_BIT) */
  wordTypes: Map<string, number>;
  /** normalised given names and surnames of the name lists (both languages) */
  givenNames: Set<string>;
  surnames: Set<string>;
  /** English dictionary words: 1 = among the most frequent, 2 = common */
  englishWords: Map<string, number>;
}

/** One bit per entity type, for KnowledgeBase.wordTypes. */
export const TYPE_BIT: Record<EntityType, number> = { PER: 1, ORG: 2, LOC: 4, MISC: 8 };

/** The file's shape: compact rows, so the committed file stays small. */
export interface KbFile {
  version: 1;
  entities: [id: string, type: EntityType, name: string, ar: string, aliases: string[], wikidata: string][];
  nisba: Record<string, string[]>; // entity id -> masculine nisba adjectives with the article
  countries: string[]; // ids of the entities that are countries and territories
  names: Record<'en' | 'ar', { given: string[]; surnames: string[] }>; // person-name word lists
  words: { common: string[]; known: string[] }; // English dictionary words, most frequent and common
}

let cached: KnowledgeBase | undefined;

export function knowledgeBase(): KnowledgeBase {
  cached ??= buildKnowledgeBase(readJsonDataFile<KbFile>('kb.json.gz'));
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
  const prefixes = new Set<string>();
  const wordTypes = new Map<string, number>();
  const add = (name: string, index: number): void => {
    const key = nameKey(name);
    if (!key) return;
    const list = byKey.get(key);
    if (!list) byKey.set(key, [index]);
    else if (!list.includes(index)) list.push(index);
    const words = key.split(' ');
    firstWords.add(words[0]!);
    for (let k = 1; k < words.length; k++) prefixes.add(words.slice(0, k).join(' '));
    const bit = TYPE_BIT[entities[index]!.type];
    for (const word of words) wordTypes.set(word, (wordTypes.get(word) ?? 0) | bit);
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
  const givenNames = new Set<string>();
  const surnames = new Set<string>();
  for (const lists of Object.values(file.names)) {
    for (const name of lists.given) givenNames.add(nameKey(name));
    for (const name of lists.surnames) surnames.add(nameKey(name));
  }
  const englishWords = new Map<string, number>();
  for (const w of file.words.known) englishWords.set(w, 2);
  for (const w of file.words.common) englishWords.set(w, 1);
  const countries = new Set<number>();
  for (const id of file.countries) {
    const index = indexOfId.get(id);
    if (index !== undefined) countries.add(index);
  }
  return { entities, byKey, nisba, countries, firstWords, prefixes, wordTypes, givenNames, surnames, englishWords };
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
 * Longest matches of knowledge-base names, left to right, over the tokens' word descriptions.
 * Arabic: the first word of a name may carry clitics (وبالعراق matches العراق). English: a name must
 * be written capitalised, and short all-letter keys (US, UN) only match in capitals.
 */
export function matchKnowledgeBase(kb: KnowledgeBase, words: readonly WordInfo[], lang: Lang): KbMatch[] {
  const matches: KbMatch[] = [];
  for (let i = 0; i < words.length; ) {
    const match = words[i]!.heads.length ? longestAt(kb, words, lang, i) : undefined;
    if (match) {
      matches.push(match);
      i = match.end;
    } else i++;
  }
  return matches;
}

function longestAt(kb: KnowledgeBase, words: readonly WordInfo[], lang: Lang, i: number): KbMatch | undefined {
  const first = words[i]!;
  if (lang === 'en' && !first.capital) return undefined;
  let best: KbMatch | undefined;
  for (const head of first.heads) {
    let key = head;
    for (let end = i + 1; ; end++) {
      const found = kb.byKey.get(key);
      // English names are written capitalised throughout; "us", "un" are words, only US, UN are names.
      const capitalised = lang === 'ar' || (end - i === 1 ? first.norm.length > 3 || first.text === first.text.toUpperCase() : words[end - 1]!.capital);
      if (found && capitalised && (!best || end > best.end)) best = { start: i, end, entity: found[0]! };
      if (end >= words.length || !kb.prefixes.has(key)) break;
      key += ' ' + words[end]!.norm;
    }
  }
  return best;
}
