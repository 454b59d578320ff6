// Load against a running server with autocannon: 100 connections, a warm-up, then DURATION seconds measured.
import autocannon from 'autocannon';

export const LOAD_SECONDS = Number(process.env.BENCH_SECONDS ?? 10);

/** Requests cycle through the paths (and the members' cookies, when given: each request is one member's). */
export async function measure(url: string, name: string, paths: string[], cookies: string[] = []): Promise<{ perSecond: number; p50: number; p99: number }> {
  const count = Math.max(paths.length, cookies.length);
  const requests = Array.from({ length: count }, (_, i) => ({
    method: 'GET' as const,
    path: paths[i % paths.length] as string,
    ...(cookies.length ? { headers: { cookie: cookies[i % cookies.length] as string } } : {}),
  }));
  await autocannon({ url, connections: 100, duration: 2, requests }); // warm up caches and the JIT
  const result = await autocannon({ url, connections: 100, duration: LOAD_SECONDS, requests });
  const statuses = Object.entries(result.statusCodeStats ?? {}).filter(([code]) => !code.startsWith('2')).map(([code, { count }]) => `${count} × ${code}`);
  const bad = [...statuses, result.timeouts ? `${result.timeouts} timed out` : '', result.errors - result.timeouts > 0 ? `${result.errors - result.timeouts} errors` : ''].filter(Boolean).join(', ');
  console.log(
    `${name.padEnd(18)} ${Math.round(result.requests.average).toLocaleString('en').padStart(6)} req/s · latency p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms` +
      (bad ? ` · failed: ${bad}` : ''),
  );
  return { perSecond: result.requests.average, p50: result.latency.p50, p99: result.latency.p99 };
}
