import type { FieldIssue } from '../custom-fields/definitions';

type Attribute = { type: string; component?: string; customField?: string };
type Model = { attributes: Record<string, Attribute> };

/**
 * Short texts (names, titles, slugs: `string` and `uid` fields) are read on one line, in lists and
 * next to other people's words. A C0 or C1 control character there can hide what follows it, and a
 * bidirectional control reorders it ("Ann\u202Egpj.exe" reads "Annexe.jpg"): none is accepted.
 */
export const SINGLE_LINE_CONTROL = /[\u0000-\u001F\u007F-\u009F\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/;
/**
 * Multi-line texts (bodies, descriptions, JSON) keep their newlines and tabs, and the bidirectional
 * marks right-to-left writing needs, but not NUL, which PostgreSQL cannot store.
 */
export const NUL = /\u0000/;

const SINGLE_LINE_TYPES = new Set(['string', 'uid', 'email']);
const MULTI_LINE_TYPES = new Set(['text', 'richtext', 'json', 'blocks']);

/** `sections[0].heading`, as the other validation messages name fields. */
const label = (path: Array<string | number>) => path.map((part, index) => (typeof part === 'number' ? `[${part}]` : index === 0 ? part : `.${part}`)).join('');

const codePoint = (character: string) => `U+${character.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;

/** Every string inside a value (a JSON field holds them anywhere). */
const stringsOf = (value: unknown): string[] => {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(stringsOf);
  if (typeof value === 'object' && value !== null) return Object.values(value).flatMap(stringsOf);
  return [];
};

/**
 * Control characters in the text fields of `data` (an entry of `model`, components and dynamic zones
 * included), one issue per field. Code fields are checked by their own, stricter rules.
 */
export const controlCharacterIssues = (
  getModel: (uid: string) => Model,
  model: Model,
  data: Record<string, unknown>,
  path: Array<string | number> = [],
): FieldIssue[] =>
  Object.entries(model.attributes).flatMap(([field, attribute]): FieldIssue[] => {
    const value = data[field];
    if (value === undefined || value === null || attribute.customField) return [];
    const at = [...path, field];
    if (attribute.type === 'component' && attribute.component) {
      const component = getModel(attribute.component);
      if (Array.isArray(value)) return value.flatMap((item, index) => controlCharacterIssues(getModel, component, item ?? {}, [...at, index]));
      return controlCharacterIssues(getModel, component, value as Record<string, unknown>, at);
    }
    if (attribute.type === 'dynamiczone' && Array.isArray(value)) {
      return value.flatMap((item: Record<string, unknown>, index) =>
        typeof item?.__component === 'string' ? controlCharacterIssues(getModel, getModel(item.__component), item, [...at, index]) : [],
      );
    }
    if (SINGLE_LINE_TYPES.has(attribute.type) && typeof value === 'string') {
      const found = SINGLE_LINE_CONTROL.exec(value);
      return found ? [{ path: at, message: `${label(at)} must not contain control characters (found ${codePoint(found[0])})` }] : [];
    }
    if (MULTI_LINE_TYPES.has(attribute.type) && stringsOf(value).some((text) => NUL.test(text))) {
      return [{ path: at, message: `${label(at)} must not contain NUL characters` }];
    }
    return [];
  });
