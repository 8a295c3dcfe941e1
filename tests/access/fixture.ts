import type { Core } from '@strapi/strapi';
import type { TestApp } from '../helpers/strapi';
import { createFullAccessToken, createUser, type TestUser } from '../helpers/users';

/**
 * A small world with one of everything that visibility depends on, created through the Document
 * Service (as editors would in the admin panel), and the callers of every role.
 */
export type World = Awaited<ReturnType<typeof buildWorld>>;

const create = async (strapi: Core.Strapi, uid: string, data: Record<string, unknown>, options: { publish?: boolean; locale?: string } = {}) =>
  (
    (await strapi.documents(uid as never).create({
      locale: options.locale ?? 'en',
      data,
      ...(options.publish ? { status: 'published' } : {}),
    } as never)) as { documentId: string }
  ).documentId;

export const buildWorld = async (app: TestApp) => {
  const { strapi } = app;
  const area = await create(strapi, 'api::issue-area.issue-area', { name: 'Migration', slug: 'w-migration' });
  const skill = await create(strapi, 'api::skill.skill', { name: 'Asylum law', slug: 'w-asylum-law', category: 'area_of_law' });
  const organisation = await create(
    strapi,
    'api::organisation.organisation',
    { name: 'Published org', slug: 'w-published-org', kind: 'ngo', countries: ['DE'], issueAreas: [area], participationStatus: 'active' },
    { publish: true },
  );
  const draftOrganisation = await create(strapi, 'api::organisation.organisation', {
    name: 'Draft org',
    slug: 'w-draft-org',
    kind: 'ngo',
    countries: ['FR'],
    participationStatus: 'prospective',
  });

  const member = await createUser(app, 'authenticated', { displayName: 'Own hidden profile', visibility: 'hidden', organisation });
  const representative = await createUser(app, 'org-representative', { displayName: 'Representative', visibility: 'members', organisation });
  const facilitator = await createUser(app, 'facilitator', { displayName: 'Facilitator', visibility: 'public', organisation });
  const outsider = await createUser(app, 'authenticated', { displayName: 'Other member', visibility: 'members' });
  const hiddenOther = await createUser(app, 'authenticated', { displayName: 'Hidden other', visibility: 'hidden', organisation: draftOrganisation });
  const token = await createFullAccessToken(app);

  const profiles = {
    ownHidden: member.memberId!,
    representative: representative.memberId!,
    facilitator: facilitator.memberId!,
    outsider: outsider.memberId!,
    hiddenOther: hiddenOther.memberId!,
  };

  const resourceData = (slug: string, visibility: string) => ({
    title: `Resource ${slug}`,
    slug,
    kind: 'guide',
    visibility,
    issueAreas: [area],
    skills: [skill],
    authorOrganisations: [organisation, draftOrganisation],
  });
  const resources = {
    public: await create(strapi, 'api::resource.resource', resourceData('w-public-resource', 'public'), { publish: true }),
    members: await create(strapi, 'api::resource.resource', resourceData('w-members-resource', 'members'), { publish: true }),
    draft: await create(strapi, 'api::resource.resource', resourceData('w-draft-resource', 'public')),
  };

  const workshopData = (slug: string, visibility: string) => ({
    title: `Workshop ${slug}`,
    slug,
    format: 'workshop',
    startsAt: '2030-03-01T09:00:00.000Z',
    endsAt: '2030-03-01T17:00:00.000Z',
    timeZone: 'Europe/Berlin',
    isOnline: true,
    capacity: 20,
    visibility,
    facilitators: [profiles.facilitator, profiles.hiddenOther],
    materials: [resources.public, resources.members],
    issueAreas: [area],
  });
  const workshops = {
    public: await create(strapi, 'api::workshop.workshop', workshopData('w-public-workshop', 'public'), { publish: true }),
    members: await create(strapi, 'api::workshop.workshop', workshopData('w-members-workshop', 'members'), { publish: true }),
  };

  const groupData = (slug: string, visibility: string) => ({
    name: `Group ${slug}`,
    slug,
    capacity: 10,
    groupStatus: 'active',
    visibility,
    facilitators: [profiles.facilitator, profiles.hiddenOther],
    participants: [profiles.ownHidden, profiles.outsider],
    sessions: [{ title: 'First', startsAt: '2030-01-10T18:00:00.000Z', readings: [resources.public, resources.members] }],
  });
  const readingGroups = {
    public: await create(strapi, 'api::reading-group.reading-group', groupData('w-public-group', 'public'), { publish: true }),
    members: await create(strapi, 'api::reading-group.reading-group', groupData('w-members-group', 'members'), { publish: true }),
  };

  const registrations = {
    own: await create(strapi, 'api::registration.registration', { workshop: workshops.public, member: profiles.ownHidden, state: 'confirmed' }),
    outsiders: await create(strapi, 'api::registration.registration', { workshop: workshops.public, member: profiles.outsider, state: 'confirmed' }),
  };

  /** A version taken through the lifecycle as an editor would: created as a draft, then moved forward. */
  const version = async (versionNumber: number, status: 'draft' | 'consultation' | 'adopted') => {
    const documentId = await create(strapi, 'api::agreement-version.agreement-version', {
      versionNumber,
      title: `Agreement v${versionNumber}`,
      sections: [{ key: 'purpose', heading: 'Purpose', text: 'Why we work together.' }],
      consultationOpensAt: new Date(Date.now() - 86_400_000),
      consultationClosesAt: new Date(Date.now() + 86_400_000),
    });
    for (const step of { draft: [], consultation: ['consultation'], adopted: ['consultation', 'adopted'] }[status]) {
      await strapi.documents('api::agreement-version.agreement-version').update({ documentId, locale: 'en', data: { stage: step } } as never);
    }
    return documentId;
  };
  const agreementVersions = {
    adopted: await version(1, 'adopted'),
    consultation: await version(2, 'consultation'),
    draft: await version(3, 'draft'),
  };
  const endorsements = {
    ofAdopted: await create(strapi, 'api::endorsement.endorsement', {
      agreementVersion: agreementVersions.adopted,
      organisation,
      endorsedBy: profiles.representative,
      statement: 'We endorse it.',
    }),
    ofDraft: await create(strapi, 'api::endorsement.endorsement', {
      agreementVersion: agreementVersions.draft,
      organisation,
      endorsedBy: profiles.representative,
      statement: 'Early support.',
    }),
  };
  const suggestions = {
    ofConsultation: await create(strapi, 'api::suggestion.suggestion', {
      agreementVersion: agreementVersions.consultation,
      sectionKey: 'purpose',
      kind: 'replace',
      proposedText: 'Better words.',
      rationale: 'Clearer.',
      author: profiles.hiddenOther,
      decision: 'open',
    }),
    ofDraft: await create(strapi, 'api::suggestion.suggestion', {
      agreementVersion: agreementVersions.draft,
      sectionKey: 'purpose',
      kind: 'remove',
      rationale: 'Not needed.',
      author: profiles.outsider,
      decision: 'open',
    }),
  };

  return {
    area,
    skill,
    organisations: { published: organisation, draft: draftOrganisation },
    callers: { member, representative, facilitator, outsider, hiddenOther, token },
    profiles,
    resources,
    workshops,
    readingGroups,
    registrations,
    agreementVersions,
    endorsements,
    suggestions,
  };
};

export type Callers = World['callers'];
export type { TestUser };
