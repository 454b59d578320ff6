// Which papers each recorded fixture holds, by arXiv id (the demo set is built from all of them).
import fs from 'node:fs';
import path from 'node:path';
import { kaggleSample, fixturesDir } from './paths.ts';

/** The papers in the recorded arXiv API answers (id lookups and the paged "testing" query). */
export function arxivApiFixtureIds(): Set<string> {
  const dir = path.join(fixturesDir, 'arxiv-api');
  const ids = new Set<string>();
  for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.xml'))) {
    const xml = fs.readFileSync(path.join(dir, file), 'utf8');
    for (const match of xml.matchAll(/<id>https?:\/\/arxiv\.org\/abs\/(.+?)(?:v\d+)?<\/id>/g)) ids.add(match[1] as string);
  }
  return ids;
}

/** The papers in the snapshot sample. */
export function snapshotSampleIds(): Set<string> {
  return new Set(fs.readFileSync(kaggleSample, 'utf8').trim().split('\n').map((line) => (JSON.parse(line) as { id: string }).id));
}
