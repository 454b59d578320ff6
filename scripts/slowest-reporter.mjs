// A second reporter for `npm test` (beside TAP on stdout): each test file's duration, and at the end the ten slowest
// files and the whole run's count, on stderr. Where the suite's time goes is the first thing to know when it grows.
export default async function* slowest(source) {
  const files = new Map();
  let tests = 0;
  let failed = 0;
  for await (const event of source) {
    if (event.type !== 'test:pass' && event.type !== 'test:fail') continue;
    const { file, nesting, details } = event.data;
    // Node 20 reports each file once more as a whole (nesting 0, named by its path): the file's wall time.
    if (nesting === 0 && file) files.set(file, Math.max(files.get(file) ?? 0, details.duration_ms ?? 0));
    if (details.type !== 'suite' && nesting > 0) {
      tests += 1;
      if (event.type === 'test:fail') failed += 1;
    }
  }
  const ranked = [...files].sort((a, b) => b[1] - a[1]);
  yield `\n${tests} tests in ${files.size} files, ${failed} failed. The ten slowest files:\n`;
  for (const [file, ms] of ranked.slice(0, 10)) yield `  ${(ms / 1000).toFixed(1).padStart(6)} s  ${file.replace(`${process.cwd()}/`, '')}\n`;
}
