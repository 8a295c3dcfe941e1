import { cellStatus, STATUS_SYMBOL, statusWord, type CellStatus } from '../../../../../members-site/matrix-status';
import type { Translate } from '../../../../../members-site/i18n';

/** A cell of the admin matrix: administrators see every count, so nothing is withheld here. */
export type HeatmapCell = { status: 'good' | 'risk' | 'gap' | null; holders: number | null; advanced: number | null; levels: number[] | null };

/** Design-system colour tokens of each status; the symbol and the word carry the meaning without them. */
export const STATUS_COLOURS: Record<CellStatus, { background: string; text: string }> = {
  good: { background: 'success100', text: 'success700' },
  risk: { background: 'warning100', text: 'warning700' },
  gap: { background: 'danger100', text: 'danger700' },
  withheld: { background: 'neutral150', text: 'neutral700' },
};

/** What a heatmap cell says, as on the members' search page: symbol and word, then holders at level 3+ / all holders. */
export const heatmapCellText = (cell: HeatmapCell, t: Translate) => {
  const status = cellStatus(cell);
  return `${STATUS_SYMBOL[status]} ${t(statusWord(status))} ${cell.advanced ?? '–'}/${cell.holders ?? '–'}`;
};
