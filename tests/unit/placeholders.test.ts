import { describe, expect, it } from 'vitest';
import { expandPlaceholders, findPlaceholders, livePlaceholderContext, type PlaceholderContext } from '../../src/compose/placeholders';

const NOW = Date.UTC(2024, 0, 2, 3, 4, 5, 678);
function context(over: Partial<PlaceholderContext> = {}): PlaceholderContext {
  let n = 0;
  return { now: NOW, counter: 7, uuid: () => `uuid-${++n}`, random: () => 0.5, ...over };
}

describe('findPlaceholders', () => {
  it('finds every {{…}} in order, known or not, with positions', () => {
    const text = 'a {{timestamp}} b {{ uuid }} {{nope}}';
    const found = findPlaceholders(text);
    expect(found.map((f) => [f.name, f.known])).toEqual([['timestamp', true], ['uuid', true], ['nope', false]]);
    for (const f of found) expect(text.slice(f.start, f.end)).toBe(f.raw);
  });

  it('finds nothing in plain text, single braces or JSON', () => {
    expect(findPlaceholders('hello')).toEqual([]);
    expect(findPlaceholders('{"a": {"b": 1}}')).toEqual([]);
    expect(findPlaceholders('{timestamp}')).toEqual([]);
  });
});

describe('expandPlaceholders', () => {
  it('substitutes each known placeholder', () => {
    const result = expandPlaceholders('{{timestamp}}|{{iso}}|{{uuid}}|{{counter}}|{{random}}', context());
    expect(result).toEqual({ ok: true, value: `${NOW}|2024-01-02T03:04:05.678Z|uuid-1|7|500000` });
  });

  it('calls uuid and random once per occurrence', () => {
    let r = 0;
    const result = expandPlaceholders('{{uuid}} {{uuid}} {{random}} {{random}}', context({ random: () => [0, 0.999999999][r++] ?? 0 }));
    expect(result).toEqual({ ok: true, value: 'uuid-1 uuid-2 0 999999' });
  });

  it('allows spaces inside the braces and keeps the rest of the text exactly', () => {
    expect(expandPlaceholders('{"n": {{ counter }}, "t": "{{iso}}"}\n', context())).toEqual({
      ok: true,
      value: '{"n": 7, "t": "2024-01-02T03:04:05.678Z"}\n',
    });
  });

  it('returns text without placeholders unchanged', () => {
    expect(expandPlaceholders('plain {text}', context())).toEqual({ ok: true, value: 'plain {text}' });
  });

  it('fails on an unknown placeholder, naming it (and every other unknown one once)', () => {
    const result = expandPlaceholders('{{timestamp}} {{user}} {{user}} {{Date.now()}}', context());
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error).toContain('{{user}}');
    expect(result.error).toContain('{{Date.now()}}');
    expect(result.error.match(/\{\{user\}\}/g)).toHaveLength(1);
    expect(result.error).toMatch(/unknown placeholder/i);
  });

  it('is plain substitution: nothing is evaluated and values are not re-expanded', () => {
    (globalThis as { hacked?: boolean }).hacked = false;
    const evil = expandPlaceholders('{{globalThis.hacked = true}}', context());
    expect(evil.ok).toBe(false);
    expect((globalThis as { hacked?: boolean }).hacked).toBe(false);
    const nested = expandPlaceholders('{{uuid}}', context({ uuid: () => '{{counter}}' }));
    expect(nested).toEqual({ ok: true, value: '{{counter}}' });
  });

  it('treats {{}} as unknown', () => {
    expect(expandPlaceholders('x {{}} y', context()).ok).toBe(false);
  });

  it('livePlaceholderContext gives real UUIDs and the current time', () => {
    const before = Date.now();
    const result = expandPlaceholders('{{uuid}} {{timestamp}}', livePlaceholderContext(1));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const [uuid, ts] = result.value.split(' ');
    expect(uuid).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(Number(ts)).toBeGreaterThanOrEqual(before);
  });
});
