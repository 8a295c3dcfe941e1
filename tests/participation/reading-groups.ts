import { randomBytes } from 'node:crypto';
import type { TestApp } from '../helpers/strapi';

export type ReadingGroupOptions = {
  capacity?: number;
  visibility?: 'public' | 'members';
  description?: string;
  /** documentIds of the resources read at its one session. */
  readings?: string[];
  facilitators?: string[];
  skills?: string[];
  issueAreas?: string[];
};

/** A published reading group, forming, with one session a week from now, as an editor would create it in the admin panel. */
export const createReadingGroup = async (app: TestApp, options: ReadingGroupOptions = {}) => {
  const name = `Reading group ${randomBytes(4).toString('hex')}`;
  const created = await app.strapi.documents('api::reading-group.reading-group').create({
    locale: 'en',
    data: {
      name,
      slug: name.toLowerCase().replace(/ /g, '-'),
      description: options.description,
      capacity: options.capacity ?? 10,
      groupStatus: 'forming',
      visibility: options.visibility ?? 'members',
      facilitators: options.facilitators ?? [],
      skills: options.skills ?? [],
      issueAreas: options.issueAreas ?? [],
      sessions: [{ title: 'First session', startsAt: new Date(Date.now() + 7 * 86_400_000).toISOString(), readings: options.readings ?? [] }],
    },
    status: 'published',
  } as never);
  return { documentId: created.documentId as string, name };
};
