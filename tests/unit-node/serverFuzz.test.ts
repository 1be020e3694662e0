// @vitest-environment node
// Throws random and malformed HTTP requests, upgrade requests and WebSocket frames at serve.js
// (a child process on 127.0.0.1), then checks that it still echoes and that its memory stayed bounded.
import fc from 'fast-check';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { clientFrame, rawExchange, startChildServer, type ChildServer } from './serverChild';

/** Bounded in count and time: this many requests, at most this long. */
const REQUESTS = 3000;
const TIME_BUDGET_MS = 25_000;
const CONCURRENCY = 24;
/** A complete request must be answered (bytes or a close) within this. */
const ANSWER_MS = 3000;
/** After the first answer, how long to keep listening (frames flow meanwhile). */
const LINGER_MS = 200;
/** The server's RSS may grow by at most this across the whole run. */
const RSS_GROWTH_LIMIT_MB = 150;

let server: ChildServer;

beforeAll(async () => {
  server = await startChildServer();
});

afterAll(async () => {
  await server?.stop();
});

const paths = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(
    '/echo', '/proto', '/ticker', '/drop', '/close?code=4001&reason=bye', '/close?code=1005', '/firehose?n=1000&size=64',
    '/firehose?n=-1&size=1e99', '/big?size=99999999999&type=binary', '/big?size=65536', '//', '///echo', '/app/', '/index.html',
    '/../index.html', '/%2e%2e/%2e%2e/etc/passwd', '/%', '/%00', '/%ZZ', '*', '@x:99999', ':99999', 'http://a:99999/echo',
    'ws://[::1/echo', `/${'a'.repeat(9000)}`, '/echo?' + '%'.repeat(100), '/\\\\evil', '/echo#frag', '',
  ) },
  { weight: 2, arbitrary: fc.webPath() },
  { weight: 1, arbitrary: fc.string({ maxLength: 40 }) },
);
const methods = fc.oneof(fc.constantFrom('GET', 'GET', 'GET', 'HEAD', 'POST', 'PUT', 'OPTIONS', 'DELETE', 'get', 'BREW', 'CONNECT'), fc.string({ maxLength: 8 }));
const versions = fc.constantFrom('HTTP/1.1', 'HTTP/1.1', 'HTTP/1.1', 'HTTP/1.0', 'HTTP/2.0', 'HTTP/0.9', 'HTTX/1.1', '');
const headerLines = fc.subarray([
  'Host: 127.0.0.1', 'Upgrade: websocket', 'Connection: Upgrade', 'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==',
  'Sec-WebSocket-Version: 13',
]);
const FULL_UPGRADE = [
  'Host: 127.0.0.1', 'Upgrade: websocket', 'Connection: Upgrade', 'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==', 'Sec-WebSocket-Version: 13',
];
const oddHeaders = fc.array(fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(
    'Sec-WebSocket-Version: 8', 'Sec-WebSocket-Version: 99999999999999', 'Sec-WebSocket-Key: short', 'Sec-WebSocket-Key: ',
    'Sec-WebSocket-Protocol: vite-hmr', 'Sec-WebSocket-Protocol: vite-ping', 'Sec-WebSocket-Protocol: chat, json',
    'Sec-WebSocket-Protocol: ,,, ', 'Sec-WebSocket-Extensions: permessage-deflate',
    'Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits', 'Sec-WebSocket-Extensions: permessage-deflate; server_max_window_bits=7',
    'Sec-WebSocket-Extensions: permessage-deflate; server_max_window_bits=99', 'Sec-WebSocket-Extensions: x-unknown; a="b',
    'Upgrade: h2c', 'Upgrade: websocket, websocket', 'Connection: keep-alive, Upgrade', 'Content-Length: 5', 'Content-Length: -1',
    'Transfer-Encoding: chunked', 'Expect: 100-continue', 'Host:', `X-Long: ${'x'.repeat(20000)}`, 'Bad Header: x', ': empty name',
  ) },
  { weight: 1, arbitrary: fc.tuple(fc.string({ maxLength: 12 }), fc.string({ maxLength: 30 })).map(([name, value]) => `${name}: ${value}`) },
), { maxLength: 2 });

