// Arabic text handling for entity matching: one normal form for spelling variants, and the clitic
// readings of a written word. Spans never change: callers keep the whole written word (ANERcorp and
// readers both treat «وسوريا» as one word), these forms only serve lookups and features.

const DIACRITICS = /[\u0610-\u061A\u064B-\u065F\u0670\u06D6-\u06ED\u0640]/g; // harakat, Quranic marks, tatweel

/** Folds alef forms, alef maqsura, ta marbuta, Persian letters; drops diacritics and tatweel. */
export function normalizeArabic(word: string): string {
  return word
    .replace(DIACRITICS, '')
    .replace(/[أإآٱ]/g, 'ا')
    .replace(/ى/g, 'ي')
    .replace(/ة/g, 'ه')
    .replace(/ی/g, 'ي')
    .replace(/ک/g, 'ك');
}

/** One reading of a written word: the clitics taken off the front and what is left. */
export interface CliticReading {
  prefix: string; // e.g. "و", "وب", "ف", "" (conjunction + preposition, normalised)
  stem: string; // the word without those clitics, keeping its article: «وبالعراق» -> «العراق»
}

const MIN_STEM = 2;

/**
 * The readings of a normalised word, longest stem first: «وبالعراق» -> [«وبالعراق»], [و «بالعراق»],
 * [وب «العراق»]. «للعراق» (li + al-) gives «العراق», since the lam of the preposition swallows the
 * alef of the article; «للبنان» also «لبنان» and «اللبنان» (see below). Only readings whose stem
 * keeps at least two letters are returned.
 */
export function cliticReadings(norm: string): CliticReading[] {
  const out: CliticReading[] = [{ prefix: '', stem: norm }];
  let rest = norm;
  let prefix = '';
  const first = rest[0];
  if ((first === 'و' || first === 'ف') && rest.length - 1 >= MIN_STEM) {
    prefix = first;
    rest = rest.slice(1);
    out.push({ prefix, stem: rest });
  }
  const prep = rest[0];
  if ((prep === 'ب' || prep === 'ك' || prep === 'ل') && rest.length - 1 >= MIN_STEM) {
    const after = rest.slice(1);
    if (prep === 'ل' && after[0] === 'ل' && after.length - 1 >= MIN_STEM) {
      // لل is li + a word that starts with lam (للبنان: Lebanon), li + al- + such a word, the alef
      // and the article's lam both swallowed (للبناني: the Lebanese), or li + al- (للعراق), whose
      // reading stays last as the word's stem.
      for (const stem of [after, 'ال' + after, 'ا' + after]) out.push({ prefix: prefix + 'ل', stem });
    } else {
      out.push({ prefix: prefix + prep, stem: after });
    }
  }
  return out;
}

/** The stem without the definite article, for features: «العراق» -> «عراق». */
export function stripArticle(stem: string): string {
  return stem.startsWith('ال') && stem.length - 2 >= MIN_STEM ? stem.slice(2) : stem;
}
