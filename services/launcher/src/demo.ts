// DEMO_SITE=true: serves the bundled demo site (the seed story of an Arabic news site, its
// windows-1256 legacy copy, its RSS feed, a 404 and a slow page) on loopback, and ingests its
// feed through the running API, so a first run shows a real story travelling the pipeline. The API
// may run in a process of its own (SERVICE_PROCESSES) and still be starting: the demo waits for it.
import type { Config, Logger } from '@news/shared';
import { fileURLToPath } from 'node:url';
import { ping } from './embedded.js';
import { serveFixtureSite } from './fixture-site.js';

export interface DemoSite {
  origin: string;
  stop(): Promise<void>;
}

export const DEMO_SITE_DIR = fileURLToPath(new URL('../../../infra/demo-site', import.meta.url));

/** How long the demo waits for the API (in its own process, it may still be starting). */
const API_WAIT_MS = 60_000;

export async function startDemoSite(config: Config, logger: Logger): Promise<DemoSite> {
  const site = await serveFixtureSite(DEMO_SITE_DIR);
  const demo = { origin: site.origin, stop: () => site.close() };
  const api = `http://${config.apiHost}:${config.apiPort}`;
  const deadline = Date.now() + API_WAIT_MS;
  while (!(await ping(`${api}/healthz`))) {
    if (Date.now() > deadline) {
      logger.error({ api, waitedMs: API_WAIT_MS }, 'demo: the API did not answer; nothing ingested');
      return demo;
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  for (const path of ['/rss/international.xml', '/legacy/156712']) {
    const response = await fetch(`${api}/api/ingest`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ url: `${site.origin}${path}` }),
    });
    logger.info({ url: `${site.origin}${path}`, status: response.status }, 'demo: ingested');
  }
  return demo;
}
