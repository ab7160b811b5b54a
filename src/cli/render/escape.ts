const controlCharacter = /[\u0000-\u001F\u007F-\u009F]/
const controlCharacters = /[\u0000-\u001F\u007F-\u009F]/g

/** Makes a value safe for one line of text output: control characters become visible escapes. */
export function escapeControl(text: string): string {
  // Most values have none: a test is far cheaper than a replace with a callback (`info` escapes every path of a torrent).
  if (!controlCharacter.test(text)) return text
  return text.replace(controlCharacters, (char) => {
    if (char === '\t') return '\\t'
    if (char === '\n') return '\\n'
    if (char === '\r') return '\\r'
    return `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`
  })
}
