// Characters no text here should hold: C0 controls but tab, line feed and carriage return, DEL, C1 controls, bidi
// embeddings, overrides and isolates, lone surrogates, and the two non-characters XML refuses. Never meaningful in
// paper metadata, names or comments; some reorder or hide what a page shows (a bidi override can make "exe.txt" read
// "txt.exe"). Imports clean them and report it (papers/paper-limits.ts); forms refuse them with a message.
const UNWANTED = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export function withoutControlCharacters(text: string): string {
  return text.replace(UNWANTED, '');
}

export const holdsControlCharacters = (text: string) => withoutControlCharacters(text) !== text;
