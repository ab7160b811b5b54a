import {spawnSync} from 'node:child_process'
import {describe, it} from 'vitest'

export type ExternalTool = 'libtorrent' | 'mktorrent' | 'transmission-create' | 'transmission-show' | 'tmux' | 'zsh' | 'fish' | 'aria2c'

export interface ToolStatus {
  available: boolean
  /** Why the tool is unusable and what to install; empty when available. */
  reason: string
}

/** Debian's python3-libtorrent lives only in the system Python; a pyenv `python3` on PATH lacks it. */
export const SYSTEM_PYTHON = '/usr/bin/python3'
/** Our own CLI is also called mktorrent, so the C one is always addressed by full path. */
export const C_MKTORRENT = '/usr/bin/mktorrent'

interface Probe {
  command: string
  args: string[]
  /** Printed by the real tool, so an unrelated program of the same name is not mistaken for it. */
  expect: RegExp
  install: string
}

const PROBES: Record<ExternalTool, Probe> = {
  libtorrent: {
    command: SYSTEM_PYTHON,
    args: ['-c', 'import libtorrent; print(libtorrent.__version__)'],
    expect: /^2\./,
    install: 'apt-get install python3-libtorrent (needs libtorrent 2.x in /usr/bin/python3)',
  },
  mktorrent: {
    command: C_MKTORRENT,
    args: ['-h'],
    expect: /^mktorrent \d/,
    install: 'apt-get install mktorrent',
  },
  'transmission-create': {
    command: 'transmission-create',
    args: ['-V'],
    expect: /^transmission-create \d/,
    install: 'apt-get install transmission-cli',
  },
  'transmission-show': {
    command: 'transmission-show',
    args: ['-V'],
    expect: /^transmission-show \d/,
    install: 'apt-get install transmission-cli',
  },
  tmux: {command: 'tmux', args: ['-V'], expect: /^tmux \d/, install: 'apt-get install tmux'},
  zsh: {command: 'zsh', args: ['--version'], expect: /^zsh \d/, install: 'apt-get install zsh'},
  fish: {command: 'fish', args: ['--version'], expect: /^fish, version \d/, install: 'apt-get install fish'},
  aria2c: {command: 'aria2c', args: ['--version'], expect: /^aria2 version \d/, install: 'apt-get install aria2'},
}

const cache = new Map<ExternalTool, ToolStatus>()

function probe(name: ExternalTool): ToolStatus {
  const {command, args, expect, install} = PROBES[name]
  // A hang guard: python importing libtorrent can take seconds on a loaded machine.
  const result = spawnSync(command, args, {encoding: 'utf8', timeout: 90_000})
  // transmission prints its version on stderr, mktorrent prints help on stdout.
  const output = `${result.stdout ?? ''}${result.stderr ?? ''}`.trim()
  if (result.error === undefined && expect.test(output)) return {available: true, reason: ''}
  const found = result.error === undefined ? `unexpected output from ${command}` : result.error.message
  return {available: false, reason: `${name} is not usable (${found}); install it: ${install}`}
}

export function interopTool(name: ExternalTool): ToolStatus {
  let status = cache.get(name)
  if (status === undefined) {
    status = probe(name)
    cache.set(name, status)
  }
  return status
}

export function isCi(): boolean {
  return process.env.CI === 'true'
}

/**
 * A describe block that needs external tools. When one is missing it is skipped locally, with the
 * install hint in its title, and it fails on CI (CI=true) so a broken image cannot pass silently.
 */
export function describeWithTools(tools: ExternalTool[], title: string, body: () => void): void {
  const missing = tools.map(interopTool).filter((status) => !status.available)
  if (missing.length === 0) {
    describe(title, body)
    return
  }
  const reason = missing.map((status) => status.reason).join('; ')
  if (isCi()) {
    describe(title, () => {
      it('has the external tools it needs', () => {
        throw new Error(reason)
      })
    })
    return
  }
  describe.skip(`${title} [skipped: ${reason}]`, body)
}

export function describeWithTool(tool: ExternalTool, title: string, body: () => void): void {
  describeWithTools([tool], title, body)
}
