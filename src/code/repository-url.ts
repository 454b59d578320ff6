// Where a paper's code lives, read from a URL or from text: GitHub, GitLab and Codeberg repositories, Hugging Face
// models, datasets and Spaces, and project pages (`*.github.io`). arXiv text wraps at 80 columns and is LaTeX, so
// links arrive as `\url{…}`, with `\_`, split after a slash or a dot, and followed by a full stop.

export const codeHosts = ['github', 'gitlab', 'codeberg', 'huggingface'] as const;
export type CodeHost = (typeof codeHosts)[number];

/** A repository (or a Hugging Face model, dataset or Space), named the way its host does. */
export interface RepositoryRef {
  host: CodeHost;
  /** `model`, `dataset` or `space` on Hugging Face; `repository` elsewhere. */
  kind: 'repository' | 'model' | 'dataset' | 'space';
  owner: string;
  name: string;
  /** The canonical address: https, the host's own case rules, nothing after the repository's name. */
  url: string;
}

export interface CodeLinksInText {
  repositories: RepositoryRef[];
  /** Project pages (`https://owner.github.io/project/`): where the paper says its page is. */
  projectPages: string[];
}

// Path segments that are GitHub's own pages, not owners.
const GITHUB_RESERVED = new Set([
  'about', 'apps', 'collections', 'contact', 'customer-stories', 'enterprise', 'events', 'explore', 'features',
  'login', 'marketplace', 'notifications', 'orgs', 'pricing', 'pulls', 'issues', 'search', 'security', 'settings',
  'site', 'sponsors', 'topics', 'trending', 'users', 'join', 'new', 'codespaces', 'readme',
]);
const HF_RESERVED = new Set(['papers', 'docs', 'blog', 'models', 'learn', 'pricing', 'join', 'login', 'collections', 'organizations', 'posts', 'tasks']);
const NAME = /^[A-Za-z0-9_.-]{1,100}$/;

/** The code host a hostname is (github.com, www.gitlab.com, hf.co …), or null for any other. */
export const hostOf = (hostname: string): CodeHost | null => {
  const host = hostname.toLowerCase().replace(/^www\./, '');
  if (host === 'github.com') return 'github';
  if (host === 'gitlab.com') return 'gitlab';
  if (host === 'codeberg.org') return 'codeberg';
  if (host === 'huggingface.co' || host === 'hf.co') return 'huggingface';
  return null;
};

const origin: Record<CodeHost, string> = {
  github: 'https://github.com',
  gitlab: 'https://gitlab.com',
  codeberg: 'https://codeberg.org',
  huggingface: 'https://huggingface.co',
};

/** A name as the URL ends it: without `.git` and the punctuation of the sentence around it. */
function cleanName(segment: string): string {
  return segment.replace(/\.git$/i, '').replace(/[.,;:!?'")\]}>]+$/, '');
}

/** A repository from its URL (any path below it: `/tree/main/src`, `/blob/…`, `.git`), or null when it is none. */
export function parseRepositoryUrl(input: string): RepositoryRef | null {
  let url: URL;
  try {
    url = new URL(/^https?:\/\//i.test(input.trim()) ? input.trim() : `https://${input.trim()}`);
  } catch {
    return null;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
  const host = hostOf(url.hostname);
  if (!host) return null;
  const segments = url.pathname.split('/').filter(Boolean).map((s) => decodeURIComponentSafe(s));
  let kind: RepositoryRef['kind'] = 'repository';
  if (host === 'huggingface') {
    if (segments[0] === 'datasets' || segments[0] === 'spaces') kind = segments.shift() === 'datasets' ? 'dataset' : 'space';
    else kind = 'model';
    if (kind === 'model' && HF_RESERVED.has((segments[0] ?? '').toLowerCase())) return null;
  }
  const owner = segments[0] ?? '';
  const name = cleanName(segments[1] ?? '');
  if (!NAME.test(owner) || !NAME.test(name) || name === '.' || name === '..') return null;
  if (host === 'github' && GITHUB_RESERVED.has(owner.toLowerCase())) return null;
  const prefix = kind === 'dataset' ? '/datasets' : kind === 'space' ? '/spaces' : '';
  return { host, kind, owner, name, url: `${origin[host]}${prefix}/${owner}/${name}` };
}

function decodeURIComponentSafe(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/** A project page from its URL: `https://owner.github.io/…` (or GitLab Pages), or null. */
export function parseProjectPage(input: string): string | null {
  try {
    const url = new URL(/^https?:\/\//i.test(input) ? input : `https://${input}`);
    if (!/^[a-z0-9-]+\.(github|gitlab)\.io$/i.test(url.hostname)) return null;
    return `https://${url.hostname.toLowerCase()}${url.pathname.replace(/[.,;:!?'")\]}>]+$/, '')}`;
  } catch {
    return null;
  }
}

/**
 * A project page as an upstream gives it (Hugging Face's `projectPage`), when it is a public web page: http(s), a host
 * name with a dot that is no IP address and no local name, no user or password, no control character, at most 500
 * characters. Anything else (`javascript:`, `http://127.0.0.1:9200/`, a tab inside) is no link to show a reader.
 */
export function publicWebPage(input: string): string | null {
  const text = input.trim();
  if (text.length > 500 || /[\u0000-\u001f\u007f-\u009f\s]/.test(text) || !/^https?:\/\//i.test(text)) return null;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return null;
  }
  const host = url.hostname.toLowerCase();
  if (url.username || url.password || !host.includes('.') || host.startsWith('[') || /^[\d.]+$/.test(host)) return null;
  if (/(^|\.)(localhost|local|internal|localdomain|home|lan|test|example|invalid)$/.test(host)) return null;
  return url.href;
}

/**
 * Undoes what LaTeX and line wrapping do to a URL in an abstract or a comment: `\url{x}` and `\href{x}{…}` become x,
 * `\_` and `\~` their characters, and a break after a slash or inside `github. com` is closed again.
 */
export function unwrapLinks(text: string): string {
  return text
    .replace(/\\(?:url|href)\s*\{([^}]*)\}(?:\{[^}]*\})?/g, ' $1 ')
    .replace(/\\([_~#%&])/g, '$1')
    .replace(/\b(github|gitlab|codeberg|huggingface)\s*\.\s*(com|org|co|io)\b/gi, '$1.$2')
    .replace(/((?:github\.com|gitlab\.com|codeberg\.org|huggingface\.co|\.github\.io)(?:\/[\w.-]+)*)\/\s+(?=[\w.-])/gi, '$1/');
}

const LINK = /(?:https?:\/\/)?(?:www\.)?(?:github\.com|gitlab\.com|codeberg\.org|huggingface\.co|hf\.co|[a-z0-9-]+\.(?:github|gitlab)\.io)(?:\/[^\s<>"'{}|\\^`[\]]*)?/gi;

/** Every repository and project page a text names, each once, in the order they appear. */
export function findCodeLinks(text: string): CodeLinksInText {
  const repositories = new Map<string, RepositoryRef>();
  const projectPages = new Set<string>();
  for (const match of unwrapLinks(text).matchAll(LINK)) {
    const found = match[0];
    const page = parseProjectPage(found);
    if (page) {
      projectPages.add(page);
      continue;
    }
    const repository = parseRepositoryUrl(found);
    if (repository && !repositories.has(repository.url.toLowerCase())) repositories.set(repository.url.toLowerCase(), repository);
  }
  return { repositories: [...repositories.values()], projectPages: [...projectPages] };
}
