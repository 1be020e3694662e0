/** How a message is written in the composer: the one list of formats, their labels and hints. */
export type MessageFormat = 'text' | 'json' | 'hex' | 'base64' | 'msgpack' | 'cbor' | 'protobuf';

/** Every format, in the order the `Format` combobox offers them. */
export const MESSAGE_FORMATS: readonly { value: MessageFormat; label: string; hint: string }[] = [
  { value: 'text', label: 'Text', hint: 'Sent as a text frame, exactly as typed.' },
  { value: 'json', label: 'JSON', hint: 'Checked as JSON, then sent as a text frame exactly as typed.' },
  { value: 'hex', label: 'Hex', hint: 'Binary frame. Accepts de ad be ef, deadbeef, de:ad:be:ef, 0xde 0xad.' },
  { value: 'base64', label: 'Base64', hint: 'Binary frame. Standard or URL-safe alphabet.' },
  { value: 'msgpack', label: 'MessagePack', hint: 'Type JSON; it is sent as a MessagePack binary frame.' },
  { value: 'cbor', label: 'CBOR', hint: 'Type JSON; it is sent as a CBOR binary frame.' },
  { value: 'protobuf', label: 'Protobuf', hint: 'Type JSON; it is sent as a Protobuf binary frame of the chosen Message type (Load .proto first).' },
];

/** Formats whose encoder lives in the binary codecs chunk, loaded on demand. */
export function needsBinaryCodecs(format: MessageFormat): boolean {
  return format === 'msgpack' || format === 'cbor' || format === 'protobuf';
}

/** The label shown for a format (`Text`, `JSON`, `Hex`, `Base64`, `MessagePack`, `CBOR`, `Protobuf`). */
export function formatLabel(format: MessageFormat): string {
  return MESSAGE_FORMATS.find((f) => f.value === format)?.label ?? format;
}

/** Whether an untrusted value names a format. */
export function isMessageFormat(value: unknown): value is MessageFormat {
  return typeof value === 'string' && MESSAGE_FORMATS.some((f) => f.value === value);
}
