import {spawnSync} from 'node:child_process'
import {existsSync, readFileSync, rmSync} from 'node:fs'
import {decodeBencode} from '../../src/core/bencode/decode.js'
import {type BencodeDict, isBytes, isDict, isInteger} from '../../src/core/bencode/bencode-value.js'
import {C_MKTORRENT} from './external-tools.js'

export interface CMktorrentOptions {
  /** Piece length 2^n; mktorrent 1.1 accepts 15 to 28 (32 KiB to 256 MiB). */
  pieceExponent: number
  /** One tier per entry; commas inside an entry put several URLs in one tier (mktorrent's syntax). */
  announce: string | string[]
  private?: boolean
  source?: string
}

export interface TransmissionOptions {
  /** transmission-create silently keeps its own choice for a size it dislikes, so this is checked after. */
  pieceKiB: number
  tracker?: string
}

/** Runs a tool and returns what it printed (stdout and stderr), throwing unless it exits 0. */
function run(command: string, args: string[]): string {
  const result = spawnSync(command, args, {encoding: 'utf8', timeout: 120_000})
  if (result.error !== undefined) throw result.error
  const printed = `${result.stdout}${result.stderr}`.trim()
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} exited ${result.status}: ${printed}`)
  return printed
}

/** Runs C mktorrent 1.1 without a creation date; it refuses to overwrite, so `out` is removed first. */
export function cMktorrentCreate(contentPath: string, out: string, options: CMktorrentOptions): void {
  const args = ['-l', String(options.pieceExponent), '-d', '-o', out]
  for (const tier of [options.announce].flat()) args.push('-a', tier)
  if (options.private === true) args.push('-p')
  if (options.source !== undefined) args.push('-s', options.source)
  rmSync(out, {force: true})
  run(C_MKTORRENT, [...args, contentPath])
}

/**
 * Runs transmission-create 3.00. It always records a creation date and `private: 0`, overwrites
 * silently, and exits 0 even when it fails to write, so the written file is checked here.
 */
export function transmissionCreate(contentPath: string, out: string, options: TransmissionOptions): void {
  const args = ['-s', String(options.pieceKiB), '-o', out]
  if (options.tracker !== undefined) args.push('-t', options.tracker)
  rmSync(out, {force: true})
  const printed = run('transmission-create', [...args, contentPath])
  if (!existsSync(out)) throw new Error(`transmission-create did not write ${out}: ${printed}`)
  const pieceLength = pieceLengthOf(out)
  if (pieceLength !== options.pieceKiB * 1024) {
    throw new Error(`transmission-create wrote piece length ${pieceLength} instead of ${options.pieceKiB} KiB`)
  }
}

function infoOf(torrentPath: string): {dict: BencodeDict; bytes: Uint8Array} {
  const bytes = readFileSync(torrentPath)
  const decoded = decodeBencode(bytes)
  const info = isDict(decoded.value) ? decoded.value.get('info') : undefined
  if (!isDict(info)) throw new Error(`${torrentPath} has no info dictionary`)
  const span = decoded.spanOf(info)!
  return {dict: info, bytes: bytes.subarray(span.start, span.end)}
}

/** The raw bytes of `info` as they are in the file: the SHA-1 of these is the v1 info-hash (BEP 3). */
export function readInfoDict(torrentPath: string): Uint8Array {
  return infoOf(torrentPath).bytes
}

/** The concatenated SHA-1 piece hashes (`info.pieces`). */
export function piecesOf(torrentPath: string): Uint8Array {
  const pieces = infoOf(torrentPath).dict.get('pieces')
  if (!isBytes(pieces)) throw new Error(`${torrentPath} has no pieces string`)
  return pieces
}

/** `info['piece length']`. */
export function pieceLengthOf(torrentPath: string): number {
  const pieceLength = infoOf(torrentPath).dict.get('piece length')
  if (!isInteger(pieceLength)) throw new Error(`${torrentPath} has no piece length`)
  return pieceLength
}
