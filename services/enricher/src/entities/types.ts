// The entity vocabulary shared by the tagger, the knowledge base and the article-level linker.
export type { EntityType } from '@news/shared';
import type { EntityType } from '@news/shared';

/** One canonical entity of the knowledge base. */
export interface KbEntity {
  id: string; // Wikidata Q-id when known, else a stable local id such as "loc:sochi"
  type: EntityType;
  name: string; // canonical English name
  ar?: string; // Arabic label
  aliases: string[]; // spelling variants in both languages
  wikidata?: string;
}
