// The enricher's data files (services/enricher/data/): built by scripts, committed, and read once
// per process by the module that uses them.
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';

export function dataFileUrl(name: string): URL {
  return new URL(`../../data/${name}`, import.meta.url);
}

/** A gzipped JSON data file, parsed. */
export function readJsonDataFile<T>(name: string): T {
  return JSON.parse(gunzipSync(readFileSync(dataFileUrl(name))).toString('utf8')) as T;
}
