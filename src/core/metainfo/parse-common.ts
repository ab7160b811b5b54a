import type {BencodeValue} from '../bencode/bencode-value.js'
import {isBytes, isList} from '../bencode/bencode-value.js'
import type {DictReader} from './dict-reader.js'
import {type UrlRole, describeUrlFault, urlFault} from './url-rule.js'
import {childPath} from './validation-issue.js'

/**
 * Tracker tiers: BEP 12 `announce-list` when it holds any URL (a BEP 12 client then ignores
 * `announce`), otherwise BEP 3 `announce` as one tier.
 */
export function readTrackers(top: DictReader): string[][] {
  const tiers: string[][] = []
  const list = top.list('announce-list', {wrongType: 'warning'})
  const listPath = top.pathOf('announce-list')
  list?.forEach((tier, tierIndex) => {
    const tierPath = childPath(listPath, tierIndex)
    if (!isList(tier)) return top.issues.warning('wrong-type', tierPath, `${tierPath} must be a list of URLs`)
    const urls = urlStrings(top, tier, tierPath, 'tracker')
    if (urls.length > 0) tiers.push(urls)
  })
  if (tiers.length > 0) return tiers
  const announce = top.text('announce')
  if (announce !== undefined && announce !== '') {
    checkUrl(top, announce, top.pathOf('announce'), 'tracker')
    tiers.push([announce])
  }
  return tiers
}

/** BEP 19 `url-list` or BEP 17 `httpseeds`: one URL or a list of them. */
export function readUrlList(top: DictReader, key: 'url-list' | 'httpseeds'): string[] {
  const role: UrlRole = key === 'url-list' ? 'web seed' : 'http seed'
  const value = top.dict.get(key)
  const path = top.pathOf(key)
  if (value === undefined) return []
  if (isBytes(value)) {
    const url = Buffer.from(value).toString('utf8')
    if (url === '') return []
    checkUrl(top, url, path, role)
    return [url]
  }
  if (isList(value)) return urlStrings(top, value, path, role)
  top.issues.warning('wrong-type', path, `${path} must be a URL or a list of URLs`)
  return []
}

function urlStrings(top: DictReader, list: BencodeValue[], path: string, role: UrlRole): string[] {
  const urls: string[] = []
  list.forEach((entry, index) => {
    const entryPath = childPath(path, index)
    if (!isBytes(entry)) return top.issues.warning('wrong-type', entryPath, `${entryPath} must be a URL string`)
    const url = Buffer.from(entry).toString('utf8')
    checkUrl(top, url, entryPath, role)
    urls.push(url)
  })
  return urls
}

function checkUrl(top: DictReader, url: string, path: string, role: UrlRole): void {
  const fault = urlFault(url, role)
  if (fault !== undefined) top.issues.warning(fault.code, path, `${path} ${JSON.stringify(url)} ${describeUrlFault(fault, role)}`)
}

/** BEP 27: libtorrent treats any non-zero integer as private, and anything else as public. */
export function readPrivate(info: DictReader): boolean {
  const path = info.pathOf('private')
  const value = info.dict.get('private')
  if (value === undefined) return false
  if (typeof value !== 'number') {
    info.issues.warning('private-not-integer', path, `${path} is not an integer, so clients treat the torrent as public`)
    return false
  }
  if (value !== 0 && value !== 1) info.issues.warning('private-value', path, `${path} is ${value}; BEP 27 uses 1`)
  return value !== 0
}
