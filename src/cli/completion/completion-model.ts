import type {Command} from '@oclif/core'

export interface CompletionFlag {
  long: string
  short: string | undefined
  takesValue: boolean
  /** Fixed values (`--meta-version v1|v2|hybrid`), empty when any value goes. */
  choices: string[]
  /** A command of ours whose output lines are the values, read when completing (`--preset`). */
  valuesFrom: string | undefined
  summary: string
}

export interface CompletionCommand {
  id: string
  summary: string
  flags: CompletionFlag[]
}

/** Flags whose values depend on where the shell is: the presets of the config found from there. */
const VALUES_FROM: Record<string, string> = {preset: 'presets --names'}

/** The first sentence of a description, on one line, for a completion menu. */
export function firstSentence(text: string | undefined): string {
  const line = (text ?? '').replace(/\s+/g, ' ').trim()
  const end = line.search(/\.(\s|$)/)
  return end === -1 ? line : line.slice(0, end)
}

/** The visible commands and flags, from the manifest oclif loaded (no command module is imported). */
export function completionModel(bin: string, commands: Command.Loadable[]): CompletionCommand[] {
  const text = (value: string | undefined): string => firstSentence(value?.replaceAll('<%= config.bin %>', bin))
  return commands
    // An alias (`config` for `presets`) is listed under its own id too; complete the command once.
    .filter((command) => !command.hidden && !command.aliases.includes(command.id))
    .map((command) => ({
      id: command.id,
      summary: text(command.summary ?? command.description),
      flags: Object.values(command.flags)
        .filter((flag) => !flag.hidden)
        .map((flag) => ({
          long: flag.name,
          short: flag.char,
          takesValue: flag.type === 'option',
          choices: flag.type === 'option' ? [...(flag.options ?? [])] : [],
          valuesFrom: flag.type === 'option' && Object.hasOwn(VALUES_FROM, flag.name) ? `${bin} ${VALUES_FROM[flag.name]}` : undefined,
          summary: text(flag.summary ?? flag.description),
        })),
    }))
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
}
