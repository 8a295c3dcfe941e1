import type { Core } from '@strapi/strapi';
import { parseType } from '@strapi/utils';
import { invalidParameter } from '../../utils/errors';
import { isFilterOnFields, isObject, targetOf, type Attribute, type Model } from './model';

const NULL_CHECKS = ['$null', '$notNull'];
const ANY_TYPE = ['$eq', '$ne', '$in', '$notIn', '$not', ...NULL_CHECKS];
const ORDERED = [...ANY_TYPE, '$lt', '$lte', '$gt', '$gte', '$between'];
const TEXT = [...ORDERED, '$eqi', '$nei', '$contains', '$notContains', '$containsi', '$notContainsi', '$startsWith', '$startsWithi', '$endsWith', '$endsWithi'];

/**
 * The operators each type of field can be filtered with, alike on SQLite and PostgreSQL (which
 * refuses `LIKE` on numbers, dates and JSON, and comparisons of JSON with text). Strapi's
 * experimental `$jsonSupersetOf` is left to its own code.
 */
const OPERATORS: Record<string, string[]> = {
  string: TEXT,
  text: TEXT,
  richtext: TEXT,
  email: TEXT,
  uid: TEXT,
  enumeration: TEXT,
  integer: ORDERED,
  biginteger: ORDERED,
  float: ORDERED,
  decimal: ORDERED,
  date: ORDERED,
  time: ORDERED,
  datetime: ORDERED,
  timestamp: ORDERED,
  boolean: ANY_TYPE,
  json: ['$not', ...NULL_CHECKS],
  blocks: ['$not', ...NULL_CHECKS],
};
/** A relation, component or media filtered by id: entries' ids are integers. */
const ID_OPERATORS = ORDERED;

const MAX_INTEGER = 2 ** 31 - 1;
const MAX_BIG_INTEGER = 2n ** 63n - 1n;
const FIELD_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const SORT_ENTRY = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*(:(asc|desc))?$/i;

/** What is wrong with `value` as one value of a field of `type`, or null when the database takes it. */
const valueProblem = (type: string, value: unknown): string | null => {
  if (value === null) return null;
  if (!['string', 'number', 'boolean'].includes(typeof value)) return 'must be a single value, not an object or an operator';
  const text = String(value);
  if (text.includes('\u0000')) return 'must not contain NUL characters';
  switch (type) {
    case 'integer':
      return /^-?\d{1,10}$/.test(text) && Math.abs(Number(text)) <= MAX_INTEGER ? null : 'must be an integer';
    case 'biginteger':
      return /^-?\d{1,19}$/.test(text) && BigInt(text.replace('-', '')) <= MAX_BIG_INTEGER ? null : 'must be an integer';
    case 'float':
    case 'decimal':
      return text.trim() !== '' && Number.isFinite(Number(text)) ? null : 'must be a number';
    case 'boolean':
    case 'date':
    case 'time':
    case 'datetime':
    case 'timestamp':
      // Strapi's own parser, the one that casts these values for the database.
      try {
        parseType({ type, value });
        return null;
      } catch (error) {
        return `must be a valid ${type} (${(error as Error).message})`;
      }
    default:
      return null;
  }
};

/**
 * Checks the shape of a content-API query before Strapi and the database see it: every operator
 * known and applicable to its field, every value of the field's type, lists where lists are expected
 * and single values elsewhere, sort directions and field names well formed, the same in every
 * `populate`. Anything else is a 400 naming the parameter (`filters.title.$eq`), never a database
 * error. Which related types the caller may read is left to Strapi's `validateQuery`, which runs next.
 */
