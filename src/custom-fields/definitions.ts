import { isCountryCode, isJurisdiction, isLanguageCode } from './codes';

export type FieldIssue = { path: Array<string | number>; message: string };

/**
 * The platform's custom fields: code lists stored as plain JSON arrays or strings, so API consumers
 * read `["DE","FR"]`, while editors pick from a list and every write is checked on the server.
 */
export type CodeFieldDefinition = {
  name: 'country-list' | 'language-list' | 'country' | 'jurisdiction';
  type: 'json' | 'string';
  multiple: boolean;
  describe: string;
  isValid: (value: unknown) => boolean;
};

export const CODE_FIELDS: readonly CodeFieldDefinition[] = [
  { name: 'country-list', type: 'json', multiple: true, describe: 'an ISO 3166-1 alpha-2 country code (e.g. "DE")', isValid: isCountryCode },
  { name: 'language-list', type: 'json', multiple: true, describe: 'an ISO 639-1 language code (e.g. "de")', isValid: isLanguageCode },
  { name: 'country', type: 'string', multiple: false, describe: 'an ISO 3166-1 alpha-2 country code (e.g. "DE")', isValid: isCountryCode },
  {
    name: 'jurisdiction',
    type: 'string',
    multiple: false,
    describe: 'an ISO 3166-1 alpha-2 country code, "EU", "CoE" or "UN"',
    isValid: isJurisdiction,
  },
];

const MAX_CODES = 60;

const show = (value: unknown) => JSON.stringify(value)?.slice(0, 40) ?? String(value);

/** Problems with one value of a code field; empty when the value is acceptable (null means unset). */
export const checkCodeField = (definition: CodeFieldDefinition, field: string, value: unknown): FieldIssue[] => {
  if (value === null || value === undefined) return [];
  if (!definition.multiple) {
    return definition.isValid(value) ? [] : [{ path: [field], message: `${field} must be ${definition.describe}, got ${show(value)}` }];
  }
  if (!Array.isArray(value)) {
    return [{ path: [field], message: `${field} must be a list of codes, each ${definition.describe}` }];
  }
  if (value.length > MAX_CODES) {
    return [{ path: [field], message: `${field} may hold at most ${MAX_CODES} codes` }];
  }
  const issues: FieldIssue[] = [];
  value.forEach((item, index) => {
    if (!definition.isValid(item)) {
      issues.push({ path: [field, index], message: `${field}[${index}] must be ${definition.describe}, got ${show(item)}` });
    } else if (value.indexOf(item) !== index) {
      issues.push({ path: [field, index], message: `${field}[${index}] repeats ${show(item)}` });
    }
  });
  return issues;
};

export const findCodeField = (customField: string | undefined) => CODE_FIELDS.find((definition) => customField === `global::${definition.name}`);
