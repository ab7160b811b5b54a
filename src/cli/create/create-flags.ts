import {Args, Flags} from '@oclif/core'
import {LINT_CODES} from '../../core/metainfo/lint-torrent.js'
import {pieceLengthFlag} from '../flags.js'

export const createArgs = {
  path: Args.string({description: 'The file or folder to make a torrent of; several make one torrent each (a batch); without any, on a terminal, the wizard asks.'}),
}

export const createFlags = {
  interactive: Flags.boolean({char: 'i', description: 'Ask for everything not given on the command line, step by step (the default on a terminal when no path is given).', exclusive: ['yes']}),
  yes: Flags.boolean({char: 'y', description: 'Never ask: a missing path is then a usage error (exit 2), as it is without a terminal or with --json.'}),
  'meta-version': Flags.option({
    options: ['v1', 'v2', 'hybrid'] as const,
    description: 'Torrent format: v1 (BEP 3, the most compatible), v2 (BEP 52) or hybrid (both in one torrent, readable by v1 and v2 clients).',
    exclusive: ['v2', 'hybrid'],
  })(),
  v2: Flags.boolean({description: 'Same as --meta-version v2.', exclusive: ['meta-version', 'hybrid']}),
  hybrid: Flags.boolean({description: 'Same as --meta-version hybrid.', exclusive: ['meta-version', 'v2']}),
  announce: Flags.string({
    char: 'a',
    multiple: true, multipleNonGreedy: true,
    description: 'A tracker URL. Each --announce is one tier; commas inside one value put several URLs in the same tier.',
  }),
  'web-seed': Flags.string({char: 'w', multiple: true, multipleNonGreedy: true, description: 'A web seed URL (BEP 19 url-list); repeat for several.'}),
  'http-seed': Flags.string({multiple: true, multipleNonGreedy: true, description: 'An HTTP seed script URL (BEP 17 httpseeds); repeat for several.'}),
  'dht-node': Flags.string({multiple: true, multipleNonGreedy: true, description: 'A DHT bootstrap node as host:port (BEP 5 nodes); repeat for several.'}),
  private: Flags.boolean({char: 'p', allowNo: true, description: 'Mark the torrent private (BEP 27): clients use only its trackers, no DHT or peer exchange. --no-private overrides a preset.'}),
  source: Flags.string({char: 's', description: 'A source tag stored inside info, so the same content gets a distinct info-hash per tracker.'}),
  comment: Flags.string({char: 'c', description: 'A free-text comment stored in the torrent.'}),
  name: Flags.string({char: 'n', description: 'The torrent name; by default the file or folder name.'}),
  'cross-seed': Flags.boolean({char: 'x', description: 'Add a random entry inside info so the same content gets a new info-hash, as C mktorrent does.'}),
  'created-by': Flags.string({description: 'The "created by" text; by default mktorrent and its version.', exclusive: ['no-created-by']}),
  'no-created-by': Flags.boolean({description: 'Leave out "created by", for reproducible output.'}),
  'no-date': Flags.boolean({char: 'd', description: 'Leave out the creation date, for reproducible output.', exclusive: ['date']}),
  date: Flags.string({description: 'The creation date to record, as ISO 8601 (2024-05-01, 2024-05-01T12:00:00Z; a time without an offset is local time) or Unix seconds, from 1970 to 9999; by default now.'}),
  'piece-length': pieceLengthFlag(),
  exclude: Flags.string({char: 'e', multiple: true, multipleNonGreedy: true, description: 'Leave out files or folders matching this glob (on the path inside the torrent); commas allowed, repeatable.'}),
  include: Flags.string({multiple: true, multipleNonGreedy: true, description: 'Keep only files matching this glob (on the path inside the torrent); commas allowed, repeatable.'}),
  'include-hidden': Flags.boolean({allowNo: true, description: 'Keep dot files and OS junk (.DS_Store, Thumbs.db, desktop.ini), which are skipped by default.'}),
  'follow-symlinks': Flags.boolean({allowNo: true, description: 'Follow symbolic links (with loop detection) instead of skipping them.'}),
  output: Flags.string({
    char: 'o',
    description: 'Where to write the torrent: a file; a folder (an existing one, or a path ending in "/", created if missing) to write <folder>/<name>.torrent; or "-" for stdout and nothing else. Default: the preset\'s outputDir, else <name>.torrent in the current folder.',
  }),
  force: Flags.boolean({char: 'f', description: 'Replace an output file that exists (otherwise exit 5 before hashing); per file in a batch.'}),
  preset: Flags.string({multiple: true, multipleNonGreedy: true, description: 'Apply a preset of the config file (docs/config.md); repeatable, a later one overriding an earlier one; flags override presets. Without it the config\'s default preset applies.'}),
  config: Flags.string({description: 'The config file holding the presets. Default: $MKTORRENT_CONFIG, else the nearest .mktorrentrc(.json|.yaml|.yml), mktorrent.config.(json|yaml) or package.json "mktorrent" key from the current folder upwards.'}),
  batch: Flags.string({description: 'Make every torrent a YAML or JSON batch file lists (jobs: [{path, preset, output, name, ...options}], docs/config.md) in one run; paths are relative to the file.'}),
  'fail-fast': Flags.boolean({description: 'In a batch (--batch or several paths), stop at the first job that fails; by default the others still run.'}),
  threads: Flags.integer({char: 't', min: 1, max: 256, description: 'Hashing threads; by default the number of available CPUs.'}),
  'dry-run': Flags.boolean({description: 'Walk the content and show the plan (files, size, piece length and count, padding, lints) without hashing or writing.'}),
  allow: Flags.string({multiple: true, multipleNonGreedy: true, options: [...LINT_CODES], description: 'Silence one lint (docs/validation.md); repeatable.'}),
  quiet: Flags.boolean({char: 'q', description: 'Print nothing on stderr but errors.'}),
}
