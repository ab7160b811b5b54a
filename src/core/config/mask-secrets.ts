/**
 * Values shorter than this are not masked: too short to be a secret, and replacing every `1` or
 * `on` in the output would garble it (docs/config.md).
 */
export const MIN_SECRET_LENGTH = 4

/**
 * Replaces every occurrence of a secret in `text` with `***`: as it is, as JSON escapes it and as a
 * URL encodes it, so neither a message, a summary nor `--json` output shows an expanded `${VAR}`.
 */
export function maskSecrets(text: string, secrets: Iterable<string>): string {
  const forms = new Set<string>()
  for (const secret of secrets) {
    if (secret.length < MIN_SECRET_LENGTH) continue
    forms.add(secret)
    forms.add(JSON.stringify(secret).slice(1, -1))
    forms.add(encodeURIComponent(secret))
    forms.add(encodeURI(secret))
  }
  // Longest first, so a secret containing another is masked whole.
  let masked = text
  for (const form of [...forms].sort((a, b) => b.length - a.length)) masked = masked.replaceAll(form, '***')
  return masked
}
