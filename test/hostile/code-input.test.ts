// What a damaged archive or a hostile abstract does to the code capability: the Papers with Code reader and its entry
// rules, and the link finder, for any input at all — never a throw, never a hang, never a character mangled.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { after, describe, it } from 'node:test';
import fc from 'fast-check';
import { readJsonArray, type ArrayElement } from '../../src/code/json-array.reader.ts';
import { parsePwcEntry } from '../../src/code/pwc.ts';
import { findCodeLinks, parseRepositoryUrl } from '../../src/code/repository-url.ts';
import { tempDir } from '../helpers/temp-db.ts';

const dir = tempDir();
after(() => fs.rmSync(dir, { recursive: true, force: true }));

async function read(name: string, content: string | Buffer, maxElementBytes?: number): Promise<ArrayElement[]> {
  const file = path.join(dir, name);
  fs.writeFileSync(file, content);
  const out: ArrayElement[] = [];
  for await (const element of readJsonArray(file, maxElementBytes)) out.push(element);
  return out;
}

describe('the Papers with Code archive reader, given damaged files', () => {
  it('keeps a character split between two read chunks whole', async () => {
    // 1 MiB chunks: push a three-byte character across the first boundary.
    const title = `${'a'.repeat((1 << 20) - 30)}€ and more`;
    const elements = await read('split.json', JSON.stringify([{ paper_title: title }, { paper_title: 'Σ' }]), 4 << 20);
    assert.deepEqual(elements.map((e) => ('value' in e ? (e.value as { paper_title: string }).paper_title.slice(-10) : e.error)), [title.slice(-10), 'Σ']);
  });

  it('reports a broken element with its position and reads on', async () => {
    const elements = await read('broken.json', '[{"repo_url": 1}, {"repo_url": }, {"paper_title": "x"}, 7]');
    assert.deepEqual(elements.map((e) => e.position), [1, 2, 3, 4]);
    assert.match('error' in elements[1]! ? elements[1].error : '', /not valid JSON/);
    assert.equal('value' in elements[3]! ? elements[3].value : null, 7);
  });

  it('refuses an element past the size bound without holding it, and goes on', async () => {
    const elements = await read('huge.json', `[{"paper_title": "${'x'.repeat(3000)}"}, {"paper_title": "ok"}]`, 1000);
    assert.match('error' in elements[0]! ? elements[0].error : '', /longer than 1000 bytes/);
    assert.deepEqual('value' in elements[1]! ? elements[1].value : null, { paper_title: 'ok' });
  });

  it('reads an element of 100,000 nested arrays as a value (the entry rules then refuse it), without a stack overflow', async () => {
    const elements = await read('nested.json', `[${'['.repeat(100_000)}${']'.repeat(100_000)}, {"paper_title": "after"}]`, 1 << 20);
    assert.equal(elements.length, 2);
    const first = elements[0]!;
    assert.equal(parsePwcEntry('value' in first ? first.value : null).ok, false);
  });

  it('reads on past a stray "]" and says so, instead of ending the import there with exit 0', async () => {
    const elements = await read('stray-bracket.json', '[{"a": 1}], {"b": 2}, {"c": 3}]');
    assert.deepEqual(elements.map((e) => ('value' in e ? e.value : 'error')), [{ a: 1 }, 'error', { b: 2 }, { c: 3 }]);
    assert.match('error' in elements[1]! ? elements[1].error : '', /stray "\]" after element 1/);
  });

  it('loses only the element a stray "}" stands in, not the rest of the file', async () => {
    const elements = await read('stray-brace.json', '[{"a": 1}, {"b": 2}}, {"c": 3}, {"d": [1, 2}]}, {"e": 5}]');
    assert.deepEqual(elements.map((e) => ('value' in e ? e.value : 'error')), [{ a: 1 }, 'error', { c: 3 }, 'error', { e: 5 }]);
  });

  it('does not count whitespace between tokens toward the element bound', async () => {
    const pretty = `{${' '.repeat(1500)}"paper_title":\n${' '.repeat(1500)}"${'x'.repeat(500)}"\n}`;
    assert.ok(pretty.length > 3000);
    const elements = await read('pretty.json', `[${pretty}]`, 1000);
    assert.ok('value' in elements[0]!, 'a pretty-printed element of 540 significant characters is read');
  });

  it('gives the right reason for a GitHub address that names no repository', () => {
    const entry = parsePwcEntry({ paper_arxiv_id: '2401.01234', repo_url: 'https://github.com/bad name!/x y' });
    assert.ok(!entry.ok && 'reason' in entry && /names no repository on github\.com/.test(entry.reason), JSON.stringify(entry));
    const other = parsePwcEntry({ paper_arxiv_id: '2401.01234', repo_url: 'https://bitbucket.org/a/b' });
    assert.ok(!other.ok && 'skipped' in other);
  });

  it('says where a file cut short ends, and that a file which is no array is not one', async () => {
    const gz = zlib.gzipSync(JSON.stringify([{ a: 1 }, { b: 2 }, { c: 3 }])).subarray(0, 30);
    await assert.rejects(read('cut.json', '[{"a": 1}, {"b": 2}, {"c"'), /ends early, after element 2/);
    await assert.rejects(read('cut.json.gz', gz), /unexpected end of file|ends early/);
    await assert.rejects(read('object.json', '{"repo_url": "https://github.com/a/b"}'), /not a JSON array/);
  });
});

describe('archive entries and links in text, for any input', () => {
  const anyValue = fc.oneof(fc.jsonValue(), fc.record({
    paper_arxiv_id: fc.oneof(fc.string(), fc.constant('2401.01234'), fc.constant(null)),
    paper_title: fc.oneof(fc.string(), fc.constant(null)),
    repo_url: fc.oneof(fc.string(), fc.webUrl(), fc.constantFrom('http://', 'http://[::', 'https://github.com/', 'https://github.com/a/b.git/tree/x', 'javascript:alert(1)')),
    is_official: fc.oneof(fc.boolean(), fc.string()),
    framework: fc.oneof(fc.string(), fc.constant('none')),
  }));

  it('parsePwcEntry never throws and links only http(s) repositories', () => {
    fc.assert(fc.property(anyValue, (value) => {
      const entry = parsePwcEntry(value);
      if (entry.ok) assert.match(entry.link.repository.url, /^https:\/\//);
    }), { numRuns: 500 });
  });

  it('the link finder never throws, never takes long, and finds only web addresses', () => {
    const text = fc.array(fc.constantFrom('https://github.com/', 'github.com/', 'a', '/', '.', '.git', '\\url{', '}', ' ', '\n', '-', '_', 'https://', 'huggingface.co/', 'spaces/', '%', '\u0000', '😀', '<script>'), { maxLength: 200 }).map((p) => p.join(''));
    fc.assert(fc.property(text, (input) => {
      const started = performance.now();
      const found = findCodeLinks(input);
      assert.ok(performance.now() - started < 200, 'link finding took long');
      for (const ref of found.repositories) assert.match(ref.url, /^https:\/\/[a-z0-9.-]+\/[^\s<>"]+$/);
    }), { numRuns: 500 });
  });

  it('a megabyte of repeated link fragments is scanned in well under a second', () => {
    const started = performance.now();
    findCodeLinks('https://github.com/'.repeat(50_000));
    findCodeLinks(`github.com/${'a-'.repeat(500_000)}`);
    assert.ok(performance.now() - started < 1000, `${(performance.now() - started).toFixed(0)} ms`);
    assert.equal(parseRepositoryUrl(`https://github.com/${'x'.repeat(100_000)}/y`), null, 'an owner of 100,000 characters is no repository');
  });
});
