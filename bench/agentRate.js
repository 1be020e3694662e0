// @ts-check
/**
 * `npm run bench:agent`: the app's firehose rate through the local agent beside its rate through the
 * browser's own WebSocket, in one headless Chromium driven over the DevTools Protocol (as the bench).
 * Usage: node bench/agentRate.js [--dist dist] [--n 50000]
 */
import { resolve } from 'node:path';
import { startServer } from '../server/serve.js';
import { launchRaw } from './cdp.js';
import { appRun } from './inPage.js';
import { newAppPage } from './withPage.js';

const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** Runs in the page: picks Connect via Local agent and waits until Agent status says the agent answers. */
function chooseAgent() {
  const select = /** @type {HTMLSelectElement} */ (document.querySelector('select[aria-label="Connect via"]'));
  Object.getOwnPropertyDescriptor(HTMLSelectElement.prototype, 'value')?.set?.call(select, 'agent');
  select.dispatchEvent(new Event('change', { bubbles: true }));
  return new Promise((ok, fail) => {
    const started = Date.now();
    const check = () => {
      const status = document.querySelector('[aria-label="Agent status"]');
      if (status?.getAttribute('data-state') === 'ready') return ok(true);
      if (Date.now() - started > 10_000) return fail(new Error(`Agent status: ${status?.textContent}`));
      setTimeout(check, 20);
    };
    check();
  });
}

async function main() {
  const args = process.argv.slice(2);
  const flag = (/** @type {string} */ name, /** @type {string} */ fallback) => {
    const i = args.indexOf(`--${name}`);
    return i >= 0 ? (args[i + 1] ?? fallback) : fallback;
  };
  const dist = resolve(flag('dist', 'dist'));
  const n = Number(flag('n', '50000'));
  const server = await startServer({ root: dist, base: '/app/' });
  const browser = await launchRaw(process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', CHROMIUM_ARGS);
  try {
    const url = `${server.origin.replace(/^http/, 'ws')}/firehose?n=${n}&size=64`;
    /** @type {Record<string, number>} */
    const rates = {};
    for (const via of ['browser', 'agent', 'browser', 'agent']) {
      const page = await newAppPage(browser, server.url);
      try {
        if (via === 'agent') await page.evaluate(chooseAgent, null);
        const run = await page.evaluate(appRun, { url, n });
        const rate = Math.round(n / (run.ms / 1000));
        rates[via] = Math.max(rates[via] ?? 0, rate);
        console.log(`${via}: ${n} x 64 B at ${rate.toLocaleString('en-US')} msg/s (longest task ${Math.round(run.longestTaskMs)} ms)`);
      } finally {
        await page.close();
      }
    }
    const browserRate = rates['browser'] ?? 0;
    const agentRate = rates['agent'] ?? 0;
    console.log(JSON.stringify({ n, browserRate, agentRate, ratio: Math.round((agentRate / browserRate) * 1000) / 1000 }));
  } finally {
    await browser.close();
    await server.close();
  }
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
