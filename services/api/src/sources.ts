// Placeholder until the crawling work lands: the source routes are registered here.
import type { ServiceContext } from '@news/shared';
import type { FastifyInstance } from 'fastify';

export function registerSourceRoutes(_app: FastifyInstance, _context: ServiceContext): void {}
