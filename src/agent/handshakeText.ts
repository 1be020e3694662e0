/** The agent's reports in words, for log entries: pure functions of the report. */
import { describeControlPayload, type HandshakeReport } from './protocol';

/** A handshake as text: request line and headers, response status and headers, timings, certificate, refused body. */
export function describeHandshake(report: HandshakeReport): string {
  const lines: string[] = [];
  const { request, response, timings, certificate } = report;
  if (response) {
    lines.push(report.ok ? `Upgrade accepted: ${response.status} ${response.statusText ?? ''}`.trim() : `Upgrade refused: ${response.status} ${response.statusText ?? ''} — ${report.explanation ?? 'the server did not switch protocols'}`);
  } else lines.push(`Upgrade failed: ${report.error ?? 'no response'}`);
  if (request) {
    lines.push('', 'Request as sent:', request.line, ...request.headers.map(([name, value]) => `${name}: ${value}`));
  }
  if (response) {
    lines.push('', 'Response:', `HTTP/1.1 ${response.status} ${response.statusText ?? ''}`.trim(), ...response.headers.map(([name, value]) => `${name}: ${value}`));
  }
  if (report.body) lines.push('', 'Body (start):', report.body);
  const parts = [['DNS', timings.dns], ['TCP connect', timings.tcp], ['TLS', timings.tls], ['upgrade', timings.upgrade]]
    .filter((part): part is [string, number] => typeof part[1] === 'number')
    .map(([name, ms]) => `${name} ${ms} ms`);
  if (parts.length) lines.push('', `Timings (from start): ${parts.join(', ')}`);
  if (certificate) {
    lines.push(
      '',
      'Server certificate:',
      `Subject: ${certificate.subject}`,
      `Issuer: ${certificate.issuer}`,
      `Valid: ${certificate.validFrom} to ${certificate.validTo}`,
      `Names: ${certificate.subjectAltName || '(none)'}`,
      `SHA-256: ${certificate.fingerprint256}`,
      certificate.authorized ? 'Verified: yes' : `Verified: no${certificate.authorizationError ? ` (${certificate.authorizationError})` : ''}`,
    );
  }
  return lines.join('\n');
}

/** A ping or pong frame in words: which way, whether automatic, its payload as hex and text. */
export function describeControlFrame(frame: { kind: 'ping' | 'pong'; direction: 'in' | 'out'; payload: Uint8Array; auto: boolean }): string {
  const way = frame.direction === 'in' ? `${frame.kind === 'ping' ? 'Ping' : 'Pong'} received from the server` : `${frame.kind === 'ping' ? 'Ping' : 'Pong'} sent${frame.auto ? ' (automatic answer)' : ''}`;
  return `${way}, ${describeControlPayload(frame.payload)}`;
}
