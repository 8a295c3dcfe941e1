import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import type { Knex } from 'knex';
import { conflict, forbidden } from '../../../utils/errors';
import { lockDocument } from '../../../utils/lock-document';
import { tableOf } from '../../../utils/tables';
import { ownProfileId } from '../../member/services/member';
import { contentLocales } from '../../../content/locales';

const REGISTRATIONS = 'api::registration.registration';
const WORKSHOPS = 'api::workshop.workshop';
const MEMBERS = 'api::member.member';

export type RegistrationState = 'confirmed' | 'waitlisted' | 'cancelled';

type RegistrationRow = {
  id: number;
  documentId: string;
  state: RegistrationState;
  waitlistPosition: number | null;
  createdAt: string;
  updatedAt: string;
};

type WorkshopRow = {
  documentId: string;
  capacity: number;
  startsAt: string;
  registrationOpensAt: string | null;
  registrationClosesAt: string | null;
};

export type Places = { capacity: number; taken: number; left: number; waitlisted: number };

/**
 * A registration as its member sees it. The attribute is `state` (Strapi 5 reserves `status` for
 * draft/published), but these routes answer `status` as they always have: see the README.
 */
export const describeRegistration = (row: RegistrationRow, workshop: string, places: Places) => ({
  documentId: row.documentId,
  workshop,
  status: row.state,
  waitlistPosition: row.state === 'waitlisted' ? row.waitlistPosition : null,
  places,
  createdAt: row.createdAt,
  updatedAt: row.updatedAt,
});

