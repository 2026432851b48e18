import { createServer, connect, type Server, type Socket } from 'node:net';
import { embeddedClientUri } from '../../models/store/embeddedMongo';

/**
 * How the proxy treats traffic: forwards it, refuses and drops every connection, swallows it, or forwards
 * the server's answers late (`slowMs` each).
 */
export type ProxyMode = 'open' | 'cut' | 'hang' | 'slow';

/**
 * A TCP proxy on loopback in front of a database server, so a test can make the database unreachable
 * ('cut': connections are reset and new ones refused at once) or hung ('hang': connections are accepted
 * and kept open but nothing is forwarded in either direction), then bring it back ('open').
 */
export class TcpProxy {
  private readonly server: Server;
  private readonly pairs = new Set<{ client: Socket; upstream: Socket }>();
  private current: ProxyMode = 'open';
  /** In 'slow' mode, how long each chunk of the server's answers is held. */
  slowMs = 500;
  private listeningPort = 0;

  private constructor(private readonly target: { host: string; port: number }) {
    this.server = createServer((client) => this.accept(client));
  }

  /** Starts a proxy to the given host and port on a free loopback port. */
  static async start(target: { host: string; port: number }, port = 0): Promise<TcpProxy> {
    const proxy = new TcpProxy(target);
    await new Promise<void>((resolve, reject) => {
      proxy.server.once('error', reject);
      proxy.server.listen(port, '127.0.0.1', () => resolve());
    });
    const address = proxy.server.address();
    proxy.listeningPort = typeof address === 'object' && address ? address.port : 0;
    return proxy;
  }

  get port(): number {
    return this.listeningPort;
  }

  get mode(): ProxyMode {
    return this.current;
  }

  /** A MongoDB connection string through the proxy, to the embedded server (with its client options). */
  uri(): string {
    return embeddedClientUri(`mongodb://127.0.0.1:${this.listeningPort}/`);
  }

  /** Changes how traffic is treated; 'cut' also resets the connections that are open. */
  set(mode: ProxyMode): void {
    this.current = mode;
    for (const pair of this.pairs) {
      if (mode === 'cut') {
        pair.client.destroy();
        pair.upstream.destroy();
      } else if (mode === 'hang') {
        pair.client.pause();
        pair.upstream.pause();
      } else {
        pair.client.resume();
        pair.upstream.resume();
      }
    }
    if (mode === 'cut') this.pairs.clear();
  }

  /** Closes every connection and the listening socket. */
  async stop(): Promise<void> {
    this.set('cut');
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private accept(client: Socket): void {
    if (this.current === 'cut') {
      client.destroy();
      return;
    }
    const upstream = connect(this.target.port, this.target.host);
    const pair = { client, upstream };
    this.pairs.add(pair);
    const drop = () => {
      this.pairs.delete(pair);
      client.destroy();
      upstream.destroy();
    };
    client.on('error', drop).on('close', drop);
    upstream.on('error', drop).on('close', drop);
    client.pipe(upstream);
    // Answers in order; in 'slow' mode each is held, and one after a slow one never overtakes it.
    let deliverAt = 0;
    upstream.on('data', (chunk: Buffer) => {
      const at = Math.max(Date.now() + (this.current === 'slow' ? this.slowMs : 0), deliverAt);
      if (at <= Date.now()) {
        client.write(chunk);
        return;
      }
      deliverAt = at;
      setTimeout(() => {
        if (!client.destroyed) client.write(chunk);
      }, at - Date.now());
    });
    upstream.on('end', () => {
      setTimeout(() => client.end(), Math.max(0, deliverAt - Date.now()));
    });
    if (this.current === 'hang') {
      client.pause();
      upstream.pause();
    }
  }
}

/** Opens the proxy again and waits until the driver has reconnected through it (the database answers). */
export async function reopen(proxy: TcpProxy, database: { ping(timeoutMs?: number): Promise<boolean> }) {
  proxy.set('open');
  for (let attempt = 0; attempt < 200 && !(await database.ping(300)); attempt += 1)
    await new Promise((resolve) => setTimeout(resolve, 50));
}
