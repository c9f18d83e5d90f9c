// What the tagger knows about a written word on its own, computed once per distinct word and
// language and cached: its normal form, Arabic stem, shape, word-list classes, knowledge-base
// first-word readings and the hashed features that depend on the word alone. News text repeats
// its words, so almost every token after the first few hundred is a cache hit.
import { cliticReadings, stripArticle } from './arabic.js';
import { clustersOf, wordClusters } from './clusters.js';
import { hashString, mix, T } from './hashing.js';
import type { KnowledgeBase } from './kb.js';
import { DEMONYMS, GIVEN_NAMES, ORG_HEADS, PLACE_HEADS, TITLES } from './lexicon.js';
import { normalizeToken } from './names.js';
import type { Lang } from './tokenize.js';

/** Word-list classes, as bits. */
export const C = {
  TITLE: 1,
  ORG_HEAD: 2,
  PLACE_HEAD: 4,
  GIVEN: 8,
  NISBA: 16, // Arabic nisba adjective of a known country (الروسي)
  BOUNDARY: 32, // punctuation after which an English word is capitalised anyway (. ! ? " ( : ; -)
  KB_FIRST: 64, // some reading of the word starts a knowledge-base name
  PARTICLE: 128, // name-internal particles: bin, abu, abd, al-, van, de ...
  SURNAME: 256, // in the surname lists
  DEMONYM: 512, // English nationality adjective (Dutch, Syrian)
  FREQUENT_WORD: 1024, // English: among the most frequent dictionary words (the, may, will)
  DICTIONARY_WORD: 2048, // English: a common dictionary word
} as const;
const LAST_CLASS = C.DICTIONARY_WORD;

export interface WordInfo {
  text: string;
  norm: string; // normalizeToken form
  stem: string; // Arabic: clitics and article read off; English: the norm
  heads: string[]; // readings of the word that start a knowledge-base name
  capital: boolean; // starts with an upper-case letter or a digit (English names must)
  classes: number; // bit set of C
  kbTypes: number; // types (TYPE_BIT) of the knowledge-base names this word occurs in, anywhere
  affixId: number; // hash of the core's first and last two letters, for the neighbours' features
  id: number; // hash of the norm
  stemId: number; // hash of the stem
  shapeId: number; // hash of the word shape
  clusters: readonly number[]; // English: the word's cluster + 1 at each level of clusters.ts, coarse to fine (0: not clustered); Arabic: none
  own: Uint32Array; // hashed features of the word alone
  // Filled lazily by the tagger; present from the start so that every WordInfo has one shape (V8
  // optimises code that reads objects of one shape; adding the fields later made cold tagging slower).
  emission: Float32Array | undefined; // the weights of `own` summed per label
  asNeighbour: { sums: Float32Array; done: number } | undefined; // the weights of its neighbourFeatures per neighbour offset (done: a bit per offset summed)
}

