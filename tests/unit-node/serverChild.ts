// Test helpers: server/serve.js in a child process (so its RSS can be read) and raw TCP exchanges.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const SERVE = join(import.meta.dirname, '../../server/serve.js');

export type ChildServer = { port: number; pid: number; rssMB(): Promise<number>; stop(): Promise<void>; exited(): boolean };

/** Starts serve.js (quiet, port 0) on a temporary root in a child process; resolves once it listens. */
export async function startChildServer(extraArgs: string[] = []): Promise<ChildServer> {
  const root = await mkdtemp(join(tmpdir(), 'serve-child-'));
  await writeFile(join(root, 'index.html'), '<!doctype html><html><head><title>child</title></head></html>');
  const child: ChildProcess = spawn(process.execPath, [SERVE, root, '--port', '0', '--quiet', ...extraArgs], { stdio: ['ignore', 'pipe', 'pipe'] });
  let exited = false;
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const port = await new Promise<number>((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const m = /http:\/\/127\.0\.0\.1:(\d+)\//.exec(out);
      if (m) resolve(Number(m[1]));
    });
    child.once('exit', (code) => reject(new Error(`serve.js exited with ${code}: ${stderr}`)));
  });
  child.once('exit', () => (exited = true));
  return {
    port,
    pid: child.pid ?? 0,
    exited: () => exited,
    async rssMB() {
      const status = await readFile(`/proc/${child.pid}/status`, 'utf8');
      const kB = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? NaN);
      return Math.round(kB / 1024);
    },
    async stop() {
      if (!exited) {
        const gone = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await gone;
      }
      await rm(root, { recursive: true, force: true });
    },
  };
}

export type RawExchange = { data: Buffer; closed: boolean };

/**
 * Opens a TCP connection to 127.0.0.1:port, writes `bytes` (then `after`, once a response has
 * begun), and resolves with what came back once the server closes, `ms` have passed, or
 * `lingerMs` have passed since the first bytes came back.
 */
export function rawExchange(port: number, bytes: Buffer | string, ms: number, after?: Buffer, lingerMs = ms): Promise<RawExchange> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    let settled = false;
    const finish = (closed: boolean) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      resolve({ data: Buffer.concat(chunks), closed });
    };
    const timer = setTimeout(() => finish(false), ms);
    socket.on('data', (chunk) => {
      if (chunks.length === 0) {
        if (after) socket.write(after);
        setTimeout(() => finish(false), lingerMs);
      }
      chunks.push(chunk);
    });
    socket.on('error', () => finish(true));
    socket.on('close', () => finish(true));
    socket.write(bytes);
  });
}

/** An upgrade request for `path` with the usual headers, plus `extra` header lines. */
export function upgradeRequest(path: string, extra: string[] = []): string {
  return [
    `GET ${path} HTTP/1.1`, 'Host: 127.0.0.1', 'Upgrade: websocket', 'Connection: Upgrade',
    'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==', 'Sec-WebSocket-Version: 13', ...extra, '', '',
  ].join('\r\n');
}

/** A client-to-server (masked) WebSocket frame. */
export function clientFrame(opcode: number, payload: Buffer, { fin = true, rsv1 = false } = {}): Buffer {
  const mask = Buffer.from([0x12, 0x34, 0x56, 0x78]);
  const length = payload.length;
  const header = length < 126 ? Buffer.alloc(2) : length < 65536 ? Buffer.alloc(4) : Buffer.alloc(10);
  header[0] = (fin ? 0x80 : 0) | (rsv1 ? 0x40 : 0) | opcode;
  if (length < 126) header[1] = 0x80 | length;
  else if (length < 65536) {
    header[1] = 0x80 | 126;
    header.writeUInt16BE(length, 2);
  } else {
    header[1] = 0x80 | 127;
    header.writeBigUInt64BE(BigInt(length), 2);
  }
  const masked = Buffer.alloc(length);
  for (let i = 0; i < length; i++) masked[i] = (payload[i] ?? 0) ^ (mask[i & 3] ?? 0);
  return Buffer.concat([header, mask, masked]);
}
