// The layout's rules (DESIGN.md), checked: who may import whom.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { repoRoot } from './helpers/paths.ts';

const srcDir = path.join(repoRoot, 'src');
const files = fs.readdirSync(srcDir, { recursive: true }).map(String).filter((f) => /\.tsx?$/.test(f));

function importsOf(file: string): string[] {
  const text = fs.readFileSync(path.join(srcDir, file), 'utf8');
  return [...text.matchAll(/^import[^'"]*['"](\.[^'"]+)['"]/gm)].map((m) =>
    path.relative(srcDir, path.resolve(path.dirname(path.join(srcDir, file)), m[1] as string)),
  );
}

const capability = (file: string) => file.split(path.sep)[0] as string;
const isPure = (file: string) => !/\.(repository|service|routes|command|reader|worker|transport|store|adapter)\.tsx?$|\.view\.tsx$|^app\/|^http\/|^cli\/|^db\//.test(file);

/** Imports of a file with whether each is type-only (erased at build: no dependency at run time). */
function importsWithKind(file: string): Array<{ target: string; typeOnly: boolean }> {
  const text = fs.readFileSync(path.join(srcDir, file), 'utf8');
  return [...text.matchAll(/^import( type)?[^'"]*['"](\.[^'"]+)['"]/gm)].map((m) => ({
    target: path.relative(srcDir, path.resolve(path.dirname(path.join(srcDir, file)), m[2] as string)),
    typeOnly: m[1] !== undefined,
  }));
}

/** Folder → the folders its files import (type imports count: they tie the folders' meanings as much). */
function folderGraph(): Map<string, Set<string>> {
  const graph = new Map<string, Set<string>>();
  for (const file of files) {
    const from = file.includes(path.sep) ? capability(file) : '(root)';
    for (const { target } of importsWithKind(file)) {
      const to = target.includes(path.sep) ? capability(target) : '(root)';
      if (to !== from) graph.set(from, (graph.get(from) ?? new Set()).add(to));
    }
  }
  return graph;
}

/** The folders that sit in some import cycle (Tarjan's strongly connected components larger than one). */
function foldersInCycles(graph: Map<string, Set<string>>): Set<string> {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const inCycle = new Set<string>();
  let next = 0;
  const visit = (v: string) => {
    index.set(v, next);
    low.set(v, next++);
    stack.push(v);
    for (const w of graph.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v) as number, low.get(w) as number));
      } else if (stack.includes(w)) low.set(v, Math.min(low.get(v) as number, index.get(w) as number));
    }
    if (low.get(v) === index.get(v)) {
      const component: string[] = [];
      for (let w = stack.pop(); w !== undefined; w = w === v ? undefined : stack.pop()) component.push(w);
      if (component.length > 1) component.forEach((c) => inCycle.add(c));
    }
  };
  for (const v of graph.keys()) if (!index.has(v)) visit(v);
  return inCycle;
}

/**
 * The folders still tangled in one import cycle (issue 22 is undoing it: 17 of 17 on 2026-12-07, 8 on 2026-12-08).
 * The list may only shrink: a folder that leaves it is removed here, and no folder may join it.
 */
const STILL_TANGLED = new Set(['accounts', 'authors', 'code', 'community', 'digest', 'ingest', 'papers', 'search']);

/** The bottom of the house: each imports only the folders listed (and root-level files), never a capability. */
const BOTTOM: Record<string, string[]> = { db: [], http: [], mail: ['db'], net: [], jobs: ['db'] };

