import {Flags} from '@oclif/core'
import {UsageError} from '../core/errors.js'
import {parsePieceLength} from '../core/content/piece-length.js'

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
export function dhtNodes(values: string[] | undefined): Array<{host: string; port: number}> {
  return (values ?? []).map((value) => {
    const match = /^(?:\[([^\]]+)\]|([^:]+)):(\d{1,5})$/.exec(value)
    const port = Number(match?.[3])
    if (!match || port < 1 || port > 65535) {
      throw new UsageError('invalid-dht-node', `--dht-node ${JSON.stringify(value)} is not host:port (IPv6 as [addr]:port)`)
    }
    return {host: match[1] ?? match[2]!, port}
  })
}

/** `--date`: ISO 8601 or Unix seconds, as Unix seconds. */
export function parseDate(value: string): number {
  if (/^\d+$/.test(value)) return Number(value)
  const ms = Date.parse(value)
  if (Number.isNaN(ms)) throw new UsageError('invalid-date', `--date ${JSON.stringify(value)} is neither ISO 8601 (2024-05-01T12:00:00Z) nor Unix seconds`)
  return Math.floor(ms / 1000)
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
