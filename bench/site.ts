/// <reference lib="dom" />
// (DOM: the functions given to page.evaluate and waitForFunction run in the page.)
import fs from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Core } from '@strapi/strapi';
import type { Browser, BrowserContext } from 'playwright-core';
import { loadPlatformConfig } from '../src/platform-config';
import { seedDemoData } from '../src/seed';
import { agreementUrl, documentUrl } from '../src/members-site/urls';
import { launchChromium } from '../tests/helpers/chromium';
import { APP_DIR } from '../tests/helpers/paths';
import { startSignedIn } from '../tests/helpers/site-session';
import { seconds, startBenchApp } from './lib/app';
import { percentile } from './lib/stats';

/**
 * `npm run bench:site`: how soon each page of the members' site (/search/…) shows its content in
 * Debian's Chromium over loopback, on the demo data. For every page (search results, who to ask,
 * the skills map, and the document pages: resource, workshop, reading group, organisation, member,
 * agreement), as the public and as a signed-in member where they differ, RUNS loads each in a fresh
 * browser context (no cache): first contentful paint (Paint Timing API) and the time until the
 * page's h1 and its main content are visible; the page must show the expected document (its title).
 * Baseline, measured in the same run and browser: the same document's stock REST answer
 * (`/api/…?populate=*`, or the API the page itself calls) until its title is on screen. Prints
 * p50/p95, the ratio site/REST at p50, the goal (content within 1 s), and the site's script sizes.
 */
const RUNS = Number(process.env.BENCH_RUNS ?? 10);
const GOAL_MS = 1000;
const QUERY = 'eviction';
const TIMEOUT_MS = 15_000;

type Audience = 'public' | 'member';
type Member = { jwt: string; name: string };

type SitePage = {
  name: string;
  audience: Audience;
  /** Path of the page on the site. */
  url: string;
  /** Text the page must show: the document's title, the first result… */
  expected: string;
  /** The page's main content element; by default any visible element of <main> besides the h1. */
  content?: string;
  /** The REST answer a developer would open instead; null when the API has none for this audience. */
  baseline: string | null;
};

type Timing = { fcp: number; visible: number };

const apiGet = async <T>(baseUrl: string, url: string, member?: Member): Promise<T> => {
  const response = await fetch(`${baseUrl}${url}`, { headers: member ? { Authorization: `Bearer ${member.jwt}` } : {} });
  if (!response.ok) throw new Error(`${response.status} for ${url}`);
  return (await response.json()) as T;
};

/** A signed-in member: an account with the authenticated role and its JWT, as /api/auth/local would give. */
const createMember = async (strapi: Core.Strapi): Promise<Member> => {
  const role = await strapi.db.query('plugin::users-permissions.role').findOne({ where: { type: 'authenticated' } });
  const name = `bench-${Date.now().toString(36)}`;
  const user = await strapi
    .plugin('users-permissions')
    .service('user')
    .add({
      username: name,
      email: `${name}@bench.example.org`,
      password: 'Bench-password-1',
      provider: 'local',
      confirmed: true,
      blocked: false,
      role: role.id,
    });
  return { jwt: strapi.plugin('users-permissions').service('jwt').issue({ id: user.id }), name };
};

