import { countsOf } from '../../src/plugins/skills-mapping/server/src/services/coverage';
import { statusOf } from '../../src/plugins/skills-mapping/server/src/services/matrix';

/** The matrix's cells are built from grouped rows (skill, column value, level, holders, learners among them) counted by the database. */
test('grouped rows become holders per skill, column and level 0–4, and learners', () => {
  const counts = countsOf([
    { skill: 'echr-litigation', value: 'FR', level: 3, holders: 2, learners: 0 },
    { skill: 'echr-litigation', value: 'FR', level: 0, holders: 1, learners: 1 },
    { skill: 'echr-litigation', value: 'DE', level: 4, holders: 1, learners: 0 },
    { skill: 'strategic-comms', value: 'FR', level: 2, holders: 5, learners: 2 },
  ]);
  expect([...counts.keys()]).toEqual(['echr-litigation', 'strategic-comms']);
  expect(counts.get('echr-litigation')?.get('FR')).toEqual({ levels: [1, 0, 0, 2, 0], learners: 1 });
  expect(counts.get('echr-litigation')?.get('DE')).toEqual({ levels: [0, 0, 0, 0, 1], learners: 0 });
  expect(counts.get('strategic-comms')?.get('FR')).toEqual({ levels: [0, 0, 5, 0, 0], learners: 2 });
  expect(counts.get('strategic-comms')?.get('DE')).toBeUndefined();
});

test('PostgreSQL returns counts as strings: they are added as numbers, and rows for one cell and level add up', () => {
  const counts = countsOf([
    { skill: 's', value: 'v', level: '3', holders: '2', learners: '1' },
    { skill: 's', value: 'v', level: '3', holders: '1', learners: '0' },
    { skill: 's', value: 'v', level: 4, holders: '10', learners: 3 },
  ]);
  expect(counts.get('s')?.get('v')).toEqual({ levels: [0, 0, 0, 3, 10], learners: 4 });
});

test('no rows, no counts', () => {
  expect(countsOf([]).size).toBe(0);
});

test.each([
  [0, 'gap'],
  [1, 'risk'],
  [2, 'good'],
  [7, 'good'],
] as const)('%i holders at level 3+ is %s', (advanced, status) => {
  expect(statusOf(advanced)).toBe(status);
});
