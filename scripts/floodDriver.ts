// The junk load of npm run bench:flood, run in its own process (forked by scripts/benchFlood.ts): raw
// HTTP/1.1 over keep-alive sockets bound to many loopback source addresses (127.1.x.y), written at a fixed
// offered rate whatever the service answers (open loop: a bounded window of requests per socket, and a
// socket left unanswered for `giveUpMs` is given up on and replaced). Answers are counted by status from
// the response stream. Prints one JSON line with its figures, and exits.
import net from 'node:net';

interface DriverOptions {
  port: number;
  rate: number;
  seconds: number;
  addresses: number;
  /** The first source address's index (127.1.x.y), so that several drivers use different addresses. */
  firstAddress?: number;
  socketsPerAddress: number;
  /**
   * A socket whose requests have had no answer for this long is given up on (closed, and another one
   * opened), as a flooding client times out: the offered rate then does not fall to what is served.
   */
  giveUpMs?: number;
  /** Requests written to a socket ahead of their answers (pipelined), at most. */
  window?: number;
  /** Indexes into MIX to send (all when absent): to measure one route's cost alone. */
  only?: number[];
}

const TICK_MS = 5;
const FORGED = 'eyJhbGciOiJIUzI1NiJ9.eyJjb252IjoiaW52ZW50ZWQifQ.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';

function post(path: string, body: string, headers: Record<string, string> = {}): Buffer {
  const lines = [
    `POST ${path} HTTP/1.1`,
    'Host: 127.0.0.1',
    'Content-Type: application/json',
    `Content-Length: ${Buffer.byteLength(body)}`,
    ...Object.entries(headers).map(([name, value]) => `${name}: ${value}`),
  ];
  return Buffer.from(`${lines.join('\r\n')}\r\n\r\n${body}`);
}

function get(path: string, headers: Record<string, string> = {}): Buffer {
  const lines = [
    `GET ${path} HTTP/1.1`,
    'Host: 127.0.0.1',
    ...Object.entries(headers).map(([name, value]) => `${name}: ${value}`),
  ];
  return Buffer.from(`${lines.join('\r\n')}\r\n\r\n`);
}

/** The junk mix: each request fails its check (or is over a limit) on a public route. */
const MIX: Buffer[] = [
  post('/api/webchat/token', '{"userId":"chosen-by-client"}'),
  post('/api/webchat/token', '{}'),
  post('/v3/directline/conversations', '', { Authorization: `Bearer ${FORGED}` }),
  post('/v3/directline/conversations/invented/activities', '{"type":"message","text":"x"}', {
    Authorization: `Bearer ${FORGED}`,
  }),
  get('/v3/directline/conversations/invented/activities'),
  post('/api/messages', '{"text":"no type"}'),
  post('/api/auth/login', '{"email":"not an address"}'),
  get('/v3/directline/attachments/0123456789abcdef01234567?t=forged'),
];

function main(): void {
  const options = JSON.parse(process.argv[2] ?? '{}') as DriverOptions;
  const WINDOW = options.window ?? 48;
  const mix = options.only ? options.only.map((index) => MIX[index]) : MIX;
  const statuses = new Map<string, number>();
  let sent = 0;
  let answered = 0;
  let reconnects = 0;
  let abandoned = 0;
  let running = true;
  let next = 0;
  interface Slot {
    socket: net.Socket;
    outstanding: number;
    tail: string;
    ready: boolean;
    /** When the socket last had an answer, or was idle. */
    heard: number;
  }
  const slots: Slot[] = [];
  const connect = (slot: Slot, localAddress: string) => {
    const socket = net.connect({ host: '127.0.0.1', port: options.port, localAddress });
    socket.setNoDelay(true);
    slot.socket = socket;
    slot.outstanding = 0;
    slot.tail = '';
    slot.ready = false;
    slot.heard = Date.now();
    socket.on('connect', () => {
      slot.ready = true;
      slot.heard = Date.now();
    });
    socket.on('data', (chunk: Buffer) => {
      const text = slot.tail + chunk.toString('latin1');
      for (const match of text.matchAll(/HTTP\/1\.1 (\d{3}) /g)) {
        const status = match[1] ?? '?';
        statuses.set(status, (statuses.get(status) ?? 0) + 1);
        answered += 1;
        slot.outstanding = Math.max(0, slot.outstanding - 1);
        slot.heard = Date.now();
      }
      slot.tail = text.slice(-15);
    });
    socket.on('error', () => undefined);
    socket.on('close', () => {
      slot.ready = false;
      if (running) {
        reconnects += 1;
        setTimeout(() => connect(slot, localAddress), 5);
      }
    });
  };
  for (let index = 0; index < options.addresses; index += 1) {
    const address = index + (options.firstAddress ?? 0);
    const localAddress = `127.1.${Math.floor(address / 250)}.${(address % 250) + 1}`;
    for (let index = 0; index < options.socketsPerAddress; index += 1) {
      const slot = { outstanding: 0, tail: '', ready: false, heard: Date.now() } as Slot;
      slots.push(slot);
      connect(slot, localAddress);
    }
  }
  const started = Date.now();
  let cursor = 0;
  const giveUp = options.giveUpMs ?? 0;
  const tick = setInterval(() => {
    if (giveUp > 0) {
      const now = Date.now();
      for (const slot of slots) {
        if (!slot.ready || slot.outstanding === 0 || now - slot.heard < giveUp) continue;
        abandoned += slot.outstanding;
        slot.outstanding = 0;
        slot.ready = false;
        slot.socket.destroy();
      }
    }
    const due = Math.floor(((Date.now() - started) / 1000) * options.rate) - sent;
    let budget = due;
    let idle = 0;
    while (budget > 0 && idle < slots.length) {
      const slot = slots[cursor];
      cursor = (cursor + 1) % slots.length;
      if (!slot || !slot.ready || slot.outstanding >= WINDOW) {
        idle += 1;
        continue;
      }
      idle = 0;
      const burst = Math.min(budget, WINDOW - slot.outstanding, 8);
      if (slot.outstanding === 0) slot.heard = Date.now();
      const parts: Buffer[] = [];
      for (let index = 0; index < burst; index += 1) {
        parts.push(mix[next]);
        next = (next + 1) % mix.length;
      }
      slot.socket.write(Buffer.concat(parts));
      slot.outstanding += burst;
      sent += burst;
      budget -= burst;
    }
  }, TICK_MS);
  setTimeout(() => {
    running = false;
    clearInterval(tick);
    const seconds = (Date.now() - started) / 1000;
    // A moment for the last answers, then the figures.
    setTimeout(() => {
      for (const slot of slots) slot.socket.destroy();
      const { user, system } = process.cpuUsage();
      const cpuSeconds = (user + system) / 1e6;
      process.stdout.write(
        `${JSON.stringify({ seconds, sent, answered, reconnects, abandoned, statuses: Object.fromEntries(statuses), cpuSeconds })}\n`,
      );
      process.exit(0);
    }, 500);
  }, options.seconds * 1000);
}

main();
