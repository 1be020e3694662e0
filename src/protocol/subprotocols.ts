import { fail, ok, type ParseResult } from '../codecs/result';

// RFC 7230 tchar: "!" / "#" / "$" / "%" / "&" / "'" / "*" / "+" / "-" / "." / "^" / "_" / "`" / "|" / "~" / DIGIT / ALPHA
const TCHAR = /[!#$%&'*+\-.^_`|~0-9A-Za-z]/;

/** Splits a typed list of subprotocols at commas and white space: the one splitting rule. */
export function splitSubprotocols(input: string): string[] {
  return input.split(/[\s,]+/).filter((t) => t !== '');
}

/** Parses a comma- and/or whitespace-separated list of WebSocket subprotocols (RFC 7230 tokens, no duplicates). */
export function parseSubprotocols(input: string): ParseResult<string[]> {
  const tokens = splitSubprotocols(input);
  const seen = new Set<string>();
  for (const token of tokens) {
    for (const ch of token) {
      if (!TCHAR.test(ch)) return fail(`Invalid subprotocol "${token}": "${ch}" is not allowed in a token`);
    }
    // NOTE: case-sensitive, like the browser's WebSocket constructor check.
    if (seen.has(token)) return fail(`Duplicate subprotocol "${token}"`);
    seen.add(token);
  }
  return ok(tokens);
}
