import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import type { z } from 'zod';
import { getConfig } from '../utils/get-service';

/** Parses query parameters with `schema`; the first problem is a 400 naming the parameter. */
export const parseQuery = <T extends z.ZodTypeAny>(schema: T, query: unknown): z.infer<T> => {
  const result = schema.safeParse(query);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const parameter = issue.code === 'unrecognized_keys' ? issue.keys[0] : issue.path.join('.') || 'query';
  const message = issue.code === 'unrecognized_keys' ? 'unknown parameter' : issue.message;
  throw new errors.ValidationError(`Invalid parameter '${parameter}': ${message}`, { errors: [{ path: [parameter], message, name: 'ValidationError' }] });
};

/** The requested locale, or the default one; one that is not enabled is a 400 naming the parameter. */
export const resolveLocale = (strapi: Core.Strapi, requested: string | undefined): string => {
  const { enabled, default: defaultLocale } = getConfig(strapi).locales;
  const locale = requested ?? defaultLocale;
  if (!enabled.includes(locale)) throw new errors.ValidationError(`Invalid parameter 'locale': unknown locale "${locale}"`, { errors: [{ path: ['locale'], message: 'unknown locale', name: 'ValidationError' }] });
  return locale;
};
