import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Captured {
  method: string;
  path: string;
  authorization: string | undefined;
  body: {
    type?: string;
    text?: string;
    textFormat?: string;
    conversation?: { id?: string };
    isGroup?: boolean;
    tenantId?: string;
    members?: { id?: string }[];
    attachments?: unknown[];
  };
}

/** How the stand-in answers one request: a status, headers and a JSON body (200 `{ id }` by default). */
export interface StandInAnswer {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
}

/**
 * A stand-in for the Teams connector: records every request POSTed to it and answers each with
 * `respond` (200 with an id by default); GET requests are answered by `serve` (pasted images).
 */
export async function standInConnector(
  options: {
    respond?: (request: Captured) => StandInAnswer | undefined;
    serve?: (path: string, authorization: string | undefined) => StandInAnswer & { bytes?: Buffer };
  } = {},
): Promise<{ url: string; captured: Captured[]; server: Server }> {
  const captured: Captured[] = [];
  const server = createServer((req: IncomingMessage, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      if (req.method === 'GET' && options.serve) {
        const served = options.serve(req.url ?? '', req.headers.authorization);
        res.writeHead(served.status, served.headers ?? {});
        res.end(served.bytes ?? '');
        return;
      }
      const text = Buffer.concat(chunks).toString('utf8');
      const request: Captured = {
        method: req.method ?? '',
        path: req.url ?? '',
        authorization: req.headers.authorization,
        body: (text ? JSON.parse(text) : {}) as Captured['body'],
      };
      captured.push(request);
      const answer = options.respond?.(request) ?? { status: 200, body: { id: 'delivered-1' } };
      res.writeHead(answer.status, { 'content-type': 'application/json', ...answer.headers });
      res.end(JSON.stringify(answer.body ?? {}));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/`, captured, server };
}
