import { describe, expect, it } from 'vitest';
import { processNiceness, UPSTREAM_NICENESS } from './priority.js';

describe('processNiceness', () => {
  it('lowers the priority of processes that only fetch and parse', () => {
    expect(processNiceness(['fetcher'])).toBe(UPSTREAM_NICENESS);
    expect(processNiceness(['parser'])).toBe(UPSTREAM_NICENESS);
    expect(processNiceness(['fetcher', 'parser'])).toBe(UPSTREAM_NICENESS);
  });

  it('keeps normal priority for any process with a downstream stage, the API or the scheduler', () => {
    expect(processNiceness(['enricher', 'indexer', 'api', 'scheduler'])).toBe(0);
    expect(processNiceness(['fetcher', 'parser', 'enricher'])).toBe(0);
    expect(processNiceness(['fetcher', 'api'])).toBe(0);
    expect(processNiceness(['scheduler'])).toBe(0);
    expect(processNiceness([])).toBe(0);
  });
});
