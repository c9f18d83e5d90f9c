#!/usr/bin/env node
// Pipeline benchmark: serves generated article pages (2,000 by default, about 600 words each) from
// a loopback site through the whole running stack (embedded Redis and Meilisearch, one process
// per service), then measures, in the same run, Meilisearch's own bulk-indexing rate on the same
// final documents with the same settings. That rate is the ceiling on this machine.
//
//   npm run bench [-- --pages 2000 --warmup 2000 --feeds 20 --hosts 50 --processes each --redis-costs --meili-batches]
//
// Like any benchmark of a JIT-compiled runtime, it first runs a warm-up: WARMUP other pages, in
// FEEDS feeds like the measured ones, go through the pipeline and are indexed before the clock
// starts, so the measured run sees the services as a long-running crawl does (compiled code, grown
// heaps), not V8 compiling the extractor, the tagger and the feed reader. (After a warm-up of 500
// pages, V8's optimising compiler still spent 1.8-2.3 s of CPU during the measured 9-10 s, about a
// tenth of the machine; after 2,000 pages in feeds like the measured ones, 0.65 s. `--trace-opt`
// shows it.) `--warmup 0` measures a cold start.
//
// Meilisearch's bulk rate is the median of three passes over the same documents, each into a
// fresh index: one pass moved by ±10 % from the next on this machine.
//
// The site answers on many loopback addresses (127.0.0.1 … 127.0.0.HOSTS), as a crawl meets many
// hosts: the fetcher still sends one request at a time per host, but the minimum delay between two
// requests to a host is off (FETCH_HOST_DELAY_MS=0), so the bench measures the pipeline rather than
// the politeness delay a real crawl observes.
import { spawn } from 'node:child_process';
import { mkdtempSync, openSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { Meilisearch } from 'meilisearch';
import { INDEX_SETTINGS, QUEUE_PREFIX } from '@news/shared';
import { freePort } from '@news/launcher';
import { LATENCY_KEY } from '@news/indexer';

const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const PAGES = arg('pages', 2000);
const WARMUP = arg('warmup', 2000);
const FEEDS = arg('feeds', 20);
const HOSTS = arg('hosts', 50);
// --processes: the stack's SERVICE_PROCESSES. By default one Node process per core, as an operator
// would lay the stack out: on 2 cores fetching+parsing and enriching+indexing (with the light API and
// scheduler), which spent 15-20 % less CPU per article here than six processes; from 4 cores, one
// process per service.
const PROCESSES = process.argv.includes('--processes')
  ? process.argv[process.argv.indexOf('--processes') + 1]
  : availableParallelism() <= 2 ? 'fetcher+parser,enricher+indexer+api+scheduler' : 'each';
// --redis-costs: Redis's own time per article by command and by Lua script (from its slow log with
// a threshold of 0, which itself costs a little: leave it off when measuring throughput).
const REDIS_COSTS = process.argv.includes('--redis-costs');
// --meili-batches: each indexing task of the run, with when it arrived and how long it took.
const MEILI_BATCHES = process.argv.includes('--meili-batches');
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// ---- a deterministic generated news site -------------------------------------------------
// mulberry32: a 32-bit generator with a full period (a float LCG repeats after a few dozen pages,
// and the pipeline rightly folds repeated texts into one story).
let seed = 42;
const random = () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
const pick = (list) => list[Math.floor(random() * list.length)];
const PEOPLE = ['Vladimir Putin', 'Donald Trump', 'Angela Merkel', 'Emmanuel Macron', 'Recep Tayyip Erdogan', 'Xi Jinping', 'Narendra Modi', 'Antonio Guterres', 'Joe Biden', 'Olaf Scholz'];
const PLACES = ['Berlin', 'Paris', 'Moscow', 'Washington', 'Beijing', 'Syria', 'Turkey', 'Iran', 'Geneva', 'London', 'Cairo', 'Tokyo'];
const ORGS = ['United Nations', 'European Union', 'NATO', 'World Bank', 'Reuters', 'the Kremlin', 'the White House'];
const WORDS = ('the a of to and in on for with said that was officials government talks economic security minister president ' +
  'agreement week statement meeting country plans report announced new international support crisis policy leaders told ' +
  'according further would could after before during while also more than people public market growth energy trade').split(' ');

function sentence() {
  const parts = [];
  const length = 14 + Math.floor(random() * 12);
  for (let i = 0; i < length; i++) {
    const r = random();
    parts.push(r < 0.05 ? pick(PEOPLE) : r < 0.09 ? pick(PLACES) : r < 0.11 ? pick(ORGS) : pick(WORDS));
  }
  const text = parts.join(' ');
  return text[0].toUpperCase() + text.slice(1) + '.';
}

function articlePage(origin, i) {
  const paragraphs = [];
  let words = 0;
  while (words < 600) {
    const p = [sentence(), sentence(), sentence()].join(' ');
    words += p.split(' ').length;
    paragraphs.push(`<p>${p}</p>`);
  }
  const title = `${pick(PEOPLE)} and ${pick(PEOPLE)} meet in ${pick(PLACES)} over ${pick(['trade', 'security', 'energy', 'climate'])} (${i})`;
  const date = new Date(Date.UTC(2024, 0, 1) + i * 3_600_000).toISOString();
  return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>${title} | Bench News</title>
<link rel="canonical" href="${origin}/story/${i}"><meta property="og:site_name" content="Bench News">
<meta property="article:published_time" content="${date}"></head><body>
<header><nav><a href="/">Home</a> <a href="/world">World</a> <a href="/business">Business</a> <a href="/sport">Sport</a></nav></header>
<main><article><h1>${title}</h1><p class="byline">By Staff Reporter</p>${paragraphs.join('\n')}</article>
<aside><h3>Most read</h3><ul><li><a href="/story/1">Other story one</a></li><li><a href="/story/2">Other story two</a></li></ul></aside></main>
<footer>© Bench News. All rights reserved.</footer></body></html>`;
}

const pages = new Map(); // URL -> HTML, made before the run

// Feed f lists every FEEDS-th story; story i lives on host i mod HOSTS. Warm-up feed f lists every
// FEEDS-th of the warm-up stories, PAGES … PAGES + WARMUP - 1.
let sitePort = 0;
function feed(f, warmup) {
  const items = [];
  const [first, end, step] = warmup ? [PAGES + f, PAGES + WARMUP, FEEDS] : [f, PAGES, FEEDS];
  for (let i = first; i < end; i += step) {
    const link = `http://${hostOf(i)}:${sitePort}/story/${i}`;
    items.push(`<item><title>Story ${i}</title><link>${link}</link><guid>${link}</guid></item>`);
  }
  return `<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Bench feed ${f}</title><link>http://${hostOf(0)}:${sitePort}/</link>${items.join('')}</channel></rss>`;
}

