import { existsSync } from 'node:fs';
import { chromium } from 'playwright-core';

// Without the background-networking flags Chromium calls Google's hosts at every start.
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/**
 * Debian's Chromium (CHROMIUM_PATH, else /usr/bin/chromium) driven by playwright-core; each launch
 * gets a new, empty profile of its own. Shared by the browser tests and the site benchmark.
 */
export const launchChromium = async () => {
  const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (!existsSync(executablePath)) throw new Error(`no Chromium at ${executablePath}: install Debian's chromium package (apt-get install chromium)`);
  return chromium.launch({ executablePath, args: CHROMIUM_ARGS });
};
