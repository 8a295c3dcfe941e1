import type { UID } from '@strapi/strapi';

/** How one field reads in the admin panel. */
export type FieldView = {
  label: string;
  /** Shown under the input: what the field is for, and what its raw values mean (Strapi shows enumeration values as they are stored). */
  description?: string;
  placeholder?: string;
  /** Relations: the field of the linked type that names a linked entry in this field's input. */
  shows?: string;
};

/** A field in an edit-view row, at its default width or at a width out of 12. */
export type EditField = string | [field: string, width: number];

/** The content manager's views of one content type or component, applied at every start (see apply.ts). */
export type AdminView = {
  uid: UID.ContentType | UID.Component;
  /** Names an entry: in its list, in other types' relation inputs, on the home page's widgets. */
  mainField: string;
  sortBy: { field: string; order: 'ASC' | 'DESC' };
  /** List view columns. The i18n column ("Available in") and the publication state of draft-and-publish types are added by Strapi. */
  columns: string[];
  /** Edit view, row by row: related fields side by side. Fields left out follow at the end as Strapi laid them out. */
  rows: EditField[][];
  fields: Record<string, FieldView>;
};

/** Strapi's own timestamps, named for people wherever a view shows them (a view may name them otherwise). */
export const TIMESTAMPS: Record<string, FieldView> = { createdAt: { label: 'Created' }, updatedAt: { label: 'Last edited' } };

const VISIBILITY: FieldView = {
  label: 'Who can see it',
  description: '"public": everyone, also without an account; "members": signed-in members only.',
};
const SLUG: FieldView = {
  label: 'Web address (slug)',
  description: 'The last part of the page address: lower-case letters, digits and hyphens. Shared by all translations.',
};
const ISSUE_AREAS: FieldView = { label: 'Issue areas', shows: 'name' };
const SKILLS: FieldView = { label: 'Skills', shows: 'name' };
const COUNTRIES: FieldView = { label: 'Countries', description: 'Pick from the list; stored as ISO country codes (e.g. DE).' };

const RESOURCE: AdminView = {
  uid: 'api::resource.resource',
  mainField: 'title',
  sortBy: { field: 'updatedAt', order: 'DESC' },
  columns: ['title', 'kind', 'visibility', 'date'],
  rows: [
    [
      ['title', 8],
      ['kind', 4],
    ],
    [
      ['slug', 8],
      ['visibility', 4],
    ],
    [['summary', 12]],
    ['body'],
    ['issueAreas', 'skills'],
    ['authorOrganisations', ['date', 3], ['licence', 3]],
    [
      ['jurisdiction', 4],
      ['court', 8],
    ],
    ['ecli', 'caseNumber'],
    ['url', 'file'],
  ],
  fields: {
    title: { label: 'Title', description: 'In the language of this translation.' },
    slug: SLUG,
    summary: { label: 'Summary', description: 'Two or three sentences shown in lists and search results (up to 1000 characters).' },
    body: { label: 'Text' },
    kind: {
      label: 'Kind of resource',
      description: 'methodology, guide, case_note (case note), judgment, template, toolkit, article, recording or report.',
    },
    issueAreas: ISSUE_AREAS,
    skills: SKILLS,
    authorOrganisations: { label: 'Author organisations', shows: 'name' },
    jurisdiction: { label: 'Jurisdiction', description: 'Case law: the country, or EU, CoE (Council of Europe) or UN.' },
    court: { label: 'Court', description: 'Case law: the court or treaty body, e.g. "European Court of Human Rights".' },
    ecli: { label: 'ECLI', description: 'European Case Law Identifier of a judgment, e.g. ECLI:CE:ECHR:2020:0101JUD000120.', placeholder: 'ECLI:…' },
    caseNumber: { label: 'Case number', description: 'Case law: the court\'s own number, e.g. "C-123/22" or "12345/19".' },
    date: { label: 'Date', description: 'Of the judgment, or of publication.' },
    file: { label: 'File' },
    url: { label: 'Link', description: 'An address elsewhere on the web, starting with https://.', placeholder: 'https://' },
    licence: { label: 'Licence', description: 'Under which others may reuse it; "all-rights-reserved" when they may not.' },
    visibility: VISIBILITY,
  },
};

