import {describe, expect, it} from 'vitest'
import {parseDhtNode} from '../../../src/core/create/dht-node.js'
import {UsageError} from '../../../src/core/errors.js'

describe('parseDhtNode (--dht-node)', () => {
  it.each([
    ['router.bittorrent.com:6881', {host: 'router.bittorrent.com', port: 6881}],
    ['192.0.2.1:1', {host: '192.0.2.1', port: 1}],
    ['[2001:db8::1]:65535', {host: '2001:db8::1', port: 65535}],
    ['node_1.example.:80', {host: 'node_1.example.', port: 80}],
  ])('reads %s', (text, node) => {
    expect(parseDhtNode(text)).toEqual(node)
  })

  it.each([
    ['router.example', '--dht-node "router.example" is not host:port (IPv6 as [addr]:port)'],
    ['2001:db8::1:80', '--dht-node "2001:db8::1:80" is not host:port (IPv6 as [addr]:port)'],
    ['[not-ipv6]:80', '--dht-node "[not-ipv6]:80" is not host:port (IPv6 as [addr]:port)'],
    ['a b:80', '--dht-node "a b:80": "a b" is neither a host name nor an IP address'],
    ['-bad.example:80', '--dht-node "-bad.example:80": "-bad.example" is neither a host name nor an IP address'],
    ['a..b:80', '--dht-node "a..b:80": "a..b" is neither a host name nor an IP address'],
    ['router.example:0', '--dht-node "router.example:0": the port must be from 1 to 65535'],
    ['router.example:65536', '--dht-node "router.example:65536": the port must be from 1 to 65535'],
  ])('refuses %s', (text, message) => {
    expect(() => parseDhtNode(text)).toThrow(UsageError)
    expect(() => parseDhtNode(text)).toThrow(message)
  })
})
