// @vitest-environment node
// Node's File streams, as the browser's does (jsdom's has no stream()).
import { describe, expect, it } from 'vitest';
import { isAbortError, readLogFile } from '../../src/export/readLogFile';

const T = Date.UTC(2025, 5, 1);
const limits = { maxEntries: 1000, maxBytes: 1 << 20 };

function fileOf(lines: string[], name = 'log.jsonl'): File {
  return new File([lines.join('\n') + '\n'], name);
}

describe('readLogFile', () => {
  it('streams the file into a log bounded by the given limits, keeping the newest entries', async () => {
    const lines = Array.from({ length: 5000 }, (_, i) => JSON.stringify({ time: T + i, kind: 'received', payload: `m${i} ✓` }));
    const progress: number[] = [];
    const { reader, log } = await readLogFile(fileOf(lines), { limits, onProgress: (read) => progress.push(read) });
    expect(reader.entryCount).toBe(5000);
    expect(log.length).toBe(1000);
    expect(log.trimmed).toBe(4000);
    expect(log.at(0)!.data).toBe('m4000 ✓');
    expect(log.at(999)!.data).toBe('m4999 ✓');
    expect(reader.counters.received).toBe(5000);
    expect(progress.at(-1)).toBe(fileOf(lines).size);
  });

  it('decodes characters split between stream chunks', async () => {
    const payload = '€'.repeat(40_000); // 120,000 bytes: crosses several 16 KiB pieces mid-character
    const { log, reader } = await readLogFile(fileOf([JSON.stringify({ time: T, kind: 'received', payload })]), { limits });
    expect(reader.problems).toEqual([]);
    expect(log.at(0)).toMatchObject({ data: payload, size: 120_000 });
  });

  it('rejects with an AbortError when cancelled', async () => {
    const controller = new AbortController();
    controller.abort();
    const error = await readLogFile(fileOf(['{}']), { limits, signal: controller.signal }).catch((e: unknown) => e);
    expect(isAbortError(error)).toBe(true);
  });
});
