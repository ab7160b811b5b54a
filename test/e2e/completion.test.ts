import {spawnSync} from 'node:child_process'
import {mkdtemp, rm, writeFile} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {afterAll, afterEach, beforeAll, describe, expect, it} from 'vitest'
import {describeWithTool, describeWithTools} from '../helpers/external-tools.js'
import {REPO_ROOT, runCli} from '../helpers/run-cli.js'
import {type TmuxSession, startShellInTmux} from '../helpers/tmux-session.js'

interface ManifestFlag {
  options?: string[]
}
const manifest = (await import('../../oclif.manifest.json', {with: {type: 'json'}})).default as unknown as {
  commands: Record<string, {hidden?: boolean; flags: Record<string, ManifestFlag>}>
}
const metaVersions = manifest.commands.create!.flags['meta-version']!.options!
const lints = manifest.commands.info!.flags.allow!.options!
// `help` comes from @oclif/plugin-help, whose commands are not in our manifest.
const visibleCommands = [...Object.keys(manifest.commands).filter((id) => !manifest.commands[id]!.hidden), 'help']

let dir: string
const scripts: Record<string, string> = {}
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mktorrent-completion-'))
  for (const shell of ['bash', 'zsh', 'fish']) {
    const result = await runCli(['completion', shell])
    expect(result.status).toBe(0)
    scripts[shell] = join(dir, `completion.${shell}`)
    await writeFile(scripts[shell]!, result.stdout)
  }
})
afterAll(() => rm(dir, {recursive: true, force: true}))

const sorted = (values: string[]): string[] => [...values].sort()

describe('bash completion', () => {
  /** Calls the completion function as bash would for the words typed, the last one being completed. */
  function complete(words: string[]): string[] {
    const script = `source "$1"; shift; COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); _mktorrent_completion; printf '%s\\n' "\${COMPREPLY[@]}"`
    const result = spawnSync('bash', ['-c', script, 'bash', scripts.bash!, ...words], {encoding: 'utf8'})
    expect(result.stderr).toBe('')
    return result.stdout.split('\n').filter((line) => line !== '')
  }

  it('completes the first word to the commands', () => {
    expect(complete(['mktorrent', 'cr'])).toEqual(['create'])
    expect(sorted(complete(['mktorrent', '']))).toEqual(sorted([...visibleCommands, '--help', '--version']))
  })

  it('completes the values of a flag with fixed values', () => {
    expect(complete(['mktorrent', 'create', '--meta-version', ''])).toEqual(metaVersions)
    expect(complete(['mktorrent', 'info', '--allow', 'pa'])).toEqual(lints.filter((code) => code.startsWith('pa')))
  })

  it("completes a command's flags", () => {
    expect(complete(['mktorrent', 'info', '--al'])).toEqual(['--allow'])
    expect(complete(['mktorrent', 'create', '--dry'])).toEqual(['--dry-run'])
  })

  it('leaves operands to file-name completion', () => {
    expect(complete(['mktorrent', 'create', 'fix'])).toEqual([])
    const registered = spawnSync('bash', ['-c', 'source "$1"; complete -p mktorrent', 'bash', scripts.bash!], {encoding: 'utf8'})
    expect(registered.stdout).toBe('complete -o default -F _mktorrent_completion mktorrent\n')
  })
})

describeWithTool('fish', 'fish completion', () => {
  function complete(line: string): string[] {
    const result = spawnSync('fish', ['--no-config', '-c', `source $argv[1]; complete -C ${JSON.stringify(line)}`, scripts.fish!], {cwd: REPO_ROOT, encoding: 'utf8'})
    expect(result.stderr).toBe('')
    return result.stdout.split('\n').filter((entry) => entry !== '').map((entry) => entry.split('\t')[0]!)
  }

  it('completes commands, flag values, flags and file names', () => {
    expect(complete('mktorrent cr')).toEqual(['create'])
    expect(sorted(complete('mktorrent create --meta-version '))).toEqual(sorted(metaVersions))
    expect(complete('mktorrent info --al')).toEqual(['--allow'])
    expect(complete('mktorrent info fixtures/torrents/lt-hybrid-s')).toEqual(['fixtures/torrents/lt-hybrid-single.torrent'])
  })
})

describeWithTools(['zsh', 'tmux'], 'zsh completion, typed in a terminal', () => {
  let session: TmuxSession | undefined
  afterEach(() => session?.close())

  it('completes flag values and command names on Tab', async () => {
    const s = (session = startShellInTmux(`PS1='zsh> ' zsh -f -i`, {cwd: REPO_ROOT}))
    await s.waitFor(/^zsh> $/m)
    s.type(`autoload -U compinit && compinit -u -D && source '${scripts.zsh}' && echo LOADED`)
    s.keys('Enter')
    await s.waitFor(/^LOADED$/m)
    s.type('mktorrent create --meta-version ')
    s.keys('Tab')
    await s.waitFor(new RegExp(`^${sorted(metaVersions).join(' +')}\\s*$`, 'm'))
    s.keys('C-u')
    s.type('mktorrent pie')
    s.keys('Tab')
    await s.waitFor(/^zsh> mktorrent piece-length +$/m)
  })
})
