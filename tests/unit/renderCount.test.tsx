import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { act, render, waitFor } from '@testing-library/react';
import { Profiler, createElement, type ComponentType } from 'react';
import { mockLayout } from './support/layout';

/**
 * Counts commits per panel: each panel module is wrapped in a React Profiler, which reports every
 * commit inside the panel, including those its own store subscriptions cause.
 */
const commits = new Map<string, number>();

function counted<P extends object>(name: string, Component: ComponentType<P>): ComponentType<P> {
  return function Counted(props: P) {
    return createElement(Profiler, { id: name, onRender: () => commits.set(name, (commits.get(name) ?? 0) + 1) }, createElement(Component, props));
  };
}

// NOTE: vi.mock is hoisted; each factory wraps the real component of its module.
vi.mock('../../src/components/EndpointBar', async (load) => {
  const m = await load<typeof import('../../src/components/EndpointBar')>();
  return { ...m, EndpointBar: counted('EndpointBar', m.EndpointBar) };
});
vi.mock('../../src/components/Composer', async (load) => {
  const m = await load<typeof import('../../src/components/Composer')>();
  return { ...m, Composer: counted('Composer', m.Composer) };
});
vi.mock('../../src/components/ClosePanel', async (load) => {
  const m = await load<typeof import('../../src/components/ClosePanel')>();
  return { ...m, ClosePanel: counted('ClosePanel', m.ClosePanel) };
});
vi.mock('../../src/components/KeepAlivePanel', async (load) => {
  const m = await load<typeof import('../../src/components/KeepAlivePanel')>();
  return { ...m, KeepAlivePanel: counted('KeepAlivePanel', m.KeepAlivePanel) };
});
vi.mock('../../src/components/WorkspacePanel', async (load) => {
  const m = await load<typeof import('../../src/components/WorkspacePanel')>();
  return { ...m, WorkspacePanel: counted('WorkspacePanel', m.WorkspacePanel) };
});
vi.mock('../../src/components/ShareTools', async (load) => {
  const m = await load<typeof import('../../src/components/ShareTools')>();
  return { ...m, ShareTools: counted('ShareTools', m.ShareTools) };
});
vi.mock('../../src/components/LogPanel', async (load) => {
  const m = await load<typeof import('../../src/components/LogPanel')>();
  return { ...m, LogPanel: counted('LogPanel', m.LogPanel) };
});
vi.mock('../../src/components/Counters', async (load) => {
  const m = await load<typeof import('../../src/components/Counters')>();
  return { ...m, Counters: counted('Counters', m.Counters) };
});
vi.mock('../../src/components/StatsStrip', async (load) => {
  const m = await load<typeof import('../../src/components/StatsStrip')>();
  // NOTE: the strip redraws its rates once a second by design; left out so only messages cause commits here.
  return { ...m, StatsStrip: () => null };
});
vi.mock('../../src/components/ConnectionTabs', async (load) => {
  const m = await load<typeof import('../../src/components/ConnectionTabs')>();
  return { ...m, ConnectionTabs: counted('ConnectionTabs', m.ConnectionTabs) };
});

const { App } = await import('../../src/App');
const { useAppStore, getSession } = await import('../../src/store/appStore');
const { findSession } = await import('../../src/session/registry');
const { newConnection, activateTab } = await import('../../src/store/tabsActions');

beforeAll(() => mockLayout(800, 1000));
afterAll(() => vi.restoreAllMocks());

/** Opens `id` on the Simulator and waits until it is OPEN. */
async function openOnSimulator(id: string): Promise<void> {
  findSession(id)!.connect('simulator://local', []);
  await waitFor(() => expect(getSession(id)!.readyState).toBe('OPEN'));
}

/** Sends one message in `id` and waits until its echo is counted in the store. */
async function echoOnce(id: string): Promise<void> {
  const before = getSession(id)!.counters.received;
  findSession(id)!.send('ping', 'text');
  await waitFor(() => expect(getSession(id)!.counters.received).toBe(before + 1));
  // Let any follow-up commit land before counting.
  await act(() => new Promise((resolve) => setTimeout(resolve, 100)));
}

describe('what a message re-renders', () => {
  it('a message in a background tab re-renders nothing; in the shown tab only the log and its counters', async () => {
    const shown = useAppStore.getState().activeId;
    const background = newConnection();
    activateTab(shown);
    render(<App />);
    await openOnSimulator(shown);
    await openOnSimulator(background);
    await act(() => new Promise((resolve) => setTimeout(resolve, 100)));

    commits.clear();
    await echoOnce(background);
    expect(Object.fromEntries(commits)).toEqual({});

    commits.clear();
    await echoOnce(shown);
    const seen = Object.fromEntries(commits);
    expect(seen.LogPanel).toBeGreaterThan(0);
    expect(seen.Counters).toBeGreaterThan(0);
    for (const still of ['EndpointBar', 'Composer', 'ClosePanel', 'KeepAlivePanel', 'WorkspacePanel', 'ShareTools', 'ConnectionTabs']) {
      expect(seen[still], still).toBeUndefined();
    }
  });
});
