// bencode v4 ships no type declarations; only what the differential tests use.
declare module 'bencode' {
  interface NpmBencode {
    encode(data: unknown): Uint8Array
    decode(data: Uint8Array): unknown
  }
  const bencode: NpmBencode
  export default bencode
}
