/** The one error funnel: any failure becomes an `ApiError` and an error notification. */
import { useNotificationsStore } from '@renderer/stores/notifications'
import { ApiError, describeLocation, mentionsLocation } from './api-error'

/**
 * Shows `error` as a notification titled `context` (what was being done) and returns it as an `ApiError`.
 * Call it from store actions only; inline messages (import wizard, config check) do not go through here.
 */
export function reportError(error: unknown, context?: string): ApiError {
  const e = ApiError.from(error)
  const where = describeLocation(e.location)
  const message = where && !mentionsLocation(e.message, e.location) ? `${e.message} (${where})` : e.message
  useNotificationsStore().notify({
    level: 'error',
    message,
    ...(context ? { title: context } : {}),
    ...(e.details && e.details.length > 1 ? { details: e.details } : {}),
  })
  if (e.code === 'INTERNAL') console.error(context ?? 'error', error)
  return e
}
