import type { UID } from '@strapi/strapi';
import { contentTypes } from '@strapi/utils';
import { adminToken } from '../helpers/admin';
import { api } from '../helpers/api';
import { namesField, type ErrorBody } from '../helpers/errors';
import { useApp } from '../helpers/strapi';

/**
 * Every content-manager action (the admin panel's own API) on every content type with rules: input
 * that breaks a field rule, the agreement's lifecycle or a link that identifies a document is refused
 * with a 400/409 naming the field, and nothing is written (every row and link of the app's content
 * types is compared before and after). Legitimate edits, clones and bulk actions still work.
 * Requests carry what the admin panel's edit view sends: the document as it was read (id, documentId,
 * timestamps, creator, locale, localizations…), relations as { connect, disconnect }.
 */
const app = useApp('empty');

type Data = Record<string, unknown>;
type Response = { status: number; body: { data?: Data & { documentId: string }; count?: number } & Partial<ErrorBody> };
type Attribute = { type: string; relation?: string };
type Model = { attributes: Record<string, Attribute> };

const ORGANISATIONS = 'api::organisation.organisation';
const RESOURCES = 'api::resource.resource';
const WORKSHOPS = 'api::workshop.workshop';
const READING_GROUPS = 'api::reading-group.reading-group';
const ISSUE_AREAS = 'api::issue-area.issue-area';
const SKILLS = 'api::skill.skill';
const MEMBERS = 'api::member.member';
const VERSIONS = 'api::agreement-version.agreement-version';
const SUGGESTIONS = 'api::suggestion.suggestion';
const ENDORSEMENTS = 'api::endorsement.endorsement';
const REGISTRATIONS = 'api::registration.registration';
const USERS = 'plugin::users-permissions.user';
const TYPES = [ORGANISATIONS, RESOURCES, WORKSHOPS, READING_GROUPS, ISSUE_AREAS, SKILLS, MEMBERS, VERSIONS, SUGGESTIONS, ENDORSEMENTS, REGISTRATIONS] as const;
/** Relations every write changes or Strapi derives: not part of what a refused request must leave alone. */
const BOOKKEEPING = ['createdBy', 'updatedBy', 'localizations'];

let editor: string;
let counter = 0;
/** A number no other document of this test file uses: for slugs, names and version numbers. */
const next = () => ++counter;

const strapi = () => app().strapi;
const model = (uid: string) => strapi().getModel(uid as UID.ContentType) as unknown as Model;
const isLocalized = (uid: string) =>
  Boolean((strapi().getModel(uid as UID.ContentType) as { pluginOptions?: { i18n?: { localized?: boolean } } }).pluginOptions?.i18n?.localized);
const hasDraftAndPublish = (uid: string) => contentTypes.hasDraftAndPublish(strapi().getModel(uid as UID.ContentType) as never);
const label = (uid: string) => uid.split('.').pop()!;
const inEnglish = (uid: string) => (isLocalized(uid) ? { locale: 'en' } : {});

/** The content manager's routes for `uid`, called as the admin panel calls them, in English where the type is localized. */
const contentManager = (uid: string) => {
  const base = `/content-manager/collection-types/${uid}`;
  const query = isLocalized(uid) ? '?locale=en' : '';
  const call = () => api(app(), { token: editor });
  const send = (request: Promise<unknown>) => request as Promise<Response>;
  return {
    read: (documentId: string) => send(call().get(`${base}/${documentId}${query}`)),
    create: (data: Data) => send(call().post(`${base}${query}`, data)),
    save: (documentId: string, data: Data) => send(call().put(`${base}/${documentId}${query}`, data)),
    clone: (documentId: string, data: Data) => send(call().post(`${base}/clone/${documentId}${query}`, data)),
    delete: (documentId: string) => send(call().delete(`${base}/${documentId}${query}`)),
    publish: (documentId: string, data: Data = {}) => send(call().post(`${base}/${documentId}/actions/publish${query}`, data)),
    createAndPublish: (data: Data) => send(call().post(`${base}/actions/publish${query}`, data)),
    unpublish: (documentId: string) => send(call().post(`${base}/${documentId}/actions/unpublish${query}`, {})),
    discard: (documentId: string) => send(call().post(`${base}/${documentId}/actions/discard${query}`, {})),
    bulk: (action: 'bulkPublish' | 'bulkUnpublish' | 'bulkDelete', documentIds: string[]) =>
      send(call().post(`${base}/actions/${action}${query}`, { documentIds, ...inEnglish(uid) })),
  };
};

