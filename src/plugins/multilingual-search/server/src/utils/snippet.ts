import { HIGHLIGHT_END, HIGHLIGHT_START } from '../engines/types';

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (char) => ESCAPES[char]);

/** Drops unpaired markers and closes an open one, so the rendered HTML is always well formed. */
const balance = (text: string) => {
  let open = false;
  let out = '';
  for (const char of text) {
    if (char === HIGHLIGHT_START) {
      if (!open) out += char;
      open = true;
    } else if (char === HIGHLIGHT_END) {
      if (open) out += char;
      open = false;
    } else {
      out += char;
    }
  }
  return open ? out + HIGHLIGHT_END : out;
};

/**
 * Safe HTML for a highlighted text: everything is escaped, then only the engine's highlight markers
 * become <mark> tags. Cut to about `length` characters around the first match, at word boundaries.
 */
export const renderSnippet = (text: string, length = 240) => {
  let start = 0;
  let end = text.length;
  if (text.length > length) {
    const first = Math.max(0, text.indexOf(HIGHLIGHT_START));
    start = Math.max(0, first - Math.floor(length / 4));
    if (start > 0) start = text.indexOf(' ', start) + 1 || start;
    end = Math.min(text.length, start + length);
    if (end < text.length) end = text.lastIndexOf(' ', end) > start ? text.lastIndexOf(' ', end) : end;
  }
  const cut = balance(text.slice(start, end).trim());
  const html = escapeHtml(cut).split(HIGHLIGHT_START).join('<mark>').split(HIGHLIGHT_END).join('</mark>');
  return `${start > 0 ? '… ' : ''}${html}${end < text.length ? ' …' : ''}`;
};

/** The text without highlight markers. */
export const stripMarkers = (text: string) => text.split(HIGHLIGHT_START).join('').split(HIGHLIGHT_END).join('');
