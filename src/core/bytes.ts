const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB']

/** A byte count for people: `1.5 MiB`, `512 KiB`, `17 B` (binary units, as piece lengths are). */
export function formatBytes(bytes: number): string {
  let value = bytes
  let unit = 0
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024
    unit++
  }
  if (unit === 0) return `${bytes} B`
  const digits = value >= 100 || Number.isInteger(value) ? 0 : 1
  return `${value.toFixed(digits)} ${units[unit]}`
}
