import {basename, resolve} from 'node:path'
import {Args, Flags} from '@oclif/core'
import {UsageError} from '../core/errors.js'
import {type CreateOptions, hashPlannedTorrent, planTorrent} from '../core/create-torrent.js'
import {type PlanSummary, planSummary} from '../core/create/plan-summary.js'
import type {TorrentReport} from '../core/metainfo/torrent-report.js'
import type {MetaVersion} from '../core/metainfo/metainfo.js'
import {assertWritableDestination, writeFileAtomic} from '../core/write-file-atomic.js'
import {BaseCommand} from '../cli/base-command.js'
import {dhtNodes, parseDate, pieceLengthFlag, trackerTiers} from '../cli/flags.js'
import {Interrupts} from '../cli/interrupts.js'
import {ProgressReporter} from '../cli/progress-reporter.js'
import {renderCreateSummary, renderPlan, renderSkipped} from '../cli/render/create-summary.js'

export type CreateResult = (TorrentReport & {output: string}) | PlanSummary

export default class Create extends BaseCommand<CreateResult> {
  static override summary = 'Create a v1, v2 or hybrid .torrent file from a file or folder.'

  static override description = `Walks the content in canonical order (the BEP 52 file tree order, for every meta version), hashes it in parallel worker threads and writes the torrent atomically: an error or Ctrl-C leaves no partial file and never touches an existing one. Exit codes: 0 written, 2 usage, 4 I/O error (including a file that changed while it was hashed), 5 output exists, 130 interrupted.`

  static override examples = [
    '<%= config.bin %> create -a udp://tracker.example:6969/announce ./release',
    '<%= config.bin %> create --hybrid -l 1MiB -o release.torrent ./release',
    '<%= config.bin %> create -a URL1,URL2 -a URL3 -p -s MYTRACKER --no-date --no-created-by dir',
    '<%= config.bin %> create --dry-run --json ./dataset',
  ]

  static override args = {
    path: Args.string({description: 'The file or folder to make a torrent of.', required: true}),
  }

  static override flags = {
    'meta-version': Flags.option({
      options: ['v1', 'v2', 'hybrid'] as const,
      description: 'Torrent format: v1 (BEP 3, the most compatible), v2 (BEP 52) or hybrid (both in one torrent, readable by v1 and v2 clients).',
      exclusive: ['v2', 'hybrid'],
    })(),
    v2: Flags.boolean({description: 'Same as --meta-version v2.', exclusive: ['meta-version', 'hybrid']}),
    hybrid: Flags.boolean({description: 'Same as --meta-version hybrid.', exclusive: ['meta-version', 'v2']}),
    announce: Flags.string({
      char: 'a',
      multiple: true,
      description: 'A tracker URL. Each --announce is one tier; commas inside one value put several URLs in the same tier.',
    }),
    'web-seed': Flags.string({char: 'w', multiple: true, description: 'A web seed URL (BEP 19 url-list); repeat for several.'}),
    'http-seed': Flags.string({multiple: true, description: 'An HTTP seed script URL (BEP 17 httpseeds); repeat for several.'}),
    'dht-node': Flags.string({multiple: true, description: 'A DHT bootstrap node as host:port (BEP 5 nodes); repeat for several.'}),
    private: Flags.boolean({char: 'p', description: 'Mark the torrent private (BEP 27): clients use only its trackers, no DHT or peer exchange.'}),
    source: Flags.string({char: 's', description: 'A source tag stored inside info, so the same content gets a distinct info-hash per tracker.'}),
    comment: Flags.string({char: 'c', description: 'A free-text comment stored in the torrent.'}),
    name: Flags.string({char: 'n', description: 'The torrent name; by default the file or folder name.'}),
    'cross-seed': Flags.boolean({char: 'x', description: 'Add a random entry inside info so the same content gets a new info-hash, as C mktorrent does.'}),
    'created-by': Flags.string({description: 'The "created by" text; by default mktorrent and its version.', exclusive: ['no-created-by']}),
    'no-created-by': Flags.boolean({description: 'Leave out "created by", for reproducible output.'}),
    'no-date': Flags.boolean({char: 'd', description: 'Leave out the creation date, for reproducible output.', exclusive: ['date']}),
    date: Flags.string({description: 'The creation date to record, as ISO 8601 or Unix seconds; by default now.'}),
    'piece-length': pieceLengthFlag(),
    exclude: Flags.string({char: 'e', multiple: true, description: 'Leave out files or folders matching this glob (on the path inside the torrent); commas allowed, repeatable.'}),
    include: Flags.string({multiple: true, description: 'Keep only files matching this glob (on the path inside the torrent); commas allowed, repeatable.'}),
    'include-hidden': Flags.boolean({description: 'Keep dot files and OS junk (.DS_Store, Thumbs.db, desktop.ini), which are skipped by default.'}),
    'follow-symlinks': Flags.boolean({description: 'Follow symbolic links (with loop detection) instead of skipping them.'}),
    output: Flags.string({char: 'o', description: 'Where to write the torrent; "-" writes it to stdout and nothing else. Default: <name>.torrent in the current folder.'}),
    force: Flags.boolean({char: 'f', description: 'Replace the output file if it exists (otherwise exit 5 before hashing).'}),
    threads: Flags.integer({char: 't', min: 1, max: 256, description: 'Hashing threads; by default the number of available CPUs.'}),
    'dry-run': Flags.boolean({description: 'Walk the content and show the plan (files, size, piece length and count, padding) without hashing or writing.'}),
    quiet: Flags.boolean({char: 'q', description: 'Print nothing on stderr but errors.'}),
  }

