import { HIGHLIGHT_END as END, HIGHLIGHT_START as START } from '../../src/plugins/multilingual-search/server/src/engines/types';
import { renderSnippet, stripMarkers } from '../../src/plugins/multilingual-search/server/src/utils/snippet';

/** Snippets are sent to browsers as HTML: only the engine's highlight markers may become tags. */
test('highlight markers become <mark> tags and everything else is escaped', () => {
  expect(renderSnippet(`a ${START}match${END} & <b>"it's"</b>`)).toBe('a <mark>match</mark> &amp; &lt;b&gt;&quot;it&#39;s&quot;&lt;/b&gt;');
});

test('an unpaired end marker is dropped and an open one is closed, so the HTML is always well formed', () => {
  expect(renderSnippet(`x${END} ${START}open`)).toBe('x <mark>open</mark>');
  expect(renderSnippet(`${START}a${START}b${END}${END}`)).toBe('<mark>ab</mark>');
});

test('a short text is kept whole, without ellipses', () => {
  expect(renderSnippet('short text', 240)).toBe('short text');
});

test('a long text is cut around its first match, at word boundaries, with ellipses where it was cut', () => {
  const words = Array.from({ length: 100 }, (_, index) => `w${index}`);
  words[60] = `${START}hit${END}`;
  const snippet = renderSnippet(words.join(' '), 40);
  expect(snippet).toMatch(/^… /);
  expect(snippet).toMatch(/ …$/);
  expect(snippet).toContain('<mark>hit</mark>');
  const text = snippet.slice(2, -2).replace(/<\/?mark>/g, '');
  expect(text.length).toBeLessThanOrEqual(40);
  // Whole words only: every word of the cut is one of the text's words.
  for (const word of text.split(' ')) expect(words.map(stripMarkers)).toContain(word);
  // The match comes after about a quarter of the length of context.
  expect(text.indexOf('hit')).toBeGreaterThan(0);
  expect(text.indexOf('hit')).toBeLessThanOrEqual(40 / 4 + 4);
});

test('a long text whose match is at the start is cut at its end only', () => {
  const text = `${START}first${END} ${'word '.repeat(100)}`.trim();
  const snippet = renderSnippet(text, 50);
  expect(snippet.startsWith('<mark>first</mark> word')).toBe(true);
  expect(snippet.endsWith(' …')).toBe(true);
});

test('a marker cut off by the length limit still leaves a closed <mark>', () => {
  const text = `${'lead '.repeat(3)}${START}${'long'.repeat(30)} tail${END} ${'more '.repeat(50)}`;
  const snippet = renderSnippet(text, 60);
  expect(snippet.split('<mark>').length).toBe(snippet.split('</mark>').length);
});

test('stripMarkers gives the plain text', () => {
  expect(stripMarkers(`a ${START}b${END} c`)).toBe('a b c');
});
