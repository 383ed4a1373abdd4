/**
 * Who may use the server: the random token, loopback binding rules, the Host/Origin checks against
 * DNS rebinding and cross-site sockets, and the page's Content-Security-Policy header.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto'
import { isIP } from 'node:net'
import type { IncomingMessage } from 'node:http'
import { CSP_DIRECTIVES } from '../app/csp'

/** 24 random bytes, base64url (32 characters). */
export const newToken = (): string => randomBytes(24).toString('base64url')

/** Constant-time comparison of a presented token with the server's. */
export function tokenMatches(presented: string | null | undefined, token: string): boolean {
  if (typeof presented !== 'string') return false
  const a = Buffer.from(presented)
  const b = Buffer.from(token)
  return a.length === b.length && timingSafeEqual(a, b)
}

/** The `token` query parameter of a request URL. */
export function tokenOf(url: URL, param: string): string | null {
  return url.searchParams.get(param)
}

const stripBrackets = (host: string): string => (host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host)

/** 127.0.0.0/8, ::1 (also as ::ffff:127.x) and `localhost`. */
export function isLoopbackHost(host: string): boolean {
  const h = stripBrackets(host.trim().toLowerCase())
  if (h === 'localhost' || h === '::1') return true
  if (h.startsWith('::ffff:')) return isLoopbackHost(h.slice('::ffff:'.length))
  return isIP(h) === 4 && h.split('.')[0] === '127'
}

/** 0.0.0.0 and :: listen on every interface. */
export const isWildcardHost = (host: string): boolean => ['0.0.0.0', '::', '[::]', ''].includes(host.trim())

/** The host to put in the printed URL: a wildcard binding is reached locally through 127.0.0.1. */
export function urlHost(host: string): string {
  if (isWildcardHost(host)) return '127.0.0.1'
  const h = stripBrackets(host)
  return isIP(h) === 6 ? `[${h}]` : h
}

/**
 * A loopback-bound server answers only requests addressed to a loopback name, so a web page that
 * re-binds its own domain to 127.0.0.1 (DNS rebinding) cannot reach it. With `allowRemote` any Host
 * is accepted (the token still guards everything).
 */
export function hostAllowed(req: IncomingMessage, allowRemote: boolean): boolean {
  if (allowRemote) return true
  const header = req.headers.host
  if (!header) return false
  try {
    return isLoopbackHost(new URL(`http://${header}`).hostname)
  } catch {
    return false
  }
}

/** A browser's socket must come from the page's own origin (non-browser clients send no Origin). */
export function originAllowed(req: IncomingMessage): boolean {
  const origin = req.headers.origin
  if (origin === undefined) return true
  try {
    const o = new URL(origin)
    return (o.protocol === 'http:' || o.protocol === 'https:') && o.host === req.headers.host
  } catch {
    return false
  }
}

/**
 * The Electron app's policy, with `connect-src` opened to the page's own WebSocket origin (the Host
 * it was requested through) and framing forbidden (this page is served over HTTP).
 */
export function contentSecurityPolicy(req: IncomingMessage, fallbackHost: string): string {
  let wsOrigin = `ws://${fallbackHost}`
  try {
    if (req.headers.host) wsOrigin = `ws://${new URL(`http://${req.headers.host}`).host}`
  } catch {
    // keep the fallback
  }
  const directives = CSP_DIRECTIVES.map((d) => (d.startsWith('connect-src ') ? `connect-src 'self' ${wsOrigin}` : d))
  return [...directives, "frame-ancestors 'none'", "base-uri 'none'", "form-action 'none'"].join('; ')
}
