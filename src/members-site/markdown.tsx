import { Lexer, type Token, type Tokens } from 'marked';
import type { ComponentChildren, JSX } from 'preact';

/**
 * Rich text (Markdown, as editors write it in the admin panel) shown with its formatting and
 * nothing executable. marked only parses; the tokens become Preact elements, never an HTML string,
 * so the text cannot become markup: raw HTML in the source is left out, links keep only web and
 * mail addresses, and images become links (the site loads nothing from other hosts).
 */
const SAFE_LINK = /^(?:https?:|mailto:|\/(?!\/)|#)/i;
const safeHref = (href: string) => (SAFE_LINK.test(href.trim()) ? href.trim() : null);

/** The page's title is its h1: headings in the text start one level below it. */
const heading = (depth: number) => `h${Math.min(6, depth + 1)}` as 'h2';

const inline = (tokens: Token[] | undefined): ComponentChildren => tokens?.map((token, index) => <Inline key={index} token={token} />);

const Inline = ({ token }: { token: Token }): JSX.Element | null => {
  switch (token.type) {
    case 'text':
      return token.tokens ? <>{inline(token.tokens)}</> : <>{token.text}</>;
    case 'escape':
      return <>{token.text}</>;
    case 'strong':
      return <strong>{inline(token.tokens)}</strong>;
    case 'em':
      return <em>{inline(token.tokens)}</em>;
    case 'del':
      return <del>{inline(token.tokens)}</del>;
    case 'codespan':
      return <code>{token.text}</code>;
    case 'br':
      return <br />;
    case 'link':
    case 'image': {
      const link = token as Tokens.Link | Tokens.Image;
      const href = safeHref(link.href);
      const label = link.type === 'image' ? link.text || link.href : inline(link.tokens);
      if (!href) return <>{label}</>;
      const external = /^https?:/i.test(href);
      return (
        <a href={href} title={link.title ?? undefined} rel={external ? 'noopener noreferrer' : undefined}>
          {label}
        </a>
      );
    }
    default:
      // Raw HTML and anything unknown: left out.
      return null;
  }
};

const Block = ({ token }: { token: Token }): JSX.Element | null => {
  switch (token.type) {
    case 'paragraph':
      return <p>{inline(token.tokens)}</p>;
    case 'heading': {
      const Heading = heading(token.depth);
      return <Heading>{inline(token.tokens)}</Heading>;
    }
    case 'blockquote':
      return <blockquote>{blocks(token.tokens)}</blockquote>;
    case 'list': {
      const list = token as Tokens.List;
      const items = list.items.map((item, index) => <li key={index}>{blocks(item.tokens)}</li>);
      return list.ordered ? <ol start={list.start === '' ? undefined : list.start}>{items}</ol> : <ul>{items}</ul>;
    }
    case 'code':
      return (
        <pre>
          <code>{token.text}</code>
        </pre>
      );
    case 'hr':
      return <hr />;
    case 'table': {
      const table = token as Tokens.Table;
      return (
        <div class="table-scroll">
          <table>
            <thead>
              <tr>
                {table.header.map((cell, index) => (
                  <th key={index} scope="col">
                    {inline(cell.tokens)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {table.rows.map((row, rowIndex) => (
                <tr key={rowIndex}>
                  {row.map((cell, index) => (
                    <td key={index}>{inline(cell.tokens)}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      );
    }
    case 'text':
      // Text directly in a tight list item.
      return <>{token.tokens ? inline(token.tokens) : token.text}</>;
    default:
      // Raw HTML blocks, spaces and link definitions: nothing to show.
      return null;
  }
};

const blocks = (tokens: Token[] | undefined): ComponentChildren => tokens?.map((token, index) => <Block key={index} token={token} />);

export const Markdown = ({ text, lang }: { text: string | null | undefined; lang?: string }) =>
  text ? (
    <div class="rich-text" lang={lang}>
      {blocks(new Lexer({ gfm: true }).lex(text))}
    </div>
  ) : null;
