// The registry of fingerprints, in Redis so every enricher process shares it. A new article whose
// fingerprint is within MAX_DISTANCE bits of a known story takes that story's document id, so the
// indexer replaces the story's text with the latest copy and keeps all of its URLs. Look-up and
// registration are one server-side script: one round trip, and two copies arriving at once in two
// processes cannot both become new stories.
import { luaScript } from '@news/shared';
import type { Redis } from 'ioredis';
import { bands, MAX_DISTANCE } from './simhash.js';

const FINGERPRINTS = 'news:simhash:documents';
const bandKey = (band: string) => `news:simhash:band:${band}`;

// KEYS[1] = fingerprints hash, KEYS[2..] = band sets. ARGV = doc id, fingerprint, max distance.
// Returns the id the article should be indexed under.
const RESOLVE = luaScript(`
local popcount = {[0]=0,1,1,2,1,2,2,3,1,2,2,3,2,3,3,4}
local function distance(a, b)
  local d = 0
  for i = 1, #a do d = d + popcount[bit.bxor(tonumber(a:sub(i, i), 16), tonumber(b:sub(i, i), 16))] end
  return d
end
local best, match = tonumber(ARGV[3]) + 1, ARGV[1]
local seen = {}
for k = 2, #KEYS do
  for _, id in ipairs(redis.call('SMEMBERS', KEYS[k])) do
    if id ~= ARGV[1] and not seen[id] then
      seen[id] = true
      local print = redis.call('HGET', KEYS[1], id)
      if print then
        local d = distance(print, ARGV[2])
        if d < best then best, match = d, id end
      end
    end
  end
end
redis.call('HSET', KEYS[1], match, ARGV[2])
for k = 2, #KEYS do redis.call('SADD', KEYS[k], match) end
return match
`);

export class NearDuplicateRegistry {
  constructor(private readonly redis: Redis) {}

  /** The document id this article should be indexed under: a known near-duplicate's, or its own. */
  async resolve(docId: string, fingerprint: string | null): Promise<string> {
    if (!fingerprint) return docId;
    return String(await RESOLVE(this.redis, [FINGERPRINTS, ...bands(fingerprint).map(bandKey)], [docId, fingerprint, MAX_DISTANCE]));
  }
}
