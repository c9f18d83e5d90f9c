// The API service: the HTTP server over the shared queues and index.
import type { ServiceDefinition } from '@news/shared';
import { buildApp, DASHBOARD_PATH } from './app.js';

export const api: ServiceDefinition = {
  name: 'api',
  consumes: [],
  async start(context) {
    const { config, logger } = context;
    const app = await buildApp(context);
    const address = await app.listen({ host: config.apiHost, port: config.apiPort });
    logger.info({ api: address, dashboard: `${address}${DASHBOARD_PATH}` }, 'api listening');
    return { stop: () => app.close() };
  },
};
