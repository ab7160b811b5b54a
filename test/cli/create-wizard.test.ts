import {rm, writeFile} from 'node:fs/promises'
import {join} from 'node:path'
import {afterAll, beforeAll, describe, expect, it, onTestFinished} from 'vitest'
import {runCreateWizard, type GivenValues} from '../../src/cli/create/create-wizard.js'
import {interruptedAtPrompt} from '../../src/cli/prompts.js'
import {type Answer, scriptedPrompts} from '../helpers/scripted-prompts.js'
import {type TempTree, makeTempTree} from '../helpers/temp-tree.js'

let tree: TempTree
beforeAll(async () => {
  tree = await makeTempTree({'a.bin': 300_000, 'b.txt': 'hello\n'}, {rootName: 'album'})
})
afterAll(() => tree.cleanup())

const nothingGiven: GivenValues = {private: false}

async function wizard(answers: Answer[], options: {given?: GivenValues; argv?: string[]} = {}) {
  const prompts = scriptedPrompts(answers)
  let written = ''
  const run = runCreateWizard({
    prompts,
    cwd: tree.dir,
    write: (text) => void (written += text),
    given: options.given ?? nothingGiven,
    argv: options.argv ?? [],
    walk: {},
  })
  return {prompts, run, written: () => written}
}

const everyQuestion: Answer[] = [
  {search: 'alb'},
  {select: 'hybrid'},
  {input: 'udp://tracker.example:6969/announce'},
  {input: 'https://b.example/announce, https://c.example/announce'},
  {input: ''},
  {input: 'https://seed.example/album/'},
  {input: ''},
  {confirm: true},
  {input: 'MYTRACKER'},
  {input: "it's mine"},
  {select: '64KiB'},
  {input: ''},
  {confirm: true},
]

describe('the create wizard', () => {
  it('turns every answer into the flags of an equivalent command line', async () => {
    const {run, prompts} = await wizard(everyQuestion)
    expect(await run).toEqual([
      '--hybrid',
      '-a', 'udp://tracker.example:6969/announce',
      '-a', 'https://b.example/announce,https://c.example/announce',
      '-w', 'https://seed.example/album/',
      '-p',
      '-s', 'MYTRACKER',
      '-c', "it's mine",
      '-l', '64KiB',
      'album',
    ])
    expect(prompts.remaining).toEqual([])
  })

  it('shows the command line, shell-quoted, before asking to go ahead', async () => {
    const {run, written} = await wizard(everyQuestion)
    await run
    expect(written()).toContain(
      "\nThe same from a script:\n  mktorrent create --hybrid -a udp://tracker.example:6969/announce -a https://b.example/announce,https://c.example/announce -w https://seed.example/album/ -p -s MYTRACKER -c 'it'\\''s mine' -l 64KiB album\n",
    )
  })

  it('asks the questions in order: path, format, trackers, web seeds, private, source, comment, piece length, output, go', async () => {
    const {run, prompts} = await wizard(everyQuestion)
    await run
    expect(prompts.transcript.map((line) => line.split(' ')[0])).toEqual([
      'File', 'Torrent', 'Tracker', 'Tracker', 'Tracker', 'Web', 'Web', 'Private', 'Source', 'Comment', 'Piece', 'Save', 'Create',
    ])
  })

  it('skips the questions the command line already answers and keeps its arguments', async () => {
    const given: GivenValues = {path: 'album', metaVersion: 'v2', announce: ['udp://t.example:1'], webSeeds: ['https://w.example/'], private: true, source: 'S', comment: 'C', pieceLength: '1MiB', output: 'x.torrent'}
    const argv = ['--v2', '-a', 'udp://t.example:1', '-w', 'https://w.example/', '-p', '-s', 'S', '-c', 'C', '-l', '1MiB', '-o', 'x.torrent', 'album']
    const {run, prompts} = await wizard([{confirm: true}], {given, argv})
    expect(await run).toEqual(argv)
    expect(prompts.transcript).toEqual(['Create the torrent now?: yes'])
  })

  it('puts the answers before a "--" of the original arguments', async () => {
    const given: GivenValues = {...nothingGiven, path: '-odd', metaVersion: 'v1', announce: [], webSeeds: [], source: '', comment: '', pieceLength: 'auto', output: 'o.torrent'}
    const {run} = await wizard([{confirm: true}, {confirm: true}], {given, argv: ['--', '-odd']})
    expect(await run).toEqual(['-p', '--', '-odd'])
  })

  it('refuses tracker URLs that are not URLs or use another protocol, and keeps asking', async () => {
    const answers: Answer[] = [{search: 'album'}, {select: 'v1'}, {input: 'not a url'}, {input: 'ftp://t.example/'}, {input: 'http://t.example/a b'}, {input: 'http://t.example/a'}, {input: ''}, ...everyQuestion.slice(5)]
    const {run, prompts} = await wizard(answers)
    expect(await run).toContain('http://t.example/a')
    expect(prompts.transcript.filter((line) => line.includes('refused'))).toEqual([
      'Tracker tier 1 (URLs, commas between backups; empty for none): not a url -> refused: "not a url" is not a valid URL: it contains a space or other whitespace',
      'Tracker tier 1 (URLs, commas between backups; empty for none): ftp://t.example/ -> refused: "ftp://t.example/" uses ftp, which clients do not use for a tracker; use http, https, udp, ws or wss',
      'Tracker tier 1 (URLs, commas between backups; empty for none): http://t.example/a b -> refused: "http://t.example/a b" is not a valid URL: it contains a space or other whitespace',
    ])
  })

  it('asks before replacing an existing output file, and adds --force when allowed to', async () => {
    await writeFile(join(tree.dir, 'album.torrent'), 'old')
    onTestFinished(() => rm(join(tree.dir, 'album.torrent')))
    const answers: Answer[] = [...everyQuestion.slice(0, 11), {input: ''}, {confirm: false}, {input: 'other.torrent'}, {confirm: true}]
    const first = await wizard(answers)
    expect((await first.run).slice(-4)).toEqual(['64KiB', '-o', 'other.torrent', 'album'])
    const replace = await wizard([...everyQuestion.slice(0, 11), {input: ''}, {confirm: true}, {confirm: true}])
    expect((await replace.run).slice(-3)).toEqual(['64KiB', '--force', 'album'])
    expect(replace.prompts.transcript).toContain('album.torrent exists. Replace it?: yes')
  })

  it('refuses "-" and missing folders as the output', async () => {
    const answers: Answer[] = [...everyQuestion.slice(0, 11), {input: '-'}, {input: 'nowhere/x.torrent'}, {input: 'y.torrent'}, {confirm: true}]
    const {run, prompts} = await wizard(answers)
    await run
    expect(prompts.transcript.filter((line) => line.includes('refused'))).toEqual([
      'Save the torrent as: - -> refused: give a file name (writing the torrent to the terminal is of no use)',
      'Save the torrent as: nowhere/x.torrent -> refused: nowhere is not a folder',
    ])
  })

  it('rejects with exit code 130 when the user declines at the end', async () => {
    const {run} = await wizard([...everyQuestion.slice(0, -1), {confirm: false}])
    await expect(run).rejects.toMatchObject({code: 'cancelled', exitCode: 130})
  })

  it('passes an interruption at any question through, asking nothing more', async () => {
    const {run, prompts} = await wizard([{search: 'album'}, {fail: interruptedAtPrompt()}, {select: 'v1'}])
    await expect(run).rejects.toMatchObject({code: 'interrupted', exitCode: 130})
    expect(prompts.remaining).toEqual([{select: 'v1'}])
  })
})
