/** The renderer's Content-Security-Policy (Electron header, index.html meta tag, server mode), Electron-free so plain Node can import it. */

/** Same policy as the <meta> tag in src/renderer/index.html; ws://127.0.0.1 is for server mode. */
export const CSP_DIRECTIVES = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self' ws://127.0.0.1:*",
] as const

export const CONTENT_SECURITY_POLICY = CSP_DIRECTIVES.join('; ')
