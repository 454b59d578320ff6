// Reads a file holding one JSON array (`.gz` too) element by element, as the Papers with Code archive comes: 300,000
// objects, about 200 MB unzipped, never held whole. Each element is cut out of the stream by tracking strings and
// nesting, then parsed alone; an element that is not JSON is reported with its position, and the reading goes on.
// A damaged file loses only its damaged elements: a stray `}` spoils the element it stands in (it once unbalanced the
// rest of the file, which was then discarded), and a stray `]` that closes the array early is reported and the
// elements after it are read on (they were ignored, and the import said nothing).
import fs from 'node:fs';
import zlib from 'node:zlib';

export type ArrayElement = { position: number; value: unknown } | { position: number; error: string };

const WHITESPACE = new Set([' ', '\t', '\n', '\r']);
/** Raw text one element may hold, whitespace included, before it is refused unread: a bound on memory. */
const RAW_FACTOR = 8;

/**
 * Elements of the array, 1-based; throws when the file does not open with `[`. An element of more than `maxElementBytes`
 * characters (whitespace between tokens not counted: pretty-printed JSON is no larger for it) is refused.
 */
export async function* readJsonArray(file: string, maxElementBytes = 1 << 20): AsyncGenerator<ArrayElement> {
  const raw = fs.createReadStream(file, { highWaterMark: 1 << 20 });
  // Decoded as a stream, so a character split between two chunks stays one character.
  const input = (file.endsWith('.gz') ? raw.pipe(zlib.createGunzip()) : raw).setEncoding('utf8');
  let started = false;
  /** The array's `]` was met: what follows should be whitespace, else it was a stray `]`. */
  let closed = false;
  const open: string[] = []; // the brackets open inside the current element
  let inString = false;
  let escaped = false;
  let element: string[] = [];
  let rawSize = 0;
  let significant = 0;
  let position = 0;
  let tooLong = false;
  const finish = (): ArrayElement => {
    position += 1;
    const text = element.join('').trim();
    const refused = tooLong || significant > maxElementBytes;
    element = [];
    rawSize = 0;
    significant = 0;
    tooLong = false;
    open.length = 0;
    if (refused) return { position, error: `longer than ${maxElementBytes} bytes` };
    try {
      return { position, value: JSON.parse(text) as unknown };
    } catch (error) {
      return { position, error: `not valid JSON (${(error as Error).message})` };
    }
  };
  const keep = (text: string) => {
    rawSize += text.length;
    if (rawSize > maxElementBytes * RAW_FACTOR) tooLong = true;
    else if (!tooLong) element.push(text);
  };
  for await (const chunk of input) {
    const text = chunk as string;
    let from = 0;
    for (let i = 0; i < text.length; i += 1) {
      const c = text[i] as string;
      if (!started) {
        if (c === '[') {
          started = true;
          from = i + 1;
        } else if (!WHITESPACE.has(c)) throw new Error(`${file}: not a JSON array (it starts with "${c}")`);
        continue;
      }
      if (closed) {
        if (WHITESPACE.has(c)) continue;
        // More after the array's end: the `]` was stray. Said, and the elements after it are read on.
        closed = false;
        yield { position: position + 1, error: `a stray "]" after element ${position} closed the array early; the elements after it are read on` };
        from = c === ',' ? i + 1 : i;
        if (c === ',') continue;
      }
      if (!WHITESPACE.has(c)) significant += 1;
      if (inString) {
        if (escaped) escaped = false;
        else if (c === '\\') escaped = true;
        else if (c === '"') inString = false;
        continue;
      }
      if (c === '"') inString = true;
      else if (c === '{' || c === '[') open.push(c);
      else if (c === '}' || c === ']') {
        if (open.length === 0 && c === ']') {
          keep(text.slice(from, i));
          if (element.join('').trim() || tooLong) yield finish();
          else element = [];
          closed = true;
          from = i + 1;
          continue;
        }
        // A closer that matches the last opener closes it; a stray one spoils this element only (JSON.parse says so).
        if (open.at(-1) === (c === '}' ? '{' : '[')) open.pop();
      } else if (c === ',' && open.length === 0) {
        keep(text.slice(from, i));
        yield finish();
        from = i + 1;
      }
    }
    if (!closed) keep(text.slice(from));
  }
  if (started && !closed) throw new Error(`${file}: the array ends early, after element ${position} (a file cut short?)`);
}
