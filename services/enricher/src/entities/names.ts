// Name keys: the one way names are compared, both when the knowledge base is indexed and when
// text is matched against it. A key is the tokens' normal forms joined by single spaces.
import { normalizeArabic } from './arabic.js';
import { tokenize } from './tokenize.js';

/** Lower case, no accents (Erdoğan -> erdogan), Arabic normalised (إردوغان -> اردوغان). */
export function normalizeToken(text: string): string {
  return stripLatinAccents(normalizeArabic(text)).toLowerCase();
}

/** Latin letters without their accents (Erdoğan -> Erdogan); other text unchanged. */
export function stripLatinAccents(text: string): string {
  return /[\u00C0-\u024F\u1E00-\u1EFF]/.test(text) ? text.normalize('NFD').replace(/\p{M}/gu, '') : text;
}

/** The key of a whole name: «الرئيس  بوتين،» and "Erdoğan" compare by their word tokens only. */
export function nameKey(name: string): string {
  return tokenize(name)
    .filter((t) => /[\p{L}\p{N}]/u.test(t.text))
    .map((t) => normalizeToken(t.text))
    .join(' ');
}
