// How code shows: the mark on a card (the main repository, its stars, this week's growth), the paper page's list of
// every repository with its facts and a sparkline of its stars, the member's "add a code link" form and the
// moderator's "remove".
import { signInPath } from '../http/sign-in-path.ts';
import { CsrfField } from '../http/components/csrf-field.view.tsx';
import { Layout } from '../http/layout.view.tsx';
import { usePageContext } from '../http/page-context.ts';
import type { CodeLink, StarSample } from './code.ts';
import { GROWTH_WINDOW_DAYS, isCode } from './code.ts';

const hostNames = { github: 'GitHub', gitlab: 'GitLab', codeberg: 'Codeberg', huggingface: 'Hugging Face' } as const;
const sourceNames = { text: "the paper's text", huggingface: 'Hugging Face', pwc: 'Papers with Code', member: 'a member' } as const;

const thousands = (n: number) => n.toLocaleString('en');

/** Stars gained over the growth window, from the growth a day: "+1,750 this week". */
function weekGrowth(link: CodeLink): string | null {
  const gained = Math.round(link.repository.starsPerDay * GROWTH_WINDOW_DAYS);
  return gained > 0 ? `+${thousands(gained)} this week` : null;
}

/** The card's code mark: `owner/name`, ★ count, this week's growth, official or community. */
export function CodeMark({ link }: { link: CodeLink }) {
  const r = link.repository;
  const growth = weekGrowth(link);
  return (
    <p class="code-mark">
      <span class="chip chip-code">code</span>{' '}
      <a href={r.url} rel="nofollow noopener">{r.owner}/{r.name}</a>
      {r.stars !== null ? <span class="stars" title={`${thousands(r.stars)} stars on ${hostNames[r.host]}`}> ★ {thousands(r.stars)}</span> : null}
      {growth ? <span class="growth"> {growth}</span> : null}
      <span class="muted"> · {link.official ? 'official' : 'community'}</span>
      {r.status === 'gone' ? <span class="muted"> · gone</span> : null}
    </p>
  );
}

/** A small line of the stars of the last weeks, drawn on the server (no script): the shape of the growth. */
export function Sparkline({ samples, label }: { samples: readonly StarSample[]; label: string }) {
  if (samples.length < 2) return null;
  const width = 120;
  const height = 24;
  const values = samples.map((s) => s.stars);
  const min = Math.min(...values);
  const span = Math.max(1, Math.max(...values) - min);
  const points = samples
    .map((s, i) => `${((i / (samples.length - 1)) * width).toFixed(1)},${(height - 2 - ((s.stars - min) / span) * (height - 4)).toFixed(1)}`)
    .join(' ');
  return (
    <svg class="sparkline" width={width} height={height} viewBox={`0 0 ${width} ${height}`} role="img" aria-label={label}>
      <polyline points={points} fill="none" stroke="currentColor" stroke-width="1.5" />
    </svg>
  );
}

export interface CodeSectionProps {
  paperId: string;
  links: readonly CodeLink[];
  /** Each repository's daily counts of the last weeks, by repository id. */
  history: Map<number, StarSample[]>;
}

