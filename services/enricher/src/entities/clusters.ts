// English word clusters (data/en-clusters.bin.gz, built by scripts/build-clusters.mjs from GloVe
// vectors): k-means clusters of frequent lower-cased words at nested granularities, coarse to fine.
// Words that are used alike in a large corpus share a cluster ("paris", "berlin", "madrid"), so the
// tagger generalises from its small training set to names and context words it never saw there
// (word-cluster features, Turian et al. 2010). Loaded once per process, on first use.
import { readJsonDataFile } from './data-files.js';
import { stripLatinAccents } from './names.js';

/** The file's shape (see scripts/build-clusters.mjs). */
export interface ClustersFile {
  version: 1;
  source: string;
  words: number;
  levels: number[]; // cluster counts, coarse to fine
  parents: number[][]; // per coarser level: the cluster of each finest cluster at that level
  clusters: string[]; // per finest cluster: its words joined by single spaces
}

export interface WordClusters {
  levels: number[];
  /** lower-cased word -> finest cluster */
  byWord: Map<string, number>;
  /** per level, coarse to fine: finest cluster -> cluster at that level (the last is the identity) */
  atLevel: Uint16Array[];
}

let cached: WordClusters | undefined;

export function wordClusters(): WordClusters {
  cached ??= buildClusters(readJsonDataFile<ClustersFile>('en-clusters.bin.gz'));
  return cached;
}

export function buildClusters(file: ClustersFile): WordClusters {
  const byWord = new Map<string, number>();
  file.clusters.forEach((words, c) => {
    for (const word of words.split(' ')) if (word) byWord.set(word, c);
  });
  const finest = Uint16Array.from(file.clusters, (_, c) => c);
  return { levels: file.levels, byWord, atLevel: [...file.parents.map((p) => Uint16Array.from(p)), finest] };
}

/**
 * A word's cluster at every level, coarse to fine, looked up by its lower-cased form (then without
 * accents), or undefined if the word is not among the clustered words.
 */
export function clustersOf(word: string, c: WordClusters = wordClusters()): number[] | undefined {
  const lower = word.toLowerCase();
  let fine = c.byWord.get(lower);
  if (fine === undefined) {
    const plain = stripLatinAccents(lower);
    if (plain !== lower) fine = c.byWord.get(plain);
  }
  return fine === undefined ? undefined : c.atLevel.map((ids) => ids[fine]!);
}
