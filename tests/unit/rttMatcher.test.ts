import { describe, expect, it } from 'vitest';
import { payloadKey, payloadShape, RTT_EXPIRY_MS, RttMatcher } from '../../src/stats/rttMatcher';

const bytes = (...values: number[]) => new Uint8Array(values).buffer;

describe('RttMatcher', () => {
  it('matches a received payload to the sent one and gives the round trip', () => {
    const m = new RttMatcher();
    m.sent('hello', 100);
    expect(m.pending).toBe(1);
    expect(m.received('other', 110)).toBeNull();
    expect(m.received('hello', 112.5)).toBe(12.5);
    expect(m.pending).toBe(0);
    expect(m.received('hello', 120)).toBeNull(); // one echo per send
    expect(m.summary()).toMatchObject({ last: 12.5, median: 12.5, p95: 12.5, count: 1, matched: 1 });
  });

  it('matches equal payloads first in, first out', () => {
    const m = new RttMatcher();
    m.sent('ping', 0);
    m.sent('pong', 5);
    m.sent('ping', 10);
    expect(m.received('ping', 20)).toBe(20);
    expect(m.received('ping', 21)).toBe(11);
    expect(m.received('pong', 30)).toBe(25);
    expect(m.pending).toBe(0);
  });

  it('forgets sends older than the expiry', () => {
    const m = new RttMatcher();
    m.sent('late', 0);
    m.sent('fresh', 30_000);
    expect(m.received('late', RTT_EXPIRY_MS + 1)).toBeNull();
    expect(m.pending).toBe(1);
    expect(m.received('fresh', 30_000 + RTT_EXPIRY_MS - 1)).toBe(RTT_EXPIRY_MS - 1);
    m.sent('x', 100_000);
    m.sent('y', 200_000); // a send also expires what is too old
    expect(m.pending).toBe(1);
    expect(m.received('x', 200_001)).toBeNull();
  });

  it('remembers at most maxPending sends, dropping the oldest', () => {
    const m = new RttMatcher(3);
    for (let i = 0; i < 10; i++) m.sent(`m${i}`, i);
    expect(m.remembered).toBe(3);
    expect(m.pending).toBe(3);
    expect(m.received('m6', 20)).toBeNull();
    expect(m.received('m7', 20)).toBe(13);
    // Matched sends keep their slot until overwritten; pending never goes negative.
    for (let i = 10; i < 20; i++) m.sent('same', i);
    expect(m.pending).toBe(3);
    expect(m.received('same', 30)).toBe(13);
  });

  it('keeps memory bounded under a long stream of unmatched sends', () => {
    const m = new RttMatcher(1000);
    for (let i = 0; i < 100_000; i++) m.sent(`payload ${i}`, i * 0.01);
    expect(m.remembered).toBe(1000);
    expect(m.pending).toBe(1000);
    expect(m.received('payload 99000', 2000)).toBeCloseTo(2000 - 990, 6);
    expect(m.received('payload 98999', 2000)).toBeNull();
  });

  it('gives median and p95 of the kept samples, computed on demand and bounded', () => {
    const m = new RttMatcher(1000, RTT_EXPIRY_MS, 100);
    expect(m.summary()).toEqual({ last: null, median: null, p95: null, count: 0, matched: 0 });
    for (let rtt = 1; rtt <= 100; rtt++) {
      m.sent(`k${rtt}`, 0);
      m.received(`k${rtt}`, rtt);
    }
    expect(m.summary()).toMatchObject({ last: 100, median: 50.5, p95: 95, count: 100, matched: 100 });
    // Only the newest 100 samples are kept: 200 more of 1000 ms push the old ones out.
    for (let i = 0; i < 200; i++) {
      m.sent('slow', 1000);
      m.received('slow', 2000);
    }
    expect(m.summary()).toMatchObject({ last: 1000, median: 1000, p95: 1000, count: 100, matched: 300 });
  });

  it('median of an odd count is the middle sample; p95 is the nearest rank', () => {
    const m = new RttMatcher();
    for (const rtt of [30, 10, 20]) {
      m.sent('a', 0);
      m.received('a', rtt);
    }
    expect(m.summary()).toMatchObject({ last: 20, median: 20, p95: 30 });
  });

  it('unsend forgets the newest waiting send (a send that failed)', () => {
    const m = new RttMatcher();
    m.sent('a', 0);
    m.sent('a', 1);
    m.unsend('a');
    expect(m.pending).toBe(1);
    expect(m.received('a', 5)).toBe(5);
    expect(m.received('a', 6)).toBeNull();
  });

  it('reset forgets pending sends and samples', () => {
    const m = new RttMatcher();
    m.sent('a', 0);
    m.sent('b', 0);
    m.received('a', 1);
    m.reset();
    expect(m.pending).toBe(0);
    expect(m.received('b', 2)).toBeNull();
    expect(m.summary().last).toBeNull();
  });
});

