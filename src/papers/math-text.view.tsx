// Draws a title or abstract with its LaTeX rendered (papers/math-text.ts). The only HTML inserted is KaTeX's own
// output for a formula, which escapes everything it is given (trust off).
import { mathPieces } from './math-text.ts';

export function MathText({ text }: { text: string }) {
  return (
    <>
      {mathPieces(text).map((piece) => {
        if (piece.kind === 'math') return <span class="math" dangerouslySetInnerHTML={{ __html: piece.html }} />;
        if (piece.kind === 'em') return <em>{piece.text}</em>;
        if (piece.kind === 'strong') return <strong>{piece.text}</strong>;
        if (piece.kind === 'code') return <code>{piece.text}</code>;
        return piece.text;
      })}
    </>
  );
}
