/** `registerHandler(channel, schema, handler)`: the only way main answers an invoke channel of the contract. */
import { ipcMain } from 'electron'
import type { z } from 'zod'
import type { InvokeChannel, InvokeOutput, invoke } from '../../shared/ipc/contract'
import { guardHandler, type IpcHandler, type SenderCheck } from './guard'

/** Fail closed: until `trustSenders` is called at startup, every sender is refused. */
let isTrustedSender: SenderCheck = () => false

/** Sets which frame URLs may call handlers (the app's own page); call once before the first window. */
export function trustSenders(check: SenderCheck): void {
  isTrustedSender = check
}

/** The schema must parse to the contract's input type, and the handler must produce its output type. */
export function registerHandler<C extends InvokeChannel, S extends z.ZodType<z.output<(typeof invoke)[C]['input']>>>(
  channel: C,
  schema: S,
  handler: IpcHandler<z.output<S>, InvokeOutput<C>>,
): void {
  ipcMain.handle(channel, guardHandler(channel, schema, handler, (url) => isTrustedSender(url)))
}
