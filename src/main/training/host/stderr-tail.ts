/** Keeps the last lines a trainer process wrote to stderr, for failure reasons. */
import type { Readable } from 'node:stream'

export function captureStderrTail(stream: Readable | null | undefined, maxChars = 4000): () => string {
  let tail = ''
  stream?.on('data', (chunk: Buffer) => {
    tail = (tail + chunk.toString('utf8')).slice(-maxChars)
  })
  return () => tail.trim().split('\n').slice(-5).join('\n')
}
