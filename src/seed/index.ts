import type { Core } from '@strapi/strapi';
import type { PlatformConfig } from '../platform-config';
import { loadDemoData, type DemoData } from './data-schema';
import { dayFromToday, instantFromToday, zonedInstant } from './dates';
import { byLocale, seedDocument } from './documents';
import { createSeedProgress, type SeedProgress } from './progress';

type Ids = Map<string, string>;
type Seeded = { issueAreas: Ids; skills: Ids; organisations: Ids; members: Ids; resources: Ids };
type ResourceIndex = Array<{ documentId: string; locales: string[]; issueAreas: string[]; skills: string[]; visibility: string }>;

const pick = (ids: Ids, keys: string[]) =>
  keys.map((key) => {
    const id = ids.get(key);
    if (!id) throw new Error(`Demo data refers to unknown "${key}"`);
    return id;
  });

const seedTaxonomy = async (strapi: Core.Strapi, data: DemoData, seeded: Seeded, progress: SeedProgress) => {
  for (const area of data.issueAreas) {
    seeded.issueAreas.set(
      area.slug,
      await seedDocument(strapi, 'api::issue-area.issue-area', { slug: area.slug }, byLocale({ name: area.name, description: area.description }), {
        slug: area.slug,
      }),
    );
    progress.advance();
  }
  // Parents before children.
  const ordered = [...data.skills].sort((a, b) => Number(Boolean(a.parent)) - Number(Boolean(b.parent)));
  for (const skill of ordered) {
    seeded.skills.set(
      skill.slug,
      await seedDocument(strapi, 'api::skill.skill', { slug: skill.slug }, byLocale({ name: skill.name, description: skill.description }), {
        slug: skill.slug,
        category: skill.category,
        synonyms: skill.synonyms,
        parent: skill.parent ? pick(seeded.skills, [skill.parent])[0] : null,
      }),
    );
    progress.advance();
  }
};

const seedOrganisations = async (strapi: Core.Strapi, data: DemoData, seeded: Seeded, progress: SeedProgress) => {
  for (const organisation of data.organisations) {
    const texts = byLocale({ description: organisation.description });
    seeded.organisations.set(
      organisation.slug,
      await seedDocument(strapi, 'api::organisation.organisation', { slug: organisation.slug }, Object.keys(texts).length ? texts : { en: {} }, {
        slug: organisation.slug,
        name: organisation.name,
        kind: organisation.kind,
        countries: organisation.countries,
        issueAreas: pick(seeded.issueAreas, organisation.issueAreas),
        website: organisation.website,
        participationStatus: organisation.participationStatus,
        joinedOn: organisation.joinedOn,
      }),
    );
    progress.advance();
  }
};

/** Demo members sign in with one shared password: it is hashed once, not 110 times. */
const seedMembers = async (strapi: Core.Strapi, data: DemoData, seeded: Seeded, password: string, progress: SeedProgress) => {
  const users = strapi.db.query('plugin::users-permissions.user');
  const roles = new Map(
    ((await strapi.db.query('plugin::users-permissions.role').findMany({})) as Array<{ id: number; type: string }>).map((role) => [role.type, role.id]),
  );
  const { password: hash } = await strapi.plugin('users-permissions').service('user').ensureHashedPasswords({ password });
  for (const member of data.members) {
    const email = member.email.toLowerCase();
    let user = await users.findOne({ where: { email } });
    if (!user) {
      user = await strapi.documents('plugin::users-permissions.user').create({
        data: { username: email, email, provider: 'local', confirmed: true, blocked: false, role: roles.get(member.role) },
      });
      await users.update({ where: { id: user.id }, data: { password: hash } });
    }
    seeded.members.set(
      member.key,
      await seedDocument(strapi, 'api::member.member', { user: { id: user.id } }, byLocale({ bio: member.bio }), {
        displayName: member.displayName,
        organisation: member.organisation ? pick(seeded.organisations, [member.organisation])[0] : null,
        countries: member.countries,
        languages: member.languages,
        visibility: member.visibility,
        openToQuestions: member.openToQuestions,
        canMentor: member.canMentor,
        user: user.id,
      }),
    );
    progress.advance();
  }
};

/** Skill claims of the demo members, assessed over the last two years (some are due for re-assessment). */
const seedClaims = async (strapi: Core.Strapi, data: DemoData, seeded: Seeded, progress: SeedProgress) => {
  const claims = data.members.flatMap((member, m) =>
    member.claims.map((claim, c) => ({
      memberDocumentId: pick(seeded.members, [member.key])[0],
      skillDocumentId: pick(seeded.skills, [claim.skill])[0],
      skill: claim.skill,
      level: claim.level,
      wantsToLearn: claim.wantsToLearn,
      canMentor: claim.canMentor,
      openToQuestions: claim.openToQuestions,
      assessedAt: new Date(`${dayFromToday(-((m * 7 + c * 31) % 720))}T12:00:00Z`),
    })),
  );
  await strapi.plugin('skills-mapping').service('claims').addMissing(claims);
  progress.advance(claims.length);
};

