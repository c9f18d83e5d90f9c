// newsctl entities --jsonl: stdin {"id","text","lang"?} -> stdout {"id","entities":[{start,end,type,text,name,id?}]}.
// Offsets are UTF-16 code units into "text", end exclusive. Pure: no Redis, same module as the enricher.
import { findMentions } from '@news/enricher/entities';
import { mapJsonl } from '../jsonl.js';

export async function run(args: string[]): Promise<number> {
  if (!args.includes('--jsonl')) {
    console.error('usage: newsctl entities --jsonl  (stdin lines {"id","text","lang"?})');
    return 2;
  }
  return mapJsonl((input) => {
    if (typeof input.text !== 'string') throw new Error('"text" must be a string');
    const lang = typeof input.lang === 'string' ? input.lang : null;
    return { id: input.id ?? null, entities: findMentions(input.text, lang) };
  });
}
