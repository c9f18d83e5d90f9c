import { describe, expect, it } from 'vitest';
import { BadQuery, parseSearchQuery, toMeiliSearch } from './search.js';

describe('search query', () => {
  it('turns entity, language, source and dates into one quoted filter', () => {
    const query = parseSearchQuery({ q: 'Putin', entity: ['Vladimir Putin', 'Syria'], lang: 'ar', from: '2017-11-01', to: '2017-11-30' });
    const request = toMeiliSearch(query);
    expect(request.filter).toBe(
      '(entityNames = "Vladimir Putin") AND (entityNames = "Syria") AND (lang = "ar") AND (publishedTs >= 1509494400) AND (publishedTs <= 1512086399)',
    );
    expect(request.sort).toBeUndefined();
  });

  it('quotes values so a filter cannot be injected', () => {
    const request = toMeiliSearch(parseSearchQuery({ entity: 'x" OR lang = "en' }));
    expect(request.filter).toBe('(entityNames = "x\\" OR lang = \\"en")');
  });

  it('lists newest first without a query, and pages', () => {
    const request = toMeiliSearch(parseSearchQuery({ page: '3' }));
    expect(request.sort).toEqual(['publishedTs:desc']);
    expect(request.page).toBe(3);
    expect(request.filter).toBeUndefined();
  });

  it.each([
    [{ from: 'yesterday' }, /from=yesterday is not a date/],
    [{ page: '0' }, /page=0 must be an integer from 1 to 500/],
    [{ from: '2018-01-01', to: '2017-01-01' }, /from is after to/],
  ])('refuses %o with a readable reason', (raw, message) => {
    expect(() => parseSearchQuery(raw)).toThrow(BadQuery);
    expect(() => parseSearchQuery(raw)).toThrow(message);
  });
});
