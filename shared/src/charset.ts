// Turns fetched bytes into text the way a browser (HTML) or a feed reader (XML) would. Every stage
// that reads bytes uses this, so the fetcher, the parser and `newsctl` agree on what a body says.
//
// HTML (WHATWG-like): byte-order mark, HTTP charset, <meta charset>, detection, UTF-8.
// XML (RFC 3023 as feed readers apply it): byte-order mark; the HTTP charset; `text/*` without a
// charset means US-ASCII (when the bytes are ASCII; otherwise the rule is plainly wrong and we go
// on); UTF-16/32 recognised from the zero-byte pattern of "<?"; the XML declaration; UTF-8 when
// valid; detection; windows-1252.
import chardet from 'chardet';
import iconv from 'iconv-lite';

export type DocumentKind = 'html' | 'xml';

export interface DecodedText {
  text: string;
  /** Canonical lower-case name of the encoding, e.g. "utf-8", "windows-1256", "us-ascii". */
  encoding: string;
  /** Where the encoding came from. */
  source: 'bom' | 'header' | 'declaration' | 'detected' | 'default';
}

// Label -> canonical name. Names not listed are canonical already (after lower-casing).
const CANONICAL: Record<string, string> = {
  utf8: 'utf-8',
  'unicode-1-1-utf-8': 'utf-8',
  ascii: 'us-ascii',
  'ansi_x3.4-1968': 'us-ascii',
  'iso646-us': 'us-ascii',
  latin1: 'iso-8859-1',
  'latin-1': 'iso-8859-1',
  l1: 'iso-8859-1',
  iso8859_1: 'iso-8859-1',
  'iso8859-1': 'iso-8859-1',
  'iso_8859-1': 'iso-8859-1',
  cp1250: 'windows-1250',
  cp1251: 'windows-1251',
  cp1252: 'windows-1252',
  cp1253: 'windows-1253',
  cp1254: 'windows-1254',
  cp1255: 'windows-1255',
  cp1256: 'windows-1256',
  'x-cp1256': 'windows-1256',
  cp1257: 'windows-1257',
  cp1258: 'windows-1258',
  gb2312: 'gb18030',
  gbk: 'gb18030',
  'x-gbk': 'gb18030',
  'euc-cn': 'gb18030',
  cp936: 'gb18030',
  'shift-jis': 'shift_jis',
  sjis: 'shift_jis',
  'x-sjis': 'shift_jis',
  cp932: 'shift_jis',
  'windows-31j': 'shift_jis',
  euckr: 'euc-kr',
  cp949: 'euc-kr',
  'ks_c_5601-1987': 'euc-kr',
  'cn-big5': 'big5',
  'big5-hkscs': 'big5',
  'utf-16': 'utf-16', // byte order decided by the bytes
  utf_16: 'utf-16',
  utf16: 'utf-16',
  'utf-16le': 'utf-16le',
  'utf-16be': 'utf-16be',
  'utf-32': 'utf-32',
  utf_32: 'utf-32',
  'utf-32le': 'utf-32le',
  'utf-32be': 'utf-32be',
};

// The decoder actually used for a canonical name: supersets for the labels that real documents
// routinely misuse (ASCII or Latin-1 declared, windows-1252 sent). In HTML these are also the
// names reported, as WHATWG says ASCII and Latin-1 labels mean windows-1252.
const DECODER: Record<string, string> = {
  'us-ascii': 'windows-1252',
  'iso-8859-1': 'windows-1252',
  'utf-16': 'utf-16le',
  'utf-32': 'utf-32le',
};

