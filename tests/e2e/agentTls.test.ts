/**
 * The local agent's client certificate and HTTP CONNECT proxy, end to end: a wss server that
 * demands a client certificate (mutual TLS) and a proxy, both started here on 127.0.0.1.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { connect as tcpConnect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TLSSocket } from 'node:tls';
import type { Page } from 'playwright-core';
import { generate } from 'selfsigned';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocketServer } from 'ws';
import { connectTo, handshake, useLocalAgent } from './agentHelpers';
import { useApp } from './harness';
import { button, exactName, sendMessage, waitForRow, waitForState } from './helpers';

const app = useApp();
let mtls: Server;
let plain: Server;
let proxy: Server;
let mtlsBase = '';
let wsBase = '';
let proxyUrl = '';
let dir = '';
let certPath = '';
let keyPath = '';
let otherKeyPath = '';
/** The CONNECT targets the proxy was asked for. */
const tunnels: string[] = [];

async function listen(server: Server): Promise<number> {
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', () => ok()));
  return (server.address() as { port: number }).port;
}

beforeAll(async () => {
  const wss = new WebSocketServer({ noServer: true });
  // A test CA signs the client's certificate; the server trusts that CA and has a self-signed certificate of its own.
  const options = { keySize: 2048, algorithm: 'sha256' };
  const ca = await generate([{ name: 'commonName', value: 'Test CA' }], { ...options, extensions: [{ name: 'basicConstraints', cA: true }, { name: 'keyUsage', keyCertSign: true, digitalSignature: true }] });
  const client = await generate([{ name: 'commonName', value: 'tester-client' }], {
    ...options,
    ca: { key: ca.private, cert: ca.cert },
    extensions: [{ name: 'extKeyUsage', clientAuth: true }, { name: 'keyUsage', digitalSignature: true, keyEncipherment: true }],
  });
  const server = await generate([{ name: 'commonName', value: 'localhost' }], options);
  dir = mkdtempSync(join(tmpdir(), 'agent-tls-'));
  certPath = join(dir, 'client.crt');
  keyPath = join(dir, 'client.key');
  writeFileSync(certPath, client.cert);
  writeFileSync(keyPath, client.private);
  otherKeyPath = join(dir, 'other.key');
  writeFileSync(otherKeyPath, server.private);
  mtls = createHttpsServer({ key: server.private, cert: server.cert, ca: ca.cert, requestCert: true, rejectUnauthorized: true });
  mtls.on('upgrade', (req, socket, head) => {
    const peer = (req.socket as TLSSocket).getPeerCertificate();
    wss.handleUpgrade(req, socket, head, (ws) => ws.send(`client certificate: ${String(peer.subject?.CN)}`));
  });
  mtlsBase = `wss://127.0.0.1:${await listen(mtls)}`;

  plain = createServer();
  plain.on('upgrade', (req, socket, head) => wss.handleUpgrade(req, socket, head, (ws) => ws.on('message', (data, isBinary) => ws.send(data, { binary: isBinary }))));
  wsBase = `ws://127.0.0.1:${await listen(plain)}`;

  // An HTTP CONNECT proxy: records the target, then pipes bytes both ways.
  proxy = createServer((_req, res) => res.writeHead(405).end());
  proxy.on('connect', (req, client, head) => {
    tunnels.push(req.url ?? '');
    const [host, port] = (req.url ?? '').split(':');
    const upstream = tcpConnect(Number(port), host, () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    upstream.on('error', () => client.end('HTTP/1.1 502 Bad Gateway\r\n\r\n'));
    client.on('error', () => upstream.destroy());
  });
  proxyUrl = `http://127.0.0.1:${await listen(proxy)}`;
});

afterAll(async () => {
  for (const server of [mtls, plain, proxy]) {
    server?.closeAllConnections();
    await new Promise((ok) => server?.close(ok));
  }
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const field = (p: Page, name: string) => p.getByRole('textbox', { name: exactName(name) });

/** A page using the local agent with certificate checks off (the test server's certificate is self-signed) and the TLS options open. */
async function tlsPage(): Promise<Page> {
  const p = await useLocalAgent(await app.newPage());
  await p.getByRole('checkbox', { name: exactName('Verify certificate') }).uncheck();
  await p.getByText('Client certificate and proxy').click();
  return p;
}

describe('Local agent: client certificate and proxy', () => {
  it('a server that demands a client certificate refuses the connection without one, and accepts it with the PEM certificate and key', async () => {
    const page = await tlsPage();
    await connectTo(page, `${mtlsBase}/`, 'CLOSED');
    await waitForState(page, 'CLOSED');
    await waitForRow(page, 'error', (t) => t.includes('the server requires a client certificate: set Client certificate and Client key'));
    await field(page, 'Client certificate').fill(certPath);
    await field(page, 'Client key').fill(keyPath);
    await button(page, 'Connect').click();
    await waitForState(page, 'OPEN');
    await waitForRow(page, 'received', (t) => t.includes('client certificate: tester-client'));
    expect(await handshake(page).textContent()).toContain('HTTP/1.1 101 Switching Protocols');
    expect(app.pageErrors).toEqual([]);
  });

  it('a client key that does not belong to the certificate is named', async () => {
    const page = await tlsPage();
    await field(page, 'Client certificate').fill(certPath);
    await field(page, 'Client key').fill(otherKeyPath);
    await connectTo(page, `${mtlsBase}/`, 'CLOSED');
    await waitForRow(page, 'error', (t) => t.includes('the client key does not belong to the client certificate'));
    await waitForState(page, 'CLOSED');
  });

  it('a client certificate path that does not exist is named, and nothing is opened', async () => {
    const page = await tlsPage();
    await field(page, 'Client certificate').fill(join(dir, 'missing.crt'));
    await field(page, 'Client key').fill(keyPath);
    await connectTo(page, `${mtlsBase}/`, 'CLOSED');
    await waitForRow(page, 'error', (t) => t.includes('missing.crt'));
    await waitForState(page, 'CLOSED');
  });

  it('goes through an HTTP CONNECT proxy: the proxy sees the tunnel, messages echo', async () => {
    const page = await tlsPage();
    await field(page, 'Proxy URL').fill(proxyUrl);
    const before = tunnels.length;
    await connectTo(page, `${wsBase}/echo`);
    expect(tunnels.slice(before)).toEqual([new URL(wsBase).host]);
    await sendMessage(page, 'through the proxy');
    await waitForRow(page, 'received', (t) => t.includes('through the proxy'));
  });

  it('a proxy that is not listening is named in the log, and the connection closes', async () => {
    const page = await tlsPage();
    const dead = createServer();
    const port = await listen(dead);
    await new Promise((ok) => dead.close(ok));
    await field(page, 'Proxy URL').fill(`http://127.0.0.1:${port}`);
    await connectTo(page, `${wsBase}/echo`, 'CLOSED');
    await waitForRow(page, 'error', (t) => /ECONNREFUSED|refused/i.test(t));
    await waitForState(page, 'CLOSED');
  });
});
