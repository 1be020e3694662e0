import { fail, ok, type ParseResult } from '../codecs/result';
import { checkUrl, isSimulatorUrl } from '../protocol/url';
import { parseSubprotocols } from '../protocol/subprotocols';
import { encodeMessage } from '../store/encodeMessage';
import type { MessageFormat } from '../store/logEntry';
import type { Drafts } from '../store/sessionState';
import { redactSubprotocols, redactUrl } from '../secrets/urlSecrets';
import { envMark, envMarksAsText, envMarksIn, shellJoin, shellQuote } from './shellQuote';
import { isSecretHeader, parseHeaders, type HeaderPair } from '../agent/headers';

/** The tools a connection can be copied for. */
export type CopyTarget = 'websocat' | 'wscat' | 'javascript' | 'python' | 'curl';

/** The `Copy as` options, named exactly as the UI contract (../shared/UI-CONTRACT.md, outside this repository) says. */
export const COPY_TARGETS: readonly { value: CopyTarget; label: string }[] = [
  { value: 'websocat', label: 'websocat' },
  { value: 'wscat', label: 'wscat' },
  { value: 'javascript', label: 'JavaScript' },
  { value: 'python', label: 'Python' },
  { value: 'curl', label: 'curl' },
];

export interface CommandInput {
  /** A checked ws:// or wss:// URL (or a simulator: URL, which cannot be copied). */
  url: string;
  protocols: readonly string[];
  /** The composer's body as typed; empty means no message. */
  message: string;
  format: MessageFormat;
  /** Handshake headers (Connect via Local agent): -H flags for websocat, wscat and curl; Node's ws package in JavaScript; additional_headers in Python. */
  headers?: readonly HeaderPair[];
}

/** `-H 'Name: value'` for each header. */
const headerFlags = (headers: readonly HeaderPair[] = []) => headers.flatMap(([name, value]) => ['-H', `${name}: ${value}`]);

export const SIMULATOR_NOT_COPYABLE =
  'The Simulator runs inside this page and has no network address, so it cannot be copied as a command. Use a ws:// or wss:// URL.';

/** The composer's message as the snippet should send it. */
type SnippetMessage =
  | { kind: 'none' }
  | { kind: 'text'; text: string }
  | { kind: 'binary'; bytes: Uint8Array }
  | { kind: 'invalid'; error: string };

function messageOf(message: string, format: MessageFormat, url: string): SnippetMessage {
  if (message === '') return { kind: 'none' };
  const encoded = encodeMessage(message, format, url);
  if (!encoded.ok) return { kind: 'invalid', error: encoded.error };
  return typeof encoded.value === 'string'
    ? { kind: 'text', text: encoded.value }
    : { kind: 'binary', bytes: new Uint8Array(encoded.value) };
}

/** Text safe inside a one-line comment (`#` or `//`): line breaks would end the comment. */
function commentText(text: string): string {
  return text.replace(/[\r\n\u2028\u2029]+/g, ' ');
}

const leftOut = (error: string) => `The message is left out: ${commentText(error)}`;

/** A JSON string literal, which is also a valid JavaScript and Python 3 string literal. */
const stringLiteral = (s: string) => JSON.stringify(s);

function hexCompact(bytes: Uint8Array): string {
  let out = '';
  for (const b of bytes) out += b.toString(16).padStart(2, '0');
  return out;
}

/** A `printf` format that writes exactly these bytes (octal escapes are POSIX; `\x` is not). */
function printfBytes(bytes: Uint8Array): string {
  let out = '';
  for (const b of bytes) out += `\\${b.toString(8).padStart(3, '0')}`;
  return shellQuote(out);
}

function websocat({ url, protocols, headers }: CommandInput, message: SnippetMessage): string {
  const options = [...headerFlags(headers), ...(protocols.length > 0 ? ['--protocol', protocols.join(',')] : [])];
  const run = (extra: string[]) => shellJoin(['websocat', ...extra, ...options, url]);
  switch (message.kind) {
    case 'none':
      return run([]);
    case 'invalid':
      return `# ${leftOut(message.error)}\n${run([])}`;
    case 'binary':
      return `printf ${printfBytes(message.bytes)} | ${run(['--binary'])}`;
    case 'text':
      // websocat sends one message per line; a message with line breaks is sent NUL-terminated instead.
      return message.text.includes('\n')
        ? `printf '%s\\0' ${shellQuote(message.text)} | ${run(['-0'])}`
        : `printf '%s\\n' ${shellQuote(message.text)} | ${run([])}`;
  }
}

