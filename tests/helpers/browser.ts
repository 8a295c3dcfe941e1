import type { AddressInfo } from 'node:net';
import { chromium } from 'playwright-core';
import type { TestApp } from './strapi';

// Without the background-networking flags Chromium calls Google's hosts at every start.
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/**
 * What every browser test starts with: `app` served on a free local port, and Debian's Chromium
 * (driven by playwright-core; launch() gives every browser a new, empty profile of its own).
 */
export const startBrowser = async (app: TestApp) => {
  const server = app.strapi.server.httpServer;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  return { browser, baseUrl };
};
