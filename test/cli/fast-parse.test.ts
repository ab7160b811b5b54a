import {Args, Flags, Parser} from '@oclif/core'
import {describe, expect, it} from 'vitest'
import {createArgs, createFlags} from '../../src/cli/create/create-flags.js'
import * as shim from '../../src/cli/fast/oclif-flags-shim.js'
import {type CommandLineSpec, parseCommandLine} from '../../src/cli/fast/parse-command-line.js'
import {debugFlag, jsonFlag} from '../../src/cli/global-flags.js'
import {infoArgs, infoFlags} from '../../src/cli/info-flags.js'
import {verifyArgs, verifyFlags} from '../../src/cli/verify/verify-flags.js'

/**
 * The start-up paths (src/cli/fast) parse command lines without oclif, with the commands' own
 * definitions. Whatever they accept must come out exactly as oclif's parser gives it (flags,
 * arguments, extra arguments, which flags were given); whatever they cannot match goes to oclif.
 */
const commands: Record<string, CommandLineSpec> = {
  create: {flags: {debug: debugFlag, json: jsonFlag, ...createFlags}, args: createArgs, strict: false},
  verify: {flags: {debug: debugFlag, json: jsonFlag, ...verifyFlags}, args: verifyArgs, strict: true},
  info: {flags: {debug: debugFlag, json: jsonFlag, ...infoFlags}, args: infoArgs, strict: true},
} as unknown as Record<string, CommandLineSpec>

/** Command lines the start-up paths must take on: the everyday ones (a test that cannot fail otherwise). */
const taken: Array<[string, string[]]> = [
  ['create', ['dir']],
  ['create', ['dir', '-o', 'out.torrent', '-f', '-q', '-d', '--no-created-by', '-l', '20']],
  ['create', ['-a', 'udp://t.example:6969/announce', '-a', 'https://a.example/a,https://b.example/b', 'dir']],
  ['create', ['--hybrid', '-l', '16KiB', '-o', 'release-hybrid.torrent', './release']],
  ['create', ['-p', '-s', 'SRC', '-c', 'a comment', '--name', 'n', '-w', 'https://w.example/', 'dir']],
  ['create', ['--meta-version', 'v2', '--piece-length=4MiB', '--json', 'dir']],
  ['create', ['--no-private', '--preset', 'public', '--config', 'c.yaml', '--exclude', '*.tmp', '--include=*.iso', 'dir']],
  ['create', ['--threads=3', '--date', '2024-05-01', '--dht-node', 'router.example:6881', '--cross-seed', 'dir']],
  ['create', ['--allow', 'one-file-folder', '--dry-run', '--include-hidden', '--no-follow-symlinks', '-o', '-', 'dir']],
  ['create', ['-odir/', '-l=auto', 'dir']],
  ['create', ['a', 'b', 'c']],
  ['verify', ['x.torrent']],
  ['verify', ['x.torrent', 'data']],
  ['verify', ['--save-path', 'dl', '--file', '*.mkv', '--file=*.srt', '-v', '--json', 'x.torrent']],
  ['verify', ['--fast', '-t', '1', 'x.torrent', 'data']],
  ['verify', ['--web-seeds', '--sample', '20', 'x.torrent']],
  ['verify', ['-', 'data']],
  ['info', ['x.torrent']],
  ['info', ['--json', '--raw', '--strict', '--padding', '--allow', 'pad-overhead', 'x.torrent']],
  ['info', ['--allow=pad-overhead', 'x.torrent']],
]

/** Command lines oclif must parse (an error, help, a feature left to it), which the start-up paths hand over. */
const handedOver: Array<[string, string[]]> = [
  ['create', []],
  ['create', ['--help', 'dir']],
  ['create', ['-h']],
  ['create', ['--bogus', 'dir']],
  ['create', ['-qf', 'dir']],
  ['create', ['--', 'dir']],
  ['create', ['-l', 'banana', 'dir']],
  ['create', ['-l', '13', 'dir']],
  ['create', ['--meta-version', 'v3', 'dir']],
  ['create', ['--v2', '--hybrid', 'dir']],
  ['create', ['--created-by', 'x', '--no-created-by', 'dir']],
  ['create', ['-d', '--date', '2024-05-01', 'dir']],
  ['create', ['-t', '0', 'dir']],
  ['create', ['-t', 'many', 'dir']],
  ['create', ['-o', 'a', '-o', 'b', 'dir']],
  ['create', ['-t', '2', '--threads=3', 'dir']],
  ['create', ['-o', '--force', 'dir']],
  ['create', ['-o']],
  ['create', ['--quiet=true', 'dir']],
  ['create', ['--no-quiet', 'dir']],
  ['create', ['--allow', 'no-such-lint', 'dir']],
  ['create', ['dir', '-a']],
  ['verify', []],
  ['verify', ['a.torrent', 'b', 'c']],
  ['verify', ['--seed', '3', '--sample', '2', 'x.torrent']],
  ['verify', ['-t', '-1', 'x.torrent']],
  ['info', ['a.torrent', 'b.torrent']],
  ['info', ['--allow', 'no-such-lint', 'x.torrent']],
]

