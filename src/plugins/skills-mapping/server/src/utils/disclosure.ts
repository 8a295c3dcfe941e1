/**
 * Statistical disclosure control for the public skills figures.
 *
 * A table publishes one count per column. Each column counts the people in a set of "atoms":
 * groups of people the public can tell apart but not count (an issue area counts the members of
 * the organisations working on it, and which organisations those are is public; a country or a
 * language is its own atom, since nobody outside knows who declared it). An atom belongs to any
 * number of columns, and a person to exactly one atom.
 *
 * Anyone holding the published counts can add and subtract them. Whenever such a combination
 * counts a group of atoms exactly (say, one issue area minus another whose organisations it
 * includes), that group's count is published as surely as a column. So a count is published only
 * when no combination of the published counts yields 1 to `threshold - 1` people, and no withheld
 * count can be pinned down from the published ones (three withheld columns exactly making up a
 * published 3 would each be 1). Zero is published: "nobody" singles no one out, and gaps are what
 * the map is for. Withheld counts are null.
 */

export type TableColumn = { key: string; atoms: readonly string[] };

/** A group of atoms whose count the published columns determine, and how: Σ coefficient × count. */
type Group = { atoms: number[]; coefficients: Map<string, number> };

/** The groups of each set of published columns (null: too many to enumerate), shared by the rows of a table. */
export type GroupsCache = Map<string, Group[] | null>;

/** Past this many independent columns, enumerating the groups would be too slow: nothing is published. */
const MAX_RANK = 18;
const EPSILON = 1e-9;
const isZero = (value: number) => Math.abs(value) < EPSILON;

/**
 * Every non-empty group of atoms whose count is a combination of the counts of `columns`. Row
 * reduction gives a basis whose rows each have a 1 in their own pivot atom and 0 in the others'.
 * A group is a combination of the rows with its own (0 or 1) values at the pivots as coefficients,
 * so trying every 0/1 choice of rows finds them all.
 */
const determinableGroups = (columns: TableColumn[], atomIndex: Map<string, number>): Group[] | null => {
  const width = atomIndex.size;
  const rows = columns.map((column, i) => {
    const vector = new Array<number>(width).fill(0);
    for (const atom of column.atoms) vector[atomIndex.get(atom)!] = 1;
    const coefficients = new Array<number>(columns.length).fill(0);
    coefficients[i] = 1;
    return { vector, coefficients };
  });

  const basis: typeof rows = [];
  let rank = 0;
  for (let atom = 0; atom < width && rank < rows.length; atom += 1) {
    const pivot = rows.findIndex((row, i) => i >= rank && !isZero(row.vector[atom]));
    if (pivot < 0) continue;
    [rows[rank], rows[pivot]] = [rows[pivot], rows[rank]];
    const lead = rows[rank].vector[atom];
    rows[rank].vector = rows[rank].vector.map((value) => value / lead);
    rows[rank].coefficients = rows[rank].coefficients.map((value) => value / lead);
    for (let i = 0; i < rows.length; i += 1) {
      const factor = rows[i].vector[atom];
      if (i === rank || isZero(factor)) continue;
      rows[i].vector = rows[i].vector.map((value, j) => value - factor * rows[rank].vector[j]);
      rows[i].coefficients = rows[i].coefficients.map((value, j) => value - factor * rows[rank].coefficients[j]);
    }
    basis.push(rows[rank]);
    rank += 1;
  }
  if (rank > MAX_RANK) return null;

  const groups: Group[] = [];
  for (let choice = 1; choice < 2 ** rank; choice += 1) {
    const vector = new Array<number>(width).fill(0);
    const coefficients = new Array<number>(columns.length).fill(0);
    basis.forEach((row, i) => {
      if (!(choice & (1 << i))) return;
      row.vector.forEach((value, j) => (vector[j] += value));
      row.coefficients.forEach((value, j) => (coefficients[j] += value));
    });
    if (!vector.every((value) => isZero(value) || isZero(value - 1))) continue;
    groups.push({
      atoms: vector.flatMap((value, j) => (isZero(value - 1) ? [j] : [])),
      coefficients: new Map(columns.flatMap((column, j) => (isZero(coefficients[j]) ? [] : [[column.key, coefficients[j]] as [string, number]]))),
    });
  }
  return groups;
};