const WORKSHOP: AdminView = {
  uid: 'api::workshop.workshop',
  mainField: 'title',
  sortBy: { field: 'startsAt', order: 'DESC' },
  columns: ['title', 'format', 'startsAt', 'capacity', 'visibility'],
  rows: [
    [
      ['title', 8],
      ['format', 4],
    ],
    [
      ['slug', 8],
      ['visibility', 4],
    ],
    [['description', 12]],
    [
      ['startsAt', 4],
      ['endsAt', 4],
      ['timeZone', 4],
    ],
    [
      ['isOnline', 4],
      ['venue', 8],
    ],
    [
      ['city', 6],
      ['country', 6],
    ],
    [['onlineNote', 12]],
    [
      ['capacity', 4],
      ['registrationOpensAt', 4],
      ['registrationClosesAt', 4],
    ],
    ['languages'],
    ['interpretation'],
    ['facilitators', 'issueAreas'],
    ['skillsTaught', 'materials'],
  ],
  fields: {
    title: { label: 'Title', description: 'In the language of this translation.' },
    slug: SLUG,
    description: { label: 'Description' },
    format: { label: 'Format', description: 'workshop, case_clinic (case clinic), training, retreat or meeting.' },
    startsAt: { label: 'Starts' },
    endsAt: { label: 'Ends' },
    timeZone: { label: 'Time zone', description: 'Where it takes place, as in the calendar feeds, e.g. Europe/Brussels.' },
    isOnline: { label: 'Online', description: 'Yes when it takes place online only.' },
    venue: { label: 'Venue' },
    city: { label: 'City' },
    country: { label: 'Country' },
    onlineNote: { label: 'Note for online participants', description: 'How to join; shown to registered members.' },
    capacity: { label: 'Places', description: 'Confirmed registrations beyond this number go on the waitlist.' },
    registrationOpensAt: { label: 'Registration opens' },
    registrationClosesAt: { label: 'Registration closes' },
    languages: { label: 'Working languages' },
    interpretation: { label: 'Interpretation into', description: 'Languages interpreted into, if any.' },
    facilitators: { label: 'Facilitators', shows: 'displayName' },
    issueAreas: ISSUE_AREAS,
    skillsTaught: { label: 'Skills taught', shows: 'name' },
    materials: { label: 'Materials', description: 'Resources prepared for it.', shows: 'title' },
    visibility: VISIBILITY,
  },
};

const AGREEMENT_VERSION: AdminView = {
  uid: 'api::agreement-version.agreement-version',
  mainField: 'title',
  sortBy: { field: 'versionNumber', order: 'DESC' },
  columns: ['versionNumber', 'title', 'stage', 'consultationOpensAt', 'consultationClosesAt'],
  rows: [
    [
      ['versionNumber', 4],
      ['title', 8],
    ],
    [
      ['stage', 4],
      ['previousVersion', 8],
    ],
    [
      ['consultationOpensAt', 4],
      ['consultationClosesAt', 4],
      ['adoptedAt', 4],
    ],
    [['preamble', 12]],
    ['sections'],
    [['changeSummary', 12]],
    [['decisionRecord', 12]],
  ],
  fields: {
    versionNumber: { label: 'Version number', description: 'Shared by all translations of the version.' },
    title: { label: 'Title' },
    preamble: { label: 'Preamble' },
    sections: { label: 'Sections', description: 'Each with a stable key, so suggestions and the comparison with other versions follow it.' },
    stage: {
      label: 'Stage',
      description: 'draft, then consultation (members may suggest changes), adopted, and superseded once a later version is adopted.',
    },
    consultationOpensAt: { label: 'Consultation opens' },
    consultationClosesAt: { label: 'Consultation closes' },
    adoptedAt: { label: 'Adopted on' },
    changeSummary: { label: 'What changed', description: 'Compared with the previous version.' },
    decisionRecord: { label: 'Decision record', description: 'How and by whom the version was adopted.' },
    previousVersion: { label: 'Previous version', shows: 'title' },
  },
};

const MEMBER: AdminView = {
  uid: 'api::member.member',
  mainField: 'displayName',
  sortBy: { field: 'displayName', order: 'ASC' },
  columns: ['displayName', 'organisation', 'visibility', 'openToQuestions'],
  rows: [
    [
      ['displayName', 6],
      ['organisation', 6],
    ],
    [
      ['visibility', 4],
      ['openToQuestions', 4],
      ['canMentor', 4],
    ],
    [['contactRoute', 4]],
    ['countries'],
    ['languages'],
    [['bio', 12]],
    ['user'],
  ],
  fields: {
    user: { label: 'Account', description: 'The sign-in account of this member (never shown in the directory).', shows: 'email' },
    displayName: { label: 'Display name' },
    organisation: { label: 'Organisation', shows: 'name' },
    countries: { ...COUNTRIES, description: 'Where the member works. Pick from the list; stored as ISO country codes (e.g. DE).' },
    languages: { label: 'Working languages', description: 'Pick from the list; stored as ISO language codes (e.g. de).' },
    visibility: {
      label: 'Directory listing',
      description: '"hidden": not listed; "members": listed for signed-in members; "public": listed for everyone.',
    },
    openToQuestions: { label: 'Open to questions', description: 'Other members may ask them about their skills.' },
    canMentor: { label: 'Can mentor' },
    contactRoute: {
      label: 'Contact route',
      description:
        'How signed-in members may contact them. "none": not at all; "email": their account e-mail is shown to signed-in members; "message": members send them a message through the platform, their address is never shown.',
    },
    bio: { label: 'About', description: 'A short biography, in the language of this translation.' },
  },
};

