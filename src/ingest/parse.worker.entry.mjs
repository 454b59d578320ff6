// Worker entry: workers do not inherit the main thread's TypeScript loader, so register tsx here first.
import { register } from 'tsx/esm/api';

register();
await import('./parse.worker.ts');
