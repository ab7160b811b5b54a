import type {BencodeValue} from './bencode-value.js'
import {isBytes, isDict} from './bencode-value.js'
import {isUtf8} from 'node:buffer'

export type JsonValue = number | string | {hex: string} | JsonValue[] | {[key: string]: JsonValue}

/**
 * A decoded value as JSON: byte strings as text where they are valid UTF-8, otherwise as
 * `{"hex": "…"}`; dictionary keys that are not UTF-8 become `0x<hex>`. Recursion is safe here: the
 * decoder bounds the depth.
 */
export function bencodeToJson(value: BencodeValue): JsonValue {
  if (typeof value === 'number') return value
  if (isBytes(value)) return isUtf8(value) ? Buffer.from(value).toString('utf8') : {hex: Buffer.from(value).toString('hex')}
  if (isDict(value)) {
    const object: {[key: string]: JsonValue} = Object.create(null)
    for (const [key, entry] of value) {
      const bytes = Buffer.from(key, 'latin1')
      object[isUtf8(bytes) ? bytes.toString('utf8') : `0x${bytes.toString('hex')}`] = bencodeToJson(entry)
    }
    return object
  }
  return value.map(bencodeToJson)
}
