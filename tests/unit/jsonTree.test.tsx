import { describe, expect, it } from 'vitest';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { CHILD_PAGE, JsonTree, MAX_STRING_CHARS } from '../../src/components/JsonTree';

describe('JsonTree', () => {
  it('pretty-prints keys and values, each primitive type with its own class', () => {
    const { container } = render(<JsonTree value={{ s: 'text', n: 42, b: true, z: null, nested: { x: 1 } }} />);
    expect(container.querySelector('.json-string')).toHaveTextContent('"text"');
    expect(container.querySelector('.json-number')).toHaveTextContent('42');
    expect(container.querySelector('.json-boolean')).toHaveTextContent('true');
    expect(container.querySelector('.json-null')).toHaveTextContent('null');
    const types = Array.from(container.querySelectorAll('[data-type]')).map((el) => el.getAttribute('data-type'));
    expect(new Set(types)).toEqual(new Set(['string', 'number', 'boolean', 'null']));
    expect(container.textContent).toContain('"nested": {');
  });

  it('collapses and expands objects and arrays with a toggle that reports aria-expanded', async () => {
    const user = userEvent.setup();
    const { container } = render(<JsonTree value={{ list: [1, 2, 3], deep: { inner: { hidden: 'yes' } } }} />);
    const list = screen.getByRole('button', { name: /"list" \(array, 3 items\)/ });
    expect(list).toHaveAttribute('aria-expanded', 'true');
    expect(container.querySelectorAll('.json-number')).toHaveLength(3);

    await user.click(list);
    expect(list).toHaveAttribute('aria-expanded', 'false');
    expect(container.querySelectorAll('.json-number')).toHaveLength(0);
    expect(container.textContent).toContain('"list": [ … 3 items ]');

    await user.click(list);
    expect(container.querySelectorAll('.json-number')).toHaveLength(3);

    // Deeper levels start collapsed and open on demand.
    expect(container.textContent).not.toContain('"hidden"');
    await user.click(screen.getByRole('button', { name: /"inner" \(object, 1 key\)/ }));
    expect(container.textContent).toContain('"hidden": "yes"');

    // The root collapses too.
    const root = screen.getByRole('button', { name: /^root \(object, 2 keys\)$/ });
    await user.click(root);
    expect(root).toHaveAttribute('aria-expanded', 'false');
    expect(container.textContent).not.toContain('"list"');
  });

  it('renders text as text, never as HTML', () => {
    const { container } = render(<JsonTree value={{ '<b>key</b>': '<img src=x onerror=alert(1)>' }} />);
    expect(container.querySelector('img')).toBeNull();
    expect(container.querySelector('b')).toBeNull();
    expect(container.textContent).toContain('"<img src=x onerror=alert(1)>"');
  });

  it('shows empty containers inline and top-level primitives', () => {
    const { container, rerender } = render(<JsonTree value={{ a: {}, b: [] }} />);
    expect(container.textContent).toContain('"a": {},');
    expect(container.textContent).toContain('"b": []');
    rerender(<JsonTree value={'just a string'} />);
    expect(container.querySelector('.json-string')).toHaveTextContent('"just a string"');
  });

  it('renders a huge array a page at a time', async () => {
    const user = userEvent.setup();
    const big = Array.from({ length: 1000 }, (_, i) => i);
    const { container } = render(<JsonTree value={big} />);
    expect(container.querySelectorAll('.json-number')).toHaveLength(CHILD_PAGE);
    await user.click(screen.getByRole('button', { name: /Show 100 more \(900 not shown\)/ }));
    expect(container.querySelectorAll('.json-number')).toHaveLength(2 * CHILD_PAGE);
  });

  it('cuts very long strings and says how much is left', () => {
    const { container } = render(<JsonTree value={['x'.repeat(MAX_STRING_CHARS + 500)]} />);
    const str = container.querySelector('.json-string')!;
    expect(within(str as HTMLElement).getByText(/500 more characters/)).toBeInTheDocument();
  });
});
