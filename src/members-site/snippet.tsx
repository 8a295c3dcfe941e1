const ENTITIES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'" };

/**
 * The API's snippet is escaped text with matches in <mark>…</mark>. Rather than trusting it as
 * HTML, only those two tags are recognised; everything else becomes text (unescaped once).
 */
export const Snippet = ({ html }: { html: string }) => {
  let marked = false;
  const parts = [];
  for (const [index, part] of html.split(/(<mark>|<\/mark>)/).entries()) {
    if (part === '<mark>' || part === '</mark>') marked = part === '<mark>';
    else if (part) {
      const text = part.replace(/&(?:amp|lt|gt|quot|#39);/g, (entity) => ENTITIES[entity]);
      parts.push(marked ? <mark key={index}>{text}</mark> : text);
    }
  }
  return <>{parts}</>;
};
