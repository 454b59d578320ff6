// The Markdown that comments may use: emphasis, code, quotes, lists and links. No raw HTML, no images,
// no headings; links are marked rel="nofollow ugc" (Google's words for user-written links) and open nothing
// but http(s) and mailto. markdown-it escapes everything it does not turn into one of these.
import MarkdownIt from 'markdown-it';

const markdown = new MarkdownIt('commonmark', { html: false, linkify: true, breaks: true });
markdown.enable(['linkify', 'strikethrough']);
markdown.disable(['image', 'heading', 'lheading', 'hr', 'html_block', 'html_inline', 'reference']);

const SAFE_LINK = /^(https?:|mailto:)/i;
markdown.validateLink = (url) => SAFE_LINK.test(url.trim());

markdown.renderer.rules.link_open = (tokens, index, options, _env, self) => {
  const token = tokens[index];
  token?.attrSet('rel', 'nofollow ugc noopener');
  return self.renderToken(tokens, index, options);
};

/** Comment Markdown → HTML that is safe to insert into a page. */
export function renderCommentMarkdown(body: string): string {
  return markdown.render(body);
}
