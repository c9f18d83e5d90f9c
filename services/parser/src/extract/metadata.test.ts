import { describe, expect, it } from 'vitest';
import { bylineAuthor } from './byline.js';
import { absoluteHttpUrl } from '@news/shared/url';
import { stripSiteName } from './metadata.js';

describe('stripSiteName', () => {
  it('removes a known site name before or after the headline', () => {
    expect(stripSiteName('Storm closes ports | Daily Example', 'Daily Example', 'daily.example')).toBe('Storm closes ports');
    expect(stripSiteName('Daily Example - Storm closes ports', 'Daily Example', 'daily.example')).toBe('Storm closes ports');
    expect(stripSiteName('بوتين يشرح لترامب استراتيجيته | بوابة الوسط', 'بوابة الوسط', 'alwasat.ly')).toBe('بوتين يشرح لترامب استراتيجيته');
  });

  it('recognises the site by its host name when no site name is declared', () => {
    expect(stripSiteName('Storm closes ports - DailyExample', null, 'www.dailyexample.com')).toBe('Storm closes ports');
  });

  it('keeps separators that belong to the headline', () => {
    expect(stripSiteName('Brexit: what happens next | The Paper', 'The Paper', 'paper.example')).toBe('Brexit: what happens next');
    expect(stripSiteName('A long headline - with a dash inside it', null, 'x.example')).toBe('A long headline - with a dash inside it');
  });
});

describe('bylineAuthor', () => {
  it('reads names from English and Arabic bylines', () => {
    expect(bylineAuthor('By Dana White')).toBe('Dana White');
    expect(bylineAuthor('By Dana White, Reuters')).toBe('Dana White');
    expect(bylineAuthor('كتب: سامي الخطيب · نشر في 14 تشرين الثاني')).toBe('سامي الخطيب');
    expect(bylineAuthor('بقلم محمد علي')).toBe('محمد علي');
  });

  it('does not take sentences for bylines', () => {
    expect(bylineAuthor('By the end of the day, the talks had failed.')).toBeNull();
    expect(bylineAuthor('The minister spoke by phone.')).toBeNull();
  });
});

describe('absoluteHttpUrl', () => {
  it('resolves against the page and keeps http(s) only', () => {
    expect(absoluteHttpUrl('/img/a.jpg', 'https://x.example/news/1')).toBe('https://x.example/img/a.jpg');
    expect(absoluteHttpUrl('javascript:alert(1)', 'https://x.example/')).toBeNull();
    expect(absoluteHttpUrl('', 'https://x.example/')).toBeNull();
  });
});
