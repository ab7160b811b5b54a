/** Where the CLI writes: stdout for data, stderr for people (ARCHITECTURE.md principle 9). */
export interface Output {
  stdout: (data: string | Uint8Array) => void
  stderr: (text: string) => void
  stdoutIsTTY: boolean
  stderrIsTTY: boolean
  color: boolean
}

export function processOutput(): Output {
  const noColor = process.env.NO_COLOR !== undefined && process.env.NO_COLOR !== ''
  return {
    stdout: (data) => void process.stdout.write(data),
    stderr: (text) => void process.stderr.write(text),
    stdoutIsTTY: process.stdout.isTTY === true,
    stderrIsTTY: process.stderr.isTTY === true,
    color: !noColor && process.stdout.isTTY === true,
  }
}

const codes = {red: 31, yellow: 33, green: 32, bold: 1, dim: 2} as const

export type Style = keyof typeof codes

export function paint(enabled: boolean, style: Style, text: string): string {
  return enabled ? `\u001B[${codes[style]}m${text}\u001B[0m` : text
}