/** The document as the admin panel's edit view holds it, and sends it back when saving. */
const editForm = async (uid: string, documentId: string) => {
  const response = await contentManager(uid).read(documentId);
  expect(response.status).toBe(200);
  const isRelationCount = (value: unknown) => Boolean(value && typeof value === 'object' && 'count' in value);
  return Object.fromEntries(
    Object.entries(response.body.data!).map(([key, value]) => [key, isRelationCount(value) ? { connect: [], disconnect: [] } : value]),
  ) as Data;
};

/** What the admin panel sends to clone a document: its edit form, without the source's ids. */
const cloneForm = async (uid: string, documentId: string) => {
  const { id: _id, documentId: _documentId, ...form } = await editForm(uid, documentId);
  return form;
};

/** A relation value as the admin panel sends it when an editor picks `documentId`. */
const link = (documentId: string) => ({ connect: [{ documentId, locale: 'en' }], disconnect: [] });

/** Every row of the app's content types with rules, with their links and components. */
const snapshot = async () => {
  const rows: Record<string, unknown> = {};
  for (const uid of TYPES) {
    const populate = Object.fromEntries(
      Object.entries(model(uid).attributes)
        .filter(([name, attribute]) => (attribute.type === 'relation' && !BOOKKEEPING.includes(name)) || attribute.type === 'component')
        .map(([name, attribute]) => [name, attribute.type === 'component' ? true : { select: ['id'], orderBy: { id: 'asc' } }]),
    );
    rows[uid] = await strapi()
      .db.query(uid as UID.ContentType)
      .findMany({ populate, orderBy: { id: 'asc' } });
  }
  return rows;
};

/** `request` is answered `status` with an error naming `field`, and no row or link of any content type changed. */
const refused = async (request: () => Promise<Response>, status: 400 | 409, field: string) => {
  const before = await snapshot();
  const response = await request();
  expect({ status: response.status, error: response.body.error }).toMatchObject({ status, error: expect.anything() });
  expect({ namesField: namesField(response.body as ErrorBody, field), error: response.body.error }).toMatchObject({ namesField: true });
  expect(await snapshot()).toEqual(before);
};

/** The stored draft (or only entry) of a document in English. */
const stored = async (uid: string, documentId: string) =>
  (await strapi()
    .db.query(uid as UID.ContentType)
    .findOne({
      where: { documentId, ...inEnglish(uid), ...(hasDraftAndPublish(uid) ? { publishedAt: null } : {}) },
    })) as Data | null;
const isPublished = async (uid: string, documentId: string) =>
  (await strapi()
    .db.query(uid as UID.ContentType)
    .count({ where: { documentId, ...inEnglish(uid), publishedAt: { $notNull: true } } })) > 0;
/** The values of `data` that are fields of their own (not relations or components), to compare with a stored entry. */
const fieldsOf = (uid: string, data: Data) =>
  Object.fromEntries(Object.entries(data).filter(([name]) => !['relation', 'component'].includes(model(uid).attributes[name]?.type)));

const documents = (uid: string) => strapi().documents(uid as UID.ContentType);
const createDocument = async (uid: string, data: Data, published = false) =>
  ((await documents(uid).create({ ...inEnglish(uid), data, ...(published ? { status: 'published' } : {}) } as never)) as unknown as { documentId: string })
    .documentId;

const newOrganisation = async () => {
  const n = next();
  return createDocument(
    ORGANISATIONS,
    { name: `Organisation ${n}`, slug: `organisation-${n}`, kind: 'ngo', countries: ['DE'], participationStatus: 'active' },
    true,
  );
};
const newUser = async () => {
  const n = next();
  const role = (await strapi()
    .db.query('plugin::users-permissions.role')
    .findOne({ where: { type: 'authenticated' } })) as { id: number };
  return (await strapi()
    .db.query(USERS)
    .create({ data: { username: `user-${n}`, email: `user-${n}@test.example.org`, provider: 'local', confirmed: true, role: role.id } })) as {
    id: number;
  };
};
const newMember = async (user?: { id: number }) =>
  createDocument(MEMBERS, { displayName: `Member ${next()}`, visibility: 'members', ...(user ? { user: user.id } : {}) });
const highestNumber = async () =>
  (
    (await strapi()
      .db.query(VERSIONS)
      .findOne({ select: ['versionNumber'], orderBy: { versionNumber: 'desc' } })) as { versionNumber: number } | null
  )?.versionNumber ?? 0;
