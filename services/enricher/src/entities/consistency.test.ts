import { describe, expect, it } from 'vitest';
import { harmoniseTypes } from './consistency.js';
import type { TokenMention } from './mentions.js';
import type { EntityType } from './types.js';

const mention = (text: string, type: EntityType): TokenMention => ({
  mention: { start: 0, end: text.length, type, text, name: text },
  norms: text.toLowerCase().split(' '),
  entity: -1,
});

describe('harmoniseTypes', () => {
  it('gives a name the type most of its mentions have', () => {
    const ms = [mention('Newcastle', 'LOC'), mention('Newcastle', 'ORG'), mention('Newcastle', 'ORG')];
    harmoniseTypes(ms);
    expect(ms.map((m) => m.mention.type)).toEqual(['ORG', 'ORG', 'ORG']);
  });

  it('keeps the first type on a tie', () => {
    const ms = [mention('Hogg', 'LOC'), mention('Hogg', 'ORG')];
    harmoniseTypes(ms);
    expect(ms.map((m) => m.mention.type)).toEqual(['LOC', 'LOC']);
  });

  it('makes a lone word of a person named in full that person', () => {
    const ms = [mention('Douglas Hogg', 'PER'), mention('Hogg', 'LOC')];
    harmoniseTypes(ms);
    expect(ms[1]!.mention.type).toBe('PER');
  });
});
