import {availableParallelism} from 'node:os'
import {ExitCode, MktorrentError, UsageError} from '../core/errors.js'
import {OutputExistsError} from '../core/io/output-exists-error.js'
import {hashPlannedTorrent, planTorrent, type CreateOptions} from '../core/use-cases/create-torrent.js'
import {hashWorkers} from '../core/hash/hash-pool.js'
import {assertWritableDestination, writeFileAtomic} from '../core/io/write-file-atomic.js'
import {BaseCommand} from '../cli/base-command.js'
import {classicOptions} from '../cli/classic/classic-options.js'
import {ClassicProgress} from '../cli/classic/classic-progress.js'
import {classicBanner, classicContent, classicHelp, classicSettings} from '../cli/classic/classic-text.js'
import {parseClassicArgs} from '../cli/classic/parse-classic-args.js'

export interface ClassicResult {
  output: string | undefined
}

export default class Classic extends BaseCommand<ClassicResult> {
  static override summary = 'Create a torrent from C mktorrent 1.1 options; also what "mktorrent -a URL dir" runs.'

  static override description = `The drop-in mode for scripts written for C mktorrent (docs/compat-mktorrent.md). When the first argument is not a command but an option or an existing path, and the arguments parse as C mktorrent's options (-a -c -d -e -f -h -l -n -o -p -s -t -v -w -x), mktorrent runs this command. It makes the v1 torrent C mktorrent makes for the same options (the same info-hash), prints "Hashed N of M pieces." on stdout, and exits 0 on success and 1 on any error, like C mktorrent (130 or 143 when interrupted). "mktorrent classic -h" lists the options.`

  static override usage = 'classic [-a URL[,URL...]]... [-cdefhlnopstvwx] <target directory or filename>'

  static override examples = [
    '<%= config.bin %> -a udp://tracker.example:6969/announce -l 20 -p -o classic.torrent album',
    '<%= config.bin %> classic -d -n "My Album" -o named.torrent album',
  ]

  static override strict = false
  static override enableJsonFlag = false

  async run(): Promise<ClassicResult> {
    const parsed = parseClassicArgs(this.argv)
    if (!parsed.ok) throw new UsageError('usage', `${parsed.message}; "mktorrent -h" lists C mktorrent's options`)
    this.out.stdout(classicBanner(this.config.version))
    const options = classicOptions(parsed.args, process.cwd())
    if (options.help) {
      this.out.stdout(classicHelp)
      return {output: undefined}
    }
    if (options.verbose) this.out.stdout(classicSettings(options, options.threads ?? availableParallelism()))
    let progress: ClassicProgress | undefined
    const create: CreateOptions = {
      path: options.target,
      metaVersion: 'v1',
      pieceLength: options.pieceLength,
      name: options.name,
      announce: options.announce,
      webSeeds: options.webSeeds,
      private: options.private,
      source: options.source,
      comment: options.comment,
      crossSeed: options.crossSeed,
      createdBy: `mktorrent ${this.config.version}`,
      creationDate: options.noDate ? undefined : Math.floor(Date.now() / 1000),
      walk: {exclude: options.exclude, includeHidden: true, followSymlinks: true, skipPaths: [options.output]},
      threads: options.threads,
      // C mktorrent writes a torrent of any size; so does its drop-in.
      allow: new Set(['info-too-large']),
      onProgress: (event) => {
        if (event.phase === 'hashing') progress?.hashed(event.bytesDone, event.bytesTotal, options.pieceLength)
      },
    }
    const workers = hashWorkers(options.threads)
    try {
      const plan = await planTorrent({...create, workers})
      if (options.verbose) {
        const paths = plan.walk.files.map((file) => file.path.join('/'))
        this.out.stdout(classicContent(paths, plan.walk.totalLength, plan.layout.pieceCount, plan.pieceLength))
      }
      await assertWritableDestination(options.output, {force: options.force}).catch((error: unknown) => {
        if (error instanceof OutputExistsError) throw new MktorrentError(error.code, `${options.output} exists; -f replaces it`, error.exitCode)
        throw error
      })
      progress = new ClassicProgress(this.out.stdout, plan.layout.pieceCount)
      progress.start()
      const created = await this.interrupts.abortable((signal) => hashPlannedTorrent(plan, {...create, workers, signal}), 'interrupted; no torrent was written')
      progress.finish()
      this.out.stdout('Writing metainfo file... ')
      await writeFileAtomic(options.output, created.bytes, {force: options.force})
      this.out.stdout('done.\n')
      return {output: options.output}
    } finally {
      await workers?.destroy()
    }
  }

  /** C mktorrent exits 1 on every failure; an interruption keeps its 130 or 143. */
  override async catch(error: Error): Promise<void> {
    await super.catch(error)
    const code = Number(process.exitCode ?? 0)
    if (code !== 0 && code !== ExitCode.interrupted && code !== ExitCode.terminated) process.exitCode = 1
  }
}
