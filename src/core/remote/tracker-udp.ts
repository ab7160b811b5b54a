import {randomBytes} from 'node:crypto'
import dgram from 'node:dgram'
import {lookup} from 'node:dns/promises'
import {TrackerError, networkError} from './tracker-error.js'
import type {Counts} from './tracker-reply.js'
import {trackerText} from './tracker-reply.js'

export interface UdpScrapeOptions {
  /** Aborted when the tracker's time is up; its reason is the TrackerError to report. */
  signal: AbortSignal
  /** Wait before the first resend; doubled after each (BEP 15 says 15 s, far beyond a check's time). */
  retryMs?: number
  onReachable?: () => void
}

// BEP 15
const protocolId = 0x41727101980n
const connectAction = 0
const scrapeAction = 2
const errorAction = 3

/**
 * BEP 15: a connect request for a connection id, then one scrape of every hash (at most 74 fit a
 * packet; a torrent has one or two). Each request is sent again after `retryMs`, then twice that,
 * and so on until the signal is aborted. The socket is connected to the tracker's address, so
 * the kernel drops packets from anyone else and an ICMP "port unreachable" becomes ECONNREFUSED.
 */
export async function udpScrape(host: string, port: number, hashes: Uint8Array[], options: UdpScrapeOptions): Promise<Counts[]> {
  const label = `${host.includes(':') ? `[${host}]` : host}:${port}`
  const address = await abortable(lookup(host), options.signal).catch((error: unknown) => {
    throw networkError(error, label, false)
  })
  const socket = dgram.createSocket(address.family === 6 ? 'udp6' : 'udp4')
  const exchange = new Exchange(socket, label, options)
  try {
    await exchange.connect(port, address.address)
    const connected = await exchange.request(connectRequest, connectAction, 16)
    const connectionId = connected.subarray(8, 16)
    const reply = await exchange.request((tid) => scrapeRequest(connectionId, tid, hashes), scrapeAction, 8 + 12 * hashes.length)
    return hashes.map((_, index) => {
      const at = 8 + 12 * index
      return {listed: true, seeders: reply.readUInt32BE(at), completed: reply.readUInt32BE(at + 4), leechers: reply.readUInt32BE(at + 8)}
    })
  } finally {
    exchange.close()
  }
}

function connectRequest(transactionId: Buffer): Buffer {
  const packet = Buffer.alloc(16)
  packet.writeBigUInt64BE(protocolId, 0)
  packet.writeUInt32BE(connectAction, 8)
  transactionId.copy(packet, 12)
  return packet
}

function scrapeRequest(connectionId: Buffer, transactionId: Buffer, hashes: Uint8Array[]): Buffer {
  const header = Buffer.alloc(16)
  connectionId.copy(header, 0)
  header.writeUInt32BE(scrapeAction, 8)
  transactionId.copy(header, 12)
  return Buffer.concat([header, ...hashes])
}

/** One socket's requests: sends, resends, and the reply that matches the transaction id. */
class Exchange {
  private sent = 0
  private reachable = false
  private closed = false
  private waiting: ((error: unknown, packet?: Buffer) => void) | undefined

  constructor(
    private readonly socket: dgram.Socket,
    private readonly label: string,
    private readonly options: UdpScrapeOptions,
  ) {
    socket.on('error', (error) => this.waiting?.(error))
    socket.on('message', (packet) => this.waiting?.(undefined, packet))
  }

  connect(port: number, address: string): Promise<void> {
    return new Promise((resolve, reject) => {
      this.waiting = (error) => reject(networkError(error, this.label, false))
      this.socket.connect(port, address, () => {
        this.waiting = undefined
        resolve()
      })
    })
  }

  /** Sends `build(tid)` until a packet with that transaction id comes back, and returns it. */
  request(build: (transactionId: Buffer) => Buffer, action: number, minLength: number): Promise<Buffer> {
    const transactionId = randomBytes(4)
    const packet = build(transactionId)
    const {signal} = this.options
    return new Promise((resolve, reject) => {
      let retryMs = this.options.retryMs ?? 1000
      let timer: NodeJS.Timeout | undefined
      const finish = (error: unknown, reply?: Buffer): void => {
        clearTimeout(timer)
        signal.removeEventListener('abort', onAbort)
        this.waiting = undefined
        if (error !== undefined) reject(error)
        else resolve(reply!)
      }
      const onAbort = (): void => {
        const reason = signal.reason as unknown
        if (reason instanceof TrackerError && reason.errorClass === 'timeout') {
          const sends = this.sent === 1 ? '1 request' : `${this.sent} requests`
          finish(new TrackerError('timeout', `${reason.message} (${sends} sent)`, this.reachable))
        } else finish(reason)
      }
      const send = (): void => {
        if (this.closed) return
        this.sent++
        this.socket.send(packet, (error) => {
          if (error) this.waiting?.(error)
        })
        timer = setTimeout(send, retryMs)
        retryMs *= 2
      }
      this.waiting = (error, reply) => {
        if (error !== undefined) return finish(networkError(error, this.label, this.reachable))
        this.reachable = true
        this.options.onReachable?.()
        if (reply!.length < 8 || !reply!.subarray(4, 8).equals(transactionId)) return // stale or stray: keep waiting
        const replyAction = reply!.readUInt32BE(0)
        if (replyAction === errorAction) return finish(new TrackerError('tracker-failure', trackerText(reply!.subarray(8)), true))
        if (replyAction !== action || reply!.length < minLength) {
          return finish(new TrackerError('malformed-reply', `a ${reply!.length}-byte reply with action ${replyAction}, where action ${action} and at least ${minLength} bytes were expected`, true))
        }
        finish(undefined, reply)
      }
      if (signal.aborted) return onAbort()
      signal.addEventListener('abort', onAbort, {once: true})
      send()
    })
  }

  close(): void {
    this.closed = true
    this.waiting = undefined
    this.socket.close()
  }
}

/** A promise that cannot be cancelled (a name lookup), raced against the signal. */
function abortable<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason)
  return new Promise((resolve, reject) => {
    const onAbort = (): void => reject(signal.reason)
    signal.addEventListener('abort', onAbort, {once: true})
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort)
        resolve(value)
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort)
        reject(error)
      },
    )
  })
}
