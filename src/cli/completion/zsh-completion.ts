import type {CompletionCommand, CompletionFlag} from './completion-model.js'

/** A zsh single-quoted word: a quote inside becomes '\'' . */
const quote = (text: string): string => `'${text.replaceAll("'", `'\\''`)}'`

/** `_arguments` escapes: brackets and colons end a description, backslashes escape. */
const escape = (text: string): string => text.replaceAll(/[\\[\]:]/g, (char) => `\\${char}`)

function flagSpecs(flag: CompletionFlag): string[] {
  const values = flag.valuesFrom !== undefined ? `:${flag.long}:{compadd -- \${(f)"$(${flag.valuesFrom} 2>/dev/null)"}}` : flag.choices.length > 0 ? `:${flag.long}:(${flag.choices.join(' ')})` : `:${flag.long}:_files`
  const value = flag.takesValue ? values : ''
  const names = [`--${flag.long}`, ...(flag.short ? [`-${flag.short}`] : [])]
  return names.map((name) => quote(`*${name}[${escape(flag.summary)}]${value}`))
}

/** A zsh completion script (`_arguments` per command, file names for the operands). */
export function zshCompletion(bin: string, commands: CompletionCommand[]): string {
  const fn = `_${bin.replaceAll(/\W/g, '_')}`
  const list = commands.map((command) => `    ${quote(`${command.id}:${command.summary.replaceAll(':', '\\:')}`)}`)
  const cases = commands.map((command) => [`    ${command.id})`, `      _arguments -s ${command.flags.flatMap(flagSpecs).join(' ')} '*:file:_files'`, '      ;;'].join('\n'))
  return `#compdef ${bin}
# ${bin} completion for zsh. Load it with: source <(${bin} completion zsh), after compinit.
${fn}() {
  local -a commands
  commands=(
${list.join('\n')}
  )
  if (( CURRENT == 2 )); then
    _describe -t commands command commands
    _files
    return
  fi
  (( CURRENT-- ))
  shift words
  case $words[1] in
${cases.join('\n')}
    *)
      _files
      ;;
  esac
}
compdef ${fn} ${bin}
`
}
