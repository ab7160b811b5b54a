import {spawnSync} from 'node:child_process'
import {chmodSync, mkdirSync, writeFileSync} from 'node:fs'
import {mkdtemp, rm} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {afterAll, beforeAll, expect, it} from 'vitest'
import {describeWithTool} from '../helpers/external-tools.js'
import {REPO_ROOT, runCli} from '../helpers/run-cli.js'

let dir: string
/** The environment of a shell where `mktorrent` is this build, in a project with two presets. */
let env: NodeJS.ProcessEnv
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mktorrent-preset-completion-'))
  const bin = join(dir, 'bin')
  mkdirSync(bin)
  writeFileSync(join(bin, 'mktorrent'), `#!/bin/sh\nexec "${process.execPath}" "${join(REPO_ROOT, 'bin/run.js')}" "$@"\n`)
  chmodSync(join(bin, 'mktorrent'), 0o755)
  mkdirSync(join(dir, 'project'))
  writeFileSync(join(dir, 'project/.mktorrentrc.yaml'), 'presets:\n  public: {comment: a}\n  private-tracker: {private: true}\n')
  env = {...process.env, PATH: `${bin}:${process.env.PATH}`, MKTORRENT_CONFIG: ''}
  delete env.NODE_ENV
  for (const shell of ['bash', 'fish']) {
    const result = await runCli(['completion', shell])
    writeFileSync(join(dir, `completion.${shell}`), result.stdout)
  }
})
afterAll(() => rm(dir, {recursive: true, force: true}))

it('bash completes --preset to the presets of the config found from the current folder', () => {
  const script = `source "$1"; shift; COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); _mktorrent_completion; printf '%s\\n' "\${COMPREPLY[@]}"`
  const complete = (words: string[]): string[] => {
    const result = spawnSync('bash', ['-c', script, 'bash', join(dir, 'completion.bash'), ...words], {cwd: join(dir, 'project'), env, encoding: 'utf8'})
    expect(result.stderr).toBe('')
    return result.stdout.split('\n').filter((line) => line !== '')
  }
  expect(complete(['mktorrent', 'create', '--preset', ''])).toEqual(['public', 'private-tracker'])
  expect(complete(['mktorrent', 'create', '--preset', 'pri'])).toEqual(['private-tracker'])
})

describeWithTool('fish', 'fish', () => {
  it('completes --preset to the preset names', () => {
    const result = spawnSync('fish', ['--no-config', '-c', `source $argv[1]; complete -C 'mktorrent create --preset '`, join(dir, 'completion.fish')], {cwd: join(dir, 'project'), env, encoding: 'utf8'})
    expect(result.stderr).toBe('')
    expect(result.stdout.split('\n').filter((line) => line !== '').map((line) => line.split('\t')[0])).toEqual(['private-tracker', 'public'])
  })
})
