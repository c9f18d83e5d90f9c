// Tokens with their UTF-16 offsets. Words are split on whitespace; punctuation at a word's edges
// becomes tokens of its own (so «بوتين،» gives «بوتين» and «،»), while punctuation inside a word
// stays (Obama-led, U.S.). English possessive 's is split off as in CoNLL-style annotation.

export interface Token {
  text: string;
  start: number;
  end: number; // exclusive
}

export type Lang = 'ar' | 'en';

const WORD_CORE = /[\p{L}\p{N}\p{M}]/u;
const ABBREVIATION = /^(?:\p{L}\.){2,}$/u; // U.S. keeps its final period
const POSSESSIVE = /^(.+\p{L})(['’]s)$/u;

export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  const words = /\S+/g;
  for (let m = words.exec(text); m; m = words.exec(text)) {
    splitWord(m[0], m.index, tokens);
  }
  return tokens;
}

function splitWord(word: string, offset: number, out: Token[]): void {
  let a = 0;
  let b = word.length;
  while (a < b && !WORD_CORE.test(word[a]!)) a++;
  while (b > a && !WORD_CORE.test(word[b - 1]!)) b--;
  if (a === b) {
    pushPunctuation(word, offset, 0, word.length, out);
    return;
  }
  if (b < word.length && word[b] === '.' && ABBREVIATION.test(word.slice(a, b + 1))) b++;
  pushPunctuation(word, offset, 0, a, out);
  const core = word.slice(a, b);
  const possessive = POSSESSIVE.exec(core);
  if (possessive) {
    const head = possessive[1]!;
    out.push({ text: head, start: offset + a, end: offset + a + head.length });
    out.push({ text: possessive[2]!, start: offset + a + head.length, end: offset + b });
  } else {
    out.push({ text: core, start: offset + a, end: offset + b });
  }
  pushPunctuation(word, offset, b, word.length, out);
}

// Each punctuation character is its own token: quotes and brackets matter to the tagger one by one.
function pushPunctuation(word: string, offset: number, from: number, to: number, out: Token[]): void {
  for (let i = from; i < to; i++) {
    const code = word.charCodeAt(i);
    const len = code >= 0xd800 && code <= 0xdbff && i + 1 < to ? 2 : 1;
    out.push({ text: word.slice(i, i + len), start: offset + i, end: offset + i + len });
    i += len - 1;
  }
}

/**
 * The tagger's model for a text of no given language: Arabic when Arabic letters outnumber Latin
 * ones. (Not shared/language's scriptLanguage: Persian or Urdu text goes to the Arabic model here.)
 */
function taggerLanguage(text: string): Lang {
  let arabic = 0;
  let latin = 0;
  const sample = text.length > 4000 ? text.slice(0, 4000) : text;
  for (let i = 0; i < sample.length; i++) {
    const c = sample.charCodeAt(i);
    if (c >= 0x0600 && c <= 0x06ff) arabic++;
    else if ((c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a)) latin++;
  }
  return arabic > latin ? 'ar' : 'en';
}

export function toLang(lang: string | null | undefined, text: string): Lang {
  const l = (lang ?? '').toLowerCase();
  if (l.startsWith('ar')) return 'ar';
  if (l.startsWith('en')) return 'en';
  return taggerLanguage(text);
}
