// Linking within one article: mentions of the same entity become one ArticleEntity. Knowledge-base
// mentions group by id; a short person mention joins the fuller name used in the article (بوتين ->
// فلاديمير بوتين -> Vladimir Putin); other unknown names become entities of their own, with a local
// id made from their folded surface. Salience weighs mention count, a title mention and position.
import type { ArticleEntity } from '../entities.js';
import { cliticReadings } from './arabic.js';
import { knowledgeBase, type KnowledgeBase } from './kb.js';
import type { TokenMention } from './mentions.js';
import type { Lang } from './tokenize.js';
import type { EntityType } from './types.js';

interface Group {
  id: string;
  type: EntityType;
  entity: number;
  words: string[]; // normalised words of the longest surface name, clitics read off
  surfaces: string[];
  mentions: number;
  weight: number;
  firstPosition: number;
}

const MAX_ALIASES = 10;
const NISBA_WEIGHT = 0.2;

export function linkArticle(mentions: TokenMention[], lang: Lang, bodyStart: number, kb: KnowledgeBase = knowledgeBase()): ArticleEntity[] {
  const groups = new Map<string, Group>();
  const order: Group[] = [];
  const firstWords = new Set(mentions.map((m) => m.norms[0]!));
  for (const m of mentions) {
    const words = lang === 'ar' ? readOffClitics(m.norms, firstWords) : m.norms;
    const known = m.entity >= 0 ? kb.entities[m.entity]! : undefined;
    const type = known?.type ?? m.mention.type;
    if (type === 'MISC' && !known) continue; // unknown MISC (events, nationalities) are too vague to facet on
    let group = known ? groups.get(known.id) : undefined;
    if (!group && !known && type === 'PER') group = order.find((g) => g.type === 'PER' && containsWords(g.words, words));
    const localId = `${type.toLowerCase()}:${words.join(' ')}`;
    group ??= groups.get(localId);
    if (!group) {
      group = { id: known?.id ?? localId, type, entity: m.entity, words, surfaces: [], mentions: 0, weight: 0, firstPosition: m.mention.start };
      groups.set(group.id, group);
      order.push(group);
    }
    group.mentions++;
    // A name in the title counts thrice; an adjective (الأزمة السورية) says the country is
    // concerned, not that the story is about it, so it adds little.
    group.weight += m.nisba ? NISBA_WEIGHT : m.mention.start < bodyStart ? 3 : 1;
    const surface = lang === 'ar' ? surfaceWithoutClitics(m.mention.text, m.norms, words) : m.mention.text;
    if (!group.surfaces.includes(surface)) group.surfaces.push(surface);
    if (words.length > group.words.length && group.entity < 0) group.words = words;
  }
  mergeShortPersonNames(order);
  const live = order.filter((g) => g.mentions > 0 && !isWeakUnknownName(g));
  const score = (g: Group): number => g.weight + 2 / (1 + g.firstPosition / 400);
  const best = Math.max(1, ...live.map(score));
  return live
    .map((g) => toArticleEntity(g, kb, lang, score(g) / best))
    .sort((a, b) => b.salience - a.salience || a.firstPosition - b.firstPosition);
}

// An unknown one-word organisation or place named once («النصر» in quotes, a capitalised common
// word) is as likely a tagging slip as a name; it would only clutter the facets.
function isWeakUnknownName(g: Group): boolean {
  return g.entity < 0 && g.type !== 'PER' && g.words.length === 1 && g.mentions === 1;
}

// A person first named by surname only (ترامب) and later in full (دونالد ترامب) is one person.
function mergeShortPersonNames(order: Group[]): void {
  for (const short of order) {
    if (short.type !== 'PER' || short.entity >= 0 || short.mentions === 0) continue;
    const full = order.find((g) => g !== short && g.type === 'PER' && g.mentions > 0 && g.words.length > short.words.length && containsWords(g.words, short.words));
    if (!full) continue;
    full.mentions += short.mentions;
    full.weight += short.weight;
    full.firstPosition = Math.min(full.firstPosition, short.firstPosition);
    for (const s of short.surfaces) if (!full.surfaces.includes(s)) full.surfaces.push(s);
    short.mentions = 0;
  }
}

function containsWords(full: string[], part: string[]): boolean {
  if (part.length === 0 || part.length > full.length) return false;
  for (let i = 0; i + part.length <= full.length; i++) if (part.every((w, k) => full[i + k] === w)) return true;
  return false;
}

// «وبوتين» -> «بوتين» when the article also writes the name without the conjunction; clitics are
// not read off blindly, since many names start with the same letters (وليد, فلاديمير, بشار).
function readOffClitics(norms: string[], firstWords: Set<string>): string[] {
  const [first, ...rest] = norms;
  if (!first) return norms;
  for (const r of cliticReadings(first).slice(1)) if (firstWords.has(r.stem)) return [r.stem, ...rest];
  return norms;
}

function surfaceWithoutClitics(text: string, norms: string[], words: string[]): string {
  const cut = norms[0]!.length - words[0]!.length;
  return cut > 0 ? text.slice(cut) : text;
}

function toArticleEntity(g: Group, kb: KnowledgeBase, lang: Lang, salience: number): ArticleEntity {
  const known = g.entity >= 0 ? kb.entities[g.entity] : undefined;
  const longest = g.surfaces.reduce((a, b) => (b.length > a.length ? b : a), g.surfaces[0] ?? '');
  const name = known?.name ?? longest;
  const labels: ArticleEntity['labels'] = {};
  const en = known?.name ?? (lang === 'en' ? longest : undefined);
  const ar = known?.ar ?? (lang === 'ar' ? longest : undefined);
  if (en) labels.en = en;
  if (ar) labels.ar = ar;
  const aliases = [...new Set([...g.surfaces, ...(known?.aliases ?? [])])].filter((a) => a !== name && a !== ar).slice(0, MAX_ALIASES);
  const entity: ArticleEntity = { id: g.id, name, type: g.type, labels, aliases, mentions: g.mentions, firstPosition: g.firstPosition, salience: Math.round(salience * 1000) / 1000 };
  if (known?.wikidata) entity.wikidata = known.wikidata;
  return entity;
}