function canonical(label: string | null | undefined): string | null {
  if (!label) return null;
  const key = label.trim().replace(/^["']+|["']+$/g, '').trim().toLowerCase();
  if (!key) return null;
  const name = CANONICAL[key] ?? CANONICAL[key.replace(/_/g, '-')] ?? key;
  return canDecode(DECODER[name] ?? name) ? name : null;
}

/** Normalises a charset label to the name an HTML page would use, or null when unknown. */
export function normaliseCharset(label: string | null | undefined): string | null {
  const name = canonical(label);
  return name ? (DECODER[name] ?? name) : null;
}

function canDecode(name: string): boolean {
  if (iconv.encodingExists(name)) return true;
  try {
    new TextDecoder(name);
    return true;
  } catch {
    return false;
  }
}

/** Media type (lower case, no parameters) and `charset=` parameter of a Content-Type header. */
export function parseContentType(contentType: string | null | undefined): { mediaType: string | null; charset: string | null } {
  if (!contentType) return { mediaType: null, charset: null };
  const [type = '', ...params] = contentType.split(';');
  let charset: string | null = null;
  for (const param of params) {
    // "charset:iso-8859-1" is not a parameter; only "charset=..." counts.
    const m = /^\s*charset\s*=\s*(.*)$/i.exec(param);
    if (m) charset = (m[1] ?? '').trim().replace(/^["']+|["']+$/g, '').trim() || null;
  }
  const mediaType = type.trim().toLowerCase();
  return { mediaType: mediaType || null, charset };
}

function sniffBom(bytes: Uint8Array): { encoding: string; length: number } | null {
  const [a, b, c, d] = bytes;
  if (a === 0xef && b === 0xbb && c === 0xbf) return { encoding: 'utf-8', length: 3 };
  if (a === 0xff && b === 0xfe && c === 0 && d === 0) return { encoding: 'utf-32le', length: 4 };
  if (a === 0 && b === 0 && c === 0xfe && d === 0xff) return { encoding: 'utf-32be', length: 4 };
  if (a === 0xfe && b === 0xff) return { encoding: 'utf-16be', length: 2 };
  if (a === 0xff && b === 0xfe) return { encoding: 'utf-16le', length: 2 };
  return null;
}

/** Reads `<meta charset>` / `http-equiv` (HTML) or `<?xml encoding=?>` (XML) from the first bytes. */
function declaredCharset(bytes: Uint8Array, kind: DocumentKind): string | null {
  // The declaration must be ASCII-compatible to be found this way (UTF-16 is caught by the BOM or
  // by the zero bytes first).
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, 4096)).toString('latin1');
  const xml = /^\s*<\?xml[^>]*?encoding\s*=\s*["']([^"']+)["']/i.exec(head);
  if (xml) return xml[1] ?? null;
  if (kind === 'html') {
    const meta = /<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)/i.exec(head);
    if (meta) return meta[1] ?? null;
  }
  return null;
}

/** UTF-16/32 without a byte-order mark, recognised by the zero bytes around the first "<". */
function wideWithoutBom(bytes: Uint8Array): string | null {
  if (bytes.length < 4) return null;
  const [a, b, c, d] = bytes;
  if (a === 0 && b === 0 && c === 0 && d === 0x3c) return 'utf-32be';
  if (a === 0x3c && b === 0 && c === 0 && d === 0) return 'utf-32le';
  if (a === 0 && b === 0x3c && c === 0 && d !== 0) return 'utf-16be';
  if (a === 0x3c && b === 0 && c !== 0 && d === 0) return 'utf-16le';
  return null;
}

function decodeWith(bytes: Uint8Array, encoding: string): string {
  const decoder = DECODER[encoding] ?? encoding;
  if (decoder === 'utf-8') return new TextDecoder('utf-8').decode(bytes);
  // iconv-lite first: Node 20's TextDecoder("windows-1252") decodes as Latin-1, turning curly
  // quotes and the euro sign into C1 control characters.
  if (iconv.encodingExists(decoder)) return iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), decoder);
  return new TextDecoder(decoder).decode(bytes);
}

