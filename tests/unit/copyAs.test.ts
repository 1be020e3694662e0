import { execFileSync, spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { COPY_TARGETS, SIMULATOR_NOT_COPYABLE, commandFor, snippetFor, type CommandInput } from '../../src/share/copyAs';

const NASTY = "it's $(rm -rf /) `id` $HOME\nsecond line \"quoted\" \\ héllo 👋";
const base: CommandInput = { url: 'wss://example.com/socket?a=1&b=2', protocols: [], message: '', format: 'text' };

/**
 * Runs a shell snippet with stand-ins for the tools: each prints its arguments in [brackets], then
 * `|`, then its stdin as hex, so a test sees exactly what the real tool would have received.
 */
function runShell(snippet: string): string {
  const fake = (name: string) => `${name}() { printf '%s' ${name}; for a; do printf '[%s]' "$a"; done; printf '|'; od -An -v -tx1 | tr -d ' \\n'; }`;
  return execFileSync('/bin/sh', ['-c', `${fake('websocat')}\n${fake('wscat')}\n${fake('curl')}\n${snippet}`], {
    encoding: 'utf8',
    input: '',
  });
}

const hexOf = (text: string) => Buffer.from(text, 'utf8').toString('hex');

const hasPython = spawnSync('python3', ['--version']).status === 0;

/** The value of the first `ws.send(...)` argument in a Python snippet, evaluated by Python itself. */
function pythonSent(snippet: string): unknown {
  const script = `
import ast, json, sys
tree = ast.parse(sys.stdin.read())
for node in ast.walk(tree):
    if isinstance(node, ast.Call) and getattr(node.func, 'attr', None) == 'send':
        arg = node.args[0]
        if isinstance(arg, ast.Call):  # bytes.fromhex("...")
            print(json.dumps({'hex': ast.literal_eval(arg.args[0])}))
        else:
            print(json.dumps({'text': ast.literal_eval(arg)}))
        break
else:
    print(json.dumps(None))
`;
  return JSON.parse(execFileSync('python3', ['-c', script], { input: snippet, encoding: 'utf8' }));
}

/** Runs a JavaScript snippet against a stand-in WebSocket, opens it and returns what it did. */
function runJs(snippet: string) {
  const made: { url: string; protocols: unknown; sent: unknown[]; socket: Record<string, unknown> }[] = [];
  class FakeWebSocket {
    sent: unknown[] = [];
    onopen: (() => void) | null = null;
    constructor(url: string, protocols?: unknown) {
      made.push({ url, protocols, sent: this.sent, socket: this as unknown as Record<string, unknown> });
    }
    send(data: unknown) {
      this.sent.push(data);
    }
  }
  const logged: unknown[][] = [];
  new Function('WebSocket', 'console', snippet)(FakeWebSocket, { log: (...args: unknown[]) => logged.push(args) });
  for (const m of made) (m.socket.onopen as (() => void) | null)?.();
  return { made, logged };
}

describe('COPY_TARGETS', () => {
  it('names the options exactly as the UI contract says', () => {
    expect(COPY_TARGETS.map((t) => t.label)).toEqual(['websocat', 'wscat', 'JavaScript', 'Python', 'curl']);
  });
});

describe('websocat', () => {
  it('connects with the subprotocols as one comma-separated --protocol', () => {
    const cmd = commandFor('websocat', { ...base, protocols: ['chat', 'v2.json'] });
    expect(cmd).toBe("websocat --protocol chat,v2.json 'wss://example.com/socket?a=1&b=2'");
    expect(runShell(cmd)).toBe('websocat[--protocol][chat,v2.json][wss://example.com/socket?a=1&b=2]|');
  });

  it('pipes a one-line message in, quoted', () => {
    const message = "it's $(rm -rf /) `id` 👋";
    const cmd = commandFor('websocat', { ...base, message });
    expect(cmd).toBe(`printf '%s\\n' 'it'\\''s $(rm -rf /) \`id\` 👋' | websocat 'wss://example.com/socket?a=1&b=2'`);
    expect(runShell(cmd)).toBe(`websocat[wss://example.com/socket?a=1&b=2]|${hexOf(message + '\n')}`);
  });

  it('sends a message with line breaks NUL-terminated (-0), as one message', () => {
    const cmd = commandFor('websocat', { ...base, message: NASTY });
    expect(cmd).toContain('| websocat -0 ');
    expect(runShell(cmd)).toBe(`websocat[-0][wss://example.com/socket?a=1&b=2]|${hexOf(NASTY)}00`);
  });

  it('sends hex and base64 messages as binary, byte for byte', () => {
    const hex = commandFor('websocat', { ...base, message: 'de ad 00 0a 27 ff', format: 'hex' });
    expect(hex).toBe(`printf '\\336\\255\\000\\012\\047\\377' | websocat --binary 'wss://example.com/socket?a=1&b=2'`);
    expect(runShell(hex)).toBe('websocat[--binary][wss://example.com/socket?a=1&b=2]|dead000a27ff');
    const b64 = commandFor('websocat', { ...base, message: '3q2+7w==', format: 'base64' });
    expect(runShell(b64)).toBe('websocat[--binary][wss://example.com/socket?a=1&b=2]|deadbeef');
  });

  it('leaves out a message the app would refuse, and says why', () => {
    const cmd = commandFor('websocat', { ...base, message: 'zz', format: 'hex' });
    expect(cmd.split('\n')[0]).toMatch(/^# The message is left out: Not a hex digit/);
    expect(runShell(cmd)).toBe('websocat[wss://example.com/socket?a=1&b=2]|');
  });
});

describe('wscat', () => {
  it('connects with one -s per subprotocol', () => {
    const cmd = commandFor('wscat', { ...base, protocols: ['chat', 'superchat'] });
    expect(cmd).toBe("wscat -c 'wss://example.com/socket?a=1&b=2' -s chat -s superchat");
  });

  it('sends a text message with -x and waits a second for the reply', () => {
    const cmd = commandFor('wscat', { ...base, message: NASTY, format: 'text' });
    expect(runShell(cmd)).toBe(`wscat[-c][wss://example.com/socket?a=1&b=2][-x][${NASTY}][-w][1]|`);
  });

  it('sends JSON as typed', () => {
    const json = '{ "a": "it\'s" }';
    expect(runShell(commandFor('wscat', { ...base, message: json, format: 'json' }))).toBe(
      `wscat[-c][wss://example.com/socket?a=1&b=2][-x][${json}][-w][1]|`,
    );
  });

  it('says it cannot send a binary message', () => {
    const cmd = commandFor('wscat', { ...base, message: 'deadbeef', format: 'hex' });
    expect(cmd).toMatch(/^# wscat sends text only/);
    expect(runShell(cmd)).toBe('wscat[-c][wss://example.com/socket?a=1&b=2]|');
  });
});

describe('JavaScript', () => {
  it('opens the socket with the subprotocols and sends the message on open', () => {
    const snippet = commandFor('javascript', { ...base, protocols: ['chat', 'v2'], message: NASTY });
    expect(snippet).toContain('const ws = new WebSocket("wss://example.com/socket?a=1&b=2", ["chat", "v2"]);');
    const { made } = runJs(snippet);
    expect(made).toHaveLength(1);
    expect(made[0]!.url).toBe('wss://example.com/socket?a=1&b=2');
    expect(made[0]!.protocols).toEqual(['chat', 'v2']);
    expect(made[0]!.sent).toEqual([NASTY]);
  });

  it('passes no protocol list when there are none, and sends nothing without a message', () => {
    const snippet = commandFor('javascript', base);
    expect(snippet).toContain('new WebSocket("wss://example.com/socket?a=1&b=2");');
    const { made } = runJs(snippet);
    expect(made[0]!.protocols).toBeUndefined();
    expect(made[0]!.sent).toEqual([]);
  });

  it('sends binary as a Uint8Array', () => {
    const snippet = commandFor('javascript', { ...base, message: 'AAEC/w==', format: 'base64' });
    expect(snippet).toContain('ws.send(new Uint8Array([0x00, 0x01, 0x02, 0xff]))');
    const sent = runJs(snippet).made[0]!.sent[0] as Uint8Array;
    expect(Array.from(sent)).toEqual([0, 1, 2, 255]);
  });

  it('a message cannot break out of its string literal', () => {
    const evil = '"); globalThis.pwned = true; ("\u2028\u2029</script>';
    const { made } = runJs(commandFor('javascript', { ...base, message: evil }));
    expect(made[0]!.sent).toEqual([evil]);
    expect((globalThis as { pwned?: boolean }).pwned).toBeUndefined();
  });
});

describe('Python (websockets)', () => {
  it('connects with subprotocols and sends the message', () => {
    const snippet = commandFor('python', { ...base, protocols: ['chat'], message: 'hi' });
    expect(snippet).toContain('import websockets');
    expect(snippet).toContain('async with websockets.connect("wss://example.com/socket?a=1&b=2", subprotocols=["chat"]) as ws:');
    expect(snippet).toContain('        await ws.send("hi")');
    expect(snippet).toContain('asyncio.run(main())');
  });

  it('sends binary with bytes.fromhex', () => {
    expect(commandFor('python', { ...base, message: 'de:ad:be:ef', format: 'hex' })).toContain('await ws.send(bytes.fromhex("deadbeef"))');
  });

  it('has no send without a message', () => {
    const snippet = commandFor('python', base);
    expect(snippet).not.toContain('send');
    expect(snippet).toContain('websockets.connect("wss://example.com/socket?a=1&b=2") as ws:');
  });

  it.skipIf(!hasPython)('is valid Python that sends exactly the message (quotes, $(...), newline, unicode)', () => {
    expect(pythonSent(commandFor('python', { ...base, message: NASTY }))).toEqual({ text: NASTY });
    expect(pythonSent(commandFor('python', { ...base, message: '\u0000\u001f\u2028"\'' }))).toEqual({ text: '\u0000\u001f\u2028"\'' });
    expect(pythonSent(commandFor('python', { ...base, message: 'de ad', format: 'hex' }))).toEqual({ hex: 'dead' });
    expect(pythonSent(commandFor('python', base))).toBeNull();
  });
});

describe('curl', () => {
  it('shows the upgrade handshake on the http(s) URL, with the subprotocols header', () => {
    const cmd = commandFor('curl', { ...base, protocols: ['chat', 'v2'], message: 'ignored' });
    expect(cmd.split('\n')[0]).toBe('# curl only shows the handshake: it cannot send or read WebSocket messages.');
    expect(runShell(cmd)).toBe(
      'curl[--include][--no-buffer][--http1.1][-H][Connection: Upgrade][-H][Upgrade: websocket][-H][Sec-WebSocket-Version: 13]' +
        '[-H][Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==][-H][Sec-WebSocket-Protocol: chat, v2][https://example.com/socket?a=1&b=2]|',
    );
    expect(cmd).not.toContain('ignored');
  });

  it('maps ws:// to http:// and leaves out the protocol header when there are none', () => {
    const cmd = commandFor('curl', { ...base, url: 'ws://127.0.0.1:8080/echo' });
    expect(cmd).not.toContain('Sec-WebSocket-Protocol');
    expect(cmd.endsWith('  http://127.0.0.1:8080/echo')).toBe(true);
  });

  it('turns globbing off for an IPv6 host', () => {
    expect(runShell(commandFor('curl', { ...base, url: 'ws://[::1]:8080/' }))).toContain('[--globoff]');
  });
});

describe('the Simulator', () => {
  it.each(COPY_TARGETS.map((t) => t.value))('cannot be copied as %s', (target) => {
    expect(commandFor(target, { ...base, url: 'simulator://local' })).toBe(SIMULATOR_NOT_COPYABLE);
  });
});

describe('snippetFor (from the drafts as typed)', () => {
  const drafts = { url: 'https://example.com/x', subprotocols: 'chat, v2', message: '', format: 'text' as const };

  it('checks and normalises the URL and parses the subprotocols', () => {
    expect(snippetFor('wscat', drafts)).toEqual({ ok: true, value: 'wscat -c wss://example.com/x -s chat -s v2' });
  });

  it('says what to fix first', () => {
    expect(snippetFor('wscat', { ...drafts, url: '' })).toEqual({ ok: false, error: expect.stringMatching(/Enter a URL/) });
    expect(snippetFor('wscat', { ...drafts, url: 'ftp://x' })).toEqual({ ok: false, error: expect.stringMatching(/^Fix the URL first: Unsupported scheme/) });
    expect(snippetFor('wscat', { ...drafts, subprotocols: 'a a' })).toEqual({ ok: false, error: expect.stringMatching(/^Fix the subprotocols first: Duplicate/) });
    expect(snippetFor('curl', { ...drafts, url: 'simulator://local' })).toEqual({ ok: false, error: SIMULATOR_NOT_COPYABLE });
  });
});

describe('secrets in Copy as', () => {
  const drafts = { url: 'wss://me:pw@h.example/p?token=abc123&x=1', subprotocols: 'chat, base64url.bearer.authorization.k8s.io.abc123', message: 'hi', format: 'text' as const };

  it.each(COPY_TARGETS.map((t) => t.value))('%s leaves secrets out by default and names the variables', (target) => {
    const snippet = snippetFor(target, drafts);
    expect(snippet.ok).toBe(true);
    const text = snippet.ok ? snippet.value : '';
    expect(text).not.toContain('abc123');
    expect(text).not.toContain('me:pw');
    expect(text.split('\n')[0]).toMatch(/^(#|\/\/) Secrets are left out: .*\$USER_INFO, \$TOKEN, \$SUBPROTOCOL/);
  });

  it('lets the shell fill the secrets in from the environment', () => {
    const snippet = snippetFor('websocat', drafts);
    const run = runShell(`USER_INFO='me:pw'; TOKEN="it's"; SUBPROTOCOL=abc123\n${snippet.ok ? snippet.value : ''}`);
    expect(run).toContain(`[--protocol][chat,base64url.bearer.authorization.k8s.io.abc123][wss://me:pw@h.example/p?token=it's&x=1]`);
  });

  it('keeps every secret with includeSecrets', () => {
    const snippet = snippetFor('wscat', drafts, { includeSecrets: true });
    expect(snippet).toEqual({ ok: true, value: "wscat -c 'wss://me:pw@h.example/p?token=abc123&x=1' -s chat -s base64url.bearer.authorization.k8s.io.abc123 -x hi -w 1" });
  });

  it('writes $NAME into JavaScript and Python strings', () => {
    const js = snippetFor('javascript', drafts);
    expect(js.ok && js.value).toContain('new WebSocket("wss://$USER_INFO@h.example/p?token=$TOKEN&x=1", ["chat", "base64url.bearer.authorization.k8s.io.$SUBPROTOCOL"])');
    const py = snippetFor('python', drafts);
    expect(py.ok && py.value).toContain('websockets.connect("wss://$USER_INFO@h.example/p?token=$TOKEN&x=1"');
  });
});

describe('Copy as with Headers (Connect via Local agent)', () => {
  const drafts = { url: 'wss://api.example/ws', subprotocols: '', message: '', format: 'text' as const, headers: 'Authorization: Bearer abc\nX-Trace: t1' };

  it.each(['websocat', 'wscat', 'curl'] as const)('%s gets -H flags; the secret header value becomes an environment variable', (target) => {
    const result = snippetFor(target, drafts);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value).toContain(`-H 'X-Trace: t1'`);
    expect(result.value).toContain(`-H 'Authorization: '"$AUTHORIZATION"`);
    expect(result.value).not.toContain('Bearer abc');
  });

  it('with secrets included, the header goes as typed', () => {
    const result = snippetFor('websocat', drafts, { includeSecrets: true });
    expect(result.ok && result.value).toContain(`-H 'Authorization: Bearer abc'`);
  });

  it('bad headers say what to fix', () => {
    const result = snippetFor('curl', { ...drafts, headers: 'Connection: close' });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toContain('Fix the headers first: Headers line 1');
  });
});

describe('Copy as JavaScript and Python with Headers', () => {
  const drafts = { url: 'wss://api.example/ws', subprotocols: 'chat', message: 'hi', format: 'text' as const, headers: 'Authorization: Bearer abc\nX-Trace: t1' };

  it('JavaScript switches to Node ws, which can set headers; the secret becomes $NAME', () => {
    const result = snippetFor('javascript', drafts);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value).toContain(`import WebSocket from 'ws';`);
    expect(result.value).toContain('new WebSocket("wss://api.example/ws", ["chat"], { headers: { "Authorization": "$AUTHORIZATION", "X-Trace": "t1" } });');
    expect(result.value).toContain('ws.onopen = () => ws.send("hi");');
    expect(result.value).not.toContain('Bearer abc');
  });

  it('JavaScript without headers stays the browser snippet', () => {
    const result = snippetFor('javascript', { ...drafts, headers: '' });
    expect(result.ok && result.value).toContain('// Browser console, or Node.js 22+');
    expect(result.ok && result.value).not.toContain(`from 'ws'`);
  });

  it('Python passes additional_headers (websockets 14+), secrets included on request', () => {
    const result = snippetFor('python', drafts, { includeSecrets: true });
    expect(result.ok && result.value).toContain('websockets.connect("wss://api.example/ws", subprotocols=["chat"], additional_headers={ "Authorization": "Bearer abc", "X-Trace": "t1" })');
    expect(result.ok && result.value).toContain('version 14 or newer');
  });
});
