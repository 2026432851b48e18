import { monitorEventLoopDelay, type IntervalHistogram } from 'node:perf_hooks';
import { RateLimiterMemory } from 'rate-limiter-flexible';
import type { Config } from '../config';
import type { FrontGate } from './frontGate';

/** Why anonymous work was refused. */
export type ShedReason = 'eventLoopLag' | 'inFlight' | 'anonymousRate';

/** A refusal of anonymous work: the client should come back after `retryAfterSeconds`. */
export interface Shed {
  readonly reason: ShedReason;
  readonly retryAfterSeconds: number;
}

/** Why new conversations are asked for a proof of work (the same measures, lower thresholds). */
export type PressureReason = ShedReason;

/** The thresholds of pressure: above any of them (and below shedding) new conversations prove some work. */
export type PressureThresholds = Pick<
  Config['proofOfWork'],
  'eventLoopLagMs' | 'maxInFlight' | 'anonymousPerSecond'
>;

/** When a client refused for each reason should come back: lag and a full queue take longer to clear. */
const RETRY_AFTER_SECONDS: Readonly<Record<ShedReason, number>> = {
  eventLoopLag: 5,
  inFlight: 2,
  anonymousRate: 1,
};

/** How often the event loop's delay is sampled into the figure admission decides on. */
const SAMPLE_MS = 500;

/**
 * Admission control for anonymous work (new web chat conversations, logins): refused with 503 while the
 * process is under pressure (event-loop lag, requests in flight) or while the anonymous requests of all
 * clients together are over a global rate, so that a flood from many addresses cannot take the capacity
 * the witnesses already in a conversation need. Turns of conversations under way are never asked.
 */
export class AdmissionControl {
  private readonly delay: IntervalHistogram | undefined;
  private readonly sampler: NodeJS.Timeout | undefined;
  private readonly rate: RateLimiterMemory;
  private lagMs = 0;
  // The anonymous requests admitted in the rate limiter's current one-second window, and when it ends.
  private admittedInWindow = 0;
  private windowEndsAt = 0;
  private readonly shedCounts: Record<ShedReason, number> = {
    eventLoopLag: 0,
    inFlight: 0,
    anonymousRate: 0,
  };

  /**
   * `measureLagMs`, when given, replaces the process's own measurement (sampled every SAMPLE_MS), so that
   * a test can set the lag the decision sees instead of blocking the event loop.
   */
  constructor(
    private readonly options: Config['admission'] & {
      inFlight: () => number;
      measureLagMs?: () => number;
      /** Without them, there is never pressure (no proof of work is asked). */
      pressure?: PressureThresholds;
    },
  ) {
    this.rate = new RateLimiterMemory({
      keyPrefix: 'anonymous',
      points: options.anonymousPerSecond,
      duration: 1,
    });
    if (options.measureLagMs) return;
    const delay = monitorEventLoopDelay({ resolution: 10 });
    delay.enable();
    this.delay = delay;
    this.sampler = setInterval(() => {
      // The 99th percentile of the last interval, in milliseconds (the histogram counts nanoseconds).
      this.lagMs = delay.percentile(99) / 1e6;
      delay.reset();
    }, SAMPLE_MS);
    this.sampler.unref();
  }

  /** The event loop's recent delay (99th percentile), in milliseconds. */
  get eventLoopLagMs(): number {
    return this.options.measureLagMs?.() ?? this.lagMs;
  }

  /** How many requests were refused, by reason, since the start. */
  get shed(): Readonly<Record<ShedReason, number>> {
    return this.shedCounts;
  }

  /** Admits one piece of anonymous work, or says why not and when to come back. */
  async admit(): Promise<Shed | undefined> {
    // The rate as admission last counted it, with this request; the rate limiter has the last word.
    const reason = this.over(this.options, 1) ?? (await this.consumeAnonymous());
    if (!reason) return undefined;
    this.shedCounts[reason] += 1;
    return { reason, retryAfterSeconds: RETRY_AFTER_SECONDS[reason] };
  }

  /**
   * Whether the process is under pressure short of shedding, and by which measure: then a new web chat
   * conversation must first solve a proof of work. Reads figures admission keeps anyway (no extra work).
   */
  pressure(): PressureReason | undefined {
    return this.options.pressure ? this.over(this.options.pressure) : undefined;
  }

  /**
   * The first measure over its threshold in `thresholds` (shedding's or pressure's): the event loop's lag,
   * the requests in flight, the anonymous requests admitted in the current one-second window (plus
   * `adding`, the requests about to be: the one admission is judging, not yet counted in flight).
   */
  private over(thresholds: PressureThresholds, adding = 0): ShedReason | undefined {
    if (this.eventLoopLagMs > thresholds.eventLoopLagMs) return 'eventLoopLag';
    // Counting the request being judged: admission screens it before it is counted in flight.
    if (this.options.inFlight() + adding > thresholds.maxInFlight) return 'inFlight';
    if (Date.now() < this.windowEndsAt && this.admittedInWindow + adding > thresholds.anonymousPerSecond)
      return 'anonymousRate';
    return undefined;
  }

  /** Counts one anonymous request in the global rate, or says it is over. */
  private async consumeAnonymous(): Promise<ShedReason | undefined> {
    try {
      const admitted = await this.rate.consume('all');
      this.admittedInWindow = admitted.consumedPoints;
      this.windowEndsAt = Date.now() + admitted.msBeforeNext;
      return undefined;
    } catch {
      return 'anonymousRate';
    }
  }

  /** Stops sampling the event loop. */
  close(): void {
    clearInterval(this.sampler);
    this.delay?.disable();
  }
}

/**
 * The routes whose work is anonymous and new: a web chat token (a new conversation) and an officer's
 * login. Starting a conversation whose token was admitted costs one signature check and is not shed; a
 * message to a conversation, and everything an authenticated caller does, is never shed.
 */
export const ANONYMOUS_ROUTES: ReadonlySet<string> = new Set(['/api/webchat/token', '/api/auth/login']);

/**
 * Sheds anonymous routes before anything else is done for them: at the front gate, before restify and
 * before the body is read.
 */
export function shedAnonymousWork(gate: FrontGate, admission: AdmissionControl): void {
  gate.add((req, path) => {
    if (req.method !== 'POST' || !ANONYMOUS_ROUTES.has(path)) return undefined;
    return admission.admit().then((shed) =>
      shed
        ? {
            code: 'ServiceBusy',
            message: 'The service is busy; please try again in a moment.',
            headers: { 'Retry-After': String(shed.retryAfterSeconds) },
          }
        : undefined,
    );
  });
}
