import type { Core, UID } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { checkCodeField, findCodeField, type FieldIssue } from '../custom-fields/definitions';
import { controlCharacterIssues } from './control-characters';
import { isEnabledLocale } from './locales';

type Entry = Record<string, unknown>;
type Attribute = { type: string; unique?: boolean; customField?: string; regex?: string };
type Model = { attributes: Record<string, Attribute>; pluginOptions?: { i18n?: { localized?: boolean } } };

/** Rules that involve several fields of one entry; checked on the entry as it will be after the write. */
type CrossFieldRule = { fields: string[]; check: (entry: Entry) => FieldIssue[] };

const time = (value: unknown) => (value ? new Date(value as string).getTime() : Number.NaN);

const ordered = (earlier: string, later: string): CrossFieldRule => ({
  fields: [earlier, later],
  check: (entry) => (time(entry[earlier]) >= time(entry[later]) ? [{ path: [later], message: `${later} must be after ${earlier}` }] : []),
});

const isTimeZone = (value: unknown) => {
  if (typeof value !== 'string') return false;
  try {
    new Intl.DateTimeFormat('en', { timeZone: value });
    return value.includes('/') || value === 'UTC';
  } catch {
    return false;
  }
};

const crossFieldRules: Partial<Record<UID.ContentType, CrossFieldRule[]>> = {
  'api::workshop.workshop': [
    ordered('startsAt', 'endsAt'),
    ordered('registrationOpensAt', 'registrationClosesAt'),
    {
      fields: ['timeZone'],
      check: (entry) =>
        entry.timeZone === undefined || isTimeZone(entry.timeZone)
          ? []
          : [{ path: ['timeZone'], message: `timeZone must be an IANA time zone such as "Europe/Berlin"` }],
    },
    {
      fields: ['isOnline', 'venue'],
      check: (entry) => (entry.isOnline === false && !entry.venue ? [{ path: ['venue'], message: 'venue is required for a workshop that is not online' }] : []),
    },
  ],
  'api::agreement-version.agreement-version': [
    ordered('consultationOpensAt', 'consultationClosesAt'),
    {
      fields: ['sections'],
      check: (entry) => {
        const keys = ((entry.sections as Entry[] | undefined) ?? []).map((section) => section?.key);
        return keys.flatMap((key, index) =>
          keys.indexOf(key) !== index ? [{ path: ['sections', index, 'key'], message: `sections[${index}].key repeats "${key}"` }] : [],
        );
      },
    },
  ],
  'api::registration.registration': [
    {
      fields: ['state', 'waitlistPosition'],
      check: (entry) =>
        entry.state === 'waitlisted' && !entry.waitlistPosition
          ? [{ path: ['waitlistPosition'], message: 'waitlistPosition is required for a waitlisted registration' }]
          : [],
    },
  ],
  'api::suggestion.suggestion': [
    {
      fields: ['kind', 'proposedText'],
      check: (entry) =>
        (entry.kind === 'add' || entry.kind === 'replace') && !entry.proposedText
          ? [{ path: ['proposedText'], message: `proposedText is required for a suggestion of kind "${entry.kind}"` }]
          : [],
    },
  ],
};

const fail = (issues: FieldIssue[]) => {
  const message = issues.length === 1 ? issues[0].message : `${issues.length} errors occurred: ${issues.map((i) => i.message).join('; ')}`;
  throw new errors.ValidationError(message, {
    errors: issues.map((issue) => ({ path: issue.path.map(String), message: issue.message, name: 'ValidationError' })),
  });
};

export type WriteParams = { documentId?: string; locale?: string; data?: Entry };

/**
 * Checks a create or update of an `api::` document before it is written, for whatever route it came
 * from (REST, admin panel, seeding): control characters in texts, code fields, formats (`regex`,
 * which Strapi checks only when publishing, so a draft, or a clone, could otherwise keep a value no
 * publication accepts), per-document uniqueness of slugs and other unique fields across all locales
 * and states, known locale, and cross-field rules. Throws a 400 ValidationError naming each field;
 * nothing is written when it throws.
 */
export const validateWrite = async (strapi: Core.Strapi, uid: UID.ContentType, params: WriteParams) => {
  const model = strapi.getModel(uid) as unknown as Model;
  const data = params.data ?? {};
  const issues: FieldIssue[] = controlCharacterIssues((component) => strapi.getModel(component as never) as never, model, data);

  if (params.locale !== undefined && model.pluginOptions?.i18n?.localized) {
    if (!isEnabledLocale(strapi, params.locale))
      issues.push({ path: ['locale'], message: `locale "${String(params.locale).slice(0, 20)}" is not an enabled locale` });
  }

  for (const [field, attribute] of Object.entries(model.attributes)) {
    if (!(field in data)) continue;
    const definition = findCodeField(attribute.customField);
    if (definition) issues.push(...checkCodeField(definition, field, data[field]));

    const value = data[field];
    if (attribute.regex && typeof value === 'string' && value !== '' && !new RegExp(attribute.regex).test(value)) {
      issues.push({ path: [field], message: `${field} must match the following: "/${attribute.regex}/"` });
    }
    const malformed = issues.some((issue) => issue.path[0] === field);
    if ((attribute.type === 'uid' || attribute.unique) && !malformed && value !== null && value !== undefined && value !== '') {
      const clash = await strapi.db.query(uid).findOne({
        select: ['documentId'],
        where: { [field]: value, ...(params.documentId ? { documentId: { $ne: params.documentId } } : {}) },
      });
      if (clash) issues.push({ path: [field], message: `${field} "${String(value)}" is already used by another ${uid.split('.').pop()}` });
    }
  }

  const rules = (crossFieldRules[uid] ?? []).filter((rule) => rule.fields.some((field) => field in data));
  if (rules.length > 0) {
    const existing = params.documentId
      ? ((await strapi.documents(uid).findOne({ documentId: params.documentId, locale: params.locale } as never)) as Entry | null)
      : null;
    const entry = { ...(existing ?? {}), ...data };
    for (const rule of rules) issues.push(...rule.check(entry));
  }

  if (issues.length > 0) fail(issues);
};

/**
 * Checks a document's entries as they are stored (drafts, or the only entries of a type without
 * draft & publish) in `locale` (as the Document Service reads it: a code, several, '*' for all, none
 * for the default one), each as a whole, with the rules of `validateWrite`. For the writes whose data
 * Strapi assembles itself: a clone merges its source with the changes (lists item by item), and a
 * publication copies drafts that may have been written before a rule existed.
 */
export const validateStoredEntries = async (strapi: Core.Strapi, uid: UID.ContentType, documentId: string, locale?: string | string[]) => {
  const model = strapi.getModel(uid) as unknown as Model;
  const components = Object.keys(model.attributes).filter((field) => model.attributes[field].type === 'component');
  const entries = (await strapi.documents(uid).findMany({ filters: { documentId }, locale, populate: components } as never)) as unknown as Array<
    Entry & { locale?: string }
  >;
  for (const entry of entries) await validateWrite(strapi, uid, { documentId, locale: entry.locale, data: entry });
};
