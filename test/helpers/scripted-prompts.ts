import type {Choice, Prompts} from '../../src/cli/prompts.js'

/** One answer of a scripted user; `search` types the term and picks the first selectable choice. */
export type Answer = {input: string} | {select: string} | {confirm: boolean} | {search: string} | {fail: Error}

export interface ScriptedPrompts extends Prompts {
  /** Every question asked, in order, with what the script answered or how validation refused it. */
  readonly transcript: string[]
  /** Answers not used by the end. */
  readonly remaining: Answer[]
}

/**
 * A stand-in for the inquirer prompts: answers come from a list, and a question of another kind than
 * the next answer fails the test. An input answer that `validate` refuses is recorded and the next
 * answer is tried, like a user correcting a typo.
 */
export function scriptedPrompts(answers: Answer[]): ScriptedPrompts {
  const queue = [...answers]
  const transcript: string[] = []
  const next = <K extends string>(kind: K, message: string): Answer => {
    const answer = queue.shift()
    if (answer === undefined) throw new Error(`the script has no answer for ${kind} "${message}"`)
    if ('fail' in answer) throw answer.fail
    if (!(kind in answer)) throw new Error(`asked ${kind} "${message}" but the script answers ${JSON.stringify(answer)}`)
    return answer
  }
  const pick = <T extends string>(message: string, choices: Array<Choice<T>>, value: string): T => {
    const choice = choices.find((candidate) => candidate.value === value && candidate.disabled === undefined)
    if (choice === undefined) throw new Error(`"${message}" offers no selectable ${value}: ${JSON.stringify(choices)}`)
    return choice.value
  }
  return {
    transcript,
    get remaining() {
      return [...queue]
    },
    async input({message, default: fallback, validate}) {
      for (;;) {
        const answer = (next('input', message) as {input: string}).input
        const value = answer === '' && fallback !== undefined ? fallback : answer
        const verdict = validate === undefined ? true : await validate(value)
        if (verdict === true) {
          transcript.push(`${message}: ${value}`)
          return value
        }
        transcript.push(`${message}: ${value} -> refused: ${verdict}`)
      }
    },
    async select({message, choices}) {
      const value = pick(message, choices, (next('select', message) as {select: string}).select)
      transcript.push(`${message}: ${value}`)
      return value
    },
    async confirm({message}) {
      const value = (next('confirm', message) as {confirm: boolean}).confirm
      transcript.push(`${message}: ${value ? 'yes' : 'no'}`)
      return value
    },
    async search({message, source}) {
      const term = (next('search', message) as {search: string}).search
      const choices = await source(term)
      const first = choices.find((choice) => choice.disabled === undefined)
      if (first === undefined) throw new Error(`"${message}" offers nothing for ${JSON.stringify(term)}: ${JSON.stringify(choices)}`)
      transcript.push(`${message}: ${first.value}`)
      return first.value
    },
  }
}
