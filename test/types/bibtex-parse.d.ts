// The part of bibtex-parse (no types of its own) the BibTeX tests use: entries with their fields, keys upper-cased.
declare module 'bibtex-parse' {
  interface BibtexEntry {
    key: string;
    type: string;
    [field: string]: string;
  }
  const bibtexParse: { entries(text: string): BibtexEntry[] };
  export default bibtexParse;
}