function wscat({ url, protocols, headers }: CommandInput, message: SnippetMessage): string {
  const connect = ['wscat', '-c', url, ...protocols.flatMap((p) => ['-s', p]), ...headerFlags(headers)];
  switch (message.kind) {
    case 'none':
      return shellJoin(connect);
    case 'invalid':
      return `# ${leftOut(message.error)}\n${shellJoin(connect)}`;
    case 'binary':
      return `# wscat sends text only: the binary message is left out (websocat --binary can send it).\n${shellJoin(connect)}`;
    case 'text':
      // -x sends the message once connected; -w keeps the connection a second to print the reply.
      return shellJoin([...connect, '-x', message.text, '-w', '1']);
  }
}

/** A JavaScript object literal (also a Python dict literal) of the headers. */
const headerObject = (headers: readonly HeaderPair[]) => `{ ${headers.map(([name, value]) => `${stringLiteral(name)}: ${stringLiteral(value)}`).join(', ')} }`;

function javascript({ url, protocols, headers = [] }: CommandInput, message: SnippetMessage): string {
  const protocolList = `[${protocols.map(stringLiteral).join(', ')}]`;
  // Browsers cannot set handshake headers, so with headers the snippet is for Node's `ws` package.
  const lines =
    headers.length > 0
      ? [
          '// Node.js with the ws package (npm install ws): a browser cannot set handshake headers',
          `import WebSocket from 'ws';`,
          `const ws = new WebSocket(${stringLiteral(url)}, ${protocolList}, { headers: ${headerObject(headers)} });`,
        ]
      : ['// Browser console, or Node.js 22+', `const ws = new WebSocket(${protocols.length > 0 ? `${stringLiteral(url)}, ${protocolList}` : stringLiteral(url)});`];
  switch (message.kind) {
    case 'none':
      lines.push(`ws.onopen = () => console.log('open', ws.protocol);`);
      break;
    case 'invalid':
      lines.push(`// ${leftOut(message.error)}`, `ws.onopen = () => console.log('open', ws.protocol);`);
      break;
    case 'text':
      lines.push(`ws.onopen = () => ws.send(${stringLiteral(message.text)});`);
      break;
    case 'binary':
      lines.push(`ws.binaryType = 'arraybuffer';`);
      lines.push(`ws.onopen = () => ws.send(new Uint8Array([${Array.from(message.bytes, (b) => `0x${b.toString(16).padStart(2, '0')}`).join(', ')}]));`);
      break;
  }
  lines.push('ws.onmessage = (event) => console.log(event.data);');
  lines.push(`ws.onclose = (event) => console.log('closed', event.code, event.reason);`);
  return lines.join('\n');
}

function python({ url, protocols, headers = [] }: CommandInput, message: SnippetMessage): string {
  const args = [
    stringLiteral(url),
    ...(protocols.length > 0 ? [`subprotocols=[${protocols.map(stringLiteral).join(', ')}]`] : []),
    ...(headers.length > 0 ? [`additional_headers=${headerObject(headers)}`] : []),
  ].join(', ');
  const body: string[] = [];
  switch (message.kind) {
    case 'none':
      break;
    case 'invalid':
      body.push(`# ${leftOut(message.error)}`);
      break;
    case 'text':
      body.push(`await ws.send(${stringLiteral(message.text)})`);
      break;
    case 'binary':
      body.push(`await ws.send(bytes.fromhex(${stringLiteral(hexCompact(message.bytes))}))`);
      break;
  }
  body.push('async for message in ws:', '    print(message)');
  return [
    'import asyncio',
    '',
    `import websockets  # pip install websockets${headers.length > 0 ? ' (version 14 or newer for additional_headers)' : ''}`,
    '',
    '',
    'async def main():',
    `    async with websockets.connect(${args}) as ws:`,
    ...body.map((line) => `        ${line}`),
    '',
    '',
    'asyncio.run(main())',
  ].join('\n');
}

// The sample nonce from RFC 6455 section 1.3: any 16 bytes in base64 will do for a look at the handshake.
const SAMPLE_KEY = 'dGhlIHNhbXBsZSBub25jZQ==';

