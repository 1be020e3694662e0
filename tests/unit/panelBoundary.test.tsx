// Issue 9, "never blank, never freeze": a panel that throws while rendering says so in an alert with
// `Reload panel`; the other panels and the other tabs keep working, and a reload loses nothing.
import { act, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { App } from '../../src/App';
import { PanelBoundary, describeError } from '../../src/components/PanelBoundary';
import { disposeSession } from '../../src/session/registry';
import { useAppStore } from '../../src/store/appStore';
import { createSessionState } from '../../src/store/sessionState';
import { newConnection } from '../../src/store/tabsActions';
import { mockLayout } from './support/layout';
import { showOnlySession } from './support/sessions';

// The connections whose Composer throws while rendering: the real Composer for every other one.
const faulty = new Set<string>();
vi.mock('../../src/components/Composer', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../src/components/Composer')>();
  return {
    ...real,
    Composer: (props: Parameters<typeof real.Composer>[0]) => {
      if (faulty.has(props.id)) throw new Error(`composer of ${props.id} broke`);
      return <real.Composer {...props} />;
    },
  };
});

// React reports every caught render error on the console; the alerts are what these tests check.
beforeAll(() => {
  mockLayout(800, 1000);
  vi.spyOn(console, 'error').mockImplementation(() => {});
});
afterAll(() => vi.restoreAllMocks());

/** Throws while `fault.on`; the test turns the fault off before `Reload panel`. */
function Flaky({ fault, text }: { fault: { on: boolean; message?: unknown }; text: string }) {
  if (fault.on) throw fault.message ?? new Error('boom');
  return <p>{text}</p>;
}

describe('PanelBoundary', () => {
  it('shows an alert naming the panel and the error, and its sibling panels keep rendering', () => {
    render(
      <>
        <PanelBoundary name="log panel">
          <Flaky fault={{ on: true, message: new Error('no such entry') }} text="log" />
        </PanelBoundary>
        <PanelBoundary name="composer">
          <Flaky fault={{ on: false }} text="composer works" />
        </PanelBoundary>
      </>,
    );
    const alert = screen.getByRole('alert');
    expect(alert).toHaveTextContent('The log panel failed to render: no such entry');
    expect(within(alert).getByRole('button', { name: 'Reload panel' })).toBeInTheDocument();
    expect(screen.getByText('composer works')).toBeInTheDocument();
    expect(screen.queryByText('log')).toBeNull();
  });

  it('Reload panel renders the children again once the fault is gone, and shows the alert again while it is not', async () => {
    const user = userEvent.setup();
    const fault = { on: true };
    render(
      <PanelBoundary name="message details">
        <Flaky fault={fault} text="details are back" />
      </PanelBoundary>,
    );
    await user.click(screen.getByRole('button', { name: 'Reload panel' }));
    expect(screen.getByRole('alert')).toHaveTextContent('The message details failed to render: boom');

    fault.on = false;
    await user.click(screen.getByRole('button', { name: 'Reload panel' }));
    expect(screen.getByText('details are back')).toBeInTheDocument();
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('shows the error as text, never as HTML', () => {
    const html = '<img src=x onerror="window.pwned=1"><b>bold</b>';
    const { container } = render(
      <PanelBoundary name="log panel">
        <Flaky fault={{ on: true, message: new Error(html) }} text="" />
      </PanelBoundary>,
    );
    expect(screen.getByRole('alert')).toHaveTextContent(`The log panel failed to render: ${html}`);
    expect(container.querySelector('img, b')).toBeNull();
  });

  it('names whatever was thrown, bounded', () => {
    expect(describeError('a plain string')).toBe('a plain string');
    expect(describeError(42)).toBe('42');
    expect(describeError(null)).toBe('null');
    expect(describeError(new Error(''))).toBe('Error');
    expect(describeError(Object.create(null))).toBe('unknown error');
    expect(describeError(new Error('x'.repeat(10_000))).length).toBeLessThan(400);
  });
});

describe('the app with a failing panel', () => {
  let first = '';
  const opened: string[] = [];
  beforeEach(() => {
    faulty.clear();
    first = `boundary-${Math.random().toString(36).slice(2)}`;
    showOnlySession(createSessionState(first));
    opened.push(first);
  });
  afterEach(() => {
    for (const id of opened.splice(0)) disposeSession(id);
  });

  const tabs = () => within(screen.getByRole('tablist', { name: 'Connections' })).getAllByRole('tab');

  it('a throwing composer in one tab leaves its other panels, the other tab and the draft intact', async () => {
    const user = userEvent.setup();
    render(<App />);
    await user.type(screen.getByRole('textbox', { name: 'Message' }), 'kept draft');

    await user.click(screen.getByRole('button', { name: 'New connection' }));
    const second = useAppStore.getState().activeId;
    opened.push(second);
    expect(second).not.toBe(first);

    // The first tab's composer now throws: its tab shows the alert, and the rest of that tab works.
    faulty.add(first);
    await user.click(tabs()[0]!);
    const alert = screen.getByRole('alert');
    expect(alert).toHaveTextContent(`The composer failed to render: composer of ${first} broke`);
    expect(screen.queryByRole('textbox', { name: 'Message' })).toBeNull();
    expect(screen.getByRole('log', { name: 'Messages' })).toBeInTheDocument();
    expect(screen.getByRole('textbox', { name: 'URL' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Connect' })).toBeInTheDocument();

    // The other tab is untouched.
    await user.click(tabs()[1]!);
    expect(screen.queryByRole('alert')).toBeNull();
    expect(screen.getByRole('textbox', { name: 'Message' })).toHaveValue('');
    expect(screen.getByRole('log', { name: 'Messages' })).toBeInTheDocument();

    // Back to the first: still failing until the fault is gone; then Reload panel brings back the draft.
    await user.click(tabs()[0]!);
    expect(screen.getByRole('alert')).toHaveTextContent('The composer failed to render');
    faulty.delete(first);
    await user.click(screen.getByRole('button', { name: 'Reload panel' }));
    expect(screen.queryByRole('alert')).toBeNull();
    expect(screen.getByRole('textbox', { name: 'Message' })).toHaveValue('kept draft');
  });

  it('a tab created while another tab is failing renders normally', async () => {
    faulty.add(first);
    render(<App />);
    expect(screen.getByRole('alert')).toHaveTextContent('The composer failed to render');
    let second = '';
    act(() => {
      second = newConnection();
    });
    opened.push(second);
    expect(screen.queryByRole('alert')).toBeNull();
    expect(screen.getByRole('textbox', { name: 'Message' })).toBeInTheDocument();
  });
});
