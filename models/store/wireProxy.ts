// A MongoDB wire-protocol proxy in front of the embedded database. It reads each message's framing and,
// for OP_MSG write commands, the command name, then hands the whole message to `beforeWrite` (the
// journal) and forwards it only once that has resolved: a write reaches the database, and so can be
// acknowledged, only after it is on disk. Replies are passed back untouched.
import { createServer, connect, type Server, type Socket } from 'node:net';
import mongoose from 'mongoose';

const { BSON } = mongoose.mongo;

const OP_MSG = 2013;
const HEADER_BYTES = 16;
const CHECKSUM_PRESENT = 1;
const MORE_TO_COME = 2;
/** The largest message MongoDB accepts (48 MB); anything larger is not a message. */
const MAX_MESSAGE_BYTES = 48 * 1024 * 1024;

/** The commands that change data or its shape, and so are journaled. */
const WRITE_COMMANDS = new Set([
  'insert',
  'update',
  'delete',
  'findandmodify',
  'create',
  'createindexes',
  'drop',
  'dropindexes',
  'dropdatabase',
  'renamecollection',
  'collmod',
  'bulkwrite',
]);
/** The write commands that may leave fewer documents (an emptier snapshot then has a reason). */
const REMOVING_COMMANDS = new Set([
  'delete',
  'findandmodify',
  'drop',
  'dropdatabase',
  'renamecollection',
  'bulkwrite',
]);

/** The sections of an OP_MSG: its command document and its document sequences. */
export interface OpMsg {
  readonly flags: number;
  readonly body: Buffer;
  readonly sequences: { identifier: string; documents: Buffer[] }[];
}

/** Splits an OP_MSG message (header included) into its sections; undefined if it is not a valid one. */
export function parseOpMsg(message: Buffer): OpMsg | undefined {
  if (message.length < HEADER_BYTES + 5 || message.readInt32LE(12) !== OP_MSG) return undefined;
  const flags = message.readUInt32LE(16);
  const end = message.length - (flags & CHECKSUM_PRESENT ? 4 : 0);
  let offset = 20;
  let body: Buffer | undefined;
  const sequences: OpMsg['sequences'] = [];
  while (offset < end) {
    const kind = message[offset];
    offset += 1;
    if (kind === 0) {
      const size = message.readInt32LE(offset);
      body = message.subarray(offset, offset + size);
      offset += size;
    } else if (kind === 1) {
      const size = message.readInt32LE(offset);
      const sectionEnd = offset + size;
      const nameEnd = message.indexOf(0, offset + 4);
      if (nameEnd < 0 || nameEnd >= sectionEnd) return undefined;
      const identifier = message.toString('utf8', offset + 4, nameEnd);
      const documents: Buffer[] = [];
      for (let at = nameEnd + 1; at < sectionEnd;) {
        const documentSize = message.readInt32LE(at);
        if (documentSize < 5) return undefined;
        documents.push(message.subarray(at, at + documentSize));
        at += documentSize;
      }
      sequences.push({ identifier, documents });
      offset = sectionEnd;
    } else {
      return undefined;
    }
  }
  return body ? { flags, body, sequences } : undefined;
}

/** The name of a BSON document's first field (a command's name), read without decoding the document. */
function firstFieldName(document: Buffer): string | undefined {
  if (document.length < 6 || document[4] === 0) return undefined;
  const nameEnd = document.indexOf(0, 5);
  return nameEnd < 0 ? undefined : document.toString('utf8', 5, nameEnd);
}

/** The lower-cased command name of a message when it is a journaled write command. */
export function writeCommandOf(message: Buffer): string | undefined {
  const parsed = parseOpMsg(message);
  const name = parsed && firstFieldName(parsed.body)?.toLowerCase();
  return name && WRITE_COMMANDS.has(name) ? name : undefined;
}

/** The command a journaled message carries, as a document the driver can run again, and its database. */
export function commandOf(
  message: Buffer,
): { db: string; command: mongoose.mongo.BSON.Document } | undefined {
  const parsed = parseOpMsg(message);
  if (!parsed) return undefined;
  // promoteValues off keeps Int32, Double and Long apart, so the command runs again exactly as sent.
  const command = BSON.deserialize(parsed.body, { promoteValues: false });
  for (const { identifier, documents } of parsed.sequences) {
    command[identifier] = documents.map((document) => BSON.deserialize(document, { promoteValues: false }));
  }
  const db = command.$db as unknown;
  // Session, transaction and routing fields belonged to the connection that sent the command.
  for (const field of [
    '$db',
    'lsid',
    'txnNumber',
    '$clusterTime',
    'autocommit',
    'startTransaction',
    '$readPreference',
    'writeConcern',
    'apiVersion',
    'apiStrict',
    'apiDeprecationErrors',
  ]) {
    delete command[field];
  }
  return typeof db === 'string' ? { db, command } : undefined;
}

