// The registry of fingerprints, in Redis so every enricher process shares it. A new article whose
// fingerprint is within MAX_DISTANCE bits of a known story takes that story's document id, so the
// indexer replaces the story's text with the latest copy and keeps all of its URLs. Look-up and
// registration are one server-side script: one round trip, and two copies arriving at once in two
// processes cannot both become new stories.
import { luaScript } from '@news/shared';
import type { Redis } from 'ioredis';
import { bands, MAX_DISTANCE } from './simhash.js';

const FINGERPRINTS = 'news:simhash:documents';
const LAST_SEEN = 'news:simhash:last-seen';
const BAND_PREFIX = 'news:simhash:band:';
/** Forgotten stories removed per look-up: enough to keep up with any arrival rate, bounded work. */
const EXPIRE_PER_CALL = 8;

// KEYS[1] = fingerprints hash (id -> fingerprint), KEYS[2] = last-seen sorted set (id -> ms),
// KEYS[3..] = the new fingerprint's band sets.
// ARGV = doc id, fingerprint, max distance, now (ms), window (ms), band prefix, expire per call.
// Returns the id the article should be indexed under. A story not seen for the window is forgotten
// (its fingerprint, its band entries), so the registry stays bounded; band entries always match
// the story's current fingerprint.
const RESOLVE = luaScript(`
local popcount = {[0]=0,1,1,2,1,2,2,3,1,2,2,3,2,3,3,4}
local function distance(a, b)
  local d = 0
  for i = 1, #a do d = d + popcount[bit.bxor(tonumber(a:sub(i, i), 16), tonumber(b:sub(i, i), 16))] end
  return d
end
local bandCount, prefix = #KEYS - 2, ARGV[6]
local function unfile(id, print)
  local size = #print / bandCount
  for b = 0, bandCount - 1 do
    redis.call('SREM', prefix .. b .. ':' .. print:sub(b * size + 1, (b + 1) * size), id)
  end
end
local now = tonumber(ARGV[4])
for _, id in ipairs(redis.call('ZRANGEBYSCORE', KEYS[2], '-inf', now - tonumber(ARGV[5]), 'LIMIT', 0, tonumber(ARGV[7]))) do
  local print = redis.call('HGET', KEYS[1], id)
  if print then unfile(id, print) end
  redis.call('HDEL', KEYS[1], id)
  redis.call('ZREM', KEYS[2], id)
end
local best, match = tonumber(ARGV[3]) + 1, ARGV[1]
local seen = {}
for k = 3, #KEYS do
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
local previous = redis.call('HGET', KEYS[1], match)
if previous and previous ~= ARGV[2] then unfile(match, previous) end
redis.call('HSET', KEYS[1], match, ARGV[2])
redis.call('ZADD', KEYS[2], now, match)
for k = 3, #KEYS do redis.call('SADD', KEYS[k], match) end
return match
`);

export class NearDuplicateRegistry {
  constructor(
    private readonly redis: Redis,
    /** How long a story is remembered after its last copy: later copies become new stories. */
    private readonly windowMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** The document id this article should be indexed under: a known near-duplicate's, or its own. */
  async resolve(docId: string, fingerprint: string | null): Promise<string> {
    if (!fingerprint) return docId;
    const keys = [FINGERPRINTS, LAST_SEEN, ...bands(fingerprint).map((band) => BAND_PREFIX + band)];
    return String(await RESOLVE(this.redis, keys, [docId, fingerprint, MAX_DISTANCE, this.now(), this.windowMs, BAND_PREFIX, EXPIRE_PER_CALL]));
  }
}
