/**
 * The command a mistyped word most likely meant: the only command it is a prefix of (`comp`), or
 * the nearest by edit distance when that is small for the word's length (`creat`, `verfy`, `inof`).
 */
export function closestCommand(word: string, commands: readonly string[]): string | undefined {
  const typed = word.toLowerCase()
  const prefixed = commands.filter((command) => command.startsWith(typed))
  if (typed.length >= 2 && prefixed.length === 1) return prefixed[0]
  const allowed = Math.max(1, Math.floor(typed.length / 3))
  let best: string | undefined
  let bestDistance = allowed + 1
  for (const command of commands) {
    const distance = editDistance(typed, command)
    if (distance < bestDistance) [best, bestDistance] = [command, distance]
  }
  return best
}

/** Optimal string alignment distance: insertions, deletions, substitutions and adjacent swaps cost 1. */
export function editDistance(a: string, b: string): number {
  const rows = Array.from({length: a.length + 1}, (_, i) => Array.from({length: b.length + 1}, (_, j) => (i === 0 ? j : j === 0 ? i : 0)))
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1
      let value = Math.min(rows[i - 1]![j]! + 1, rows[i]![j - 1]! + 1, rows[i - 1]![j - 1]! + cost)
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) value = Math.min(value, rows[i - 2]![j - 2]! + 1)
      rows[i]![j] = value
    }
  }
  return rows[a.length]![b.length]!
}

/**
 * The words oclif joined into one command id. With a space as topic separator it glues every
 * leading word of an unknown command with ':' (`creat data` becomes `creat:data`); a word that
 * names an existing path may itself hold a ':', so the longest such prefix is kept whole.
 */
export function splitCommandId(id: string, exists: (path: string) => boolean): string[] {
  if (id.startsWith('-') || exists(id)) return [id]
  const parts = id.split(':')
  for (let count = parts.length - 1; count > 1; count--) {
    const first = parts.slice(0, count).join(':')
    if (exists(first)) return [first, ...parts.slice(count)]
  }
  return parts
}

/** `unknown command "creat"; did you mean "create"? ...`, or the list of commands when nothing is close. */
export function unknownCommandMessage(word: string, commands: readonly string[], why = ''): string {
  const meant = why === '' ? closestCommand(word, commands) : undefined
  const hint = meant === undefined ? ` (commands: ${commands.join(', ')}); see mktorrent --help` : `; did you mean "${meant}"? See mktorrent --help`
  return `unknown command ${JSON.stringify(word)}${why}${hint}`
}
