// CPU priority of service processes sharing one machine. The fetcher and parser only make work
// for the stages after them; when the machine is short of CPU they yield to the enricher and
// indexer, so articles already fetched become searchable before more are fetched. Work in
// progress (Redis memory, ingest-to-searchable time) stays small, and nothing is throttled: a
// lower priority only matters while another process wants the CPU, and downstream stages run dry
// as soon as the upstream ones stop feeding them.
import type { ServiceName } from '@news/shared';

/** Niceness (as for nice(1)) of a process running only upstream stages. */
export const UPSTREAM_NICENESS = 10;

const UPSTREAM: ReadonlySet<ServiceName> = new Set(['fetcher', 'parser']);

/** A group yields only when every service in it is upstream (the API and scheduler never do). */
export function processNiceness(group: readonly ServiceName[]): number {
  return group.length > 0 && group.every((service) => UPSTREAM.has(service)) ? UPSTREAM_NICENESS : 0;
}
