import { connect } from 'node:net';

/** What came back on a raw connection: the first final answer, or nothing when the server just closed. */
export interface RawAnswer {
  /** The status of the first answer that is not 100 Continue; undefined when none came. */
  readonly status: number | undefined;
  /** Whether a `100 Continue` came before it. */
  readonly continued: boolean;
  readonly headers: Record<string, string>;
  readonly body: string;
}

/**
 * Sends bytes exactly as given (a request line, headers and a body that may contradict them) over a fresh
 * connection and reads until the server closes it or `timeoutMs` passes. Send `Connection: close` to get the
 * answer promptly. A reset after the answer began (the server refusing the rest of a body) is not an error.
 * With `halfClose`, the client ends its side after writing (a body cut short: the server sees it end).
 */
export function sendRaw(
  url: string,
  bytes: Buffer | string,
  { timeoutMs = 5_000, halfClose = false }: { timeoutMs?: number; halfClose?: boolean } = {},
): Promise<RawAnswer> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    const socket = connect({ host: hostname, port: Number(port) });
    const timer = setTimeout(
      () => socket.destroy(new Error(`no end of answer within ${timeoutMs} ms`)),
      timeoutMs,
    );
    let failure: Error | undefined;
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('error', (error) => {
      failure = error;
    });
    socket.on('close', () => {
      clearTimeout(timer);
      const text = Buffer.concat(chunks).toString('latin1');
      if (text === '' && failure && !/ECONNRESET|EPIPE/.test(failure.message)) {
        reject(failure);
        return;
      }
      resolve(parseAnswer(text));
    });
    socket.on('connect', () => {
      socket.write(bytes, () => {
        if (halfClose) socket.end();
      });
    });
  });
}

function parseAnswer(text: string): RawAnswer {
  let rest = text;
  let continued = false;
  while (/^HTTP\/1\.1 100 /.test(rest)) {
    continued = true;
    const end = rest.indexOf('\r\n\r\n');
    rest = end < 0 ? '' : rest.slice(end + 4);
  }
  const match = /^HTTP\/1\.[01] (\d{3})[^\r\n]*\r\n/.exec(rest);
  if (!match) return { status: undefined, continued, headers: {}, body: '' };
  const headEnd = rest.indexOf('\r\n\r\n');
  const head = rest.slice(match[0].length, headEnd < 0 ? rest.length : headEnd);
  const headers: Record<string, string> = {};
  for (const line of head.split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return {
    status: Number(match[1]),
    continued,
    headers,
    body: headEnd < 0 ? '' : rest.slice(headEnd + 4),
  };
}

/** A request as bytes: the request line, the headers as given (nothing added), then the body. */
export function rawRequest(
  method: string,
  target: string,
  headers: Record<string, string>,
  body: Buffer | string = '',
): Buffer {
  const head = [`${method} ${target} HTTP/1.1`, ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`)];
  return Buffer.concat([Buffer.from(`${head.join('\r\n')}\r\n\r\n`, 'latin1'), Buffer.from(body)]);
}
