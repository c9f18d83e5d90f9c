import { describe, expect, it } from 'vitest';
import { dateFromUrl, findDateInText, parseDate, parseRelative } from './dates.js';

const iso = (date: Date | null): string | null => date?.toISOString() ?? null;

describe('parseDate', () => {
  it('reads ISO 8601 with and without a zone (UTC when none)', () => {
    expect(iso(parseDate('2017-11-21T17:37:00+02:00'))).toBe('2017-11-21T15:37:00.000Z');
    expect(iso(parseDate('2017-11-21 17:37:00 +0200'))).toBe('2017-11-21T15:37:00.000Z');
    expect(iso(parseDate('2017-11-21T17:37:00'))).toBe('2017-11-21T17:37:00.000Z');
    expect(iso(parseDate('2017-11-21'))).toBe('2017-11-21T00:00:00.000Z');
  });

  it('reads RFC 2822 and English dates with zone names', () => {
    expect(iso(parseDate('Tue, 21 Nov 2017 15:37:00 GMT'))).toBe('2017-11-21T15:37:00.000Z');
    expect(iso(parseDate('November 19, 2019 5:30 PM EST'))).toBe('2019-11-19T22:30:00.000Z');
    expect(iso(parseDate('Published 3 Jan. 2020, 09:05 BST'))).toBe('2020-01-03T08:05:00.000Z');
  });

  it('reads Arabic dates in both month series, with Eastern Arabic digits and ص/م', () => {
    expect(iso(parseDate('الثلاثاء 21 نوفمبر 2017, 05:37 مساء'))).toBe('2017-11-21T17:37:00.000Z');
    expect(iso(parseDate('١٤ تشرين الثاني ٢٠٢٣ الساعة ٠٩:٣٠ ص'))).toBe('2023-11-14T09:30:00.000Z');
    expect(iso(parseDate('٣ كانون الثاني ٢٠٢٤'))).toBe('2024-01-03T00:00:00.000Z');
    expect(iso(parseDate('5 أيار 2022'))).toBe('2022-05-05T00:00:00.000Z');
    expect(iso(parseDate('2 إبريل 2021 - 10:15 م بتوقيت غرينتش'))).toBe('2021-04-02T22:15:00.000Z');
    expect(iso(parseDate('آب 2019 12'))).toBeNull();
  });

  it('honours a written offset', () => {
    expect(iso(parseDate('21 November 2017 17:37 GMT+2'))).toBe('2017-11-21T15:37:00.000Z');
    expect(iso(parseDate('21 نوفمبر 2017 17:37 +03:00'))).toBe('2017-11-21T14:37:00.000Z');
  });

  it('resolves relative dates against the fetch time', () => {
    const now = new Date('2024-05-10T12:00:00Z');
    expect(iso(parseDate('3 hours ago', now))).toBe('2024-05-10T09:00:00.000Z');
    expect(iso(parseDate('an hour ago', now))).toBe('2024-05-10T11:00:00.000Z');
    expect(iso(parseDate('منذ ساعتين', now))).toBe('2024-05-10T10:00:00.000Z');
    expect(iso(parseDate('منذ ٥ دقائق', now))).toBe('2024-05-10T11:55:00.000Z');
    expect(iso(parseDate('قبل 3 أيام', now))).toBe('2024-05-07T12:00:00.000Z');
    expect(iso(parseRelative('yesterday', now))).toBe('2024-05-09T12:00:00.000Z');
    expect(parseDate('3 hours ago')).toBeNull();
  });

  it('rejects what is not a date', () => {
    expect(parseDate('')).toBeNull();
    expect(parseDate('the may queen')).toBeNull();
    expect(findDateInText('31 فبراير 1850')).toBeNull();
  });
});

describe('dateFromUrl', () => {
  it('finds dates in common URL shapes', () => {
    expect(iso(dateFromUrl('https://x.example/2019/11/19/story-slug'))).toBe('2019-11-19T00:00:00.000Z');
    expect(iso(dateFromUrl('https://x.example/news/2019-11-19-story'))).toBe('2019-11-19T00:00:00.000Z');
    expect(iso(dateFromUrl('https://x.example/a/20191119/story.html'))).toBe('2019-11-19T00:00:00.000Z');
    expect(dateFromUrl('https://x.example/news/international/156712')).toBeNull();
    expect(dateFromUrl('not a url')).toBeNull();
  });
});
