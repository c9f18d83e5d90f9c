// Dates as pages write them: machine formats (ISO 8601, RFC 2822), and visible text in English and
// Arabic (both Arabic month series, the Maghreb names, Eastern Arabic digits, ص/م), plus relative
// dates ("3 hours ago", "منذ ساعتين") resolved against the fetch time. A written time zone or offset
// is honoured; a date with none is taken as UTC.

const MONTHS: Record<string, number> = {};
function months(names: string[], month: number): void {
  for (const name of names) MONTHS[normalise(name)] = month;
}
months(['january', 'jan', 'يناير', 'كانون الثاني', 'جانفي'], 1);
months(['february', 'feb', 'فبراير', 'شباط', 'فيفري', 'فبرير'], 2);
months(['march', 'mar', 'مارس', 'آذار', 'اذار'], 3);
months(['april', 'apr', 'أبريل', 'ابريل', 'إبريل', 'نيسان', 'أفريل', 'افريل'], 4);
months(['may', 'مايو', 'أيار', 'ايار', 'ماي'], 5);
months(['june', 'jun', 'يونيو', 'يونية', 'حزيران', 'جوان'], 6);
months(['july', 'jul', 'يوليو', 'يولية', 'تموز', 'جويلية', 'يوليوز'], 7);
months(['august', 'aug', 'أغسطس', 'اغسطس', 'آب', 'اب', 'أوت', 'اوت', 'غشت'], 8);
months(['september', 'sep', 'sept', 'سبتمبر', 'أيلول', 'ايلول', 'شتنبر'], 9);
months(['october', 'oct', 'أكتوبر', 'اكتوبر', 'تشرين الأول', 'تشرين الاول', 'أكتوبر'], 10);
months(['november', 'nov', 'نوفمبر', 'تشرين الثاني', 'نونبر'], 11);
months(['december', 'dec', 'ديسمبر', 'كانون الأول', 'كانون الاول', 'دجنبر'], 12);

/** Offsets in minutes for the abbreviations news sites actually print. */
const ZONES: Record<string, number> = {
  utc: 0, gmt: 0, z: 0, bst: 60, cet: 60, cest: 120, eet: 120, eest: 180, msk: 180,
  est: -300, edt: -240, cst: -360, cdt: -300, mst: -420, mdt: -360, pst: -480, pdt: -420,
  ist: 330, jst: 540, aest: 600, aedt: 660,
};

/** Lower case, ASCII digits, one form of alef, no tatweel or Arabic diacritics, single spaces. */
export function normalise(text: string): string {
  return text
    .toLowerCase()
    .replace(/[\u0660-\u0669]/g, (d) => String(d.charCodeAt(0) - 0x0660))
    .replace(/[\u06f0-\u06f9]/g, (d) => String(d.charCodeAt(0) - 0x06f0))
    .replace(/[أإآٱ]/g, 'ا')
    .replace(/[\u0640\u064b-\u065f\u0670]/g, '')
    .replace(/[\s\u00a0]+/g, ' ');
}

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const MONTH_RE = Object.keys(MONTHS)
  .sort((a, b) => b.length - a.length)
  .map(escape)
  .join('|');
// A word boundary that also works next to Arabic letters (\b is ASCII-only).
const B = '(?<![\\p{L}])';
const E = '(?![\\p{L}])';
const TIME = String.raw`(?:\s*(?:,|at|-|–|الساعة|الساعه|ساعة)?\s*(\d{1,2})[:.](\d{2})(?:[:.](\d{2}))?\s*(am|pm|a\.m\.|p\.m\.|صباحا|مساء|ص|م)?${E})?`;
const ZONE = String.raw`(?:\s*\(?\s*(?:(utc|gmt|z|[a-z]{3,4}(?=\W|$))?\s*([+-]\d{1,2}(?::?\d{2})?)?)\)?)?`;
const DAY_MONTH_YEAR = new RegExp(`${B}(\\d{1,2})(?:st|nd|rd|th)?\\.?\\s*(?:من\\s*)?(?:of\\s+)?(${MONTH_RE})\\.?${E},?\\s*(\\d{4})${TIME}${ZONE}`, 'u');
const MONTH_DAY_YEAR = new RegExp(`${B}(${MONTH_RE})\\.?\\s+(\\d{1,2})(?:st|nd|rd|th)?,?\\s+(\\d{4})${TIME}${ZONE}`, 'u');
const NUMERIC = new RegExp(String.raw`(?<!\d)(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?!\d)${TIME}${ZONE}|(?<!\d)(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})(?!\d)${TIME}${ZONE}`, 'u');

function offsetMinutes(abbr: string | undefined, numeric: string | undefined): number | null {
  if (numeric) {
    const m = /^([+-])(\d{1,2}):?(\d{2})?$/.exec(numeric);
    if (m) return (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3] ?? 0));
  }
  if (abbr && abbr in ZONES) return ZONES[abbr] ?? 0;
  return null;
}

function build(
  year: number, month: number, day: number,
  hour?: string, minute?: string, second?: string, meridiem?: string, zone?: string, offset?: string,
): Date | null {
  if (month < 1 || month > 12 || day < 1 || day > 31 || year < 1990 || year > 2100) return null;
  let h = hour ? Number(hour) : 0;
  const pm = meridiem && /^(pm|p\.m\.|مساء|م)$/.test(meridiem);
  const am = meridiem && /^(am|a\.m\.|صباحا|ص)$/.test(meridiem);
  if (pm && h < 12) h += 12;
  if (am && h === 12) h = 0;
  if (h > 23) return null;
  const minutes = offsetMinutes(zone, offset) ?? 0;
  const ms = Date.UTC(year, month - 1, day, h, minute ? Number(minute) : 0, second ? Number(second) : 0) - minutes * 60_000;
  const date = new Date(ms);
  return Number.isNaN(ms) ? null : date;
}

