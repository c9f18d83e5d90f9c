// Token features for the sequence tagger, shared by training (scripts/train-ner.mjs) and tagging, so
// the two can never drift apart. Each feature is a short string hashed to 32 bits.
import { cliticReadings, stripArticle } from './arabic.js';
import { knowledgeBase, matchKnowledgeBase, type KnowledgeBase } from './kb.js';
import { GIVEN_NAMES, ORG_HEADS, PLACE_HEADS, TITLES } from './lexicon.js';
import { normalizeToken } from './names.js';
import type { Lang, Token } from './tokenize.js';

/** What the tagger knows about a sentence besides its tokens; the linker reuses it. */
export interface SentenceAnalysis {
  tokens: Token[];
  norms: string[]; // normalizeToken forms
  stems: string[]; // Arabic: clitics and article removed; English: the norm
  kbTag: string[]; // "B-LOC", "I-PER", ... from knowledge-base matches, "" elsewhere
  kbEntity: number[]; // knowledge-base entity index of the match covering the token, or -1
}

export function analyse(tokens: Token[], lang: Lang, kb: KnowledgeBase = knowledgeBase()): SentenceAnalysis {
  const norms = tokens.map((t) => normalizeToken(t.text));
  const stems = lang === 'ar' ? norms.map((n) => stripArticle(cliticReadings(n).at(-1)!.stem)) : norms;
  const kbTag = new Array<string>(tokens.length).fill('');
  const kbEntity = new Array<number>(tokens.length).fill(-1);
  for (const m of matchKnowledgeBase(kb, tokens, norms, lang)) {
    const type = kb.entities[m.entity]!.type;
    for (let k = m.start; k < m.end; k++) {
      kbTag[k] = (k === m.start ? 'B-' : 'I-') + type;
      kbEntity[k] = m.entity;
    }
  }
  return { tokens, norms, stems, kbTag, kbEntity };
}

/** FNV-1a, 32 bits. */
export function hashFeature(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Hashed features of every token: out[i] lists token i's feature hashes. */
export function sentenceFeatures(a: SentenceAnalysis, lang: Lang, kb: KnowledgeBase = knowledgeBase()): Uint32Array[] {
  const n = a.tokens.length;
  const out: Uint32Array[] = [];
  const word = (i: number): string => (i < 0 ? '<s>' : i >= n ? '</s>' : a.norms[i]!);
  const stem = (i: number): string => (i < 0 ? '<s>' : i >= n ? '</s>' : a.stems[i]!);
  const shapes = a.tokens.map((t) => shape(t.text));
  const shapeOf = (i: number): string => (i < 0 || i >= n ? '-' : shapes[i]!);
  const isTitle = (i: number): boolean => i >= 0 && i < n && (TITLES.has(a.norms[i]!) || (lang === 'ar' && TITLES.has(cliticReadings(a.norms[i]!).at(-1)!.stem)));
  const inSet = (set: Set<string>, i: number): boolean => i >= 0 && i < n && (set.has(a.norms[i]!) || set.has(a.stems[i]!));
  const nisba = (i: number): boolean => i >= 0 && i < n && lang === 'ar' && kb.nisba.has(a.norms[i]!.replace(/^(?:و|ف)?(?:ب|ل|ك)?/, ''));
  const kbAt = (i: number): string => (i < 0 || i >= n ? '-' : a.kbTag[i] || 'O');
  for (let i = 0; i < n; i++) {
    const f: string[] = [];
    const w = word(i);
    const s = stem(i);
    f.push('b', 'w=' + w, 'w-1=' + word(i - 1), 'w+1=' + word(i + 1), 'w-2=' + word(i - 2), 'w+2=' + word(i + 2));
    f.push('w-1w=' + word(i - 1) + '|' + w, 'ww+1=' + w + '|' + word(i + 1));
    const core = lang === 'ar' ? s : w;
    for (let k = 1; k <= 3 && k < core.length; k++) f.push(`p${k}=` + core.slice(0, k), `s${k}=` + core.slice(-k));
    f.push('len=' + Math.min(core.length, 8));
    if (lang === 'ar') {
      const readings = cliticReadings(w);
      const last = readings.at(-1)!;
      f.push('st=' + s, 'st-1=' + stem(i - 1), 'st+1=' + stem(i + 1), 'cl=' + last.prefix + (last.stem.startsWith('ال') ? '+ال' : ''));
      f.push('st-1st=' + stem(i - 1) + '|' + s, 'stst+1=' + s + '|' + stem(i + 1));
      if (nisba(i)) f.push('nisba');
      if (nisba(i + 1)) f.push('nisba+1');
      if (nisba(i - 1)) f.push('nisba-1');
      if (!/\p{Script=Arabic}/u.test(a.tokens[i]!.text)) f.push('sh=' + shapeOf(i));
    } else {
      const sh = shapeOf(i);
      const first = i === 0 || /^[.!?"“(:;-]$/.test(a.tokens[i - 1]!.text);
      f.push('sh=' + sh, 'sh-1=' + shapeOf(i - 1), 'sh+1=' + shapeOf(i + 1), 'shsh=' + shapeOf(i - 1) + sh + shapeOf(i + 1));
      f.push((first ? 'first' : 'mid') + '|' + sh);
      if (first) f.push('fw=' + w);
      f.push('wc=' + a.tokens[i]!.text.slice(-3)); // case-sensitive suffix
    }
    f.push('kb=' + kbAt(i), 'kb-1=' + kbAt(i - 1), 'kb+1=' + kbAt(i + 1), 'kbkb=' + kbAt(i - 1) + kbAt(i) + kbAt(i + 1));
    if (isTitle(i - 1)) f.push('title-1');
    if (isTitle(i - 2)) f.push('title-2');
    if (isTitle(i)) f.push('title');
    if (inSet(ORG_HEADS, i)) f.push('orghead');
    if (inSet(ORG_HEADS, i - 1)) f.push('orghead-1');
    if (inSet(ORG_HEADS, i + 1)) f.push('orghead+1');
    if (inSet(PLACE_HEADS, i - 1)) f.push('placehead-1');
    if (inSet(PLACE_HEADS, i)) f.push('placehead');
    if (inSet(GIVEN_NAMES, i)) f.push('given');
    if (inSet(GIVEN_NAMES, i - 1)) f.push('given-1');
    const hashes = new Uint32Array(f.length);
    for (let k = 0; k < f.length; k++) hashes[k] = hashFeature(f[k]!);
    out.push(hashes);
  }
  return out;
}

/** Word shape, compressed: "Putin" -> "Xx", "U.S." -> "X.X.", "2017" -> "d", "al-Assad" -> "x-Xx". */
export function shape(text: string): string {
  let out = '';
  let prev = '';
  for (const ch of text) {
    const c = /\p{Lu}/u.test(ch) ? 'X' : /\p{L}/u.test(ch) ? 'x' : /\p{N}/u.test(ch) ? 'd' : ch;
    if (c !== prev) out += c;
    prev = c;
  }
  return out.length > 6 ? out.slice(0, 6) : out;
}