const sections = (text = 'We litigate together.') => [
  { key: 'purpose', heading: 'Purpose', text },
  { key: 'values', heading: 'Values', text: 'Solidarity, care and accountability.' },
];
const moveVersion = (documentId: string, data: Data) => documents(VERSIONS).update({ documentId, locale: 'en', data } as never);
const day = 86_400_000;
const openWindow = () => ({ consultationOpensAt: new Date(Date.now() - day), consultationClosesAt: new Date(Date.now() + 10 * day) });

/** The agreement as these tests find it: version 1 superseded, 2 adopted, 3 in consultation, 4 a draft. */
const agreement = { superseded: '', adopted: '', consultation: '', draft: '' };
/** A published workshop with places left, and a full one (one place, taken). */
const workshops = { open: '', full: '' };

beforeAll(async () => {
  editor = await adminToken(app());
  const version = async (versionNumber: number, steps: Data[], extra: Data = {}) => {
    const documentId = await createDocument(VERSIONS, { versionNumber, title: `Community Agreement v${versionNumber}`, sections: sections(), ...extra });
    for (const step of steps) await moveVersion(documentId, step);
    return documentId;
  };
  agreement.superseded = await version(1, [
    { stage: 'consultation', ...openWindow() },
    { stage: 'adopted', decisionRecord: 'Adopted at the first assembly.' },
  ]);
  agreement.adopted = await version(
    2,
    [
      { stage: 'consultation', ...openWindow() },
      { stage: 'adopted', decisionRecord: 'Adopted at the second assembly.' },
    ],
    {
      previousVersion: agreement.superseded,
    },
  );
  agreement.consultation = await version(3, [{ stage: 'consultation', ...openWindow() }]);
  agreement.draft = await version(4, []);

  const workshop = async (capacity: number) => {
    const n = next();
    return createDocument(
      WORKSHOPS,
      {
        title: `Workshop ${n}`,
        slug: `workshop-${n}`,
        format: 'workshop',
        startsAt: '2031-03-01T09:00:00.000Z',
        endsAt: '2031-03-01T17:00:00.000Z',
        timeZone: 'Europe/Berlin',
        isOnline: true,
        capacity,
        visibility: 'public',
      },
      true,
    );
  };
  workshops.open = await workshop(100);
  workshops.full = await workshop(1);
  await createDocument(REGISTRATIONS, { workshop: workshops.full, member: await newMember() });
}, 120_000);

/**
 * A content type with rules, as these tests exercise it.
 * - `valid`: the data of a new valid document (unique values from `n`);
 * - `distinct`: changes that make a copy of a document a document of its own (a new slug, another
 *   member…), also a valid edit;
 * - `invalid`: changes that break a rule, with the field the 400 names;
 * - `copy`: what refuses a clone that changes nothing, when something identifies a document.
 */
type RuleCase = {
  uid: string;
  valid: (n: number) => Data | Promise<Data>;
  distinct: (n: number) => Data | Promise<Data>;
  invalid: Array<[rule: string, data: Data, field: string]>;
  copy: { status: 400 | 409; field: string } | null;
};

