// @vitest-environment node
// Local Echo's memory stays bounded whatever a client asks for and however slowly it reads,
// measured on serve.js in a child process (VmRSS from /proc).
import { once } from 'node:events';
import { connect, type Socket } from 'node:net';
import { constants, createDeflateRaw } from 'node:zlib';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { clientFrame, startChildServer, upgradeRequest, type ChildServer } from './serverChild';

const MiB = 1024 * 1024;
let server: ChildServer;

// A fresh server for each test, so that one test's memory is not counted in the next.
beforeEach(async () => {
  server = await startChildServer();
});

afterEach(async () => {
  await server?.stop();
});

/** Completes a raw handshake for `path` and resolves with the socket, paused unless `read`. */
async function handshake(path: string, extra: string[] = []): Promise<{ socket: Socket; received: Buffer[] }> {
  const socket = connect(server.port, '127.0.0.1');
  const received: Buffer[] = [];
  socket.on('data', (chunk) => received.push(chunk));
  socket.write(upgradeRequest(path, extra));
  while (!Buffer.concat(received).includes('\r\n\r\n')) await new Promise((resolve) => setTimeout(resolve, 5));
  expect(Buffer.concat(received).toString('latin1')).toMatch(/^HTTP\/1\.1 101 /);
  return { socket, received };
}

const settle = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

it('eight clients that ask /big for 64 MiB and never read hold only a few MB of the server', async () => {
  const before = await server.rssMB();
  const clients = await Promise.all(Array.from({ length: 8 }, async () => {
    const client = await handshake('/big?size=67108864&type=binary');
    client.socket.pause();
    return client;
  }));
  await settle(1500);
  const during = await server.rssMB();
  console.log(`8 paused /big clients: server RSS ${before} MB before, ${during} MB with them open`);
  for (const { socket } of clients) socket.destroy();
  // Each would hold 64 MiB if the message were built before sending.
  expect(during - before).toBeLessThan(64);
});

it('a client that sends to /echo without reading the echoes fills its own buffers, not the server', async () => {
  const { socket } = await handshake('/echo');
  socket.pause();
  const before = await server.rssMB();
  const message = clientFrame(2, Buffer.alloc(MiB, 7));
  for (let i = 0; i < 96; i++) socket.write(message);
  await settle(1500);
  const during = await server.rssMB();
  console.log(`/echo, 96 MiB sent and not read: server RSS ${before} MB before, ${during} MB after`);
  socket.destroy();
  expect(during - before).toBeLessThan(48);
});

/** A permessage-deflate payload that inflates to `inflated` zero bytes (without the 00 00 ff ff tail). */
async function deflateBomb(inflated: number): Promise<Buffer> {
  const deflate = createDeflateRaw();
  const chunks: Buffer[] = [];
  deflate.on('data', (chunk: Buffer) => chunks.push(chunk));
  const zeros = Buffer.alloc(MiB);
  for (let i = 0; i < inflated / MiB; i++) if (!deflate.write(zeros)) await once(deflate, 'drain');
  await new Promise<void>((resolve) => deflate.flush(constants.Z_SYNC_FLUSH, () => resolve()));
  const all = Buffer.concat(chunks);
  return all.subarray(0, all.length - 4);
}

it('a compressed /echo message that inflates past maxPayload is closed with 1009, memory bounded', async () => {
  const bomb = await deflateBomb(256 * MiB);
  const { socket, received } = await handshake('/echo', ['Sec-WebSocket-Extensions: permessage-deflate']);
  expect(Buffer.concat(received).toString('latin1')).toMatch(/Sec-WebSocket-Extensions: permessage-deflate/i);
  const before = await server.rssMB();
  let peak = before;
  const sampler = setInterval(() => void server.rssMB().then((mb) => (peak = Math.max(peak, mb))), 20);
  const frameAt = Buffer.concat(received).indexOf('\r\n\r\n') + 4;
  socket.write(clientFrame(2, bomb, { rsv1: true }));
  while (Buffer.concat(received).length < frameAt + 4) await settle(10);
  clearInterval(sampler);
  socket.destroy();
  const bytes = Buffer.concat(received);
  console.log(`deflate bomb of ${bomb.length} B (256 MiB inflated): server RSS ${before} MB before, peak ${peak} MB`);
  // The server's close frame: 0x88, length, then the code.
  expect(bytes[frameAt]).toBe(0x88);
  expect(bytes.readUInt16BE(frameAt + 2)).toBe(1009);
  expect(peak - before).toBeLessThan(200);
}, 30_000);