export const createQueryShapeCheck = (strapi: Core.Strapi) => {
  const attributeOf = (uid: string, name: string): Attribute | undefined => {
    if (name === 'id') return { type: 'integer' };
    if (name === 'documentId') return { type: 'string' };
    const attribute = (strapi.getModel(uid as never) as unknown as Model | undefined)?.attributes[name];
    return attribute && !attribute.private && attribute.type !== 'password' ? attribute : undefined;
  };

  const checkValue = (type: string, operators: string[], value: unknown, at: string): void => {
    if (Array.isArray(value)) throw invalidParameter(at, 'must be a single value (use $in for a list of values)');
    if (!isObject(value)) {
      const problem = valueProblem(type, value);
      if (problem) throw invalidParameter(at, problem);
      return;
    }
    for (const [operator, operand] of Object.entries(value)) {
      const path = `${at}.${operator}`;
      if (!operator.startsWith('$')) throw invalidParameter(path, `'${operator}' is not an operator (e.g. $eq, $in, $contains)`);
      if (!operators.includes(operator)) throw invalidParameter(path, `${operator} is not an operator for ${type} values (use one of ${operators.join(', ')})`);
      if (operator === '$not') {
        checkValue(type, operators, operand, path);
      } else if (NULL_CHECKS.includes(operator)) {
        if (valueProblem('boolean', operand)) throw invalidParameter(path, 'must be true or false');
      } else if (operator === '$in' || operator === '$notIn' || operator === '$between') {
        const list = Array.isArray(operand) ? operand : [operand];
        if (operator === '$between' && list.length !== 2) throw invalidParameter(path, 'must be a list of two values, e.g. [$between][0]=1&[$between][1]=9');
        list.forEach((item, index) => {
          const problem = valueProblem(type, item);
          if (problem) throw invalidParameter(`${path}[${index}]`, problem);
        });
      } else {
        const problem = valueProblem(type, operand);
        if (problem) throw invalidParameter(path, problem);
      }
    }
  };

  const checkCondition = (uid: string, name: string, value: unknown, at: string) => {
    const attribute = attributeOf(uid, name);
    if (!attribute) throw invalidParameter(at, `there is no field '${name}' to filter on`);
    if (attribute.type === 'dynamiczone') throw invalidParameter(at, 'dynamic zones cannot be filtered on');
    if (['relation', 'component', 'media'].includes(attribute.type)) {
      const target = targetOf(attribute);
      if (!target) throw invalidParameter(at, `'${name}' cannot be filtered on`);
      if (isFilterOnFields(value)) return checkFilters(target, value, at);
      if (isObject(value) && Object.keys(value).length !== 1) {
        throw invalidParameter(at, `filter the related entries either by their fields (e.g. ${at}.slug) or by one operator on their id, not both`);
      }
      return checkValue('integer', ID_OPERATORS, value, at);
    }
    checkValue(attribute.type, OPERATORS[attribute.type] ?? ANY_TYPE, value, at);
  };

  function checkFilters(uid: string, filters: unknown, at: string): void {
    if (Array.isArray(filters)) return filters.forEach((item, index) => checkFilters(uid, item, `${at}[${index}]`));
    if (!isObject(filters)) throw invalidParameter(at, `must be an object of filters, e.g. ${at}.title.$eq`);
    for (const [key, value] of Object.entries(filters)) {
      const path = `${at}.${key}`;
      if (key === '$and' || key === '$or') {
        if (!Array.isArray(value)) throw invalidParameter(path, `must be a list of filters, e.g. ${path}[0].title.$eq`);
        value.forEach((item, index) => checkFilters(uid, item, `${path}[${index}]`));
      } else if (key === '$not') {
        checkFilters(uid, value, path);
      } else if (key.startsWith('$')) {
        throw invalidParameter(path, `${key} applies to a field, e.g. ${at}.title.${key}`);
      } else {
        checkCondition(uid, key, value, path);
      }
    }
  }

  const checkSort = (uid: string, sort: unknown, at: string): void => {
    if (sort === undefined || sort === null || sort === '') return;
    if (typeof sort === 'string') {
      for (const entry of sort.split(',')) {
        if (!SORT_ENTRY.test(entry.trim())) throw invalidParameter(at, `"${entry.slice(0, 60)}" is not a field, optionally followed by :asc or :desc`);
      }
      return;
    }
    if (Array.isArray(sort)) return sort.forEach((item, index) => checkSort(uid, item, `${at}[${index}]`));
    if (!isObject(sort)) throw invalidParameter(at, 'must be a field, a list of fields or an object of directions');
    for (const [name, direction] of Object.entries(sort)) {
      const path = `${at}.${name}`;
      const target = targetOf(attributeOf(uid, name));
      if (target && isObject(direction)) checkSort(target, direction, path);
      else if (typeof direction !== 'string' || !/^(asc|desc)$/i.test(direction)) throw invalidParameter(path, 'must be asc or desc');
    }
  };

  const checkFields = (fields: unknown, at: string) => {
    if (fields === undefined || fields === null || fields === '*') return;
    const names = typeof fields === 'string' ? fields.split(',') : fields;
    if (!Array.isArray(names)) throw invalidParameter(at, 'must be a field name or a list of them');
    names.forEach((name, index) => {
      if (typeof name !== 'string' || !FIELD_NAME.test(name.trim()))
        throw invalidParameter(Array.isArray(fields) ? `${at}[${index}]` : at, 'must name fields, e.g. title,slug');
    });
  };

  const checkPopulated = (uid: string, entry: unknown, at: string) => {
    if (!isObject(entry)) return;
    if (entry.filters !== undefined && entry.filters !== null) checkFilters(uid, entry.filters, `${at}.filters`);
    checkSort(uid, entry.sort, `${at}.sort`);
    checkFields(entry.fields, `${at}.fields`);
    checkPopulate(uid, entry.populate, `${at}.populate`);
  };

  /** Populate given as names (a string, a list) has nothing to check here; objects can hold filters, sort and fields. */
  function checkPopulate(uid: string, populate: unknown, at: string): void {
    if (Array.isArray(populate)) return populate.forEach((item, index) => checkPopulate(uid, item, `${at}[${index}]`));
    if (!isObject(populate)) return;
    for (const [name, entry] of Object.entries(populate)) {
      const attribute = attributeOf(uid, name);
      if (attribute?.type === 'dynamiczone' && isObject(entry) && isObject(entry.on)) {
        for (const [component, options] of Object.entries(entry.on)) checkPopulated(component, options, `${at}.${name}.on.${component}`);
      }
      const target = targetOf(attribute);
      if (target) checkPopulated(target, entry, `${at}.${name}`);
    }
  }

  return (uid: string, query: Record<string, unknown>) => {
    if (query.filters !== undefined && query.filters !== null) checkFilters(uid, query.filters, 'filters');
    checkSort(uid, query.sort, 'sort');
    checkFields(query.fields, 'fields');
    checkPopulate(uid, query.populate, 'populate');
  };
};
