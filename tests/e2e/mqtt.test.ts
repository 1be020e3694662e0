/** MQTT in real Chromium against Local Echo's /mqtt (the aedes broker), in the built app. */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { runAxe } from './axe';
import { useApp } from './harness';
import { alerts, button, connect, counter, exactName, messageBox, messagesLog, rowTexts, sendMessage, subprotocolsBox, waitForRow, waitForState } from './helpers';

const app = useApp();
let page: Page;

const protocolBox = (p: Page) => p.getByRole('combobox', { name: exactName('Protocol') });
const topicBox = (p: Page) => p.getByRole('textbox', { name: exactName('Topic') });
const qosBox = (p: Page) => p.getByRole('combobox', { name: exactName('QoS') });

/** Texts of the dimmed housekeeping rows. */
function housekeepingTexts(p: Page): Promise<string[]> {
  return messagesLog(p).locator('[data-housekeeping="true"]').allInnerTexts();
}

describe('MQTT against Local Echo /mqtt', () => {
  it('chosen in Protocol: offers the subprotocol mqtt, CONNECT/CONNACK and PINGREQ are dimmed housekeeping, subscribe then a QoS 1 publish arrives with its topic and QoS', async () => {
    page = await app.newPage();
    // Fake timers in the page, so the 30 s keep-alive can be fast-forwarded; time otherwise flows.
    await page.clock.install();
    await protocolBox(page).selectOption({ label: 'MQTT' });
    await connect(page, `${app.wsOrigin}/mqtt`);
    // Brokers want the subprotocol mqtt: it was offered for the user, and said so.
    await expect.poll(() => subprotocolsBox(page).inputValue()).toBe('mqtt');
    await waitForRow(page, 'info', (t) => t.includes('MQTT: offered the subprotocol mqtt'));
    await expect.poll(async () => (await housekeepingTexts(page)).join('\n')).toMatch(/CONNECT MQTT 3\.1\.1 client wstester-[0-9a-f]{6} keep-alive 30 s[\s\S]*CONNACK 0 Connection Accepted/);
    await waitForRow(page, 'info', (t) => t.includes('MQTT: connected (MQTT 3.1.1, keep-alive 30 s'));

    await topicBox(page).fill('test/#');
    await qosBox(page).selectOption({ label: '1' });
    await button(page, 'Subscribe topic').click();
    await waitForRow(page, 'sent', (t) => t.includes('SUBSCRIBE #1 test/# QoS 1'));
    await waitForRow(page, 'received', (t) => t.includes('SUBACK #1 Granted QoS 1'));
    await waitForRow(page, 'info', (t) => /MQTT: SUBACK Granted QoS 1 for subscribe test\/# QoS 1 \(#1\) after \d+ ms \(round trip\)/.test(t));

    await topicBox(page).fill('test/a');
    await messageBox(page).fill('hello mqtt');
    await button(page, 'Publish').click();
    await waitForRow(page, 'sent', (t) => t.includes('PUBLISH test/a QoS 1 #2 hello mqtt'));
    // The broker's PUBACK is matched to it; its delivery to our subscription arrives with topic and QoS.
    await waitForRow(page, 'info', (t) => /MQTT: PUBACK for publish test\/a QoS 1 \(#2\) after \d+ ms \(round trip\)/.test(t));
    const delivered = await waitForRow(page, 'received', (t) => t.includes('PUBLISH test/a QoS 1'));
    expect(delivered).toContain('hello mqtt');
    // PUBACK both ways is housekeeping.
    await expect.poll(async () => (await housekeepingTexts(page)).filter((t) => t.includes('PUBACK'))).toHaveLength(2);

    // The keep-alive: a PINGREQ after 30 s, answered by PINGRESP, both dimmed.
    await page.clock.fastForward(31_000);
    await expect.poll(async () => (await housekeepingTexts(page)).join('\n')).toMatch(/PINGREQ[\s\S]*PINGRESP/);

    // Details: the Decoded tab shows the packet as a tree.
    await messagesLog(page).locator('[data-kind="received"]', { hasText: 'PUBLISH test/a' }).first().click();
    const details = page.getByRole('region', { name: exactName('Message details') });
    await expect.poll(() => details.getByRole('tab', { name: exactName('Decoded') }).getAttribute('aria-selected')).toBe('true');
    const tree = await details.getByRole('tabpanel').innerText();
    expect(tree).toContain('PUBLISH');
    expect(tree).toContain('test/a');
    expect(tree).toContain('hello mqtt');

    // A wildcard in a publish topic: an alert, nothing sent.
    await topicBox(page).fill('test/+');
    const sentBefore = await counter(page, 'Sent');
    await button(page, 'Publish').click();
    await expect.poll(() => alerts(page).allInnerTexts()).toEqual([expect.stringMatching(/Topic: the wildcard "\+" \(at character 6\) is allowed only when subscribing/)]);
    await topicBox(page).fill('a/#/b');
    await button(page, 'Subscribe topic').click();
    await expect.poll(() => alerts(page).allInnerTexts()).toEqual([expect.stringMatching(/Topic filter: "#" must be a whole level and the last one/)]);
    await topicBox(page).fill('');
    await button(page, 'Unsubscribe topic').click();
    await expect.poll(() => alerts(page).allInnerTexts()).toEqual([expect.stringMatching(/Topic filter: type a topic/)]);
    expect(await counter(page, 'Sent')).toBe(sentBefore);

    // Export keeps the binary frames and the protocol: the imported log decodes the same way.
    const [download] = await Promise.all([page.waitForEvent('download'), button(page, 'Export log').click()]);
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), button(page, 'Import log').click()]);
    await chooser.setFiles(await download.path());
    await page.getByRole('region', { name: exactName('Imported log') }).waitFor();
    await waitForRow(page, 'received', (t) => t.includes('PUBLISH test/a QoS 1') && t.includes('hello mqtt'));
    await button(page, 'Back to live connection').click();

    // Disconnect says DISCONNECT first.
    await button(page, 'Disconnect').click();
    await waitForState(page, 'CLOSED');
    await waitForRow(page, 'sent', (t) => t.includes('DISCONNECT'));
    expect(app.pageErrors).toEqual([]);
  });

  it('Auto picks MQTT from the subprotocol mqtt; a retained message reaches a later subscription; QoS 2 is answered both ways', async () => {
    page = await app.newPage();
    await connect(page, `${app.wsOrigin}/mqtt`, 'mqtt');
    await expect.poll(() => page.getByTestId('protocol-picked').innerText()).toBe('MQTT (from the subprotocol mqtt)');
    await waitForRow(page, 'info', (t) => t.includes('MQTT: connected'));
    const topic = `retained/${Date.now()}`;
    await topicBox(page).fill(topic);
    await page.getByRole('checkbox', { name: exactName('Retain') }).check();
    await messageBox(page).fill('kept for later');
    await button(page, 'Publish').click();
    await waitForRow(page, 'sent', (t) => t.includes(`PUBLISH ${topic} QoS 0 retain kept for later`));
    await button(page, 'Subscribe topic').click();
    const row = await waitForRow(page, 'received', (t) => t.includes(`PUBLISH ${topic} QoS 0`));
    expect(row).toContain('retain');
    expect(row).toContain('kept for later');
    await button(page, 'Unsubscribe topic').click();
    await waitForRow(page, 'received', (t) => t.includes('UNSUBACK #2'));

    // QoS 2 both ways: our publish goes PUBREC, PUBREL, PUBCOMP; its delivery to us the same, answered by the app.
    await topicBox(page).fill('qos2/#');
    await qosBox(page).selectOption({ label: '2' });
    await button(page, 'Subscribe topic').click();
    await waitForRow(page, 'received', (t) => t.includes('SUBACK #3 Granted QoS 2'));
    await topicBox(page).fill('qos2/x');
    await page.getByRole('checkbox', { name: exactName('Retain') }).uncheck();
    await messageBox(page).fill('exactly once');
    await button(page, 'Publish').click();
    await waitForRow(page, 'info', (t) => /MQTT: PUBCOMP for publish qos2\/x QoS 2 \(#4\) after \d+ ms \(round trip\)/.test(t));
    const delivered = await waitForRow(page, 'received', (t) => t.includes('PUBLISH qos2/x QoS 2'));
    expect(delivered).toContain('exactly once');
    await expect
      .poll(async () => (await housekeepingTexts(page)).map((t) => /PUB(REC|REL|COMP)/.exec(t)?.[0]).filter(Boolean).sort())
      .toEqual(['PUBCOMP', 'PUBCOMP', 'PUBREC', 'PUBREC', 'PUBREL', 'PUBREL']);
    // The MQTT verbs and dimmed rows leave axe-core nothing to report.
    const findings = await runAxe(page);
    expect(findings.map((f) => `${f.impact} ${f.id}: ${f.nodes.join(' | ')}`)).toEqual([]);
  });

  it('a message that is not MQTT is shown raw with the parse error, the session goes on, and Filter matches decoded text', async () => {
    page = await app.newPage();
    await protocolBox(page).selectOption({ label: 'MQTT' });
    // /echo sends our own packets back: the CONNECT comes back decoded; a text message cannot be MQTT.
    await connect(page, `${app.wsOrigin}/echo`, 'mqtt');
    await waitForRow(page, 'received', (t) => t.includes('CONNECT MQTT 3.1.1 client wstester-'));
    await sendMessage(page, 'plainly not mqtt');
    const row = await waitForRow(page, 'received', (t) => t.includes('plainly not mqtt'));
    expect(row).toContain('Not MQTT 3.1.1: MQTT packets travel in binary messages; this one is text');
    await topicBox(page).fill('still/going');
    await button(page, 'Publish').click();
    await waitForRow(page, 'received', (t) => t.includes('PUBLISH still/going QoS 0'));
    await page.getByRole('searchbox', { name: exactName('Filter') }).fill('PUBLISH still/going');
    await expect.poll(() => rowTexts(page, 'received')).toEqual([expect.stringContaining('PUBLISH still/going QoS 0')]);
    expect(app.pageErrors).toEqual([]);
  });

  it('MQTT version 5 is used from the next Connect, and the 3.1.1-only broker refusing it is named', async () => {
    page = await app.newPage();
    await connect(page, `${app.wsOrigin}/mqtt`, 'mqtt');
    await waitForRow(page, 'info', (t) => t.includes('MQTT: connected (MQTT 3.1.1'));
    await page.getByRole('combobox', { name: exactName('MQTT version') }).selectOption({ label: '5' });
    await button(page, 'Disconnect').click();
    await waitForState(page, 'CLOSED');
    await button(page, 'Connect').click();
    await waitForRow(page, 'sent', (t) => t.includes('CONNECT MQTT 5'));
    await waitForRow(page, 'error', (t) => t.includes('MQTT: the broker refused the connection: 1 Unacceptable protocol version (a 3.1.1 return code: the broker does not speak MQTT 5)'));
    expect((await rowTexts(page, 'received')).length).toBeGreaterThan(0);
  });
});
