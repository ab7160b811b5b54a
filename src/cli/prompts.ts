import {ExitCode, MktorrentError} from '../core/errors.js'

export interface Choice<T extends string> {
  value: T
  name: string
  /** Shown under the list while the choice is highlighted. */
  description?: string
  /** A choice shown but not selectable, with this reason next to it. */
  disabled?: string
}

/**
 * The questions the CLI can ask. Only this module knows inquirer; commands receive a `Prompts`,
 * so tests pass a scripted one (ARCHITECTURE.md principle 10).
 */
export interface Prompts {
  input(question: {message: string; default?: string; validate?: (value: string) => true | string | Promise<true | string>}): Promise<string>
  select<T extends string>(question: {message: string; choices: Array<Choice<T>>; default?: T}): Promise<T>
  confirm(question: {message: string; default?: boolean}): Promise<boolean>
  /** Picks a value from choices recomputed as the user types (`source(term)`); Tab copies the highlighted one. */
  search<T extends string>(question: {message: string; source: (term: string) => Promise<Array<Choice<T>>>}): Promise<T>
}

/** Why prompting is impossible here, or undefined when it is allowed. */
export function promptBlocker(context: {stdinIsTTY: boolean; stdoutIsTTY: boolean; json: boolean; yes: boolean}): string | undefined {
  if (context.json) return 'no --json'
  if (context.yes) return 'no --yes'
  if (!context.stdinIsTTY || !context.stdoutIsTTY) return 'a terminal on stdin and stdout'
  return undefined
}

/** Ctrl-C at a prompt: inquirer rejects with ExitPromptError, which becomes exit 130. */
export function interruptedAtPrompt(): MktorrentError {
  return new MktorrentError('interrupted', 'interrupted; nothing was written', ExitCode.interrupted)
}

/** Loads inquirer only when a prompt is about to be shown: it costs start-up time nobody else needs. */
export async function loadPrompts(): Promise<Prompts> {
  const inquirer = await import('@inquirer/prompts')
  const guard = async <R>(ask: () => Promise<R>): Promise<R> => {
    try {
      return await ask()
    } catch (error) {
      if (error instanceof Error && error.name === 'ExitPromptError') throw interruptedAtPrompt()
      throw error
    }
  }
  return {
    input: (question) => guard(() => inquirer.input(question)),
    select: (question) => guard(() => inquirer.select(question)),
    confirm: (question) => guard(() => inquirer.confirm(question)),
    search: (question) => guard(() => inquirer.search({...question, source: (term) => question.source(term ?? ''), pageSize: 8})),
  }
}
