import {describe, expect, it} from 'vitest'
import {webSeedFileUrls, webSeedUrlProblem} from '../../../src/core/remote/web-seed-url.js'
import type {PlannedFile} from '../../../src/core/verify/verify-plan.js'

function file(path: string): PlannedFile {
  const elements = path.split('/').map((element) => Buffer.from(element, 'utf8'))
  return {path, elements, length: 1, symlink: false, offset: 0, firstPiece: 0, pieceCount: 1, v2: undefined}
}

const utf8 = (text: string): Uint8Array => Buffer.from(text, 'utf8')

describe('webSeedFileUrls (BEP 19)', () => {
  it.each([
    ['http://m.example/pub/file.iso', 'http://m.example/pub/file.iso'],
    ['http://m.example/pub/', 'http://m.example/pub/%C3%B1%20a.bin'],
    ['http://m.example', 'http://m.example/%C3%B1%20a.bin'],
  ])('single file at %s is %s', (base, url) => {
    expect(webSeedFileUrls(base, {singleFile: true, name: utf8('ignored'), files: [file('ñ a.bin')]})).toEqual([url])
  })

  it('multi-file: URL + name + / + path, a slash added to a URL without one, every element percent-encoded as UTF-8', () => {
    const layout = {singleFile: false, name: utf8('Rel ease ü'), files: [file('a b+c.bin'), file('sub dir/ñ #?%&=;.bin'), file("z~'(x)!*.txt")]}
    const expected = [
      'http://m.example/pub/Rel%20ease%20%C3%BC/a%20b%2Bc.bin',
      'http://m.example/pub/Rel%20ease%20%C3%BC/sub%20dir/%C3%B1%20%23%3F%25%26%3D%3B.bin',
      'http://m.example/pub/Rel%20ease%20%C3%BC/z~%27%28x%29%21%2A.txt',
    ]
    expect(webSeedFileUrls('http://m.example/pub/', layout)).toEqual(expected)
    expect(webSeedFileUrls('http://m.example/pub', layout)).toEqual(expected)
  })

  it('encodes the raw bytes of a name that is not UTF-8', () => {
    const layout = {singleFile: false, name: Uint8Array.of(0x66, 0xe9), files: [file('x')]}
    expect(webSeedFileUrls('https://m.example/', layout)).toEqual(['https://m.example/f%E9/x'])
  })
})

describe('webSeedUrlProblem', () => {
  it.each([
    ['http://m.example/', undefined],
    ['https://m.example/a', undefined],
    ['ftp://m.example/a', 'ftp is not supported: web seeds are http or https'],
    ['not a url', 'not a URL'],
  ])('%s: %s', (url, problem) => {
    expect(webSeedUrlProblem(url)).toBe(problem)
  })
})
