import { describe, expect, it } from 'vitest';
import { findMeilisearch, findRedisServer, MissingDependencyError } from './embedded.js';

describe('finding the embedded servers', () => {
  it('names what is missing and how to get it', () => {
    const env = { PATH: '/nonexistent' };
    expect(() => findRedisServer({ ...env, REDIS_SERVER_BIN: '/nope/redis-server' })).toThrow(/REDIS_SERVER_BIN=\/nope\/redis-server is not an executable file/);
    expect(() => findMeilisearch({ ...env, MEILI_BIN: '/nope/meilisearch' })).toThrow(MissingDependencyError);
  });

  it('finds the Meilisearch shipped by the npm package and makes it executable', () => {
    const path = findMeilisearch({ PATH: '/nonexistent' });
    expect(path).toMatch(/@gaubee\/meilisearch-linux-amd64\/meilisearch$/);
  });
});
