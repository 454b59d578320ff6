// Titles and abstracts an upstream could send to make pages huge, slow or misleading: the bombs found by the second
// hardening pass (macro definitions whose output grows without bound, \char putting NUL and bidi overrides back,
// boxes moved far away), and formulas that are legal but as large as KaTeX allows. Used by test/hostile/latex.test.ts
// and bench/hostile.ts.

const letters = 'abcdefghij'.repeat(22);

/** 300 characters that KaTeX, given \def, renders to 423 KB of MathML. */
export const DEF_BOMB = `$\\def\\b{${'\\a'.repeat(24)}}\\def\\a{${letters}}\\b\\b\\b\\b\\b\\b\\b\\b$`;

export const LATEX_BOMBS: readonly string[] = [
  DEF_BOMB,
  `$\\gdef\\b{${'\\a'.repeat(24)}}\\gdef\\a{${letters}}\\b\\b\\b\\b\\b\\b\\b\\b$`,
  `$\\newcommand{\\a}{${letters}}\\newcommand{\\b}{${'\\a'.repeat(24)}}\\b\\b\\b\\b\\b\\b$`,
  `$\\renewcommand{\\alpha}{${letters}}${'\\alpha'.repeat(30)}$`,
  `$\\let\\x\\sum\\x\\x\\x$`,
  '$\\char"202E drowssap$',
  '$\\char"0$',
  '$\\char"2066 x$',
  '$\\raisebox{-900em}{FAKE NOTICE}$',
  '$\\mathrlap{\\hspace{-900em}x}$',
  '$\\rule{500em}{500em}$',
  `$${'\\boxed{'.repeat(35)}x${'}'.repeat(35)}$`,
];

/** An abstract made of bombs, as long as an import lets an abstract be. */
export function hostileAbstract(seed = 0): string {
  const parts: string[] = [];
  for (let i = 0; parts.join(' ').length < 9_000; i += 1) parts.push(LATEX_BOMBS[(seed + i) % LATEX_BOMBS.length] as string);
  return parts.join(' ');
}
