import {UsageError} from '../core/errors.js'
import {readTorrentSource} from '../core/io/torrent-file.js'
import {readTorrentStream} from '../core/io/torrent-stream.js'

/** A torrent argument as read: `-` is standard input. */
export interface TorrentArgument {
  bytes: Buffer
  /** How messages name it: "stdin" for `-`, else the path as given. */
  label: string
  /** Read through a pipe (stdin, a FIFO, `<(...)`): it has no folder to find content next to. */
  pipe: boolean
}

/** How messages name a torrent argument. */
export function torrentLabel(argument: string): string {
  return argument === '-' ? 'stdin' : argument
}

/**
 * Reads the torrent a command was given: a path (a regular file or a FIFO), or `-` for standard
 * input, with the same size limit. A terminal on stdin is refused rather than waited on.
 */
export async function readTorrentArgument(argument: string): Promise<TorrentArgument> {
  if (argument !== '-') return {...(await readTorrentSource(argument)), label: argument}
  if (process.stdin.isTTY === true) throw new UsageError('usage', '"-" reads the torrent from stdin, but stdin is a terminal; pipe a .torrent file in, or give its path')
  return {bytes: await readTorrentStream(process.stdin, 'stdin'), label: 'stdin', pipe: true}
}
