import { act, fireEvent, render, screen } from '@testing-library/react';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { LogList } from '../../src/components/LogList';
import { ROW_HEIGHT } from '../../src/components/LogRow';
import { LogBuffer } from '../../src/session/logBuffer';
import { mockLayout } from './support/layout';

// The log's viewport: 260 px, ten rows.
beforeAll(() => mockLayout(10 * ROW_HEIGHT, 1000));
afterAll(() => vi.restoreAllMocks());

function filled(n: number): LogBuffer {
  const log = new LogBuffer({ maxEntries: 100_000, maxBytes: Number.MAX_SAFE_INTEGER });
  for (let i = 1; i <= n; i++) log.append(i * 1000, 'received', `message ${i}`, 10, null, null);
  return log;
}

const shownSeqs = () => [...screen.getByRole('log', { name: 'Messages' }).querySelectorAll<HTMLElement>('[data-seq]')].map((row) => Number(row.dataset.seq));

function show(log: LogBuffer, version: number) {
  return <LogList view={log} version={version} lastSeq={log.lastSeq} selectedSeq={null} onOpen={() => {}} />;
}

describe('LogList', () => {
  it('opens a log at its oldest rows; once it grows, renders only the newest rows that fit, the newest the moment it is added', () => {
    const log = filled(10_000);
    const { rerender } = render(show(log, 1));
    expect(shownSeqs()[0]).toBe(1);
    log.append(10_001_000, 'received', 'the newest', 10, null, null);
    rerender(show(log, 2));
    const seqs = shownSeqs();
    expect(seqs.at(-1)).toBe(10_001);
    expect(seqs.length).toBeLessThanOrEqual(12);
    expect(screen.getByText('the newest')).toBeInTheDocument();
  });

  it('once scrolled up, renders the rows at the offset, keeps them as more arrive, and offers Jump to latest', () => {
    const log = filled(10_000);
    const { rerender } = render(show(log, 1));
    const scroller = screen.getByRole('log', { name: 'Messages' });
    act(() => {
      scroller.scrollTop = 500 * ROW_HEIGHT;
      fireEvent.scroll(scroller);
    });
    const seqs = shownSeqs();
    expect(seqs).toContain(501);
    expect(seqs).not.toContain(10_000);
    for (let i = 0; i < 5; i++) log.append(20_000_000 + i, 'received', `later ${i}`, 10, null, null);
    rerender(show(log, 2));
    expect(shownSeqs()).toEqual(seqs);
    expect(screen.getByRole('button', { name: 'Jump to latest' })).toHaveTextContent('5 new below');
  });
});
