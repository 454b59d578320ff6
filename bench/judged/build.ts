// Builds the judged query set of bench/search-quality.ts from the demo data (itself built from shared/), once;
// the output, bench/judged/demo-queries.json, is kept in the repository so every run is judged the same way.
// Usage: node --import tsx bench/judged/build.ts
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { contentTokens } from '../../src/search/text-tokens.ts';

interface DemoPaper { id: string; title: string; abstract?: string; categories?: string[]; primaryCategory?: string | null }
const here = path.dirname(fileURLToPath(import.meta.url));
const papers = fs.readFileSync(path.join(here, '../../test/fixtures/corpus/papers.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as DemoPaper);
const primary = (p: DemoPaper) => p.primaryCategory ?? p.categories?.[0] ?? null;

// Topics, in words a reader would use rather than the papers' own: relevant = every paper filed under the category.
const topics: Array<[string, string]> = [
  ['hep-ph', 'particle collider phenomenology of quarks and hadrons'],
  ['hep-th', 'string theory and symmetries of quantum fields'],
  ['astro-ph', 'telescope observations of stars and interstellar gas'],
  ['gr-qc', 'black holes and the geometry of spacetime in general relativity'],
  ['math.NT', 'modular forms and the arithmetic of numbers'],
  ['math.CO', 'counting graphs and other combinatorial structures'],
  ['physics.optics', 'simulating how light is scattered by small particles'],
  ['cs.SE', 'automatically testing software and finding bugs in programs'],
  ['math.ST', 'how many samples a statistical test needs'],
  ['cond-mat.str-el', 'strongly interacting electrons in solids'],
  ['nlin.PS', 'solitary waves and nonlinear wave patterns'],
  ['cs.IT', 'information theory of communication channels'],
  ['math.CA', 'inequalities and function spaces in real and harmonic analysis'],
  ['cond-mat.mes-hall', 'electrons in nanoscale rings, graphene and other mesoscopic devices'],
  ['cs.DS', 'efficient algorithms and how many samples it takes to test a distribution'],
  ['physics.gen-ph', 'speculative ideas about dark energy and the foundations of physics'],
  ['cond-mat.soft', 'liquid crystals, granular gases and other soft matter'],
  ['hep-ph', 'neutrino physics and the decays of heavy baryons'],
  ['astro-ph', 'galaxies, star clusters and turbulent plasma in space'],
  ['cs.SE', 'how developers write unit tests and judge their quality'],
];

// Known items: five words a reader remembers from the abstract (not the title), spread over it.
const knownItems = papers
  .filter((p) => primary(p) && (p.abstract ?? '').length > 300)
  .filter((_, i) => i % 2 === 0)
  .slice(0, 60)
  .map((p) => {
    const titleWords = new Set(contentTokens(p.title));
    const words = (p.abstract ?? '').split(/\s+/).map((w) => w.replace(/[^\p{L}\p{N}-]/gu, '')).filter((w) => w.length > 4 && !titleWords.has(contentTokens(w)[0] ?? '') && contentTokens(w).length === 1);
    const picked = [0.1, 0.3, 0.5, 0.7, 0.9].map((f) => words[Math.floor(f * (words.length - 1))]).filter(Boolean);
    return { kind: 'known-item', query: [...new Set(picked)].join(' ').toLowerCase(), relevant: [p.id] };
  });

const topicQueries = topics.map(([category, query]) => ({ kind: 'topic', query, relevant: papers.filter((p) => primary(p) === category).map((p) => p.id) }));
fs.writeFileSync(path.join(here, 'demo-queries.json'), `${JSON.stringify([...knownItems, ...topicQueries], null, 1)}\n`);
console.log(`wrote ${knownItems.length} known-item and ${topicQueries.length} topic queries`);
