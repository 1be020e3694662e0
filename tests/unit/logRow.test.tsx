import { render, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { LogRow } from '../../src/components/LogRow';
import type { LogEntry } from '../../src/store/logEntry';

const entry = (over: Partial<LogEntry> = {}): LogEntry => ({
  seq: 7,
  at: Date.UTC(2026, 0, 1, 12, 0, 0, 5),
  kind: 'received',
  data: 'hello',
  size: 5,
  close: null,
  format: null,
  ...over,
});

describe('LogRow', () => {
  it('shows the delta since the entry above', () => {
    render(<LogRow entry={entry()} deltaMs={850} style={{}} selected={false} active={false} onOpen={vi.fn()} />);
    expect(screen.getByTitle('Time since the entry above')).toHaveTextContent('+850 ms');
  });

  it('shows no delta for the first entry', () => {
    render(<LogRow entry={entry()} deltaMs={null} style={{}} selected={false} active={false} onOpen={vi.fn()} />);
    expect(screen.getByTitle('Time since the entry above')).toHaveTextContent(/^$/);
  });

  it('shows the time with milliseconds, the direction, the size and the payload as text', () => {
    const { container } = render(
      <LogRow entry={entry({ data: '<b>bold</b>' })} deltaMs={0} style={{}} selected={false} active={false} onOpen={vi.fn()} />,
    );
    const row = container.querySelector('[data-kind="received"]')!;
    expect(row.textContent).toMatch(/\d\d:\d\d:\d\d\.005/);
    expect(row.textContent).toContain('received');
    expect(row.textContent).toContain('5 B');
    expect(row.textContent).toContain('<b>bold</b>');
    expect(row.querySelector('b')).toBeNull();
  });
});

describe('row previews', () => {
  it('shows pretty-printed JSON as one compact line, and other multi-line text with line marks', () => {
    const { container, rerender } = render(
      <LogRow entry={entry({ data: '{\n  "a": 1,\n  "b": [true, null]\n}' })} deltaMs={0} style={{}} selected={false} active={false} onOpen={vi.fn()} />,
    );
    expect(container.textContent).toContain('{"a":1,"b":[true,null]}');
    rerender(<LogRow entry={entry({ data: 'line one\nline two' })} deltaMs={0} style={{}} selected={false} active={false} onOpen={vi.fn()} />);
    expect(container.textContent).toContain('line one ↵ line two');
  });
});
