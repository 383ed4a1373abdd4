/** Registers every service channel of the contract on Electron IPC (the app's side of `callService`). */
import type { z } from 'zod'
import { invoke, type InvokeChannel, type InvokeInput, type InvokeParsedInput } from '../../../shared/ipc/contract'
import { invokeChannels } from '../../../shared/ipc/channels'
import { callServiceOrThrow, type ServiceContext } from '../../services/service-api'
import { registerHandler } from '../register'

export function registerServiceHandlers(ctx: ServiceContext): void {
  for (const channel of invokeChannels) {
    if (channel === 'app:info') continue
    registerChannel(channel, ctx)
  }
}

function registerChannel<C extends InvokeChannel>(channel: C, ctx: ServiceContext): void {
  const schema = invoke[channel].input as unknown as z.ZodType<InvokeParsedInput<C>>
  registerHandler(channel, schema, (input) => callServiceOrThrow(channel, input as InvokeInput<C>, ctx))
}
