import { randomBytes } from 'node:crypto';
import type { TestApp } from '../helpers/strapi';

const DAY = 86_400_000;

export type WorkshopOptions = {
  capacity?: number;
  visibility?: 'public' | 'members';
  /** Days from now; negative is in the past. */
  startsInDays?: number;
  opensInDays?: number | null;
  closesInDays?: number | null;
  facilitators?: string[];
  published?: boolean;
};

/** A workshop as an editor would create it in the admin panel (published unless said otherwise). Returns its documentId. */
export const createWorkshop = async (app: TestApp, options: WorkshopOptions = {}) => {
  const suffix = randomBytes(4).toString('hex');
  const startsAt = Date.now() + (options.startsInDays ?? 30) * DAY;
  const at = (days: number | null | undefined) => (days === null || days === undefined ? null : new Date(Date.now() + days * DAY).toISOString());
  const created = await app.strapi.documents('api::workshop.workshop').create({
    locale: 'en',
    data: {
      title: `Strategic litigation clinic ${suffix}`,
      slug: `clinic-${suffix}`,
      format: 'case_clinic',
      startsAt: new Date(startsAt).toISOString(),
      endsAt: new Date(startsAt + 3 * 3_600_000).toISOString(),
      timeZone: 'Europe/Berlin',
      isOnline: true,
      onlineNote: 'The link is sent to registered members.',
      capacity: options.capacity ?? 20,
      registrationOpensAt: at(options.opensInDays === undefined ? -1 : options.opensInDays),
      registrationClosesAt: at(options.closesInDays === undefined ? 20 : options.closesInDays),
      visibility: options.visibility ?? 'members',
      facilitators: options.facilitators ?? [],
    },
    ...(options.published === false ? {} : { status: 'published' }),
  } as never);
  return created.documentId as string;
};
