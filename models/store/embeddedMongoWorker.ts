// The embedded database's own thread (see `startEmbeddedMongo`'s `thread` option): CongoDB, the wire proxy
// and the journal run here, on an event loop of their own, so a flood of requests the service is parsing
// cannot hold up the database's answers. The same code as in the caller's thread; only the logger and the
// few calls of EmbeddedMongo cross the thread boundary, as messages.
import { parentPort, workerData, type MessagePort } from 'node:worker_threads';
import { startEmbeddedMongo, type EmbeddedLogger, type EmbeddedMongo } from './embeddedMongo';
import type { ThreadReply, ThreadRequest, ThreadStart } from './embeddedMongo';

function parent(): MessagePort {
  if (!parentPort) throw new Error('embeddedMongoWorker runs as a worker thread only');
  return parentPort;
}
const port = parent();

const post = (message: ThreadReply) => port.postMessage(message);

// Health changes come with a log line (a journal that cannot be written, written again; a snapshot that
// failed): the new health is told right after it, before the refused write's answer leaves the proxy.
let afterLog: () => void = () => undefined;
const logged = (level: 'info' | 'warn' | 'error', fields: object, message: string) => {
  post({ kind: 'log', level, fields, message });
  queueMicrotask(() => afterLog());
};
const logger: EmbeddedLogger = {
  info: (fields, message) => logged('info', fields, message),
  warn: (fields, message) => logged('warn', fields, message),
  error: (fields, message) => logged('error', fields, message),
};

function described(error: unknown): Extract<ThreadReply, { kind: 'failed' }>['error'] {
  const known = error as {
    name?: unknown;
    message?: unknown;
    dataDir?: unknown;
    pid?: unknown;
    code?: unknown;
  };
  return {
    name: typeof known?.name === 'string' ? known.name : 'Error',
    message: typeof known?.message === 'string' ? known.message : String(error),
    ...(typeof known?.dataDir === 'string' ? { dataDir: known.dataDir } : {}),
    ...(typeof known?.pid === 'number' ? { pid: known.pid } : {}),
    ...(typeof known?.code === 'string' ? { code: known.code } : {}),
  };
}

async function main(): Promise<void> {
  const start = workerData as ThreadStart;
  let database: EmbeddedMongo;
  try {
    database = await startEmbeddedMongo({ ...start, logger });
  } catch (error) {
    post({ kind: 'failed', error: described(error) });
    port.close();
    return;
  }
  let health = JSON.stringify(database.health());
  const tellHealth = () => {
    const now = JSON.stringify(database.health());
    if (now === health) return;
    health = now;
    post({ kind: 'health', health: database.health() });
  };
  // The caller reads health synchronously: it is told of every change with its log line, or within 100 ms.
  afterLog = tellHealth;
  const watch = setInterval(tellHealth, 100);
  port.on('message', (request: ThreadRequest) => {
    const work = request.kind === 'snapshot' ? database.snapshot() : database.stop();
    work.then(
      () => {
        tellHealth();
        post({ kind: 'done', id: request.id });
      },
      (error: unknown) => {
        tellHealth();
        post({ kind: 'done', id: request.id, error: described(error) });
      },
    );
    if (request.kind === 'stop') {
      clearInterval(watch);
      // Once stopped (or failed to), nothing is left for this thread to do.
      void work.catch(() => undefined).finally(() => port.close());
    }
  });
  post({ kind: 'ready', uri: database.uri });
}

void main();
