import { inject, expect, it } from 'vitest';
import { runBench, SMOKE } from '../../bench/run.js';

// NOTE: a smoke run only: small numbers and no speed thresholds, since these machines are noisy.
// It proves `npm run bench` measures what it claims; the figures come from the full run.
it('the bench runs end to end and the app counts every message exactly', { timeout: 120_000 }, async () => {
  const results = await runBench({ dist: inject('distDir'), plan: SMOKE });
  expect(results.firehoses.map((r) => r.n)).toEqual(SMOKE.firehoses);
  for (const r of results.firehoses) {
    expect(r.exact).toBe(true);
    expect(r.newestVisible).toBe(true);
    expect(r.bareRate).toBeGreaterThan(0);
    expect(r.appRate).toBeGreaterThan(0);
  }
  expect(results.firehoses.at(-1)?.filterMs).not.toBeNull();
  // Each big run resolves only once the message is counted and its row is in the log.
  expect(results.big.map((r) => r.type)).toEqual(['text', 'binary']);
  for (const r of results.big) expect(r.appMs).toBeGreaterThan(0);
});
