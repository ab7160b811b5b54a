import type {CompletionCommand} from './completion-model.js'

const quote = (text: string): string => `'${text.replaceAll('\\', '\\\\').replaceAll("'", "\\'")}'`

/** A fish completion script: commands first, then each command's flags and file names. */
export function fishCompletion(bin: string, commands: CompletionCommand[]): string {
  const ids = commands.map((command) => command.id).join(' ')
  const lines = [
    `# ${bin} completion for fish. Load it with: ${bin} completion fish | source`,
    `complete -c ${bin} -f`,
    ...commands.map((command) => `complete -c ${bin} -n 'not __fish_seen_subcommand_from ${ids}' -a ${command.id} -d ${quote(command.summary)}`),
  ]
  for (const command of commands) {
    const when = `-n '__fish_seen_subcommand_from ${command.id}'`
    lines.push(`complete -c ${bin} ${when} -F`)
    for (const flag of command.flags) {
      const names = [`-l ${flag.long}`, ...(flag.short ? [`-s ${flag.short}`] : [])].join(' ')
      const value =
        flag.valuesFrom !== undefined ? ` -x -a ${quote(`(${flag.valuesFrom} 2>/dev/null)`)}` : flag.choices.length > 0 ? ` -x -a ${quote(flag.choices.join(' '))}` : flag.takesValue ? ' -r -F' : ''
      lines.push(`complete -c ${bin} ${when} ${names}${value} -d ${quote(flag.summary)}`)
    }
  }
  return `${lines.join('\n')}\n`
}
