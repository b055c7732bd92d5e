import { spawn } from 'node:child_process';
import { mkdtemp, readFile, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createEvent, createLifecycle, type WineSittingEvent } from '../../src/index.js';
import { launchBrowser, openPage, type OpenedPage } from '../helpers/browser.js';
import { useServers } from '../helpers/http.js';
import type { RunningCli } from '../helpers/cli.js';
import { post, startListen, type RunningListen } from '../helpers/listen.js';
import { startListenRelay, startRelayCli, temp } from '../helpers/relay.js';

let browser: Browser;
/** Stopped after each test, once its pages are closed: a page still open would see them go. */
const listens: RunningCli[] = [];
const pages: OpenedPage[] = [];
const server = useServers(afterEach);

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser.close();
});

afterEach(async () => {
  const opened = pages.splice(0);
  await Promise.all(opened.map((p) => p.context.close()));
  await Promise.all(listens.splice(0).map((l) => l.stop()));
  // Every test, whatever it did, left the page without an exception or a console error.
  expect(opened.flatMap((p) => p.errors)).toEqual([]);
});

interface Inspector extends OpenedPage {
  listen: RunningListen;
  pageUrl: string;
}

/** `listen` with `args`, its inspector open in a new page, the live stream connected. */
async function openInspector(args: string[] = []): Promise<Inspector> {
  // Both take a while: the page's browser context is made while listen starts.
  const [listen, opened] = await Promise.all([startListen(args), openPage(browser)]);
  listens.push(listen);
  pages.push(opened);
  const [, pageUrl] = await listen.waitFor(/Inspector: (\S+)/, 'stderr');
  await opened.page.goto(pageUrl!);
  await live(opened.page);
  return { ...opened, listen, pageUrl: pageUrl! };
}

function live(page: Page): Promise<void> {
  return page.locator('[data-testid=connection][data-state=live]').waitFor();
}

function row(page: Page, text: string) {
  return page.getByTestId('event-row').filter({ hasText: text });
}

function json(event: WineSittingEvent): string {
  return JSON.stringify(event);
}

/** Text the view shows of one part (`changes`, `duplicate`, …), spaces squeezed. */
async function shown(page: Page, testid: string): Promise<string> {
  return squeeze(await page.getByTestId(testid).first().textContent());
}

function squeeze(text: string | null): string {
  return (text ?? '').replace(/\s+/g, ' ').trim();
}

async function openedSeq(page: Page): Promise<string | null> {
  return page.getByTestId('event-view').getAttribute('data-seq');
}

/**
 * A body as a careless sender might write it: tabs, CRLF line breaks, spaces before colons,
 * trailing blanks, non-ASCII text (accents, an emoji, a non-breaking space) and quotes of both kinds.
 */
function oddBody(id: number): string {
  const event = createEvent({ seed: id, id });
  (event.object as { comment: string | null }).comment = "Château d'Yquem — «sous l'escalier» 🍷\u00a0n'oubliez pas";
  return `${JSON.stringify(event, null, '\t').replaceAll('\n', '\r\n').replaceAll('":', '" :')}  \r\n\t \n`;
}

