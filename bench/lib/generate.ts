import { createId } from '@paralleldrive/cuid2';
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

/** What every generated resource is written from: the demo data's texts and the seeded issue areas, skills and organisations. */
const resourceWriter = async (strapi: Core.Strapi, options: GenerateOptions) => {
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
  /** The `i`-th resource: its locale, and its data as the Document Service takes it (relations as document ids). */
  return (i: number) => {
    const locale = options.locales[i % options.locales.length];
    const source = corpus[locale];
    const body = choose(source.sentences, 8);
    const data = {
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
    };
    return { locale, data };
  };
};

/** Creates and publishes the resources one by one through the Document Service, as editors would (search sync included). */
export const generateResources = async (strapi: Core.Strapi, options: GenerateOptions) => {
  const write = await resourceWriter(strapi, options);
  const created: string[] = [];
  for (let i = 0; i < options.resources; i += 1) {
    const { locale, data } = write(i);
    const document = await strapi.documents('api::resource.resource').create({ locale, status: 'published', data } as never);
    created.push((document as { documentId: string }).documentId);
    options.onProgress?.(i + 1);
  }
  return created;
};

const RELATIONS = ['issueAreas', 'skills', 'authorOrganisations'] as const;
type JoinTable = { name: string; joinColumn: { name: string }; inverseJoinColumn: { name: string }; orderColumnName?: string; inverseOrderColumnName?: string };

/**
 * The same resources written straight into the database through Strapi's query layer, `batchSize` at a
 * time (a draft and a published row each, and their relations' link rows, as the Document Service
 * leaves them), for volumes the Document Service would take hours to create. Nothing goes through the
 * search sync: an app started afterwards indexes them from the database. Returns each resource's
 * document id, locale and title, in order.
 */
export const insertResources = async (strapi: Core.Strapi, options: GenerateOptions & { batchSize?: number }) => {
  const uid = 'api::resource.resource';
  const write = await resourceWriter(strapi, options);
  const attributes = strapi.db.metadata.get(uid).attributes as Record<string, { joinTable?: JoinTable; target?: string }>;
  // Each relation's target rows by document id, locale (or none) and publication state.
  const targets = Object.fromEntries(
    await Promise.all(
      RELATIONS.map(async (relation) => {
        const rows = (await strapi.db
          .query(attributes[relation].target as never)
          .findMany({ select: ['id', 'documentId', 'locale', 'publishedAt'] })) as Array<{
          id: number;
          documentId: string;
          locale?: string | null;
          publishedAt: unknown;
        }>;
        const byKey = new Map(rows.map((row) => [`${row.documentId}|${row.locale ?? ''}|${row.publishedAt ? 'published' : 'draft'}`, row.id]));
        return [relation, byKey] as const;
      }),
    ),
  );
  const targetId = (relation: (typeof RELATIONS)[number], documentId: string, locale: string, published: boolean) => {
    const state = published ? 'published' : 'draft';
    const byKey = targets[relation];
    return byKey.get(`${documentId}|${locale}|${state}`) ?? byKey.get(`${documentId}|en|${state}`) ?? byKey.get(`${documentId}||${state}`);
  };

  const batchSize = options.batchSize ?? 500;
  const publishedAt = new Date();
  const written: Array<{ documentId: string; locale: string; title: string }> = [];
  for (let start = 0; start < options.resources; start += batchSize) {
    const batch = Array.from({ length: Math.min(batchSize, options.resources - start) }, (_, k) => ({ ...write(start + k), documentId: createId() }));
    const rows = batch.flatMap(({ locale, data, documentId }) => {
      const columns = { ...data, issueAreas: undefined, skills: undefined, authorOrganisations: undefined, documentId, locale };
      return [
        { ...columns, publishedAt: null },
        { ...columns, publishedAt },
      ];
    });
    await strapi.db.query(uid).createMany({ data: rows } as never);
    const inserted = (await strapi.db
      .query(uid)
      .findMany({ select: ['id', 'documentId', 'publishedAt'], where: { documentId: { $in: batch.map((resource) => resource.documentId) } } })) as Array<{
      id: number;
      documentId: string;
      publishedAt: unknown;
    }>;
    const byDocument = new Map(batch.map((resource) => [resource.documentId, resource]));
    for (const relation of RELATIONS) {
      const joinTable = attributes[relation].joinTable!;
      const links = inserted.flatMap((row) => {
        const { locale, data } = byDocument.get(row.documentId)!;
        return (data[relation] as string[]).flatMap((documentId, order) => {
          const target = targetId(relation, documentId, locale, Boolean(row.publishedAt));
          if (target === undefined) return [];
          return [
            {
              [joinTable.joinColumn.name]: row.id,
              [joinTable.inverseJoinColumn.name]: target,
              ...(joinTable.orderColumnName ? { [joinTable.orderColumnName]: order + 1 } : {}),
              ...(joinTable.inverseOrderColumnName ? { [joinTable.inverseOrderColumnName]: 1 } : {}),
            },
          ];
        });
      });
      if (links.length > 0) await strapi.db.connection.batchInsert(joinTable.name, links, 500);
    }
    written.push(...batch.map(({ documentId, locale, data }) => ({ documentId, locale, title: data.title })));
    options.onProgress?.(written.length);
  }
  return written;
};
