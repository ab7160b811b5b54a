import type {ClassicOptions} from './classic-options.js'

/** The first line, as C mktorrent prints its own (stdout, then a blank line). */
export function classicBanner(version: string): string {
  return `mktorrent ${version} (in C mktorrent 1.1 mode; "mktorrent --help" shows its commands)\n\n`
}

export const classicHelp = `Usage: mktorrent [OPTIONS] <target directory or filename>

Options as in C mktorrent 1.1 (docs/compat-mktorrent.md):
-a, --announce=<url>[,<url>]* : a tracker tier: commas add backup URLs to it,
                                each -a adds a tier
-c, --comment=<comment>       : add a comment
-d, --no-date                 : don't write the creation date
-e, --exclude=<glob>[,<glob>]*: leave out files or folders matching a glob
-f, --force                   : replace the output file if it exists
-h, --help                    : show this help
-l, --piece-length=<n>        : piece length 2^n bytes, n from 15 to 28;
                                default 18 (256 KiB)
-n, --name=<name>             : the torrent name; default: the target's basename
-o, --output=<filename>       : the torrent file; default: <name>.torrent
-p, --private                 : set the private flag
-s, --source=<source>         : add a source string (part of the info-hash)
-t, --threads=<n>             : hashing threads, at most 20; default: the CPU count
-v, --verbose                 : be verbose
-w, --web-seed=<url>[,<url>]* : add web seed URLs; each -w adds more
-x, --cross-seed              : add a random entry so the info-hash is new

Hidden files are included and symbolic links followed, as C mktorrent does.
"mktorrent create --help" shows the native command with v2, hybrid and more.
`

/** `-v`: the settings, in the layout C mktorrent prints them. */
export function classicSettings(options: ClassicOptions, threads: number): string {
  const lines = ['Options:', '  Announce URLs:']
  options.announce.forEach((tier, index) => {
    lines.push(`    ${index + 1} : ${tier[0]}`, ...tier.slice(1).map((url) => `        ${url}`))
  })
  lines.push(
    `  Torrent name: ${options.name}`,
    `  Metafile:     ${options.output}`,
    `  Piece length: ${options.pieceLength}`,
    `  Threads:      ${threads}`,
    '  Be verbose:   yes',
    `  Write date:   ${options.noDate ? 'no' : 'yes'}`,
    `  Web Seed URL: ${options.webSeeds[0] ?? 'none'}`,
    ...options.webSeeds.slice(1).map((url) => `                ${url}`),
    `  Source:       ${options.source ?? 'none'}`,
    `  Private:      ${options.private ? 'yes' : 'no'}`,
    `  Comment:      ${options.comment === undefined ? 'none' : JSON.stringify(options.comment)}`,
    '',
    '',
  )
  return lines.join('\n')
}

/** `-v`: the files and totals, before hashing. */
export function classicContent(paths: string[], totalLength: number, pieceCount: number, pieceLength: number): string {
  const adding = paths.map((path) => `Adding ${path}\n`).join('')
  return `${adding}\n${totalLength} bytes in all.\nThat's ${pieceCount} pieces of ${pieceLength} bytes each.\n\n`
}
