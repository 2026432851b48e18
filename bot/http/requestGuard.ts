import { AsyncLocalStorage } from 'node:async_hooks';
import type { Logger } from '../logger';

/** The request whose work is running, and how to give it a last answer when that work throws. */
export interface RequestScope {
  readonly logger: Logger;
  readonly method: string | undefined;
  /** The route pattern or a fixed name, never the URL (it may carry tokens). */
  route(): string | undefined;
  /** Answers 500 if nothing was answered yet, and closes the connection. */
  fail(): void;
}

const scopes = new AsyncLocalStorage<RequestScope>();
let installed = false;

/**
 * The last resort for an error thrown where no handler catches it (a callback, a timer, an event without an
 * 'error' listener) while a request's work runs: that request gets a 500 and the error is logged with its
 * stack, instead of the process ending for every witness at once. An error outside any request is left to
 * Node's usual handling ('uncaughtException' listeners, else print and exit).
 */
function capture(error: unknown): void {
  const scope = scopes.getStore();
  if (!scope) {
    const asError = error instanceof Error ? error : new Error(String(error));
    if (process.listenerCount('uncaughtException') > 0) {
      process.emit('uncaughtException', asError);
      return;
    }
    process.stderr.write(`${asError.stack ?? asError.message}\n`);
    process.exit(1);
  }
  const { name, stack } = error instanceof Error ? error : { name: typeof error, stack: undefined };
  scope.logger.error(
    { err: { name, stack }, method: scope.method, route: scope.route() },
    'uncaught error in request work; the request got a 500 and the service goes on',
  );
  try {
    scope.fail();
  } catch {
    // The connection is already gone: nothing more to answer.
  }
}

/** Runs `work` (a request's or an upgrade's handling) so that an uncaught error in it ends as `scope.fail`. */
export function runGuarded<T>(scope: RequestScope, work: () => T): T {
  if (!installed) {
    installed = true;
    if (!process.hasUncaughtExceptionCaptureCallback()) process.setUncaughtExceptionCaptureCallback(capture);
  }
  return scopes.run(scope, work);
}