/** The search page, who to ask and the skills map, with what each must show, from the API as each audience gets it. */
const searchPages = async (baseUrl: string, member: Member): Promise<SitePage[]> => {
  const pages: SitePage[] = [];
  const searchApi = `/api/multilingual-search/search?${new URLSearchParams({ q: QUERY, locale: 'en', pageSize: '10' })}`;
  const matrixApi = '/api/skills-mapping/matrix?dimension=issueArea&locale=en';
  type Matrix = { data: { rows: Array<{ skill: { slug: string; name: string } }> } };
  for (const audience of ['public', 'member'] as const) {
    const as = audience === 'member' ? member : undefined;
    const hits = await apiGet<{ data: Array<{ title: string }> }>(baseUrl, searchApi, as);
    if (hits.data.length === 0) throw new Error(`no result for "${QUERY}" in the demo data`);
    pages.push({
      name: `search "${QUERY}"`,
      audience,
      url: `/search/?q=${QUERY}`,
      expected: hits.data[0].title,
      content: '#results .result',
      baseline: searchApi,
    });
    const matrix = await apiGet<Matrix>(baseUrl, matrixApi, as);
    pages.push({
      name: 'skills map',
      audience,
      url: '/search/?view=matrix',
      expected: matrix.data.rows[0].skill.name,
      content: 'table.matrix td',
      baseline: matrixApi,
    });
  }
  // Who to ask: the public is asked to sign in (the API refuses it); a member gets the people for a skill.
  pages.push({ name: 'who to ask', audience: 'public', url: '/search/?view=experts', expected: '', content: '#experts button', baseline: null });
  const matrix = await apiGet<Matrix>(baseUrl, matrixApi, member);
  for (const { skill } of matrix.data.rows) {
    const expertsApi = `/api/skills-mapping/experts?skill=${skill.slug}`;
    const experts = await apiGet<{ data: Array<{ displayName: string }> }>(baseUrl, expertsApi, member);
    if (experts.data.length === 0) continue;
    pages.push({
      name: 'who to ask',
      audience: 'member',
      url: `/search/?view=experts&skill=${skill.slug}`,
      expected: experts.data[0].displayName,
      content: '#experts-list li',
      baseline: expertsApi,
    });
    break;
  }
  return pages;
};

/** One published English document of each type with a page, public and members-only where both exist. */
const documentPages = async (strapi: Core.Strapi): Promise<SitePage[]> => {
  const pages: SitePage[] = [];
  const kinds = [
    { type: 'resource', uid: 'api::resource.resource', plural: 'resources', title: 'title', visibilities: ['public', 'members'] },
    { type: 'workshop', uid: 'api::workshop.workshop', plural: 'workshops', title: 'title', visibilities: ['public', 'members'] },
    { type: 'reading-group', uid: 'api::reading-group.reading-group', plural: 'reading-groups', title: 'name', visibilities: ['public', 'members'] },
    { type: 'organisation', uid: 'api::organisation.organisation', plural: 'organisations', title: 'name', visibilities: [null] },
    { type: 'member', uid: 'api::member.member', plural: 'members', title: 'displayName', visibilities: ['public', 'members'] },
  ] as const;
  for (const kind of kinds) {
    for (const visibility of kind.visibilities) {
      const found = (await strapi.documents(kind.uid).findFirst({
        locale: 'en',
        status: 'published',
        ...(visibility ? { filters: { visibility } } : {}),
      } as never)) as Record<string, string> | null;
      if (!found) continue;
      pages.push({
        name: kind.type,
        audience: visibility === 'members' ? 'member' : 'public',
        url: documentUrl(kind.type, found.documentId, 'en')!,
        expected: found[kind.title],
        baseline: `/api/${kind.plural}/${found.documentId}?locale=en&populate=*`,
      });
    }
  }
  const agreement = (await strapi
    .documents('api::agreement-version.agreement-version')
    .findFirst({ locale: 'en', filters: { stage: 'adopted' }, sort: 'versionNumber:desc' } as never)) as Record<string, string> | null;
  if (agreement)
    pages.push({
      name: 'agreement',
      audience: 'public',
      url: agreementUrl({ locale: 'en' }),
      expected: agreement.title,
      baseline: `/api/agreement-versions/${agreement.documentId}?locale=en&populate=*`,
    });
  return pages;
};

/** A fresh context (empty cache and storage), signed in as `member` when given, in the way the site or the API expects. */
const freshContext = async (browser: Browser, member: Member | undefined, how: 'site' | 'api') => {
  const context = await browser.newContext({ locale: 'en-GB', viewport: { width: 1280, height: 800 } });
  if (member && how === 'site') await startSignedIn(context, member);
  if (member && how === 'api') await context.setExtraHTTPHeaders({ Authorization: `Bearer ${member.jwt}` });
  return context;
};

