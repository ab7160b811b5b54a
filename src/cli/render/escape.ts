/** Makes a value safe for one line of text output: control characters become visible escapes. */
export function escapeControl(text: string): string {
  return text.replace(/[\u0000-\u001F\u007F-\u009F]/gu, (char) => {
    if (char === '\t') return '\\t'
    if (char === '\n') return '\\n'
    if (char === '\r') return '\\r'
    return `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`
  })
}
