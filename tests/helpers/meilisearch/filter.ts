import { type Doc, matchesPattern, rawValuesAt, valuesAt } from './attributes';

/**
 * Meilisearch's filter language, after its grammar (crates/filter-parser):
 *
 *   or        = and ("OR" and)*            and = not ("AND" not)*
 *   not       = "NOT" not | primary        primary = "(" or ")" | condition
 *   condition = value ("=" | "!=" | ">" | ">=" | "<" | "<=") value | value value "TO" value
 *             | value ["NOT"] "IN" "[" value ("," value)* ","? "]" | value ["NOT"] "EXISTS"
 *             | value "IS" ["NOT"] ("NULL" | "EMPTY")
 *   value     = word | "'" … "'" | '"' … '"'        word = (letter | digit | _ | - | .)+
 *
 * Inside quotes a backslash escapes the next character while scanning, but only an escaped quote
 * is unescaped: `"a\"b"` is `a"b`, while `"a\\b"` stays `a\\b` (two backslashes), as in
 * filter-parser's `unescape`.
 */

export type FilterNode =
  | { kind: 'and' | 'or'; nodes: FilterNode[] }
  | { kind: 'not'; node: FilterNode }
  | { kind: 'compare'; attribute: string; op: '=' | '>' | '>=' | '<' | '<='; value: string }
  | { kind: 'between'; attribute: string; from: string; to: string }
  | { kind: 'in'; attribute: string; values: string[] }
  | { kind: 'exists' | 'null' | 'empty'; attribute: string };

export class FilterError extends Error {}

const KEYWORDS = new Set(['OR', 'AND', 'IN', 'NOT', 'TO', 'EXISTS', 'IS', 'NULL', 'EMPTY', 'CONTAINS', 'STARTS', 'WITH']);
const WORD = /^[\p{L}\p{N}_.-]+/u;
const OPERATORS = ['!=', '>=', '<=', '=', '>', '<'] as const;

const not = (node: FilterNode): FilterNode => (node.kind === 'not' ? node.node : { kind: 'not', node });

class Parser {
  private pos = 0;

  constructor(private readonly input: string) {}

  parse(): FilterNode {
    const node = this.or();
    this.skipSpaces();
    if (this.pos < this.input.length) throw this.error('Found unexpected characters');
    return node;
  }

  private error(message: string) {
    return new FilterError(`${message} at position ${this.pos} of \`${this.input}\`.`);
  }

  private skipSpaces() {
    while (/\s/.test(this.input[this.pos] ?? '')) this.pos += 1;
  }

  /** Consumes `word` when it is a whole word here (`ORDER` is not `OR`). */
  private keyword(word: string) {
    const start = this.pos;
    this.skipSpaces();
    if (WORD.exec(this.input.slice(this.pos))?.[0] === word) {
      this.pos += word.length;
      this.skipSpaces();
      return true;
    }
    this.pos = start;
    return false;
  }

  private sequence(kind: 'and' | 'or', operand: () => FilterNode): FilterNode {
    const nodes = [operand()];
    while (this.keyword(kind.toUpperCase())) nodes.push(operand());
    return nodes.length === 1 ? nodes[0] : { kind, nodes };
  }

  private or(): FilterNode {
    return this.sequence('or', () => this.and());
  }

  private and(): FilterNode {
    return this.sequence('and', () => this.negation());
  }

  private negation(): FilterNode {
    return this.keyword('NOT') ? not(this.negation()) : this.primary();
  }

  private primary(): FilterNode {
    this.skipSpaces();
    if (this.input[this.pos] === '(') {
      this.pos += 1;
      const node = this.or();
      this.skipSpaces();
      if (this.input[this.pos] !== ')') throw this.error('Expression is missing the closing delimiter `)`');
      this.pos += 1;
      return node;
    }
    if (this.input.startsWith('_geo', this.pos)) throw this.error('Geo filters are not supported by the contract server');
    return this.condition(this.value());
  }

