import { totalmem } from 'node:os';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

describe('loadConfig', () => {
  it('has working defaults', () => {
    const config = loadConfig({}, '/srv/news');
    expect(config.redisUrl).toBeNull();
    expect(config.meiliUrl).toBeNull();
    expect(config.dataDir).toBe('/srv/news/.data');
    expect(config.blobDir).toBe('/srv/news/.data/blobs');
    expect(config.apiPort).toBe(8080);
    expect(config.services).toEqual(['fetcher', 'parser', 'enricher', 'indexer', 'scheduler', 'api']);
    expect(config.fetch.allowPrivateNetworks).toBe(false);
  });

  it('reads a subset of services for one process per service', () => {
    expect(loadConfig({ SERVICES: 'fetcher, parser' }).services).toEqual(['fetcher', 'parser']);
  });

  it('spreads services over processes: all in one, one each, or in groups', () => {
    expect(loadConfig({}).serviceProcesses).toEqual([['fetcher', 'parser', 'enricher', 'indexer', 'scheduler', 'api']]);
    expect(loadConfig({ SERVICES: 'fetcher,parser', SERVICE_PROCESSES: 'each' }).serviceProcesses).toEqual([['fetcher'], ['parser']]);
    expect(loadConfig({ SERVICE_PROCESSES: 'fetcher+parser, enricher+indexer ,api+scheduler' }).serviceProcesses).toEqual([
      ['fetcher', 'parser'], ['enricher', 'indexer'], ['api', 'scheduler'],
    ]);
  });

  it('bounds the embedded Meilisearch indexing memory unless told otherwise', () => {
    expect(loadConfig({}).meiliMaxIndexingMemory).toEqual(totalmem() >= 1.5 * 2 ** 30 ? '1024MiB' : expect.stringMatching(/^\d+MiB$/));
    expect(loadConfig({ MEILI_MAX_INDEXING_MEMORY: '512 MiB' }).meiliMaxIndexingMemory).toBe('512 MiB');
  });

  it('takes a Redis Unix socket', () => {
    expect(loadConfig({ REDIS_URL: 'unix:///srv/redis/redis.sock?db=2' }).redisUrl).toBe('unix:///srv/redis/redis.sock?db=2');
  });

  it.each([
    [{ API_PORT: '80000' }, /API_PORT=80000 is not an integer between 0 and 65535/],
    [{ SERVICES: 'fetcher,crawler' }, /SERVICES=fetcher,crawler: unknown service crawler/],
    [{ REDIS_URL: 'localhost:6379' }, /REDIS_URL=localhost:6379 must start with redis:\/\/ or rediss:\/\/ or unix:\/\//],
    [{ REDIS_URL: '6379' }, /REDIS_URL=6379 is not a valid URL/],
    [{ MEILI_URL: 'redis://127.0.0.1:7700' }, /MEILI_URL=redis:\/\/127.0.0.1:7700 must start with http:\/\/ or https:\/\//],
    [{ MEILI_MAX_INDEXING_MEMORY: 'lots' }, /MEILI_MAX_INDEXING_MEMORY=lots is not a size such as 1GiB/],
    [{ FETCH_ALLOW_PRIVATE_NETWORKS: 'maybe' }, /FETCH_ALLOW_PRIVATE_NETWORKS=maybe is not a boolean/],
    [{ SERVICE_PROCESSES: 'many' }, /SERVICE_PROCESSES=many must be "one", "each", or groups .* \(check many\)/],
    [{ SERVICE_PROCESSES: 'fetcher+parser,enricher+indexer' }, /naming each of fetcher, parser, enricher, indexer, scheduler, api once \(check scheduler\)/],
    [{ SERVICE_PROCESSES: 'fetcher+parser,parser+enricher+indexer+scheduler+api' }, /\(check parser\)/],
  ])('stops on %o with a message naming it', (env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(message);
  });
});
