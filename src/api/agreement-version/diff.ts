import { diffArrays, diffWordsWithSpace } from 'diff';

/** Shared by the server (the diff route) and the admin panel (the editor's side panel). */

export type SectionText = { key: string; heading: string; text: string };
export type VersionText = { title: string; preamble: string; sections: SectionText[] };

/** A run of words: unchanged, only in the newer text, or only in the older one. */
export type WordChange = { type: 'equal' | 'insert' | 'delete'; text: string };

export type SectionChange = {
  key: string;
  /** `changed` when the heading or the text differ; a section can also have `moved`. */
  change: 'added' | 'removed' | 'changed' | 'unchanged';
  moved: boolean;
  /** Position (1-based) in each version; null where the section is absent. */
  from: { position: number; heading: string; text: string } | null;
  to: { position: number; heading: string; text: string } | null;
  /** Word-level changes, for changed sections only (empty otherwise). */
  heading: WordChange[];
  text: WordChange[];
};

export type AgreementDiff = {
  title: WordChange[];
  preamble: WordChange[];
  sections: SectionChange[];
  summary: { added: number; removed: number; changed: number; moved: number; unchanged: number };
};

// Whitespace is kept as tokens of its own, so the parts rebuild both texts exactly.
const words = (before: string, after: string): WordChange[] =>
  diffWordsWithSpace(before, after).map((part) => ({ type: part.added ? 'insert' : part.removed ? 'delete' : 'equal', text: part.value }));

/**
 * Section-aware diff of two versions of the agreement in one language. Sections are matched by
 * their stable key, so a section keeps its identity when it is renamed, rewritten or moved; inside
 * a changed section the heading and text are compared word by word. A section counts as moved when
 * it is not part of the longest run of sections that kept their relative order. Sections come in
 * the newer version's order, with removed ones where they stood in the older one.
 */
export const diffVersions = (from: VersionText, to: VersionText): AgreementDiff => {
  const fromKeys = from.sections.map((section) => section.key);
  const toKeys = to.sections.map((section) => section.key);
  const common = new Set(fromKeys.filter((key) => toKeys.includes(key)));
  const inOrder = new Set(
    diffArrays(
      fromKeys.filter((key) => common.has(key)),
      toKeys.filter((key) => common.has(key)),
    )
      .filter((part) => !part.added && !part.removed)
      .flatMap((part) => part.value),
  );

  const describe = (sections: SectionText[], key: string) => {
    const index = sections.findIndex((section) => section.key === key);
    return index < 0 ? null : { position: index + 1, heading: sections[index].heading, text: sections[index].text };
  };
  const sectionChange = (key: string): SectionChange => {
    const [before, after] = [describe(from.sections, key), describe(to.sections, key)];
    const moved = Boolean(before && after) && !inOrder.has(key);
    if (!before) return { key, change: 'added', moved, from: null, to: after, heading: [], text: [] };
    if (!after) return { key, change: 'removed', moved, from: before, to: null, heading: [], text: [] };
    const changed = before.heading !== after.heading || before.text !== after.text;
    return changed
      ? { key, change: 'changed', moved, from: before, to: after, heading: words(before.heading, after.heading), text: words(before.text, after.text) }
      : { key, change: 'unchanged', moved, from: before, to: after, heading: [], text: [] };
  };

  // The newer order, with each removed section slotted in after the section that preceded it.
  const order = [...toKeys];
  fromKeys.forEach((key, index) => {
    if (common.has(key)) return;
    const previous = fromKeys
      .slice(0, index)
      .reverse()
      .find((earlier) => order.includes(earlier));
    order.splice(previous === undefined ? 0 : order.indexOf(previous) + 1, 0, key);
  });
  const sections = order.map(sectionChange);
  const count = (test: (section: SectionChange) => boolean) => sections.filter(test).length;
  return {
    title: from.title === to.title ? [] : words(from.title, to.title),
    preamble: from.preamble === to.preamble ? [] : words(from.preamble, to.preamble),
    sections,
    summary: {
      added: count((s) => s.change === 'added'),
      removed: count((s) => s.change === 'removed'),
      changed: count((s) => s.change === 'changed'),
      moved: count((s) => s.moved),
      unchanged: count((s) => s.change === 'unchanged' && !s.moved),
    },
  };
};
