import type { UID } from '@strapi/strapi';
import type { Viewer } from './viewer';

export type Filter = Record<string, unknown>;

/** Matches no row: used where a viewer may see nothing at all of a type. */
const NOTHING: Filter = { id: { $null: true } };

const membersOnlyContent = (viewer: Viewer): Filter | null => (viewer.kind === 'public' ? { visibility: 'public' } : null);

/** Drafts of the agreement are an editors' matter; the content API only ever shows the others. */
const agreementPastDraft: Filter = { stage: { $in: ['consultation', 'adopted', 'superseded'] } };

/**
 * The row-level rule of each type for a viewer: a filter every row the viewer receives must match,
 * or null when the viewer may see every (published) row. Enforced on the main query, on every
 * populated relation and on every relation filter, so the same rule holds however a row is reached.
 */
const rules: Partial<Record<UID.ContentType, (viewer: Viewer) => Filter | null>> = {
  'api::resource.resource': membersOnlyContent,
  'api::reading-group.reading-group': membersOnlyContent,
  'api::workshop.workshop': membersOnlyContent,

  // Profiles are `hidden` by default; a member always sees their own.
  'api::member.member': (viewer) => {
    if (viewer.kind === 'trusted') return null;
    if (viewer.kind === 'public') return { visibility: 'public' };
    return { $or: [{ visibility: { $in: ['members', 'public'] } }, { user: { id: viewer.userId } }] };
  },

  // Registrations are private: a member's own, and those of the workshops they facilitate.
  'api::registration.registration': (viewer) => {
    if (viewer.kind === 'trusted') return null;
    if (viewer.kind === 'public') return NOTHING;
    return {
      $or: [{ member: { user: { id: viewer.userId } } }, { workshop: { facilitators: { user: { id: viewer.userId } } } }],
    };
  },

  'api::agreement-version.agreement-version': () => agreementPastDraft,
  'api::endorsement.endorsement': () => ({ agreementVersion: agreementPastDraft }),
  'api::suggestion.suggestion': (viewer) => (viewer.kind === 'public' ? NOTHING : { agreementVersion: agreementPastDraft }),
};

export const ruleFor = (uid: string, viewer: Viewer): Filter | null => rules[uid as UID.ContentType]?.(viewer) ?? null;
