import { existsSync } from 'node:fs';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

/** Debian's Chromium: the tests never download a browser. `CHROMIUM_PATH` points elsewhere (macOS, another distribution). */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `The inspector's browser tests need Chromium at ${CHROMIUM}: install it with "apt-get install chromium" (Debian, Ubuntu), or set CHROMIUM_PATH to a Chromium or Chrome binary.`,
    );
  }
  return chromium.launch({ executablePath: CHROMIUM });
}

export interface OpenedPage {
  page: Page;
  context: BrowserContext;
  /** Uncaught exceptions and console errors the page printed, in order. */
  errors: string[];
}

/** A fresh context (its own storage, downloads on, light scheme, 1280×800), one page watched for errors, at `url` when given. */
export async function openPage(browser: Browser, url?: string, options: { colorScheme?: 'light' | 'dark' } = {}): Promise<OpenedPage> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, colorScheme: options.colorScheme ?? 'light', acceptDownloads: true });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`console: ${message.text()}`);
  });
  if (url !== undefined) await page.goto(url);
  return { page, context, errors };
}
