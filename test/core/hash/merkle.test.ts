import {hash, randomBytes} from 'node:crypto'
import {describe, expect, it} from 'vitest'
import {foldInPlace} from '../../../src/core/hash/merkle.js'

describe('foldInPlace', () => {
  it('folds a merkle level in place as node:crypto would', () => {
    const leaves = randomBytes(7 * 32)
    const nodes = Buffer.alloc(8 * 32)
    leaves.copy(nodes)
    let level: Buffer[] = [...Array(7).keys()].map((i) => leaves.subarray(i * 32, i * 32 + 32))
    level.push(Buffer.alloc(32))
    while (level.length > 1) {
      const up: Buffer[] = []
      for (let i = 0; i < level.length; i += 2) up.push(hash('sha256', Buffer.concat([level[i]!, level[i + 1]!]), 'buffer'))
      level = up
    }
    expect(foldInPlace(nodes, 7)).toEqual(level[0])
  })
})