/** First contentful paint of the page now shown, in ms from its navigation. */
const firstContentfulPaint = (context: BrowserContext) =>
  context.pages()[0].evaluate(
    () =>
      new Promise<number>((resolve) => {
        new PerformanceObserver((list) => {
          const fcp = list.getEntriesByName('first-contentful-paint')[0];
          if (fcp) resolve(fcp.startTime);
        }).observe({ type: 'paint', buffered: true });
      }),
  );

/** In the page: when the h1 and the main content are visible and nothing is loading any more, the time since navigation. */
const contentShownAt = (content: string | null) => {
  const visible = (element: Element | null) => element !== null && element.checkVisibility() && element.getBoundingClientRect().height > 0;
  const main = document.querySelector('main');
  const h1 = main?.querySelector('h1') ?? null;
  if (!main || !visible(h1) || main.querySelector('.loading')) return false;
  const candidates = content ? Array.from(main.querySelectorAll(content)) : Array.from(main.querySelectorAll('p, ul, ol, dl, table, section, article'));
  const shown = candidates.some((element) => !element.contains(h1) && visible(element) && (element.textContent ?? '').trim() !== '');
  return shown ? performance.now() : false;
};

/** Loads the site page in a fresh context: its timing, and what its h1 and main say. */
const loadSitePage = async (browser: Browser, baseUrl: string, page: SitePage, member: Member | undefined) => {
  const context = await freshContext(browser, member, 'site');
  try {
    const tab = await context.newPage();
    await tab.goto(`${baseUrl}${page.url}`, { waitUntil: 'commit' });
    const handle = await tab.waitForFunction(contentShownAt, page.content ?? null, { polling: 'raf', timeout: TIMEOUT_MS });
    const visible = (await handle.jsonValue()) as number;
    const fcp = await firstContentfulPaint(context);
    const { h1, main } = await tab.evaluate(() => ({
      h1: document.querySelector('main h1')?.textContent?.trim() ?? '',
      main: document.querySelector('main')?.textContent ?? '',
    }));
    return { timing: { fcp, visible }, h1, main };
  } finally {
    await context.close();
  }
};

/** Opens the REST answer in a fresh context, until the expected title is on screen. */
const loadBaseline = async (browser: Browser, baseUrl: string, url: string, expected: string, member: Member | undefined): Promise<Timing> => {
  const context = await freshContext(browser, member, 'api');
  try {
    const tab = await context.newPage();
    const response = await tab.goto(`${baseUrl}${url}`, { waitUntil: 'commit' });
    if (response?.status() !== 200) throw new Error(`${response?.status()} for ${url}`);
    // The title as JSON writes it (quotes escaped).
    const needle = JSON.stringify(expected).slice(1, -1);
    const handle = await tab.waitForFunction((text) => (document.body?.innerText.includes(text) ? performance.now() : false), needle, {
      polling: 'raf',
      timeout: TIMEOUT_MS,
    });
    return { visible: (await handle.jsonValue()) as number, fcp: await firstContentfulPaint(context) };
  } finally {
    await context.close();
  }
};

/** Why the REST answer cannot serve as the baseline (not 200, or without the expected text), or null when it can. */
const baselineProblem = async (baseUrl: string, page: SitePage, member: Member | undefined) => {
  if (!page.baseline) return 'no REST answer for this audience';
  const response = await fetch(`${baseUrl}${page.baseline}`, { headers: member ? { Authorization: `Bearer ${member.jwt}` } : {} });
  if (response.status !== 200) return `${page.baseline} answers ${response.status}`;
  return (await response.text()).includes(JSON.stringify(page.expected).slice(1, -1)) ? null : `${page.baseline} lacks "${page.expected}"`;
};

