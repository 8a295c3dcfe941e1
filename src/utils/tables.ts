import type { Core } from '@strapi/strapi';

/** The database table of a content type, for the few queries the Query Engine cannot express (locks, grouped counts). */
export const tableOf = (strapi: Core.Strapi, uid: string) => (strapi.db.metadata.get(uid as never) as unknown as { tableName: string }).tableName;
