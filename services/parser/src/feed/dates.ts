// Feed dates, in the many shapes publishers write them, to ISO 8601 UTC.
//
// Formats: ISO 8601 and W3CDTF (full, reduced, compact, space for "T", any fraction), RFC 822 /
// 2822 and their common deviations (no weekday, no seconds, two-digit years, zone names, "GMT+2"),
// US style ("Jan 4, 2004 4:29 PM"), asctime, perforce ("2006/09/15 08:19:53"), and the Korean,
// Greek and Hungarian forms feedparser reads. No zone means UTC. Years outside 1000..2999 are
// refused as absurd rather than stored as a date the indexer would sort on.

const MIN_YEAR = 1000;
const MAX_YEAR = 2999;

// Month names by lower-case prefix: English and the locales seen in feeds.
const MONTHS: Record<string, number> = {
  jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, oct: 10, nov: 11, dec: 12,
  // Greek (abbreviations as feedparser lists them)
  'ιαν': 1, 'φεβ': 2, 'μάώ': 3, 'μαρ': 3, 'μάρ': 3, 'απρ': 4, 'άπρ': 4, 'μάι': 5, 'μαϊ': 5, 'μαι': 5, 'ιούν': 6, 'ιον': 6,
  'ιούλ': 7, 'ιολ': 7, 'αύγ': 8, 'αυγ': 8, 'σεπ': 9, 'οκτ': 10, 'νοέ': 11, 'νοε': 11, 'δεκ': 12,
  // Hungarian
  'január': 1, 'február': 2, 'március': 3, 'április': 4, 'máujus': 5, 'május': 5, 'június': 6, 'július': 7,
  'augusztus': 8, 'szeptember': 9, 'október': 10, 'november': 11, 'december': 12,
};

function monthNumber(name: string): number | undefined {
  const lower = name.toLowerCase().replace(/\.$/, '');
  return MONTHS[lower] ?? MONTHS[lower.slice(0, 3)] ?? MONTHS[lower.slice(0, 4)];
}

// Zone names -> minutes east of UTC.
const ZONES: Record<string, number> = {
  z: 0, ut: 0, utc: 0, gmt: 0, wet: 0,
  est: -300, edt: -240, cst: -360, cdt: -300, mst: -420, mdt: -360, pst: -480, pdt: -420,
  akst: -540, akdt: -480, hst: -600, ast: -240, adt: -180, nst: -210, ndt: -150,
  bst: 60, cet: 60, met: 60, cest: 120, mest: 120, eet: 120, eest: 180, msk: 180,
  ist: 330, jst: 540, kst: 540, hkt: 480, sgt: 480, awst: 480, acst: 570, aest: 600, aedt: 660, nzst: 720, nzdt: 780,
};

/** Minutes east of UTC for a zone ("+0200", "-05:00", "GMT+2", "EST", "Z"), null when unknown. */
function zoneOffset(zone: string | undefined): number | null {
  if (!zone) return 0;
  const z = zone.trim().toLowerCase();
  if (!z) return 0;
  if (z in ZONES) return ZONES[z] ?? 0;
  const numeric = /^(?:gmt|utc|ut)?\s*([+-])(\d{1,2})(?::?(\d{2}))?$/.exec(z);
  if (numeric) {
    const minutes = Number(numeric[2]) * 60 + Number(numeric[3] ?? 0);
    return numeric[1] === '-' ? -minutes : minutes;
  }
  // RFC 822 military zones (A..I, K..M east; N..Y west).
  if (/^[a-ik-y]$/.test(z)) {
    const code = z.charCodeAt(0);
    if (code <= 105) return (code - 96) * 60;
    if (code <= 109) return (code - 97) * 60;
    return -(code - 109) * 60;
  }
  return null;
}

function fullYear(year: string): number {
  const n = Number(year);
  if (year.length > 2) return n;
  return n < 50 ? 2000 + n : 1900 + n; // RFC 2822's reading of two-digit years
}

function build(
  year: number,
  month: number,
  day: number,
  hour = 0,
  minute = 0,
  second = 0,
  millis = 0,
  offsetMinutes: number | null = 0,
): string | null {
  if (offsetMinutes === null) return null;
  if (year < MIN_YEAR || year > MAX_YEAR) return null;
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 24 || minute > 59 || second > 60) return null;
  // Reject 31 February and the like instead of rolling over into March.
  if (new Date(Date.UTC(year, month - 1, day)).getUTCDate() !== day) return null;
  const time = Date.UTC(year, month - 1, day, hour, minute, Math.min(second, 59), millis) - offsetMinutes * 60_000;
  return new Date(time).toISOString();
}

const ZONE = String.raw`(Z|[+-]\d{2}(?::?\d{2})?|(?:GMT|UTC|UT)\s*[+-]\d{1,2}(?::?\d{2})?|[A-Za-z]{1,5})`;