function curl({ url, protocols, headers: typed = [] }: CommandInput): string {
  const httpUrl = url.replace(/^ws(s?):/i, 'http$1:');
  const headers = ['Connection: Upgrade', 'Upgrade: websocket', 'Sec-WebSocket-Version: 13', `Sec-WebSocket-Key: ${SAMPLE_KEY}`];
  if (protocols.length > 0) headers.push(`Sec-WebSocket-Protocol: ${protocols.join(', ')}`);
  for (const [name, value] of typed) headers.push(`${name}: ${value}`);
  // NOTE: without --globoff curl reads [ ] { } in a URL (an IPv6 host, say) as a range pattern.
  const options = ['--include', '--no-buffer', '--http1.1', ...(/[[\]{}]/.test(httpUrl) ? ['--globoff'] : [])];
  return [
    '# curl only shows the handshake: it cannot send or read WebSocket messages.',
    `curl ${shellJoin(options)} \\`,
    ...headers.map((h) => `  -H ${shellQuote(h)} \\`),
    `  ${shellQuote(httpUrl)}`,
  ].join('\n');
}

/** The snippet itself; envMarks in the URL or subprotocols are still in place. */
function build(target: CopyTarget, input: CommandInput, message: SnippetMessage): string {
  switch (target) {
    case 'websocat':
      return websocat(input, message);
    case 'wscat':
      return wscat(input, message);
    case 'javascript':
      return javascript(input, message);
    case 'python':
      return python(input, message);
    case 'curl':
      return curl(input);
  }
}

/**
 * The connection (and the composer's message, where the tool can send one) as a command or script.
 * Secrets redacted by redactForCommand become `"$NAME"` in shell commands (the shell fills them in
 * from the environment) and `$NAME` in JavaScript and Python, with a first line saying so.
 */
export function commandFor(target: CopyTarget, input: CommandInput): string {
  if (isSimulatorUrl(input.url)) return SIMULATOR_NOT_COPYABLE;
  const message = messageOf(input.message, input.format, input.url);
  const vars = envMarksIn([input.url, ...input.protocols, ...(input.headers ?? []).map(([, value]) => value)]);
  if (vars.length === 0) return build(target, input, message);
  const list = vars.map((v) => `$${v}`).join(', ');
  if (target === 'javascript' || target === 'python') {
    const plain = { ...input, url: envMarksAsText(input.url), protocols: input.protocols.map(envMarksAsText), headers: input.headers?.map(([n, v]): HeaderPair => [n, envMarksAsText(v)]) };
    const note = `${target === 'python' ? '#' : '//'} Secrets are left out: put yours where ${list} ${vars.length > 1 ? 'stand' : 'stands'}.`;
    return `${note}\n${build(target, plain, message)}`;
  }
  const exports = vars.map((v) => `export ${v}='…'`).join('; ');
  return `# Secrets are left out: the shell reads ${list} from the environment (${exports}).\n${build(target, input, message)}`;
}

/** The URL and subprotocols with every secret replaced by an environment variable named after it (`?token=$TOKEN`). */
export function redactForCommand(url: string, protocols: readonly string[]): { url: string; protocols: string[] } {
  return { url: redactUrl(url, envMark), protocols: protocols.map((p) => redactSubprotocols(p, envMark)) };
}

/**
 * Checks the typed URL and subprotocols, then builds the snippet; an error says what to fix first.
 * Secrets are replaced by environment variables (see redactForCommand) unless `includeSecrets`.
 */
export function snippetFor(
  target: CopyTarget,
  drafts: Pick<Drafts, 'url' | 'subprotocols' | 'message' | 'format'> & { headers?: string },
  { includeSecrets = false } = {},
): ParseResult<string> {
  const typed = drafts.url.trim();
  if (typed === '') return fail('Enter a URL to copy the connection as a command.');
  if (isSimulatorUrl(typed)) return fail(SIMULATOR_NOT_COPYABLE);
  const url = checkUrl(typed);
  if (!url.ok) return fail(`Fix the URL first: ${url.error}`);
  const protocols = parseSubprotocols(drafts.subprotocols);
  if (!protocols.ok) return fail(`Fix the subprotocols first: ${protocols.error}`);
  const headers = parseHeaders(drafts.headers ?? '');
  if (!headers.ok) return fail(`Fix the headers first: ${headers.error}`);
  const connection = includeSecrets ? { url: url.value.url, protocols: protocols.value } : redactForCommand(url.value.url, protocols.value);
  // Secret header values (Authorization, Cookie…) become environment variables named after the header.
  const shownHeaders = includeSecrets ? headers.value : headers.value.map(([name, value]): HeaderPair => [name, isSecretHeader(name) ? envMark(name) : value]);
  return ok(commandFor(target, { ...connection, message: drafts.message, format: drafts.format, headers: shownHeaders }));
}