const ORGANISATION: AdminView = {
  uid: 'api::organisation.organisation',
  mainField: 'name',
  sortBy: { field: 'name', order: 'ASC' },
  // The countries are a JSON list, which Strapi's list view cannot show.
  columns: ['name', 'kind', 'participationStatus', 'joinedOn'],
  rows: [
    [
      ['name', 8],
      ['kind', 4],
    ],
    [
      ['slug', 8],
      ['participationStatus', 4],
    ],
    ['countries'],
    [
      ['website', 8],
      ['joinedOn', 4],
    ],
    [['description', 12]],
    ['issueAreas', 'members'],
  ],
  fields: {
    name: { label: 'Name' },
    slug: SLUG,
    kind: {
      label: 'Kind of organisation',
      description:
        "ngo (NGO), law_firm (law firm), legal_clinic (legal clinic), barristers_chambers (barristers' chambers), academic or community_group (community group).",
    },
    countries: { ...COUNTRIES, description: 'Where it litigates. Pick from the list; stored as ISO country codes (e.g. DE).' },
    issueAreas: ISSUE_AREAS,
    website: { label: 'Website', placeholder: 'https://' },
    participationStatus: { label: 'Participation', description: 'prospective, active, or alumni (took part in the past).' },
    joinedOn: { label: 'Joined on' },
    description: { label: 'Description', description: 'In the language of this translation.' },
    members: { label: 'Members', shows: 'displayName' },
  },
};

const ISSUE_AREA: AdminView = {
  uid: 'api::issue-area.issue-area',
  mainField: 'name',
  sortBy: { field: 'name', order: 'ASC' },
  columns: ['name', 'slug', 'description'],
  rows: [
    [
      ['name', 6],
      ['slug', 6],
    ],
    [['description', 12]],
  ],
  fields: {
    name: { label: 'Name', description: 'In the language of this translation.' },
    slug: SLUG,
    description: { label: 'Description' },
  },
};

const SKILL: AdminView = {
  uid: 'api::skill.skill',
  mainField: 'name',
  sortBy: { field: 'name', order: 'ASC' },
  columns: ['name', 'category', 'parent'],
  rows: [
    [
      ['name', 8],
      ['category', 4],
    ],
    [
      ['slug', 6],
      ['parent', 6],
    ],
    [['description', 12]],
    ['synonyms'],
    [['escoUri', 12]],
    ['children'],
  ],
  fields: {
    name: { label: 'Name', description: 'In the language of this translation.' },
    slug: SLUG,
    category: {
      label: 'Category',
      description: 'forum_court (forum or court), procedure, area_of_law (area of law), method, advocacy, research or communication.',
    },
    parent: { label: 'Broader skill', shows: 'name' },
    children: { label: 'Narrower skills', shows: 'name' },
    escoUri: {
      label: 'ESCO skill',
      description: 'The matching skill of the European ESCO classification, if any.',
      placeholder: 'http://data.europa.eu/esco/skill/…',
    },
    synonyms: { label: 'Synonyms', description: 'Other names that search should match, as a JSON list of strings.' },
    description: { label: 'Description' },
  },
};

const READING_GROUP: AdminView = {
  uid: 'api::reading-group.reading-group',
  mainField: 'name',
  sortBy: { field: 'updatedAt', order: 'DESC' },
  columns: ['name', 'groupStatus', 'capacity', 'visibility'],
  rows: [
    [
      ['name', 8],
      ['groupStatus', 4],
    ],
    [
      ['slug', 8],
      ['visibility', 4],
    ],
    [['description', 12]],
    [['capacity', 4]],
    ['sessions'],
    ['facilitators', 'participants'],
    ['issueAreas', 'skills'],
  ],
  fields: {
    name: { label: 'Name', description: 'In the language of this translation.' },
    slug: SLUG,
    description: { label: 'Description' },
    issueAreas: ISSUE_AREAS,
    skills: SKILLS,
    facilitators: { label: 'Facilitators', shows: 'displayName' },
    participants: { label: 'Participants', description: 'Members who joined (private).', shows: 'displayName' },
    capacity: { label: 'Places' },
    groupStatus: { label: 'Stage', description: 'forming (open to join), active or closed.' },
    sessions: { label: 'Sessions' },
    visibility: VISIBILITY,
  },
};

