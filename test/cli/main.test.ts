import {readdirSync} from 'node:fs'
import {describe, expect, it} from 'vitest'
import {COMMANDS} from '../../src/cli/main.js'

describe('COMMANDS (oclif explicit command strategy)', () => {
  it('lists every file of src/commands under its file name', () => {
    const files = readdirSync(new URL('../../src/commands/', import.meta.url)).filter((name) => name.endsWith('.ts')).map((name) => name.slice(0, -3))
    expect(Object.keys(COMMANDS).sort()).toEqual(files.sort())
    for (const [id, command] of Object.entries(COMMANDS)) expect(typeof command.run, id).toBe('function')
  })
})
