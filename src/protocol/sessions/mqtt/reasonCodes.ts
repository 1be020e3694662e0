/** MQTT reason and return codes by name (MQTT 5 §2.4, MQTT 3.1.1 §3.2.2.3 and §3.9.3). */

const V5: Record<number, string> = {
  0x00: 'Success',
  0x01: 'Granted QoS 1',
  0x02: 'Granted QoS 2',
  0x04: 'Disconnect with Will Message',
  0x10: 'No matching subscribers',
  0x11: 'No subscription existed',
  0x18: 'Continue authentication',
  0x19: 'Re-authenticate',
  0x80: 'Unspecified error',
  0x81: 'Malformed Packet',
  0x82: 'Protocol Error',
  0x83: 'Implementation specific error',
  0x84: 'Unsupported Protocol Version',
  0x85: 'Client Identifier not valid',
  0x86: 'Bad User Name or Password',
  0x87: 'Not authorized',
  0x88: 'Server unavailable',
  0x89: 'Server busy',
  0x8a: 'Banned',
  0x8b: 'Server shutting down',
  0x8c: 'Bad authentication method',
  0x8d: 'Keep Alive timeout',
  0x8e: 'Session taken over',
  0x8f: 'Topic Filter invalid',
  0x90: 'Topic Name invalid',
  0x91: 'Packet Identifier in use',
  0x92: 'Packet Identifier not found',
  0x93: 'Receive Maximum exceeded',
  0x94: 'Topic Alias invalid',
  0x95: 'Packet too large',
  0x96: 'Message rate too high',
  0x97: 'Quota exceeded',
  0x98: 'Administrative action',
  0x99: 'Payload format invalid',
  0x9a: 'Retain not supported',
  0x9b: 'QoS not supported',
  0x9c: 'Use another server',
  0x9d: 'Server moved',
  0x9e: 'Shared Subscriptions not supported',
  0x9f: 'Connection rate exceeded',
  0xa0: 'Maximum connect time',
  0xa1: 'Subscription Identifiers not supported',
  0xa2: 'Wildcard Subscriptions not supported',
};

const V3_CONNACK: Record<number, string> = {
  0: 'Connection Accepted',
  1: 'Unacceptable protocol version',
  2: 'Identifier rejected',
  3: 'Server unavailable',
  4: 'Bad user name or password',
  5: 'Not authorized',
};

/** The name of a reason code in a packet of type `cmd` (`0x87 Not authorized`); 0 is named by the packet it answers. */
export function reasonName(cmd: string, code: number, version: 4 | 5): string {
  const hex = `0x${code.toString(16).padStart(2, '0')}`;
  if (version !== 5) {
    if (cmd === 'connack') return `${code} ${V3_CONNACK[code] ?? 'Unknown return code'}`;
    if (cmd === 'suback') return code === 0x80 ? `${hex} Failure` : code <= 2 ? `Granted QoS ${code}` : `${hex} Unknown return code`;
    return `${hex}`;
  }
  // NOTE: a 3.1.1-only broker (aedes, for one) answers an MQTT 5 CONNECT with its 3.1.1 return code 1.
  if (cmd === 'connack' && code > 0 && code < 0x80) return `${code} ${V3_CONNACK[code] ?? 'Unknown return code'} (a 3.1.1 return code: the broker does not speak MQTT 5)`;
  if (code === 0 && cmd === 'suback') return `${hex} Granted QoS 0`;
  if (code === 0 && cmd === 'disconnect') return `${hex} Normal disconnection`;
  return `${hex} ${V5[code] ?? 'Unknown reason code'}`;
}

/** Whether a reason or return code says the request failed: 0x80 and up, and any non-zero CONNACK code. */
export function isFailure(cmd: string, code: number): boolean {
  if (cmd === 'connack') return code !== 0;
  return code >= 0x80;
}