// 2004-01-04T16:29:06.123+01:00, 2004-01-04 16:29, 20040104T162906Z, 2004-01, 2004
const ISO = new RegExp(
  String.raw`^(\d{4})(?:-?(\d{2})(?:-?(\d{2})(?:[T\s]+(\d{1,2})(?::?(\d{2})(?::?(\d{2})(?:[.,](\d+))?)?)?\s*${ZONE}?)?)?)?$`,
  'i',
);
// [Sun,] 04 Jan 2004 16:29[:06] [zone]  (also "04-Jan-2004", "4 January 04")
const RFC822 = new RegExp(
  String.raw`^(?:[^\d\s,]+\.?,?\s*)?(\d{1,2})[\s-]+([^\d\s,.-]+)\.?,?[\s-]+(\d{2,4}),?(?:[\sT]+(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?)?\s*${ZONE}?$`,
  'i',
);
// [Sunday,] January 4, 2004 [4:29[:06] [PM]] [zone]
const US = new RegExp(
  String.raw`^(?:[^\d\s,]+\.?(?:,\s*|\s+(?=[^\d\s,.]+\.?\s+\d)))?([^\d\s,.]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4}),?(?:\s+(?:at\s+)?(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([ap]\.?m\.?)?)?\s*${ZONE}?$`,
  'i',
);
// Sun Jan  4 16:29:06 [PST] 2004
const ASCTIME = new RegExp(String.raw`^[A-Za-z]{3},?\s+([A-Za-z]{3,})\s+(\d{1,2})\s+(\d{1,2}):(\d{2}):(\d{2})\s+(?:${ZONE}\s+)?(\d{4})$`, 'i');
// [Fri,] 2006/09/15 08:19:53 [EDT]
const SLASHED = new RegExp(String.raw`^(?:[A-Za-z]+,?\s*)?(\d{4})/(\d{1,2})/(\d{1,2})(?:\s+(\d{1,2}):(\d{2})(?::(\d{2}))?)?\s*${ZONE}?$`, 'i');
// Korean: 2004-05-25 오후 11:23:17 (Nate), 2004년 05월 28일 01:31:15 (OnBlog); both Korea time.
const KOREAN_NATE = /^(\d{4})-(\d{2})-(\d{2})\s+(오전|오후)\s+(\d{1,2}):(\d{2}):(\d{2})$/;
const KOREAN_ONBLOG = /^(\d{4})년\s*(\d{1,2})월\s*(\d{1,2})일\s+(\d{1,2}):(\d{2}):(\d{2})$/;
// Hungarian: 2004-július-13T9:15-05:00
const HUNGARIAN = new RegExp(String.raw`^(\d{4})-([^\d\s-]+)-(\d{1,2})T(\d{1,2}):(\d{2})(?::(\d{2}))?\s*${ZONE}?$`, 'i');

function hour12(hour: number, meridiem: string | undefined): number {
  if (!meridiem) return hour;
  const pm = /^p/i.test(meridiem);
  if (hour === 12) return pm ? 12 : 0;
  return pm ? hour + 12 : hour;
}

/** Parses a feed date; ISO 8601 UTC ("2004-01-04T16:29:06.000Z") or null. */
export function parseFeedDate(input: string | null | undefined): string | null {
  if (!input) return null;
  const value = input.trim().replace(/\s+/g, ' ');
  if (!value || value.length > 100) return null;
  let m: RegExpExecArray | null;
  if ((m = ISO.exec(value))) {
    const fraction = m[7] ? Math.round(Number(`0.${m[7]}`) * 1000) : 0;
    return build(Number(m[1]), Number(m[2] ?? 1), Number(m[3] ?? 1), Number(m[4] ?? 0), Number(m[5] ?? 0), Number(m[6] ?? 0), fraction, zoneOffset(m[8]));
  }
  if ((m = RFC822.exec(value))) {
    const month = monthNumber(m[2] ?? '');
    if (month) return build(fullYear(m[3] ?? ''), month, Number(m[1]), Number(m[4] ?? 0), Number(m[5] ?? 0), Number(m[6] ?? 0), 0, zoneOffset(m[7]));
  }
  if ((m = US.exec(value))) {
    const month = monthNumber(m[1] ?? '');
    if (month) return build(Number(m[3]), month, Number(m[2]), hour12(Number(m[4] ?? 0), m[7]), Number(m[5] ?? 0), Number(m[6] ?? 0), 0, zoneOffset(m[8]));
  }
  if ((m = ASCTIME.exec(value))) {
    const month = monthNumber(m[1] ?? '');
    if (month) return build(Number(m[7]), month, Number(m[2]), Number(m[3]), Number(m[4]), Number(m[5]), 0, zoneOffset(m[6]));
  }
  if ((m = SLASHED.exec(value))) {
    return build(Number(m[1]), Number(m[2]), Number(m[3]), Number(m[4] ?? 0), Number(m[5] ?? 0), Number(m[6] ?? 0), 0, zoneOffset(m[7]));
  }
  if ((m = KOREAN_NATE.exec(value))) {
    return build(Number(m[1]), Number(m[2]), Number(m[3]), hour12(Number(m[5]), m[4] === '오후' ? 'pm' : 'am'), Number(m[6]), Number(m[7]), 0, 540);
  }
  if ((m = KOREAN_ONBLOG.exec(value))) {
    return build(Number(m[1]), Number(m[2]), Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6]), 0, 540);
  }
  if ((m = HUNGARIAN.exec(value))) {
    const month = monthNumber(m[2] ?? '');
    if (month) return build(Number(m[1]), month, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6] ?? 0), 0, zoneOffset(m[7]));
  }
  return null;
}
