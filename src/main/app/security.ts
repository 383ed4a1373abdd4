/** Renderer hardening: CSP header, denied permissions, navigation, window.open and <webview>. */
import { app, session, type Session, type WebContents } from 'electron'
import { CONTENT_SECURITY_POLICY } from './csp'

export { CONTENT_SECURITY_POLICY }

/** Adds the CSP header to the app's own responses and refuses every permission request. */
export function secureSession(ses: Session, isAppUrl: (url: string) => boolean): void {
  ses.webRequest.onHeadersReceived((details, callback) => {
    if (!isAppUrl(details.url)) {
      callback({})
      return
    }
    const headers = Object.fromEntries(
      Object.entries(details.responseHeaders ?? {}).filter(([name]) => name.toLowerCase() !== 'content-security-policy'),
    )
    callback({ responseHeaders: { ...headers, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] } })
  })
  ses.setPermissionRequestHandler((_contents, _permission, callback) => callback(false))
  ses.setPermissionCheckHandler(() => false)
}

/** No page may navigate away, open windows or embed <webview>: everything happens inside the one app page. */
export function hardenWebContents(contents: WebContents): void {
  contents.on('will-navigate', (event) => event.preventDefault())
  contents.on('will-attach-webview', (event) => event.preventDefault())
  contents.setWindowOpenHandler(() => ({ action: 'deny' }))
}

/** Call once before the first window: sandbox everywhere, secure default session, harden every web contents. */
export function installSecurity(isAppUrl: (url: string) => boolean): void {
  app.enableSandbox()
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents))
  void app.whenReady().then(() => secureSession(session.defaultSession, isAppUrl))
}
