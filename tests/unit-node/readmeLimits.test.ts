// @vitest-environment node
// The README's Local Echo section states the limits and headers the code really uses.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { SECURITY_HEADERS } from '../../server/csp.js';
import { DEFAULT_LIMITS } from '../../server/localEcho.js';
import { FIREHOSE_TYPES, firehoseMaker, JSON_MIN_SIZE } from '../../server/echoRoutes.js';

const readme = () => readFile(join(import.meta.dirname, '../../README.md'), 'utf8');

it('lists the exact headers serve.js sends, for other static hosts', async () => {
  const text = await readme();
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) expect(text).toContain(`${name}: ${value}\n`);
});

it('states the default limits', async () => {
  const text = await readme();
  expect(DEFAULT_LIMITS.maxPayload).toBe(64 * 1024 * 1024 + 64 * 1024);
  expect(text).toContain('| 64 MiB + 64 KiB | closed with 1009 |');
  expect(text).toContain(`| open WebSockets | ${DEFAULT_LIMITS.maxConnections} |`);
  expect(text).toContain(`| ${DEFAULT_LIMITS.idleTimeoutMs / 60_000} minutes | closed with 1001 \`Idle for ${DEFAULT_LIMITS.idleTimeoutMs / 1000} s\` |`);
  expect(text).toContain(`--max-payload ${DEFAULT_LIMITS.maxPayload}`);
});

it('describes the /firehose message kinds the server really sends', async () => {
  const row = (await readme()).split('\n').find((line) => line.startsWith('| `/firehose'));
  expect(row).toBeDefined();
  expect(row).toContain(`type=${FIREHOSE_TYPES[0]}`);
  for (const type of FIREHOSE_TYPES) expect(row).toContain(`\`${type}\``);
  expect(row).toContain(`at least ${JSON_MIN_SIZE} bytes`);
  // "exactly `size` bytes" holds for every kind (JSON from its minimum up).
  for (const type of FIREHOSE_TYPES) {
    const size = type === 'json' ? 2048 : 300;
    const message = firehoseMaker(type, size).message(123_456);
    expect(typeof message === 'string' ? Buffer.byteLength(message) : message.length).toBe(size);
  }
});

it('lists every protocol endpoint Local Echo serves', async () => {
  const { PROTOCOL_PATHS } = await import('../../server/protocolEndpoints.js');
  const text = await readme();
  for (const path of PROTOCOL_PATHS) expect(text).toMatch(new RegExp(`\\| \`${path.replace(/[.]/g, '\\.')}[^|]*\` \\|`));
});