describe('payloadKey', () => {
  it('is the text itself for ordinary text', () => {
    expect(payloadKey('hello')).toBe('hello');
    expect(payloadKey('')).toBe('');
  });

  it('keys binary payloads by length and first 32 bytes, never equal to a text key', () => {
    expect(payloadKey(bytes(0xde, 0xad, 0xbe, 0xef))).toBe('\u0000b:4:\u00de\u00ad\u00be\u00ef');
    expect(payloadKey(bytes(0xde, 0xad, 0xbe, 0xef))).toBe(payloadKey(bytes(0xde, 0xad, 0xbe, 0xef)));
    expect(payloadKey(bytes(1, 2))).not.toBe(payloadKey(bytes(1, 2, 3)));
    expect(payloadKey(new ArrayBuffer(0))).toBe('\u0000b:0:');
    const big = new Uint8Array(1000).map((_, i) => i & 0xff);
    const key = payloadKey(big.buffer);
    expect(key).toBe(`\u0000b:1000:${String.fromCharCode(...big.slice(0, 32))}`);
    big[31] = 99; // the 32nd byte is part of the key, the 33rd is not
    expect(payloadKey(big.buffer)).not.toBe(key);
    big[31] = 31;
    big[32] = 99;
    expect(payloadKey(big.buffer)).toBe(key);
    expect(payloadKey('b:4:deadbeef')).not.toBe(payloadKey(bytes(0xde, 0xad, 0xbe, 0xef)));
  });

  it('keys long text by its length and ends, so a key stays small', () => {
    const long = 'a'.repeat(10_000) + 'z';
    const key = payloadKey(long);
    expect(key.length).toBeLessThan(200);
    expect(payloadKey('a'.repeat(10_000) + 'z')).toBe(key);
    expect(payloadKey('a'.repeat(10_001) + 'z')).not.toBe(key);
  });

  it('matches binary echoes through the matcher', () => {
    const m = new RttMatcher();
    m.sent(payloadKey(bytes(1, 2, 3)), 0);
    expect(m.received(payloadKey(bytes(1, 2, 4)), 3)).toBeNull();
    expect(m.received(payloadKey(bytes(1, 2, 3)), 4)).toBe(4);
  });
});

describe('RttMatcher with payloads', () => {
  it('matches text and binary payloads and tells them apart', () => {
    const m = new RttMatcher();
    m.sentPayload('de', 0);
    m.sentPayload(bytes(0xde), 1);
    expect(m.receivedPayload(bytes(0xde), 5)).toBe(4);
    expect(m.receivedPayload('de', 6)).toBe(6);
    expect(m.pending).toBe(0);
  });

  it('rejects a payload of a shape nothing waiting has, before building its key', () => {
    const m = new RttMatcher();
    m.sentPayload('never echoed', 0);
    m.sentPayload(bytes(1, 2, 3), 0);
    expect(payloadShape('x'.repeat(12))).toBe(payloadShape('never echoed'));
    expect(m.receivedPayload('x'.repeat(12), 1)).toBeNull(); // same shape: keyed, no match
    expect(m.receivedPayload('other length', 1)).toBeNull();
    expect(m.receivedPayload(bytes(1, 2), 1)).toBeNull();
    expect(m.pending).toBe(2);
    // Matched, expired and unsent sends all release their shape.
    expect(m.receivedPayload(bytes(1, 2, 3), 2)).toBe(2);
    m.sentPayload('a', 10);
    m.unsend(payloadKey('a'));
    expect(m.receivedPayload('a', 11)).toBeNull();
    expect(m.receivedPayload('never echoed', RTT_EXPIRY_MS + 1)).toBeNull();
    expect(m.pending).toBe(0);
    expect((m as unknown as { shapeCounts: Map<number, number> }).shapeCounts.size).toBe(0);
  });

  it('keeps shape counts exact when the oldest sends are dropped for room', () => {
    const m = new RttMatcher(2);
    m.sentPayload('aa', 0);
    m.sentPayload('bbb', 0);
    m.sentPayload('cccc', 0); // drops 'aa'
    expect(m.receivedPayload('aa', 1)).toBeNull();
    expect(m.receivedPayload('bbb', 1)).toBe(1);
    expect(m.receivedPayload('cccc', 1)).toBe(1);
    expect((m as unknown as { shapeCounts: Map<number, number> }).shapeCounts.size).toBe(0);
  });
});