/** The site's scripts as built (entry and page chunks): bytes minified and gzipped. */
const scriptSizes = () => {
  const outDir = path.join(APP_DIR, 'public', 'search');
  const files = [
    'search.js',
    ...fs
      .readdirSync(path.join(outDir, 'chunks'))
      .filter((file) => file.endsWith('.js'))
      .map((file) => `chunks/${file}`),
  ];
  return files.map((file) => {
    const content = fs.readFileSync(path.join(outDir, file));
    return { file, bytes: content.length, gzip: gzipSync(content).length };
  });
};

const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;
const ms = (value: number) => `${Math.round(value)} ms`;
const spread = (values: number[]) => `${ms(percentile(values, 50))} / ${ms(percentile(values, 95))}`;

const main = async () => {
  const { buildMembersSite } = require(path.join(APP_DIR, 'scripts', 'build-members-site')) as { buildMembersSite: () => Promise<unknown> };
  await buildMembersSite();
  const app = await startBenchApp();
  const { strapi, baseUrl } = app;
  const browser = await launchChromium();
  let failures = 0;
  try {
    const started = Date.now();
    await seedDemoData(strapi, loadPlatformConfig(strapi));
    console.log(`Seeded the demo data in ${seconds(Date.now() - started)} on ${app.database}`);
    const member = await createMember(strapi);
    const pages = [...(await searchPages(baseUrl, member)), ...(await documentPages(strapi))];

    console.log(`\nTime until shown, p50 / p95 over ${RUNS} loads, each in a fresh browser context (Chromium ${browser.version()}, loopback):`);
    console.log('  page (audience): site first paint · site content visible | REST first paint · REST title visible | site/REST at p50 | goal ≤ 1 s (p95)');
    for (const page of pages) {
      const label = `${page.name} (${page.audience})`;
      const as = page.audience === 'member' ? member : undefined;
      const problem = await baselineProblem(baseUrl, page, as);
      const baseline = problem ? null : page.baseline;
      // The first load warms the server up; it is not counted.
      await loadSitePage(browser, baseUrl, page, as);
      const site: Timing[] = [];
      const rest: Timing[] = [];
      let wrong = '';
      for (let run = 0; run < RUNS; run += 1) {
        const loaded = await loadSitePage(browser, baseUrl, page, as);
        if (!loaded.main.includes(page.expected) || loaded.h1 === '') wrong = `h1 "${loaded.h1}", "${page.expected}" not shown`;
        site.push(loaded.timing);
        if (baseline) rest.push(await loadBaseline(browser, baseUrl, baseline, page.expected, as));
      }
      if (wrong) failures += 1;
      const visible = site.map((timing) => timing.visible);
      const restPart = rest.length
        ? `${spread(rest.map((timing) => timing.fcp))} · ${spread(rest.map((timing) => timing.visible))} | ${(
            percentile(visible, 50) /
            percentile(
              rest.map((timing) => timing.visible),
              50,
            )
          ).toFixed(2)}`
        : `— (${problem}) | —`;
      const goal = percentile(visible, 95) <= GOAL_MS ? '✓' : '✗';
      console.log(
        `  ${label}: ${spread(site.map((timing) => timing.fcp))} · ${spread(visible)} | ${restPart} | ${goal}${wrong ? `  WRONG PAGE: ${wrong}` : ''}`,
      );
    }

    const sizes = scriptSizes();
    const [entry, ...chunks] = sizes;
    const total = (key: 'bytes' | 'gzip') => sizes.reduce((sum, size) => sum + size[key], 0);
    console.log(`\nScripts (public/search/): entry ${entry.file} ${kib(entry.bytes)} minified, ${kib(entry.gzip)} gzip`);
    for (const chunk of chunks) console.log(`  ${chunk.file} ${kib(chunk.bytes)} minified, ${kib(chunk.gzip)} gzip`);
    console.log(`  all ${sizes.length} scripts: ${kib(total('bytes'))} minified, ${kib(total('gzip'))} gzip`);
  } finally {
    await browser.close();
    await app.stop();
  }
  if (failures > 0) {
    console.error(`\n${failures} page(s) did not show the expected document`);
    process.exit(1);
  }
};

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
