/** Toast notifications: errors stay until dismissed, info and warnings fade out; repeats are counted, not stacked. */
import { acceptHMRUpdate, defineStore } from 'pinia'
import { ref } from 'vue'

export type NotificationLevel = 'info' | 'warning' | 'error'

export interface AppNotification {
  id: number
  level: NotificationLevel
  message: string
  /** Short heading, e.g. what was being done ("Import failed"). */
  title?: string
  /** Extra lines (validation issues…). */
  details?: string[]
  /** How many times the same notification arrived. */
  count: number
}

export interface NotifyInput {
  level: NotificationLevel
  message: string
  title?: string
  details?: string[]
}

/** How long info toasts stay; warnings stay twice as long; errors stay until dismissed. */
export const AUTO_DISMISS_MS = 4000
export const WARNING_DISMISS_MS = 2 * AUTO_DISMISS_MS
/** At most this many toasts at once; the oldest goes first. */
export const MAX_NOTIFICATIONS = 5

export const useNotificationsStore = defineStore('notifications', () => {
  const items = ref<AppNotification[]>([])
  let nextId = 1
  const timers = new Map<number, ReturnType<typeof setTimeout>>()

  function dismiss(id: number): void {
    items.value = items.value.filter((n) => n.id !== id)
    const t = timers.get(id)
    if (t) clearTimeout(t)
    timers.delete(id)
  }

  function schedule(n: AppNotification): void {
    if (n.level === 'error') return
    const old = timers.get(n.id)
    if (old) clearTimeout(old)
    timers.set(
      n.id,
      setTimeout(() => dismiss(n.id), n.level === 'warning' ? WARNING_DISMISS_MS : AUTO_DISMISS_MS),
    )
  }

  /** Shows a notification and returns its id. */
  function notify(input: NotifyInput): number {
    const same = items.value.find((n) => n.level === input.level && n.message === input.message && n.title === input.title)
    if (same) {
      same.count++
      schedule(same)
      return same.id
    }
    const n: AppNotification = { id: nextId++, count: 1, ...input }
    items.value.push(n)
    while (items.value.length > MAX_NOTIFICATIONS) dismiss(items.value[0]!.id)
    schedule(items.value[items.value.length - 1]!)
    return n.id
  }

  function clear(): void {
    for (const n of [...items.value]) dismiss(n.id)
  }

  return { items, notify, dismiss, clear }
})

if (import.meta.hot) import.meta.hot.accept(acceptHMRUpdate(useNotificationsStore, import.meta.hot))