  async run(): Promise<CreateResult> {
    const {args, flags} = await this.parse(Create)
    const metaVersion: MetaVersion = flags.v2 ? 'v2' : flags.hybrid ? 'hybrid' : (flags['meta-version'] ?? 'v1')
    const toStdout = flags.output === '-'
    if (toStdout && this.jsonEnabled()) throw new UsageError('usage', '--output - and --json both want stdout; choose one')
    const name = flags.name ?? basename(resolve(args.path))
    const output = toStdout ? '-' : resolve(flags.output ?? `${name}.torrent`)
    const people = !flags.quiet && !this.jsonEnabled()
    const progress = new ProgressReporter(
      {write: this.out.stderr, isTTY: this.out.stderrIsTTY, columns: process.stderr.columns},
      {enabled: people && this.out.stderrIsTTY},
    )

    const options: CreateOptions = {
      path: args.path,
      metaVersion,
      pieceLength: flags['piece-length'] === 'auto' ? undefined : flags['piece-length'],
      name: flags.name,
      announce: trackerTiers(flags.announce),
      webSeeds: flags['web-seed'] ?? [],
      httpSeeds: flags['http-seed'] ?? [],
      dhtNodes: dhtNodes(flags['dht-node']),
      private: flags.private,
      source: flags.source,
      comment: flags.comment,
      crossSeed: flags['cross-seed'],
      createdBy: flags['no-created-by'] ? undefined : (flags['created-by'] ?? `mktorrent ${this.config.version}`),
      creationDate: flags['no-date'] ? undefined : flags.date === undefined ? Math.floor(Date.now() / 1000) : parseDate(flags.date),
      walk: {
        exclude: flags.exclude,
        include: flags.include,
        includeHidden: flags['include-hidden'],
        followSymlinks: flags['follow-symlinks'],
        skipPaths: toStdout ? [] : [output],
      },
      threads: flags.threads,
      onProgress: (event) => progress.update(event),
    }

    const interrupts = new Interrupts(this.out.stderr)
    try {
      const plan = await planTorrent(options)
      if (people) this.out.stderr(renderSkipped(plan.walk.skipped))
      if (flags['dry-run']) {
        progress.finish()
        const summary = planSummary(plan)
        if (!this.jsonEnabled()) this.out.stdout(renderPlan(summary))
        return summary
      }
      if (!toStdout) await assertWritableDestination(output, {force: flags.force})

      const started = performance.now()
      const created = await interrupts.abortable((signal) => hashPlannedTorrent(plan, {...options, signal}))
      progress.finish()
      if (toStdout) await this.out.stdoutData(created.bytes)
      else await writeFileAtomic(output, created.bytes, {force: flags.force})
      const seconds = (performance.now() - started) / 1000
      if (people) this.out.stderr(renderCreateSummary(created.report, plan, {output, seconds, tty: this.out.stderrIsTTY}))
      return {...created.report, output}
    } finally {
      interrupts.dispose()
    }
  }
}
