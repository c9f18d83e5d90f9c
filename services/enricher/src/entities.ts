// Entities for Arabic and English text: the tagger finds typed mentions, the knowledge base names
// them, and the article linker folds an article's mentions into canonical entities.
import { linkArticle } from './entities/link.js';
import { findTokenMentions } from './entities/mentions.js';
import { toLang } from './entities/tokenize.js';
import type { DocumentEntity } from '@news/shared';
import type { EntityType } from './entities/types.js';

export type { EntityType } from './entities/types.js';

export interface Mention {
  start: number; // UTF-16 offset; Arabic mentions cover the whole written word, clitics included
  end: number; // exclusive
  type: EntityType;
  text: string;
  name: string; // canonical English name when the knowledge base knows the entity, else the surface
  id?: string;
}

/** An entity of the article, as stored on its search document (see DocumentEntity for the fields). */
export type ArticleEntity = DocumentEntity;

/** Typed mentions in a text. `lang` "ar"/"en" (or a tag starting so); otherwise chosen by script. */
export function findMentions(text: string, lang?: string | null): Mention[] {
  return findTokenMentions(text, toLang(lang, text)).map((m) => m.mention);
}

/** The article's entities, linked within the article and sorted by salience. */
export function articleEntities(input: { title: string; text: string; lang: string | null }): ArticleEntity[] {
  const full = `${input.title}\n${input.text}`;
  const lang = toLang(input.lang, full);
  return linkArticle(findTokenMentions(full, lang, { article: true }), lang, input.title.length + 1);
}
