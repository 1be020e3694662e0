// @vitest-environment node
// The architecture and safety rules in eslint.config.js, each proven to fire on a bad snippet at the
// path it guards and to stay quiet on a good one: a rule that silently stops matching fails here.
import { fileURLToPath } from 'node:url';
import { ESLint, type Linter } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
let eslint: ESLint;
beforeAll(() => {
  eslint = new ESLint({ cwd: root, overrideConfigFile: `${root}eslint.config.js` });
});

/** Every message ESLint reports for `code` as if it were the file at `filePath`. */
async function lint(code: string, filePath: string): Promise<Linter.LintMessage[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return result?.messages ?? [];
}

/** The rule ids and messages, for readable failures. */
const summary = (messages: Linter.LintMessage[]) => messages.map((m) => `${m.ruleId}: ${m.message}`);

async function expectRule(code: string, filePath: string, ruleId: string, says: RegExp): Promise<void> {
  const messages = await lint(code, filePath);
  const hits = messages.filter((m) => m.ruleId === ruleId);
  expect(hits, summary(messages).join('\n') || 'no messages').not.toHaveLength(0);
  for (const hit of hits) expect(hit.message).toMatch(says);
}

async function expectClean(code: string, filePath: string): Promise<void> {
  expect(summary(await lint(code, filePath))).toEqual([]);
}

const NOT_HTML = /shown as text, never parsed as HTML/;
const NOT_CODE = /never run as code/;

describe('untrusted text never becomes HTML or code in src/', () => {
  const cases: { name: string; code: string; file: string; rule: string; says: RegExp }[] = [
    {
      name: 'dangerouslySetInnerHTML',
      code: 'export const X = ({ html }: { html: string }) => <div dangerouslySetInnerHTML={{ __html: html }} />;\n',
      file: 'src/components/X.tsx',
      rule: 'no-restricted-syntax',
      says: /dangerouslySetInnerHTML is forbidden.*never parsed as HTML/,
    },
    { name: 'innerHTML', code: 'export function f(el: HTMLElement, s: string) { el.innerHTML = s; }\n', file: 'src/log/x.ts', rule: 'no-restricted-syntax', says: NOT_HTML },
    { name: 'outerHTML', code: 'export function f(el: HTMLElement) { return el.outerHTML; }\n', file: 'src/store/x.ts', rule: 'no-restricted-syntax', says: NOT_HTML },
    { name: "el['innerHTML']", code: "export function f(el: HTMLElement, s: string) { el['innerHTML'] = s; }\n", file: 'src/components/x.ts', rule: 'no-restricted-syntax', says: NOT_HTML },
    {
      name: 'insertAdjacentHTML',
      code: "export function f(el: HTMLElement, s: string) { el.insertAdjacentHTML('beforeend', s); }\n",
      file: 'src/components/x.ts',
      rule: 'no-restricted-syntax',
      says: NOT_HTML,
    },
    { name: 'document.write', code: 'export function f(s: string) { document.write(s); }\n', file: 'src/components/x.ts', rule: 'no-restricted-properties', says: NOT_HTML },
    { name: 'document.writeln', code: 'export function f(s: string) { document.writeln(s); }\n', file: 'src/App.tsx', rule: 'no-restricted-properties', says: NOT_HTML },
    { name: 'eval', code: 'export function f(s: string) { return eval(s); }\n', file: 'src/codecs/x.ts', rule: 'no-restricted-syntax', says: NOT_CODE },
    { name: 'window.eval', code: 'export function f(s: string) { return window.eval(s); }\n', file: 'src/codecs/x.ts', rule: 'no-restricted-properties', says: NOT_CODE },
    { name: 'new Function', code: "export const f = new Function('a', 'return a');\n", file: 'src/share/x.ts', rule: 'no-restricted-syntax', says: NOT_CODE },
    { name: 'Function()', code: "export const f = Function('a', 'return a');\n", file: 'src/share/x.ts', rule: 'no-restricted-syntax', says: NOT_CODE },
    { name: 'a string timer (implied eval)', code: "setTimeout('alert(1)', 10);\n", file: 'src/connection/x.ts', rule: 'no-implied-eval', says: /Implied eval/ },
  ];
  it.each(cases)('$name fails with a message that says why', async ({ code, file, rule, says }) => {
    await expectRule(code, file, rule, says);
  });

  it('the HTML and code rules hold inside src/connection/ too', async () => {
    await expectRule('export function f(el: HTMLElement, s: string) { el.innerHTML = s; }\n', 'src/connection/x.ts', 'no-restricted-syntax', NOT_HTML);
    await expectRule('export function f(s: string) { return eval(s); }\n', 'src/connection/x.ts', 'no-restricted-syntax', NOT_CODE);
  });

  it('text, textContent and timers with functions are fine', async () => {
    await expectClean(
      'export const X = ({ text }: { text: string }) => <pre title={text}>{text}</pre>;\n',
      'src/components/X.tsx',
    );
    await expectClean(
      'export function f(el: HTMLElement, s: string) { el.textContent = s; setTimeout(() => el.append(s), 10); }\n',
      'src/log/x.ts',
    );
  });
});