const seedResources = async (strapi: Core.Strapi, data: DemoData, seeded: Seeded, progress: SeedProgress): Promise<ResourceIndex> => {
  const index: ResourceIndex = [];
  for (const resource of data.resources) {
    const texts = { [resource.locale]: { title: resource.title, summary: resource.summary, body: resource.body }, ...resource.translations };
    const documentId = await seedDocument(strapi, 'api::resource.resource', { slug: resource.slug }, texts, {
      slug: resource.slug,
      kind: resource.kind,
      issueAreas: pick(seeded.issueAreas, resource.issueAreas),
      skills: pick(seeded.skills, resource.skills),
      authorOrganisations: pick(seeded.organisations, resource.authorOrganisations),
      jurisdiction: resource.jurisdiction ?? null,
      court: resource.court ?? null,
      ecli: resource.ecli ?? null,
      caseNumber: resource.caseNumber ?? null,
      date: resource.date ?? null,
      url: resource.url ?? null,
      licence: resource.licence,
      visibility: resource.visibility,
    });
    seeded.resources.set(resource.slug, documentId);
    index.push({ documentId, locales: Object.keys(texts), issueAreas: resource.issueAreas, skills: resource.skills, visibility: resource.visibility });
    progress.advance();
  }
  return index;
};

/** Resources available in `locale` that share an issue area or skill with `topic`, best matches first. */
const relatedResources = (index: ResourceIndex, locale: string, topic: { issueAreas: string[]; skills: string[] }, count: number, offset = 0) => {
  const score = (entry: ResourceIndex[number]) =>
    entry.skills.filter((skill) => topic.skills.includes(skill)).length * 2 + entry.issueAreas.filter((area) => topic.issueAreas.includes(area)).length;
  const candidates = index.filter((entry) => entry.locales.includes(locale) && score(entry) > 0).sort((a, b) => score(b) - score(a));
  return candidates.slice(offset, offset + count).map((entry) => entry.documentId);
};

const seedEvents = async (strapi: Core.Strapi, data: DemoData, seeded: Seeded, resources: ResourceIndex, progress: SeedProgress) => {
  for (const group of data.events.readingGroups) {
    await seedDocument(
      strapi,
      'api::reading-group.reading-group',
      { slug: group.slug },
      byLocale({ name: group.name, description: group.description }),
      (locale) => ({
        slug: group.slug,
        issueAreas: pick(seeded.issueAreas, group.issueAreas),
        skills: pick(seeded.skills, group.skills),
        facilitators: pick(seeded.members, group.facilitators),
        participants: pick(seeded.members, group.participants),
        capacity: group.capacity,
        groupStatus: group.status,
        visibility: group.visibility,
        sessions: group.sessions.map((session, i) => ({
          title: session.title,
          startsAt: instantFromToday(session.dayOffset),
          notes: session.notes,
          readings: relatedResources(resources, locale, group, 2, i * 2),
        })),
      }),
    );
    progress.advance();
  }

  for (const workshop of data.events.workshops) {
    const startsAt = zonedInstant(dayFromToday(workshop.startDayOffset), workshop.startTime, workshop.timeZone);
    await seedDocument(
      strapi,
      'api::workshop.workshop',
      { slug: workshop.slug },
      byLocale({ title: workshop.title, description: workshop.description }),
      (locale) => ({
        slug: workshop.slug,
        format: workshop.format,
        startsAt,
        endsAt: new Date(Date.parse(startsAt) + workshop.durationHours * 3_600_000).toISOString(),
        timeZone: workshop.timeZone,
        isOnline: workshop.isOnline,
        venue: workshop.venue,
        city: workshop.city,
        country: workshop.country,
        onlineNote: workshop.onlineNote,
        capacity: workshop.capacity,
        registrationOpensAt: instantFromToday(workshop.registrationOpensDayOffset),
        registrationClosesAt: instantFromToday(workshop.registrationClosesDayOffset),
        languages: workshop.languages,
        interpretation: workshop.interpretation,
        facilitators: pick(seeded.members, workshop.facilitators),
        issueAreas: pick(seeded.issueAreas, workshop.issueAreas),
        skillsTaught: pick(seeded.skills, workshop.skillsTaught),
        materials: relatedResources(resources, locale, { issueAreas: workshop.issueAreas, skills: workshop.skillsTaught }, 3),
        visibility: workshop.visibility,
      }),
    );
    progress.advance();
  }
};

