import type { MessageKey } from './i18n';

/**
 * How a skills-matrix cell's status reads, on the members' search page and on the admin panel's
 * heatmap alike: a symbol and a word (i18n `status.*`) as well as a colour, so it reads without colour.
 */
export const STATUS_SYMBOL = { good: '✓', risk: '!', gap: '✗', withheld: '–' } as const;

export type CellStatus = keyof typeof STATUS_SYMBOL;

/** The statuses a legend explains, in the order it lists them (withheld only where counts are withheld). */
export const MATRIX_STATUSES = ['good', 'risk', 'gap'] as const satisfies readonly CellStatus[];

/** A cell whose figures are withheld, or have no status, shows as withheld: its status would give the count away. */
export const cellStatus = (cell: { status: 'good' | 'risk' | 'gap' | null; withheld?: boolean }): CellStatus =>
  cell.withheld || !cell.status ? 'withheld' : cell.status;

export const statusWord = (status: CellStatus): MessageKey => `status.${status}`;

export const legendText = (status: CellStatus): MessageKey => `legend.${status}`;
