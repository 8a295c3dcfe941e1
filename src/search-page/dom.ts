/**
 * Builds DOM nodes from data. Text always goes in as text nodes and attributes through
 * setAttribute, never through innerHTML, so nothing from the API or the URL can become markup.
 */
type Attributes = Record<string, string | number | boolean | null | undefined>;
type Child = Node | string | null | undefined | false;

export const h = <K extends keyof HTMLElementTagNameMap>(tag: K, attributes: Attributes = {}, ...children: Child[]): HTMLElementTagNameMap[K] => {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === true) element.setAttribute(name, '');
    else if (value !== false && value !== null && value !== undefined) element.setAttribute(name, String(value));
  }
  element.append(...children.filter((child): child is Node | string => child !== null && child !== undefined && child !== false));
  return element;
};

export const byId = <T extends HTMLElement = HTMLElement>(id: string) => {
  const element = document.getElementById(id);
  if (!element) throw new Error(`#${id} is missing from the page`);
  return element as T;
};

/** The items that are there: lets render functions write `condition ? node : null` in a list. */
export const present = <T>(items: Array<T | null | undefined | false>): T[] =>
  items.filter((item): item is T => item !== null && item !== undefined && item !== false);

const ENTITIES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'" };

/**
 * The API's snippet is escaped text with matches in <mark>…</mark>. Rather than trusting it as
 * HTML, only those two tags are recognised; everything else becomes text (unescaped once).
 */
export const snippetNodes = (snippet: string): Node[] => {
  const nodes: Node[] = [];
  let marked = false;
  for (const part of snippet.split(/(<mark>|<\/mark>)/)) {
    if (part === '<mark>' || part === '</mark>') {
      marked = part === '<mark>';
    } else if (part) {
      const text = document.createTextNode(part.replace(/&(?:amp|lt|gt|quot|#39);/g, (entity) => ENTITIES[entity]));
      nodes.push(marked ? h('mark', {}, text) : text);
    }
  }
  return nodes;
};
