import { heatmapCellText } from '../../src/plugins/skills-mapping/admin/src/pages/heatmap-cell';
import { translator } from '../../src/members-site/i18n';
import { cellStatus, STATUS_SYMBOL } from '../../src/members-site/matrix-status';

/** The admin heatmap's cells say what the members' search page says: the same symbol and word per status. */
const english = translator('en');

test.each([
  [{ status: 'good', holders: 5, advanced: 2, levels: null }, '✓ Good 2/5'],
  [{ status: 'risk', holders: 3, advanced: 1, levels: null }, '! Risk 1/3'],
  [{ status: 'gap', holders: 0, advanced: 0, levels: null }, '✗ Gap 0/0'],
  [{ status: null, holders: null, advanced: null, levels: null }, '– Not shown –/–'],
] as const)('%j reads %s', (cell, text) => {
  expect(heatmapCellText(cell, english)).toBe(text);
});

test("the words follow the interface language, as the search page's do", () => {
  expect(heatmapCellText({ status: 'gap', holders: 1, advanced: 0, levels: null }, translator('de'))).toBe('✗ Lücke 0/1');
});

test('a withheld cell shows no status, since its status would give the count away', () => {
  expect(cellStatus({ status: 'good', withheld: true })).toBe('withheld');
  expect(STATUS_SYMBOL[cellStatus({ status: 'risk', withheld: false })]).toBe('!');
});
