/** Exit codes of the `equimodal` command. */
import type { ErrorCode } from '../../shared/result'

export const EXIT = {
  ok: 0,
  internal: 1,
  usage: 2,
  invalidInput: 3,
  notFound: 4,
  workspaceBusy: 5,
  jobsFailed: 6,
  interrupted: 130,
} as const

export function exitCodeFor(code: ErrorCode): number {
  switch (code) {
    case 'VALIDATION':
    case 'BAD_INPUT':
    case 'CONFLICT':
      return EXIT.invalidInput
    case 'NOT_FOUND':
      return EXIT.notFound
    case 'WORKSPACE_BUSY':
      return EXIT.workspaceBusy
    case 'CANCELLED':
      return EXIT.interrupted
    case 'TRAINING_FAILED':
      return EXIT.jobsFailed
    case 'INTERNAL':
      return EXIT.internal
  }
}
