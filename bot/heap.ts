// How much the service's heap may grow between full collections. V8 picks the growth itself, from how fast
// its collector keeps up: under a junk flood (many short-lived requests, some kept past two young
// collections while they wait their turn) it let the heap grow to two to four times what was still alive,
// and the process's memory from about 170 MB to about 500 MB (npm run bench:flood). A fixed factor keeps
// it near what is alive without a ceiling: a ceiling (--max-old-space-size) turns a heap that outgrows it
// into a crash, and one low enough to matter made the collector take the witnesses' time.
import { setFlagsFromString } from 'node:v8';

/**
 * Sets V8's heap growing factor to 1 + percent/100 for this process (0 leaves V8's own). The flag is read
 * at every full collection, so setting it once the process runs takes effect from the next one.
 */
export function limitHeapGrowth(percent: number): void {
  if (percent > 0) setFlagsFromString(`--heap-growing-percent=${percent}`);
}
