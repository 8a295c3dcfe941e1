import { AsyncLocalStorage } from 'node:async_hooks';
import type { Core, UID } from '@strapi/strapi';
import { contentLocales } from './locales';

/**
 * Strapi's i18n keeps relations per locale. Some relations belong to the document, not to one
 * translation: a member profile has one user account and one organisation whatever language its bio
 * is written in. A new translation starts with them, and a write that sets them in one locale
 * copies them to the other locales.
 */
export const SHARED_RELATIONS: Partial<Record<UID.ContentType, string[]>> = {
  'api::member.member': ['user', 'organisation'],
};

type Params = { documentId?: string; locale?: string; data?: Record<string, unknown> };
type Related = { id: number; documentId: string } | null;

const copying = new AsyncLocalStorage<true>();

export const createSharedRelations = (strapi: Core.Strapi) => {
  /** Before creating a new translation of an existing document: start it with the shared relations. */
  const completeNewTranslation = async (uid: UID.ContentType, params: Params) => {
    const fields = SHARED_RELATIONS[uid];
    if (!fields || !params.documentId || copying.getStore()) return;
    const locale = params.locale ?? contentLocales(strapi).default;
    const rows = (await strapi.db.query(uid).findMany({ select: ['locale'], where: { documentId: params.documentId } })) as Array<{ locale: string }>;
    if (rows.length === 0 || rows.some((row) => row.locale === locale)) return;
    const source = (await strapi.db.query(uid).findOne({
      where: { documentId: params.documentId, locale: rows[0].locale },
      populate: Object.fromEntries(fields.map((field) => [field, { select: ['id', 'documentId'] }])),
    })) as Record<string, Related>;
    params.data = { ...params.data };
    for (const field of fields) {
      // Users are not localized: link by id. Localized targets: by documentId, resolved in this locale.
      if (!(field in params.data) && source[field]) params.data[field] = field === 'user' ? source[field]!.id : source[field]!.documentId;
    }
  };

  /** After a write that set shared relations in one locale: the same relations in every other locale. */
  const propagate = async (uid: UID.ContentType, params: Params, documentId: string) => {
    const fields = (SHARED_RELATIONS[uid] ?? []).filter((field) => params.data && field in params.data);
    if (fields.length === 0 || copying.getStore()) return;
    const locale = params.locale ?? contentLocales(strapi).default;
    const others = (await strapi.db.query(uid).findMany({
      select: ['locale'],
      where: { documentId, locale: { $ne: locale } },
    })) as Array<{ locale: string }>;
    const data = Object.fromEntries(fields.map((field) => [field, params.data![field]]));
    await copying.run(true, async () => {
      for (const other of others) {
        await strapi.documents(uid).update({ documentId, locale: other.locale, data } as never);
      }
    });
  };

  return { completeNewTranslation, propagate };
};
