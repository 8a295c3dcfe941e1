import { publishable, type TableColumn } from '../../src/plugins/skills-mapping/server/src/utils/disclosure';

/** Unit tests of the public figures' disclosure control (pure logic, no app). */
const THRESHOLD = 3;
const publish = (columns: TableColumn[], counts: Record<string, number>) =>
  Object.fromEntries(publishable(columns, new Map(Object.entries(counts)), THRESHOLD));
const own = (...keys: string[]) => keys.map((key) => ({ key, atoms: [key] }));

test('independent columns: small counts withheld, zeros and counts at the threshold published', () => {
  expect(publish(own('a', 'b', 'c', 'd'), { a: 5, b: 2, c: 0, d: 3 })).toEqual({ a: 5, b: null, c: 0, d: 3 });
});

test('a column inside another: their difference of 1 is not published', () => {
  const columns = [
    { key: 'wide', atoms: ['o1', 'o2'] },
    { key: 'narrow', atoms: ['o1'] },
  ];
  const published = publish(columns, { wide: 4, narrow: 3 });
  expect(published.wide === null || published.narrow === null).toBe(true);
  expect(publish(columns, { wide: 6, narrow: 3 })).toEqual({ wide: 6, narrow: 3 });
});

test('a column made of two others, one withheld: the other is withheld too', () => {
  const columns = [
    { key: 'all', atoms: ['o1', 'o2'] },
    { key: 'first', atoms: ['o1'] },
    { key: 'second', atoms: ['o2'] },
  ];
  const published = publish(columns, { all: 5, first: 3, second: 2 });
  expect(published.second).toBeNull();
  expect(published.all === null || published.first === null).toBe(true);
});

test('withheld columns that would each be pinned at 1 by the total', () => {
  const columns = [{ key: 'all', atoms: ['o1', 'o2', 'o3'] }, ...own('o1', 'o2', 'o3')];
  expect(publish(columns, { all: 3, o1: 1, o2: 1, o3: 1 })).toEqual({ all: null, o1: null, o2: null, o3: null });
  expect(publish(columns, { all: 6, o1: 2, o2: 2, o3: 2 })).toEqual({ all: null, o1: null, o2: null, o3: null });
  expect(publish(columns, { all: 5, o1: 2, o2: 2, o3: 1 })).toEqual({ all: 5, o1: null, o2: null, o3: null });
});

/**
 * Property: on random small tables, an attacker who knows the tables' structure, the published
 * figures and that a withheld figure is not zero, enumerates every world (0 to 9 people per atom,
 * the truth having 0 to 2, so no bound of the enumeration decides anything) that gives the same
 * figures. No group of atoms may have the same count of 1 or 2 in all of them.
 */
test('random tables: no group of atoms can be pinned at 1 or 2 from what is published', () => {
  let seed = 7;
  const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const atoms = ['p', 'q', 'r', 's'];
  const worlds: number[][] = [];
  const each = (prefix: number[]) =>
    prefix.length === atoms.length ? worlds.push(prefix) : [0, 1, 2, 3, 4, 5, 6, 7, 8, 9].forEach((n) => each([...prefix, n]));
  each([]);
  const countsIn = (columns: TableColumn[], world: number[]) =>
    Object.fromEntries(columns.map((column) => [column.key, column.atoms.reduce((sum, atom) => sum + world[atoms.indexOf(atom)], 0)]));

  for (let table = 0; table < 300; table += 1) {
    const columns: TableColumn[] = Array.from({ length: 2 + Math.floor(random() * 3) }, (_, i) => ({
      key: `c${i}`,
      atoms: atoms.filter(() => random() < 0.5),
    })).filter((column) => column.atoms.length > 0);
    const truth = atoms.map(() => Math.floor(random() * 3));
    const published = publish(columns, countsIn(columns, truth));
    const consistent = worlds.filter((world) => {
      const counts = countsIn(columns, world);
      return columns.every((column) =>
        published[column.key] === null ? counts[column.key] !== 0 || column.atoms.length === 0 : counts[column.key] === published[column.key],
      );
    });
    for (let subset = 1; subset < 2 ** atoms.length; subset += 1) {
      const countOf = (world: number[]) => world.reduce((sum, n, i) => sum + (subset & (1 << i) ? n : 0), 0);
      const values = new Set(consistent.map(countOf));
      if (values.size === 1) expect({ table, subset, pinned: [1, 2].includes(countOf(truth)) }).toEqual({ table, subset, pinned: false });
    }
  }
});
