import {stat} from 'node:fs/promises'
import {Args} from '@oclif/core'
import {UsageError} from '../core/errors.js'
import {PIECE_LENGTH_POLICY_VERSION} from '../core/content/piece-length.js'
import {type PieceLengthChoice, type PieceLengthRow, pieceLengthChoices, pieceLengthTable} from '../core/content/piece-length-table.js'
import {walkContent} from '../core/content/walk-content.js'
import {parseByteSize} from '../core/parse-byte-size.js'
import {BaseCommand} from '../cli/base-command.js'
import {createFlags} from '../cli/create/create-flags.js'
import {renderPieceLengthChoices, renderPieceLengthTable} from '../cli/render/piece-length-advice.js'

export interface PieceLengthResult {
  policyVersion: number
  table: PieceLengthRow[]
  /** The choice for the SIZE or PATH given, or null without one. */
  input: {kind: 'size' | 'path'; text: string; totalLength: number; fileCount: number; choices: PieceLengthChoice[]} | null
}

export default class PieceLength extends BaseCommand<PieceLengthResult> {
  static override summary = 'Show the automatic piece length: the table, and the choice for a size or a file or folder.'

  static override description = `Prints the piece lengths "create" picks by default (docs/piece-length.md) for a range of sizes, then, given a size such as 4.7GB or 700MiB, or an existing file or folder, the length, piece count and reason for v1, v2 and hybrid. An argument that names an existing file or folder is read as a path, anything else as a size. For a folder, the walk flags select the files as "create" would.`

  static override examples = [
    '<%= config.bin %> piece-length',
    '<%= config.bin %> piece-length 4.7GB',
    '<%= config.bin %> piece-length --json ./album',
  ]

  static override args = {
    input: Args.string({description: 'A size (4.7GB, 700MiB, 123456) or a file or folder.'}),
  }

  static override flags = {
    exclude: createFlags.exclude,
    include: createFlags.include,
    'include-hidden': createFlags['include-hidden'],
    'follow-symlinks': createFlags['follow-symlinks'],
  }

  async run(): Promise<PieceLengthResult> {
    const {args, flags} = await this.parse(PieceLength)
    const table = pieceLengthTable()
    let input: PieceLengthResult['input'] = null
    if (args.input !== undefined) {
      const exists = await stat(args.input).then(
        () => true,
        () => false,
      )
      let lengths: number[]
      if (exists) {
        const walk = await walkContent(args.input, {exclude: flags.exclude, include: flags.include, includeHidden: flags['include-hidden'], followSymlinks: flags['follow-symlinks']})
        lengths = walk.files.map((file) => file.length)
      } else {
        try {
          lengths = [parseByteSize(args.input)]
        } catch {
          throw new UsageError('usage', `${JSON.stringify(args.input)} is neither an existing file or folder nor a size such as 4.7GB or 700MiB`)
        }
      }
      const totalLength = lengths.reduce((sum, length) => sum + length, 0)
      input = {kind: exists ? 'path' : 'size', text: args.input, totalLength, fileCount: lengths.length, choices: pieceLengthChoices(lengths)}
    }
    if (!this.jsonEnabled()) {
      this.out.stdout(renderPieceLengthTable(PIECE_LENGTH_POLICY_VERSION, table))
      if (input !== null) this.out.stdout(`\n${renderPieceLengthChoices(input.text, input.totalLength, input.fileCount, input.choices)}`)
    }
    return {policyVersion: PIECE_LENGTH_POLICY_VERSION, table, input}
  }
}
