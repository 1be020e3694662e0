import { vi } from 'vitest';

/**
 * jsdom has no layout: give every element a size (clientHeight/offsetHeight = height,
 * clientWidth/offsetWidth = width) so virtual lists render their rows. Spies only: the
 * caller restores them with vi.restoreAllMocks().
 */
export function mockLayout(height = 800, width = 1000): void {
  vi.spyOn(HTMLElement.prototype, 'clientHeight', 'get').mockReturnValue(height);
  vi.spyOn(HTMLElement.prototype, 'clientWidth', 'get').mockReturnValue(width);
  vi.spyOn(HTMLElement.prototype, 'offsetHeight', 'get').mockReturnValue(height);
  vi.spyOn(HTMLElement.prototype, 'offsetWidth', 'get').mockReturnValue(width);
}
