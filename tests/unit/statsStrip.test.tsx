import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { render, screen, waitFor } from '@testing-library/react';
import { StatsStrip } from '../../src/components/StatsStrip';
import { getSession, addSession } from '../../src/store/appStore';
import { connect, disconnect, send, setDraft } from '../../src/store/connectionActions';
import { disposeSession, findSession } from '../../src/session/registry';
import { createSessionState } from '../../src/store/sessionState';
import type { MessageFormat } from '../../src/store/logEntry';
import { echoHandler, pushHandler, useWsServer } from './support/wsServer';

// msw stands in for an echo server and for a server that pushes without being asked.
useWsServer(echoHandler(), pushHandler());

// NOTE: the strip re-renders on its own once a second and on socket events, outside any act();
// the tests wait for what is shown (waitFor), so React's act() warnings would only be noise.
const actEnvironment = globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean };
beforeAll(() => {
  actEnvironment.IS_REACT_ACT_ENVIRONMENT = false;
});
afterAll(() => {
  actEnvironment.IS_REACT_ACT_ENVIRONMENT = true;
});

let counter = 0;
let id = '';
beforeEach(() => {
  id = `stats-${++counter}`;
  addSession(createSessionState(id), false);
});
afterEach(() => disposeSession(id));

const output = (name: string) => screen.getByRole('status', { name });
const digits = (name: string) => Number((output(name).textContent ?? '').replace(/\D/g, '') || 'NaN');

async function openTo(url: string) {
  setDraft(id, { url });
  connect(id);
  await waitFor(() => expect(getSession(id)!.readyState).toBe('OPEN'));
}

function sendMessage(message: string, format: MessageFormat = 'text') {
  setDraft(id, { message, format });
  send(id);
}

describe('StatsStrip', () => {
  it('has the contract outputs, empty before anything happened', () => {
    render(<StatsStrip id={id} />);
    expect(output('Bytes sent')).toHaveTextContent(/^0 B$/);
    expect(output('Bytes received')).toHaveTextContent(/^0 B$/);
    expect(output('Round trip')).toHaveTextContent('—');
    // The Sent/Received counters are elsewhere; these names do not clash with them.
    expect(screen.queryByRole('status', { name: 'Sent' })).toBeNull();
    expect(screen.getByText('Uptime').nextElementSibling).toHaveTextContent('—');
  });

  it('measures round trips of echoes and counts exact bytes, UTF-8 multi-byte included', async () => {
    render(<StatsStrip id={id} />);
    await openTo('ws://localhost/echo');
    sendMessage('héllo'); // 6 bytes
    sendMessage('日本語'); // 9 bytes
    sendMessage('😀 ok'); // 7 bytes
    await waitFor(() => expect(getSession(id)!.counters.received).toBe(3));
    await waitFor(() => expect(digits('Bytes received')).toBe(22));
    expect(output('Bytes sent')).toHaveTextContent(/^22 B$/);
    // Round trips are read about once a second.
    await waitFor(() => expect(output('Round trip')).toHaveTextContent(/^\d[\d,]* ms$/), { timeout: 3000 });
    expect(screen.getByText(/^median \d[\d,]* ms · p95 \d[\d,]* ms$/)).toBeInTheDocument();
    const rtt = findSession(id)!.stats.rtt.summary();
    expect(rtt.matched).toBe(3);
    expect(rtt.last).toBeGreaterThanOrEqual(0);
    expect(findSession(id)!.stats.rtt.pending).toBe(0);
    // Uptime shows while the connection is open.
    expect(screen.getByText('Uptime').nextElementSibling!.textContent).toMatch(/\d/);
  });

  it('matches binary echoes too', async () => {
    render(<StatsStrip id={id} />);
    await openTo('ws://localhost/echo');
    sendMessage('de ad be ef', 'hex');
    await waitFor(() => expect(findSession(id)!.stats.rtt.summary().matched).toBe(1));
    await waitFor(() => expect(output('Round trip')).toHaveTextContent(/^\d+ ms$/), { timeout: 3000 });
    expect(output('Bytes sent')).toHaveTextContent(/^4 B$/);
    await waitFor(() => expect(output('Bytes received')).toHaveTextContent(/^4 B$/));
  });

  it('shows exact bytes with separators and the binary-unit size beside the output', async () => {
    render(<StatsStrip id={id} />);
    await openTo('ws://localhost/echo');
    sendMessage('x'.repeat(5000));
    await waitFor(() => expect(output('Bytes received')).toHaveTextContent(/^5,000 B$/));
    expect(output('Bytes sent')).toHaveTextContent(/^5,000 B$/);
    expect(screen.getAllByText('4.88 KiB')).toHaveLength(2);
  });

  it('matches nothing when the server pushes what was not sent', async () => {
    render(<StatsStrip id={id} />);
    await openTo('ws://localhost/push');
    sendMessage('push 50');
    await waitFor(() => expect(getSession(id)!.counters.received).toBe(50));
    const stats = findSession(id)!.stats;
    expect(stats.rtt.summary().matched).toBe(0);
    expect(stats.rtt.pending).toBe(1); // "push 50" was never echoed
    expect(stats.rateIn.total).toBe(50);
    expect(stats.rateOut.total).toBe(1);
    expect(output('Round trip')).toHaveTextContent('—');
  });

  it('draws decorative sparklines of the last minute', async () => {
    const { container } = render(<StatsStrip id={id} />);
    const lines = container.querySelectorAll('svg.sparkline');
    expect(lines).toHaveLength(2);
    for (const svg of lines) {
      expect(svg).toHaveAttribute('aria-hidden', 'true');
      expect(svg.querySelector('polyline')!.getAttribute('points')!.split(' ')).toHaveLength(60);
    }
    expect(screen.getAllByText(/^\d[\d,]* msg\/s$/)).toHaveLength(2);
  });

  it('stops the uptime when the connection closes and starts afresh on reconnect', async () => {
    render(<StatsStrip id={id} />);
    await openTo('ws://localhost/echo');
    const stats = findSession(id)!.stats;
    expect(stats.openedAt).not.toBeNull();
    disconnect(id);
    await waitFor(() => expect(getSession(id)!.readyState).toBe('CLOSED'));
    expect(stats.closedAt).not.toBeNull();
    await waitFor(() => expect(screen.getByText('Uptime').nextElementSibling).toHaveTextContent('—'));
    await openTo('ws://localhost/echo');
    expect(stats.closedAt).toBeNull();
  });
});
