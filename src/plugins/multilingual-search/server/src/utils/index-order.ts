/** An index, or a reindex step, of one content type in one locale. */
type PerTypeAndLocale = { type: string; locale: string };

/** By code unit, not by the runtime's collation, so the server and every browser agree on the order. */
const compareCodes = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The order of the search status page's lists (indexes, reindex progress): by content type, then locale. */
export const byTypeThenLocale = (a: PerTypeAndLocale, b: PerTypeAndLocale) => compareCodes(a.type, b.type) || compareCodes(a.locale, b.locale);
