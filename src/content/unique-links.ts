import type { Core, UID } from '@strapi/strapi';
import { conflict } from '../utils/errors';
import { lockDocument } from '../utils/lock-document';

/**
 * Relations that together identify a document: no two documents link the same targets in all of
 * them. One endorsement per organisation and agreement version, one registration per member and
 * workshop, one member profile per user account. The first relation is the one whose target is
 * locked during the check: the member for registrations, so that registrations of different members
 * for one workshop are not written one at a time here (the workshop's places have their own lock).
 */
export const UNIQUE_LINKS: Partial<Record<UID.ContentType, string[]>> = {
  'api::endorsement.endorsement': ['agreementVersion', 'organisation'],
  'api::registration.registration': ['member', 'workshop'],
  'api::member.member': ['user'],
};

type Linked = { documentId: string } | null;

export const createUniqueLinks = (strapi: Core.Strapi) => {
  /**
   * After a write of `documentId`, in its transaction: refuses it (409, so the write rolls back) when
   * another document links the same targets. The stored links are compared, whatever the request
   * sent (ids, documentIds, connect/disconnect/set, or a clone's copies of its source's links).
   */
  const check = async (uid: UID.ContentType, documentId: string) => {
    const fields = UNIQUE_LINKS[uid];
    if (!fields) return;
    const written = (await strapi.db.query(uid).findOne({
      where: { documentId },
      populate: Object.fromEntries(fields.map((field) => [field, { select: ['documentId'] }])),
    })) as Record<string, Linked> | null;
    if (!written || fields.some((field) => !written[field])) return;
    // Writes that link the same first target wait for each other here (PostgreSQL), so that of two
    // concurrent ones the second sees the first.
    const target = (strapi.getModel(uid).attributes[fields[0]] as unknown as { target: string }).target;
    await strapi.db.transaction(({ trx }) => lockDocument(strapi, trx, target, written[fields[0]]!.documentId));
    const clash = (await strapi.db.query(uid).findOne({
      select: ['documentId'],
      where: { documentId: { $ne: documentId }, ...Object.fromEntries(fields.map((field) => [field, { documentId: written[field]!.documentId }])) },
    })) as { documentId: string } | null;
    if (clash) {
      const name = uid.split('.').pop();
      const linked = fields.join(' and ');
      throw conflict(`${name} ${clash.documentId} already has this ${linked}: there is one ${name} per ${linked}`);
    }
  };

  return { check };
};
