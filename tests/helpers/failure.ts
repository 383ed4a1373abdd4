/** Catches the `AppFailure` a call must throw (sync or async), failing the test when it does not. */
import { AppFailure } from '../../src/shared/result'

export function failure(fn: () => unknown): AppFailure {
  try {
    fn()
  } catch (e) {
    if (e instanceof AppFailure) return e
    throw e
  }
  throw new Error('expected an AppFailure')
}

export async function asyncFailure(p: Promise<unknown>): Promise<AppFailure> {
  try {
    await p
  } catch (e) {
    if (e instanceof AppFailure) return e
    throw e
  }
  throw new Error('expected an AppFailure')
}
