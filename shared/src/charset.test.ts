import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { decodeBody, normaliseCharset, parseContentType, repairMojibake } from './charset.js';

const ascii = (text: string) => new TextEncoder().encode(text);
const utf16 = (text: string, order: 'le' | 'be') => {
  const le = Buffer.from(text, 'utf16le');
  return order === 'le' ? le : Buffer.from(le).swap16();
};

describe('decodeBody: HTML', () => {
  it('reads a windows-1256 page from its meta charset, and without any declaration by detection', () => {
    const arabic = 'رئيس الوزراء يلتقي الوفد في القاهرة اليوم لبحث التعاون الاقتصادي بين البلدين';
    const withMeta = Buffer.concat([ascii('<html><head><meta charset="windows-1256"></head><body><p>'), iconv.encode(arabic, 'windows-1256'), ascii('</p></body></html>')]);
    expect(decodeBody(withMeta)).toMatchObject({ encoding: 'windows-1256', source: 'declaration' });
    expect(decodeBody(withMeta).text).toContain(arabic);
    const bare = Buffer.concat([ascii('<html><body><p>'), iconv.encode(`${arabic} ${arabic} ${arabic}`, 'windows-1256'), ascii('</p></body></html>')]);
    const detected = decodeBody(bare);
    expect(detected.source).toBe('detected');
    expect(detected.text).toContain(arabic);
  });

  it('reports Latin-1 and ASCII labels as windows-1252, as browsers do', () => {
    const page = Buffer.concat([ascii('<meta charset="iso-8859-1">'), Buffer.from([0x93, 0x41, 0x94])]);
    expect(decodeBody(page)).toMatchObject({ encoding: 'windows-1252', text: '<meta charset="iso-8859-1">“A”' });
    expect(normaliseCharset('US-ASCII')).toBe('windows-1252');
  });

  it('lets the BOM win over the header, and the header over the meta tag', () => {
    const bom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), ascii('<meta charset="windows-1256">x')]);
    expect(decodeBody(bom, { contentType: 'text/html; charset=windows-1252' })).toMatchObject({ encoding: 'utf-8', source: 'bom' });
    expect(decodeBody(ascii('<meta charset="windows-1256">x'), { contentType: 'text/html; charset=utf-8' }).encoding).toBe('utf-8');
  });
});

describe('decodeBody: XML (RFC 3023)', () => {
  const doc = ascii('<?xml version="1.0" encoding="iso-8859-1"?><rss/>');

  it('honours the charset parameter, quoted or not, over the declaration', () => {
    expect(decodeBody(doc, { kind: 'xml', contentType: "application/rss+xml; charset='us-ascii'" }).encoding).toBe('us-ascii');
    expect(decodeBody(doc, { kind: 'xml', contentType: 'application/xml;charset= "utf-8"' }).encoding).toBe('utf-8');
  });

  it('reads text/* without charset as US-ASCII, application/* from the declaration, a bogus parameter as none', () => {
    expect(decodeBody(doc, { kind: 'xml', contentType: 'text/xml' }).encoding).toBe('us-ascii');
    expect(decodeBody(doc, { kind: 'xml', contentType: 'text/xml; charset:iso-8859-1' }).encoding).toBe('us-ascii');
    expect(decodeBody(doc, { kind: 'xml', contentType: 'application/atom+xml' }).encoding).toBe('iso-8859-1');
    expect(decodeBody(doc, { kind: 'xml' }).encoding).toBe('iso-8859-1');
    expect(decodeBody(ascii('<rss/>'), { kind: 'xml', contentType: 'application/xml' }).encoding).toBe('utf-8');
  });

  it('does not apply the US-ASCII rule to bytes that are plainly not ASCII', () => {
    const utf8 = new TextEncoder().encode('<?xml version="1.0" encoding="utf-8"?><rss><title>Köln</title></rss>');
    expect(decodeBody(utf8, { kind: 'xml', contentType: 'text/xml' })).toMatchObject({ encoding: 'utf-8' });
  });

  it('recognises UTF-16 and UTF-32 without a BOM, whatever the declaration spells', () => {
    const text = '<?xml version="1.0" encoding="utf_16"?><rss><title>é</title></rss>';
    expect(decodeBody(utf16(text, 'be'), { kind: 'xml' })).toMatchObject({ encoding: 'utf-16be', text });
    expect(decodeBody(utf16(text, 'le'), { kind: 'xml' })).toMatchObject({ encoding: 'utf-16le', text });
    expect(decodeBody(iconv.encode(text, 'utf-32be'), { kind: 'xml' })).toMatchObject({ encoding: 'utf-32be', text });
    expect(decodeBody(Buffer.concat([Buffer.from([0xff, 0xfe]), utf16(text, 'le')]), { kind: 'xml' })).toMatchObject({ encoding: 'utf-16le', text });
  });

  it('decodes windows-1252 curly quotes (not as C1 controls)', () => {
    const bytes = Buffer.concat([ascii('<rss>'), Buffer.from([0xa3, 0x93, 0x74, 0x94, 0x80]), ascii('</rss>')]);
    expect(decodeBody(bytes, { kind: 'xml', contentType: 'text/xml; charset=windows-1252' }).text).toBe('<rss>£“t”€</rss>');
  });

  it('treats a UTF-16 declaration in ASCII bytes as a lie', () => {
    expect(decodeBody(ascii('<?xml version="1.0" encoding="utf-16"?><rss/>'), { kind: 'xml' }).encoding).toBe('utf-8');
  });
});

describe('parseContentType', () => {
  it('splits media type and charset', () => {
    expect(parseContentType('Text/XML; Charset="UTF-8"')).toEqual({ mediaType: 'text/xml', charset: 'UTF-8' });
    expect(parseContentType(null)).toEqual({ mediaType: null, charset: null });
  });
});

describe('repairMojibake', () => {
  it('repairs UTF-8 read as Latin-1 or windows-1252 and leaves real Latin-1 text alone', () => {
    expect(repairMojibake('â€¦')).toBe('…');
    expect(repairMojibake('CafÃ© crÃ¨me')).toBe('Café crème');
    expect(repairMojibake('Ä ist ein Umlaut, ß auch; Ã alone')).toBe('Ä ist ein Umlaut, ß auch; Ã alone');
    expect(repairMojibake('plain')).toBe('plain');
  });
});
