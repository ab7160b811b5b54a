export interface DiffLine {
  /** ' ' kept, '-' removed, '+' added. */
  op: ' ' | '-' | '+'
  text: string
}

/** A line diff over the longest common subsequence: removals before additions at each change. */
export function diffLines(before: readonly string[], after: readonly string[]): DiffLine[] {
  const rows = before.length + 1
  const cols = after.length + 1
  // common[i][j]: length of the LCS of before[i..] and after[j..].
  const common = Array.from({length: rows}, () => new Array<number>(cols).fill(0))
  for (let i = before.length - 1; i >= 0; i--) {
    for (let j = after.length - 1; j >= 0; j--) {
      common[i]![j] = before[i] === after[j] ? common[i + 1]![j + 1]! + 1 : Math.max(common[i + 1]![j]!, common[i]![j + 1]!)
    }
  }
  const lines: DiffLine[] = []
  let i = 0
  let j = 0
  while (i < before.length || j < after.length) {
    if (i < before.length && j < after.length && before[i] === after[j]) {
      lines.push({op: ' ', text: before[i++]!})
      j++
    } else if (j >= after.length || (i < before.length && common[i + 1]![j]! >= common[i]![j + 1]!)) {
      lines.push({op: '-', text: before[i++]!})
    } else {
      lines.push({op: '+', text: after[j++]!})
    }
  }
  return lines
}
