// URL normalisation decides what counts as "the same story": the document id is a hash of the
// normalised canonical URL, and feed items are de-duplicated on the normalised link.
import { createHash } from 'node:crypto';

/** Query parameters that track campaigns or sessions and never change the content. */
const TRACKING_PARAMS = [
  /^utm_/i, /^mc_(cid|eid)$/i, /^fbclid$/i, /^gclid$/i, /^dclid$/i, /^msclkid$/i, /^yclid$/i, /^igshid$/i,
  /^_ga$/i, /^_gl$/i, /^ref_?src$/i, /^cmpid$/i, /^ocid$/i, /^icid$/i, /^ito$/i, /^smid$/i, /^s_kwcid$/i,
  /^xtor$/i, /^at_(medium|campaign|custom\d*)$/i, /^wt\.mc_id$/i, /^__twitter_impression$/i, /^spm$/i,
  /^(php)?sessid$/i, /^jsessionid$/i, /^sid$/i, /^share$/i, /^amp$/i, /^outputtype$/i,
];

const isTracking = (name: string) => TRACKING_PARAMS.some((pattern) => pattern.test(name));

/**
 * Lower-cases scheme and host, drops default ports, fragments and tracking parameters, sorts the
 * remaining parameters, removes "index.html"-style and trailing slashes (except the root) and
 * dot segments. Returns null for anything that is not an absolute http(s) URL.
 */
export function normaliseUrl(input: string, base?: string): string | null {
  let url: URL;
  try {
    url = new URL(input.trim(), base);
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  url.hash = '';
  url.username = '';
  url.password = '';
  url.hostname = url.hostname.toLowerCase().replace(/\.$/, '');
  if ((url.protocol === 'http:' && url.port === '80') || (url.protocol === 'https:' && url.port === '443')) url.port = '';
  const kept = [...url.searchParams].filter(([name]) => !isTracking(name));
  kept.sort(([a, av], [b, bv]) => (a === b ? av.localeCompare(bv) : a.localeCompare(b)));
  url.search = new URLSearchParams(kept).toString();
  let path = url.pathname.replace(/\/{2,}/g, '/').replace(/\/index\.(html?|php|aspx?)$/i, '/');
  if (path.length > 1) path = path.replace(/\/+$/, '');
  url.pathname = path;
  return url.toString();
}

/**
 * The search document id of a story: its normalised canonical URL, hashed. Scheme and a leading
 * "www." are ignored so that the http and https, www and bare copies of a page fold together.
 */
export function documentId(canonicalUrl: string): string {
  const normalised = normaliseUrl(canonicalUrl) ?? canonicalUrl;
  const key = normalised.replace(/^https?:\/\//, '').replace(/^www\./, '');
  return createHash('sha256').update(key).digest('hex').slice(0, 24);
}

export function hostOf(url: string): string {
  try {
    return new URL(url).hostname.toLowerCase();
  } catch {
    return '';
  }
}

/** `value` resolved against `base` when it is an http(s) URL; null for anything else. */
export function absoluteHttpUrl(value: string | null | undefined, base: string): string | null {
  if (!value) return null;
  try {
    const url = new URL(value.trim(), base);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}
