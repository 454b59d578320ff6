// The digest mail, written as a newsletter: a dated heading and one line saying what is in it, then sections
// (Trending · On your topics), each paper in a few lines (its one-line summary, stars gained this week, upvotes,
// links). Inline styles and tables (what mail clients render), no scripts, no images; LaTeX as MathML in the HTML and
// as plain characters in the text part. Every link is absolute, built from PUBLIC_URL.
import { renderToString } from 'preact-render-to-string';
import { MailFrame, mailFont } from '../mail/mail-layout.view.tsx';
import { plainMath } from '../papers/math-text.ts';
import { MathText } from '../papers/math-text.view.tsx';
import { paperLinks } from '../papers/paper.ts';
import { firstSentence } from '../papers/paper-text.ts';
import type { DigestItem } from './digest-compose.ts';

export interface DigestMailLinks {
  /** Absolute base, no trailing slash. */
  site: string;
  preferences: string;
  unsubscribe: string;
}

/** A one-line summary's length at most: two lines of a mail column. */
const SUMMARY = 200;
const AUTHORS = 3;

const thousands = (n: number) => n.toLocaleString('en');

const authorsOf = (item: DigestItem) => {
  const names = item.paper.authors.map((a) => a.name);
  return names.length > AUTHORS ? `${names.slice(0, AUTHORS).join(', ')} et al.` : names.join(', ');
};

/** Hugging Face's summary when it wrote one, else the abstract's first sentence. */
const oneLine = (item: DigestItem) => item.summary || firstSentence(item.paper.abstract, SUMMARY);

/** "★ +1,204 this week · ▲ 12 · owner/name": the signals a reader weighs, the news first. */
function signals(item: DigestItem): string[] {
  const parts: string[] = [];
  const week = Math.round(item.paper.codeStarsPerDay * 7);
  if (week > 0) parts.push(`★ +${thousands(week)} this week`);
  else if (item.code?.repository.stars) parts.push(`★ ${thousands(item.code.repository.stars)}`);
  if (item.paper.upvotes > 0) parts.push(`▲ ${thousands(item.paper.upvotes)}`);
  if (item.paper.hfUpvotes > 0 && !item.paper.isDemo) parts.push(`${thousands(item.paper.hfUpvotes)} on Hugging Face`);
  return parts;
}

function Item({ item, site }: { item: DigestItem; site: string }) {
  const page = `${site}/papers/${item.paper.id}`;
  const arxiv = paperLinks(item.paper.id);
  const link = 'color:#1d4ed8;text-decoration:none';
  const facts = signals(item);
  return (
    <tr>
      <td style={`padding:0 0 18px;color:#1d1f23;background:#ffffff;${mailFont}`}>
        <p style="margin:0 0 2px;font-size:16px;line-height:1.35;font-weight:700">
          <a href={page} style="color:#1d1f23;text-decoration:none"><MathText text={item.paper.title} /></a>
        </p>
        <p style="margin:0 0 4px;font-size:13px;line-height:1.45;color:#61656e">
          {authorsOf(item)}
          {item.topic ? <> · <span style="color:#c2410c">{item.topic}</span></> : null}
        </p>
        <p style="margin:0 0 4px;font-size:14px;line-height:1.45;color:#33363c">
          {item.summary ? <span style="font-size:11px;font-weight:700;color:#c2410c">HF&nbsp;SUMMARY </span> : null}
          <MathText text={oneLine(item)} />
        </p>
        <p style="margin:0;font-size:13px;line-height:1.45;color:#61656e">
          {facts.length > 0 ? <>{facts.join(' · ')} · </> : null}
          <a href={page} style={link}>Read</a>
          {arxiv.pdf ? <> · <a href={arxiv.pdf} style={link}>PDF</a></> : null}
          {item.code ? <> · <a href={item.code.repository.url} style={link}>Code</a></> : null}
        </p>
      </td>
    </tr>
  );
}

function Section({ title, items, site }: { title: string; items: readonly DigestItem[]; site: string }) {
  if (items.length === 0) return null;
  return (
    <>
      <h2 style="margin:8px 0 12px;font-size:13px;letter-spacing:0.06em;text-transform:uppercase;color:#c2410c">{title}</h2>
      <table role="presentation" width="100%" cellPadding="0" cellSpacing="0">
        {items.map((item) => <Item item={item} site={site} />)}
      </table>
    </>
  );
}

export interface DigestMailInput {
  heading: string;
  /** "5 papers trending today, 2 on your topics". */
  summary: string;
  items: readonly DigestItem[];
  links: DigestMailLinks;
  email: string;
}

function textItem(item: DigestItem, site: string): string[] {
  const arxiv = paperLinks(item.paper.id);
  const facts = signals(item);
  return [
    `* ${plainMath(item.paper.title)}`,
    `  ${authorsOf(item)}${item.topic ? ` · topic: ${item.topic}` : ''}`,
    `  ${item.summary ? 'HF summary: ' : ''}${plainMath(oneLine(item))}`,
    ...(facts.length > 0 ? [`  ${facts.join(' · ')}`] : []),
    `  ${site}/papers/${item.paper.id}${arxiv.pdf ? `  ·  PDF ${arxiv.pdf}` : ''}${item.code ? `  ·  code ${item.code.repository.url}` : ''}`,
    '',
  ];
}

export function renderDigestMail(input: DigestMailInput): { html: string; text: string } {
  const { heading, items, links } = input;
  const trending = items.filter((i) => i.topic === null);
  const topics = items.filter((i) => i.topic !== null);
  const footer = (
    <>
      Sent to {input.email} because you subscribed at <a href={links.site} style="color:#61656e">{links.site}</a>.{' '}
      <a href={links.preferences} style="color:#61656e">Preferences</a> · <a href={links.unsubscribe} style="color:#61656e">Unsubscribe</a>
    </>
  );
  const html = renderToString(
    <MailFrame preheader={`${input.summary}: ${plainMath(items[0]?.paper.title ?? '')}`} title={heading} footer={footer}>
      <h1 style="margin:0 0 4px;font-size:21px;line-height:1.3;color:#1d1f23">{heading}</h1>
      <p style="margin:0 0 18px;font-size:14px;color:#61656e">{input.summary}.</p>
      <Section title="Trending" items={trending} site={links.site} />
      <Section title="On your topics" items={topics} site={links.site} />
    </MailFrame>,
  );
  const text = [
    heading,
    `${input.summary}.`,
    '',
    ...(trending.length > 0 ? ['TRENDING', '', ...trending.flatMap((item) => textItem(item, links.site))] : []),
    ...(topics.length > 0 ? ['ON YOUR TOPICS', '', ...topics.flatMap((item) => textItem(item, links.site))] : []),
    '-- ',
    `Sent to ${input.email} because you subscribed at ${links.site}.`,
    `Preferences: ${links.preferences}`,
    `Unsubscribe: ${links.unsubscribe}`,
  ].join('\n');
  return { html: `<!doctype html>${html}`, text };
}