describe('only src/connection/ constructs a WebSocket', () => {
  const open = "export const open = (url: string) => new WebSocket(url, ['chat']);\n";
  it.each(['src/components/X.tsx', 'src/store/x.ts', 'src/session/x.ts', 'src/App.tsx'])('new WebSocket in %s fails', async (file) => {
    await expectRule(open, file, 'no-restricted-syntax', /Only src\/connection\/ constructs a WebSocket/);
  });

  it('is allowed in src/connection/', async () => {
    await expectClean(open, 'src/connection/nativeConnection.ts');
    await expectClean(open, 'src/connection/agent/agentConnection.ts');
  });

  it('naming the WebSocket type or its constants elsewhere is fine', async () => {
    await expectClean('export const isOpen = (ws: WebSocket) => ws.readyState === WebSocket.OPEN;\n', 'src/store/x.ts');
  });
});

describe('components read the store and call actions; they never reach persistence, a runtime or a transport', () => {
  const file = 'src/components/X.tsx';
  const rule = 'no-restricted-imports';
  it.each([
    ["import { loadState } from '../persist/storage';", /never touch persistence/],
    ["import { startPersistence } from '../persist/persistStore';", /never touch persistence/],
    ["import { getRuntime } from '../store/sessionRuntime';", /mutable runtime is not for components/],
    ["import { Session } from '../session/session';", /mutable runtime is not for components/],
    ["import { openConnection } from '../connection/openConnection';", /never reach a transport/],
    ["import { Simulator } from '../connection/simulator';", /never reach a transport/],
  ])('%s fails', async (line, says) => {
    await expectRule(`${line}\nexport const used = [${line.match(/\{ (\w+) \}/)?.[1]}];\n`, file, rule, says);
  });

  it('the same rule applies in nested component folders', async () => {
    await expectRule("import { getRuntime } from '../../store/sessionRuntime';\nexport const x = getRuntime;\n", 'src/components/saved/List.tsx', rule, /mutable runtime/);
  });

  it('selectors, actions and transport types are fine', async () => {
    await expectClean(
      [
        "import type { ReadyState } from '../connection/types';",
        "import { useSession } from '../store/appStore';",
        "import { send } from '../store/connectionActions';",
        'export const X = ({ id }: { id: string }) => {',
        '  const state: ReadyState = useSession(id, (s) => s.readyState);',
        '  return <button onClick={() => send(id)}>{state}</button>;',
        '};',
        '',
      ].join('\n'),
      file,
    );
  });

  it('outside components, the store may use persistence and sessions', async () => {
    await expectClean("import { getRuntime } from './sessionRuntime';\nexport const x = getRuntime;\n", 'src/store/x.ts');
    await expectClean("import { loadState } from '../persist/storage';\nexport const x = loadState;\n", 'src/store/x.ts');
  });
});

describe('the store, the connection and pure modules never import the UI', () => {
  const says = /never import the UI/;
  it.each([
    ['src/store/x.ts', "import { LogPanel } from '../components/LogPanel';"],
    ['src/connection/x.ts', "import { Alert } from '../components/Alert';"],
    ['src/session/x.ts', "import { Alert } from '../components/Alert';"],
    ['src/codecs/x.ts', "import { createRoot } from 'react-dom/client';"],
    ['src/store/x.ts', "import { flushSync } from 'react-dom';"],
  ])('%s: %s fails', async (file, line) => {
    await expectRule(`${line}\nexport const used = [${line.match(/\{ (\w+) \}/)?.[1]}];\n`, file, 'no-restricted-imports', says);
  });

  it('pure modules do not import React or zustand', async () => {
    await expectRule("import { useState } from 'react';\nexport const x = useState;\n", 'src/codecs/x.ts', 'no-restricted-imports', /Pure modules/);
    await expectRule("import { create } from 'zustand';\nexport const x = create;\n", 'src/protocol/x.ts', 'no-restricted-imports', /Pure modules/);
  });

  it('the store may use zustand and React hooks, and the UI may import components', async () => {
    await expectClean("import { create } from 'zustand';\nimport { useSyncExternalStore } from 'react';\nexport const x = [create, useSyncExternalStore];\n", 'src/store/x.ts');
    await expectClean("import { ConnectionView } from './components/ConnectionView';\nexport const x = ConnectionView;\n", 'src/App.tsx');
  });
});

describe('the react-hooks rules are on in src/', () => {
  it('a hook called conditionally fails', async () => {
    await expectRule(
      "import { useState } from 'react';\nexport function X({ on }: { on: boolean }) {\n  if (on) useState(0);\n  return null;\n}\n",
      'src/components/X.tsx',
      'react-hooks/rules-of-hooks',
      /called conditionally/,
    );
  });

  it('a missing effect dependency is an error, not a warning', async () => {
    const messages = await lint(
      "import { useEffect } from 'react';\nexport function X({ id }: { id: string }) {\n  useEffect(() => { document.title = id; }, []);\n  return null;\n}\n",
      'src/components/X.tsx',
    );
    const hit = messages.find((m) => m.ruleId === 'react-hooks/exhaustive-deps');
    expect(hit?.severity, summary(messages).join('\n')).toBe(2);
  });
});