describe('architecture', () => {
  it('lets no folder join the import cycle still being undone, and keeps the bottom folders below every capability', () => {
    const graph = folderGraph();
    const tangled = foldersInCycles(graph);
    const joined = [...tangled].filter((folder) => !STILL_TANGLED.has(folder));
    assert.deepEqual(joined, [], 'a folder joined the import cycle');
    const left = [...STILL_TANGLED].filter((folder) => !tangled.has(folder));
    assert.deepEqual(left, [], 'a folder left the cycle: take it off STILL_TANGLED so it cannot come back');
    for (const [folder, allowed] of Object.entries(BOTTOM)) {
      const above = [...(graph.get(folder) ?? [])].filter((to) => to !== '(root)' && !allowed.includes(to));
      assert.deepEqual(above, [], `${folder}/ imports folders above it`);
    }
  });


  it('keeps every repository private to its capability', () => {
    for (const file of files) {
      for (const target of importsOf(file).filter((t) => t.includes('.repository.'))) {
        assert.equal(capability(target), capability(file), `${file} imports ${target}`);
      }
    }
  });

  it('lets nothing import the entry points (cli/, app/): routes declare the services they use', () => {
    for (const file of files) {
      for (const { target } of importsWithKind(file)) {
        if (target.startsWith('cli/')) assert.ok(file.startsWith('cli/'), `${file} imports ${target}`);
        if (target.startsWith('app/')) assert.ok(/^(app|cli)\//.test(file), `${file} imports ${target}`);
      }
    }
  });

  it('keeps http/ below the capabilities: only routes, views and entry points use it, and it uses no capability', () => {
    for (const file of files) {
      for (const { target, typeOnly } of importsWithKind(file)) {
        if (target.startsWith('http/')) {
          // The viewer's type is the kit's word for a member: accounts checks its User against it.
          const viewerType = typeOnly && target === 'http/viewer.ts';
          assert.ok(viewerType || /^(http|app|cli)\/|\.routes\.tsx?$|\.view\.tsx$/.test(file), `${file} imports ${target}`);
        }
        // Root-level files (errors.ts, request-limits.ts, sign-in-actions.ts …) sit below every folder: the kit may use
        // them, and nothing else (it declares its own viewer type, http/viewer.ts).
        if (file.startsWith('http/')) assert.ok(/^http\//.test(target) || !target.includes('/'), `${file} (http kit) imports ${target}`);
      }
    }
  });

  it('lets only the modules made for it reach the network or the file system', () => {
    // The network: one client, polite to every host (the browser script is the page's own, not the server's).
    const network = new Set(['net/polite-http.ts', 'app/assets/app.js']);
    // Files: the database's own, readers of imported files, the vector index's file, mail kept as files, the demo's data.
    const files_ = new Set([
      'db/database.ts', 'db/session-secret.ts', 'ingest/records.reader.ts', 'ingest/import.service.ts', 'ingest/hf-daily.service.ts',
      'code/json-array.reader.ts', 'search/vector-index.store.ts', 'search/semantic.service.ts', 'mail/mail.transport.ts', 'app/demo.service.ts',
    ]);
    const all = fs.readdirSync(srcDir, { recursive: true }).map(String).filter((f) => /\.(tsx?|mjs|js)$/.test(f));
    for (const file of all) {
      const text = fs.readFileSync(path.join(srcDir, file), 'utf8');
      if (/\bfetch\(/.test(text)) assert.ok(network.has(file), `${file} calls fetch: outside requests go through net/polite-http.ts`);
      if (/from 'node:fs(\/promises)?'|require\('node:fs'\)/.test(text) && !file.startsWith('cli/')) {
        assert.ok(files_.has(file), `${file} uses the file system: only the modules listed here do`);
      }
    }
  });

  it('keeps pure rule files free of I/O', () => {
    const io = /^(node:fs|node:net|node:http|better-sqlite3|kysely|fastify)/;
    for (const file of files.filter(isPure)) {
      const text = fs.readFileSync(path.join(srcDir, file), 'utf8');
      for (const m of text.matchAll(/^import[^'"]*['"]([^'"]+)['"]/gm)) {
        const spec = m[1] as string;
        assert.ok(!io.test(spec) || /^import type/.test(m[0]), `${file} imports ${spec}`);
        if (spec.startsWith('.')) {
          const target = path.relative(srcDir, path.resolve(path.dirname(path.join(srcDir, file)), spec));
          assert.ok(isPure(target) || /^import type/.test(m[0]), `${file} (pure) imports ${target}`);
        }
      }
    }
  });

  it('keeps SQL in repositories and db/', () => {
    for (const file of files.filter((f) => !/\.repository\.ts$|^db\//.test(f))) {
      const text = fs.readFileSync(path.join(srcDir, file), 'utf8');
      assert.doesNotMatch(text, /\b(SELECT|INSERT INTO|DELETE FROM|UPDATE \w+ SET)\b/, file);
    }
  });

  it('lets each repository read and write only the tables of its own capability', () => {
    const owners: Record<string, string[]> = {
      papers: ['papers', 'paper_versions', 'daily_listings', 'external_signals'],
      accounts: ['users', 'sign_in_tokens', 'sessions', 'api_tokens'],
      community: ['votes', 'submissions', 'comments', 'comment_flags', 'moderation_log'],
      digest: ['subscriptions', 'digest_outbox', 'digest_papers', 'digest_runs'],
      search: ['semantic_models', 'paper_vectors', 'not_interested', 'keyword_fts', 'keyword_index_removed', 'paper_search'],
      code: ['repositories', 'code_links', 'repository_stars'],
      ingest: ['ingest_runs', 'harvest_checkpoints'],
      jobs: ['job_runs'],
      mail: ['mail_requests'],
      thumbnails: ['thumbnails'],
    };
    const uses = (table: string) =>
      new RegExp(`\\b(FROM|JOIN|INTO|UPDATE)\\s+"?${table}"?\\b|(selectFrom|updateTable|insertInto|deleteFrom|innerJoin|leftJoin)\\(\\s*'${table}( as \\w+)?'`);
    for (const file of files.filter((f) => /\.(repository|adapter)\.ts$/.test(f))) {
      const text = fs.readFileSync(path.join(srcDir, file), 'utf8');
      for (const [owner, tables] of Object.entries(owners)) {
        if (owner === capability(file)) continue;
        for (const table of tables) assert.doesNotMatch(text, uses(table), `${file} uses ${table}, a table of ${owner}/`);
      }
    }
  });

  it('keeps each table with the capability that owns it: papers with papers/, the keyword index with search/', () => {
    const papersTables = '(papers|paper_versions|daily_listings|external_signals)';
    const owned = [
      { owner: 'papers', table: new RegExp(`\\b(FROM|JOIN|INTO|UPDATE) "?${papersTables}"?\\b|(selectFrom|updateTable|insertInto|deleteFrom)\\('${papersTables}'\\)`) },
      { owner: 'search', table: /\b(keyword_fts|keyword_index_removed|paper_search)\b/ },
    ];
    // db/ holds the migrations (the schema's history) and the engine's own probes; the rest must ask the owner's service.
    for (const file of files.filter((f) => f.endsWith('.repository.ts') || f.endsWith('.adapter.ts'))) {
      const text = fs.readFileSync(path.join(srcDir, file), 'utf8');
      for (const { owner, table } of owned) {
        if (capability(file) !== owner) assert.doesNotMatch(text, table, `${file} reads a table of ${owner}/`);
      }
    }
  });
});
