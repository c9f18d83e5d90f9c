// DEMO_SITE=true: serves the bundled demo site (the seed story of an Arabic news site, its
// windows-1256 legacy copy, its RSS feed, a 404 and a slow page) on loopback, and ingests its
// feed through the running API, so a first run shows a real story travelling the pipeline.
import type { Config, Logger } from '@news/shared';
import { fileURLToPath } from 'node:url';
import { serveFixtureSite } from './fixture-site.js';

export interface DemoSite {
  origin: string;
  stop(): Promise<void>;
}

export const DEMO_SITE_DIR = fileURLToPath(new URL('../../../infra/demo-site', import.meta.url));

export async function startDemoSite(config: Config, logger: Logger): Promise<DemoSite> {
  const site = await serveFixtureSite(DEMO_SITE_DIR);
  const api = `http://${config.apiHost}:${config.apiPort}`;
  for (const path of ['/rss/international.xml', '/legacy/156712']) {
    const response = await fetch(`${api}/api/ingest`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ url: `${site.origin}${path}` }),
    });
    logger.info({ url: `${site.origin}${path}`, status: response.status }, 'demo: ingested');
  }
  return { origin: site.origin, stop: () => site.close() };
}