describe('the inspector page', () => {
  it('shows each POST as a row as it arrives, newest first, without reloading', async () => {
    const { page, listen } = await openInspector();
    for (let i = 0; i < 20; i++) {
      const id = 710_000 + i;
      await post(`${listen.url}hooks?env=test`, json(createEvent({ seed: id, id })));
      await row(page, `ORDER CREATE #${id}`).waitFor();
    }

    const first = page.getByTestId('event-row').first();
    expect(await first.getByTestId('row-title').textContent()).toBe('ORDER CREATE #710019');
    expect(squeeze(await first.textContent())).toMatch(/^ORDER CREATE #710019 NEW \d\d:\d\d:\d\d\.\d{3} \/hooks\?env=test 200$/);
    expect(await shown(page, 'count')).toBe('20 events');
  });

  it('shows what changed since the previous version of an object: status NEW → PROCESSING', async () => {
    const { page, listen } = await openInspector();
    await post(listen.url, json(createEvent({ seed: 7, id: 420_001 })));
    await post(listen.url, json(createEvent({ seed: 7, id: 420_001, operation: 'UPDATE', status: 'PROCESSING' })));
    const update = row(page, 'ORDER UPDATE #420001');
    expect(await update.textContent()).toContain('PROCESSING');
    await update.click();
    await page.getByTestId('change').first().waitFor();
    const changes = await page.getByTestId('change').allTextContents();
    expect(changes).toContain('status NEW → PROCESSING');
    expect(await shown(page, 'view-title')).toBe('#2 ORDER UPDATE #420001 PROCESSING');
  });

  it('marks a duplicate, and its link selects the first copy', async () => {
    const { page, listen } = await openInspector();
    const body = json(createEvent({ seed: 9, id: 430_001 }));
    await post(listen.url, body);
    await post(listen.url, json(createEvent({ seed: 10, id: 430_002 })));
    await post(listen.url, body);
    const rows = row(page, 'ORDER CREATE #430001');
    await rows.nth(1).waitFor();
    const duplicate = rows.first();
    expect(await duplicate.locator('[data-marker=duplicate]').textContent()).toBe('duplicate');
    expect(await rows.nth(1).locator('[data-marker]').count()).toBe(0);

    await duplicate.click();
    expect(await shown(page, 'duplicate')).toMatch(/^Duplicate of #1: the same body was already received/);
    await page.getByTestId('duplicate-link').click();
    await page.locator('[data-testid=event-view][data-seq="1"]').waitFor();
    expect(await rows.nth(1).getAttribute('aria-selected')).toBe('true');
    expect(await duplicate.getAttribute('aria-selected')).toBe('false');
  });

  it('resends the exact bytes received to the forward target, and shows the verdict', async () => {
    const app = await server((_, res) => {
      res.setHeader('content-type', 'application/json');
      res.end('{"ok":true}');
    });
    const { page, listen } = await openInspector(['--forward-to', `${app.url}app`]);
    const body = oddBody(440_001);
    await post(`${listen.url}hooks?env=test`, body, { 'content-type': 'application/json; charset=utf-8' });
    await app.waitFor(1);
    await row(page, '#440001').click();
    expect(await shown(page, 'forward')).toContain('→ 200 in');
    expect(await page.getByTestId('forward-answer').textContent()).toBe('{"ok":true}');
    expect(await page.getByTestId('resend-url').inputValue()).toBe(`${app.url}app/hooks?env=test`);

    await page.getByTestId('resend').click();
    const [, resent] = await app.waitFor(2);
    expect(resent!.body.equals(Buffer.from(body))).toBe(true);
    expect(resent!.url).toBe('/app/hooks?env=test');
    expect(resent!.headers['content-type']).toBe('application/json; charset=utf-8');
    const result = page.getByTestId('resend-result');
    await result.waitFor();
    expect(await result.getAttribute('data-verdict')).toBe('delivered');
    expect(await shown(page, 'resend-result')).toMatch(/^delivered 200 [\d.]+ ms Resend/);
  });

  it('edits an event, shows its issues as you type, and sends the edited bytes', async () => {
    const app = await server();
    const { page, listen } = await openInspector();
    const text = json(createEvent({ seed: 11, id: 450_001 }));
    await post(listen.url, text);
    await row(page, '#450001').click();
    await page.getByTestId('resend-url').fill(`${app.url}edited`);
    await page.getByTestId('edit').click();
    const editor = page.getByTestId('editor-text');
    const verdict = page.getByTestId('editor-verdict');
    await page.locator('[data-testid=editor-verdict][data-valid=true]').waitFor();
    expect(await editor.inputValue()).toBe(text);
    expect(await verdict.textContent()).toBe('Valid event');

    await editor.fill(text.replace(/"quantity":(\d+)/, '"quantity":"$1"'));
    await page.getByTestId('editor-issue').filter({ hasText: 'object.content[0].quantity' }).waitFor();
    expect(await shown(page, 'editor-issue')).toBe('object.content[0].quantity expected integer, received string');

    await editor.fill(text.slice(0, -1));
    await page.getByText(/^Not JSON \(line 1, column \d+\)/).waitFor();

    const edited = text.replace(/"reference":"[^"]*"/, '"reference":"PO-édité 42"');
    await editor.fill(edited);
    await page.getByText('Valid event', { exact: true }).waitFor();
    expect(await page.getByTestId('editor-issue').count()).toBe(0);

    await page.getByTestId('editor-send').click();
    const [received] = await app.waitFor(1);
    expect(received!.body.equals(Buffer.from(edited))).toBe(true);
    expect(received!.url).toBe('/edited');
    await page.getByTestId('resend-result').waitFor();
    expect(await shown(page, 'resend-result')).toMatch(/^delivered 200 [\d.]+ ms Edited/);
  });

  it('copies a curl command that POSTs the same bytes, to the URL typed or back to listen', async () => {
    const app = await server();
    const { page, context, listen } = await openInspector();
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    const body = oddBody(460_001);
    await post(`${listen.url}orders?from=curl`, body, { 'content-type': 'application/json; charset=utf-8' });
    await row(page, '#460001').click();

    await page.getByTestId('resend-url').fill(`${app.url}curl?x=1`);
    await page.getByTestId('copy-curl').click();
    await page.getByText('Copied to the clipboard.').waitFor();
    const command = (await page.getByTestId('curl-command').textContent())!;
    expect(await page.evaluate('navigator.clipboard.readText()')).toBe(command);
    expect(command).toMatch(/^curl -sS -X POST 'http:\/\/127\.0\.0\.1:\d+\/curl\?x=1' -H 'content-type: application\/json; charset=utf-8' --data-binary '/);
    await runShell(command);
    const [received] = await app.waitFor(1);
    expect(received!.body.equals(Buffer.from(body))).toBe(true);
    expect(received!.headers['content-type']).toBe('application/json; charset=utf-8');

    // With no URL typed, the command sends the event to listen itself: it comes back as a duplicate.
    await page.getByTestId('resend-url').fill('');
    await page.getByTestId('copy-curl').click();
    await page
      .getByTestId('curl-command')
      .filter({ hasText: `'${listen.url}orders?from=curl'` })
      .waitFor();
    await runShell((await page.getByTestId('curl-command').textContent())!);
    await row(page, '#460001')
      .filter({ has: page.locator('[data-marker=duplicate]') })
      .waitFor();
  });

  it('downloads the exact bytes received, named as --save names them', async () => {
    const { page, listen } = await openInspector();
    const body = oddBody(470_001);
    await post(listen.url, body);
    await row(page, '#470001').click();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download').click()]);
    expect(download.suggestedFilename()).toMatch(/^\d{8}-\d{6}-\d{3}-000001-ORDER-CREATE-470001\.json$/);
    expect((await readFile(await download.path())).equals(Buffer.from(body))).toBe(true);
  });

  it('works off loopback, where every call it makes carries the token of its URL', async () => {
    const { page, listen, pageUrl } = await openInspector(['--host', '0.0.0.0']);
    expect(pageUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/_inspect\/\?token=[\w-]+$/);
    const local = `http://127.0.0.1:${new URL(listen.url).port}/`;
    // The page's files are public; what it shows and does is not.
    expect((await fetch(`${local}_inspect/app.js`)).status).toBe(200);
    expect((await fetch(`${local}_inspect/api/events`)).status).toBe(403);
    const body = oddBody(475_001);
    await post(local, body);
    await row(page, '#475001').click();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download').click()]);
    expect((await readFile(await download.path())).equals(Buffer.from(body))).toBe(true);
    await page.getByTestId('edit').click();
    await page.locator('[data-testid=editor-verdict][data-valid=true]').waitFor();
  });

  it('filters by type, operation, id and text, and moves through the list with the keyboard', async () => {
    const { page, listen } = await openInspector();
    const order = (seed: number, id: number, extra: Parameters<typeof createEvent>[0] = {}) => post(listen.url, json(createEvent({ seed, id, ...extra })));
    await order(21, 480_001);
    await order(21, 480_001, { operation: 'UPDATE', status: 'PROCESSING' });
    await order(22, 481_002, { type: 'PUTAWAY' });
    const needle = createEvent({ seed: 23, id: 482_003 });
    (needle.object as { comment: string | null }).comment = 'Livrer par la cour, code 4B12';
    await post(listen.url, json(needle));
    await post(`${listen.url}broken`, 'not json', { 'content-type': 'text/plain' });
    await row(page, 'POST /broken').waitFor();
    expect(await row(page, 'POST /broken').locator('[data-marker=rejected]').count()).toBe(1);

    const titles = () => page.getByTestId('row-title').allTextContents();
    const type = page.getByTestId('filter-type');
    const operation = page.getByTestId('filter-operation');
    await type.selectOption('PUTAWAY');
    await page.getByTestId('count').filter({ hasText: '1 of 5 events' }).waitFor();
    expect(await titles()).toEqual(['PUTAWAY CREATE #481002']);
    await type.selectOption('ORDER');
    await operation.selectOption('UPDATE');
    await page.getByTestId('count').filter({ hasText: '1 of 5 events' }).waitFor();
    expect(await titles()).toEqual(['ORDER UPDATE #480001']);
    await type.selectOption('');
    await operation.selectOption('');
    await page.getByTestId('filter-id').fill('480001');
    await page.getByTestId('count').filter({ hasText: '2 of 5 events' }).waitFor();
    expect(await titles()).toEqual(['ORDER UPDATE #480001', 'ORDER CREATE #480001']);
    await page.getByTestId('filter-id').fill('');
    await page.getByTestId('filter-text').fill('code 4b12');
    await page.getByTestId('count').filter({ hasText: '1 of 5 events' }).waitFor();
    expect(await titles()).toEqual(['ORDER CREATE #482003']);
    await page.getByTestId('filter-text').fill('');
    await page
      .getByTestId('count')
      .filter({ hasText: /^5 events$/ })
      .waitFor();

    // Newest first: /broken, #482003, PUTAWAY #481002, UPDATE #480001, CREATE #480001.
    await page.getByTestId('event-list').focus();
    await page.keyboard.press('ArrowDown');
    await page.locator('[data-testid=event-view][data-seq="5"]').waitFor();
    expect(await shown(page, 'rejected')).toMatch(/^Rejected: body is not JSON/);
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowUp');
    await page.locator('[data-testid=event-row][aria-selected=true]').filter({ hasText: 'PUTAWAY CREATE #481002' }).waitFor();
    expect(await page.locator('[data-testid=event-row][aria-selected=true]').count()).toBe(1);
    await page.keyboard.press('Enter');
    expect(await openedSeq(page)).toBe('3');
    expect(await page.evaluate('document.activeElement.dataset.testid')).toBe('view-title');
    await page.keyboard.press('Escape');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    expect(await shown(page, 'view-title')).toBe('#2 ORDER UPDATE #480001 PROCESSING');
  });

  it('reconnects by itself when listen restarts, and starts its list again', async () => {
    const first = await openInspector();
    const { page, listen } = first;
    await post(listen.url, json(createEvent({ seed: 31, id: 490_001 })));
    await row(page, '#490001').waitFor();
    const port = new URL(listen.url).port;
    await listen.stop();
    await page.locator('[data-testid=connection][data-state=reconnecting]').waitFor();
    expect(await shown(page, 'connection')).toBe('Reconnecting…');
    expect(await page.title()).toBe('Reconnecting… · winesitting-hooks inspector');

    const again = await startListen(['--port', port]);
    listens.push(again);
    await post(again.url, json(createEvent({ seed: 32, id: 490_002 })));
    await row(page, '#490002').waitFor();
    await live(page);
    expect(await page.getByTestId('row-title').allTextContents()).toEqual(['ORDER CREATE #490002']);
    expect(await shown(page, 'count')).toBe('1 event');
    expect(await page.title()).toBe('winesitting-hooks inspector');
    // While listen was away, the browser said it could not reach it: that is the point of the test, not a page error.
    first.errors.splice(0, first.errors.length, ...first.errors.filter((e) => !e.includes('net::ERR_CONNECTION_REFUSED')));
  });

  it('marks the events that came through the relay', async () => {
    const relay = await startRelayCli(await temp('relay-data'), [], (cli) => listens.push(cli));
    const listen = await startListenRelay(relay.url, await temp('config'), [], (cli) => listens.push(cli));
    const [, pageUrl] = await listen.waitFor(/Inspector: (\S+)/, 'stderr');
    const opened = await openPage(browser, pageUrl);
    pages.push(opened);
    await post(listen.webhookUrl, json(createEvent({ seed: 51, id: 495_001 })));
    const relayed = row(opened.page, '#495001');
    expect(await relayed.locator('[data-marker=relay]').textContent()).toBe('relay');
  });

  it('takes a screenshot with a few realistic events (docs/inspector.png with UPDATE_SCREENSHOT=1)', async () => {
    const app = await server((_, res) => {
      res.setHeader('content-type', 'application/json');
      res.end('{"received":true}');
    });
    const { page, listen } = await openInspector(['--forward-to', `${app.url}webhooks/winesitting`]);
    const [create, update] = createLifecycle({ seed: 41, id: 109_951 });
    await post(listen.url, json(create!));
    const created = json(createEvent({ seed: 42, id: 109_952 }));
    await post(listen.url, created);
    await post(listen.url, created);
    const invalid = createEvent({ seed: 43, id: 109_953 }) as unknown as Record<string, unknown>;
    invalid.operation = 'DELETE';
    await post(listen.url, JSON.stringify(invalid));
    await post(listen.url, json(createEvent({ seed: 44, id: 7_321, type: 'PUTAWAY' })));
    await post(listen.url, json(update!));
    await row(page, 'ORDER UPDATE #109951').click();
    await page.getByTestId('change').first().waitFor();

    const file =
      process.env.UPDATE_SCREENSHOT === '1'
        ? fileURLToPath(new URL('../../docs/inspector.png', import.meta.url))
        : join(await mkdtemp(join(tmpdir(), 'inspector-')), 'inspector.png');
    await page.screenshot({ path: file });
    const png = await readFile(file);
    expect(png.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))).toBe(true);
    expect((await stat(file)).size).toBeGreaterThan(10_000);
  });
});

/** Runs a command in a POSIX shell, as a user pasting it would; rejects with its stderr when it fails. */
function runShell(command: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn('sh', ['-c', command], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`sh -c exited ${code}: ${stderr}`))));
  });
}
