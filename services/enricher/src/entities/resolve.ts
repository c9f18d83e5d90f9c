// Gives a tagged mention its canonical knowledge-base entity when its words name one, reading the
// first word's clitics off (وبالعراق -> العراق) and nisba adjectives as their country (الروسي -> Russia).
import { cliticReadings } from './arabic.js';
import type { KnowledgeBase } from './kb.js';
import type { Lang } from './tokenize.js';
import type { EntityType } from './types.js';

/** The knowledge-base entity named by these normalised words, preferring the tagged type. */
export function resolveName(kb: KnowledgeBase, norms: string[], lang: Lang, type: EntityType): number {
  if (norms.length === 0) return -1;
  const tail = norms.slice(1).join(' ');
  const heads = lang === 'ar' ? cliticReadings(norms[0]!).map((r) => r.stem) : [norms[0]!];
  let fallback = -1;
  for (const head of heads) {
    const found = kb.byKey.get(tail ? `${head} ${tail}` : head);
    if (!found) continue;
    const typed = found.find((i) => kb.entities[i]!.type === type);
    if (typed !== undefined) return typed;
    if (fallback < 0) fallback = found[0]!;
  }
  if (fallback >= 0) return fallback;
  return lang === 'ar' && norms.length === 1 ? nisbaCountry(kb, norms[0]!) : -1;
}

/** The country of a nisba adjective (الروسي, والأميركية -> Russia, United States), or -1. */
export function nisbaCountry(kb: KnowledgeBase, norm: string): number {
  for (const r of cliticReadings(norm)) {
    const country = kb.nisba.get(r.stem);
    if (country !== undefined) return country;
  }
  return -1;
}
