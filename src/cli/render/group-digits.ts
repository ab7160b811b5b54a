/**
 * `1234567` -> `1,234,567`. Not toLocaleString: its first call loads ICU locale data, ~12 ms of
 * start-up on these machines (docs/performance.md).
 */
export function groupDigits(count: number): string {
  return String(count).replace(/\B(?=(\d{3})+(?!\d))/gu, ',')
}
