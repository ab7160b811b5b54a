import type {CompletionCommand, CompletionFlag} from './completion-model.js'

/**
 * A bash completion script. Words after a flag with fixed values complete to those values, a word
 * starting with `-` to the command's flags, the first word to the commands; anything else falls back
 * to bash's file names (`complete -o default`), which is right for paths and harmless elsewhere.
 */
export function bashCompletion(bin: string, commands: CompletionCommand[]): string {
  const fn = `_${bin.replaceAll(/\W/g, '_')}_completion`
  const cases = commands.map((command) => {
    const flags = command.flags.flatMap((flag) => [`--${flag.long}`, ...(flag.short ? [`-${flag.short}`] : [])])
    const names = (flag: CompletionFlag): string => [`--${flag.long}`, ...(flag.short ? [`-${flag.short}`] : [])].join('|')
    const valueCases = [
      ...command.flags.filter((flag) => flag.choices.length > 0).map((flag) => `        ${names(flag)}) values='${flag.choices.join(' ')}' ;;`),
      ...command.flags.filter((flag) => flag.valuesFrom !== undefined).map((flag) => `        ${names(flag)}) values="$(${flag.valuesFrom} 2>/dev/null)" ;;`),
    ]
    return [
      `    ${command.id})`,
      `      flags='${flags.join(' ')}'`,
      ...(valueCases.length > 0 ? ['      case "$prev" in', ...valueCases, '      esac'] : []),
      '      ;;',
    ].join('\n')
  })
  return `# ${bin} completion for bash. Load it with: source <(${bin} completion bash)
${fn}() {
  local cur=\${COMP_WORDS[COMP_CWORD]} prev=\${COMP_WORDS[COMP_CWORD-1]} flags='' values=''
  COMPREPLY=()
  if [[ $COMP_CWORD -eq 1 ]]; then
    COMPREPLY=($(compgen -W '${commands.map((command) => command.id).join(' ')} --help --version' -- "$cur"))
    return
  fi
  case \${COMP_WORDS[1]} in
${cases.join('\n')}
  esac
  if [[ -n $values ]]; then
    COMPREPLY=($(compgen -W "$values" -- "$cur"))
  elif [[ $cur == -* ]]; then
    COMPREPLY=($(compgen -W "$flags" -- "$cur"))
  fi
}
complete -o default -F ${fn} ${bin}
`
}
