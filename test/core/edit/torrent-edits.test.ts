import {describe, expect, it} from 'vitest'
import {type TorrentEdits, type UnmatchedEdit, editTiers, editWebSeeds} from '../../../src/core/edit/torrent-edits.js'

const A = 'udp://a.example:1/announce'
const B = 'http://b.example/announce'
const C = 'https://c.example/announce'
const D = 'udp://d.example:4/announce'

describe('editTiers', () => {
  const table: Array<{name: string; tiers: string[][]; edits: TorrentEdits; expected: string[][]; unmatched?: UnmatchedEdit[]}> = [
    {name: 'appends each added tier after the existing ones', tiers: [[A]], edits: {addTrackers: [[B, C], [D]]}, expected: [[A], [B, C], [D]]},
    {name: 'skips added URLs already present, dropping a tier left empty', tiers: [[A, B]], edits: {addTrackers: [[B], [A, C]]}, expected: [[A, B], [C]]},
    {name: 'skips a URL repeated within one added tier', tiers: [], edits: {addTrackers: [[A, A]]}, expected: [[A]]},
    {name: 'removes a URL from every tier and drops tiers left empty', tiers: [[A, B], [A], [C]], edits: {removeTrackers: [A]}, expected: [[B], [C]]},
    {name: 'replaces a URL in its place within its tier', tiers: [[A, B], [C]], edits: {replaceTrackers: [[B, D]]}, expected: [[A, D], [C]]},
    {name: 'replaces by removing when the new URL is already there', tiers: [[A], [B, C]], edits: {replaceTrackers: [[A, C]]}, expected: [[B, C]]},
    {name: 'replaces the first copy of a repeated URL and removes the others', tiers: [[A], [A, B]], edits: {replaceTrackers: [[A, D]]}, expected: [[D], [B]]},
    {name: 'keeps a URL replaced by itself', tiers: [[A, B]], edits: {replaceTrackers: [[A, A]]}, expected: [[A, B]]},
    {name: 'clears every tracker before adding', tiers: [[A], [B]], edits: {clearTrackers: true, addTrackers: [[C]]}, expected: [[C]]},
    {name: 'applies clear, replace, remove, then add', tiers: [[A, B]], edits: {replaceTrackers: [[A, C]], removeTrackers: [B], addTrackers: [[A]]}, expected: [[C], [A]]},
    {
      name: 'reports a removal and a replacement that match nothing',
      tiers: [[A]],
      edits: {removeTrackers: [B], replaceTrackers: [[C, D]]},
      expected: [[A]],
      unmatched: [
        {kind: 'tracker', action: 'replace', url: C},
        {kind: 'tracker', action: 'remove', url: B},
      ],
    },
  ]

  it.each(table)('$name', ({tiers, edits, expected, unmatched = []}) => {
    const misses: UnmatchedEdit[] = []
    const before = JSON.stringify(tiers)
    expect(editTiers(tiers, edits, misses)).toEqual(expected)
    expect(misses).toEqual(unmatched)
    expect(JSON.stringify(tiers)).toBe(before)
  })
})

describe('editWebSeeds', () => {
  it('appends new web seeds and skips ones already present', () => {
    expect(editWebSeeds([A], {addWebSeeds: [B, A, B]}, [])).toEqual([A, B])
  })

  it('removes, clears, and reports a removal that matches nothing', () => {
    const misses: UnmatchedEdit[] = []
    expect(editWebSeeds([A, B], {removeWebSeeds: [A, C]}, misses)).toEqual([B])
    expect(misses).toEqual([{kind: 'web seed', action: 'remove', url: C}])
    expect(editWebSeeds([A, B], {clearWebSeeds: true, addWebSeeds: [C]}, [])).toEqual([C])
  })
})
