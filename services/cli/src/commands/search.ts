// newsctl search QUERY [--entity NAME] [--lang L] [--json]: search the archive of a running stack.
import { callApi, reportErrors } from '../api-client.js';

interface Hit {
  id: string;
  title: string;
  url: string;
  publishedAt: string | null;
  lang: string | null;
  entities: { name: string; type: string }[];
}

export async function run(args: string[]): Promise<number> {
  return reportErrors(async () => {
    const params = new URLSearchParams();
    const words: string[] = [];
    for (let i = 0; i < args.length; i++) {
      const arg = args[i]!;
      if (['--entity', '--lang', '--source', '--from', '--to', '--page'].includes(arg)) params.append(arg.slice(2), args[++i] ?? '');
      else if (arg !== '--json') words.push(arg);
    }
    params.set('q', words.join(' '));
    const result = await callApi<{ total: number; hits: Hit[] }>(`/api/search?${params}`);
    if (args.includes('--json')) {
      console.log(JSON.stringify(result, null, 2));
      return 0;
    }
    console.log(`${result.total} result(s)`);
    for (const hit of result.hits) {
      console.log(`\n${hit.title}\n  ${hit.url}\n  ${hit.publishedAt ?? 'undated'} · ${hit.lang ?? '?'} · id ${hit.id}`);
      if (hit.entities.length) console.log(`  ${hit.entities.slice(0, 8).map((entity) => `${entity.name} (${entity.type})`).join(', ')}`);
    }
    return 0;
  });
}
