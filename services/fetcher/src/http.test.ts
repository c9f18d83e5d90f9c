import { describe, expect, it } from 'vitest';
import { classifyStatus, freshnessSeconds, isPrivateAddress, retryAfter } from './http.js';

describe('HTTP helpers', () => {
  it('reads how long a response stays fresh', () => {
    expect(freshnessSeconds({ 'cache-control': 'public, max-age=600' })).toBe(600);
    expect(freshnessSeconds({ 'cache-control': 'max-age=600, s-maxage=1200' })).toBe(1200);
    expect(freshnessSeconds({ 'cache-control': 'no-cache' })).toBeUndefined();
    expect(freshnessSeconds({ expires: 'Wed, 01 Jan 2025 01:00:00 GMT', date: 'Wed, 01 Jan 2025 00:30:00 GMT' })).toBe(1800);
    expect(freshnessSeconds({ expires: '0' })).toBe(0); // already expired: no floor
    expect(freshnessSeconds({})).toBeUndefined();
  });

  it('reads Retry-After in both its forms', () => {
    expect(retryAfter('120')).toBe(120);
    expect(retryAfter(new Date(Date.now() + 60_000).toUTCString())).toBeGreaterThanOrEqual(59);
    expect(retryAfter('soon')).toBeUndefined();
  });

  it('retries 429 and 503 with their Retry-After, and not 404', () => {
    expect(classifyStatus(429, 'Too Many Requests', '30')).toMatchObject({ permanent: false, status: 429, retryAfterSeconds: 30 });
    expect(classifyStatus(503, '', undefined)).toMatchObject({ permanent: false, status: 503 });
    expect(classifyStatus(404, 'Not Found')).toMatchObject({ permanent: true, message: 'HTTP 404 Not Found' });
    expect(classifyStatus(304, '')).toBeNull();
  });

  it('knows private addresses', () => {
    for (const address of ['10.0.0.1', '127.0.0.2', '169.254.169.254', '192.168.1.1', '172.16.0.1', '::1', 'fd00::1', '::ffff:10.0.0.1']) expect(isPrivateAddress(address)).toBe(true);
    for (const address of ['8.8.8.8', '172.32.0.1', '2001:4860:4860::8888']) expect(isPrivateAddress(address)).toBe(false);
  });
});
