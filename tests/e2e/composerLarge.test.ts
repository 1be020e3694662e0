/** A huge paste into the composer never makes typing crawl: it is held beside the textarea and sent as it is. */
import { describe, expect, it } from 'vitest';
import { useApp } from './harness';
import { button, connect, exactName, formatBox, messageBox, waitForCount } from './helpers';

const app = useApp();

describe('a huge paste into Message', () => {
  it('is attached instead of typed, keeps the page responsive, and Send sends its bytes', async () => {
    const page = await app.newPage();
    await connect(page, `${app.wsOrigin}/echo`);
    await formatBox(page).selectOption({ label: 'Hex' });
    await messageBox(page).fill('01 02');
    // 4 MiB of bytes as 12 MB of hex, pasted as a user would.
    const pasteMs = await page.evaluate(() => {
      const box = document.querySelector('textarea[aria-label="Message"]') as HTMLTextAreaElement;
      const data = new DataTransfer();
      data.setData('text/plain', 'de ad be ef '.repeat(1024 * 1024));
      const t0 = performance.now();
      box.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
      return performance.now() - t0;
    });
    const attached = page.getByRole('group', { name: exactName('Attached message') });
    await attached.waitFor();
    expect(await attached.textContent()).toMatch(/Pasted Hex, 12(\.0)? MiB/);
    expect(pasteMs).toBeLessThan(1000);
    // Typing elsewhere answers at once (a frame, not seconds).
    const keyMs = await page.evaluate(async () => {
      const url = document.querySelector('input[aria-label="URL"]') as HTMLInputElement;
      url.focus();
      const t0 = performance.now();
      url.setRangeText('x', url.value.length, url.value.length, 'end');
      url.dispatchEvent(new InputEvent('input', { bubbles: true, data: 'x', inputType: 'insertText' }));
      await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
      return performance.now() - t0;
    });
    expect(keyMs).toBeLessThan(100);
    await page.getByRole('textbox', { name: exactName('URL') }).fill(`${app.wsOrigin}/echo`);
    await button(page, 'Send').click();
    await expect.poll(() => page.getByRole('status', { name: exactName('Bytes sent') }).textContent(), { timeout: 20_000 }).toMatch(/4,194,304/);
    await waitForCount(page, 'Received', 1, 20_000);
    await button(page, 'Discard attached message').click();
    expect(await messageBox(page).inputValue()).toBe('01 02');
    expect(app.pageErrors).toEqual([]);
  });
});
