// One entry of the Papers with Code archive (`links-between-papers-and-code.json`): which repository goes with which
// paper, by arXiv id or, when the entry has none, by title. Pure.
import { z } from 'zod';
import { parseArxivId } from '../papers/paper-id.ts';
import { hostOf, parseRepositoryUrl, type RepositoryRef } from './repository-url.ts';

const entrySchema = z.object({
  paper_title: z.string().nullish(),
  paper_arxiv_id: z.string().nullish(),
  repo_url: z.string().nullish(),
  is_official: z.boolean().nullish(),
  framework: z.string().nullish(),
});

export interface PwcLink {
  arxivId: string | null;
  title: string | null;
  repository: RepositoryRef;
  official: boolean;
  framework: string | null;
}

export type PwcEntry = { ok: true; link: PwcLink } | { ok: false; reason: string } | { ok: false; skipped: string };

/** An entry as a link, refused with the reason (no repository, a broken id, a link that is no web address), or skipped (a host not followed). */
export function parsePwcEntry(value: unknown): PwcEntry {
  const parsed = entrySchema.safeParse(value);
  if (!parsed.success || typeof value !== 'object' || value === null || Array.isArray(value)) return { ok: false, reason: 'not a links-between-papers-and-code entry' };
  const entry = parsed.data;
  const url = entry.repo_url?.trim();
  if (!url) return { ok: false, reason: 'no repository (repo_url is empty)' };
  if (!/^https?:\/\//i.test(url)) return { ok: false, reason: `repo_url "${url.slice(0, 60)}" is not a web address` };
  let arxivId: string | null = null;
  if (entry.paper_arxiv_id) {
    const ref = parseArxivId(entry.paper_arxiv_id);
    if (!ref) return { ok: false, reason: `paper_arxiv_id "${entry.paper_arxiv_id.slice(0, 40)}" is not an arXiv id` };
    arxivId = ref.id;
  }
  const title = entry.paper_title?.trim() || null;
  if (!arxivId && !title) return { ok: false, reason: 'neither an arXiv id nor a title names the paper' };
  const repository = parseRepositoryUrl(url);
  if (!repository) {
    const host = URL.canParse(url) ? new URL(url).hostname : null;
    if (!host) return { ok: false, reason: `repo_url "${url.slice(0, 60)}" is not a web address` };
    // A host followed, but no repository named on it (a bad owner or name, a page of the host's own): that is the reason.
    if (hostOf(host)) return { ok: false, reason: `repo_url "${url.slice(0, 60)}" names no repository on ${host} (owner/name)` };
    return { ok: false, skipped: `${host} is not a code host Paperboard follows` };
  }
  const framework = entry.framework && entry.framework !== 'none' ? entry.framework.slice(0, 40) : null;
  return { ok: true, link: { arxivId, title, repository, official: entry.is_official === true, framework } };
}

/** A title as two records of one paper write it: case, accents, LaTeX and punctuation aside. */
export function normalizeTitle(title: string): string {
  return title
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/\\[a-zA-Z]+/g, ' ')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** Whether a value looks like an archive entry: what `import --format auto` tells the format by. */
export function looksLikePwcEntry(value: unknown): boolean {
  return typeof value === 'object' && value !== null && 'repo_url' in value && ('paper_arxiv_id' in value || 'paper_title' in value);
}
