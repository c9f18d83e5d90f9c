// Cheap language identification (ISO 639-1) for article texts. It runs on every article, so it only
// looks at a prefix: the writing system decides most languages outright (Arabic script is Arabic,
// Persian or Urdu by their own letters; Cyrillic is Russian, Ukrainian or Bulgarian likewise), and
// Latin-script languages are told apart by their commonest short words.

const SAMPLE_CHARS = 4000;
const MIN_LETTERS = 20;

/** Very frequent function words, none of them shared between two lists. */
const LATIN_WORDS: Record<string, string[]> = {
  en: ['the', 'and', 'of', 'to', 'is', 'that', 'with', 'for', 'was', 'this', 'have', 'from', 'are', 'which', 'but', 'they', 'has', 'been', 'would', 'their'],
  fr: ['le', 'les', 'des', 'est', 'une', 'dans', 'du', 'pour', 'qui', 'pas', 'sur', 'au', 'avec', 'sont', 'aux', 'ce', 'mais', 'été', 'cette', 'nous'],
  es: ['el', 'los', 'las', 'del', 'que', 'por', 'una', 'con', 'para', 'es', 'se', 'su', 'al', 'lo', 'como', 'más', 'pero', 'sus', 'fue', 'ha'],
  de: ['der', 'die', 'und', 'das', 'ist', 'nicht', 'ein', 'eine', 'zu', 'den', 'von', 'mit', 'sich', 'auf', 'für', 'dem', 'auch', 'wird', 'werden', 'sie'],
  it: ['il', 'di', 'che', 'non', 'della', 'per', 'sono', 'gli', 'nel', 'alla', 'anche', 'più', 'questo', 'dei', 'ha', 'delle', 'nella', 'è', 'essere', 'ma'],
  pt: ['não', 'uma', 'os', 'em', 'ao', 'mais', 'dos', 'das', 'foi', 'como', 'mas', 'pelo', 'pela', 'também', 'seu', 'sua', 'são', 'já', 'isso', 'num'],
  nl: ['het', 'een', 'van', 'niet', 'zich', 'dat', 'zijn', 'op', 'met', 'voor', 'wordt', 'ook', 'bij', 'naar', 'maar', 'heeft', 'worden', 'deze', 'nog', 'uit'],
  tr: ['bir', 've', 'bu', 'için', 'ile', 'olarak', 'şey', 'oldu', 'daha', 'çok', 'olan', 'gibi', 'kadar', 'sonra', 'ancak', 'ise', 'her', 'değil', 'göre', 'ama'],
  id: ['yang', 'dan', 'di', 'dengan', 'untuk', 'ini', 'itu', 'dari', 'dalam', 'tidak', 'akan', 'pada', 'juga', 'ke', 'karena', 'adalah', 'oleh', 'sudah', 'saat', 'bisa'],
};
const LATIN_LOOKUP = new Map<string, string>();
for (const [lang, words] of Object.entries(LATIN_WORDS)) for (const word of words) if (!LATIN_LOOKUP.has(word)) LATIN_LOOKUP.set(word, lang);

// Scripts by number, so that counting letters is an array increment rather than a map update.
const SCRIPTS = ['arabic', 'latin', 'cyrillic', 'greek', 'hebrew', 'han', 'kana', 'hangul', 'thai', 'devanagari', 'bengali', 'armenian', 'georgian'] as const;
type Script = (typeof SCRIPTS)[number];
const [ARABIC, LATIN, CYRILLIC, GREEK, HEBREW, HAN, KANA, HANGUL, THAI, DEVANAGARI, BENGALI, ARMENIAN, GEORGIAN] = SCRIPTS.map((_, i) => i) as number[] as [number, number, number, number, number, number, number, number, number, number, number, number, number];
const NONE = -1;

function scriptOf(code: number): number {
  if (code < 0x80) return (code | 32) >= 97 && (code | 32) <= 122 ? LATIN : NONE;
  if (code >= 0xc0 && code <= 0x24f) return code === 0xd7 || code === 0xf7 ? NONE : LATIN;
  if (code >= 0x370 && code <= 0x3ff) return GREEK;
  if (code >= 0x400 && code <= 0x4ff) return CYRILLIC;
  if (code >= 0x530 && code <= 0x58f) return ARMENIAN;
  if (code >= 0x590 && code <= 0x5ff) return HEBREW;
  if ((code >= 0x600 && code <= 0x6ff) || (code >= 0x750 && code <= 0x77f) || (code >= 0xfb50 && code <= 0xfdff) || (code >= 0xfe70 && code <= 0xfeff)) {
    // Digits, punctuation and diacritics are shared by every Arabic-script language.
    return (code >= 0x660 && code <= 0x669) || (code >= 0x6f0 && code <= 0x6f9) || (code >= 0x64b && code <= 0x65f) || code === 0x60c || code === 0x61b || code === 0x61f || code === 0x640 ? NONE : ARABIC;
  }
  if (code >= 0x900 && code <= 0x97f) return DEVANAGARI;
  if (code >= 0x980 && code <= 0x9ff) return BENGALI;
  if (code >= 0xe00 && code <= 0xe7f) return THAI;
  if (code >= 0x10a0 && code <= 0x10ff) return GEORGIAN;
  if (code >= 0x3040 && code <= 0x30ff) return KANA;
  if ((code >= 0x4e00 && code <= 0x9fff) || (code >= 0x3400 && code <= 0x4dbf)) return HAN;
  if (code >= 0xac00 && code <= 0xd7af) return HANGUL;
  return NONE;
}

