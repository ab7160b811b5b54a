import type {BencodeValue} from '../../../src/core/bencode/bencode-value.js'

/**
 * A plain, comparable form of a decoded value: byte strings as latin1 text under `bytes`, dictionaries
 * as `[key, value]` pairs in their order, so `toEqual` compares bytes, key order and types exactly.
 */
export type Shape = number | {bytes: string} | Shape[] | {dict: Array<[string, Shape]>}

const latin1 = (bytes: Uint8Array): string => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('latin1')

export function shapeOf(value: BencodeValue): Shape {
  if (typeof value === 'number') return value
  if (value instanceof Uint8Array) return {bytes: latin1(value)}
  if (value instanceof Map) return {dict: [...value].map(([key, entry]): [string, Shape] => [key, shapeOf(entry)])}
  return value.map(shapeOf)
}

/**
 * The same form for what the npm `bencode` package decodes: dictionaries are plain objects with text
 * keys, whose own enumerable order puts integer-like keys first, so their entries are sorted here.
 * Only for ASCII keys, where text, latin1 and UTF-8 agree.
 */
export function shapeOfNpm(value: unknown): Shape {
  if (typeof value === 'number') return value
  if (value instanceof Uint8Array) return {bytes: latin1(value)}
  if (Array.isArray(value)) return value.map(shapeOfNpm)
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value).map(([key, entry]): [string, Shape] => [key, shapeOfNpm(entry)])
    return {dict: entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))}
  }
  throw new Error(`unexpected value from the npm bencode package: ${String(value)}`)
}

export const bytes = (text: string): Buffer => Buffer.from(text, 'latin1')
