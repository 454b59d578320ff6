import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { localIdFor, parseArxivId, parsePaperRef } from '../../src/papers/paper-id.ts';

describe('parseArxivId', () => {
  const accepted: Array<[string, string, number | null]> = [
    ['2401.01234', '2401.01234', null],
    ['2401.01234v3', '2401.01234', 3],
    ['0704.0001', '0704.0001', null],
    ['1412.8544', '1412.8544', null],
    ['arXiv:2104.12255v1', '2104.12255', 1],
    ['  ARXIV:2104.12255  ', '2104.12255', null],
    ['https://arxiv.org/abs/2401.01234v2', '2401.01234', 2],
    ['http://export.arxiv.org/abs/2401.01234', '2401.01234', null],
    ['https://arxiv.org/pdf/2401.01234v2.pdf', '2401.01234', 2],
    ['https://arxiv.org/pdf/2401.01234', '2401.01234', null],
    ['https://www.arxiv.org/html/2401.01234v1/', '2401.01234', 1],
    ['arxiv.org/abs/2401.01234?context=cs', '2401.01234', null],
    ['hep-th/9901001', 'hep-th/9901001', null],
    ['quant-ph/0201082v1', 'quant-ph/0201082', 1],
    ['math.GT/0309136', 'math/0309136', null],
    ['https://arxiv.org/abs/hep-th/9504118v2', 'hep-th/9504118', 2],
    ['HEP-TH/9901001', 'hep-th/9901001', null],
  ];
  for (const [input, id, version] of accepted) {
    it(`reads ${JSON.stringify(input)}`, () => {
      assert.deepEqual(parseArxivId(input), { id, version });
    });
  }

  const refused = [
    'abc', '', '0000.0000', '2413.01234', '2401.123', '2401.123456', '1501.1234', '1412.12345',
    '0612.0001', 'hep-th/990100', 'hep-th/0813001', 'hep-th/2001001', 'https://example.org/abs/2401.01234',
    '2401.01234v0', '../../etc/passwd',
  ];
  for (const input of refused) {
    it(`refuses ${JSON.stringify(input)}`, () => assert.equal(parseArxivId(input), null));
  }
});

describe('local ids', () => {
  it('are stable for the same title, whatever its spacing and case', () => {
    const id = localIdFor('To Repeat or Not To Repeat');
    assert.match(id, /^local-[0-9a-f]{10}$/);
    assert.equal(localIdFor('  to repeat or\nnot to   REPEAT '), id);
    assert.notEqual(localIdFor('Another title'), id);
  });

  it('are accepted as paper references but never as arXiv ids', () => {
    const id = localIdFor('A title');
    assert.deepEqual(parsePaperRef(id), { id, version: null });
    assert.equal(parseArxivId(id), null);
  });
});
