// An author's name, linked to their page where one can be addressed (authors/author.ts: authorPath), else as text.
import { authorPath } from './author.ts';

export function AuthorLink({ name }: { name: string }) {
  const path = authorPath(name);
  return path ? <a href={path}>{name}</a> : <span>{name}</span>;
}
