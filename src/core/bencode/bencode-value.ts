/**
 * Values as our bencode decoder returns them and our encoder accepts them.
 *
 * Dictionary keys are arbitrary bytes (BEP 52), so a decoded dictionary is a Map whose keys are
 * "byte strings": JS strings holding one char per byte (latin1). The mapping is lossless, ordinary
 * ASCII keys read naturally (`dict.get('info')`), comparing two keys with `<` compares their raw
 * bytes, and a Map cannot be polluted through `__proto__`.
 */
export type BencodeValue = number | Uint8Array | BencodeList | BencodeDict
export type BencodeList = BencodeValue[]
export type BencodeDict = Map<string, BencodeValue>

/** The byte string key for a text key (UTF-8 encoded). */
export function keyFromText(text: string): string {
  // ASCII is its own UTF-8 and latin1, and every metainfo field name is ASCII: skip two copies.
  // A loop, not a regular expression: field names are short, and read for every file of a torrent.
  for (let i = 0; i < text.length; i++) {
    if (text.charCodeAt(i) > 0x7f) return Buffer.from(text, 'utf8').toString('latin1')
  }
  return text
}

/** The raw bytes of a byte string key. */
export function keyBytes(key: string): Buffer {
  return Buffer.from(key, 'latin1')
}

export function isDict(value: BencodeValue | undefined): value is BencodeDict {
  return value instanceof Map
}

export function isList(value: BencodeValue | undefined): value is BencodeList {
  return Array.isArray(value)
}

export function isBytes(value: BencodeValue | undefined): value is Uint8Array {
  return value instanceof Uint8Array
}

export function isInteger(value: BencodeValue | undefined): value is number {
  return typeof value === 'number'
}
