// The frame of every page: header with search, main content, footer. No inline script or style (CSP).
import { signInPath } from './sign-in-path.ts';
import type { ComponentChildren } from 'preact';
import { CsrfField } from './components/csrf-field.view.tsx';
import { usePageContext } from './page-context.ts';

export interface LayoutProps {
  title: string;
  /** The search box keeps what was searched. */
  query?: string;
  description?: string;
  /** The page's picture in link previews (og:image): a path on this site; the site's own card when absent. */
  image?: string | undefined;
  /** What a link preview calls the page: `article` for a paper, `website` otherwise. */
  kind?: 'article' | 'website';
  /** The page's feeds, announced to readers (autodiscovery): `path` + .atom, .rss and .json. */
  feeds?: { path: string; title: string; query?: string } | undefined;
  children: ComponentChildren;
}

const feedTypes = [
  ['atom', 'application/atom+xml', 'Atom'],
  ['rss', 'application/rss+xml', 'RSS'],
  ['json', 'application/feed+json', 'JSON Feed'],
] as const;

function AccountNav() {
  const { viewer, perMember, path } = usePageContext();
  if (perMember) return <>{perMember(() => <AccountNav />)}</>;
  if (!viewer) return <a href={signInPath({ next: path })}>Sign in</a>;
  return (
    <>
      {viewer.role === 'admin' || viewer.role === 'moderator' ? <span class="wide-only"><NavLink href="/admin">Admin</NavLink></span> : null}
      <a href="/account" title={`Signed in as ${viewer.email}`} aria-current={path.startsWith('/account') ? 'page' : undefined}>{viewer.username}</a>
      <form class="inline-form wide-only" action="/logout" method="post">
        <CsrfField />
        <button type="submit" class="link-button">Sign out</button>
      </form>
    </>
  );
}

