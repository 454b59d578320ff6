// Text with search hits in <mark>, built from segments so nothing in the text is ever read as HTML.
import { splitHighlights } from './highlight.ts';

export function Highlighted({ text }: { text: string }) {
  return (
    <>
      {splitHighlights(text).map((segment) => (segment.hit ? <mark>{segment.text}</mark> : segment.text))}
    </>
  );
}