/** Every way of making up `atoms` exactly from disjoint columns (each a list of column indexes). */
const exactCovers = (atoms: number[], columns: Array<{ atoms: number[] }>): number[][] => {
  const target = new Set(atoms);
  const candidates = columns.flatMap((column, i) => (column.atoms.length > 0 && column.atoms.every((atom) => target.has(atom)) ? [i] : []));
  const covers: number[][] = [];
  const search = (remaining: Set<number>, from: number, chosen: number[]) => {
    if (remaining.size === 0) return void covers.push(chosen);
    const first = Math.min(...remaining);
    for (let c = from; c < candidates.length; c += 1) {
      const column = columns[candidates[c]];
      if (!column.atoms.includes(first) || !column.atoms.every((atom) => remaining.has(atom))) continue;
      search(new Set([...remaining].filter((atom) => !column.atoms.includes(atom))), 0, [...chosen, candidates[c]]);
    }
  };
  search(target, 0, []);
  return covers;
};

/**
 * The counts of `columns` that may be published, null where withheld.
 */
export const publishable = (
  columns: TableColumn[],
  counts: ReadonlyMap<string, number>,
  threshold: number,
  groupsCache: GroupsCache = new Map(),
): Map<string, number | null> => {
  const countOf = (key: string) => counts.get(key) ?? 0;
  const isSmall = (count: number) => count > 0 && count < threshold;
  const atomIndex = new Map([...new Set(columns.flatMap((column) => column.atoms))].map((atom, i) => [atom, i]));
  const indexed = columns.map((column) => ({ ...column, atoms: column.atoms.map((atom) => atomIndex.get(atom)!) }));

  let shown = columns.filter((column) => !isSmall(countOf(column.key)));

  /**
   * Columns sharing no atom with each other add nothing to each other's groups: the groups of a
   * table are the unions of the groups of its connected parts, which are enumerated one by one.
   */
  const components = (tableColumns: TableColumn[]) => {
    const parent = tableColumns.map((_, i) => i);
    const root = (i: number): number => (parent[i] === i ? i : (parent[i] = root(parent[i])));
    const firstWithAtom = new Map<string, number>();
    tableColumns.forEach((column, i) => {
      for (const atom of column.atoms) {
        const other = firstWithAtom.get(atom);
        if (other === undefined) firstWithAtom.set(atom, i);
        else parent[root(i)] = root(other);
      }
    });
    const parts = new Map<number, TableColumn[]>();
    tableColumns.forEach((column, i) => parts.set(root(i), [...(parts.get(root(i)) ?? []), column]));
    return [...parts.values()];
  };

  const groupsOf = (part: TableColumn[]) => {
    const key = part.map((column) => column.key).join('\u0000');
    if (!groupsCache.has(key)) groupsCache.set(key, determinableGroups(part, atomIndex));
    return groupsCache.get(key)!;
  };

  /** The published column to withhold next, `everything` when the table is too entangled to check, or null when nothing leaks. */
  const leak = (): TableColumn | 'everything' | null => {
    const shownKeys = new Set(shown.map((column) => column.key));
    const withholdOneOf = (group: Group) =>
      shown
        .filter((column) => group.coefficients.has(column.key))
        .sort((a, b) => Number(countOf(b.key) > 0) - Number(countOf(a.key) > 0) || countOf(a.key) - countOf(b.key))[0];

    for (const part of components(shown)) {
      const groups = groupsOf(part);
      if (!groups) return 'everything';
      for (const group of groups) {
        const count = Math.round([...group.coefficients].reduce((sum, [column, coefficient]) => sum + coefficient * countOf(column), 0));
        if (isSmall(count)) return withholdOneOf(group);
        // Withheld columns making up the group exactly: their total is known; at its least or its
        // most, so is each of them. A column withheld because it is small is 1 to threshold - 1;
        // one withheld to protect another could be anything.
        for (const cover of exactCovers(group.atoms, indexed)) {
          const hidden = cover.filter((i) => !shownKeys.has(columns[i].key));
          if (hidden.length === 0) continue;
          const total = count - cover.filter((i) => shownKeys.has(columns[i].key)).reduce((sum, i) => sum + countOf(columns[i].key), 0);
          const small = hidden.filter((i) => isSmall(countOf(columns[i].key)));
          const most = small.length === hidden.length ? small.length * (threshold - 1) : Infinity;
          if ((small.length > 0 && total === small.length) || total === most) return withholdOneOf(group);
        }
      }
    }
    return null;
  };

  for (let column = leak(); column !== null; column = leak()) {
    if (column === 'everything') {
      // Zeros stay: "nobody" in every cell of a column gives no one away.
      shown = shown.filter((candidate) => countOf(candidate.key) === 0);
      break;
    }
    shown = shown.filter((candidate) => candidate !== column);
  }
  const published = new Set(shown.map((column) => column.key));
  return new Map(columns.map((column) => [column.key, published.has(column.key) ? countOf(column.key) : null]));
};
