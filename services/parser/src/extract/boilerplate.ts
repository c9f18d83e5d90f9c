// What is not article text, judged from markup alone: navigation landmarks, hidden elements, and
// class/id/role names that sites across the web use for share bars, ads, related boxes, comments,
// newsletters, cookie banners, captions and bylines. These are generic HTML conventions, not rules
// for any one site. Lines of text that are boilerplate whatever their markup ("Advertisement",
// "Read also: ...", "اقرأ أيضا") are recognised here too.
import { classAndId, type Element } from './dom.js';

/** Whole landmarks that never hold the article. */
const BOILERPLATE_TAGS = new Set(['nav', 'aside', 'footer', 'menu', 'dialog', 'form']);
const BOILERPLATE_ROLES = /^(?:navigation|banner|contentinfo|complementary|dialog|alertdialog|search|menu|menubar|toolbar)$/;

// Words matched as whole parts of a class or id ("share-bar", "related_posts", "ad", not "header"
// or "shadow").
const NEGATIVE_WORDS = [
  'comment', 'comments', 'disqus', 'respond', 'share', 'shares', 'sharing', 'sharebar', 'social', 'sociable',
  'related', 'relatedposts', 'recommended', 'recommendations', 'promo', 'promotion', 'advert', 'advertisement',
  'advertising', 'ad', 'ads', 'adv', 'adsense', 'adslot', 'dfp', 'gpt', 'sponsor', 'sponsored', 'newsletter',
  'subscribe', 'subscription', 'signup', 'cookie', 'cookies', 'consent', 'gdpr', 'breadcrumb', 'breadcrumbs',
  'tags', 'tag', 'taglist', 'tagcloud', 'keywords', 'byline', 'author', 'authors', 'caption', 'credit', 'credits',
  'sidebar', 'footer', 'nav', 'navbar', 'navigation', 'menu', 'popup', 'modal', 'overlay', 'outbrain', 'taboola',
  'widget', 'trending', 'popular', 'mostread', 'most-read', 'readmore', 'read-more', 'readalso', 'also',
  'more-stories', 'morestories', 'toolbar', 'masthead', 'paywall', 'print', 'pagination', 'pager', 'rating',
  'skip', 'sr-only', 'visually-hidden', 'screen-reader-text', 'login', 'bio', 'follow', 'donate',
  'see-also', 'seealso', 'dateline', 'timestamp', 'meta', 'utility', 'tools', 'toc', 'banner', 'alert',
  'inline-related', 'recirc', 'recirculation', 'newsletter-signup', 'subscribe-box', 'upsell', 'cta',
];
const NEGATIVE = new RegExp(`(?:^|[\\s_-])(?:${NEGATIVE_WORDS.map((w) => w.replace(/-/g, '[-_]?')).join('|')})(?:$|[\\s_-])`);
// Names that mark the article body itself; they win over a negative word in the same class list
// ("article-body has-related").
// Embedded posts (tweets, Instagram) quoted by the article are part of it, even in a "social" box.
const POSITIVE = /(?:^|[\s_-])(?:(?:article|entry|post|story|news|content)[-_]?(?:body|content|text)|articlebody|main-content|maincontent|embed|embedded|tweet|twitter-tweet|instagram-media)(?:$|[\s_-])/;

function isHidden(element: Element): boolean {
  const { attrs } = element;
  if (attrs.hidden !== undefined || attrs['aria-hidden'] === 'true') return true;
  const style = attrs.style;
  return !!style && /display\s*:\s*none|visibility\s*:\s*hidden/i.test(style);
}

/**
 * Whether an element is a boilerplate landmark (nav, aside, footer, form, dialog roles) or hidden.
 * `share` is the part of the page's prose (text outside links) inside it: a landmark holding most of
 * the page's prose is kept, which protects pages that wrap everything in a <form> or an <aside>.
 */
export function isBoilerplateLandmark(element: Element, share: number): boolean {
  if (isHidden(element)) return true;
  const tag = element.tag;
  if (tag === 'nav') return true;
  if (share > 0.5) return false;
  if (BOILERPLATE_TAGS.has(tag)) return true;
  return !!element.attrs.role && BOILERPLATE_ROLES.test(element.attrs.role);
}

/**
 * Whether an element's class or id names a boilerplate box. Names mislead often enough ("widget"
 * around a blog's main column, "tag-politics" on a WordPress <article>) that the caller decides
 * whether the name wins; see content.ts.
 */
export function hasBoilerplateName(element: Element): boolean {
  if (element.attrs.itemprop === 'articleBody') return false;
  const names = classAndId(element);
  return !!names && NEGATIVE.test(names) && !POSITIVE.test(names);
}

const LINE_PATTERNS = [
  /^(?:advertisement|advertising|sponsored|ad|إعلان|اعلان|publicité|anzeige)$/i,
  /^(?:read|see|watch|listen)\s+(?:more|also|next)\b/i,
  /^(?:related|recommended|more)\s*(?:stories|articles|coverage|news|reading|from)?\s*:/i,
  /^(?:share|share this|share this article|share on \w+|tweet|email|print|follow us|comments?)$/i,
  /^(?:photo|image|picture|credit|source|getty images|reuters|ap photo)\s*[:/]/i,
  /^(?:اقرأ|اقرا|إقرأ|طالع|شاهد|تابع)\s*(?:أيضا|أيضاً|ايضا|ايضاً|المزيد)/u,
  // (\b is ASCII-only in JavaScript, so Arabic words end at a non-letter lookahead.)
  /^(?:المزيد|مواضيع ذات صلة|أخبار ذات صلة|اخبار ذات صلة|اقرأ المزيد|شارك|شارك الخبر|تابعونا)(?![\p{L}])/u,
  /^(?:sign up|subscribe|click here|copyright|©|all rights reserved|جميع الحقوق محفوظة)/i,
];
// Short calls to subscribe, wherever they start ("Get the latest updates ... Subscribe to our newsletters").
const NEWSLETTER = /\b(?:newsletters?|subscribe)\b|النشرة البريدية|اشترك/iu;

/** Lines that are boilerplate whatever markup holds them. */
export function isBoilerplateLine(text: string): boolean {
  if (text.length > 160) return false;
  return LINE_PATTERNS.some((re) => re.test(text)) || (text.length < 100 && NEWSLETTER.test(text));
}
