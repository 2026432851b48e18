// The witnesses of npm run bench:flood, run in their own process (forked by scripts/benchFlood.ts), so
// that their turn latency is not measured on the service's busy event loop: `count` witnesses (the driver
// of bench:webchat, one witness each, arrivals spread over one pause) complete reports; one who is refused
// or left waiting is counted with the reason and the others go on. Prints one JSON line, and exits.
import { REPORT, witnesses } from './benchWebchat';

interface WitnessOptions {
  url: string;
  count: number;
  pauseMs: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function main(): Promise<void> {
  const { url, count, pauseMs } = JSON.parse(process.argv[2] ?? '{}') as WitnessOptions;
  const limitMs = REPORT.length * pauseMs * 4 + 60_000;
  const failures = new Map<string, number>();
  const runs = await Promise.allSettled(
    Array.from({ length: count }, async (_unused, index) => {
      await sleep((index * pauseMs) / count);
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise<never>((_resolve, reject) => {
        timer = setTimeout(() => reject(new Error(`no reply within ${limitMs / 1000} s`)), limitMs);
      });
      try {
        return await Promise.race([witnesses(url, 1, REPORT, pauseMs), late]);
      } finally {
        clearTimeout(timer);
      }
    }),
  );
  const latencies: number[] = [];
  let completed = 0;
  for (const run of runs) {
    if (run.status === 'fulfilled') {
      completed += run.value.completed;
      latencies.push(...run.value.latencies);
    } else {
      // The reason without the answer's body (a challenge, say): short and free of data.
      const reason = (run.reason instanceof Error ? run.reason.message : String(run.reason)).split(':')[0];
      failures.set(reason, (failures.get(reason) ?? 0) + 1);
    }
  }
  const { user, system } = process.cpuUsage();
  const cpuSeconds = (user + system) / 1e6;
  process.stdout.write(`${JSON.stringify({ latencies, completed, failures: [...failures], cpuSeconds })}\n`);
  process.exit(0);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