const CASES: RuleCase[] = [
  {
    uid: ORGANISATIONS,
    valid: (n) => ({ name: `Organisation ${n}`, slug: `organisation-${n}`, kind: 'ngo', countries: ['DE'], participationStatus: 'active' }),
    distinct: (n) => ({ name: `Organisation ${n}`, slug: `organisation-${n}` }),
    invalid: [
      ['a country code that does not exist', { countries: ['DE', 'XX'] }, 'countries'],
      ['a website that is not a web address', { website: 'javascript:alert(1)' }, 'website'],
    ],
    copy: { status: 400, field: 'slug' },
  },
  {
    uid: RESOURCES,
    valid: (n) => ({ title: `Judgment ${n}`, slug: `judgment-${n}`, kind: 'judgment', visibility: 'public', jurisdiction: 'DE' }),
    distinct: (n) => ({ title: `Judgment ${n}`, slug: `judgment-${n}` }),
    invalid: [
      ['a jurisdiction that does not exist', { jurisdiction: 'ZZ' }, 'jurisdiction'],
      ['a malformed ECLI', { ecli: 'NOT-AN-ECLI' }, 'ecli'],
    ],
    copy: { status: 400, field: 'slug' },
  },
  {
    uid: WORKSHOPS,
    valid: (n) => ({
      title: `Workshop ${n}`,
      slug: `workshop-${n}`,
      format: 'case_clinic',
      startsAt: '2031-05-01T09:00:00.000Z',
      endsAt: '2031-05-01T17:00:00.000Z',
      timeZone: 'Europe/Vienna',
      isOnline: true,
      capacity: 20,
      visibility: 'members',
    }),
    distinct: (n) => ({ title: `Workshop ${n}`, slug: `workshop-${n}` }),
    invalid: [
      ['an end before its start', { endsAt: '2031-05-01T08:00:00.000Z' }, 'endsAt'],
      ['a time zone that does not exist', { timeZone: 'Europe/Atlantis' }, 'timeZone'],
      ['a language code that does not exist', { languages: ['en', 'xx'] }, 'languages'],
    ],
    copy: { status: 400, field: 'slug' },
  },
  {
    uid: READING_GROUPS,
    valid: (n) => ({ name: `Reading group ${n}`, slug: `reading-group-${n}`, capacity: 12, groupStatus: 'forming', visibility: 'members' }),
    distinct: (n) => ({ name: `Reading group ${n}`, slug: `reading-group-${n}` }),
    invalid: [['a malformed slug', { slug: 'Not A Slug' }, 'slug']],
    copy: { status: 400, field: 'slug' },
  },
  {
    uid: ISSUE_AREAS,
    valid: (n) => ({ name: `Issue area ${n}`, slug: `issue-area-${n}` }),
    distinct: (n) => ({ name: `Issue area ${n}`, slug: `issue-area-${n}` }),
    invalid: [['a malformed slug', { slug: 'Not A Slug' }, 'slug']],
    copy: { status: 400, field: 'slug' },
  },
  {
    uid: SKILLS,
    valid: (n) => ({ name: `Skill ${n}`, slug: `skill-${n}`, category: 'method' }),
    distinct: (n) => ({ name: `Skill ${n}`, slug: `skill-${n}` }),
    invalid: [['an ESCO URI that is not one', { escoUri: 'https://example.org/skills/1' }, 'escoUri']],
    copy: { status: 400, field: 'slug' },
  },
  {
    uid: MEMBERS,
    valid: (n) => ({ displayName: `Member ${n}`, visibility: 'members', languages: ['de'] }),
    distinct: (n) => ({ displayName: `Member ${n}` }),
    invalid: [
      ['a language code that does not exist', { languages: ['english'] }, 'languages'],
      ['a country code that does not exist', { countries: ['Serbia'] }, 'countries'],
    ],
    copy: null,
  },
  {
    uid: VERSIONS,
    valid: async (n) => ({ versionNumber: (await highestNumber()) + 1, title: `Draft ${n}`, sections: sections() }),
    distinct: async (n) => ({ versionNumber: (await highestNumber()) + 1, title: `Draft ${n}` }),
    invalid: [
      ['a number not above the highest', { versionNumber: 1 }, 'versionNumber'],
      ['a repeated section key', { sections: [...sections(), { key: 'purpose', heading: 'Purpose again', text: 'Twice.' }] }, 'sections'],
    ],
    copy: null,
  },
  {
    uid: SUGGESTIONS,
    valid: (n) => ({ agreementVersion: link(agreement.consultation), sectionKey: 'purpose', kind: 'remove', rationale: `Reason ${n}` }),
    distinct: (n) => ({ rationale: `Reason ${n}` }),
    invalid: [
      ['a replacement without its text', { kind: 'replace', proposedText: null }, 'proposedText'],
      ['a malformed section key', { sectionKey: 'Not A Key' }, 'sectionKey'],
    ],
    copy: null,
  },
  {
    uid: ENDORSEMENTS,
    valid: async (n) => ({ agreementVersion: link(agreement.adopted), organisation: link(await newOrganisation()), statement: `Statement ${n}` }),
    distinct: async () => ({ organisation: link(await newOrganisation()) }),
    invalid: [],
    copy: { status: 409, field: 'organisation' },
  },
  {
    uid: REGISTRATIONS,
    valid: async () => ({ workshop: link(workshops.open), member: link(await newMember()) }),
    distinct: async () => ({ member: link(await newMember()) }),
    invalid: [],
    copy: { status: 409, field: 'member' },
  },
];