const seedAgreement = async (strapi: Core.Strapi, data: DemoData, seeded: Seeded, progress: SeedProgress) => {
  const versions = new Map<number, string>();
  for (const version of [...data.agreement.versions].sort((a, b) => a.versionNumber - b.versionNumber)) {
    const texts = Object.fromEntries(
      Object.keys(version.title).map((locale) => [
        locale,
        { title: version.title[locale], preamble: version.preamble[locale], sections: version.sections[locale] ?? [] },
      ]),
    );
    versions.set(
      version.versionNumber,
      await seedDocument(strapi, 'api::agreement-version.agreement-version', { versionNumber: version.versionNumber }, texts, {
        versionNumber: version.versionNumber,
        consultationOpensAt: instantFromToday(version.consultationOpensDayOffset),
        consultationClosesAt: instantFromToday(version.consultationClosesDayOffset),
        changeSummary: version.changeSummary,
        decisionRecord: version.decisionRecord,
        previousVersion: versions.get(version.versionNumber - 1) ?? null,
      }),
    );
    // Versions go through the lifecycle like an editor would take them (adopting the next one supersedes this one).
    const documentId = versions.get(version.versionNumber)!;
    const steps = { draft: [], consultation: ['consultation'], adopted: ['consultation', 'adopted'], superseded: ['consultation', 'adopted'] }[version.stage];
    for (const stage of steps) {
      const current = (await strapi.db.query('api::agreement-version.agreement-version').findOne({ select: ['stage'], where: { documentId } })) as {
        stage: string;
      };
      if (current.stage !== (stage === 'consultation' ? 'draft' : 'consultation')) continue; // already past this step
      await strapi.documents('api::agreement-version.agreement-version').update({
        documentId,
        locale: 'en',
        data: { stage, ...(stage === 'adopted' && version.adoptedDayOffset !== null ? { adoptedAt: instantFromToday(version.adoptedDayOffset) } : {}) },
      } as never);
    }
    progress.advance();
  }
  for (const suggestion of data.agreement.suggestions) {
    const agreementVersion = versions.get(suggestion.versionNumber)!;
    const author = pick(seeded.members, [suggestion.author])[0];
    await seedDocument(
      strapi,
      'api::suggestion.suggestion',
      { agreementVersion: { documentId: agreementVersion }, author: { documentId: author }, sectionKey: suggestion.sectionKey, kind: suggestion.kind },
      { en: {} },
      {
        agreementVersion,
        author,
        sectionKey: suggestion.sectionKey,
        kind: suggestion.kind,
        proposedText: suggestion.proposedText,
        rationale: suggestion.rationale,
        decision: suggestion.decision,
      },
    );
    progress.advance();
  }
  for (const endorsement of data.agreement.endorsements) {
    const agreementVersion = versions.get(endorsement.versionNumber)!;
    const organisation = pick(seeded.organisations, [endorsement.organisation])[0];
    await seedDocument(
      strapi,
      'api::endorsement.endorsement',
      { agreementVersion: { documentId: agreementVersion }, organisation: { documentId: organisation } },
      { en: {} },
      { agreementVersion, organisation, endorsedBy: pick(seeded.members, [endorsement.endorsedBy])[0], statement: endorsement.statement },
    );
    progress.advance();
  }
};

/**
 * Seeds the demo data (all names fictional). Idempotent: documents that already exist, recognised
 * by their slug, e-mail or version number, are left as they are.
 */
export const seedDemoData = async (strapi: Core.Strapi, config: PlatformConfig, progress: SeedProgress = createSeedProgress(strapi)) => {
  const data = loadDemoData();
  const seeded: Seeded = { issueAreas: new Map(), skills: new Map(), organisations: new Map(), members: new Map(), resources: new Map() };
  const step = async <T>(name: string, total: number, run: () => Promise<T>) => {
    progress.start(name, total);
    const result = await run();
    progress.finish();
    return result;
  };
  const { agreement, events } = data;
  await step('issue areas and skills', data.issueAreas.length + data.skills.length, () => seedTaxonomy(strapi, data, seeded, progress));
  await step('organisations', data.organisations.length, () => seedOrganisations(strapi, data, seeded, progress));
  await step('members', data.members.length, () => seedMembers(strapi, data, seeded, config.demo.memberPassword, progress));
  const claims = data.members.reduce((sum, member) => sum + member.claims.length, 0);
  await step('skill claims', claims, () => seedClaims(strapi, data, seeded, progress));
  const resources = await step('resources', data.resources.length, () => seedResources(strapi, data, seeded, progress));
  await step('reading groups and workshops', events.readingGroups.length + events.workshops.length, () =>
    seedEvents(strapi, data, seeded, resources, progress),
  );
  const agreementTotal = agreement.versions.length + agreement.suggestions.length + agreement.endorsements.length;
  await step('the Community Agreement', agreementTotal, () => seedAgreement(strapi, data, seeded, progress));
};
