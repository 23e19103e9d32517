/**
 * Renders hover markdown the way a CommonMark renderer with HTML off does (markdown-it, which
 * @vscode/vsce already brings in), and pulls out every link target, so tests can assert that
 * hostile token text never becomes a link, an image or HTML.
 */
import { createRequire } from 'node:module';

interface MdToken {
  type: string;
  content: string;
  info: string;
  markup: string;
  attrs: [string, string][] | null;
  children: MdToken[] | null;
}
interface MarkdownIt {
  render(src: string): string;
  parse(src: string, env: object): MdToken[];
}

const require = createRequire(__filename);

const MarkdownItCtor = require('markdown-it') as new (options: object) => MarkdownIt;
/** Like VS Code's hover: no raw HTML; GitHub-style autolinks of bare URLs on. */
const md = new MarkdownItCtor({ html: false, linkify: true });

export function renderMarkdown(markdown: string): string {
  return md.render(markdown);
}

/** Every link and image target in the markdown (from the parsed token stream). */
export function linkTargets(markdown: string): string[] {
  const out: string[] = [];
  const walk = (tokens: MdToken[]): void => {
    for (const t of tokens) {
      for (const [name, value] of t.attrs ?? []) if (name === 'href' || name === 'src') out.push(value);
      if (t.children) walk(t.children);
    }
  };
  walk(md.parse(markdown, {}));
  return out;
}

/** The fenced code blocks: their fence markup and content. */
export function fences(markdown: string): { markup: string; info: string; content: string }[] {
  return md
    .parse(markdown, {})
    .filter((t) => t.type === 'fence')
    .map((t) => ({ markup: t.markup, info: t.info, content: t.content }));
}

/** `command:` URIs outside code blocks and code spans, read straight from the markdown text. */
export function commandUrisOutsideCode(markdown: string): string[] {
  const withoutFences = markdown.replace(/^(`{3,})[^\n]*\n[\s\S]*?\n\1\s*$/gm, '');
  const withoutSpans = withoutFences.replace(/`[^`\n]*`/g, '');
  return [...withoutSpans.matchAll(/command:[^\s)\]"'>]+/g)].map((m) => m[0]);
}

/** What a person reads: the rendered markdown without tags, entities decoded. */
export function renderedText(markdown: string): string {
  return renderMarkdown(markdown)
    .replace(/<[^>]+>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
}
