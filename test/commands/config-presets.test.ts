import {readFileSync, truncateSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {NO_CONFIG_ENV, REPRODUCIBLE, projectFolders, reportOf} from '../helpers/config-project.js'
import {runCli} from '../helpers/run-cli.js'

const ENV = NO_CONFIG_ENV

/** A temp folder holding `files` (path -> text) and a small content folder `data`. */
const project = projectFolders('mktorrent-config-', {'data/a.txt': 'alpha\n', 'data/b.txt': 'beta\n'})

const PRESETS_YAML = `# trackers of the release pipeline
default: public
presets:
  public:
    announce:
      - https://open.example/announce
    comment: from the public preset
  private:
    announce:
      - [https://p.example/announce, https://p2.example/announce]
      - udp://backup.example:6969
    private: true
    source: PRIV
    comment: from the private preset
    pieceLength: 32KiB
`

describe('config discovery', () => {
  it('finds .mktorrentrc.yaml in a parent folder and applies its default preset', async () => {
    const dir = await project({'.mktorrentrc.yaml': PRESETS_YAML, 'sub/deeper/.keep': ''})
    const result = await runCli(['create', '../../data', '-o', 'x.torrent', '-q', ...REPRODUCIBLE], {cwd: join(dir, 'sub/deeper'), env: ENV})
    expect(result).toMatchObject({status: 0, stdout: '', stderr: ''})
    expect(reportOf(join(dir, 'sub/deeper/x.torrent'))).toMatchObject({announce: [['https://open.example/announce']], comment: 'from the public preset', private: false})
  })

  it.each([
    ['.mktorrentrc', 'presets: {p: {comment: rc}}\n', 'rc'],
    ['.mktorrentrc.json', '{"presets": {"p": {"comment": "json"}}}', 'json'],
    ['.mktorrentrc.yml', 'presets:\n  p: {comment: yml}\n', 'yml'],
    ['mktorrent.config.json', '{"presets": {"p": {"comment": "config json"}}}', 'config json'],
    ['mktorrent.config.yaml', 'presets:\n  p:\n    comment: config yaml\n', 'config yaml'],
    ['package.json', '{"name": "x", "mktorrent": {"presets": {"p": {"comment": "package"}}}}', 'package'],
  ])('reads %s', async (name, text, comment) => {
    const dir = await project({[name]: text})
    const result = await runCli(['create', 'data', '--preset', 'p', '-q', ...REPRODUCIBLE], {cwd: dir, env: ENV})
    expect(result).toMatchObject({status: 0, stderr: ''})
    expect(reportOf(join(dir, 'data.torrent')).comment).toBe(comment)
  })

  it('skips a package.json without a "mktorrent" key and keeps looking upwards', async () => {
    const dir = await project({'.mktorrentrc.json': '{"presets": {"p": {"comment": "outer"}}}', 'app/package.json': '{"name": "app"}'})
    const result = await runCli(['presets', '--names'], {cwd: join(dir, 'app'), env: ENV})
    expect(result).toMatchObject({status: 0, stdout: 'p\n', stderr: ''})
  })

  it('prefers --config to MKTORRENT_CONFIG, and MKTORRENT_CONFIG to the file found', async () => {
    const dir = await project({
      '.mktorrentrc.json': '{"presets": {"p": {"comment": "found"}}}',
      'ci/env.yaml': 'presets: {p: {comment: from env}}',
      'ci/flag.yaml': 'presets: {p: {comment: from flag}}',
    })
    const run = async (args: string[], env: Record<string, string | undefined>): Promise<string | null> => {
      const result = await runCli(['create', 'data', '--preset', 'p', '-f', '-q', ...REPRODUCIBLE, ...args], {cwd: dir, env})
      expect(result).toMatchObject({status: 0, stderr: ''})
      return reportOf(join(dir, 'data.torrent')).comment
    }
    expect(await run([], ENV)).toBe('found')
    expect(await run([], {MKTORRENT_CONFIG: 'ci/env.yaml'})).toBe('from env')
    expect(await run(['--config', 'ci/flag.yaml'], {MKTORRENT_CONFIG: 'ci/env.yaml'})).toBe('from flag')
  })

  it('runs as before when there is no config at all', async () => {
    const dir = await project({})
    const result = await runCli(['create', 'data', '-q', ...REPRODUCIBLE], {cwd: dir, env: ENV})
    expect(result).toMatchObject({status: 0, stderr: ''})
    expect(reportOf(join(dir, 'data.torrent'))).toMatchObject({announce: [], comment: null})
  })
})

describe('presets and flags', () => {
  it('applies presets in order, a later one overriding an earlier one key by key', async () => {
    const dir = await project({'.mktorrentrc.yaml': PRESETS_YAML})
    const result = await runCli(['create', 'data', '--preset', 'private', '--preset', 'public', '-q', ...REPRODUCIBLE], {cwd: dir, env: ENV})
    expect(result).toMatchObject({status: 0, stderr: ''})
    // public's announce and comment win; private's other keys stay.
    expect(reportOf(join(dir, 'data.torrent'))).toMatchObject({
      announce: [['https://open.example/announce']],
      comment: 'from the public preset',
      private: true,
      source: 'PRIV',
      pieceLength: 32_768,
    })
  })

  it('lets flags override presets, booleans included (--no-private)', async () => {
    const dir = await project({'.mktorrentrc.yaml': PRESETS_YAML})
    const args = ['create', 'data', '--preset', 'private', '-a', 'https://flag.example/announce', '-c', 'from a flag', '--no-private', '-l', '16KiB', '-q', ...REPRODUCIBLE]
    const result = await runCli(args, {cwd: dir, env: ENV})
    expect(result).toMatchObject({status: 0, stderr: ''})
    expect(reportOf(join(dir, 'data.torrent'))).toMatchObject({announce: [['https://flag.example/announce']], comment: 'from a flag', private: false, source: 'PRIV', pieceLength: 16_384})
  })

  it('replaces the default preset with the one named', async () => {
    const dir = await project({'.mktorrentrc.yaml': PRESETS_YAML})
    const result = await runCli(['create', 'data', '--preset', 'private', '-q', ...REPRODUCIBLE], {cwd: dir, env: ENV})
    expect(result.status).toBe(0)
    expect(reportOf(join(dir, 'data.torrent'))).toMatchObject({
      announce: [['https://p.example/announce', 'https://p2.example/announce'], ['udp://backup.example:6969']],
      comment: 'from the private preset',
    })
  })

  it('writes into a preset\'s outputDir, relative to the config file, creating it', async () => {
    const dir = await project({'.mktorrentrc.yaml': 'presets:\n  p:\n    outputDir: dist/torrents\n', 'sub/.keep': ''})
    const result = await runCli(['create', '../data', '--preset', 'p', '-q', ...REPRODUCIBLE], {cwd: join(dir, 'sub'), env: ENV})
    expect(result).toMatchObject({status: 0, stderr: ''})
    expect(reportOf(join(dir, 'dist/torrents/data.torrent')).name).toBe('data')
  })

  it('keeps the auto piece length within maxPieceLength, and refuses a given one above it', async () => {
    const dir = await project({'.mktorrentrc.yaml': 'presets:\n  t: {maxPieceLength: 1MiB}\n', 'big.bin': ''})
    // Sparse: auto would choose 2 MiB for 2 GiB, and neither command reads the data.
    truncateSync(join(dir, 'big.bin'), 2 ** 31)
    const auto = await runCli(['create', 'big.bin', '--preset', 't', '--dry-run', '--json'], {cwd: dir, env: ENV})
    expect(auto.status).toBe(0)
    expect(JSON.parse(auto.stdout)).toMatchObject({pieceLength: 1_048_576, pieceLengthReason: expect.stringMatching(/capped at 1 MiB by maxPieceLength$/)})
    const given = await runCli(['create', 'big.bin', '--preset', 't', '-l', '2MiB'], {cwd: dir, env: ENV})
    expect(given).toMatchObject({status: 2, stdout: ''})
    expect(given.stderr).toBe('mktorrent: error: the piece length 2 MiB is over the maxPieceLength of 1 MiB; choose a smaller one or leave it to auto\n')
  })

  it('raises the auto piece length until the .torrent fits maxTorrentSize, and refuses what cannot fit', async () => {
    const files = Object.fromEntries(Array.from({length: 40}, (_, index) => [`many/f${index}.bin`, 'y'.repeat(64 * 1024)]))
    const dir = await project({'.mktorrentrc.yaml': 'presets:\n  small: {maxTorrentSize: 1500}\n  tiny: {maxTorrentSize: 100}\n', ...files})
    const fits = await runCli(['create', 'many', '--preset', 'small', '-q', ...REPRODUCIBLE], {cwd: dir, env: ENV})
    expect(fits).toMatchObject({status: 0, stderr: ''})
    const bytes = readFileSync(join(dir, 'many.torrent'))
    expect(bytes.length).toBeLessThanOrEqual(1500)
    expect(reportOf(join(dir, 'many.torrent')).pieceLength).toBeGreaterThan(16_384)
    const tooSmall = await runCli(['create', 'many', '--preset', 'tiny', '-o', 'no.torrent'], {cwd: dir, env: ENV})
    expect(tooSmall.status).toBe(2)
    expect(tooSmall.stderr).toMatch(/^mktorrent: error: the \.torrent would take [\d.]+ KiB, over the maxTorrentSize of 100 B, even at the largest piece length allowed\n$/)
  })
})

describe('${VAR} in a config', () => {
  const SECRET = 'passkey-0123456789abcdef'
  const CONFIG = 'presets:\n  t:\n    announce: ["https://t.example/${PASSKEY}/announce"]\n    comment: "built by ${CI_NAME}"\n'

  it('expands variables into the torrent and masks them in every line printed', async () => {
    const dir = await project({'.mktorrentrc.yaml': CONFIG})
    const env = {...ENV, PASSKEY: SECRET, CI_NAME: 'the pipeline'}
    const json = await runCli(['create', 'data', '--preset', 't', '--json', ...REPRODUCIBLE], {cwd: dir, env})
    expect(json.status).toBe(0)
    expect(readFileSync(join(dir, 'data.torrent')).includes(`https://t.example/${SECRET}/announce`)).toBe(true)
    expect(JSON.parse(json.stdout)).toMatchObject({announce: [['https://t.example/***/announce']], comment: 'built by ***'})
    expect(json.stdout).toContain('tr=https%3A%2F%2Ft.example%2F***%2Fannounce')
    const people = await runCli(['create', 'data', '--preset', 't', '--dry-run'], {cwd: dir, env})
    const failed = await runCli(['create', 'data', '--preset', 't', '-l', '3'], {cwd: dir, env})
    for (const result of [json, people, failed]) expect(`${result.stdout}${result.stderr}`).not.toContain(SECRET)
  })

  it('masks the expanded value inside a config error', async () => {
    const dir = await project({'.mktorrentrc.yaml': 'presets:\n  t:\n    webSeeds: "${SEED}"\n'})
    const result = await runCli(['create', 'data', '--preset', 't'], {cwd: dir, env: {...ENV, SEED: 'ftp-secret-value'}})
    expect(result).toMatchObject({status: 2, stdout: ''})
    expect(result.stderr).toBe(`mktorrent: error: ${join(dir, '.mktorrentrc.yaml')}:3: presets.t.webSeeds: "***" is not a valid URL: it has no scheme, such as http://\n`)
  })

  it('names an unset variable (exit 2), and needs only the variables of the presets used', async () => {
    const dir = await project({'.mktorrentrc.yaml': `${CONFIG}  other:\n    comment: plain\n`})
    const unset = await runCli(['create', 'data', '--preset', 't'], {cwd: dir, env: {...ENV, PASSKEY: undefined, CI_NAME: 'x'}})
    expect(unset).toMatchObject({status: 2, stdout: ''})
    expect(unset.stderr).toBe(`mktorrent: error: ${join(dir, '.mktorrentrc.yaml')}:3: presets.t.announce[0]: \${PASSKEY} is not set in the environment\n`)
    const other = await runCli(['create', 'data', '--preset', 'other', '-q'], {cwd: dir, env: {...ENV, PASSKEY: undefined}})
    expect(other).toMatchObject({status: 0, stderr: ''})
  })
})

describe('config errors: refused before anything runs, naming file, line and key (exit 2)', () => {
  const cases: Array<[string, string, Record<string, string>, string]> = [
    ['YAML syntax', '.mktorrentrc.yaml', {}, ':4: not valid YAML: Flow sequence in block collection must be sufficiently indented and end with a ]'],
    ['JSON syntax', '.mktorrentrc.json', {}, ':3: not valid JSON: '],
    ['an unknown key, with a suggestion', '.mktorrentrc.yaml', {}, ':4: presets.p.webseeds: unknown key (did you mean "webSeeds"?)'],
    ['a wrong type', '.mktorrentrc.yaml', {}, ':3: presets.p.private: expected true or false, not the string "yes please"'],
    ['a bad URL', '.mktorrentrc.yaml', {}, ':5: presets.p.announce[1]: "htp:/nowhere" uses htp, which clients do not use for a tracker; use http, https, udp, ws or wss'],
    ['a piece length that is not a power of two', '.mktorrentrc.yaml', {}, ':3: presets.p.pieceLength: invalid piece length "100000": give an exponent from 14 to 28'],
    ['a default naming no preset', '.mktorrentrc.yaml', {}, ':1: default: no preset is named "nope" (it defines "p")'],
    ['a wrong top-level shape', '.mktorrentrc.json', {}, ':1: presets: expected a mapping of keys to values, not a list'],
    ['a key path in package.json', 'package.json', {}, ':4: mktorrent.presets.p.comment: expected a string, not the number 42'],
  ]
  const texts: Record<string, string> = {
    'YAML syntax': 'presets:\n  p:\n    comment: [unclosed\n',
    'JSON syntax': '{\n  "presets": {\n    "p": {,}\n  }\n}\n',
    'an unknown key, with a suggestion': 'presets:\n  p:\n    comment: ok\n    webseeds: [http://w.example/]\n',
    'a wrong type': 'presets:\n  p:\n    private: yes please\n',
    'a bad URL': 'presets:\n  p:\n    announce:\n      - https://ok.example/announce\n      - htp:/nowhere\n',
    'a piece length that is not a power of two': 'presets:\n  p:\n    pieceLength: 100000\n',
    'a default naming no preset': 'default: nope\npresets:\n  p: {}\n',
    'a wrong top-level shape': '{"presets": []}',
    'a key path in package.json': '{\n  "name": "x",\n  "mktorrent": {"presets": {"p": {\n    "comment": 42}}}\n}\n',
  }

  it.each(cases)('%s', async (label, name, _env, expected) => {
    const dir = await project({[name]: texts[label]!})
    const result = await runCli(['create', 'data', '--preset', 'p', '-o', 'never.torrent'], {cwd: dir, env: ENV})
    expect(result).toMatchObject({status: 2, stdout: ''})
    expect(result.stderr.startsWith(`mktorrent: error: ${join(dir, name)}${expected}`)).toBe(true)
    expect(result.stderr.split('\n')).toHaveLength(2)
    expect(() => readFileSync(join(dir, 'never.torrent'))).toThrow()
  })

  it('reports the first problem and counts the others, also in --json', async () => {
    const dir = await project({'.mktorrentrc.yaml': 'presets:\n  p:\n    private: 1\n    source: 2\n    colour: red\n'})
    const result = await runCli(['create', 'data', '--json'], {cwd: dir, env: ENV})
    expect(result.status).toBe(2)
    expect(JSON.parse(result.stdout)).toEqual({
      error: {code: 'config-wrong-type', exitCode: 2, message: `${join(dir, '.mktorrentrc.yaml')}:3: presets.p.private: expected true or false, not the number 1 (and 2 more problems)`},
    })
  })

  it('refuses an unknown preset, a missing --config and a --preset without any config', async () => {
    const dir = await project({'.mktorrentrc.yaml': PRESETS_YAML})
    const unknown = await runCli(['create', 'data', '--preset', 'nope'], {cwd: dir, env: ENV})
    expect(unknown).toMatchObject({status: 2, stderr: `mktorrent: error: no preset "nope" in ${join(dir, '.mktorrentrc.yaml')} (it defines "public", "private")\n`})
    const missing = await runCli(['create', 'data', '--config', 'gone.yaml'], {cwd: dir, env: ENV})
    expect(missing).toMatchObject({status: 2, stderr: `mktorrent: error: --config: ${join(dir, 'gone.yaml')} does not exist\n`})
    const fromEnv = await runCli(['create', 'data'], {cwd: dir, env: {MKTORRENT_CONFIG: 'gone.json'}})
    expect(fromEnv).toMatchObject({status: 2, stderr: `mktorrent: error: MKTORRENT_CONFIG: ${join(dir, 'gone.json')} does not exist\n`})
    const bare = await project({})
    const none = await runCli(['create', 'data', '--preset', 'p'], {cwd: bare, env: ENV})
    expect(none).toMatchObject({status: 2, stderr: `mktorrent: error: --preset p: no config file found in ${bare} or its parents (docs/config.md)\n`})
  })
})

describe('mktorrent presets', () => {
  it('lists the presets and the file they came from, for people and as JSON', async () => {
    const dir = await project({'.mktorrentrc.yaml': PRESETS_YAML, 'sub/.keep': ''})
    const people = await runCli(['presets'], {cwd: join(dir, 'sub'), env: ENV})
    expect(people).toMatchObject({
      status: 0,
      stderr: '',
      stdout: `${join(dir, '.mktorrentrc.yaml')}\n  public   announce, comment  (default)\n  private  announce, private, source, comment, pieceLength\n`,
    })
    const json = await runCli(['config', '--json'], {cwd: join(dir, 'sub'), env: ENV})
    expect(json.status).toBe(0)
    expect(JSON.parse(json.stdout)).toEqual({
      file: join(dir, '.mktorrentrc.yaml'),
      default: 'public',
      presets: [
        {name: 'public', default: true, settings: {announce: ['https://open.example/announce'], comment: 'from the public preset'}},
        {name: 'private', default: false, settings: expect.objectContaining({private: true, source: 'PRIV', pieceLength: '32KiB'})},
      ],
    })
  })

  it('says when there is no config, and lists names only with --names', async () => {
    const bare = await project({})
    expect(await runCli(['presets'], {cwd: bare, env: ENV})).toMatchObject({status: 0, stdout: '', stderr: `no config file in ${bare} or its parents (docs/config.md)\n`})
    expect(JSON.parse((await runCli(['presets', '--json'], {cwd: bare, env: ENV})).stdout)).toEqual({file: null, default: null, presets: []})
    const dir = await project({'.mktorrentrc.yaml': PRESETS_YAML})
    expect(await runCli(['presets', '--names'], {cwd: dir, env: ENV})).toMatchObject({status: 0, stdout: 'public\nprivate\n', stderr: ''})
  })
})
