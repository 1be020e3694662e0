import { describe, expect, it } from 'vitest';
import { browserEngine, socketErrorText, subprotocolNote } from '../../src/protocol/browserReports';

const FIREFOX_ESR = 'Mozilla/5.0 (X11; Linux x86_64; rv:153.0) Gecko/20100101 Firefox/153.0';
const CHROMIUM = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/142.0.0.0 Safari/537.36';
const EDGE = `${CHROMIUM} Edg/142.0.0.0`;
const SAFARI = 'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15';

describe('browserEngine', () => {
  it('tells Firefox, Chromium-based browsers and the rest apart', () => {
    expect(browserEngine(FIREFOX_ESR)).toBe('firefox');
    expect(browserEngine(CHROMIUM)).toBe('chromium');
    expect(browserEngine(EDGE)).toBe('chromium');
    expect(browserEngine(SAFARI)).toBe('other');
    expect(browserEngine('')).toBe('other');
  });
});

describe('socketErrorText', () => {
  it('quotes what each engine writes in its console', () => {
    expect(socketErrorText('firefox')).toContain('Firefox can’t establish a connection to the server at');
    expect(socketErrorText('firefox')).toContain('was interrupted while the page was loading');
    expect(socketErrorText('chromium')).toContain('WebSocket connection to … failed:');
    for (const engine of ['firefox', 'chromium', 'other'] as const) expect(socketErrorText(engine)).toMatch(/^The browser reported a WebSocket error.*console \(F12\)/);
  });
});

describe('subprotocolNote', () => {
  it('names the chosen subprotocol, or none when none was offered', () => {
    expect(subprotocolNote(['chat', 'json'], 'json')).toBe('json');
    expect(subprotocolNote([], '')).toBe('none');
  });

  it('explains an offer the server ignored, which Firefox accepts and Chromium refuses', () => {
    const note = subprotocolNote(['chat', 'json'], '');
    expect(note).toMatch(/^none: the server chose none of those offered \(chat, json\)/);
    expect(note).toContain('Firefox');
    expect(note).toContain('Chromium refuses');
  });
});