/** Which section of the site a path belongs to: the main nav marks it. */
function sectionOf(path: string): string {
  const pathname = path.split('?')[0] ?? '/';
  // "Today" is the front page and a day's listing; a week, a month or a category is neither Today nor Trending.
  if (pathname === '/' || pathname.startsWith('/date/')) return '/';
  if (/^\/(week|month|categories)\//.test(pathname)) return '';
  return `/${pathname.split('/')[1] ?? ''}`;
}

function NavLink({ href, children }: { href: string; children: ComponentChildren }) {
  const { path } = usePageContext();
  return <a href={href} aria-current={sectionOf(path) === href ? 'page' : undefined}>{children}</a>;
}

/** Links only members use: drawn per member on shared pages. */
function MemberNav() {
  const { viewer, perMember } = usePageContext();
  if (perMember) return <>{perMember(() => <MemberNav />)}</>;
  if (!viewer) return null;
  return (
    <>
      <NavLink href="/for-you">For you</NavLink>
      <NavLink href="/submit">Submit</NavLink>
    </>
  );
}

/**
 * The call to action of the page this product re-creates, on every page. A GET form: it leads to /subscribe with
 * the address filled in, where the choices and the CSRF-protected POST are, so cached pages set no cookie.
 */
function SubscribeBox() {
  const { viewer } = usePageContext();
  return (
    <section class="subscribe-box" aria-label="Email digest">
      <div class="wrap subscribe-row">
        <p><strong>Get trending papers in your email inbox!</strong> <span class="muted">Daily or weekly, on your topics.</span></p>
        {viewer ? (
          <a class="button" href="/subscribe">Subscribe</a>
        ) : (
          <form action="/subscribe" method="get" class="subscribe-form">
            <label class="visually-hidden" for="subscribe-email">Email address</label>
            <input id="subscribe-email" type="email" name="email" placeholder="you@example.org" autocomplete="email" />
            <button type="submit">Subscribe</button>
          </form>
        )}
      </div>
    </section>
  );
}

/**
 * OpenGraph and Twitter card tags: a paper shared in Slack, X or Mastodon shows its title, summary and picture.
 * Absolute addresses (PUBLIC_URL), as the crawlers require.
 */
function PreviewTags({ title, description, image, kind }: { title: string; description: string | undefined; image: string | undefined; kind: 'article' | 'website' }) {
  const { siteUrl = '', path } = usePageContext();
  const picture = `${siteUrl}${image ?? '/assets/preview.png'}`;
  return (
    <>
      <meta property="og:site_name" content="Paperboard" />
      <meta property="og:type" content={kind} />
      <meta property="og:title" content={title} />
      {description ? <meta property="og:description" content={description} /> : null}
      <meta property="og:url" content={`${siteUrl}${path}`} />
      <meta property="og:image" content={picture} />
      {/* X reads the og: tags for the rest: only the card's kind is its own. */}
      <meta name="twitter:card" content={image ? 'summary' : 'summary_large_image'} />
    </>
  );
}

export function Layout({ title, query, description, feeds, image, kind = 'website', children }: LayoutProps) {
  return (
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="color-scheme" content="light dark" />
        <title>{title === 'Paperboard' ? title : `${title} · Paperboard`}</title>
        {description ? <meta name="description" content={description} /> : null}
        <PreviewTags title={title} description={description} image={image} kind={kind} />
        <link rel="icon" href="/assets/favicon.svg" type="image/svg+xml" />
        <link rel="stylesheet" href="/assets/style.css" />
        {feeds
          ? feedTypes.map(([extension, type, name]) => (
              <link rel="alternate" type={type} title={`${feeds.title} (${name})`} href={`${feeds.path}.${extension}${feeds.query ?? ''}`} />
            ))
          : null}
        <script src="/assets/app.js" defer />
      </head>
      <body>
        <a class="skip" href="#main">Skip to content</a>
        <header class="site-header">
          <div class="wrap header-row">
            <a class="brand" href="/">
              <span class="brand-mark" aria-hidden="true">▤</span> <span class="brand-name">Paperboard</span>
            </a>
            <nav class="main-nav" aria-label="Main">
              <NavLink href="/">Today</NavLink>
              <NavLink href="/trending">Trending</NavLink>
              <MemberNav />
            </nav>
            <form class="search-box" role="search" action="/search" method="get">
              <label class="visually-hidden" for="site-search">Search papers</label>
              <input id="site-search" type="search" name="q" value={query ?? ''} placeholder="Search papers, authors, topics…" list="search-suggestions" autocomplete="off" data-suggest="/api/suggest" aria-keyshortcuts="/" />
              <datalist id="search-suggestions" />
              <button type="submit">Search</button>
            </form>
            <nav class="account-nav" aria-label="Account">
              <AccountNav />
            </nav>
          </div>
        </header>
        <main id="main" class="wrap">{children}</main>
        <div id="shortcuts" class="shortcuts" hidden>
          <h2>Keyboard shortcuts</h2>
          <dl>
            <dt><kbd>j</kbd> / <kbd>k</kbd></dt><dd>next / previous paper</dd>
            <dt><kbd>o</kbd></dt><dd>open the paper</dd>
            <dt><kbd>u</kbd></dt><dd>upvote it</dd>
            <dt><kbd>w</kbd></dt><dd>why it is here (trending lists)</dd>
            <dt><kbd>/</kbd></dt><dd>search</dd>
            <dt><kbd>?</kbd></dt><dd>this help (<kbd>Esc</kbd> closes it)</dd>
          </dl>
        </div>
        <SubscribeBox />
        <footer class="site-footer">
          <div class="wrap">
            Paperboard · a self-hosted hub for research papers · metadata from arXiv · <a href="/about">About and ranking</a>
            {feeds ? <> · <a href={`${feeds.path}.atom${feeds.query ?? ''}`}>Feed of this page</a></> : null}
          </div>
        </footer>
      </body>
    </html>
  );
}