/** ISO 8601 and its common variants ("2017-11-21 17:37:00 +0200"); no zone means UTC. */
function parseIso(text: string): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?\s*(Z|[+-]\d{2}:?\d{2}|[+-]\d{2})?)?/i.exec(text.trim());
  if (!m) return null;
  const zone = m[7];
  return build(Number(m[1]), Number(m[2]), Number(m[3]), m[4], m[5], m[6], undefined, zone?.toLowerCase() === 'z' ? 'z' : undefined, zone && zone.toLowerCase() !== 'z' ? zone : undefined);
}

/** A date written in words or digits anywhere in `text` (the first one found). */
export function findDateInText(text: string): Date | null {
  const s = normalise(text);
  let m = DAY_MONTH_YEAR.exec(s);
  if (m) return build(Number(m[3]), MONTHS[m[2] ?? ''] ?? 0, Number(m[1]), m[4], m[5], m[6], m[7], m[8], m[9]);
  m = MONTH_DAY_YEAR.exec(s);
  if (m) return build(Number(m[3]), MONTHS[m[1] ?? ''] ?? 0, Number(m[2]), m[4], m[5], m[6], m[7], m[8], m[9]);
  m = NUMERIC.exec(s);
  if (m) {
    if (m[1]) return build(Number(m[1]), Number(m[2]), Number(m[3]), m[4], m[5], m[6], m[7], m[8], m[9]);
    // dd/mm/yyyy unless the second number cannot be a month.
    let day = Number(m[10]);
    let month = Number(m[11]);
    if (month > 12 && day <= 12) [day, month] = [month, day];
    return build(Number(m[12]), month, day, m[13], m[14], m[15], m[16], m[17], m[18]);
  }
  return null;
}

const UNITS: Array<[RegExp, number]> = [
  [/^(?:seconds?|secs?|ثانية|ثوان|ثواني|ثانيتين)$/, 1_000],
  [/^(?:minutes?|mins?|دقيقة|دقائق|دقيقتين)$/, 60_000],
  [/^(?:hours?|hrs?|ساعة|ساعات|ساعتين)$/, 3_600_000],
  [/^(?:days?|يوم|ايام|يومين)$/, 86_400_000],
  [/^(?:weeks?|اسبوع|اسابيع|اسبوعين)$/, 7 * 86_400_000],
];

/** "5 minutes ago", "an hour ago", "yesterday", "منذ 3 ساعات", "قبل ساعتين", "أمس". */
export function parseRelative(text: string, now: Date): Date | null {
  const s = normalise(text).trim();
  if (/^(?:yesterday|امس|البارحة)\b/u.test(s)) return new Date(now.getTime() - 86_400_000);
  if (/^(?:just now|now|today|الان|اليوم)$/u.test(s)) return now;
  let m = /^(\d+|an?|one)\s+(\p{L}+)\s+ago$/u.exec(s);
  let count: number;
  let unit: string;
  if (m) {
    count = /^\d+$/.test(m[1] ?? '') ? Number(m[1]) : 1;
    unit = m[2] ?? '';
  } else {
    m = /^(?:منذ|قبل)\s+(?:(\d+)\s+)?(\p{L}+)$/u.exec(s);
    if (!m) return null;
    unit = m[2] ?? '';
    // Arabic duals ("ساعتين") mean two; a bare singular means one.
    count = m[1] ? Number(m[1]) : /(?:تين|ين)$/.test(unit) ? 2 : 1;
  }
  const size = UNITS.find(([re]) => re.test(unit))?.[1];
  return size ? new Date(now.getTime() - count * size) : null;
}

/** Any machine or human date format; null when nothing sensible is found. */
export function parseDate(value: string | null | undefined, fetchedAt?: Date): Date | null {
  if (!value) return null;
  const text = value.trim().slice(0, 300);
  if (!text) return null;
  const iso = parseIso(text);
  if (iso) return iso;
  // RFC 2822 and other formats JavaScript reads reliably, but only with an explicit zone or year.
  if (/^[a-z]{3},?\s+\d{1,2}\s+[a-z]{3}\s+\d{4}\s+\d{2}:\d{2}/i.test(text)) {
    const ms = Date.parse(text);
    if (!Number.isNaN(ms)) return new Date(ms);
  }
  if (fetchedAt) {
    const relative = parseRelative(text, fetchedAt);
    if (relative) return relative;
  }
  if (/^\d{10}$/.test(text)) return new Date(Number(text) * 1000);
  return findDateInText(text);
}

/** A date in the URL path: /2019/11/19/, /2019-11-19-, /20191119/. */
export function dateFromUrl(url: string): Date | null {
  let path: string;
  try {
    path = new URL(url).pathname;
  } catch {
    return null;
  }
  const m =
    /\/((?:19|20)\d{2})[/-](0?[1-9]|1[0-2])[/-](0?[1-9]|[12]\d|3[01])(?:[/_-]|$)/.exec(path) ??
    /[/_-]((?:19|20)\d{2})(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])(?:[/_-]|\.html?|$)/.exec(path);
  return m ? build(Number(m[1]), Number(m[2]), Number(m[3])) : null;
}
