// newsctl: the project's command line. Each command lives in commands/<name>.ts and is loaded
// only when used, so the pure commands (extract, entities, feed) start fast and need no Redis.
const COMMANDS = {
  extract: 'extract the article from pages: --jsonl, stdin {"id","path","url"}',
  entities: 'find entities in texts: --jsonl, stdin {"id","text","lang"?}',
  feed: 'parse feeds: --jsonl, stdin {"id","path","url","headers"?}',
  ingest: 'ingest URL [--wait]: queue a feed or a page on a running stack',
  search: 'search QUERY: search the archive of a running stack',
  queues: 'show job counts per queue of a running stack (--failed QUEUE: its failed jobs)',
  reprocess: 'reprocess ID...: parse and enrich stored articles again from their kept raw pages',
  sources: 'sources list | add URL [--kind K] | pause ID | resume ID | remove ID',
} as const;

type CommandName = keyof typeof COMMANDS;
export type Command = (args: string[]) => Promise<number>;

function usage(): string {
  const width = Math.max(...Object.keys(COMMANDS).map((name) => name.length));
  return ['usage: newsctl <command> [options]', '', ...Object.entries(COMMANDS).map(([name, text]) => `  ${name.padEnd(width)}  ${text}`)].join('\n');
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  if (!name || name === '--help' || name === '-h' || !(name in COMMANDS)) {
    console.error(name && !(name in COMMANDS) ? `newsctl: unknown command "${name}"\n\n${usage()}` : usage());
    return name ? 2 : 0;
  }
  const module = (await import(`./commands/${name as CommandName}.js`)) as { run: Command };
  return module.run(args);
}
