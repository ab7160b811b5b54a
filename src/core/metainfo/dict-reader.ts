import {isUtf8} from 'node:buffer'
import type {BencodeDict, BencodeList, BencodeValue} from '../bencode/bencode-value.js'
import {isBytes, isDict, isInteger, isList, keyFromText} from '../bencode/bencode-value.js'
import {childPath, type IssueList} from './validation-issue.js'

type Severity = 'error' | 'warning'

interface FieldOptions {
  /** Report a missing field with this severity. */
  required?: Severity
  /** Severity of a value of the wrong type (default: error). */
  wrongType?: Severity
}

const typeNames = {integer: 'an integer', bytes: 'a byte string', list: 'a list', dict: 'a dictionary'} as const

/** Typed access to one metainfo dictionary, recording an issue for each missing or mistyped field. */
export class DictReader {
  constructor(
    readonly dict: BencodeDict,
    readonly path: string,
    readonly issues: IssueList,
  ) {}

  has(key: string): boolean {
    return this.dict.has(keyFromText(key))
  }

  pathOf(key: string): string {
    return childPath(this.path, key)
  }

  integer(key: string, options: FieldOptions = {}): number | undefined {
    return this.read(key, 'integer', isInteger, options)
  }

  bytes(key: string, options: FieldOptions = {}): Uint8Array | undefined {
    return this.read(key, 'bytes', isBytes, options)
  }

  list(key: string, options: FieldOptions = {}): BencodeList | undefined {
    return this.read(key, 'list', isList, options)
  }

  dictionary(key: string, options: FieldOptions = {}): BencodeDict | undefined {
    return this.read(key, 'dict', isDict, options)
  }

  /** A byte string read as UTF-8 text; invalid UTF-8 is a warning and decodes with U+FFFD. */
  text(key: string, options: FieldOptions = {}): string | undefined {
    const bytes = this.bytes(key, {wrongType: 'warning', ...options})
    if (bytes === undefined) return undefined
    if (!isUtf8(bytes)) this.issues.warning('invalid-utf8', this.pathOf(key), `${this.pathOf(key)} is not valid UTF-8`)
    return Buffer.from(bytes).toString('utf8')
  }

  private read<T extends BencodeValue>(
    key: string,
    type: keyof typeof typeNames,
    guard: (value: BencodeValue | undefined) => value is T,
    options: FieldOptions,
  ): T | undefined {
    const value = this.dict.get(keyFromText(key))
    if (value === undefined && !options.required) return undefined
    if (value !== undefined && guard(value)) return value
    // Built only for an issue: a torrent of many files reads several fields of each.
    const path = this.pathOf(key)
    if (value === undefined) {
      this.issues[options.required!]('missing-field', path, `${path} is missing`)
      return undefined
    }
    const severity = options.wrongType ?? 'error'
    this.issues[severity]('wrong-type', path, `${path} must be ${typeNames[type]}, not ${describeValueType(value)}`)
    return undefined
  }
}

export function describeValueType(value: BencodeValue): string {
  if (isInteger(value)) return 'an integer'
  if (isBytes(value)) return 'a byte string'
  if (isList(value)) return 'a list'
  return 'a dictionary'
}

export {isUtf8}
