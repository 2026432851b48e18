import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser } from 'playwright-core';
import type { RunningService } from '../../../bot/service';
import { launchChromium } from '../../helpers/browser';
import { servicePerTest } from '../../helpers/serviceConfig';

describe('the reporting page under pressure solves the proof of work itself (headless Chromium)', function () {
  this.timeout(120_000);
  const services = servicePerTest({ dataDirPrefix: 'shield-proof-e2e' });
  let service: RunningService;
  let browser: Browser;

  before(async () => {
    browser = await launchChromium();
  });
  after(async () => {
    await browser.close();
  });

  async function serve(environment: Record<string, string>): Promise<void> {
    service = await services.serve(environment);
  }

  /** Opens the page, talks to the bot once, and returns the token route's answers and any CSP refusals. */
  async function reachTheBot(): Promise<{
    statuses: number[];
    workerLoaded: boolean;
    refused: string[];
    ms: number;
  }> {
    const page = await browser.newPage();
    const statuses: number[] = [];
    const refused: string[] = [];
    let workerLoaded = false;
    const times: number[] = [];
    page.on('response', (response) => {
      const url = new URL(response.url());
      if (url.pathname === '/api/webchat/token') {
        statuses.push(response.status());
        times.push(Date.now());
      }
      if (url.pathname === '/web/proofOfWork.js') workerLoaded = true;
    });
    page.on('console', (message) => {
      if (/Content Security Policy|Refused to/i.test(message.text())) refused.push(message.text());
    });
    await page.goto(`${service.url}/?locale=en`);
    await page.getByText('Welcome to Shield Reporter').first().waitFor({ timeout: 30_000 });
    const input = page.locator('[data-id="webchat-sendbox-input"]');
    await input.fill('report');
    await input.press('Enter');
    await page
      .getByText(/is someone in danger/)
      .last()
      .waitFor({ timeout: 30_000 });
    await page.close();
    return { statuses, workerLoaded, refused, ms: times.length > 1 ? times[times.length - 1] - times[0] : 0 };
  }

  it('reaches the bot when every new conversation is asked for a proof of work, with nothing for the witness to do', async () => {
    // Pressure forced through configuration: over 0 anonymous requests a second, i.e. always.
    await serve({ PROOF_OF_WORK_RATE: '0' });
    const { statuses, workerLoaded, refused, ms } = await reachTheBot();
    assert.deepEqual(statuses, [403, 200], 'a challenge first, then the token for its solution');
    assert.ok(workerLoaded, 'the solver was fetched (only now)');
    assert.deepEqual(refused, [], 'the Content-Security-Policy allows the worker');
    // A figure, not an assertion: the challenge's solve on this machine (default difficulty).
    console.log(`      proof of work: challenge to token in ${ms} ms (PROOF_OF_WORK_MAX_NUMBER default)`);
  });

  it('solves it inside the embed snippet on another site too (the worker runs in the frame of the service)', async () => {
    let serviceUrl = '';
    const host: Server = createServer((_request, response) => {
      response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
      response.end(
        `<!doctype html><html lang="de"><body><h1>Gemeinde</h1><script src="${serviceUrl}/embed.js" data-locale="de"></script></body></html>`,
      );
    });
    await new Promise<void>((resolve) => host.listen(0, '127.0.0.1', () => resolve()));
    try {
      const hostOrigin = `http://127.0.0.1:${(host.address() as AddressInfo).port}`;
      await serve({ PROOF_OF_WORK_RATE: '0', WEBCHAT_ALLOWED_ORIGINS: hostOrigin });
      serviceUrl = service.url;
      const page = await browser.newPage();
      const statuses: number[] = [];
      page.on('response', (response) => {
        if (new URL(response.url()).pathname === '/api/webchat/token') statuses.push(response.status());
      });
      await page.goto(hostOrigin);
      await page.getByRole('button', { name: 'Etwas Verdächtiges melden' }).click();
      const frame = page.frameLocator('iframe[title="Etwas Verdächtiges melden"]');
      await frame.getByText('Willkommen bei Shield Reporter').first().waitFor({ timeout: 30_000 });
      await frame.locator('[data-id="webchat-sendbox-input"]').fill('melden');
      await frame.locator('[data-id="webchat-sendbox-input"]').press('Enter');
      await frame
        .getByText(/Zuerst: Ist jemand in Gefahr/)
        .last()
        .waitFor({ timeout: 30_000 });
      assert.deepEqual(statuses, [403, 200], 'a challenge first, then the token for its solution');
      await page.close();
    } finally {
      host.close();
    }
  });

  it('loads no solver when the service is not under pressure', async () => {
    // The shared test keys put the lag and in-flight thresholds out of a busy test machine's reach.
    await serve({});
    const { statuses, workerLoaded } = await reachTheBot();
    assert.deepEqual(statuses, [200]);
    assert.equal(workerLoaded, false, 'the worker and altcha-lib are fetched only for a challenge');
  });
});