const caseOf = (uid: string) => CASES.find((ruleCase) => ruleCase.uid === uid)!;
const withLabel = (cases: RuleCase[]) => cases.map((ruleCase) => [label(ruleCase.uid), ruleCase] as const);
const INVALID = CASES.flatMap((ruleCase) => ruleCase.invalid.map(([rule, data, field]) => [label(ruleCase.uid), rule, ruleCase, data, field] as const));
const isDraftAndPublishCase = (ruleCase: RuleCase) => [ORGANISATIONS, RESOURCES, WORKSHOPS, READING_GROUPS].includes(ruleCase.uid);
const INVALID_WITH_DRAFTS = INVALID.filter(([, , ruleCase]) => isDraftAndPublishCase(ruleCase));
/** The first rule of each type with draft & publish, broken by a draft stored before the rule existed (written around the Document Service). */
const STORED_INVALID = INVALID_WITH_DRAFTS.filter(([, rule, ruleCase]) => ruleCase.invalid[0][0] === rule);

/** One valid document per type, the source of the refused edits and clones (which leave it as it is). */
const sources = new Map<string, Promise<string>>();
const sourceOf = (ruleCase: RuleCase) => {
  if (!sources.has(ruleCase.uid))
    sources.set(
      ruleCase.uid,
      Promise.resolve(ruleCase.valid(next())).then((data) => createDocument(ruleCase.uid, data)),
    );
  return sources.get(ruleCase.uid)!;
};

describe('input that breaks a field rule is refused by every action that writes it, and nothing is written', () => {
  test.each(INVALID)('%s with %s: create', async (_, __, ruleCase, data, field) => {
    const valid = await ruleCase.valid(next());
    await refused(() => contentManager(ruleCase.uid).create({ ...valid, ...data }), 400, field);
  });

  test.each(INVALID)('%s with %s: save from the edit view', async (_, __, ruleCase, data, field) => {
    const source = await sourceOf(ruleCase);
    const form = await editForm(ruleCase.uid, source);
    await refused(() => contentManager(ruleCase.uid).save(source, { ...form, ...data }), 400, field);
  });

  test.each(INVALID)('%s with %s: clone', async (_, __, ruleCase, data, field) => {
    const source = await sourceOf(ruleCase);
    const form = { ...(await cloneForm(ruleCase.uid, source)), ...(await ruleCase.distinct(next())) };
    await refused(() => contentManager(ruleCase.uid).clone(source, { ...form, ...data }), 400, field);
  });

  test.each(INVALID_WITH_DRAFTS)('%s with %s: save and publish, create and publish', async (_, __, ruleCase, data, field) => {
    const source = await sourceOf(ruleCase);
    const form = await editForm(ruleCase.uid, source);
    await refused(() => contentManager(ruleCase.uid).publish(source, { ...form, ...data }), 400, field);
    const valid = await ruleCase.valid(next());
    await refused(() => contentManager(ruleCase.uid).createAndPublish({ ...valid, ...data }), 400, field);
  });

  test.each(STORED_INVALID)('%s: a draft stored with %s is not published, alone or in a bulk publication', async (_, __, ruleCase, data, field) => {
    const valid = await createDocument(ruleCase.uid, await ruleCase.valid(next()));
    const legacy = await createDocument(ruleCase.uid, await ruleCase.valid(next()));
    await strapi()
      .db.query(ruleCase.uid as UID.ContentType)
      .update({ where: { documentId: legacy, locale: 'en', publishedAt: null }, data });
    await refused(() => contentManager(ruleCase.uid).publish(legacy), 400, field);
    await refused(() => contentManager(ruleCase.uid).bulk('bulkPublish', [valid, legacy]), 400, field);
    expect([await isPublished(ruleCase.uid, valid), await isPublished(ruleCase.uid, legacy)]).toEqual([false, false]);
  });

  test.each(withLabel(CASES.filter((ruleCase) => ruleCase.copy)))(
    '%s: a clone that changes nothing is refused where it would duplicate what identifies the document',
    async (_, ruleCase) => {
      const source = await sourceOf(ruleCase);
      const form = await cloneForm(ruleCase.uid, source);
      await refused(() => contentManager(ruleCase.uid).clone(source, form), ruleCase.copy!.status, ruleCase.copy!.field);
    },
  );
});