describe('the start-up parser', () => {
  it.each(taken)('%s %j: parsed, and as oclif parses it', async (command, argv) => {
    const spec = commands[command]!
    const ours = await parseCommandLine(argv, spec)
    expect(ours).toBeDefined()
    const theirs = await Parser.parse(argv, {flags: spec.flags as never, args: spec.args as never, strict: spec.strict, context: {} as never})
    expect(ours!.flags).toEqual(theirs.flags)
    expect(ours!.args).toEqual(theirs.args)
    expect(ours!.argv).toEqual(theirs.argv)
    expect([...ours!.given].sort()).toEqual([...new Set(theirs.raw.flatMap((token) => (token.type === 'flag' ? [token.flag] : [])))].sort())
  })

  it.each(handedOver)('%s %j: handed to oclif', async (command, argv) => {
    expect(await parseCommandLine(argv, commands[command]!)).toBeUndefined()
  })

  it('hands over every command line of a command whose definitions use a feature it leaves to oclif', async () => {
    const spec = {flags: {token: {type: 'option', env: 'TOKEN'}}, args: {}, strict: true} as unknown as CommandLineSpec
    expect(await parseCommandLine([], spec)).toBeUndefined()
  })
})

describe("the start-up bundles' stand-in for oclif's Flags and Args", () => {
  const definitions = [
    ['boolean', Flags.boolean({char: 'q', description: 'd'}), shim.Flags.boolean({char: 'q', description: 'd'})],
    ['boolean allowNo', Flags.boolean({allowNo: true, exclusive: ['x']}), shim.Flags.boolean({allowNo: true, exclusive: ['x']})],
    ['string', Flags.string({char: 'o', helpValue: 'FILE'}), shim.Flags.string({char: 'o', helpValue: 'FILE'})],
    ['string multiple', Flags.string({multiple: true, multipleNonGreedy: true}), shim.Flags.string({multiple: true, multipleNonGreedy: true})],
    ['string options', Flags.string({options: ['a', 'b']}), shim.Flags.string({options: ['a', 'b']})],
    ['integer', Flags.integer({min: 1, max: 256}), shim.Flags.integer({min: 1, max: 256})],
    ['option', Flags.option({options: ['v1', 'v2'] as const})(), shim.Flags.option({options: ['v1', 'v2']})()],
    ['custom', Flags.custom<number>({char: 'l', parse: async (input) => Number(input)})(), shim.Flags.custom({char: 'l', parse: async (input: string) => Number(input)})()],
    ['arg', Args.string({required: true, ignoreStdin: true}), shim.Args.string({required: true, ignoreStdin: true})],
  ] as const

  it.each(definitions)('%s: the same definition object', (_kind, oclif, ours) => {
    const data = (definition: object) => Object.fromEntries(Object.entries(definition).filter(([, value]) => typeof value !== 'function'))
    expect(data(ours)).toEqual(data(oclif))
    expect(Object.keys(ours).sort()).toEqual(Object.keys(oclif).sort())
  })

  it.each([['7'], ['0'], ['300'], ['-3'], ['x'], ['1.5']])('integer %s: the same value or the same refusal', async (input) => {
    const oclif = Flags.integer({min: 1, max: 256})
    const ours = shim.Flags.integer({min: 1, max: 256})
    const outcome = async (definition: {parse: (...args: never[]) => Promise<unknown>}) =>
      definition.parse(input as never, {} as never, definition as never).then(
        (value) => ({value}),
        (error: Error) => ({error: error.message}),
      )
    expect(await outcome(ours as never)).toEqual(await outcome(oclif as never))
  })
})
