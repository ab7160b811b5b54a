/**
 * Trackers on 127.0.0.1, port 0, for the tracker tests: a real one (bittorrent-tracker, HTTP and
 * UDP), and servers that misbehave in one way each. Every server is closed by the test that made it.
 */
import {randomBytes} from 'node:crypto'
import dgram from 'node:dgram'
import http from 'node:http'
import type {AddressInfo} from 'node:net'
import net from 'node:net'
import TrackerServer from 'bittorrent-tracker/server'
import {encode} from './torrent-builder.js'

export const HOST = '127.0.0.1'

export interface RealTracker {
  httpAnnounce: string
  udpAnnounce: string
  /** Seeders and leechers the tracker holds for a 20-byte info-hash (hex), as its scrape counts them. */
  swarm: (infoHash: string) => {complete: number; incomplete: number} | undefined
  /** A real BEP 3 announce (event=started) of a peer at 127.0.0.1:`port`, seeding when `left` is 0. */
  announcePeer: (infoHash: Uint8Array, port: number, left: number) => Promise<void>
  close: () => Promise<void>
}

export async function startRealTracker(): Promise<RealTracker> {
  const server = new TrackerServer({http: true, udp: true, ws: false, stats: false})
  // bittorrent-tracker binds udp6 too, on the same host name: only IPv4 loopback is used here.
  server.udp6?.close()
  server.udp6 = null
  await Promise.all([
    new Promise<void>((resolve) => server.http!.listen(0, HOST, resolve)),
    new Promise<void>((resolve) => server.udp4!.bind(0, HOST, resolve)),
  ])
  const httpPort = (server.http!.address() as AddressInfo).port
  const udpPort = server.udp4!.address().port
  const httpAnnounce = `http://${HOST}:${httpPort}/announce`
  return {
    httpAnnounce,
    udpAnnounce: `udp://${HOST}:${udpPort}`,
    swarm: (infoHash) => server.torrents[infoHash],
    announcePeer: async (infoHash, port, left) => {
      const query = `info_hash=${escapeBytes(infoHash)}&peer_id=${escapeBytes(randomBytes(20))}&port=${port}&uploaded=0&downloaded=0&left=${left}&event=started&compact=1`
      const reply = await fetch(`${httpAnnounce}?${query}`, {signal: AbortSignal.timeout(10_000)})
      const body = Buffer.from(await reply.arrayBuffer())
      if (!body.includes('8:interval')) throw new Error(`the tracker refused the announce: ${body.toString('latin1')}`)
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  }
}

function escapeBytes(bytes: Uint8Array): string {
  return [...bytes].map((byte) => `%${byte.toString(16).padStart(2, '0')}`).join('')
}

export interface TestServer<Request = string> {
  url: string
  /** Requests the server received: HTTP paths with their query, TCP bytes as latin1, or UDP packets. */
  received: Request[]
  close: () => Promise<void>
}

/** An HTTP server answering every request with `handler`'s status, headers and body. */
export async function startHttpServer(
  handler: (path: string) => {status?: number; headers?: Record<string, string>; body?: string | Buffer},
  path = '/announce',
): Promise<TestServer> {
  const received: string[] = []
  const server = http.createServer((request, response) => {
    received.push(request.url ?? '')
    const {status = 200, headers = {}, body = ''} = handler(request.url ?? '')
    response.writeHead(status, headers)
    response.end(body)
  })
  await new Promise<void>((resolve) => server.listen(0, HOST, resolve))
  const port = (server.address() as AddressInfo).port
  return {url: `http://${HOST}:${port}${path}`, received, close: () => closeServer(server)}
}

/** A TCP server that accepts connections and never says a word. */
export async function startSilentTcpServer(path = '/announce'): Promise<TestServer> {
  const sockets = new Set<net.Socket>()
  const received: string[] = []
  const server = net.createServer((socket) => {
    sockets.add(socket)
    socket.on('data', (data) => received.push(data.toString('latin1')))
    socket.on('error', () => {})
    socket.on('close', () => sockets.delete(socket))
  })
  await new Promise<void>((resolve) => server.listen(0, HOST, resolve))
  const port = (server.address() as AddressInfo).port
  return {
    url: `http://${HOST}:${port}${path}`,
    received,
    close: async () => {
      for (const socket of sockets) socket.destroy()
      await closeServer(server)
    },
  }
}

/** A UDP socket that reads every packet and answers none (or answers with `reply`'s packets, in order). */
export async function startUdpServer(reply?: (packet: Buffer) => Buffer | Buffer[] | undefined): Promise<TestServer<Buffer>> {
  const socket = dgram.createSocket('udp4')
  const received: Buffer[] = []
  socket.on('message', (packet, remote) => {
    received.push(packet)
    const answer = reply?.(packet) ?? []
    for (const each of Array.isArray(answer) ? answer : [answer]) socket.send(each, remote.port, remote.address)
  })
  await new Promise<void>((resolve) => socket.bind(0, HOST, resolve))
  return {url: `udp://${HOST}:${socket.address().port}`, received, close: () => new Promise((resolve) => socket.close(() => resolve()))}
}

/** A loopback port nothing listens on (bound, then closed): connecting to it is refused. */
export async function closedPort(): Promise<number> {
  const server = net.createServer()
  await new Promise<void>((resolve) => server.listen(0, HOST, resolve))
  const port = (server.address() as AddressInfo).port
  await closeServer(server)
  return port
}

/** A loopback UDP port nothing listens on: the kernel answers ICMP port unreachable. */
export async function closedUdpPort(): Promise<number> {
  const socket = dgram.createSocket('udp4')
  await new Promise<void>((resolve) => socket.bind(0, HOST, resolve))
  const {port} = socket.address()
  await new Promise<void>((resolve) => socket.close(() => resolve()))
  return port
}

function closeServer(server: net.Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve())
    ;(server as http.Server).closeAllConnections?.()
  })
}

/** A bencoded tracker reply. */
export function bencoded(value: Record<string, unknown>): Buffer {
  return encode(value as never)
}

/** An HTTPS server with a self-signed certificate made by openssl for this run. */
export async function startSelfSignedHttpsServer(dir: string): Promise<TestServer> {
  const {spawnSync} = await import('node:child_process')
  const {readFile} = await import('node:fs/promises')
  const {join} = await import('node:path')
  const https = await import('node:https')
  const [key, cert] = [join(dir, 'key.pem'), join(dir, 'cert.pem')]
  const made = spawnSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', key, '-out', cert, '-subj', `/CN=${HOST}`, '-days', '1'], {encoding: 'utf8', timeout: 60_000})
  if (made.status !== 0) throw new Error(`openssl could not make a certificate: ${made.stderr}`)
  const received: string[] = []
  const server = https.createServer({key: await readFile(key), cert: await readFile(cert)}, (request, response) => {
    received.push(request.url ?? '')
    response.end(bencoded({files: {}}))
  })
  server.on('tlsClientError', () => {})
  await new Promise<void>((resolve) => server.listen(0, HOST, resolve))
  const port = (server.address() as AddressInfo).port
  return {url: `https://${HOST}:${port}/announce`, received, close: () => closeServer(server)}
}