describe('legitimate admin work still works', () => {
  test.each(withLabel(CASES))('%s: create, save from the edit view, clone with changes, delete, bulk delete', async (_, ruleCase) => {
    const manager = contentManager(ruleCase.uid);
    const created = await manager.create(await ruleCase.valid(next()));
    expect({ status: created.status, error: created.body.error }).toEqual({ status: 201, error: undefined });
    const { documentId } = created.body.data!;

    const edit = await ruleCase.distinct(next());
    const saved = await manager.save(documentId, { ...(await editForm(ruleCase.uid, documentId)), ...edit });
    expect({ status: saved.status, error: saved.body.error }).toEqual({ status: 200, error: undefined });
    expect(await stored(ruleCase.uid, documentId)).toMatchObject(fieldsOf(ruleCase.uid, edit));

    const changes = await ruleCase.distinct(next());
    const cloned = await manager.clone(documentId, { ...(await cloneForm(ruleCase.uid, documentId)), ...changes });
    expect({ status: cloned.status, error: cloned.body.error }).toEqual({ status: 200, error: undefined });
    const clone = cloned.body.data!.documentId;
    expect(clone).not.toBe(documentId);
    expect(await stored(ruleCase.uid, clone)).toMatchObject(fieldsOf(ruleCase.uid, changes));

    expect((await manager.delete(clone)).status).toBe(200);
    expect(await stored(ruleCase.uid, clone)).toBeNull();
    const another = await createDocument(ruleCase.uid, await ruleCase.valid(next()));
    expect((await manager.bulk('bulkDelete', [documentId, another])).body).toEqual({ count: 2 });
    expect([await stored(ruleCase.uid, documentId), await stored(ruleCase.uid, another)]).toEqual([null, null]);
  });

  test.each(withLabel(CASES.filter(isDraftAndPublishCase)))('%s: publish, discard changes, unpublish, bulk publish and unpublish', async (_, ruleCase) => {
    const manager = contentManager(ruleCase.uid);
    const [a, b] = [await createDocument(ruleCase.uid, await ruleCase.valid(next())), await createDocument(ruleCase.uid, await ruleCase.valid(next()))];
    expect((await manager.publish(a)).status).toBe(200);
    expect(await isPublished(ruleCase.uid, a)).toBe(true);

    const published = await stored(ruleCase.uid, a);
    const edit = await ruleCase.distinct(next());
    expect((await manager.save(a, { ...(await editForm(ruleCase.uid, a)), ...edit })).status).toBe(200);
    expect((await manager.discard(a)).status).toBe(200);
    expect(await stored(ruleCase.uid, a)).toMatchObject(fieldsOf(ruleCase.uid, { slug: published!.slug }));

    expect((await manager.unpublish(a)).status).toBe(200);
    expect(await isPublished(ruleCase.uid, a)).toBe(false);
    expect((await manager.bulk('bulkPublish', [a, b])).body).toEqual({ count: 2 });
    expect([await isPublished(ruleCase.uid, a), await isPublished(ruleCase.uid, b)]).toEqual([true, true]);
    expect((await manager.bulk('bulkUnpublish', [a, b])).body).toEqual({ count: 2 });
    expect([await isPublished(ruleCase.uid, a), await isPublished(ruleCase.uid, b)]).toEqual([false, false]);
  });

  test.each(withLabel(CASES.filter((ruleCase) => !isDraftAndPublishCase(ruleCase))))(
    '%s has no draft & publish: publish, unpublish, discard and bulk (un)publish are a 400, not a 500, and write nothing',
    async (_, ruleCase) => {
      const manager = contentManager(ruleCase.uid);
      const source = await sourceOf(ruleCase);
      const valid = await ruleCase.valid(next());
      for (const request of [
        () => manager.publish(source),
        () => manager.createAndPublish(valid),
        () => manager.unpublish(source),
        () => manager.discard(source),
        () => manager.bulk('bulkPublish', [source]),
        () => manager.bulk('bulkUnpublish', [source]),
      ]) {
        await refused(request, 400, 'draft & publish');
      }
    },
  );
});

