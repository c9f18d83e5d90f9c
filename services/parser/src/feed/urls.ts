// URL resolution for feed fields: relative references are resolved against the base in effect
// (xml:base, Content-Location, the document URL) and only web links come out.

/** Resolves `reference` against `base`; null when it cannot be resolved. */
export function resolveUrl(reference: string, base: string | null | undefined): string | null {
  const trimmed = reference.trim();
  if (!trimmed) return null;
  try {
    return new URL(trimmed, base ?? undefined).href;
  } catch {
    return null;
  }
}

/**
 * Resolves a link and keeps it only when it is http(s): `javascript:`, `data:` and the rest give
 * null. An absolute link comes back as written (not re-serialised: host case and trailing slashes
 * are left to URL normalisation, which is another module's job).
 */
export function webLink(reference: string | null | undefined, base: string | null | undefined): string | null {
  if (!reference) return null;
  const url = resolveUrl(reference, base);
  if (!url || !/^https?:\/\//i.test(url)) return null;
  const written = reference.trim();
  return /^https?:\/\/[^\s]+$/i.test(written) ? written : url;
}

/** Entry ids are opaque, except that a relative path ("/2004/05/entry") is resolved like a link. */
export function resolveId(id: string, base: string | null | undefined): string {
  return /^\.{0,2}\//.test(id) && !id.startsWith('//') ? (resolveUrl(id, base) ?? id) : id;
}

const SAFE_IN_HTML = /^(https?|mailto|ftp|news|nntp|irc|feed|tel|magnet|urn|xmpp|gopher):/i;

/** A URL inside HTML (href, src): resolved, and kept when its scheme is harmless. */
export function safeHtmlUrl(reference: string, base: string | null | undefined): string | null {
  // The WHATWG parser drops tabs and newlines anywhere ("java\tscript:" is javascript:), as browsers do.
  const url = resolveUrl(reference, base);
  if (!url) return null;
  return SAFE_IN_HTML.test(url) ? url : null;
}
