import {ExitCode, MktorrentError} from '../errors.js'

/** The output file exists and replacing it was not asked for (exit 5, docs/exit-codes.md). */
export class OutputExistsError extends MktorrentError {
  readonly path: string

  constructor(path: string, options?: {cause?: unknown}) {
    super('output-exists', `${path} exists; use --force to replace it`, ExitCode.outputExists, options)
    this.path = path
  }
}