/** The paper page's code: every repository, its facts and stars, where the link came from; add and remove. */
export function CodeSection({ paperId, links, history }: CodeSectionProps) {
  const { viewer, perMember } = usePageContext();
  // The add form and the remove buttons differ from member to member: drawn for each on a page shared by all.
  if (perMember) return <>{perMember(() => <CodeSection paperId={paperId} links={links} history={history} />)}</>;
  const moderator = viewer?.role === 'moderator' || viewer?.role === 'admin';
  const code = links.filter(isCode);
  const artifacts = links.filter((link) => !isCode(link));
  return (
    <>
    <section class="code-section" aria-labelledby="code-heading">
      <h2 id="code-heading">Code</h2>
      {code.length === 0 ? <p class="muted">No repository is linked to this paper yet.</p> : null}
      <ul class="repositories">
        {code.map((link) => {
          const r = link.repository;
          const samples = history.get(r.id) ?? [];
          const growth = weekGrowth(link);
          return (
            <li class="repository">
              <p>
                <a href={r.url} rel="nofollow noopener"><strong>{r.owner}/{r.name}</strong></a>{' '}
                <span class="muted">on {hostNames[r.host]}{r.kind !== 'repository' ? ` (${r.kind})` : ''}</span>
                {link.official ? <span class="chip">official</span> : null}
                {link.confirmed ? null : <span class="chip" title="A member's link: it counts toward trending once a moderator confirms it">suggested</span>}
                {r.status === 'gone' ? <span class="chip">gone</span> : null}
                {r.archived ? <span class="chip">archived</span> : null}
              </p>
              {r.description ? <p class="muted">{r.description}</p> : null}
              <p class="repository-facts">
                {r.stars !== null ? <span>★ {thousands(r.stars)} stars</span> : <span class="muted">stars not counted yet</span>}
                {growth ? <span class="growth"> · {growth}</span> : null}
                {r.forks !== null ? <span> · {thousands(r.forks)} forks</span> : null}
                {r.language ? <span> · {r.language}</span> : null}
                {r.license ? <span> · {r.license}</span> : null}
                {r.pushedAt ? <span> · last push {r.pushedAt.slice(0, 10)}</span> : null}
                {link.framework ? <span> · {link.framework}</span> : null}
              </p>
              <Sparkline samples={samples} label={`Stars of ${r.owner}/${r.name} over the last weeks, from ${samples[0]?.stars ?? 0} to ${samples.at(-1)?.stars ?? 0}`} />
              <p class="muted small">
                Linked from {sourceNames[link.source]}
                {link.addedBy ? <> (added by <a href={`/u/${link.addedBy}`}>{link.addedBy}</a>)</> : null}
              </p>
              {moderator && !link.confirmed ? (
                <form class="inline-form" action={`/papers/${paperId}/code/${r.id}/confirm`} method="post">
                  <CsrfField />
                  <button type="submit" class="button-quiet">Confirm this link</button>
                </form>
              ) : null}
              {moderator ? (
                <form class="inline-form" action={`/papers/${paperId}/code/${r.id}/remove`} method="post">
                  <CsrfField />
                  <button type="submit" class="button-quiet">Remove this link</button>
                </form>
              ) : null}
            </li>
          );
        })}
      </ul>
      {viewer ? (
        <form class="form code-form" action={`/papers/${paperId}/code`} method="post">
          <CsrfField />
          <label for="code-url">Add a code link</label>
          <input id="code-url" name="url" type="url" required placeholder="https://github.com/owner/name" maxlength={500} />
          <button type="submit">Add</button>
        </form>
      ) : (
        <p class="muted"><a href={signInPath({ action: 'add-code', next: `/papers/${paperId}#code-heading` })}>Sign in to add a code link</a></p>
      )}
    </section>
    <ModelsAndDatasets links={artifacts} paperId={paperId} moderator={moderator} />
    </>
  );
}

const artifactNames = { model: 'Model', dataset: 'Dataset', space: 'Space', repository: 'Repository' } as const;

/** "♥ 1,204 likes · 31,502 downloads last month", as the Hub counts them; nothing before they are known. */
function HubFacts({ repository }: { repository: CodeLink['repository'] }) {
  if (repository.status === 'gone') return <p class="muted">No longer on Hugging Face.</p>;
  if (repository.likes === null) return null;
  const n = (value: number) => value.toLocaleString('en-US');
  return (
    <p class="repository-facts">
      <span aria-label={`${n(repository.likes)} likes`}>♥ {n(repository.likes)}</span>
      {repository.downloads !== null ? <> · {n(repository.downloads)} downloads last month</> : null}
    </p>
  );
}

/** Hugging Face models, datasets and Spaces the paper names: what it released besides code, with the Hub's likes and downloads. */
function ModelsAndDatasets({ links, paperId, moderator }: { links: readonly CodeLink[]; paperId: string; moderator: boolean }) {
  if (links.length === 0) return null;
  return (
    <section class="code-section" aria-labelledby="artifacts-heading">
      <h2 id="artifacts-heading">Models and datasets</h2>
      <ul class="repositories">
        {links.map((link) => (
          <li class="repository">
            <p>
              <span class="chip">{artifactNames[link.repository.kind]}</span>{' '}
              <a href={link.repository.url} rel="nofollow noopener"><strong>{link.repository.owner}/{link.repository.name}</strong></a>{' '}
              <span class="muted">on Hugging Face · linked from {sourceNames[link.source]}</span>
            </p>
            <HubFacts repository={link.repository} />
            {moderator ? (
              <form class="inline-form" action={`/papers/${paperId}/code/${link.repository.id}/remove`} method="post">
                <CsrfField />
                <button type="submit" class="button-quiet">Remove this link</button>
              </form>
            ) : null}
          </li>
        ))}
      </ul>
    </section>
  );
}

/** The "add a code link" form again, with what was typed and why it was refused. */
export function CodeFormPage({ paperId, url, error }: { paperId: string; url: string; error: string }) {
  return (
    <Layout title="Add a code link">
      <section class="panel">
        <h1>Add a code link</h1>
        <p><a href={`/papers/${paperId}`}>← back to the paper</a></p>
        <p class="error" role="alert">{error}</p>
        <form class="form code-form" action={`/papers/${paperId}/code`} method="post">
          <CsrfField />
          <label for="code-url">Repository address</label>
          <input id="code-url" name="url" type="url" required value={url} maxlength={500} />
          <button type="submit">Add</button>
        </form>
      </section>
    </Layout>
  );
}
