/**
 * What `edit` can change. Fields left undefined are kept; `null` removes a field. Tracker and web
 * seed edits apply in a fixed order: clear, replace, remove, then add.
 */
export interface TorrentEdits {
  clearTrackers?: boolean
  /** `from`, in whichever tier it is, becomes `to`; if `to` is already there, `from` is just removed. */
  replaceTrackers?: Array<[from: string, to: string]>
  /** Every occurrence, in any tier; tiers left empty disappear. */
  removeTrackers?: string[]
  /** Tiers to append (BEP 12); URLs the torrent already has are skipped. */
  addTrackers?: string[][]
  clearWebSeeds?: boolean
  removeWebSeeds?: string[]
  /** BEP 19 web seeds to append; URLs the torrent already has are skipped. */
  addWebSeeds?: string[]
  comment?: string | null
  createdBy?: string | null
  /** Unix seconds. */
  creationDate?: number | null
  /** Inside `info` (BEP 27): changing it changes the info-hash. */
  private?: boolean
  /** Inside `info`: changing it changes the info-hash. */
  source?: string | null
}

/** A removal or replacement that found nothing to act on, so the user can be told. */
export interface UnmatchedEdit {
  kind: 'tracker' | 'web seed'
  action: 'remove' | 'replace'
  url: string
}

/** Applies the tracker edits to BEP 12 tiers, returning new tiers (the input is not modified). */
export function editTiers(tiers: string[][], edits: TorrentEdits, unmatched: UnmatchedEdit[]): string[][] {
  let result = edits.clearTrackers ? [] : tiers.map((tier) => [...tier])
  for (const [from, to] of edits.replaceTrackers ?? []) {
    if (!result.some((tier) => tier.includes(from))) {
      unmatched.push({kind: 'tracker', action: 'replace', url: from})
      continue
    }
    if (from === to) continue
    // The first `from` becomes `to`, unless `to` is already there; other copies of `from` go.
    let placed = result.some((tier) => tier.includes(to))
    result = result.map((tier) =>
      tier.flatMap((url) => {
        if (url !== from) return [url]
        if (placed) return []
        placed = true
        return [to]
      }),
    )
  }
  for (const url of edits.removeTrackers ?? []) {
    if (!result.some((tier) => tier.includes(url))) unmatched.push({kind: 'tracker', action: 'remove', url})
    result = result.map((tier) => tier.filter((entry) => entry !== url))
  }
  for (const tier of edits.addTrackers ?? []) {
    const known = new Set(result.flat())
    result.push([...new Set(tier)].filter((url) => !known.has(url)))
  }
  return result.filter((tier) => tier.length > 0)
}

/** Applies the web seed edits to a BEP 19 url-list, returning a new list. */
export function editWebSeeds(seeds: string[], edits: TorrentEdits, unmatched: UnmatchedEdit[]): string[] {
  let result = edits.clearWebSeeds ? [] : [...seeds]
  for (const url of edits.removeWebSeeds ?? []) {
    if (!result.includes(url)) unmatched.push({kind: 'web seed', action: 'remove', url})
    result = result.filter((entry) => entry !== url)
  }
  for (const url of edits.addWebSeeds ?? []) if (!result.includes(url)) result.push(url)
  return result
}
