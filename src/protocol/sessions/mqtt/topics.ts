/** MQTT topic names and filters (MQTT 3.1.1 §4.7, MQTT 5 §4.7): what may be published to or subscribed. */

const MAX_BYTES = 65_535;

function common(kind: 'Topic' | 'Topic filter', text: string): string | null {
  if (text === '') return `${kind}: type a topic, e.g. test/a`;
  if (text.includes('\u0000')) return `${kind}: must not contain the NUL character (U+0000)`;
  const bytes = new TextEncoder().encode(text).length;
  if (bytes > MAX_BYTES) return `${kind}: ${bytes} UTF-8 bytes, at most ${MAX_BYTES} allowed`;
  return null;
}

/** Why `topic` cannot be published to (empty, wildcards, NUL, too long), or null when it can. */
export function checkTopicName(topic: string): string | null {
  const problem = common('Topic', topic);
  if (problem) return problem;
  const wildcard = /[+#]/.exec(topic);
  if (wildcard) return `Topic: the wildcard "${wildcard[0]}" (at character ${wildcard.index + 1}) is allowed only when subscribing, not in a publish topic`;
  return null;
}

/** Why `filter` is not a valid subscription filter (`#` only last and alone in its level, `+` alone in its level), or null. */
export function checkTopicFilter(filter: string): string | null {
  const problem = common('Topic filter', filter);
  if (problem) return problem;
  const levels = filter.split('/');
  for (const [i, level] of levels.entries()) {
    if (level.includes('#') && (level !== '#' || i !== levels.length - 1)) {
      return `Topic filter: "#" must be a whole level and the last one (e.g. test/#), got level ${i + 1} "${level}"`;
    }
    if (level.includes('+') && level !== '+') return `Topic filter: "+" must be a whole level (e.g. test/+/a), got level ${i + 1} "${level}"`;
  }
  return null;
}
