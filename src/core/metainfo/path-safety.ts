import {isUtf8} from './dict-reader.js'
import {childPath, type IssueList} from './validation-issue.js'

// Characters that reorder or hide text, used to disguise `evil.exe` as `evil‮exe.avi` (spec.md 6.3).
const invisibleCharacters = /[\u061C\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]/u
const controlCharacters = /[\u0000-\u001F\u007F-\u009F]/u
const windowsReserved = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])(\..*)?$/iu
const windowsInvalidCharacters = /[<>:"|?*]/u
const driveLetter = /^[A-Za-z]:/u
const maxElementBytes = 255
const plainAscii = /^[\w !#$%&'()+,\-.;=@[\]^`{}~]+$/

/** A view of the same bytes as a Buffer, without copying them (the decoder's byte strings are Buffers already). */
function view(element: Uint8Array): Buffer {
  return Buffer.isBuffer(element) ? element : Buffer.from(element.buffer, element.byteOffset, element.length)
}

/** A path element as quoted, readable text for a message. */
export function quoteElement(element: Uint8Array): string {
  const text = view(element).toString('utf8')
  return JSON.stringify(text.length > 60 ? `${text.slice(0, 60)}…` : text)
}

/**
 * Checks one element of a file path taken from a torrent. Errors are elements that could escape the
 * download folder or deceive a reader; warnings are names some file systems cannot hold.
 */
export function checkPathElement(element: Uint8Array, path: string, issues: IssueList): void {
  if (isCleanBytes(element)) return
  if (element.length === 0) return issues.error('path-empty-element', path, `${path} is an empty path element`)
  const text = view(element).toString('utf8')
  // Only quoted when there is something to say: valid names are the common case.
  const shown = (): string => quoteElement(element)
  if (text === '.' || text === '..') {
    return issues.error('path-dot-element', path, `${path} is ${shown()}, which would leave or alias its folder`)
  }
  if (element.includes(0x2f) || element.includes(0x5c)) {
    issues.error('path-separator', path, `${path} ${shown()} contains '/' or '\\', which could place a file outside its folder`)
  }
  if (!isUtf8(element)) issues.error('path-invalid-utf8', path, `${path} ${shown()} is not valid UTF-8`)
  if (controlCharacters.test(text)) {
    issues.error('path-control-character', path, `${path} ${shown()} contains a NUL or control character`)
  }
  if (invisibleCharacters.test(text)) {
    issues.error('path-invisible-character', path, `${path} ${shown()} contains a bidi or zero-width character that can disguise a file name`)
  }
  if (driveLetter.test(text)) issues.error('path-drive-letter', path, `${path} ${shown()} starts with a drive letter, an absolute path on Windows`)
  else if (windowsInvalidCharacters.test(text)) {
    issues.warning('path-windows-invalid-character', path, `${path} ${shown()} contains a character Windows does not allow in names`)
  }
  if (windowsReserved.test(text)) issues.warning('path-windows-reserved', path, `${path} ${shown()} is a reserved device name on Windows`)
  if (/[. ]$/u.test(text)) issues.warning('path-trailing-dot-or-space', path, `${path} ${shown()} ends in a dot or space, which Windows drops`)
  if (element.length > maxElementBytes) {
    issues.warning('path-element-too-long', path, `${path} is ${element.length} bytes, over the ${maxElementBytes} most file systems allow`)
  }
}

/**
 * True exactly when checkPathElement has nothing to say about an element with this text (valid
 * UTF-8 assumed): no error and no warning. `create` relies on it to know that its names draw no
 * issue; test/core/metainfo/clean-element.test.ts holds the two to the same verdicts.
 */
export function isCleanElement(text: string): boolean {
  // Printable ASCII without <>:"/\|?*, the common case: only the dot, space, reserved-name and length rules remain.
  if (plainAscii.test(text)) return text.length <= maxElementBytes && !/[. ]$/u.test(text) && !windowsReserved.test(text)
  return (
    text !== '' &&
    text !== '.' &&
    text !== '..' &&
    !text.includes('/') &&
    !text.includes('\\') &&
    !controlCharacters.test(text) &&
    !invisibleCharacters.test(text) &&
    !driveLetter.test(text) &&
    !windowsInvalidCharacters.test(text) &&
    !windowsReserved.test(text) &&
    !/[. ]$/u.test(text) &&
    (text.length <= maxElementBytes / 3 || Buffer.byteLength(text) <= maxElementBytes)
  )
}

/** Per ASCII byte: whether plainAscii matches it. */
const plainByte = Uint8Array.from({length: 128}, (_, byte) => (plainAscii.test(String.fromCharCode(byte)) ? 1 : 0))
/** Per ASCII byte: whether a reserved device name (windowsReserved) can start with it. */
const reservedFirstLetter = Uint8Array.from({length: 128}, (_, byte) => ('aclnpACLNP'.includes(String.fromCharCode(byte)) ? 1 : 0))
const DOT = 0x2e
const SPACE = 0x20

/**
 * isCleanElement's first case, on the bytes: printable ASCII without <>:"/\|?*, at most 255 bytes,
 * not ending in a dot or space, no reserved device name. A torrent of many files is mostly such
 * names, and this tells them apart without decoding them (verify parses every path of the torrent).
 */
function isCleanBytes(element: Uint8Array): boolean {
  const length = element.length
  if (length === 0 || length > maxElementBytes) return false
  for (let i = 0; i < length; i++) {
    const byte = element[i]!
    if (byte >= 128 || plainByte[byte] === 0) return false
  }
  const last = element[length - 1]!
  if (last === DOT || last === SPACE) return false
  // Every reserved name is three letters, maybe a digit, and maybe a dot and more, and starts with one of a, c, l, n, p.
  if (length >= 3 && (length <= 4 || element[3] === DOT || element[4] === DOT) && reservedFirstLetter[element[0]!] === 1) {
    return !windowsReserved.test(view(element).toString('latin1'))
  }
  return true
}

/**
 * The most elements a path may have. A v2 file tree cannot nest deeper than the decoder's depth
 * limit, so a longer v1 list is the one way left to ask for such a deep path.
 */
export const MAX_PATH_ELEMENTS = 100

/** True when checkPath has nothing to say about a path: a cheap test that spares building the issue paths. */
export function isCleanPath(elements: Uint8Array[]): boolean {
  if (elements.length > MAX_PATH_ELEMENTS) return false
  for (let index = 0; index < elements.length; index++) if (!isCleanBytes(elements[index]!)) return false
  return true
}

/** Checks every element of a path (a list of elements) at `path`. */
export function checkPath(elements: Uint8Array[], path: string, issues: IssueList): void {
  if (elements.length > MAX_PATH_ELEMENTS) {
    issues.error('path-too-deep', path, `${path} has ${elements.length} elements, over the ${MAX_PATH_ELEMENTS} allowed`)
  }
  for (let index = 0; index < elements.length; index++) {
    // The element's issue path is only worth building when there is something to say.
    if (!isCleanBytes(elements[index]!)) checkPathElement(elements[index]!, childPath(path, index), issues)
  }
}

