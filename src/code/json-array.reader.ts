// Reads a file holding one JSON array (`.gz` too) element by element, as the Papers with Code archive comes: 300,000
// objects, about 200 MB unzipped, never held whole. Each element is cut out of the stream by tracking strings and
// nesting, then parsed alone; an element that is not JSON is reported with its position, and the reading goes on.
import fs from 'node:fs';
import zlib from 'node:zlib';

export type ArrayElement = { position: number; value: unknown } | { position: number; error: string };

/** Elements of the array, 1-based; throws when the file does not open with `[`. An element longer than 1 MB is refused. */
export async function* readJsonArray(file: string, maxElementBytes = 1 << 20): AsyncGenerator<ArrayElement> {
  const raw = fs.createReadStream(file, { highWaterMark: 1 << 20 });
  // Decoded as a stream, so a character split between two chunks stays one character.
  const input = (file.endsWith('.gz') ? raw.pipe(zlib.createGunzip()) : raw).setEncoding('utf8');
  let started = false;
  let depth = 0;
  let inString = false;
  let escaped = false;
  let element: string[] = [];
  let size = 0;
  let position = 0;
  let tooLong = false;
  const finish = (): ArrayElement => {
    position += 1;
    const text = element.join('').trim();
    element = [];
    size = 0;
    if (tooLong || text.length > maxElementBytes) {
      tooLong = false;
      return { position, error: `longer than ${maxElementBytes} bytes` };
    }
    try {
      return { position, value: JSON.parse(text) as unknown };
    } catch (error) {
      return { position, error: `not valid JSON (${(error as Error).message})` };
    }
  };
  for await (const chunk of input) {
    const text = chunk as string;
    let from = 0;
    for (let i = 0; i < text.length; i += 1) {
      const c = text[i];
      if (!started) {
        if (c === '[') {
          started = true;
          from = i + 1;
        } else if (!/\s/.test(c as string)) throw new Error(`${file}: not a JSON array (it starts with "${c}")`);
        continue;
      }
      if (inString) {
        if (escaped) escaped = false;
        else if (c === '\\') escaped = true;
        else if (c === '"') inString = false;
        continue;
      }
      if (c === '"') inString = true;
      else if (c === '{' || c === '[') depth += 1;
      else if (c === '}' || c === ']') {
        if (depth === 0 && c === ']') {
          const rest = text.slice(from, i);
          if (rest.trim() || element.length > 0) {
            element.push(rest);
            yield finish();
          }
          return;
        }
        depth -= 1;
      } else if (c === ',' && depth === 0) {
        element.push(text.slice(from, i));
        yield finish();
        from = i + 1;
      }
    }
    const rest = text.slice(from);
    size += rest.length;
    if (size > maxElementBytes) tooLong = true;
    else element.push(rest);
  }
  if (started) throw new Error(`${file}: the array ends early, after element ${position} (a file cut short?)`);
}