  private condition(attribute: string): FilterNode {
    if (this.keyword('IN')) return { kind: 'in', attribute, values: this.list() };
    if (this.keyword('EXISTS')) return { kind: 'exists', attribute };
    if (this.keyword('IS')) {
      const negated = this.keyword('NOT');
      const kind = this.keyword('NULL') ? 'null' : this.keyword('EMPTY') ? 'empty' : undefined;
      if (!kind) throw this.error('Was expecting `NULL` or `EMPTY` after `IS`');
      return negated ? not({ kind, attribute }) : { kind, attribute };
    }
    if (this.keyword('NOT')) {
      if (this.keyword('IN')) return not({ kind: 'in', attribute, values: this.list() });
      if (this.keyword('EXISTS')) return not({ kind: 'exists', attribute });
      throw this.error('Was expecting `IN` or `EXISTS` after `NOT`');
    }
    if (this.keyword('CONTAINS') || this.keyword('STARTS')) {
      throw this.error('Using `CONTAINS` or `STARTS WITH` requires enabling the `containsFilter` experimental feature');
    }
    const op = OPERATORS.find((candidate) => this.input.startsWith(candidate, this.pos));
    if (op) {
      this.pos += op.length;
      const value = this.value();
      return op === '!=' ? not({ kind: 'compare', attribute, op: '=', value }) : { kind: 'compare', attribute, op, value };
    }
    const from = this.value();
    if (!this.keyword('TO'))
      throw this.error('Was expecting an operation `=`, `!=`, `>=`, `>`, `<=`, `<`, `IN`, `NOT IN`, `TO`, `EXISTS`, `IS NULL` or `IS EMPTY`');
    return { kind: 'between', attribute, from, to: this.value() };
  }

  private list(): string[] {
    if (this.input[this.pos] !== '[') throw this.error('Expected `[` after `IN` keyword');
    this.pos += 1;
    const values: string[] = [];
    this.skipSpaces();
    while (this.input[this.pos] !== ']') {
      values.push(this.value());
      if (this.input[this.pos] === ',') {
        this.pos += 1;
        this.skipSpaces();
      } else if (this.input[this.pos] !== ']') {
        throw this.error('Expected only comma-separated values inside `[ ]`');
      }
    }
    this.pos += 1;
    this.skipSpaces();
    return values;
  }

  private value(): string {
    this.skipSpaces();
    const quote = this.input[this.pos];
    if (quote === '"' || quote === "'") return this.quoted(quote);
    const word = WORD.exec(this.input.slice(this.pos))?.[0];
    if (!word) throw this.error('Was expecting a value');
    if (KEYWORDS.has(word)) throw this.error(`\`${word}\` is a reserved keyword and thus can't be used as a value`);
    this.pos += word.length;
    this.skipSpaces();
    return word;
  }

  private quoted(quote: string): string {
    let escapedQuote = false;
    for (let i = this.pos + 1; i < this.input.length; i += 1) {
      const char = this.input[i];
      if (char === quote) {
        const raw = this.input.slice(this.pos + 1, i);
        this.pos = i + 1;
        this.skipSpaces();
        return escapedQuote ? raw.split(`\\${quote}`).join(quote) : raw;
      }
      if (char === '\\') {
        if (i + 1 >= this.input.length) break;
        escapedQuote ||= this.input[i + 1] === quote;
        i += 1;
      }
    }
    throw this.error(`Expression is missing the following closing delimiter: \`${quote}\``);
  }
}

/**
 * The `filter` of a request: a string, or an array whose items are ANDed, an inner array being
 * ORed. Undefined when there is nothing to filter on.
 */
export const parseFilter = (filter: unknown): FilterNode | undefined => {
  if (filter === null || filter === undefined) return undefined;
  if (typeof filter === 'string') return filter.trim() === '' ? undefined : new Parser(filter).parse();
  if (!Array.isArray(filter)) throw new FilterError('Invalid syntax for the filter parameter: expected a string or an array of strings.');
  const nodes = filter.map((item) =>
    Array.isArray(item) ? { kind: 'or' as const, nodes: item.map(parseFilter).filter((node) => node !== undefined) } : parseFilter(item),
  );
  const present = nodes.filter((node): node is FilterNode => node !== undefined && !(node.kind === 'or' && node.nodes.length === 0));
  return present.length === 0 ? undefined : { kind: 'and', nodes: present };
};

