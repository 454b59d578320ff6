// Entry of every worker thread: workers do not inherit the main thread's TypeScript loader, so register tsx here,
// then load the worker module named by the first argument (`new Worker(workerEntry, { argv: [moduleUrl] })`).
import { register } from 'tsx/esm/api';

register();
await import(process.argv[2]);