function isValidUtf8(bytes: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

function isAscii(bytes: Uint8Array): boolean {
  for (const byte of bytes) if (byte > 0x7f) return false;
  return true;
}

// chardet names ISO-8859-8 for Hebrew, a visual-order charset nobody publishes; real Hebrew pages
// are windows-1255, its logical-order superset. Same story for the other ISO sets with a
// windows superset that keeps every ISO character in place.
const DETECTED_SUPERSET: Record<string, string> = {
  'iso-8859-8': 'windows-1255',
  'iso-8859-8-i': 'windows-1255',
  'iso-8859-9': 'windows-1254',
  'iso-8859-7': 'windows-1253',
};

function detect(bytes: Uint8Array): string | null {
  // A prefix is enough for detection and keeps the cost bounded on huge bodies.
  const sample = bytes.subarray(0, 64 * 1024);
  if (isValidUtf8(sample.subarray(0, Math.max(0, sample.length - 4)))) return 'utf-8';
  const guess = canonical(chardet.detect(sample));
  return guess ? (DETECTED_SUPERSET[guess] ?? guess) : null;
}

export interface DecodeOptions {
  contentType?: string | null;
  kind?: DocumentKind;
}

function result(bytes: Uint8Array, encoding: string, source: DecodedText['source'], kind: DocumentKind): DecodedText {
  const name = kind === 'html' ? (DECODER[encoding] ?? encoding) : encoding;
  return { text: decodeWith(bytes, name), encoding: name, source };
}

/** Decodes a fetched body; never throws (undecodable bytes become U+FFFD). */
export function decodeBody(bytes: Uint8Array, options: DecodeOptions = {}): DecodedText {
  const kind = options.kind ?? 'html';
  const bom = sniffBom(bytes);
  if (bom) return result(bytes.subarray(bom.length), bom.encoding, 'bom', kind);
  const { mediaType, charset } = parseContentType(options.contentType);
  const wide = wideWithoutBom(bytes);
  let header = canonical(charset);
  // A header naming a single-byte charset for a body that is plainly UTF-16/32 is wrong.
  if (header && wide && !header.startsWith('utf-16') && !header.startsWith('utf-32')) header = null;
  if (header === 'utf-16' || header === 'utf-32') header = wide ?? header;
  if (header) return result(bytes, header, 'header', kind);
  if (kind === 'xml' && mediaType?.startsWith('text/') && isAscii(bytes)) return result(bytes, 'us-ascii', 'header', kind);
  if (wide) return result(bytes, wide, 'declaration', kind);
  const declared = canonical(declaredCharset(bytes, kind));
  // A document that declares UTF-16/32 in ASCII bytes is lying; read it as UTF-8.
  if (declared && !declared.startsWith('utf-16') && !declared.startsWith('utf-32')) {
    return result(bytes, declared, 'declaration', kind);
  }
  const detected = detect(bytes);
  if (detected) return result(bytes, detected, 'detected', kind);
  return result(bytes, 'utf-8', 'default', kind);
}

/**
 * Repairs UTF-8 that was read as Latin-1 / windows-1252 somewhere upstream ("Ã©" for "é",
 * "â€¦" for "…"): a run of characters that, taken as bytes, is valid multi-byte UTF-8 is
 * replaced by what those bytes say. Runs that are not valid UTF-8 are left alone, so real
 * Latin-1 text ("Ä" followed by a space, say) is not touched.
 */
export function repairMojibake(text: string): string {
  // Fast exit: mojibake needs a lead byte character (U+00C2..U+00F4).
  if (!/[\u00c2-\u00f4]/.test(text)) return text;
  return text.replace(MOJIBAKE_RUN, (run) => {
    const bytes: number[] = [];
    for (const ch of run) {
      const code = ch.codePointAt(0) ?? 0;
      const byte = code <= 0xff ? code : WINDOWS_1252_BYTE.get(code);
      if (byte === undefined) return run;
      bytes.push(byte);
    }
    try {
      return new TextDecoder('utf-8', { fatal: true }).decode(Uint8Array.from(bytes));
    } catch {
      return run; // overlong or surrogate sequences: not UTF-8 after all
    }
  });
}

// A UTF-8 continuation byte read as Latin-1 or windows-1252.
const CONT = '[\\u0080-\\u00bf\\u0152\\u0153\\u0160\\u0161\\u0178\\u017d\\u017e\\u0192\\u02c6\\u02dc\\u2013\\u2014\\u2018-\\u201a\\u201c-\\u201e\\u2020-\\u2022\\u2026\\u2030\\u2039\\u203a\\u20ac\\u2122]';
// Lead byte and exactly as many continuation bytes as it announces.
const MOJIBAKE_RUN = new RegExp(`[\\u00c2-\\u00df]${CONT}|[\\u00e0-\\u00ef]${CONT}{2}|[\\u00f0-\\u00f4]${CONT}{3}`, 'g');

// windows-1252 characters in 0x80..0x9F, by code point -> byte.
const WINDOWS_1252_BYTE = new Map<number, number>(
  [...Array(32).keys()]
    .map((i) => [iconv.decode(Buffer.of(0x80 + i), 'windows-1252').codePointAt(0) ?? 0, 0x80 + i] as [number, number])
    .filter(([code]) => code > 0xff),
);
