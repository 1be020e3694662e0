import { inject, expect, it } from 'vitest';
import { LOG_BUDGET_BYTES, runBench, SMOKE } from '../../bench/run.js';
import { DEFAULT_LOG_LIMITS } from '../../src/session/logBuffer';

// NOTE: a smoke run only: small numbers and no speed thresholds, since these machines are noisy.
// It proves `npm run bench` measures what it claims; the figures come from the full run.
it('the bench runs end to end and the app counts every message exactly', { timeout: 240_000 }, async () => {
  expect(LOG_BUDGET_BYTES).toBe(DEFAULT_LOG_LIMITS.maxBytes);
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

  // The matrix: one text, one JSON and one binary row, each counted exactly by the app, each with
  // the bare page that keeps what it receives beside the one that only counts.
  expect(results.matrix.map((r) => r.type)).toEqual(['text', 'json', 'binary']);
  for (const r of results.matrix) {
    expect(r.exact).toBe(true);
    expect(r.bareRate).toBeGreaterThan(0);
    expect(r.ratio).toBeGreaterThan(0);
    expect(r.keepingRates).toHaveLength(SMOKE.rounds);
    expect(r.keepingRatio).toBeGreaterThan(0);
    expect(r.appPerKeeping).toBeGreaterThan(0);
  }
  expect(results.typing?.keysMeasured).toBeGreaterThan(0);
  // Four tabs at once, every tab's counter exact.
  expect(results.tabs).toMatchObject({ tabs: 4, exact: true });
  expect(results.tabs?.appRate).toBeGreaterThan(0);
  // Renderer memory is read from the operating system, and the log reports what it keeps.
  for (const r of results.memory) {
    expect(r.beforeMB).toBeGreaterThan(10);
    expect(r.afterMB).toBeGreaterThan(10);
    expect(r.keptEntries).toBeGreaterThanOrEqual(r.n);
  }
  expect(results.memory[0]?.afterClearMB).not.toBeNull();
});
