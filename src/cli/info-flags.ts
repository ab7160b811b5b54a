import {Args, Flags} from '@oclif/core'
import {LINT_CODES} from '../core/metainfo/lint-torrent.js'

// `mktorrent info`'s arguments and flags: the oclif command's, and the start-up path's
// (src/cli/fast/fast-info.ts), which parses with these very definitions.

export const infoArgs = {
  torrent: Args.string({description: 'The .torrent file to read ("-" for stdin; a FIFO or <(...) works too).', required: true, ignoreStdin: true}),
}

export const infoFlags = {
  padding: Flags.boolean({description: 'List BEP 47 pad files too; they are hidden by default.'}),
  raw: Flags.boolean({
    description: 'Print the whole decoded file as JSON (byte strings as text where valid UTF-8, else {"hex": ...}), without validating it.',
  }),
  strict: Flags.boolean({description: 'Treat every warning, lints included, as an error, so any issue makes the exit code 3.'}),
  allow: Flags.string({multiple: true, multipleNonGreedy: true, options: [...LINT_CODES], description: 'Silence one lint (docs/validation.md); repeatable.'}),
}
