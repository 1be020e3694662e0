import { act, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { MessageDetails } from '../../src/components/MessageDetails';
import { selectEntry } from '../../src/store/connectionActions';
import type { LogEntry } from '../../src/store/logEntry';
import { getLog } from '../../src/store/sessionReads';
import { disposeSession } from '../../src/session/registry';
import { createSessionState } from '../../src/store/sessionState';
import { showOnlySession } from './support/sessions';

let n = 0;
let id = '';
beforeEach(() => {
  id = `since-open-${++n}`;
  showOnlySession(createSessionState(id));
});
afterEach(() => disposeSession(id));

const T0 = Date.UTC(2026, 0, 1, 0, 0, 0);
const push = (at: number, kind: LogEntry['kind'], data: string) =>
  getLog(id).push({ at, kind, data, size: kind === 'received' ? data.length : 0, close: null, format: null });
const sinceOpen = () => screen.queryByText('Since open')?.nextElementSibling?.textContent ?? null;

it('details show the time since the connection that carried the message opened', () => {
  push(T0, 'state', 'OPEN');
  push(T0 + 500, 'received', 'first');
  push(T0 + 600, 'state', 'CLOSED');
  push(T0 + 10_000, 'state', 'OPEN');
  const later = push(T0 + 11_250, 'received', 'second');
  const first = getLog(id).bySeq(2)!;
  render(<MessageDetails id={id} />);
  act(() => selectEntry(id, later.seq));
  expect(sinceOpen()).toBe('1.25 s');
  act(() => selectEntry(id, first.seq));
  expect(sinceOpen()).toBe('500 ms');
});

it('says nothing of it when the open is no longer kept', () => {
  const only = push(T0, 'received', 'orphan');
  render(<MessageDetails id={id} />);
  act(() => selectEntry(id, only.seq));
  expect(screen.getByRole('region', { name: 'Message details' })).toBeInTheDocument();
  expect(sinceOpen()).toBeNull();
});
