/**
 * Which MQTT version a connection speaks. MQTT 3.1.1 and 5 share the subprotocol `mqtt`, and a v5
 * frame cannot be told from a 3.1.1 one by looking at it, so the version is kept per endpoint:
 * what the user prefers (used from the next Connect) and what the running session sent in its CONNECT
 * (what its frames are decoded with). Kept in memory only; tiny, so the verbs can import it without
 * pulling in the MQTT chunk.
 */

/** The protocol level in CONNECT: 4 is MQTT 3.1.1, 5 is MQTT 5. */
export type MqttVersion = 4 | 5;

/** The `MQTT version` options. */
export const MQTT_VERSIONS: readonly { value: MqttVersion; label: string }[] = [
  { value: 4, label: '3.1.1' },
  { value: 5, label: '5' },
];

const preferred = new Map<string, MqttVersion>();
const active = new Map<string, MqttVersion>();

/** The version to connect to `url` with (3.1.1 unless the user chose 5). */
export function preferredMqttVersion(url: string): MqttVersion {
  return preferred.get(url) ?? 4;
}

/** Remembers the version the user chose for `url`, for the next Connect. */
export function setPreferredMqttVersion(url: string, version: MqttVersion): void {
  preferred.set(url, version);
}

/** The version frames to and from `url` are decoded with: what its last CONNECT said, else 3.1.1. */
export function activeMqttVersion(url: string): MqttVersion {
  return active.get(url) ?? 4;
}

/** Records the version a CONNECT to `url` asked for. */
export function setActiveMqttVersion(url: string, version: MqttVersion): void {
  active.set(url, version);
}
