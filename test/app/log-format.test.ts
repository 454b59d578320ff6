// Start-up speaks to a person at a terminal (one readable line an event) and to machines elsewhere (JSON lines).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { PassThrough } from 'node:stream';
import { logFormat, prettyLine, prettyStream } from '../../src/app/log-format.ts';

describe('log format', () => {
  it('is pretty on a terminal and JSON elsewhere, unless LOG_FORMAT says', () => {
    assert.equal(logFormat(undefined, true), 'pretty');
    assert.equal(logFormat(undefined, false), 'json');
    assert.equal(logFormat('json', true), 'json');
    assert.equal(logFormat('pretty', false), 'pretty');
  });

  it('writes one readable line an event, with its extra fields and error', async () => {
    const line = JSON.stringify({ level: 40, time: Date.UTC(2026, 11, 5, 18, 40, 2), pid: 1, hostname: 'h', msg: 'catch-up done', papers: 15, err: { message: 'boom' } });
    assert.equal(prettyLine(line), '18:40:02 WARN  catch-up done papers=15 (boom)');
    assert.equal(prettyLine('not json'), 'not json');
    const out = new PassThrough();
    let text = '';
    out.on('data', (chunk: Buffer) => (text += chunk.toString()));
    const stream = prettyStream(out);
    stream.write(`${JSON.stringify({ level: 30, time: 0, msg: 'one' })}\n{"level":30,"ti`);
    stream.write(`me":0,"msg":"two"}\n`);
    await new Promise((resolve) => stream.end(resolve));
    assert.equal(text, '00:00:00 INFO  one\n00:00:00 INFO  two\n', 'lines split across writes are joined');
  });
});
