const plain = /^[\w@%+=:,./-]+$/u

/** Quotes one argument for a POSIX shell, only when it needs it. */
export function shellQuote(argument: string): string {
  if (plain.test(argument)) return argument
  return `'${argument.replaceAll("'", `'\\''`)}'`
}

/** A command line a person can paste into a POSIX shell. */
export function renderCommandLine(words: string[]): string {
  return words.map(shellQuote).join(' ')
}
