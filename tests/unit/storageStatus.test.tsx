import { beforeEach, describe, expect, it } from 'vitest';
import { act, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { StorageStatus } from '../../src/components/StorageStatus';
import { setLoadNotice, setSaveFailure, useStorageStatus } from '../../src/store/storageStatus';

beforeEach(() => useStorageStatus.setState({ saveFailure: null, loadNotice: null }));

describe('StorageStatus', () => {
  it('shows nothing while storage works', () => {
    render(<StorageStatus />);
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('says in the page when saving fails, and goes away when a save works', () => {
    render(<StorageStatus />);
    act(() => setSaveFailure('storage is full'));
    expect(screen.getByRole('alert')).toHaveTextContent(
      'Saving in this browser failed (storage is full): your drafts and saved messages are kept in this page but will not survive a reload.',
    );
    act(() => setSaveFailure(null));
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('shows what loading found until dismissed', async () => {
    const user = userEvent.setup();
    render(<StorageStatus />);
    act(() => setLoadNotice('Stored settings were unreadable and have been reset.'));
    expect(screen.getByRole('alert')).toHaveTextContent(/unreadable/);
    await user.click(screen.getByRole('button', { name: 'Dismiss storage notice' }));
    expect(screen.queryByRole('alert')).toBeNull();
  });
});
