// newsctl reprocess ID...: re-parse and re-enrich stored articles from their kept raw pages.
import { callApi, reportErrors } from '../api-client.js';

export async function run(args: string[]): Promise<number> {
  return reportErrors(async () => {
    if (!args.length) throw new Error('usage: newsctl reprocess ARTICLE_ID...');
    for (const id of args) {
      const answer = await callApi<{ jobId: string }>(`/api/articles/${encodeURIComponent(id)}/reprocess`, { method: 'POST' });
      console.log(`${id}: queued for parsing again (parse job ${answer.jobId})`);
    }
    return 0;
  });
}
