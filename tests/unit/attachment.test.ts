import { afterEach, describe, expect, it } from 'vitest';
import { waitFor } from '@testing-library/react';
import { COMPOSER_INLINE_LIMIT, resendAttachment, typedAttachment } from '../../src/compose/attachment';
import { disposeSession, findSession } from '../../src/session/registry';
import { addSession, getSession } from '../../src/store/appStore';
import { discardAttachment, send, setDraft } from '../../src/store/connectionActions';
import { createSessionState } from '../../src/store/sessionState';

describe('resendAttachment', () => {
  it('keeps a payload too large for the composer as its original bytes, and leaves small ones to the composer', () => {
    const big = new Uint8Array(COMPOSER_INLINE_LIMIT + 1).buffer;
    expect(resendAttachment({ seq: 7, data: big, format: null })).toEqual({ seq: 7, data: big, encoded: true, format: 'hex', size: COMPOSER_INLINE_LIMIT + 1 });
    expect(resendAttachment({ seq: 7, data: big, format: 'base64' })?.format).toBe('base64');
    expect(resendAttachment({ seq: 8, data: 'x'.repeat(COMPOSER_INLINE_LIMIT + 1), format: 'json' })?.format).toBe('json');
    expect(resendAttachment({ seq: 9, data: new Uint8Array(COMPOSER_INLINE_LIMIT).buffer, format: null })).toBeNull();
    expect(resendAttachment({ seq: 9, data: 'small', format: null })).toBeNull();
  });

  it('holds typed text over the limit, counted in UTF-8 bytes', () => {
    expect(typedAttachment('é'.repeat(COMPOSER_INLINE_LIMIT + 1), 'text')).toMatchObject({ seq: null, encoded: false, size: 2 * (COMPOSER_INLINE_LIMIT + 1) });
    expect(typedAttachment('short', 'hex')).toBeNull();
  });
});

describe('a message too large for the textarea', () => {
  let id = '';
  let n = 0;
  const open = async () => {
    id = `attach-${++n}`;
    addSession(createSessionState(id), false);
    findSession(id)!.connect('simulator://local', []);
    await waitFor(() => expect(getSession(id)!.readyState).toBe('OPEN'));
  };
  afterEach(() => disposeSession(id));

  it('becomes the attachment; the typed message stays, and Send encodes and sends the attached hex once', async () => {
    await open();
    setDraft(id, { message: 'typed before', format: 'hex' });
    const hex = 'ab '.repeat(COMPOSER_INLINE_LIMIT);
    setDraft(id, { message: hex });
    expect(getSession(id)!.drafts.message).toBe('typed before');
    expect(getSession(id)!.attachment).toMatchObject({ encoded: false, format: 'hex' });
    send(id);
    expect(getSession(id)!.problems.composer).toBeNull();
    expect(findSession(id)!.counters.sent).toBe(1);
    expect(findSession(id)!.counters.bytesSent).toBe(COMPOSER_INLINE_LIMIT);
    discardAttachment(id);
    expect(getSession(id)!.attachment).toBeNull();
  });

  it('attached hex that is not hex gets an alert naming the position, and nothing is sent', async () => {
    await open();
    setDraft(id, { format: 'hex' });
    setDraft(id, { message: 'ab '.repeat(COMPOSER_INLINE_LIMIT) + 'zz' });
    send(id);
    expect(getSession(id)!.problems.composer).toMatch(/position/i);
    expect(findSession(id)!.counters.sent).toBe(0);
    expect(getSession(id)!.attachment).not.toBeNull();
  });
});