/** Calls `onMessage` with every whole wire-protocol message in a byte stream. */
function framer(onMessage: (message: Buffer) => void, onInvalid: () => void): (chunk: Buffer) => void {
  let buffered: Buffer = Buffer.alloc(0);
  return (chunk) => {
    buffered = buffered.length === 0 ? chunk : Buffer.concat([buffered, chunk]);
    while (buffered.length >= 4) {
      const length = buffered.readInt32LE(0);
      if (length < HEADER_BYTES || length > MAX_MESSAGE_BYTES) {
        onInvalid();
        return;
      }
      if (buffered.length < length) return;
      onMessage(buffered.subarray(0, length));
      buffered = buffered.subarray(length);
    }
  };
}

let nextRequestId = 1;

/** An OP_MSG reply with `document`, answering request `requestId`. */
function reply(requestId: number, document: mongoose.mongo.BSON.Document): Buffer {
  const body = BSON.serialize(document);
  const message = Buffer.alloc(HEADER_BYTES + 5 + body.length);
  message.writeInt32LE(message.length, 0);
  message.writeInt32LE((nextRequestId = (nextRequestId % 0x7fffffff) + 1), 4);
  message.writeInt32LE(requestId, 8);
  message.writeInt32LE(OP_MSG, 12);
  message.writeUInt32LE(0, 16);
  message[20] = 0;
  message.set(body, 21);
  return message;
}

export interface WireProxyOptions {
  /** Where the database listens. */
  upstreamPort: number;
  /** Makes a write durable before it is forwarded; a rejection refuses the write. */
  beforeWrite(message: Buffer, command: string): Promise<void>;
  /** How a write whose journal record could not be written is described to the client. */
  refusal: string;
}

/** A running proxy: its port, and how to hold writes while a consistent snapshot is read. */
export interface WireProxy {
  readonly port: number;
  /** True when a write that may remove documents was forwarded since the last call. */
  takeRemovalSeen(): boolean;
  /**
   * Holds new writes and resolves once every forwarded write has been answered; call the function it
   * resolves with to let writes through again.
   */
  quiesce(): Promise<() => void>;
  close(): Promise<void>;
}

/** Starts the proxy on a free loopback port (or `port`). */
export async function startWireProxy(options: WireProxyOptions, port = 0): Promise<WireProxy> {
  const sockets = new Set<Socket>();
  let inFlight = 0;
  let drained: (() => void)[] = [];
  let hold: Promise<void> | undefined;
  let removalSeen = false;

  const settle = (): void => {
    inFlight -= 1;
    if (inFlight === 0) {
      const waiting = drained;
      drained = [];
      for (const resolve of waiting) resolve();
    }
  };

  const server: Server = createServer((client) => {
    const upstream = connect(options.upstreamPort, '127.0.0.1');
    // Without it, Nagle's algorithm and delayed acknowledgements hold each small reply back ~40 ms.
    client.setNoDelay(true);
    upstream.setNoDelay(true);
    sockets.add(client);
    sockets.add(upstream);
    const awaited = new Set<number>();
    let chain: Promise<void> = Promise.resolve();
    let ended = false;
    const end = (): void => {
      ended = true;
      client.destroy();
      upstream.destroy();
      sockets.delete(client);
      sockets.delete(upstream);
      // Writes this connection still waited for will never be answered to it.
      for (let left = awaited.size; left > 0; left -= 1) settle();
      awaited.clear();
    };
    client.on('error', end).on('close', end);
    upstream.on('error', end).on('close', end);

    const forward = async (message: Buffer): Promise<void> => {
      const command = writeCommandOf(message);
      if (!command) {
        upstream.write(message);
        return;
      }
      while (hold) await hold;
      const requestId = message.readInt32LE(4);
      const expectsReply = (message.readUInt32LE(16) & MORE_TO_COME) === 0;
      inFlight += 1;
      try {
        await options.beforeWrite(message, command);
      } catch {
        settle();
        if (expectsReply)
          client.write(
            reply(requestId, { ok: 0, errmsg: options.refusal, code: 1, codeName: 'InternalError' }),
          );
        return;
      }
      if (ended) {
        // The client went away while its write waited for the journal: no reply will be awaited, so it must
        // not stay counted (a checkpoint waits for the count to reach 0; a stop would wait for ever).
        settle();
        return;
      }
      if (REMOVING_COMMANDS.has(command)) removalSeen = true;
      if (expectsReply) awaited.add(requestId);
      upstream.write(message);
      if (!expectsReply) settle();
    };

    client.on(
      'data',
      framer((message) => {
        // Copied: the framer's buffer is reused, and the message waits for the journal.
        const own = Buffer.from(message);
        chain = chain.then(() => forward(own)).catch(end);
      }, end),
    );
    upstream.on(
      'data',
      framer((message) => {
        const answered = message.readInt32LE(8);
        client.write(message);
        if (awaited.delete(answered)) settle();
      }, end),
    );
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  const listeningPort = typeof address === 'object' && address ? address.port : 0;

  return {
    port: listeningPort,
    takeRemovalSeen() {
      const seen = removalSeen;
      removalSeen = false;
      return seen;
    },
    async quiesce() {
      while (hold) await hold;
      let release!: () => void;
      hold = new Promise<void>((resolve) => {
        release = () => {
          hold = undefined;
          resolve();
        };
      });
      if (inFlight > 0) await new Promise<void>((resolve) => drained.push(resolve));
      return release;
    },
    async close() {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const socket of sockets) socket.destroy();
      await closed;
    },
  };
}
