import {execFileSync} from 'node:child_process'
import {randomBytes} from 'node:crypto'
import {fileURLToPath} from 'node:url'

const BIN = fileURLToPath(new URL('../../bin/run.js', import.meta.url))
const EXIT_MARK = /^EXIT=(\d+)$/m

export interface TmuxSession {
  /** Sends tmux key names or literal text (`send-keys` semantics: 'Enter', 'C-c', 'Down', 'abc'). */
  keys(...keys: string[]): void
  /** Sends text literally, so nothing in it is read as a key name. */
  type(text: string): void
  /** The screen as text, wrapped lines joined. */
  screen(): string
  /** Waits until the screen matches, and returns it; fails with the screen after `timeoutMs`. */
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<string>
  /** Waits for the command to end and returns its exit code. */
  exitCode(timeoutMs?: number): Promise<number>
  close(): void
}

export interface TmuxOptions {
  cwd: string
  width?: number
  height?: number
}

/**
 * Runs `node bin/run.js ...args` in a pseudo-terminal inside a private tmux server (its own socket,
 * so no other tmux is touched), to drive prompts as a person would.
 */
export function startTmux(args: string[], options: TmuxOptions): TmuxSession {
  const quoted = [process.execPath, BIN, ...args].map((word) => `'${word.replaceAll("'", `'\\''`)}'`).join(' ')
  return startShellInTmux(`NO_COLOR=1 ${quoted}`, options)
}

/** Runs a shell command line in a pseudo-terminal inside a private tmux server. */
export function startShellInTmux(command: string, options: TmuxOptions): TmuxSession {
  const socket = `mktorrent-test-${randomBytes(6).toString('hex')}`
  const tmux = (...tmuxArgs: string[]): string => execFileSync('tmux', ['-L', socket, '-f', '/dev/null', ...tmuxArgs], {encoding: 'utf8'})
  // The shell stays alive after the command so its exit code can be read from the screen.
  const script = `cd '${options.cwd}' && ${command}; echo EXIT=$?; exec sleep 3600`
  tmux('new-session', '-d', '-s', 'test', '-x', String(options.width ?? 200), '-y', String(options.height ?? 50), script)
  const screen = (): string => tmux('capture-pane', '-p', '-J', '-t', 'test').replace(/\n+$/, '\n')
  const waitFor = async (pattern: RegExp, timeoutMs = 90_000): Promise<string> => {
    const deadline = Date.now() + timeoutMs
    for (;;) {
      const text = screen()
      if (pattern.test(text)) return text
      if (Date.now() > deadline) throw new Error(`the screen never matched ${pattern}:\n${text}`)
      await new Promise((resolve) => setTimeout(resolve, 50))
    }
  }
  return {
    keys: (...keys) => void tmux('send-keys', '-t', 'test', ...keys),
    type: (text) => void tmux('send-keys', '-t', 'test', '-l', text),
    screen,
    waitFor,
    exitCode: async (timeoutMs) => Number(EXIT_MARK.exec(await waitFor(EXIT_MARK, timeoutMs))![1]),
    close: () => {
      try {
        tmux('kill-server')
      } catch {
        // Already gone.
      }
    },
  }
}
