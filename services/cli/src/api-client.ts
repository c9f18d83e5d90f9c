// The commands that talk to a running stack use its HTTP API: NEWS_API_URL, else the local
// default port. Errors name the URL and what the server answered.
/** One queue as GET /api/queues describes it. */
export interface QueueInfo {
  name: string;
  paused: boolean;
  counts: Record<string, number>;
}

export function apiBase(env = process.env): string {
  return (env.NEWS_API_URL ?? `http://127.0.0.1:${env.API_PORT ?? 8080}`).replace(/\/+$/, '');
}

export async function callApi<T>(path: string, init: { method?: string; body?: unknown } = {}): Promise<T> {
  const url = `${apiBase()}${path}`;
  let response: Response;
  try {
    response = await fetch(url, {
      method: init.method ?? 'GET',
      headers: init.body === undefined ? {} : { 'content-type': 'application/json' },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
      signal: AbortSignal.timeout(15_000),
    });
  } catch (error) {
    throw new Error(`cannot reach the API at ${apiBase()} (${(error as Error).message}); is the stack running (npm start)? set NEWS_API_URL to point elsewhere`);
  }
  const text = await response.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // not JSON: keep the text for the error message
  }
  if (!response.ok) {
    const reason = typeof body === 'object' && body && 'error' in body ? String((body as { error: unknown }).error) : text.slice(0, 300);
    throw new Error(`${init.method ?? 'GET'} ${path}: HTTP ${response.status}: ${reason}`);
  }
  return body as T;
}

/** Runs a command body, printing a readable error instead of a stack trace. */
export async function reportErrors(body: () => Promise<number>): Promise<number> {
  try {
    return await body();
  } catch (error) {
    process.stderr.write(`newsctl: ${(error as Error).message}\n`);
    return 1;
  }
}
