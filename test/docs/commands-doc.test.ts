import {readFileSync} from 'node:fs'
import {describe, expect, it} from 'vitest'
import {type Manifest, renderCommandDocs} from '../../scripts/command-docs.js'

const read = (path: string): string => readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8')

describe('docs/commands.md', () => {
  it('is what scripts/command-docs.ts writes from the current commands (run `npm run docs` when this fails)', () => {
    const manifest = JSON.parse(read('oclif.manifest.json')) as Manifest
    expect(read('docs/commands.md')).toBe(renderCommandDocs(manifest))
  })

  it('has a section for every visible command', () => {
    const manifest = JSON.parse(read('oclif.manifest.json')) as Manifest
    const visible = Object.values(manifest.commands).filter((command) => !command.hidden)
    const sections = [...read('docs/commands.md').matchAll(/^## `mktorrent (\S+)`$/gm)].map((match) => match[1])
    expect(sections.sort()).toEqual(visible.map((command) => command.id).sort())
  })
})
