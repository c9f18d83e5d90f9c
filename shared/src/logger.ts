// pino JSON logs. Services derive child loggers carrying queue, job id and URL, so one grep on a
// URL follows a story through every stage.
import { pino, type Logger } from 'pino';

export type { Logger };

export function createLogger(level = 'info', service?: string): Logger {
  return pino({ level, base: service ? { service } : {}, timestamp: pino.stdTimeFunctions.isoTime });
}
