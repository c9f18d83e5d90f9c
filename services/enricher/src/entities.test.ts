import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { articleEntities, findMentions } from './entities.js';

const seed = JSON.parse(readFileSync(new URL('../test-fixtures/seed-article.json', import.meta.url), 'utf8')) as { title: string; text: string };
const fold = (s: string): string => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();

describe('articleEntities on the seed story', () => {
  const entities = articleEntities({ title: seed.title, text: seed.text, lang: 'ar' });
  const names = (e: (typeof entities)[number]): string[] => [e.name, ...e.aliases, ...Object.values(e.labels)].map(fold);
  const required: [string, string][] = [
    ['PER', 'Vladimir Putin'], ['PER', 'Donald Trump'], ['PER', 'Bashar al-Assad'], ['PER', 'Recep Tayyip Erdogan'],
    ['PER', 'Hassan Rouhani'], ['PER', 'Valery Gerasimov'], ['LOC', 'Syria'], ['LOC', 'Russia'], ['LOC', 'Iran'],
    ['LOC', 'Turkey'], ['LOC', 'Geneva'], ['LOC', 'Sochi'], ['LOC', 'Astana'], ['LOC', 'Iraq'],
    ['ORG', 'United Nations'], ['ORG', 'Kremlin'], ['ORG', 'Islamic State'],
  ];
  it.each(required)('finds %s %s', (type, name) => {
    expect(entities.some((e) => e.type === type && names(e).includes(fold(name)))).toBe(true);
  });
  it('links short mentions to the full name and counts them', () => {
    const putin = entities.find((e) => e.name === 'Vladimir Putin')!;
    expect(putin.labels.ar).toBe('فلاديمير بوتين');
    expect(putin.wikidata).toBe('Q7747');
    expect(putin.mentions).toBeGreaterThan(3);
    expect(entities[0]).toBe(putin); // in the title and named most often
  });
  it('counts nisba adjectives as mentions of their country but keeps them out of findMentions', () => {
    const us = entities.find((e) => e.name === 'United States');
    expect(us?.type).toBe('LOC');
    expect(us?.aliases).toContain('الأميركي');
    expect(findMentions('أكد لنظيره الأميركي أن الاتصال كان إيجابيا', 'ar').some((m) => m.name === 'United States')).toBe(false);
  });
  it('counts untagged multi-word knowledge-base names in an article', () => {
    expect(entities.find((e) => e.name === 'Syrian opposition')?.type).toBe('ORG');
    expect(findMentions(seed.text, 'ar').some((m) => m.name === 'Syrian opposition')).toBe(false);
  });
  it('finds none of the names of the page boilerplate', () => {
    const forbidden = ['Khalifa Haftar', 'Benghazi', 'Tripoli', 'Emmanuel Macron', 'Paris', 'Tunisia', 'Morocco', 'Rabat', 'Arab League', 'European Union', 'Central Bank of Libya'];
    for (const name of forbidden) expect(entities.some((e) => names(e).includes(fold(name)))).toBe(false);
  });
  it('leaves out a one-word unknown organisation named once (a quoted common word)', () => {
    expect(entities.some((e) => names(e).includes(fold('النصر')))).toBe(false);
  });
  it('sorts by salience and keeps positions in title + "\\n" + text', () => {
    for (let i = 1; i < entities.length; i++) expect(entities[i - 1]!.salience).toBeGreaterThanOrEqual(entities[i]!.salience);
    const full = `${seed.title}\n${seed.text}`;
    const syria = entities.find((e) => e.name === 'Syria')!;
    expect(full.slice(syria.firstPosition)).toMatch(/^(سورية|سوريا|السورية)/); // the title's «الأزمة السورية» is its first mention
  });
});

describe('findMentions', () => {
  it('covers the whole Arabic word, clitics included, and names it canonically', () => {
    const text = 'وصل الرئيس إلى وسوريا قبل أن يزور بالعراق';
    const ms = findMentions(text, 'ar');
    const syria = ms.find((m) => m.name === 'Syria');
    expect(syria?.text).toBe('وسوريا');
    expect(text.slice(syria!.start, syria!.end)).toBe('وسوريا');
    expect(ms.find((m) => m.name === 'Iraq')?.text).toBe('بالعراق');
  });
  it('folds spelling variants to one entity', () => {
    const a = findMentions('قال الرئيس التركي رجب طيب أردوغان إن بلاده مستعدة', 'ar');
    const b = findMentions('قال الرئيس التركي رجب طيب إردوغان إن بلاده مستعدة', 'ar');
    expect(a.find((m) => m.type === 'PER')?.id).toBe('Q39259');
    expect(b.find((m) => m.type === 'PER')?.id).toBe('Q39259');
  });
  it('tags English text, choosing the language by script when none is given', () => {
    const text = 'Russian President Vladimir Putin met Recep Tayyip Erdogan in Sochi on Monday.';
    const ms = findMentions(text, null);
    expect(ms.map((m) => [m.type, m.text])).toEqual(
      expect.arrayContaining([['PER', 'Vladimir Putin'], ['PER', 'Recep Tayyip Erdogan'], ['LOC', 'Sochi']]),
    );
    for (const m of ms) expect(text.slice(m.start, m.end)).toBe(m.text);
  });
  it('keeps a full name at the very end of a text', () => {
    const ms = findMentions('أكد الرئيس الروسي فلاديمير بوتين لنظيره الأميركي دونالد ترامب', 'ar');
    expect(ms.at(-1)).toMatchObject({ type: 'PER', text: 'دونالد ترامب', name: 'Donald Trump' });
  });
  it('splits two known names run together', () => {
    const ms = findMentions('وقال المتحدث إن اللقاء جمع بوتين دونالد ترامب', 'ar');
    expect(ms.filter((m) => m.type === 'PER').map((m) => m.name)).toEqual(['Vladimir Putin', 'Donald Trump']);
  });
  it('keeps an unknown person found by context with the surface name', () => {
    const ms = findMentions('وقال الدكتور سمير الخطيبي للصحفيين إن الاجتماع انتهى', 'ar');
    const per = ms.find((m) => m.type === 'PER');
    expect(per?.name).toContain('الخطيبي');
    expect(per?.id).toBeUndefined();
  });
});