const BOUNDARY = /^[.!?"“”(:;\-–—]$/;
const PARTICLES = new Set(['بن', 'ابن', 'ابو', 'بنت', 'عبد', 'ال', 'bin', 'ibn', 'abu', 'al', 'el', 'van', 'von', 'de', 'da', 'del', 'der', 'di', 'la', 'le', 'du', 'mc', 'st.']);
const MAX_CACHED = 50_000; // per language; about 500 bytes each, so at most ~25 MB before the cache starts over

let caches = new WeakMap<KnowledgeBase, Map<string, WordInfo>[]>();

/** Forgets every cached word description (their emissions belong to the weights they were summed with). */
export function clearWordCache(): void {
  caches = new WeakMap();
}

export function wordInfo(text: string, lang: Lang, kb: KnowledgeBase): WordInfo {
  let byLang = caches.get(kb);
  if (!byLang) caches.set(kb, (byLang = [new Map(), new Map()]));
  const cache = byLang[lang === 'ar' ? 0 : 1]!;
  let info = cache.get(text);
  if (!info) {
    if (cache.size >= MAX_CACHED) cache.clear();
    info = describe(text, lang, kb);
    cache.set(text, info);
  }
  return info;
}

function describe(text: string, lang: Lang, kb: KnowledgeBase): WordInfo {
  const norm = normalizeToken(text);
  const readings = lang === 'ar' ? cliticReadings(norm) : [{ prefix: '', stem: norm }];
  const last = readings.at(-1)!;
  const stem = lang === 'ar' ? stripArticle(last.stem) : norm;
  const heads = readings.map((r) => r.stem).filter((h) => kb.firstWords.has(h));
  const inSet = (set: Set<string>): boolean => set.has(norm) || set.has(stem) || (lang === 'ar' && set.has(last.stem));
  let classes = 0;
  if (inSet(TITLES)) classes |= C.TITLE;
  if (inSet(ORG_HEADS)) classes |= C.ORG_HEAD;
  if (inSet(PLACE_HEADS)) classes |= C.PLACE_HEAD;
  if (inSet(GIVEN_NAMES) || kb.givenNames.has(norm) || kb.givenNames.has(stem)) classes |= C.GIVEN;
  if (kb.surnames.has(norm) || (lang === 'ar' && kb.surnames.has(last.stem))) classes |= C.SURNAME;
  // Any reading: the word itself (لبناني, فرنسي, whose first letters only look like clitics) or with
  // its clitics read off (وللبناني), as nisbaCountry reads it.
  if (lang === 'ar' && readings.some((reading) => kb.nisba.has(reading.stem))) classes |= C.NISBA;
  if (lang === 'en' && DEMONYMS.has(norm)) classes |= C.DEMONYM;
  const dictionary = lang === 'en' ? kb.englishWords.get(norm) : undefined;
  if (dictionary) classes |= dictionary === 1 ? C.FREQUENT_WORD : C.DICTIONARY_WORD;
  if (BOUNDARY.test(text)) classes |= C.BOUNDARY;
  if (heads.length) classes |= C.KB_FIRST;
  if (PARTICLES.has(norm)) classes |= C.PARTICLE;
  const kbTypes = (kb.wordTypes.get(norm) ?? 0) | (lang === 'ar' ? (kb.wordTypes.get(last.stem) ?? 0) : 0);
  const core = lang === 'ar' ? stem : norm;
  const sh = shape(text);
  const c = text[0]!;
  const info: WordInfo = {
    text,
    norm,
    stem,
    heads,
    capital: c !== c.toLowerCase() || (c >= '0' && c <= '9'),
    classes,
    kbTypes,
    affixId: hashString(1, core.slice(0, 2) + '|' + core.slice(-2)),
    id: hashString(0, norm),
    stemId: hashString(0, stem),
    shapeId: hashString(0, sh),
    clusters: lang === 'en' ? englishClusters(text) : NO_CLUSTERS,
    own: new Uint32Array(0),
    emission: undefined,
    asNeighbour: undefined,
  };
  info.own = ownFeatures(info, lang, lang === 'ar' ? last.prefix + (last.stem.startsWith('ال') ? '+ال' : '') : '', sh);
  return info;
}

const NO_CLUSTERS: readonly number[] = [];

let unclustered: readonly number[] | undefined;

function englishClusters(text: string): readonly number[] {
  const all = wordClusters();
  const ids = clustersOf(text, all);
  return ids ? ids.map((c) => c + 1) : (unclustered ??= all.levels.map(() => 0));
}

function ownFeatures(w: WordInfo, lang: Lang, clitics: string, sh: string): Uint32Array {
  const f: number[] = [T.BIAS, mix(T.WORD, w.id), mix(T.SHAPE, w.shapeId)];
  const core = lang === 'ar' ? w.stem : w.norm;
  for (let k = 1; k <= 4 && k < core.length; k++) {
    f.push(hashString(T.PREFIX + k, core.slice(0, k)), hashString(T.SUFFIX + k, core.slice(-k)));
  }
  f.push(mix(T.LENGTH, Math.min(core.length, 8)));
  for (let bit = 1; bit <= LAST_CLASS; bit <<= 1) if (w.classes & bit) f.push(mix(T.CLASS, bit));
  if (w.kbTypes) f.push(mix(T.KB_WORD, w.kbTypes));
  if (lang === 'ar') {
    f.push(mix(T.STEM, w.stemId), hashString(T.CLITICS, clitics));
  } else {
    f.push(hashString(T.CASED_SUFFIX, w.text.slice(-3)));
    if (w.capital && w.text.length > 1 && w.text === w.text.toUpperCase()) f.push(T.ALL_CAPS);
    // The word's clusters, alone and with its case (a name unseen in training shares them with
    // names that were seen; "Apple" and "apple" share one).
    w.clusters.forEach((c, level) => f.push(mix(T.CLUSTER + level, c), mix(mix(T.CLUSTER_CASED + level, c), w.capital ? 1 : 0)));
  }
  return Uint32Array.from(f);
}

/** Word shape, compressed: "Putin" -> "Xx", "U.S." -> "X.X.", "2017" -> "d", "al-Assad" -> "x-Xx". */
export function shape(text: string): string {
  let out = '';
  let prev = '';
  for (const ch of text) {
    const c = ch !== ch.toLowerCase() ? 'X' : ch !== ch.toUpperCase() || /\p{L}/u.test(ch) ? 'x' : /\p{N}/u.test(ch) ? 'd' : ch;
    if (c !== prev) out += c;
    prev = c;
  }
  return out.length > 6 ? out.slice(0, 6) : out;
}
