import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { shellJoin, shellQuote } from '../../src/share/shellQuote';

/** What a real POSIX shell makes of the quoted word (run through /bin/sh, printing the argument back). */
function roundTrip(word: string): string {
  return execFileSync('/bin/sh', ['-c', `printf '%s' ${shellQuote(word)}`], { encoding: 'utf8' });
}

describe('shellQuote', () => {
  it('leaves safe words bare', () => {
    expect(shellQuote('wss://example.com:8443/a/b-c_d.e')).toBe('wss://example.com:8443/a/b-c_d.e');
    expect(shellQuote('--protocol')).toBe('--protocol');
    expect(shellQuote('a,b@c%d+e=f')).toBe('a,b@c%d+e=f');
  });

  it('quotes the empty string', () => {
    expect(shellQuote('')).toBe("''");
  });

  it.each([
    ['spaces', 'hello world', "'hello world'"],
    ['single quotes', "it's", `'it'\\''s'`],
    ['dollar', '$HOME $(rm -rf /)', "'$HOME $(rm -rf /)'"],
    ['backticks', '`id`', "'`id`'"],
    ['newline', 'a\nb', "'a\nb'"],
    ['unicode', 'héllo 👋', "'héllo 👋'"],
    ['query strings', 'ws://h/?a=1&b=2', "'ws://h/?a=1&b=2'"],
    ['double quotes and backslash', '"\\', `'"\\'`],
    ['glob characters', '*?[a]~', "'*?[a]~'"],
  ])('quotes %s', (_name, word, quoted) => {
    expect(shellQuote(word)).toBe(quoted);
  });

  it.each(['', 'plain', 'hello world', "it's 'quoted'", '$(rm -rf /) `id` $HOME', 'a\nb\n', 'héllo 👋', '\\n \\ "x"', "'", "''"])(
    '/bin/sh reads %j back unchanged',
    (word) => {
      expect(roundTrip(word)).toBe(word);
    },
  );

  it('joins words', () => {
    expect(shellJoin(['echo', 'a b', "c'd"])).toBe(`echo 'a b' 'c'\\''d'`);
  });
});