const hostOf = (i) => `127.0.0.${1 + (i % HOSTS)}`;

async function serveSite() {
  let port = 0;
  const servers = [];
  for (let h = 0; h < HOSTS; h++) {
    const server = createServer((request, response) => {
      const origin = `http://${request.headers.host}`;
      const story = /^\/story\/(\d+)$/.exec(request.url);
      const feedMatch = /^\/feed\/(warmup-)?(\d+)\.xml$/.exec(request.url);
      if (story) response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(pages.get(`${origin}/story/${story[1]}`) ?? articlePage(origin, Number(story[1])));
      else if (feedMatch) response.writeHead(200, { 'content-type': 'application/rss+xml' }).end(feed(Number(feedMatch[2]), Boolean(feedMatch[1])));
      else response.writeHead(404).end();
    });
    await new Promise((r) => server.listen(port, hostOf(h), r));
    port = server.address().port;
    servers.push(server);
  }
  return { port, origin: `http://${hostOf(0)}:${port}`, close: () => servers.forEach((s) => s.close()) };
}

// CPU seconds used so far by each process of the stack (services by SERVICES=, plus the servers).
function cpuByProcess(dataDir, redisPort) {
  const ticks = 100; // USER_HZ on Linux
  const usage = {};
  for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    try {
      const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
      const env = readFileSync(`/proc/${pid}/environ`, 'utf8');
      let name = null;
      // redis-server rewrites its command line to "redis-server 127.0.0.1:PORT".
      if (cmd[0].includes('redis-server') && cmd[0].endsWith(`:${redisPort}`)) name = 'redis';
      else if (cmd.some((part) => part.includes(dataDir))) name = 'meilisearch';
      else if (env.includes(`NEWS_DATA_DIR=${dataDir}`) && cmd.some((part) => part.endsWith('launcher/dist/main.js'))) {
        // A service process carries its SERVICES (one service or a group); the launcher has none.
        name = /(?:^|\0)SERVICES=([^\0]*)/.exec(env)?.[1] ?? 'launcher';
        name = name === 'all' || name === '' ? 'launcher' : name.replaceAll(',', '+');
      }
      if (!name) continue;
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
      usage[name] = (usage[name] ?? 0) + (Number(stat[11]) + Number(stat[12])) / ticks;
    } catch {}
  }
  return usage;
}