/** Every condition of the filter: its attribute, and whether it compares (`<`, `TO`…) rather than tests equality. */
const conditionsOf = (node: FilterNode): Array<{ attribute: string; comparison: boolean }> => {
  if ('nodes' in node) return node.nodes.flatMap(conditionsOf);
  if (node.kind === 'not') return conditionsOf(node.node);
  return [{ attribute: node.attribute, comparison: node.kind === 'between' || (node.kind === 'compare' && node.op !== '=') }];
};

export type FilterableRule = string | { attributePatterns: string[]; features?: { filter?: { equality?: boolean; comparison?: boolean } } };

/**
 * Why the filter may not run on an index with these `filterableAttributes`, or undefined. A plain
 * name allows every operator; a pattern rule allows equality, and comparison only when enabled.
 */
export const filterRefusal = (node: FilterNode, rules: readonly FilterableRule[]): string | undefined => {
  for (const { attribute, comparison } of conditionsOf(node)) {
    const rule = rules.find((candidate) =>
      typeof candidate === 'string' ? matchesPattern(candidate, attribute) : candidate.attributePatterns.some((pattern) => matchesPattern(pattern, attribute)),
    );
    if (!rule) {
      const available = rules.map((candidate) => (typeof candidate === 'string' ? candidate : candidate.attributePatterns.join(', '))).join(', ');
      return `Attribute \`${attribute}\` is not filterable. Available filterable attribute patterns are: \`${available}\`.`;
    }
    const features = typeof rule === 'string' ? { equality: true, comparison: true } : { equality: true, comparison: false, ...rule.features?.filter };
    if (comparison ? !features.comparison : !features.equality) {
      return `Filter operator is not allowed for the attribute \`${attribute}\`: its filterable rule does not enable ${comparison ? 'comparison' : 'equality'}.`;
    }
  }
  return undefined;
};

/** Facet strings compare case-insensitively (Meilisearch normalizes them by trimming and lower-casing). */
const facetString = (value: string) => value.trim().toLowerCase();

const asNumber = (value: string) => (value.trim() !== '' && Number.isFinite(Number(value)) ? Number(value) : undefined);

const equals = (leaf: unknown, value: string) => {
  if (typeof leaf === 'string') return facetString(leaf) === facetString(value);
  if (typeof leaf === 'number') return leaf === asNumber(value);
  if (typeof leaf === 'boolean') return String(leaf) === facetString(value);
  return false;
};

/** Numbers compare numerically; a non-numeric bound compares strings in lexicographic order. */
const compare = (leaf: unknown, value: string): number | undefined => {
  const number = asNumber(value);
  if (number !== undefined) return typeof leaf === 'number' ? leaf - number : undefined;
  return typeof leaf === 'string' ? facetString(leaf).localeCompare(facetString(value)) : undefined;
};

const isEmpty = (value: unknown) =>
  value === '' || (Array.isArray(value) && value.length === 0) || (value !== null && typeof value === 'object' && Object.keys(value).length === 0);

const holds = (op: '>' | '>=' | '<' | '<=', difference: number) =>
  op === '>' ? difference > 0 : op === '>=' ? difference >= 0 : op === '<' ? difference < 0 : difference <= 0;

/** Whether the document matches. On an array, a condition holds when any element satisfies it. */
export const matchesFilter = (node: FilterNode, doc: Doc): boolean => {
  switch (node.kind) {
    case 'and':
      return node.nodes.every((inner) => matchesFilter(inner, doc));
    case 'or':
      return node.nodes.some((inner) => matchesFilter(inner, doc));
    case 'not':
      return !matchesFilter(node.node, doc);
    case 'exists':
      return rawValuesAt(doc, node.attribute).length > 0;
    case 'null':
      return rawValuesAt(doc, node.attribute).some((value) => value === null);
    case 'empty':
      return rawValuesAt(doc, node.attribute).some(isEmpty);
    case 'in':
      return valuesAt(doc, node.attribute).some((leaf) => node.values.some((value) => equals(leaf, value)));
    case 'between':
      return valuesAt(doc, node.attribute).some((leaf) => {
        const [low, high] = [compare(leaf, node.from), compare(leaf, node.to)];
        return low !== undefined && high !== undefined && low >= 0 && high <= 0;
      });
    case 'compare':
      return valuesAt(doc, node.attribute).some((leaf) => {
        if (node.op === '=') return equals(leaf, node.value);
        const difference = compare(leaf, node.value);
        return difference !== undefined && holds(node.op, difference);
      });
  }
};
