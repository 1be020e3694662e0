import { fail, ok, type ParseResult } from './result';
import { messageOf } from '../format/thrown';

/** 1-based line and column of a UTF-16 offset; lines are split on "\n" (so "\r\n" works too). */
function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: offset - lineStart + 1 };
}

/** Thrown inside locateJsonError to unwind with the offset of the first syntax error. */
class SyntaxAt {
  readonly offset: number;
  constructor(offset: number) {
    this.offset = offset;
  }
}

/**
 * Offset of the first JSON syntax error in text (text.length for a premature end), or -1 if none is found.
 * NOTE: only a fallback for engine messages that carry no position (V8's "Unexpected token 'x', ... is not
 * valid JSON", Safari's messages); iterative so deeply nested input cannot overflow the stack.
 */
function locateJsonError(s: string): number {
  const n = s.length;
  const stack: number[] = []; // 0 = array, 1 = object
  let i = 0;
  const skipSpace = (): void => {
    while (i < n) {
      const c = s.charCodeAt(i);
      if (c !== 32 && c !== 9 && c !== 10 && c !== 13) break;
      i++;
    }
  };
  const expect = (ok: boolean): void => {
    if (!ok) throw new SyntaxAt(Math.min(i, n));
  };
  const isDigit = (): boolean => i < n && s.charCodeAt(i) >= 48 && s.charCodeAt(i) <= 57;
  const scanString = (): void => {
    i++; // opening quote
    for (;;) {
      expect(i < n);
      const c = s.charCodeAt(i);
      if (c === 34) {
        i++;
        return;
      }
      expect(c >= 0x20);
      if (c !== 92) {
        i++;
        continue;
      }
      i++;
      expect(i < n);
      const e = s[i]!;
      if ('"\\/bfnrt'.includes(e)) {
        i++;
      } else {
        expect(e === 'u');
        i++;
        for (let k = 0; k < 4; k++, i++) expect(i < n && /[0-9a-fA-F]/.test(s[i]!));
      }
    }
  };
  const scanNumber = (): void => {
    if (s[i] === '-') i++;
    expect(isDigit());
    if (s[i] === '0') i++;
    else while (isDigit()) i++;
    if (s[i] === '.') {
      i++;
      expect(isDigit());
      while (isDigit()) i++;
    }
    if (s[i] === 'e' || s[i] === 'E') {
      i++;
      if (s[i] === '+' || s[i] === '-') i++;
      expect(isDigit());
      while (isDigit()) i++;
    }
  };
  const scanLiteral = (word: string): void => {
    for (let k = 0; k < word.length; k++, i++) expect(s[i] === word[k]);
  };
  let mode: 'value' | 'key' | 'after' = 'value';
  try {
    for (;;) {
      skipSpace();
      if (mode === 'value') {
        expect(i < n);
        const c = s[i]!;
        if (c === '{' || c === '[') {
          i++;
          skipSpace();
          if (s[i] === (c === '{' ? '}' : ']')) {
            i++;
            mode = 'after';
          } else {
            stack.push(c === '{' ? 1 : 0);
            mode = c === '{' ? 'key' : 'value';
          }
        } else {
          if (c === '"') scanString();
          else if (c === '-' || (c >= '0' && c <= '9')) scanNumber();
          else if (c === 't') scanLiteral('true');
          else if (c === 'f') scanLiteral('false');
          else if (c === 'n') scanLiteral('null');
          else expect(false);
          mode = 'after';
        }
      } else if (mode === 'key') {
        expect(i < n && s[i] === '"');
        scanString();
        skipSpace();
        expect(s[i] === ':');
        i++;
        mode = 'value';
      } else {
        const top = stack[stack.length - 1];
        if (top === undefined) {
          expect(i >= n);
          return -1;
        }
        expect(i < n);
        if (s[i] === ',') {
          i++;
          mode = top === 1 ? 'key' : 'value';
        } else {
          expect(s[i] === (top === 1 ? '}' : ']'));
          i++;
          stack.pop();
        }
      }
    }
  } catch (e) {
    if (e instanceof SyntaxAt) return e.offset;
    throw e;
  }
}

/** Parses JSON; errors read `Invalid JSON at line L, column C: <engine message>`. */
export function parseJson(text: string): ParseResult<unknown> {
  if (text.trim() === '') return fail('Invalid JSON: the message is empty');
  try {
    return ok(JSON.parse(text) as unknown);
  } catch (e) {
    const raw = messageOf(e);
    // NOTE: drop V8's echo of the input first, so text inside the message cannot fake a position.
    const bare = raw.replace(/, (\.\.\.)?".*"(\.\.\.)? is not valid JSON$/s, '');
    let line: number | undefined;
    let column: number | undefined;
    let offset: number | undefined;
    // Newer V8: "... in JSON at position 12 (line 2 column 5)"; Firefox: "... at line 2 column 5 of the JSON data".
    const lc = /line (\d+) column (\d+)/.exec(bare);
    const pos = /at position (\d+)/.exec(bare);
    if (lc) {
      line = Number(lc[1]);
      column = Number(lc[2]);
    } else if (pos) {
      offset = Math.min(Number(pos[1]), text.length);
    } else if (/Unexpected end of JSON input/i.test(bare)) {
      offset = text.length;
    } else {
      const found = locateJsonError(text);
      if (found >= 0) offset = found;
    }
    if (offset !== undefined) ({ line, column } = lineColumn(text, offset));
    const message = bare
      .replace(/^JSON\.parse: /, '')
      .replace(/^JSON Parse error: /, '')
      .replace(/,? (in JSON )?at position \d+.*$/s, '')
      .replace(/ at line \d+ column \d+ of the JSON data$/, '');
    if (line === undefined || column === undefined) return fail(`Invalid JSON: ${message}`);
    return fail(`Invalid JSON at line ${line}, column ${column}: ${message}`);
  }
}
