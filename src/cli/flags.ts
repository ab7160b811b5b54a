import {Flags} from '@oclif/core'
import {type DhtNode, parseDhtNode} from '../core/create/dht-node.js'
import {parsePieceLength} from '../core/content/piece-length.js'
import {UsageError} from '../core/errors.js'

/** `-l`: an exponent (C mktorrent's `-l 20`), a size (`256KiB`), or `auto`. */
export const pieceLengthFlag = Flags.custom<number | 'auto'>({
  char: 'l',
  description:
    'Piece length: "auto" (the default, see docs/piece-length.md), an exponent from 14 to 28 as in C mktorrent ("-l 20" is 1 MiB), or a size such as 256KiB or 4MiB.',
  helpValue: 'auto|EXP|SIZE',
  parse: async (input) => (input === 'auto' ? 'auto' : parsePieceLength(input)),
})

/** C mktorrent's tier convention: each flag is one tier, commas put several URLs in one tier. */
export function trackerTiers(values: string[] | undefined): string[][] {
  return (values ?? []).map((value) => value.split(',').map((url) => url.trim()).filter((url) => url !== '')).filter((tier) => tier.length > 0)
}

/** BEP 5 `nodes` entries from `host:port` (IPv6 as `[addr]:port`). */
export function dhtNodes(values: string[] | undefined): DhtNode[] {
  return (values ?? []).map((value) => parseDhtNode(value))
}

/** `--timeout`: seconds (`10`, `2.5`) or with a unit (`500ms`, `3s`), as milliseconds; 100 ms to 10 minutes. */
export function parseTimeout(value: string): number {
  const match = /^(\d+(?:\.\d+)?)(ms|s)?$/u.exec(value.trim())
  const ms = match === null ? Number.NaN : Number(match[1]) * (match[2] === 'ms' ? 1 : 1000)
  if (!(ms >= 100 && ms <= 600_000)) {
    throw new UsageError('invalid-timeout', `--timeout ${JSON.stringify(value)} is not a time from 100ms to 600s (seconds, or with a unit: 500ms, 2.5s)`)
  }
  return Math.round(ms)
}
