import {createRequire} from 'node:module'
import {UsageError} from '../errors.js'

// node:net, for its IP address checks, only when there is a DHT node to check: loading it (and
// the streams it brings) costs every other `create` start-up time (docs/performance.md).
const require = createRequire(import.meta.url)
const net = (): typeof import('node:net') => require('node:net') as typeof import('node:net')
const isIP = (text: string): number => net().isIP(text)
const isIPv6 = (text: string): boolean => net().isIPv6(text)

/** A BEP 5 `nodes` entry: a DHT node to bootstrap from. */
export interface DhtNode {
  host: string
  port: number
}

const hostName = /^(?=.{1,253}\.?$)[A-Za-z0-9_](?:[A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?(?:\.[A-Za-z0-9_](?:[A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?)*\.?$/u

/** `host:port`, IPv6 as `[addr]:port`, as `--dht-node` takes it. */
export function parseDhtNode(text: string): DhtNode {
  const match = /^(?:\[([^\]]+)\]|([^:]+)):(\d{1,5})$/u.exec(text)
  if (!match || (match[1] !== undefined && !isIPv6(match[1]))) {
    throw new UsageError('invalid-dht-node', `--dht-node ${JSON.stringify(text)} is not host:port (IPv6 as [addr]:port)`)
  }
  const node = {host: match[1] ?? match[2]!, port: Number(match[3])}
  assertDhtNode(node)
  return node
}

/** A host name or IP address and a port from 1 to 65535, or a usage error naming the node. */
export function assertDhtNode(node: DhtNode): void {
  const shown = JSON.stringify(isIPv6(String(node.host)) ? `[${node.host}]:${node.port}` : `${node.host}:${node.port}`)
  if (typeof node.host !== 'string' || (isIP(node.host) === 0 && !hostName.test(node.host))) {
    throw new UsageError('invalid-dht-node', `--dht-node ${shown}: ${JSON.stringify(node.host)} is neither a host name nor an IP address`)
  }
  if (!Number.isInteger(node.port) || node.port < 1 || node.port > 65535) {
    throw new UsageError('invalid-dht-node', `--dht-node ${shown}: the port must be from 1 to 65535`)
  }
}
