import { errors } from '@strapi/utils';
import { z } from 'zod';

/**
 * Parses request input with `schema`; the first problem becomes a 400 in Strapi's error format that
 * names the field or parameter (`prefix` + its path), so API consumers know what to fix.
 */
export const parse = <T extends z.ZodTypeAny>(schema: T, value: unknown, prefix = ''): z.infer<T> => {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const field = prefix + (issue.code === 'unrecognized_keys' ? issue.keys[0] : issue.path.join('.'));
  const message = `${field || 'request'} ${issue.code === 'unrecognized_keys' ? 'is not a known field' : issue.message}`;
  throw new errors.ValidationError(message, { errors: [{ path: [field], message, name: 'ValidationError' }] });
};
