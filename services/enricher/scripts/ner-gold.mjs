// Gold BIO tags over the benchmark's tokens -> labels over the tagger's own tokens. An entity covers
// the tagger tokens inside its core (its first and last token without edge punctuation), which is
// exactly what the scorer compares.
const isCore = (ch) => /[\p{L}\p{N}\p{M}]/u.test(ch);

export function goldToTokenLabels(gold, tokens) {
  const starts = [];
  let pos = 0;
  for (const t of gold.tokens) { starts.push(pos); pos += t.length + 1; }
  const labels = tokens.map(() => 'O');
  for (const span of goldSpans(gold.tags)) {
    let a = starts[span.start];
    let b = starts[span.end - 1] + gold.tokens[span.end - 1].length;
    const text = gold.tokens.join(' ');
    while (a < b && !isCore(text[a])) a++;
    while (b > a && !isCore(text[b - 1])) b--;
    let first = true;
    tokens.forEach((t, i) => {
      if (t.start >= a && t.end <= b) { labels[i] = (first ? 'B-' : 'I-') + span.type; first = false; }
    });
  }
  return labels;
}

function goldSpans(tags) {
  const spans = [];
  let open = null;
  tags.forEach((tag, i) => {
    const type = tag.slice(2);
    if (tag === 'O' || tag.startsWith('B-') || !open || open.type !== type) {
      if (open) spans.push(open);
      open = tag === 'O' ? null : { start: i, end: i + 1, type };
    } else open.end = i + 1;
  });
  if (open) spans.push(open);
  return spans;
}