const SCRIPT_LANGUAGE: Partial<Record<Script, string>> = {
  greek: 'el', hebrew: 'he', hangul: 'ko', thai: 'th', devanagari: 'hi', bengali: 'bn', armenian: 'hy', georgian: 'ka', han: 'zh',
};

/** The languages detectLanguage tells by their writing system alone (not by common words). */
export const SCRIPT_LANGUAGES: ReadonlySet<string> = new Set([
  'ar', 'fa', 'ur', // Arabic script, by their own letters
  'ru', 'uk', 'bg', // Cyrillic, likewise
  'ja', // kana
  ...Object.values(SCRIPT_LANGUAGE),
]);

function count(text: string, letters: RegExp): number {
  return text.match(letters)?.length ?? 0;
}

function arabicScriptLanguage(text: string, letters: number): string {
  // Letters Arabic does not use: Urdu's retroflexes and final yeh barree, Persian's pe/che/zhe/gaf
  // and Farsi yeh/keheh.
  const urdu = count(text, /[ٹڈڑںےۓھ]/g);
  const persian = count(text, /[پچژگیک]/g);
  if (urdu > letters * 0.02) return 'ur';
  if (persian > letters * 0.02) return 'fa';
  return 'ar';
}

function cyrillicLanguage(text: string, letters: number): string {
  if (count(text, /[іїєґІЇЄҐ]/g) > letters * 0.005) return 'uk';
  if (count(text, /[ыэЫЭ]/g) < letters * 0.002 && count(text, /[ъЪ]/g) > letters * 0.005) return 'bg';
  return 'ru';
}

function latinLanguage(text: string): string | null {
  const votes = new Map<string, number>();
  let words = 0;
  for (const word of text.toLowerCase().match(/[\p{L}]+/gu) ?? []) {
    words++;
    const lang = LATIN_LOOKUP.get(word);
    if (lang) votes.set(lang, (votes.get(lang) ?? 0) + 1);
  }
  let best: string | null = null;
  let bestVotes = 0;
  for (const [lang, n] of votes) if (n > bestVotes) [best, bestVotes] = [lang, n];
  // Too few function words to tell (a list of names, a headline): do not guess.
  return bestVotes >= 2 && bestVotes >= words * 0.05 ? best : null;
}

/**
 * The primary language subtag of a language tag, lower-cased: "en-GB" and "EN_us" are "en", "ara"
 * stays "ara"; null when the value does not start with one. Declared languages (html lang,
 * Content-Language, og:locale) and sources' hints are stored this way, so one language is one
 * facet value and one filter.
 */
export function primaryLanguage(tag: string | null | undefined): string | null {
  const m = /^\s*([a-z]{2,3})(?:[-_]|$)/i.exec(tag ?? '');
  return m ? m[1]!.toLowerCase() : null;
}

/** The text's language as an ISO 639-1 code, or null when the text is too short or unknown. */
export function detectLanguage(text: string): string | null {
  return detect(text, true);
}

/**
 * What detectLanguage says when the writing system alone tells the language (one of
 * SCRIPT_LANGUAGES), else null: Latin-script text gets no vote of common words. For a caller
 * that has a declared language, which only a script language overrides (the vote cost the parser
 * 0.05-0.1 ms per page for nothing).
 */
export function scriptLanguage(text: string): string | null {
  return detect(text, false);
}

function detect(text: string, voteLatin: boolean): string | null {
  const sample = text.length > SAMPLE_CHARS ? text.slice(0, SAMPLE_CHARS) : text;
  const counts = new Int32Array(SCRIPTS.length);
  let letters = 0;
  for (let i = 0; i < sample.length; i++) {
    const script = scriptOf(sample.charCodeAt(i));
    if (script === NONE) continue;
    letters++;
    counts[script]!++;
  }
  if (letters < MIN_LETTERS) return null;
  let main = 0;
  for (let script = 1; script < SCRIPTS.length; script++) if (counts[script]! > counts[main]!) main = script;
  // Japanese mixes kana into Han; any real share of kana means Japanese.
  if ((main === HAN || main === KANA) && counts[KANA]! > letters * 0.1) return 'ja';
  if (main === ARABIC) return arabicScriptLanguage(sample, letters);
  if (main === CYRILLIC) return cyrillicLanguage(sample, letters);
  if (main === LATIN) return voteLatin ? latinLanguage(sample) : null;
  return SCRIPT_LANGUAGE[SCRIPTS[main]!] ?? null;
}