/**
 * Registration for workshops, with capacity and a waitlist.
 *
 * Every write for a workshop runs in one transaction that locks the workshop's rows (PostgreSQL;
 * SQLite has a single connection, so its transactions run one after the other) before it counts the
 * places and gives a registration its place, with no other registration in between: registrations
 * never exceed capacity, and waitlist positions follow the order in which requests reach the lock,
 * whether they come to one Strapi process or several sharing the database. The lock is taken as
 * late as possible (see `register`), so that a crowd registering for one workshop waits for little.
 *
 * Invariants: confirmed ≤ capacity; waitlisted positions are 1…n without gaps; one registration row
 * per member and workshop (a member who registers again after cancelling gets their row back).
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const registrations = () => strapi.db.query(REGISTRATIONS);

  const ofWorkshop = (workshop: string) => ({ workshop: { documentId: workshop } });

  type JoinTable = { name: string; joinColumn: { name: string }; inverseJoinColumn: { name: string } };
  const workshopLink = () => {
    const meta = strapi.db.metadata.get(REGISTRATIONS as never) as unknown as { attributes: { workshop: { joinTable: JoinTable } } };
    return meta.attributes.workshop.joinTable;
  };

  /**
   * Confirmed and waitlisted registrations per workshop, counted by the database in one query.
   * A registration links to its workshop's draft and published rows, hence COUNT(DISTINCT).
   */
  const countsOf = async (workshops: string[]) => {
    const link = workshopLink();
    // Inside the caller's transaction when there is one: its own writes count, and SQLite's single connection is not asked twice.
    const rows = (await strapi.db.transaction(({ trx }) =>
      trx(`${tableOf(strapi, REGISTRATIONS)} as r`)
        .join(`${link.name} as l`, `l.${link.joinColumn.name}`, 'r.id')
        .join(`${tableOf(strapi, WORKSHOPS)} as w`, 'w.id', `l.${link.inverseJoinColumn.name}`)
        .whereIn('w.document_id', workshops)
        .whereIn('r.state', ['confirmed', 'waitlisted'])
        .groupBy('w.document_id', 'r.state')
        .select('w.document_id as workshop', 'r.state as state')
        .countDistinct('r.id as n'),
    )) as Array<{ workshop: string; state: 'confirmed' | 'waitlisted'; n: number | string }>;
    const counts = new Map(workshops.map((workshop) => [workshop, { confirmed: 0, waitlisted: 0 }]));
    for (const row of rows) counts.get(row.workshop)![row.state] = Number(row.n);
    return counts;
  };

  const countByState = async (workshop: string) => (await countsOf([workshop])).get(workshop)!;

  const toPlaces = (capacity: number, { confirmed, waitlisted }: { confirmed: number; waitlisted: number }): Places => ({
    capacity,
    taken: confirmed,
    left: Math.max(capacity - confirmed, 0),
    waitlisted,
  });

  const placesOf = async (workshop: WorkshopRow) => toPlaces(workshop.capacity, await countByState(workshop.documentId));

  /** The published workshop, whatever its visibility: callers check what the viewer may see first. */
  const publishedWorkshop = async (documentId: string) =>
    (await strapi.db.query(WORKSHOPS).findOne({
      select: ['documentId', 'capacity', 'startsAt', 'registrationOpensAt', 'registrationClosesAt'],
      where: { documentId, publishedAt: { $notNull: true } },
    })) as WorkshopRow | null;

  const profileOf = (userId: number) => ownProfileId(strapi, userId, 'Registering');

  const registrationOf = async (workshop: string, member: string) =>
    (await registrations().findOne({ where: { ...ofWorkshop(workshop), member: { documentId: member } } })) as RegistrationRow | null;

  /** Closes the gap a waitlisted registration leaves at `position`. */
  const closeGap = async (trx: Knex.Transaction, workshop: string, position: number, width = 1) => {
    const behind = (await registrations().findMany({
      select: ['id'],
      where: { ...ofWorkshop(workshop), state: 'waitlisted', waitlistPosition: { $gt: position } },
    })) as Array<{ id: number }>;
    if (behind.length > 0)
      await trx(tableOf(strapi, REGISTRATIONS))
        .whereIn(
          'id',
          behind.map((row) => row.id),
        )
        .decrement('waitlist_position', width);
  };

  /** Confirms waitlisted members, first in line first, while places are left. */
  const promoteWaitlisted = async (trx: Knex.Transaction, workshop: WorkshopRow) => {
    const { confirmed } = await countByState(workshop.documentId);
    const free = workshop.capacity - confirmed;
    if (free <= 0) return;
    const first = (await registrations().findMany({
      select: ['id'],
      where: { ...ofWorkshop(workshop.documentId), state: 'waitlisted' },
      orderBy: { waitlistPosition: 'asc' },
      limit: free,
    })) as Array<{ id: number }>;
    if (first.length === 0) return;
    await registrations().updateMany({ where: { id: { $in: first.map((row) => row.id) } }, data: { state: 'confirmed', waitlistPosition: null } });
    await closeGap(trx, workshop.documentId, 0, first.length);
  };

  const assertRegistrationOpen = (workshop: WorkshopRow, now = Date.now()) => {
    const closes = workshop.registrationClosesAt ?? workshop.startsAt;
    if (now >= Date.parse(workshop.startsAt)) throw conflict(`This workshop started on ${workshop.startsAt}: registration is closed`);
    if (workshop.registrationOpensAt && now < Date.parse(workshop.registrationOpensAt))
      throw conflict(`Registration for this workshop opens on ${workshop.registrationOpensAt}`);
    if (now >= Date.parse(closes)) throw conflict(`Registration for this workshop closed on ${closes}`);
  };

  /** Cancels `row` (already locked with its workshop), then gives its place to the first waitlisted member. */
  const cancelLocked = async (trx: Knex.Transaction, workshop: WorkshopRow, row: RegistrationRow) => {
    if (row.state === 'cancelled') return row;
    await registrations().update({ where: { id: row.id }, data: { state: 'cancelled', waitlistPosition: null } });
    if (row.state === 'waitlisted' && row.waitlistPosition) await closeGap(trx, workshop.documentId, row.waitlistPosition);
    else await promoteWaitlisted(trx, workshop);
    return (await registrations().findOne({ where: { id: row.id } })) as RegistrationRow;
  };

  /** The ids of a document's rows in the default locale (draft and published): the rows the Document Service links a relation to. */
  const rowIdsOf = async (uid: string, documentId: string) => {
    const locale = contentLocales(strapi).default;
    const rows = (await strapi.db.query(uid as never).findMany({ select: ['id'], where: { documentId, locale } })) as Array<{ id: number }>;
    if (rows.length === 0) throw new errors.ValidationError(`Document with id "${documentId}", locale "${locale}" not found`);
    return rows.map((row) => row.id);
  };

  /**
   * A new registration that holds no place yet (`cancelled`; `register` gives it its place), linked
   * as the Document Service links it. Written through the Query Engine: `register` makes the
   * Document Service's checks itself (one registration per member and workshop, places), and its
   * `entry.create` event would load the registration deeply populated, costing more than the registration.
   */
  const placelessRegistration = async (workshop: string, member: string) =>
    (await registrations().create({
      data: {
        state: 'cancelled',
        waitlistPosition: null,
        publishedAt: new Date(),
        workshop: await rowIdsOf(WORKSHOPS, workshop),
        member: await rowIdsOf(MEMBERS, member),
      },
    })) as RegistrationRow;

  const lockWorkshop = async (trx: Knex.Transaction, documentId: string) => {
    await lockDocument(strapi, trx, WORKSHOPS, documentId);
    const workshop = await publishedWorkshop(documentId);
    if (!workshop) throw new errors.NotFoundError('No such workshop');
    return workshop;
  };

  return {
    publishedWorkshop,

    /** Places of published workshops by documentId: capacity, taken (confirmed), left, waitlisted. */
    async places(documentIds: string[]): Promise<Map<string, Places>> {
      const workshops = (await strapi.db.query(WORKSHOPS).findMany({
        select: ['documentId', 'capacity'],
        where: { documentId: { $in: [...new Set(documentIds)] }, publishedAt: { $notNull: true } },
      })) as Array<{ documentId: string; capacity: number }>;
      const capacities = new Map(workshops.map((workshop) => [workshop.documentId, workshop.capacity]));
      const counts = await countsOf([...capacities.keys()]);
      return new Map([...capacities].map(([documentId, capacity]) => [documentId, toPlaces(capacity, counts.get(documentId)!)]));
    },

    /**
     * Registers the member signed in as `userId`: confirmed while places are left, waitlisted
     * otherwise. Registering again returns the registration they already have (`created: false`).
     *
     * The workshop's lock is held only to count and to give the registration its place (four short
     * statements): everything else (the member's profile, the workshop, writing the row with its
     * links) runs before it, the new row written as `cancelled` (holding no place) in the same
     * transaction, so nobody ever sees it in that state.
     */
    async register(userId: number, workshopDocumentId: string) {
      const member = await profileOf(userId);
      const workshop = await publishedWorkshop(workshopDocumentId);
      if (!workshop) throw new errors.NotFoundError('No such workshop');
      const found = await registrationOf(workshop.documentId, member);
      if (found && found.state !== 'cancelled')
        return { created: false, registration: describeRegistration(found, workshop.documentId, await placesOf(workshop)) };
      assertRegistrationOpen(workshop);
      return strapi.db.transaction(async ({ trx }) => {
        // Two requests of one member wait for each other here, so the second finds the first one's row.
        await lockDocument(strapi, trx, MEMBERS, member);
        const existing = await registrationOf(workshop.documentId, member);
        if (existing && existing.state !== 'cancelled') {
          return { created: false, registration: describeRegistration(existing, workshop.documentId, await placesOf(workshop)) };
        }
        const row = existing ?? (await placelessRegistration(workshop.documentId, member));

        const locked = await lockWorkshop(trx, workshop.documentId);
        assertRegistrationOpen(locked);
        const { confirmed, waitlisted } = await countByState(locked.documentId);
        const place =
          confirmed < locked.capacity
            ? { state: 'confirmed' as const, waitlistPosition: null }
            : { state: 'waitlisted' as const, waitlistPosition: waitlisted + 1 };
        const updatedAt = new Date();
        await trx(tableOf(strapi, REGISTRATIONS))
          .where('id', row.id)
          .update({ state: place.state, waitlist_position: place.waitlistPosition, updated_at: updatedAt });
        const places = toPlaces(
          locked.capacity,
          place.state === 'confirmed' ? { confirmed: confirmed + 1, waitlisted } : { confirmed, waitlisted: waitlisted + 1 },
        );
        return { created: true, registration: describeRegistration({ ...row, ...place, updatedAt: updatedAt.toISOString() }, locked.documentId, places) };
      });
    },

    /** Cancels the caller's own registration for a workshop. */
    async cancelOwn(userId: number, workshopDocumentId: string) {
      const member = await profileOf(userId);
      return strapi.db.transaction(async ({ trx }) => {
        const workshop = await lockWorkshop(trx, workshopDocumentId);
        const row = await registrationOf(workshop.documentId, member);
        if (!row || row.state === 'cancelled') throw new errors.NotFoundError('You have no registration for this workshop');
        if (Date.now() >= Date.parse(workshop.startsAt))
          throw conflict(`This workshop started on ${workshop.startsAt}: its registrations can no longer be cancelled`);
        const cancelled = await cancelLocked(trx, workshop, row);
        return describeRegistration(cancelled, workshop.documentId, await placesOf(workshop));
      });
    },

    /** Cancels a registration by its documentId: only its own member may (403 for anyone else). */
    async cancelById(userId: number, registrationDocumentId: string) {
      const row = (await registrations().findOne({
        select: ['id'],
        where: { documentId: registrationDocumentId },
        populate: { workshop: { select: ['documentId'] }, member: { select: ['id'], populate: { user: { select: ['id'] } } } },
      })) as { workshop: { documentId: string } | null; member: { user: { id: number } | null } | null } | null;
      if (!row?.workshop) throw new errors.NotFoundError('No such registration');
      if (row.member?.user?.id !== userId) throw forbidden('Only the member who registered can cancel a registration');
      return this.cancelOwn(userId, row.workshop.documentId);
    },

    /**
     * Cancels every active registration of a member (erasure), in the caller's transaction, promoting
     * waitlisted members; then removes the member's registration rows.
     */
    async removeAllOf(memberDocumentId: string) {
      return strapi.db.transaction(async ({ trx }) => {
        const rows = (await registrations().findMany({
          where: { member: { documentId: memberDocumentId } },
          populate: { workshop: { select: ['documentId'] } },
        })) as Array<RegistrationRow & { workshop: { documentId: string } | null }>;
        // Always in the same order, so two erasures never wait on each other's workshops.
        const byWorkshop = [...rows].sort((a, b) => (a.workshop?.documentId ?? '').localeCompare(b.workshop?.documentId ?? ''));
        for (const row of byWorkshop) {
          if (row.workshop && row.state !== 'cancelled') {
            await lockDocument(strapi, trx, WORKSHOPS, row.workshop.documentId);
            const workshop = await publishedWorkshop(row.workshop.documentId);
            if (workshop) await cancelLocked(trx, workshop, row);
          }
        }
        if (rows.length > 0) await registrations().deleteMany({ where: { id: { $in: rows.map((row) => row.id) } } });
        return rows.length;
      });
    },

    /**
     * Who registered for a workshop, for its facilitators only (they run it, so they see every name):
     * confirmed first, then the waitlist in order.
     */
    async listForFacilitator(userId: number, workshopDocumentId: string) {
      if (!(await publishedWorkshop(workshopDocumentId))) throw new errors.NotFoundError('No such workshop');
      const facilitates = await strapi.db.query(WORKSHOPS).count({ where: { documentId: workshopDocumentId, facilitators: { user: { id: userId } } } });
      if (facilitates === 0) throw forbidden("Only the workshop's facilitators see who registered; your own registrations are at GET /api/registrations");
      const rows = (await registrations().findMany({
        where: { ...ofWorkshop(workshopDocumentId), state: { $in: ['confirmed', 'waitlisted'] } },
        populate: { member: { select: ['documentId', 'displayName'] } },
        orderBy: [{ state: 'asc' }, { waitlistPosition: 'asc' }, { createdAt: 'asc' }],
      })) as Array<RegistrationRow & { member: { documentId: string; displayName: string } | null }>;
      return rows.map((row) => ({
        documentId: row.documentId,
        status: row.state,
        waitlistPosition: row.waitlistPosition,
        member: row.member ? { documentId: row.member.documentId, displayName: row.member.displayName } : null,
        createdAt: row.createdAt,
      }));
    },

    /**
     * After a write of a registration made around `register` (the admin panel, scripts), in its
     * transaction: refuses it (409, so the write rolls back) when the registration is confirmed and
     * its workshop now has more confirmed registrations than places.
     */
    async assertNotOverbooked(registrationDocumentId: string) {
      const row = (await registrations().findOne({
        select: ['state'],
        where: { documentId: registrationDocumentId },
        populate: { workshop: { select: ['documentId'] } },
      })) as { state: RegistrationState; workshop: { documentId: string } | null } | null;
      if (row?.state !== 'confirmed' || !row.workshop) return;
      await strapi.db.transaction(async ({ trx }) => {
        await lockDocument(strapi, trx, WORKSHOPS, row.workshop!.documentId);
        // A workshop never published takes no registrations through the routes: it has no places to count yet.
        const workshop = await publishedWorkshop(row.workshop!.documentId);
        if (!workshop) return;
        const { confirmed } = await countByState(workshop.documentId);
        if (confirmed > workshop.capacity) {
          const taken = workshop.capacity === 1 ? 'its one place is' : `all its ${workshop.capacity} places are`;
          throw conflict(`state "confirmed" would overbook the workshop: ${taken} taken, so a registration can only be waitlisted`);
        }
      });
    },

    /**
     * After an editor changed a workshop (its capacity may have grown) or removed or edited one of its
     * registrations: the waitlist is numbered 1, 2, 3… again in its order, and the places left go to
     * the first in line.
     */
    async fillFromWaitlist(workshopDocumentId: string) {
      await strapi.db.transaction(async ({ trx }) => {
        const workshop = await publishedWorkshop(workshopDocumentId);
        if (!workshop) return;
        const waitlisted = (await registrations().findMany({
          select: ['id', 'waitlistPosition'],
          where: { ...ofWorkshop(workshopDocumentId), state: 'waitlisted' },
          orderBy: [{ waitlistPosition: 'asc' }, { createdAt: 'asc' }, { id: 'asc' }],
        })) as Array<{ id: number; waitlistPosition: number | null }>;
        for (const [i, row] of waitlisted.entries()) {
          if (row.waitlistPosition !== i + 1)
            await trx(tableOf(strapi, REGISTRATIONS))
              .where('id', row.id)
              .update({ waitlist_position: i + 1 });
        }
        await promoteWaitlisted(trx, workshop);
      });
    },
  };
};
