// Source routes: list with their crawl status, add, pause / resume / retune, remove. Changes go to
// the source store in Redis; the scheduler process hears of them and updates the job schedulers
// (the API never touches schedules itself, so there is a single writer).
import { ValidationError, type ServiceContext } from '@news/shared';
import { Schedules } from '@news/scheduler/schedules';
import { describeSources } from '@news/scheduler/source-view';
import { applyPatch, buildSource, newSourceSchema, sourcePatchSchema, SourceStore } from '@news/scheduler/sources';
import type { FastifyInstance } from 'fastify';

type IdParams = { Params: { id: string } };

export function registerSourceRoutes(app: FastifyInstance, context: ServiceContext, store: SourceStore): void {
  const schedules = new Schedules(context.queues.fetch);
  const view = async (id: string) => (await describeSources(context.redis, store, schedules, id))[0];
  const checkId = (id: string) => {
    if (!/^[0-9a-f]{12}$/.test(id)) throw new ValidationError(`invalid source id: ${id.slice(0, 64)}`);
  };

  app.get('/api/sources', async () => ({ sources: await describeSources(context.redis, store, schedules) }));

  app.get<IdParams>('/api/sources/:id', async (request, reply) => {
    checkId(request.params.id);
    const source = await view(request.params.id);
    return source ? source : reply.code(404).send({ error: `no source ${request.params.id}` });
  });

  app.post('/api/sources', async (request, reply) => {
    const source = buildSource(newSourceSchema.parse(request.body ?? {}), context.config.sourceIntervals, 'api');
    if (!(await store.add(source))) {
      return reply.code(409).send({ error: `source already exists: ${source.id}`, id: source.id });
    }
    return reply.code(201).send(await view(source.id));
  });

  app.patch<IdParams>('/api/sources/:id', async (request, reply) => {
    checkId(request.params.id);
    const patch = sourcePatchSchema.parse(request.body ?? {});
    if (Object.keys(patch).length === 0) throw new ValidationError('nothing to change: give enabled, min, max, kind, language or ignoreValidators');
    const source = await store.get(request.params.id);
    if (!source) return reply.code(404).send({ error: `no source ${request.params.id}` });
    await store.put(applyPatch(source, patch));
    return view(source.id);
  });

  app.delete<IdParams>('/api/sources/:id', async (request, reply) => {
    checkId(request.params.id);
    if (!(await store.remove(request.params.id))) return reply.code(404).send({ error: `no source ${request.params.id}` });
    return reply.code(204).send();
  });
}
