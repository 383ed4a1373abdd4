/** `app:info`: version, compute backend and workspace, as reported to the renderer's status line. */
import { invoke, type AppInfo } from '../../../shared/ipc/contract'
import { registerHandler } from '../register'

export function registerAppHandlers(readInfo: () => AppInfo | Promise<AppInfo>): void {
  registerHandler('app:info', invoke['app:info'].input, () => readInfo())
}