async function startRedisCostLog(redis) {
  await redis.config('SET', 'slowlog-log-slower-than', '0');
  await redis.config('SET', 'slowlog-max-len', '1000000');
  await redis.slowlog('RESET');
}

async function redisCostReport(redis) {
  const costs = new Map();
  for (const [, , micros, args] of await redis.slowlog('GET', '-1')) {
    // A script is named by its sha and first keys (e.g. news:fetch:wait): enough to tell BullMQ's apart.
    const name = /^evalsha$/i.test(args[0]) ? `${args[0]} ${args[1].slice(0, 8)} ${args.slice(3, 5).join(' ')}` : args[0].toUpperCase();
    const cost = costs.get(name) ?? { calls: 0, micros: 0 };
    cost.calls++;
    cost.micros += micros;
    costs.set(name, cost);
  }
  await redis.config('SET', 'slowlog-log-slower-than', '10000');
  return [...costs].sort((a, b) => b[1].micros - a[1].micros).slice(0, 15)
    .map(([name, { calls, micros }]) => `redis ${(micros / PAGES / 1000).toFixed(3)} ms/article  ${(calls / PAGES).toFixed(1)} calls/article  ${(micros / calls).toFixed(0)} µs/call  ${name}`)
    .join('\n');
}

/** Busy and total CPU ticks of the whole machine so far (/proc/stat). */
function machineCpu() {
  const [, ...ticks] = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).map(Number);
  const idle = ticks[3] + ticks[4]; // idle + iowait
  const total = ticks.reduce((sum, t) => sum + t, 0);
  return { busy: total - idle, total };
}

