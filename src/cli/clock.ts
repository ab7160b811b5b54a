/**
 * Milliseconds from an arbitrary start, monotonic, as performance.now() gives them: the first use
 * of the global `performance` loads Node's perf_hooks (a dozen internal modules), a cost every
 * short run would pay at start-up for a duration it prints (docs/performance.md).
 */
export function nowMs(): number {
  return Number(process.hrtime.bigint()) / 1e6
}
