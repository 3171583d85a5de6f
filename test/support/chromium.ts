import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

/** Debian's Chromium; never a downloaded browser. */
const CHROMIUM = '/usr/bin/chromium';

/** Headless Chromium for local pages: no sandbox (root in CI), no GPU, no traffic to Google. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
}

export interface WatchedPage {
  context: BrowserContext;
  page: Page;
  /** Uncaught exceptions thrown in the page (a broken node .html shows up here). */
  errors: string[];
  /** What the page logged with console.error, and the URL it came from (a failed request's own). */
  consoleErrors: { text: string; url: string }[];
}

/** A page in a fresh context whose browser language is `locale`, with its errors collected. */
export async function openWatchedPage(browser: Browser, locale: string): Promise<WatchedPage> {
  const context = await browser.newContext({ locale, viewport: { width: 1400, height: 900 } });
  const page = await context.newPage();
  const errors: string[] = [];
  const consoleErrors: WatchedPage['consoleErrors'] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push({ text: message.text(), url: message.location().url });
  });
  return { context, page, errors, consoleErrors };
}