// ---- run ------------------------------------------------------------------------------------
async function main() {
  const site = await serveSite();
  sitePort = site.port;
  // The site's pages are made before the clock starts: a news site serves stored pages, and the
  // CPU of generating them is not the pipeline's (it shares this machine's two cores).
  for (let i = 0; i < PAGES + WARMUP; i++) pages.set(`http://${hostOf(i)}:${site.port}/story/${i}`, articlePage(`http://${hostOf(i)}:${site.port}`, i));
  const dataDir = mkdtempSync(join(tmpdir(), 'news-bench-'));
  const apiPort = await freePort();
  const api = `http://127.0.0.1:${apiPort}`;
  // BENCH_NODE_ARGS passes Node flags to every service process, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof".
  const nodeArgs = (process.env.BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const stack = spawn(process.execPath, [...nodeArgs, 'services/launcher/dist/main.js'], {
    // The stack's JSON logs (warnings and errors) go to BENCH_LOG when set.
    stdio: ['ignore', process.env.BENCH_LOG ? openSync(process.env.BENCH_LOG, 'w') : 'ignore', 'pipe'],
    detached: true,
    env: {
      ...process.env, NEWS_DATA_DIR: dataDir, API_PORT: String(apiPort), SERVICE_PROCESSES: PROCESSES, LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
      FETCH_ALLOW_PRIVATE_NETWORKS: 'true', FETCH_HOST_DELAY_MS: '0', REDIS_URL: '', MEILI_URL: '', DEMO_SITE: 'false',
    },
  });
  let log = '';
  stack.stderr.on('data', (d) => (log = (log + d).slice(-8000)));
  const stopStack = async () => {
    try { process.kill(-stack.pid, 'SIGTERM'); } catch {}
    for (let i = 0; i < 100 && stack.exitCode === null; i++) await sleep(200);
    try { process.kill(-stack.pid, 'SIGKILL'); } catch {}
  };
  try {
    let redisUrl = null;
    let meiliUrl = null;
    for (let i = 0; i < 120 && !(redisUrl && meiliUrl); i++) {
      await sleep(500);
      // The embedded Redis serves the stack on a Unix socket and tools on its loopback port.
      redisUrl = /redis-cli: (redis:\/\/[^\s)]+)/.exec(log)?.[1] ?? /Redis\s+(redis:\/\/\S+)/.exec(log)?.[1] ?? null;
      meiliUrl = /Meilisearch\s+(http:\/\/\S+)/.exec(log)?.[1] ?? null;
      if (stack.exitCode !== null) throw new Error(`stack exited: ${log}`);
    }
    if (!redisUrl || !meiliUrl) throw new Error(`stack did not start: ${log}`);
    let healthy = false;
    for (let i = 0; i < 120 && !healthy; i++) {
      if (stack.exitCode !== null) throw new Error(`stack exited: ${log}`);
      healthy = await fetch(`${api}/healthz`).then((r) => r.ok, () => false);
      if (!healthy) await sleep(500);
    }
    if (!healthy) throw new Error(`stack not healthy after 60 s: ${log}`);
    const meili = new Meilisearch({ host: meiliUrl });
    const index = meili.index('articles');
    const redis = new Redis(redisUrl, { maxRetriesPerRequest: null });
    console.log(`bench: ${PAGES} pages in ${FEEDS} feeds on ${HOSTS} loopback hosts, after a warm-up of ${WARMUP}; stack at ${api}, SERVICE_PROCESSES=${PROCESSES}`);
    const ingest = async (path, host = hostOf(0)) => {
      const r = await fetch(`${api}/api/ingest`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ url: `http://${host}:${site.port}${path}` }) });
      if (r.status !== 202) throw new Error(`ingest answered ${r.status}`);
    };
    const searchable = async () => (await index.getStats().catch(() => ({ numberOfDocuments: 0 }))).numberOfDocuments;
    // Index jobs finish, and record their latency, a little after their documents are searchable.
    const indexQueue = new Queue('index', { connection: redis, prefix: QUEUE_PREFIX });
    const indexBusy = async () => Object.values(await indexQueue.getJobCounts('active', 'waiting')).some((n) => n > 0);
    if (WARMUP) {
      for (let f = 0; f < FEEDS; f++) await ingest(`/feed/warmup-${f}.xml`, hostOf(f));
      const w0 = Date.now();
      // Searchable, and every index job finished.
      while ((await searchable()) < WARMUP || (await indexBusy())) {
        if (Date.now() - w0 > 300_000) throw new Error(`warm-up stalled at ${await searchable()}/${WARMUP} documents`);
        await sleep(250);
      }
      await redis.del(LATENCY_KEY);
    }

    if (REDIS_COSTS) await startRedisCostLog(redis);
    const stackCpu = () => cpuByProcess(dataDir, new URL(redisUrl).port);
    const cpuBefore = stackCpu();
    const siteCpuBefore = process.cpuUsage();
    const machineBefore = machineCpu();
    const t0 = Date.now();
    for (let f = 0; f < FEEDS; f++) await ingest(`/feed/${f}.xml`, hostOf(f));
    let count = 0;
    let lastProgress = Date.now();
    let lastCount = 0;
    // Per second: how busy the machine was, and how many documents were searchable at its end.
    const timeline = [];
    let second = { at: Date.now(), cpu: machineCpu() };
    while (count < PAGES) {
      // The run ends when the last document is searchable; polling every 250 ms added 125 ms on
      // average to a run of about 10 s. A poll costs Meilisearch about 0.1 ms of CPU.
      await sleep(50);
      count = (await searchable()) - WARMUP;
      if (Date.now() - second.at >= 1000) {
        const now = { at: Date.now(), cpu: machineCpu() };
        timeline.push(`${Math.round((100 * (now.cpu.busy - second.cpu.busy)) / (now.cpu.total - second.cpu.total))}%/${count}`);
        second = now;
      }
      if (count !== lastCount) { lastCount = count; lastProgress = Date.now(); }
      if (Date.now() - lastProgress > 60_000) throw new Error(`stalled at ${count}/${PAGES} documents`);
    }
    const seconds = (Date.now() - t0) / 1000;
    const e2e = PAGES / seconds;
    const cpu = stackCpu();
    const siteCpu = process.cpuUsage(siteCpuBefore);
    const machine = machineCpu();
    // Every index job finished, so that the stage rates and latencies below count them all.
    for (let i = 0; i < 600 && (await indexBusy()); i++) await sleep(50);
    await indexQueue.close();

    // Per stage: jobs completed over the span from the first start to the last finish.
    const stageRates = [];
    for (const name of ['fetch', 'parse', 'enrich', 'index']) {
      const queue = new Queue(name, { connection: redis, prefix: QUEUE_PREFIX });
      const jobs = (await queue.getJobs(['completed'], 0, -1)).filter((job) => (job.processedOn ?? 0) >= t0);
      const started = Math.min(...jobs.map((j) => j.processedOn ?? Infinity));
      const finished = Math.max(...jobs.map((j) => j.finishedOn ?? 0));
      const busyMs = jobs.reduce((sum, j) => sum + ((j.finishedOn ?? 0) - (j.processedOn ?? 0)), 0);
      stageRates.push(`${name} ${jobs.length} jobs, ${(jobs.length / ((finished - started) / 1000)).toFixed(1)}/s, mean ${(busyMs / jobs.length).toFixed(1)} ms/job`);
      await queue.close();
    }
    if (MEILI_BATCHES) {
      // When each write reached Meilisearch and how long it took: shows whether the index kept pace.
      const tasks = await (await fetch(`${meiliUrl}/tasks?limit=100&types=documentAdditionOrUpdate&indexUids=articles`)).json();
      for (const task of tasks.results.reverse()) {
        console.log(`meilisearch task ${task.uid}: ${task.details?.receivedDocuments} documents, enqueued at ${((Date.parse(task.enqueuedAt) - t0) / 1000).toFixed(1)} s, started at ${((Date.parse(task.startedAt) - t0) / 1000).toFixed(1)} s, took ${task.duration}`);
      }
    }
    const latencies = (await redis.lrange(LATENCY_KEY, 0, -1)).map(Number).sort((a, b) => a - b);
    const pct = (p) => latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))];
    const redisCosts = REDIS_COSTS ? await redisCostReport(redis) : null;
    const memory = /used_memory_human:(\S+)/.exec(await redis.info('memory'))?.[1];

    // Meilisearch alone, same documents, same settings, batches of 1,000.
    const documents = [];
    for (let offset = 0; offset < PAGES + WARMUP; offset += 1000) {
      documents.push(...(await index.getDocuments({ offset, limit: 1000 })).results.filter((d) => Number(/\/story\/(\d+)$/.exec(d.url)?.[1]) < PAGES));
    }
    // One batch of 1,000 after the other, as the target defines the rate. (Queuing both at once let
    // Meilisearch's auto-batching merge them into one batch of 2,000 in some runs and not in others:
    // the rate swung between 290 and 440 documents/s.)
    const bulkPass = async (uid) => {
      const bulk = meili.index(uid);
      await meili.createIndex(uid, { primaryKey: 'id' }).waitTask();
      await bulk.updateSettings(INDEX_SETTINGS).waitTask({ timeout: 600_000 });
      const cpuBefore = stackCpu().meilisearch ?? 0;
      const b0 = Date.now();
      for (let i = 0; i < documents.length; i += 1000) {
        await bulk.addDocuments(documents.slice(i, i + 1000)).waitTask({ timeout: 600_000, interval: 50 });
      }
      const rate = documents.length / ((Date.now() - b0) / 1000);
      const cpuMs = ((stackCpu().meilisearch ?? 0) - cpuBefore) * 1000;
      await meili.deleteIndex(uid).waitTask();
      return { rate, cpuMs };
    };
    const passes = [];
    for (let k = 1; k <= 3; k++) passes.push(await bulkPass(`bench-bulk-${k}`));
    const median = [...passes].sort((a, b) => a.rate - b.rate)[1];
    const bulkRate = median.rate;
    const meiliBulkCpuMs = median.cpuMs;
    const words = documents.reduce((sum, d) => sum + d.text.split(/\s+/).length, 0) / documents.length;

    console.log(`documents: ${documents.length}, mean ${words.toFixed(0)} words, ${(documents.reduce((s, d) => s + d.entities.length, 0) / documents.length).toFixed(1)} entities each`);
    console.log(`end to end: ${PAGES} articles in ${seconds.toFixed(1)} s`);
    for (const line of stageRates) console.log(`stage ${line}`);
    console.log(`ingest to searchable: p50 ${(pct(50) / 1000).toFixed(2)} s, p95 ${(pct(95) / 1000).toFixed(2)} s (${latencies.length} samples)`);
    console.log(`redis memory after the run: ${memory}`);
    if (redisCosts) console.log(redisCosts);
    // Start-up excluded: CPU spent between the first ingest and the last document searchable.
    const spent = Object.entries(cpu).map(([name, seconds]) => [name, seconds - (cpuBefore[name] ?? 0)]).sort((a, b) => b[1] - a[1]);
    console.log(`cpu ms per article during the run: ${spent.map(([name, seconds]) => `${name} ${((seconds * 1000) / PAGES).toFixed(1)}`).join(', ')}; the bench itself (site and polling) ${((siteCpu.user + siteCpu.system) / 1000 / PAGES).toFixed(1)}`);
    console.log(`each second, machine busy % / documents searchable: ${timeline.join(' ')}`);
    console.log(`machine busy during the run: ${((100 * (machine.busy - machineBefore.busy)) / (machine.total - machineBefore.total)).toFixed(0)} % of ${availableParallelism()} cores`);
    console.log(`meilisearch bulk passes (docs/s): ${passes.map((pass) => pass.rate.toFixed(1)).join(', ')}; the median's cpu ms per document: ${(meiliBulkCpuMs / documents.length).toFixed(1)}`);
    console.log(`e2e articles/s ${e2e.toFixed(1)}  meili-bulk docs/s ${bulkRate.toFixed(1)}  ratio ${(e2e / bulkRate).toFixed(2)}`);
    await redis.quit();
  } finally {
    await stopStack();
    site.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(`bench failed: ${error.stack ?? error}`);
  process.exit(1);
});
