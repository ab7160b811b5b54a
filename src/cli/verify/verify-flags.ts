import {Args, Flags} from '@oclif/core'

// `mktorrent verify`'s arguments and flags: the oclif command's, and the start-up path's
// (src/cli/fast/fast-verify.ts), which parses with these very definitions.

export const verifyArgs = {
  torrent: Args.string({description: 'The .torrent file ("-" for stdin; a FIFO or <(...) works too).', required: true, ignoreStdin: true}),
  content: Args.string({
    description: 'The data: the file of a single-file torrent, or the torrent\'s top folder. Default: <folder of the torrent>/<name>, or ./<name> for a torrent read from a pipe.',
    // oclif would otherwise read a missing argument from stdin, which may hold the torrent.
    ignoreStdin: true,
  }),
}

export const verifyFlags = {
  'save-path': Flags.string({description: 'The folder the content was downloaded to: the content is DIR/<name>.', helpValue: 'DIR'}),
  file: Flags.string({
    multiple: true,
    // One value per --file, so `--file '*.mkv' release.torrent` keeps the torrent as an argument.
    multipleNonGreedy: true,
    description: 'Verify only files matching this glob (on the path inside the torrent; as create --include); in v1 the pieces they share with other files are checked too. Repeatable.',
    helpValue: 'GLOB',
  }),
  fast: Flags.boolean({description: 'Check sizes only: nothing is hashed.'}),
  verbose: Flags.boolean({char: 'v', description: 'List every file, not only those that are not OK.'}),
  threads: Flags.integer({char: 't', min: 1, max: 256, description: 'Hashing threads; by default the number of available CPUs.'}),
  'web-seed': Flags.string({
    multiple: true,
    multipleNonGreedy: true,
    description: 'Check the data this web seed (http or https) serves instead of local data, the torrent\'s files found under it as BEP 19 says. Repeatable.',
    helpValue: 'URL',
  }),
  'web-seeds': Flags.boolean({description: 'Check every web seed of the torrent\'s url-list (BEP 19) instead of local data.'}),
  sample: Flags.integer({
    min: 1,
    description: 'Web seeds: check N random pieces and the first and last piece of every file instead of every piece; the seed is printed.',
    helpValue: 'N',
  }),
  seed: Flags.integer({min: 0, max: 2 ** 32 - 1, dependsOn: ['sample'], helpValue: 'SEED', description: 'The seed of --sample, to repeat a sampled check exactly.'}),
}