describe('agreement versions keep their lifecycle in the admin panel', () => {
  const manager = () => contentManager(VERSIONS);
  const version = (documentId: string) =>
    strapi()
      .db.query(VERSIONS)
      .findOne({ where: { documentId, locale: 'en' }, populate: { sections: true, previousVersion: true } }) as Promise<Data>;
  const NO_LIFECYCLE = { stage: 'draft', consultationOpensAt: null, consultationClosesAt: null, adoptedAt: null, decisionRecord: null };

  test('cloning the adopted version with a number gives a new draft with that number, without the adoption; the adopted version is untouched', async () => {
    const adopted = await version(agreement.adopted);
    const number = (await highestNumber()) + 50;
    const response = await manager().clone(agreement.adopted, { versionNumber: number });
    expect({ status: response.status, error: response.body.error }).toEqual({ status: 200, error: undefined });
    expect(await version(response.body.data!.documentId)).toMatchObject({ ...NO_LIFECYCLE, versionNumber: number, title: adopted.title });
    expect(await version(agreement.adopted)).toEqual(adopted);
    expect((adopted as { stage: string }).stage).toBe('adopted');
  });

  test.each([
    ['the adopted version, from its edit view', () => agreement.adopted],
    ['the superseded version', () => agreement.superseded],
    ['the version in consultation', () => agreement.consultation],
  ])('cloning %s without a number gives a draft numbered above all others', async (_, source) => {
    const highest = await highestNumber();
    const response = await manager().clone(source(), { ...(await cloneForm(VERSIONS, source())), versionNumber: null });
    expect({ status: response.status, error: response.body.error }).toEqual({ status: 200, error: undefined });
    expect(await version(response.body.data!.documentId)).toMatchObject({ ...NO_LIFECYCLE, versionNumber: highest + 1 });
  });

  test.each([
    ['its own number (the edit view as it was read)', async () => ({})],
    ['the highest number', async () => ({ versionNumber: await highestNumber() })],
    ['a number below the highest', async () => ({ versionNumber: 3 })],
    ['something that is not a number', async () => ({ versionNumber: 'fifty-four' })],
  ])('cloning the adopted version numbered with %s → 400 naming versionNumber, nothing written', async (_, numbered) => {
    const form = { ...(await cloneForm(VERSIONS, agreement.adopted)), ...(await numbered()) };
    await refused(() => manager().clone(agreement.adopted, form), 400, 'versionNumber');
  });

  test.each([
    ['adopted', () => agreement.adopted],
    ['superseded', () => agreement.superseded],
  ])('the %s version cannot be saved, relinked, deleted, bulk deleted, published, unpublished or discarded', async (status, documentId) => {
    const form = await editForm(VERSIONS, documentId());
    await refused(() => manager().save(documentId(), { ...form, title: 'Rewritten in the admin panel' }), 409, status);
    await refused(() => manager().save(documentId(), { ...form, previousVersion: link(agreement.draft) }), 409, status);
    await refused(() => manager().delete(documentId()), 409, 'only drafts');
    await refused(() => manager().bulk('bulkDelete', [agreement.draft, documentId()]), 409, 'only drafts');
    for (const request of [
      () => manager().publish(documentId()),
      () => manager().unpublish(documentId()),
      () => manager().discard(documentId()),
      () => manager().bulk('bulkPublish', [documentId()]),
      () => manager().bulk('bulkUnpublish', [documentId()]),
    ]) {
      await refused(request, 400, 'draft & publish');
    }
  });

  test('a draft links its previous version from the edit view; drafts are bulk deleted', async () => {
    const drafts = [await createDocument(VERSIONS, await caseOf(VERSIONS).valid(next())), await createDocument(VERSIONS, await caseOf(VERSIONS).valid(next()))];
    const saved = await manager().save(drafts[0], { ...(await editForm(VERSIONS, drafts[0])), previousVersion: link(agreement.adopted) });
    expect({ status: saved.status, error: saved.body.error }).toEqual({ status: 200, error: undefined });
    expect(await version(drafts[0])).toMatchObject({ previousVersion: { documentId: agreement.adopted } });
    expect((await manager().bulk('bulkDelete', drafts)).body).toEqual({ count: 2 });
    expect(
      await strapi()
        .db.query(VERSIONS)
        .count({ where: { documentId: { $in: drafts } } }),
    ).toBe(0);
  });
});

