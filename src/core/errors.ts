/**
 * The error hierarchy shared by the library and the CLI. Every error carries a stable `code` (for
 * scripts and for matching errors that crossed a worker boundary, which loses the prototype) and the
 * process exit code documented in docs/exit-codes.md.
 */
export const ExitCode = {
  ok: 0,
  verifyFailed: 1,
  usage: 2,
  invalidTorrent: 3,
  io: 4,
  outputExists: 5,
  interrupted: 130,
  terminated: 143,
} as const

export type ExitCodeValue = (typeof ExitCode)[keyof typeof ExitCode]

export class MktorrentError extends Error {
  readonly code: string
  readonly exitCode: ExitCodeValue

  constructor(code: string, message: string, exitCode: ExitCodeValue, options?: {cause?: unknown}) {
    super(message, options)
    this.name = new.target.name
    this.code = code
    this.exitCode = exitCode
  }
}

/** Bad command-line input: a flag value, a missing argument. */
export class UsageError extends MktorrentError {
  constructor(code: string, message: string) {
    super(code, message, ExitCode.usage)
  }
}

/** The torrent cannot be decoded, breaks a rule, or is unsafe to act on. */
export class InvalidTorrentError extends MktorrentError {
  /** Byte offset in the .torrent file where decoding failed, when known. */
  readonly offset: number | undefined

  constructor(code: string, message: string, offset?: number) {
    super(code, message, ExitCode.invalidTorrent)
    this.offset = offset
  }
}

/** `error` with the torrent it refuses named first (`label: message`) when it is an InvalidTorrentError; any other error as it is. */
export function namingTorrent(error: unknown, label: string): unknown {
  return error instanceof InvalidTorrentError ? new InvalidTorrentError(error.code, `${label}: ${error.message}`, error.offset) : error
}

/** A file could not be read or written. */
export class IoError extends MktorrentError {
  readonly path: string

  constructor(code: string, message: string, path: string, options?: {cause?: unknown}) {
    super(code, message, ExitCode.io, options)
    this.path = path
  }
}

/**
 * The work was stopped through its AbortSignal (`createTorrent`, `verifyContent`). Named
 * `AbortError` like the errors of Node's own abortable APIs, so `error.name === 'AbortError'`
 * checks work; the signal's reason is the `cause`. The CLI reports an interruption as 130 or 143.
 */
export class AbortError extends MktorrentError {
  constructor(reason?: unknown) {
    super('aborted', 'the operation was aborted', ExitCode.interrupted, {cause: reason})
  }
}

/**
 * What an abortable function throws once `signal` has fired: our AbortError, whatever the
 * interrupted step threw (the pool's own abort error, the signal's reason); otherwise `error`.
 */
export function abortErrorOr(error: unknown, signal: AbortSignal | undefined): unknown {
  if (signal?.aborted !== true || error instanceof AbortError) return error
  return new AbortError(signal.reason)
}
