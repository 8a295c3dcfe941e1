import type { Core } from '@strapi/strapi';
import { loadDemoData } from '../../src/seed/data-schema';

/**
 * Generates realistic volumes of community content for benchmarks: resources written in the
 * languages of the demo data, their sentences recombined so every document is different, linked to
 * the demo issue areas, skills and organisations (seed them first), a share of them members-only.
 * Reusable by every benchmark that needs a large library.
 */
export type GenerateOptions = {
  resources: number;
  /** Locales to write in, round-robin; each must have demo resources in src/seed/data/resources. */
  locales: string[];
  membersOnlyShare: number;
  onProgress?: (done: number) => void;
};

/** Small deterministic PRNG (mulberry32), so two runs generate the same library. */
export const random = (seed: number) => () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};

const sentences = (text: string) => text.split(/(?<=[.!?])\s+/).filter((sentence) => sentence.length > 20);

export const generateResources = async (strapi: Core.Strapi, options: GenerateOptions) => {
  const demo = loadDemoData();
  const next = random(42);
  const choose = <T>(items: T[], count: number) =>
    Array.from({ length: count }, () => items[Math.floor(next() * items.length)]).filter((v, i, a) => a.indexOf(v) === i);
  const ids = async (uid: string) =>
    ((await strapi.db.query(uid as never).findMany({ select: ['documentId'], where: { locale: 'en' } })) as Array<{ documentId: string }>).map(
      (row) => row.documentId,
    );
  const [issueAreas, skills, organisations] = [
    [...new Set(await ids('api::issue-area.issue-area'))],
    [...new Set(await ids('api::skill.skill'))],
    [...new Set(await ids('api::organisation.organisation'))],
  ];
  const corpus = Object.fromEntries(
    options.locales.map((locale) => {
      const written = demo.resources.filter((resource) => resource.locale === locale);
      if (written.length === 0) throw new Error(`no demo resources in locale "${locale}" to generate from`);
      return [
        locale,
        { titles: written.map((r) => r.title), sentences: written.flatMap((r) => sentences(`${r.summary} ${r.body}`)), kinds: written.map((r) => r.kind) },
      ];
    }),
  );

  const created: string[] = [];
  for (let i = 0; i < options.resources; i += 1) {
    const locale = options.locales[i % options.locales.length];
    const source = corpus[locale];
    const body = choose(source.sentences, 8);
    const document = await strapi.documents('api::resource.resource').create({
      locale,
      status: 'published',
      data: {
        title: `${choose(source.titles, 1)[0].slice(0, 250)} · ${i + 1}`,
        slug: `generated-${locale}-${i + 1}`,
        summary: body.slice(0, 2).join(' ').slice(0, 1000),
        body: [body.slice(2, 5).join(' '), body.slice(5).join(' ')].join('\n\n'),
        kind: choose(source.kinds, 1)[0],
        visibility: next() < options.membersOnlyShare ? 'members' : 'public',
        issueAreas: choose(issueAreas, 2),
        skills: choose(skills, 3),
        authorOrganisations: choose(organisations, 2),
        date: new Date(Date.UTC(2015 + Math.floor(next() * 11), Math.floor(next() * 12), 1 + Math.floor(next() * 28))).toISOString().slice(0, 10),
      },
    } as never);
    created.push((document as { documentId: string }).documentId);
    options.onProgress?.(i + 1);
  }
  return created;
};
