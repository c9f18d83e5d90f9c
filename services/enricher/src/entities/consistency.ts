// One type per name within a text. A news story names the same thing many times, and the tagger
// types each mention from its own sentence, so "Newcastle" can come out a place in one sentence and
// a club in the next. Within a text the same written name gets the type most of its mentions got
// (the first mention's type on a tie), and a lone surname or given name that is part of a person's
// fuller name used in the same text ("Hogg" after "Douglas Hogg") is that person.
import type { TokenMention } from './mentions.js';
import type { EntityType } from './types.js';

export function harmoniseTypes(mentions: TokenMention[]): void {
  if (mentions.length < 2) return;
  const people = new Set<string>();
  for (const m of mentions) {
    if (m.mention.type === 'PER' && m.norms.length >= 2 && !m.nisba) for (const w of m.norms) people.add(w);
  }
  const votes = new Map<string, Map<EntityType, number>>();
  for (const m of mentions) {
    if (m.nisba) continue;
    const key = m.norms.join(' ');
    let byType = votes.get(key);
    if (!byType) votes.set(key, (byType = new Map()));
    byType.set(m.mention.type, (byType.get(m.mention.type) ?? 0) + 1);
  }
  for (const m of mentions) {
    if (m.nisba) continue;
    if (m.norms.length === 1 && people.has(m.norms[0]!)) {
      m.mention.type = 'PER';
      continue;
    }
    const byType = votes.get(m.norms.join(' '))!;
    if (byType.size < 2) continue;
    let best = m.mention.type;
    let bestVotes = 0;
    // Map iteration follows first appearance, so on a tie the earliest type wins.
    for (const [type, n] of byType) if (n > bestVotes) [best, bestVotes] = [type, n];
    m.mention.type = best;
  }
}
