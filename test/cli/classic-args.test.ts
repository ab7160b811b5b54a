import {describe, expect, it} from 'vitest'
import {CLASSIC_DEFAULT_EXPONENT, classicOptions} from '../../src/cli/classic/classic-options.js'
import {ClassicProgress} from '../../src/cli/classic/classic-progress.js'
import {parseClassicArgs} from '../../src/cli/classic/parse-classic-args.js'

const parse = (argv: string[]) => {
  const result = parseClassicArgs(argv)
  if (!result.ok) throw new Error(result.message)
  return result.args
}

describe('parseClassicArgs (GNU getopt_long, as C mktorrent reads its arguments)', () => {
  it.each<[string, string[], Array<[string, string | undefined]>, string[]]>([
    ['separate values', ['-a', 'U', '-l', '20', 'dir'], [['a', 'U'], ['l', '20']], ['dir']],
    ['an attached value', ['-l20', 'dir'], [['l', '20']], ['dir']],
    ['clustered switches ending in a value', ['-dpl', '16', 'dir'], [['d', undefined], ['p', undefined], ['l', '16']], ['dir']],
    ['clustered switches with an attached value', ['-dpl16', 'dir'], [['d', undefined], ['p', undefined], ['l', '16']], ['dir']],
    ['long options with = and with a separate value', ['--announce=U', '--name', 'N', 'dir'], [['a', 'U'], ['n', 'N']], ['dir']],
    ['an unambiguous prefix of a long name', ['--priv', '--ann=U', 'dir'], [['p', undefined], ['a', 'U']], ['dir']],
    ['operands anywhere (GNU permutation)', ['dir', '-a', 'U', 'more'], [['a', 'U']], ['dir', 'more']],
    ['"--" ending the options', ['-p', '--', '-dir'], [['p', undefined]], ['-dir']],
    ['"-" as an operand', ['-'], [], ['-']],
    ['a value that starts with a dash', ['-c', '-x-', 'dir'], [['c', '-x-']], ['dir']],
  ])('reads %s', (_label, argv, options, operands) => {
    const args = parse(argv)
    expect(args.options.map((option) => [option.letter, option.value])).toEqual(options)
    expect(args.operands).toEqual(operands)
  })

  it.each<[string[], string]>([
    [['-z', 'dir'], "invalid option -- 'z'"],
    [['-pz'], "invalid option -- 'z'"],
    [['-a'], "option requires an argument -- 'a'"],
    [['--announce'], "option '--announce' requires an argument"],
    [['--nope'], "unrecognized option '--nope'"],
    [['--c'], "option '--c' is ambiguous (--comment, --cross-seed)"],
    [['--private=1'], "option '--private' doesn't allow an argument"],
  ])('refuses %j: %s', (argv, message) => {
    expect(parseClassicArgs(argv)).toEqual({ok: false, message})
  })
})

describe('classicOptions (C mktorrent 1.1 semantics)', () => {
  const options = (argv: string[]) => classicOptions(parse(argv), '/work')

  it('defaults to 2^18-byte pieces, the name of the target without trailing slashes, and <name>.torrent in the current folder', () => {
    expect(options(['music/album//'])).toMatchObject({pieceLength: 2 ** CLASSIC_DEFAULT_EXPONENT, name: 'album', output: '/work/album.torrent', announce: [], threads: undefined})
  })

  it('reads -l as an exponent the way atoi does, from 15 to 28', () => {
    expect(options(['-l', '15', 'd'])).toMatchObject({pieceLength: 32 * 1024})
    expect(options(['-l', '20x', 'd'])).toMatchObject({pieceLength: 1024 * 1024})
    for (const bad of ['14', '29', 'x', '1MiB']) {
      expect(() => options(['-l', bad, 'd'])).toThrow('The piece length must be a number between 15 and 28.')
    }
  })

  it('makes each -a a tier, commas backups in it, and splits -w at commas too', () => {
    expect(options(['-a', 'A1,A2', '-a', 'B', '-w', 'W1,W2', '-w', 'W3', 'd'])).toMatchObject({announce: [['A1', 'A2'], ['B']], webSeeds: ['W1', 'W2', 'W3']})
  })

  it('takes the last of a repeated single-value option', () => {
    expect(options(['-n', 'first', '-n', 'second', '-o', 'x.torrent', 'd'])).toMatchObject({name: 'second', output: '/work/x.torrent'})
  })

  it('limits threads to 20 and treats 0 as the default', () => {
    expect(options(['-t', '0', 'd'])).toMatchObject({threads: undefined})
    expect(options(['-t', '20', 'd'])).toMatchObject({threads: 20})
    expect(() => options(['-t', '21', 'd'])).toThrow('The number of threads is limited to at most 20')
  })

  it('needs exactly one target, and -h needs none', () => {
    expect(() => options(['-p'])).toThrow('Must specify the contents, use -h for help')
    expect(() => options(['a', 'b'])).toThrow('give one file or folder, not 2 (C mktorrent would silently use only the first)')
    expect(options(['-h'])).toEqual({help: true})
  })
})

describe('ClassicProgress', () => {
  it('prints the first count, then at most one count per interval, and always the last', () => {
    let now = 0
    let printed = ''
    const progress = new ClassicProgress((text) => void (printed += text), 10, 100, () => now)
    progress.start()
    progress.hashed(300, 1000, 100)
    now = 150
    progress.hashed(300, 1000, 100)
    progress.hashed(500, 1000, 100)
    now = 300
    progress.hashed(1000, 1000, 100)
    progress.finish()
    expect(printed).toBe('\rHashed 0 of 10 pieces.\rHashed 3 of 10 pieces.\rHashed 10 of 10 pieces.\n')
  })
})