const ENDORSEMENT: AdminView = {
  uid: 'api::endorsement.endorsement',
  mainField: 'statement',
  sortBy: { field: 'updatedAt', order: 'DESC' },
  columns: ['organisation', 'agreementVersion', 'endorsedBy', 'createdAt'],
  rows: [['organisation', 'agreementVersion'], ['endorsedBy'], [['statement', 12]]],
  fields: {
    agreementVersion: { label: 'Agreement version', shows: 'title' },
    organisation: { label: 'Organisation', shows: 'name' },
    endorsedBy: { label: 'Endorsed by', description: 'The member who represents the organisation.', shows: 'displayName' },
    statement: { label: 'Statement' },
    createdAt: { label: 'Endorsed' },
  },
};

const SUGGESTION: AdminView = {
  uid: 'api::suggestion.suggestion',
  mainField: 'sectionKey',
  sortBy: { field: 'updatedAt', order: 'DESC' },
  columns: ['agreementVersion', 'sectionKey', 'kind', 'decision', 'author'],
  rows: [
    ['agreementVersion', 'author'],
    [
      ['sectionKey', 6],
      ['kind', 3],
      ['decision', 3],
    ],
    [['proposedText', 12]],
    [['rationale', 12]],
    ['carriedOverFrom'],
  ],
  fields: {
    agreementVersion: { label: 'Agreement version', shows: 'title' },
    sectionKey: { label: 'Section', description: 'The key of the section the suggestion is about.' },
    kind: { label: 'Change', description: 'add (a new section), remove (the section) or replace (its text).' },
    proposedText: { label: 'Proposed text' },
    rationale: { label: 'Why' },
    author: { label: 'Suggested by', shows: 'displayName' },
    decision: {
      label: 'Decision',
      description: 'open, accepted, rejected, or carried_over (carried over to the next version).',
    },
    carriedOverFrom: { label: 'Carried over from', description: 'The same suggestion on an earlier version.', shows: 'sectionKey' },
  },
};

const REGISTRATION: AdminView = {
  uid: 'api::registration.registration',
  mainField: 'id',
  sortBy: { field: 'createdAt', order: 'DESC' },
  columns: ['workshop', 'member', 'state', 'waitlistPosition', 'createdAt'],
  rows: [
    ['workshop', 'member'],
    [
      ['state', 6],
      ['waitlistPosition', 6],
    ],
  ],
  fields: {
    workshop: { label: 'Workshop', shows: 'title' },
    member: { label: 'Member', shows: 'displayName' },
    state: {
      label: 'State',
      description: 'confirmed (has a place), waitlisted, or cancelled. Freed places go to the first on the waitlist.',
    },
    waitlistPosition: { label: 'Place on the waitlist', description: 'Set while waitlisted; 1 is next in line.' },
    createdAt: { label: 'Registered' },
  },
};

const AGREEMENT_SECTION: AdminView = {
  uid: 'agreement.section',
  mainField: 'heading',
  sortBy: { field: 'heading', order: 'ASC' },
  columns: ['heading', 'key'],
  rows: [
    [
      ['heading', 8],
      ['key', 4],
    ],
    [['text', 12]],
  ],
  fields: {
    key: { label: 'Key', description: 'Stable across versions and translations: lower-case letters, digits and hyphens.' },
    heading: { label: 'Heading' },
    text: { label: 'Text' },
  },
};

const READING_GROUP_SESSION: AdminView = {
  uid: 'reading-group.session',
  mainField: 'title',
  sortBy: { field: 'startsAt', order: 'ASC' },
  columns: ['title', 'startsAt'],
  rows: [
    [
      ['title', 8],
      ['startsAt', 4],
    ],
    ['readings'],
    [['notes', 12]],
  ],
  fields: {
    title: { label: 'Title' },
    startsAt: { label: 'Starts' },
    readings: { label: 'Readings', shows: 'title' },
    notes: { label: 'Notes' },
  },
};

/** Every type editors work with in the content manager. Internal tables are hidden from it in their schemas. */
export const ADMIN_VIEWS: readonly AdminView[] = [
  RESOURCE,
  WORKSHOP,
  AGREEMENT_VERSION,
  MEMBER,
  ORGANISATION,
  ISSUE_AREA,
  SKILL,
  READING_GROUP,
  ENDORSEMENT,
  SUGGESTION,
  REGISTRATION,
  AGREEMENT_SECTION,
  READING_GROUP_SESSION,
];
