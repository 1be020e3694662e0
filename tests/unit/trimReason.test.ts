import { describe, expect, it } from 'vitest';
import { trimReason } from '../../src/log/trimReason';

const limits = { maxEntries: 100_000, maxBytes: 256 * 1024 * 1024 };

describe('trimReason', () => {
  it('names the entry count when only the count trimmed', () => {
    expect(trimReason(500, 0, limits)).toBe('the log keeps the newest 100,000');
  });

  it('names the byte budget when only the budget trimmed', () => {
    expect(trimReason(500, 500, limits)).toBe('the log keeps at most 256.0 MiB of payloads');
  });

  it('names both when both trimmed', () => {
    expect(trimReason(500, 20, limits)).toBe('the log keeps the newest 100,000 and at most 256.0 MiB of payloads');
  });
});