describe('links that identify a document stay unique, whatever the action', () => {
  test('one endorsement per organisation and version: create, clone and relinking refused; a clone for another organisation works', async () => {
    const manager = contentManager(ENDORSEMENTS);
    const [endorsing, other] = [await newOrganisation(), await newOrganisation()];
    const endorsement = await createDocument(ENDORSEMENTS, { agreementVersion: agreement.adopted, organisation: endorsing });
    const second = await createDocument(ENDORSEMENTS, { agreementVersion: agreement.adopted, organisation: other });
    await refused(() => manager.create({ agreementVersion: link(agreement.adopted), organisation: link(endorsing) }), 409, 'organisation');
    const copy = await cloneForm(ENDORSEMENTS, endorsement);
    await refused(() => manager.clone(endorsement, copy), 409, 'organisation');
    const relinked = {
      ...(await editForm(ENDORSEMENTS, second)),
      organisation: { connect: [{ documentId: endorsing, locale: 'en' }], disconnect: [{ documentId: other, locale: 'en' }] },
    };
    await refused(() => manager.save(second, relinked), 409, 'organisation');

    const forAnother = await manager.clone(endorsement, { ...copy, organisation: link(await newOrganisation()) });
    expect({ status: forAnother.status, error: forAnother.body.error }).toEqual({ status: 200, error: undefined });
  });

  test('one registration per member and workshop, never beyond its places: create, clone and relinking refused', async () => {
    const manager = contentManager(REGISTRATIONS);
    const registration = await createDocument(REGISTRATIONS, { workshop: workshops.open, member: await newMember() });
    const [copy, form, newcomer] = [await cloneForm(REGISTRATIONS, registration), await editForm(REGISTRATIONS, registration), await newMember()];
    await refused(() => manager.clone(registration, copy), 409, 'member');
    await refused(() => manager.create({ workshop: link(workshops.full), member: link(newcomer) }), 409, 'state');
    await refused(() => manager.clone(registration, { ...copy, workshop: link(workshops.full), member: link(newcomer) }), 409, 'state');
    await refused(() => manager.save(registration, { ...form, workshop: link(workshops.full) }), 409, 'state');

    const forAnother = await manager.clone(registration, { ...copy, member: link(newcomer) });
    expect({ status: forAnother.status, error: forAnother.body.error }).toEqual({ status: 200, error: undefined });
  });

  test('one member profile per user account: create, clone and relinking refused; a clone without the account works', async () => {
    const manager = contentManager(MEMBERS);
    const user = await newUser();
    const profile = await newMember(user);
    const other = await newMember(await newUser());
    await refused(
      () => manager.create({ displayName: 'A second profile', visibility: 'members', user: { connect: [{ id: user.id }], disconnect: [] } }),
      409,
      'user',
    );
    const [copy, otherForm] = [await cloneForm(MEMBERS, profile), await editForm(MEMBERS, other)];
    await refused(() => manager.clone(profile, copy), 409, 'user');
    await refused(() => manager.save(other, { ...otherForm, user: { connect: [{ id: user.id }], disconnect: [] } }), 409, 'user');

    const withoutAccount = await manager.clone(profile, { ...copy, displayName: 'Copied profile', user: { connect: [], disconnect: [{ id: user.id }] } });
    expect({ status: withoutAccount.status, error: withoutAccount.body.error }).toEqual({ status: 200, error: undefined });
    expect(
      await strapi()
        .db.query(MEMBERS)
        .count({ where: { user: { id: user.id } } }),
    ).toBe(1);
  });
});

describe('relation edits (connect and disconnect) follow the same rules', () => {
  test('an edit that links issue areas and breaks a field rule writes neither; connecting and disconnecting work', async () => {
    const manager = contentManager(RESOURCES);
    const area = await createDocument(ISSUE_AREAS, { name: `Issue area ${next()}`, slug: `issue-area-${next()}` });
    const resource = await createDocument(RESOURCES, await caseOf(RESOURCES).valid(next()));
    const form = await editForm(RESOURCES, resource);
    await refused(() => manager.save(resource, { ...form, issueAreas: link(area), jurisdiction: 'ZZ' }), 400, 'jurisdiction');
    const copy = { ...(await cloneForm(RESOURCES, resource)), ...(await caseOf(RESOURCES).distinct(next())) };
    await refused(() => manager.clone(resource, { ...copy, issueAreas: link(area), ecli: 'ECLI-X' }), 400, 'ecli');

    const linkedAreas = async () =>
      (
        (await strapi()
          .db.query(RESOURCES)
          .findOne({ where: { documentId: resource, locale: 'en', publishedAt: null }, populate: { issueAreas: { select: ['documentId'] } } })) as {
          issueAreas: Array<{ documentId: string }>;
        }
      ).issueAreas.map((linked) => linked.documentId);
    expect((await manager.save(resource, { ...form, issueAreas: link(area) })).status).toBe(200);
    expect(await linkedAreas()).toEqual([area]);
    expect(
      (
        await manager.save(resource, {
          ...(await editForm(RESOURCES, resource)),
          issueAreas: { connect: [], disconnect: [{ documentId: area, locale: 'en' }] },
        })
      ).status,
    ).toBe(200);
    expect(await linkedAreas()).toEqual([]);
  });
});
