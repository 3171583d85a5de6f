import { chromium, type Browser } from 'playwright-core';

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
