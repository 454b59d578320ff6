// Papers with code, end to end on a real database: links from the text at import, from Hugging Face and from the
// Papers with Code archive; repository facts and star counts from a local GitHub serving the recorded responses,
// with 304s, both rate limits, a rename and a gone repository; stars a day, and trending by code.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { startApp, type RunningApp } from '../helpers/app.ts';
import { runCli } from '../helpers/cli.ts';
import { recordedError, startGithubFixtures, type GithubFixtures } from '../helpers/github-fixtures.ts';
import { fixtureCorpus, fixturesDir } from '../helpers/paths.ts';
import { createPapersService } from '../../src/papers/papers.service.ts';

interface CodeJson { url: string; owner: string; name: string; stars: number | null; starsPerDay: number; source: string; official: boolean }
interface PaperJson { id: string; title: string; code: CodeJson[]; projectPage: string | null }

describe('papers with code', () => {
  let github: GithubFixtures;
  let app: RunningApp;
  const paper = async (id: string) => (await (await app.get(`/api/papers/${id}`)).json()) as PaperJson;
  const idOfTitle = async (title: string) => {
    const found = (await (await app.get(`/api/search?mode=keyword&q=${encodeURIComponent(`"${title}"`)}&limit=1`)).json()) as { items: Array<{ paper: PaperJson }> };
    return found.items[0]?.paper.id as string;
  };

  before(async () => {
    github = await startGithubFixtures('2026-11-20');
    app = await startApp(async ({ services, dir }) => {
      await services.importer.importFile(fixtureCorpus);
      // A paper whose repository is named only in its arXiv comments, wrapped as LaTeX does.
      const file = path.join(dir, 'comment.jsonl');
      fs.writeFileSync(file, JSON.stringify({
        id: '2611.70001', title: 'A paper with code in its comments', abstract: 'No link here.', categories: ['cs.LG'],
        publishedAt: '2026-11-26T00:00:00Z', comments: '12 pages; code at \\url{https://github.com/ shikiw/Modality\\_Integration-Rate}.',
      }));
      await services.importer.importFile(file);
    }, { GITHUB_API_URL: github.url, INGEST_TIME_SCALE: '0.001', RATE_LIMIT_READS: '0', RATE_LIMIT_SEARCHES: '0', PAGE_CACHE_SECONDS: '0' });
  });
  after(async () => {
    await app.close();
    await github.close();
  });

  it('finds repository links in abstracts and in arXiv comments as papers are imported', async () => {
    const id = await idOfTitle('SLCA: Slow Learner with Classifier Alignment');
    assert.deepEqual((await paper(id)).code.map((c) => [c.url, c.source]), [['https://github.com/GengDavid/SLCA', 'text']]);
    assert.deepEqual((await paper('2611.70001')).code.map((c) => c.url), ['https://github.com/shikiw/Modality_Integration-Rate']);
    const { repositories } = await app.services.code.counts();
    assert.ok(repositories >= 19, `${repositories} repositories: the captured page's 18 on GitHub, its Hugging Face models, and more`);
  });

  it('links what Hugging Face says of featured papers: repository, stars, project page', async () => {
    const featured = JSON.parse(fs.readFileSync(path.join(fixturesDir, 'hf/daily_papers.2026-11-25.json'), 'utf8')) as Array<{ paper: { id: string; githubRepo?: string; githubStars?: number; projectPage?: string } }>;
    const pagesBefore = new Map(await Promise.all(featured.map(async (f) => [f.paper.id, (await paper(f.paper.id)).projectPage] as const)));
    const result = await app.services.importer.importFile(path.join(fixturesDir, 'hf/daily_papers.2026-11-25.json'));
    assert.equal(result.rejected, 0);
    const withRepo = featured.find((f) => f.paper.githubRepo && f.paper.projectPage && pagesBefore.get(f.paper.id) === null);
    assert.ok(withRepo, 'a featured paper with a repository and a project page its text does not name');
    const json = await paper(withRepo.paper.id);
    assert.equal(json.code[0]?.url, withRepo.paper.githubRepo);
    assert.equal(json.code[0]?.source, 'huggingface');
    assert.equal(json.code[0]?.official, true);
    assert.equal(json.projectPage, new URL(withRepo.paper.projectPage ?? '').href);
    assert.equal(json.code[0]?.stars, withRepo.paper.githubStars, "Hugging Face's count stands until GitHub is asked");
  });

  it('imports the Papers with Code archive: by id, by title, with every bad entry and every unmatched one reported', async () => {
    const result = await runCli(['import', path.join(fixturesDir, 'pwc/links-between-papers-and-code.sample.json')], app.processEnv);
    assert.equal(result.code, 1, 'rejected entries make exit 1');
    assert.match(result.stdout, /rejected .*:57: no repository \(repo_url is empty\)/);
    assert.match(result.stdout, /rejected .*:58: paper_arxiv_id "not-an-id" is not an arXiv id/);
    assert.match(result.stdout, /rejected .*:59: repo_url "javascript:alert\(1\)" is not a web address/);
    const summary = /linked (\d+) repositories to (\d+) papers, unmatched 0, rejected 3/.exec(result.stdout);
    assert.ok(summary, result.stdout);
    assert.ok(Number(summary[1]) >= 30 && Number(summary[2]) >= 30, summary[0]);
    const again = await runCli(['import', '--format', 'pwc-links', path.join(fixturesDir, 'pwc/links-between-papers-and-code.sample.json')], app.processEnv);
    assert.match(again.stdout, /linked 0 repositories to 0 papers, unmatched 0, rejected 3/, 'a second import links nothing twice');
    const unknown = path.join(app.dir, 'unknown.json.gz');
    const { gzipSync } = await import('node:zlib');
    fs.writeFileSync(unknown, gzipSync(JSON.stringify([
      { paper_title: 'A paper nobody stored', paper_arxiv_id: '2611.99999', repo_url: 'https://github.com/a/b', is_official: true },
      { paper_title: 'Another title nobody stored', paper_arxiv_id: null, repo_url: 'https://github.com/a/c', is_official: false },
      { paper_title: 'Elsewhere', paper_arxiv_id: '0704.0001', repo_url: 'https://bitbucket.org/a/d', is_official: false },
    ])));
    const gz = await runCli(['import', unknown], app.processEnv);
    assert.equal(gz.code, 0, gz.stdout);
    assert.match(gz.stdout, /unmatched .*:1: no paper 2611\.99999 is stored here/);
    assert.match(gz.stdout, /unmatched .*:2: no paper "Another title nobody stored" is stored here/);
    assert.match(gz.stdout, /linked 0 repositories to 0 papers, unmatched 2, rejected 0/);
    assert.match(gz.stdout, /skipped 1 links to hosts Paperboard does not follow/);
    const official = (await paper(await idOfTitle('Towards All-in-one Pre-training via Maximizing Multi-modal Mutual Information'))).code;
    assert.equal(official[0]?.official, true, 'matched by title alone, the archive says the repository is official');
    assert.deepEqual((await paper('0704.0005')).code.map((c) => [c.url, c.source]), [['https://github.com/tum-sse/from-dyadic-lambda-alpha-', 'pwc']], 'by arXiv id, the duplicate once');
  });

  it('refreshes repository facts from GitHub, keeps one count a day, and reads the star history once', async () => {
    const report = await app.services.code.refreshGithub({ now: new Date('2026-11-20T12:00:00Z') });
    assert.ok(report.refreshed >= 19, JSON.stringify(report));
    const history = github.requests.filter((r) => r.path.endsWith('/stargazers/history?per_page=30'));
    assert.equal(history.length, report.refreshed, 'the history once for each repository fetched the first time');
  });

  it('sends the ETag back: a 304 costs no budget and keeps the facts', async () => {
    const before = github.requests.length;
    const report = await app.services.code.refreshGithub({ all: true, now: new Date('2026-11-20T18:00:00Z') });
    assert.equal(report.refreshed, 0);
    assert.ok(report.unchanged >= 19);
    const fixtures = new Set(fs.readdirSync(path.join(fixturesDir, 'github/2026-11-20')).map((f) => `/repos/${f.replace('__', '/').replace(/\.json$/, '')}`));
    const sent = github.requests.slice(before).filter((r) => fixtures.has(r.path));
    assert.equal(sent.length, 19);
    assert.ok(sent.every((r) => r.ifNoneMatch?.startsWith('W/"')), 'every request for a repository fetched before is conditional');
  });

  it('derives stars a day from two snapshot days a week apart, and orders trending by code by it', async () => {
    github.day = '2026-11-27';
    await app.services.code.refreshGithub({ all: true, now: new Date('2026-11-27T12:00:00Z') });
    const trending = (await (await app.get('/api/trending?by=stars&limit=5')).json()) as Array<{ paper: { title: string }; trending: { starsPerDay: number; stars: number } }>;
    const rates = trending.map((t) => Math.round(t.trending.starsPerDay));
    assert.deepEqual(rates.slice(0, 3), [250, 250, 250], 'CTP, eP-ALM and SoftCon gained 1,750 stars in 7 days');
    assert.equal(rates[3], 40, 'then LAE or PreSelect: 280 in 7 days');
    const sorted = [...rates].sort((a, b) => b - a);
    assert.deepEqual(rates, sorted);
  });

  it('re-scores every paper when the weights change (what paperboard reindex runs), and only those that moved', async () => {
    type Item = { paper: { id: string }; trending: { score: number; starsPerDay: number } };
    const top = async () => ((await (await app.get('/api/trending?by=stars&limit=1')).json()) as Item[])[0] as Item;
    const starred = await top();
    assert.ok(starred.trending.starsPerDay > 0);
    const withoutStars = createPapersService(app.db, { trendingWeights: { ...app.config.trending, starPerDay: 0 } });
    assert.ok((await withoutStars.rescoreAll()) > 0);
    assert.ok((await top()).trending.score < starred.trending.score, 'its stars no longer count');
    assert.equal(await withoutStars.rescoreAll(), 0, 'a second run writes nothing');
    await createPapersService(app.db, { trendingWeights: app.config.trending }).rescoreAll();
    assert.equal((await top()).trending.score, starred.trending.score);
  });

  it('/about states the formula with this site\'s weights', async () => {
    const about = await (await app.get('/about')).text();
    assert.match(about, /½ × Hugging Face upvotes\s+\+ 0\.2 × stars a day on its code/);
    assert.match(about, /href="\/trending\?by=stars"/);
  });

  it('pauses until the reset on the primary rate limit, waits as retry-after says on a secondary one, and goes on', async () => {
    const limited = recordedError('rate-limited.json');
    github.queue('/repos/mlfoundations/model-soups', { status: 403, headers: { ...limited.headers, 'x-ratelimit-reset': String(Math.ceil(Date.now() / 1000) + 2) }, body: limited.body });
    const secondary = recordedError('secondary-rate-limit.json');
    github.queue('/repos/GengDavid/SLCA', { status: secondary.status, headers: secondary.headers, body: secondary.body });
    const report = await app.services.code.refreshGithub({ all: true, now: new Date('2026-11-27T20:00:00Z') });
    assert.equal(report.failed, 0, JSON.stringify(report.problems));
    const soups = github.requests.filter((r) => r.path === '/repos/mlfoundations/model-soups');
    assert.ok(soups.length >= 2, 'asked again after the pause');
  });

  it('follows a 301 to the renamed repository and keeps its new name; marks a 404 gone without deleting it', async () => {
    const moved = await app.services.code.addByMember(await member(), '2611.70001', 'https://github.com/gqk/LAE-old-name');
    assert.equal(moved.repository.name, 'LAE-old-name');
    const gone = await app.services.code.addByMember(await member(), '2611.70001', 'https://github.com/someone/deleted-repo');
    assert.equal(gone.repository.status, 'unknown');
    await app.services.code.refreshGithub({ all: true, now: new Date('2026-11-27T21:00:00Z') });
    const code = (await paper('2611.70001')).code.map((c) => `${c.owner}/${c.name}`);
    assert.ok(code.includes('gqk/LAE'), `renamed: ${code.join(', ')}`);
    assert.ok(!code.includes('gqk/LAE-old-name'));
    const links = (await app.services.code.forPapers([(await app.services.papers.get('2611.70001')).paper])).get('2611.70001') ?? [];
    assert.equal(links.find((l) => l.repository.name === 'deleted-repo')?.repository.status, 'gone');
  });

  it('finds papers with code with has:code, in every search mode', async () => {
    for (const mode of ['keyword', 'hybrid']) {
      const found = (await (await app.get(`/api/search?mode=${mode}&q=${encodeURIComponent('learning has:code')}&limit=50`)).json()) as { items: Array<{ paper: PaperJson }> };
      assert.ok(found.items.length >= 5, `${mode}: ${found.items.length}`);
      for (const item of found.items) assert.ok(item.paper.code.length > 0, `${mode}: ${item.paper.id} has code`);
    }
    const alone = (await (await app.get('/api/search?mode=keyword&q=has%3Acode&limit=100')).json()) as { items: Array<{ paper: PaperJson }> };
    assert.ok(alone.items.length >= 19 && alone.items.every((i) => i.paper.code.length > 0));
    assert.equal((await app.get('/api/search?q=has%3Astars')).status, 400);
  });

  let memberUser: Awaited<ReturnType<RunningApp['services']['accounts']['addUser']>>['user'] | null = null;
  async function member() {
    memberUser ??= (await app.services.accounts.addUser('coder@example.org', 'user')).user;
    return memberUser;
  }
});
