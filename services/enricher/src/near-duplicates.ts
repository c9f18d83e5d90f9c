// The registry of fingerprints, in Redis so every enricher process shares it. A new article whose
// fingerprint is within MAX_DISTANCE bits of a known story takes that story's document id, so the
// indexer replaces the story's text with the latest copy and keeps all of its URLs.
import type { Redis } from 'ioredis';
import { bands, hammingDistance, MAX_DISTANCE } from './simhash.js';

const FINGERPRINTS = 'news:simhash:documents';
const bandKey = (band: string) => `news:simhash:band:${band}`;

export class NearDuplicateRegistry {
  constructor(private readonly redis: Redis) {}

  /** The document id this article should be indexed under: a known near-duplicate's, or its own. */
  async resolve(docId: string, fingerprint: string | null): Promise<string> {
    if (!fingerprint) return docId;
    const keys = bands(fingerprint).map(bandKey);
    const candidates = [...new Set((await Promise.all(keys.map((key) => this.redis.smembers(key)))).flat())].filter((id) => id !== docId);
    let match = docId;
    if (candidates.length) {
      const prints = await this.redis.hmget(FINGERPRINTS, ...candidates);
      let best = MAX_DISTANCE + 1;
      candidates.forEach((id, i) => {
        const distance = prints[i] ? hammingDistance(prints[i]!, fingerprint) : Infinity;
        if (distance < best) [best, match] = [distance, id];
      });
    }
    const multi = this.redis.multi().hset(FINGERPRINTS, match, fingerprint);
    for (const key of keys) multi.sadd(key, match);
    await multi.exec();
    return match;
  }
}
