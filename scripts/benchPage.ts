// npm run bench:page: the reporting page on a throttled phone connection ("slow 4G"-like, through
// Chromium's network emulation): bytes over the wire, and the time from navigation to the bot's first
// message on screen. Prints figures; asserts nothing. BENCH_PROOF_OF_WORK=1 forces the service's pressure
// level, so that the page first solves a proof of work; BENCH_CPU_SLOWDOWN slows the CPU as a phone's.
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { chromium } from 'playwright-core';
import { loadConfig } from '../bot/config';
import { createLogger } from '../bot/logger';
import { startService } from '../bot/service';
import { CHROMIUM_FLAGS, CHROMIUM_PATH } from '../test/helpers/browser';
import { openDatabase } from '../models/store/db';

const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const DOWN_KBPS = Number(process.env.BENCH_DOWN_KBPS ?? 400);
const UP_KBPS = Number(process.env.BENCH_UP_KBPS ?? 400);
const RTT_MS = Number(process.env.BENCH_RTT_MS ?? 400);
const PROOF_OF_WORK = process.env.BENCH_PROOF_OF_WORK === '1';
const CPU_SLOWDOWN = Number(process.env.BENCH_CPU_SLOWDOWN ?? 1);

async function main(): Promise<void> {
  const database = await openDatabase({
    uri: loadConfig(process.env).mongodbUri,
    dbName: `shield-bench-page-${Date.now()}`,
  });
  const config = loadConfig({
    NODE_ENV: 'development',
    PORT: '0',
    HOST: '127.0.0.1',
    DATA_DIR: await mkdtemp(path.join(os.tmpdir(), 'shield-bench-page-')),
    LOG_LEVEL: 'warn',
    // Over 0 anonymous requests a second: every new conversation is asked for a proof of work.
    ...(PROOF_OF_WORK ? { PROOF_OF_WORK_RATE: '0' } : {}),
  });
  const service = await startService(config, createLogger('error'), { database });
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: CHROMIUM_FLAGS,
  });
  console.log(
    `network: ${DOWN_KBPS} kbit/s down, ${UP_KBPS} kbit/s up, ${RTT_MS} ms round trip; CPU ${CPU_SLOWDOWN}x slower; ${RUNS} cold loads at 390x844${PROOF_OF_WORK ? '; proof of work asked' : ''}`,
  );
  const times: number[] = [];
  try {
    for (let run = 0; run < RUNS; run++) {
      // A fresh context each time: nothing cached, as for a witness opening the page for the first time.
      const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
      const page = await context.newPage();
      const cdp = await context.newCDPSession(page);
      await cdp.send('Network.enable');
      await cdp.send('Network.emulateNetworkConditions', {
        offline: false,
        latency: RTT_MS,
        downloadThroughput: (DOWN_KBPS * 1000) / 8,
        uploadThroughput: (UP_KBPS * 1000) / 8,
      });
      if (CPU_SLOWDOWN > 1) await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN });
      const bytes = new Map<string, number>();
      const urls = new Map<string, string>();
      cdp.on('Network.responseReceived', (event) => urls.set(event.requestId, event.response.url));
      cdp.on('Network.loadingFinished', (event) => bytes.set(event.requestId, event.encodedDataLength));
      const start = performance.now();
      await page.goto(service.url, { waitUntil: 'commit' });
      await page.locator('.webchat__bubble').first().waitFor({ timeout: 180_000 });
      const firstMessage = performance.now() - start;
      await page.waitForLoadState('load');
      times.push(firstMessage);
      const total = [...bytes.values()].reduce((sum, value) => sum + value, 0);
      const byFile = [...bytes.entries()]
        .map(([id, size]) => ({ url: new URL(urls.get(id) ?? 'about:blank').pathname, size }))
        .filter((entry) => entry.size > 2000)
        .map((entry) => `${entry.url} ${(entry.size / 1024).toFixed(0)} KiB`)
        .join(', ');
      console.log(
        `run ${run + 1}: first bot message after ${(firstMessage / 1000).toFixed(1)} s; ${(total / 1024).toFixed(0)} KiB over the wire (${byFile})`,
      );
      await context.close();
    }
  } finally {
    await browser.close();
    await service.stop();
    await database.close();
  }
  const sorted = [...times].sort((a, b) => a - b);
  console.log(
    `median time to the first bot message: ${(sorted[Math.floor(sorted.length / 2)] / 1000).toFixed(1)} s`,
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
