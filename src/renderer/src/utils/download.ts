/** Saves text as a file through a Blob link (no network, works in Electron and the browser). */
export function downloadText(fileName: string, text: string, type = 'application/json'): void {
  const url = URL.createObjectURL(new Blob([text], { type }))
  const a = document.createElement('a')
  a.href = url
  a.download = fileName
  a.style.display = 'none'
  document.body.appendChild(a)
  a.click()
  a.remove()
  setTimeout(() => URL.revokeObjectURL(url), 1000)
}

/** A file name from free text: "My exp 1" → "My-exp-1". */
export function safeFileName(name: string, fallback = 'experiment'): string {
  const s = name.trim().replace(/[^\w.+-]+/g, '-').replace(/^-+|-+$/g, '')
  return s || fallback
}
