// The parts of bittorrent-tracker's server (npm, no types of its own) the tests use.
declare module 'bittorrent-tracker/server' {
  import type {EventEmitter} from 'node:events'
  import type {Server as HttpServer} from 'node:http'
  import type {Socket} from 'node:dgram'

  interface Swarm {
    complete: number
    incomplete: number
  }

  export default class Server extends EventEmitter {
    constructor(options?: {http?: boolean; udp?: boolean; ws?: boolean; stats?: boolean; interval?: number})
    http: HttpServer | null
    udp4: Socket | null
    udp6: Socket | null
    torrents: Record<string, Swarm>
    close(callback?: () => void): void
  }
}