/** One WebSocket frame, well formed or not. */
const frame = fc.oneof(
  fc.record({
    opcode: fc.integer({ min: 0, max: 15 }),
    payload: fc.uint8Array({ maxLength: 300 }),
    fin: fc.boolean(),
    rsv1: fc.boolean(),
  }).map(({ opcode, payload, fin, rsv1 }) => clientFrame(opcode, Buffer.from(payload), { fin, rsv1 })),
  // Unmasked, or claiming a length far beyond what follows.
  fc.uint8Array({ minLength: 2, maxLength: 64 }).map((bytes) => Buffer.from(bytes)),
  fc.constant(Buffer.from([0x82, 0xff, 0x7f, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 1, 2, 3, 4])),
  fc.constant(Buffer.from([0x81, 0xfe, 0xff, 0xff, 1, 2, 3, 4, 0x61])),
);

type Case = { bytes: Buffer; frames: Buffer | undefined; complete: boolean };

/** A request line and header lines, then maybe frames once the server answers. */
function request(method: fc.Arbitrary<string>, version: fc.Arbitrary<string>, base: fc.Arbitrary<string[]>): fc.Arbitrary<Case> {
  return fc.record({ method, path: paths, version, base, odd: oddHeaders, frames: fc.option(fc.array(frame, { maxLength: 6 }), { freq: 4 }) })
    .map(({ method, path, version, base, odd, frames }) => ({
      bytes: Buffer.from(`${method} ${path} ${version}\r\n${[...base, ...odd].map((h) => `${h}\r\n`).join('')}\r\n`, 'latin1'),
      frames: frames ? Buffer.concat(frames) : undefined,
      complete: true,
    }));
}

const requests: fc.Arbitrary<Case> = fc.oneof(
  // Upgrades that are well formed but for the path, the odd headers and the frames that follow.
  { weight: 10, arbitrary: request(fc.constant('GET'), fc.constant('HTTP/1.1'), headerLines.map(() => FULL_UPGRADE)) },
  { weight: 4, arbitrary: request(methods, versions, headerLines) },
  { weight: 1, arbitrary: fc.uint8Array({ maxLength: 600 }).map((bytes) => ({ bytes: Buffer.from(bytes), frames: undefined, complete: false })) },
);

/** Sends one /echo message with the ws client and resolves with the echo. */
async function echoes(port: number, text: string): Promise<string> {
  const ws = new WebSocket(`ws://127.0.0.1:${port}/echo`);
  await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
  const reply = new Promise<string>((resolve) => ws.once('message', (data: Buffer) => resolve(data.toString())));
  ws.send(text);
  const result = await reply;
  ws.close();
  return result;
}

it('survives thousands of random requests and frames, still echoes, and its RSS stays bounded', async () => {
  expect(await echoes(server.port, 'before')).toBe('before');
  const rssBefore = await server.rssMB();
  const cases = fc.sample(requests, { numRuns: REQUESTS, seed: 20261201 });
  const statuses = new Map<string, number>();
  let sent = 0;
  let withFrames = 0;
  const unanswered: string[] = [];
  const started = Date.now();
  let next = 0;
  const worker = async () => {
    while (next < cases.length && Date.now() - started < TIME_BUDGET_MS) {
      const c = cases[next++]!;
      sent++;
      if (c.frames) withFrames++;
      const result = await rawExchange(server.port, c.bytes, ANSWER_MS, c.frames, LINGER_MS);
      const status = /^HTTP\/1\.1 (\d{3})/.exec(result.data.toString('latin1'))?.[1] ?? (result.data.length ? 'other bytes' : result.closed ? 'closed' : 'silent');
      statuses.set(status, (statuses.get(status) ?? 0) + 1);
      if (c.complete && status === 'silent') unanswered.push(c.bytes.toString('latin1').slice(0, 200));
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  const seconds = (Date.now() - started) / 1000;
  // Let the server finish closing what was cut off.
  await new Promise((resolve) => setTimeout(resolve, 500));
  const rssAfter = await server.rssMB();
  const tally = [...statuses].sort((a, b) => b[1] - a[1]).map(([s, n]) => `${s}: ${n}`).join(', ');
  console.log(`fuzz: ${sent} requests (${withFrames} followed by random frames) in ${seconds.toFixed(1)} s; answers ${tally}; ` +
    `server RSS before ${rssBefore} MB, after ${rssAfter} MB`);

  expect(server.exited()).toBe(false);
  expect(sent).toBeGreaterThanOrEqual(1000);
  expect(unanswered).toEqual([]);
  expect(await echoes(server.port, 'after')).toBe('after');
  expect(rssAfter - rssBefore).toBeLessThan(RSS_GROWTH_LIMIT_MB);
}, 60_000);
