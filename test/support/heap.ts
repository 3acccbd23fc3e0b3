/** Heap measurements for leak tests (not timing: the figures are bytes still reachable after a full GC). */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

/** Megabytes of heap still reachable after `work` and a full garbage collection. */
export function retainedMb(work: () => void): number {
  gc();
  const before = process.memoryUsage().heapUsed;
  work();
  gc();
  return (process.memoryUsage().heapUsed - before) / 1e6;
}

/** A fresh 2 MB text (not shared with any earlier call) around `inner`. */
export function bigText(inner: string): string {
  return `<root>${inner}<a>${'text '.repeat(400_000)}</a></root>`;
}
