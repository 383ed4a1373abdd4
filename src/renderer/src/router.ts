/** A tiny hash router (no extra package): `#/datasets`, `#/datasets/<id>`, `#/experiment`, `#/runs[/<runId>]`, `#/compare[/<runId>]`. */
import { readonly, ref } from 'vue'

export type Route =
  | { name: 'datasets' }
  | { name: 'dataset'; id: string }
  | { name: 'experiment' }
  | { name: 'runs'; runId?: string }
  | { name: 'compare'; runId?: string }

export type Section = 'datasets' | 'experiment' | 'runs' | 'compare'

export function parseHash(hash: string): Route {
  const parts = hash.replace(/^#\/?/, '').split('/').filter(Boolean).map(decodeURIComponent)
  const [head, arg] = parts
  switch (head) {
    case 'datasets':
      return arg ? { name: 'dataset', id: arg } : { name: 'datasets' }
    case 'experiment':
      return { name: 'experiment' }
    case 'runs':
      return arg ? { name: 'runs', runId: arg } : { name: 'runs' }
    case 'compare':
      return arg ? { name: 'compare', runId: arg } : { name: 'compare' }
    default:
      return { name: 'datasets' }
  }
}

export function routeHref(route: Route): string {
  switch (route.name) {
    case 'dataset':
      return `#/datasets/${encodeURIComponent(route.id)}`
    case 'runs':
    case 'compare':
      return route.runId ? `#/${route.name}/${encodeURIComponent(route.runId)}` : `#/${route.name}`
    default:
      return `#/${route.name}`
  }
}

/** The nav section a route belongs to. */
export const sectionOf = (route: Route): Section => (route.name === 'dataset' ? 'datasets' : route.name)

const current = ref<Route>(typeof location === 'undefined' ? { name: 'datasets' } : parseHash(location.hash))
let listening = false

function listen(): void {
  if (listening || typeof window === 'undefined') return
  listening = true
  window.addEventListener('hashchange', () => {
    current.value = parseHash(location.hash)
  })
}

/** Navigates (updates the hash, which keeps the page's `?token=` query untouched). */
export function go(route: Route): void {
  current.value = route
  const href = routeHref(route)
  if (typeof location !== 'undefined' && location.hash !== href) location.hash = href
}

export function useRouter(): { route: Readonly<typeof current>; go: typeof go } {
  listen()
  return { route: readonly(current) as Readonly<typeof current>, go }
}
