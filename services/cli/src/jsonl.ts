// The `--jsonl` commands read one JSON object per stdin line and write one per stdout line. A bad
// line gives `{"id","error"}` and the run goes on, so one broken input never hides the others.
import { createInterface } from 'node:readline';

export type JsonObject = Record<string, unknown>;

export async function mapJsonl(handle: (input: JsonObject) => JsonObject | Promise<JsonObject>): Promise<number> {
  const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
  for await (const line of lines) {
    if (!line.trim()) continue;
    let input: JsonObject;
    try {
      input = JSON.parse(line) as JsonObject;
    } catch {
      await write({ id: null, error: 'input line is not JSON' });
      continue;
    }
    let output: JsonObject;
    try {
      output = await handle(input);
    } catch (error) {
      output = { id: input.id ?? null, error: error instanceof Error ? error.message : String(error) };
    }
    await write(output);
  }
  return 0;
}

function write(value: JsonObject): Promise<void> {
  const line = JSON.stringify(value) + '\n';
  // Respect back-pressure so large runs do not buffer everything in memory.
  return new Promise((resolve) => {
    if (process.stdout.write(line)) resolve();
    else process.stdout.once('drain', resolve);
  });
}
