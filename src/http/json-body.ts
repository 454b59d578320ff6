// JSON request bodies, parsed only when they are shallow: a body of a million "[" pinned the CPU in JSON.parse before
// any route could refuse it. Nesting is counted in one pass over the text, strings skipped, before anything is parsed.

/** How deep a JSON body may nest: the API's deepest body is an object holding an array of strings (depth 2). */
export const MAX_JSON_DEPTH = 16;

/** Whether a JSON text nests deeper than `max` arrays and objects (a linear scan; escapes inside strings respected). */
export function nestsDeeperThan(text: string, max: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i += 1; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      depth += 1;
      if (depth > max) return true;
    } else if (c === 0x5d || c === 0x7d) depth -= 1;
  }
  return false;
}
