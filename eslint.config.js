// ESLint flat config: the usual recommended sets plus a few rules that keep the architecture honest
// (only src/connection/ builds a socket; components never reach persistence, a session's runtime or a
// transport; non-UI code never imports the UI) and keep untrusted text from ever becoming HTML or code.
// tests/unit/lintRules.test.ts proves each of these rules fires where it should.
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import { defineConfig, globalIgnores } from 'eslint/config';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const NO_HTML = 'Untrusted text is shown as text, never parsed as HTML: build elements with React or textContent.';
const NO_CODE = 'Strings are never run as code: a server message or a pasted value could then run in the page.';

/** Selectors that keep text from becoming markup or code, anywhere in src/. */
const safetySyntax = [
  { selector: "JSXAttribute[name.name='dangerouslySetInnerHTML']", message: `dangerouslySetInnerHTML is forbidden. ${NO_HTML}` },
  { selector: "MemberExpression[property.name=/^(innerHTML|outerHTML)$/]", message: `innerHTML/outerHTML are forbidden. ${NO_HTML}` },
  { selector: "MemberExpression[property.value=/^(innerHTML|outerHTML|insertAdjacentHTML)$/]", message: `innerHTML/outerHTML/insertAdjacentHTML are forbidden. ${NO_HTML}` },
  { selector: "MemberExpression[property.name='insertAdjacentHTML']", message: `insertAdjacentHTML is forbidden. ${NO_HTML}` },
  { selector: "MemberExpression[property.name='createContextualFragment']", message: `createContextualFragment is forbidden. ${NO_HTML}` },
  { selector: "CallExpression[callee.name='eval']", message: `eval is forbidden. ${NO_CODE}` },
  { selector: "NewExpression[callee.name='Function'], CallExpression[callee.name='Function']", message: `new Function is forbidden. ${NO_CODE}` },
];

/** Only src/connection/ constructs a socket: everything else goes through its one interface. */
const noSocketOutsideConnection = {
  selector: "NewExpression[callee.name='WebSocket']",
  message:
    'Only src/connection/ constructs a WebSocket: open connections through the store actions (connect), so every socket has one owner that disposes it.',
};

/** Properties that write HTML or run code, reached through an object. */
const safetyProperties = [
  { object: 'document', property: 'write', message: `document.write is forbidden. ${NO_HTML}` },
  { object: 'document', property: 'writeln', message: `document.writeln is forbidden. ${NO_HTML}` },
  { object: 'window', property: 'eval', message: `eval is forbidden. ${NO_CODE}` },
  { object: 'globalThis', property: 'eval', message: `eval is forbidden. ${NO_CODE}` },
];

/** What non-UI code may never import: the UI itself. */
const noUiImports = [
  {
    group: ['**/components/**', '**/components', 'react-dom', 'react-dom/*'],
    message: 'The store, the connection and pure modules never import the UI (components or react-dom): data flows from them to React, not back.',
  },
];

/** Pure modules hold functions of their input: no React, no store library. */
const noFrameworkImports = [
  { group: ['react', 'react/*', 'zustand', 'zustand/*'], message: 'Pure modules are plain functions of their input: no React, no zustand, so they test without either.' },
];

/** What a component may never import: persistence, a session's mutable runtime, a transport. */
const componentImportRules = [
  { group: ['**/persist/**', '**/persist'], message: 'Components never touch persistence: it follows the store by itself (src/persist/persistStore.ts).' },
  {
    group: ['**/store/sessionRuntime*', '**/session/**', '**/session'],
    message: "A session's mutable runtime is not for components: read the store through narrow selectors and call module-level actions.",
  },
  {
    group: ['**/connection/**', '!**/connection/types', '!**/connection/types.ts'],
    message: 'Components never reach a transport: connect, send and close through the store actions (only types may be imported from src/connection/).',
  },
];

const PURE_DIRS = ['codecs', 'protocol', 'format', 'stats', 'compose', 'files', 'log'];

export default defineConfig([
  globalIgnores(['dist/', '.scratch/', 'node_modules/', 'coverage/', '**/*.tsbuildinfo']),

  js.configs.recommended,
  tseslint.configs.recommended,

  {
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // `_name` marks a parameter or binding that is unused on purpose.
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
    },
  },

  {
    files: ['src/**/*.{ts,tsx}'],
    languageOptions: { globals: globals.browser },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.flat.recommended.rules,
      // A missing dependency is a stale-closure bug: an error, so `npm test` catches it (recommended only warns).
      'react-hooks/exhaustive-deps': 'error',
      'no-restricted-syntax': ['error', ...safetySyntax, noSocketOutsideConnection],
      'no-restricted-properties': ['error', ...safetyProperties],
      'no-implied-eval': 'error',
      'no-new-func': 'error',
      'no-eval': 'error',
    },
  },
  {
    // The one place that constructs a WebSocket (the HTML and code rules still hold here).
    files: ['src/connection/**'],
    rules: { 'no-restricted-syntax': ['error', ...safetySyntax] },
  },
  {
    files: ['src/components/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: componentImportRules }] },
  },
  {
    // Everything in src/ that is not UI (App.tsx and main.tsx are UI too).
    files: ['src/**/*.{ts,tsx}'],
    ignores: ['src/components/**', 'src/App.tsx', 'src/main.tsx'],
    rules: { 'no-restricted-imports': ['error', { patterns: noUiImports }] },
  },
  {
    files: PURE_DIRS.map((dir) => `src/${dir}/**`),
    rules: { 'no-restricted-imports': ['error', { patterns: [...noUiImports, ...noFrameworkImports] }] },
  },

  {
    files: ['server/**/*.js', 'scripts/**/*.js', '*.config.{js,ts}'],
    languageOptions: { globals: globals.node },
  },
  {
    // bench/ runs in Node and hands functions to the page it drives, which run in the browser.
    files: ['bench/**/*.js'],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
  },
  {
    files: ['tests/**/*.{ts,tsx}'],
    // No react-hooks here: tests' use…() helpers register Vitest hooks (beforeAll/afterEach), not React hooks.
    languageOptions: { globals: { ...globals.node, ...globals.browser, ...globals.vitest } },
    rules: {
      // Tests poke at internals and stand in for browser objects.
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
      // Expected hex dumps and aligned output are easier to check with their spaces written out.
      'no-regex-spaces': 'off',
    },
  },
]);
