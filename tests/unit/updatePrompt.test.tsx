import { act, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, expect, it, vi } from 'vitest';
import { UpdatePrompt } from '../../src/components/UpdatePrompt';
import { setUpdateWaiting, useAppUpdate } from '../../src/store/appUpdate';

afterEach(() => useAppUpdate.setState({ activate: null }));

it('says nothing while no new version waits, but keeps its status in the page for screen readers', () => {
  render(<UpdatePrompt />);
  expect(screen.getByRole('status', { name: 'App update' })).toHaveTextContent('');
  expect(screen.queryByRole('button', { name: 'Reload to update' })).toBeNull();
});

it('offers a waiting version and switches to it only when Reload to update is pressed', async () => {
  const activate = vi.fn();
  render(<UpdatePrompt />);
  act(() => setUpdateWaiting(activate));
  expect(screen.getByRole('status', { name: 'App update' })).toHaveTextContent('A new version is available.');
  expect(activate).not.toHaveBeenCalled();
  await userEvent.click(screen.getByRole('button', { name: 'Reload to update' }));
  expect(activate).toHaveBeenCalledTimes(1);
});
