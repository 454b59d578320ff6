// The digest mail: a table of papers with inline styles (what mail clients render), no scripts, no images,
// and its plain-text twin. Every link is absolute, built from PUBLIC_URL.
import { renderToString } from 'preact-render-to-string';
import { MailFrame, mailFont } from '../mail/mail-layout.view.tsx';
import { paperLinks } from '../papers/paper.ts';
import { excerpt } from '../papers/paper-text.ts';
import type { DigestItem } from './digest-compose.ts';

export interface DigestMailLinks {
  /** Absolute base, no trailing slash. */
  site: string;
  preferences: string;
  unsubscribe: string;
}

const ABSTRACT = 320;
const AUTHORS = 5;

const thousands = (n: number) => n.toLocaleString('en');
/** "★ 1,234 on GitHub": what a reader weighs a paper's code by. */
const codeLine = (item: DigestItem) => {
  const r = item.code?.repository;
  if (!r) return null;
  return `${r.owner}/${r.name}${r.stars !== null ? ` · ★ ${thousands(r.stars)}` : ''}`;
};

const authorsOf = (item: DigestItem) => {
  const names = item.paper.authors.map((a) => a.name);
  return names.length > AUTHORS ? `${names.slice(0, AUTHORS).join(', ')} and ${names.length - AUTHORS} more` : names.join(', ');
};

function Item({ item, site }: { item: DigestItem; site: string }) {
  const page = `${site}/papers/${item.paper.id}`;
  const arxiv = paperLinks(item.paper.id);
  const link = 'color:#1d4ed8;text-decoration:none;font-weight:600';
  return (
    <tr>
      <td style={`padding:0 0 22px;color:#1d1f23;background:#ffffff;${mailFont}`}>
        {item.topic ? <p style="margin:0 0 4px;font-size:12px;color:#c2410c;font-weight:600">Matches your topic “{item.topic}”</p> : null}
        <p style="margin:0 0 4px;font-size:17px;line-height:1.35;font-weight:700">
          <a href={page} style="color:#1d1f23;text-decoration:none">{item.paper.title}</a>
        </p>
        <p style="margin:0 0 6px;font-size:13px;color:#61656e">
          {authorsOf(item)}
          {item.paper.upvotes > 0 ? ` · ▲ ${item.paper.upvotes}` : ''}
        </p>
        {item.code ? (
          <p style="margin:0 0 6px;font-size:13px;color:#61656e">
            Code: <a href={item.code.repository.url} style="color:#1d4ed8;text-decoration:none">{codeLine(item)}</a>
          </p>
        ) : null}
        <p style="margin:0 0 8px;font-size:14px;line-height:1.5;color:#33363c">{excerpt(item.paper.abstract, ABSTRACT)}</p>
        <p style="margin:0;font-size:13px">
          <a href={page} style={link}>Read on Paperboard</a>
          {arxiv.abs ? <> · <a href={arxiv.abs} style={link}>arXiv</a> · <a href={arxiv.pdf ?? arxiv.abs} style={link}>PDF</a></> : null}
        </p>
      </td>
    </tr>
  );
}

export function renderDigestMail(input: { heading: string; items: readonly DigestItem[]; links: DigestMailLinks; email: string }): { html: string; text: string } {
  const { heading, items, links } = input;
  const footer = (
    <>
      Sent to {input.email} because you subscribed at <a href={links.site} style="color:#61656e">{links.site}</a>.{' '}
      <a href={links.preferences} style="color:#61656e">Preferences</a> · <a href={links.unsubscribe} style="color:#61656e">Unsubscribe</a>
    </>
  );
  const html = renderToString(
    <MailFrame preheader={`${items.length} papers: ${items[0]?.paper.title ?? ''}`} title={heading} footer={footer}>
      <h1 style="margin:0 0 20px;font-size:21px;line-height:1.3;color:#1d1f23">{heading}</h1>
      <table role="presentation" width="100%" cellPadding="0" cellSpacing="0">
        {items.map((item) => <Item item={item} site={links.site} />)}
      </table>
    </MailFrame>,
  );
  const text = [
    heading,
    '',
    ...items.flatMap((item) => {
      const arxiv = paperLinks(item.paper.id);
      return [
        ...(item.topic ? [`[${item.topic}]`] : []),
        item.paper.title,
        authorsOf(item),
        excerpt(item.paper.abstract, ABSTRACT),
        ...(item.code ? [`Code: ${codeLine(item)}  ${item.code.repository.url}`] : []),
        `${links.site}/papers/${item.paper.id}${arxiv.abs ? `  ·  ${arxiv.abs}` : ''}`,
        '',
      ];
    }),
    '-- ',
    `Sent to ${input.email} because you subscribed at ${links.site}.`,
    `Preferences: ${links.preferences}`,
    `Unsubscribe: ${links.unsubscribe}`,
  ].join('\n');
  return { html: `<!doctype html>${html}`, text };
}
