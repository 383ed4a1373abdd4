/** Transport over the preload bridge (`window.equimodal`) of the desktop app. */
import type { EquimodalBridge } from '@shared/ipc/bridge'
import type { EventChannel, InvokeChannel } from '@shared/ipc/contract'
import type { Result } from '@shared/result'
import { ApiError } from './api-error'
import type { Transport } from './transport'

export function createBridgeTransport(bridge: EquimodalBridge): Transport {
  return {
    kind: 'electron',
    async invoke(channel, input): Promise<Result<unknown>> {
      try {
        // Reactive proxies cannot cross the structured clone of IPC: send plain JSON data.
        const plain: unknown = input === undefined ? {} : JSON.parse(JSON.stringify(input))
        return await bridge.invoke(channel as InvokeChannel, plain as never)
      } catch (e) {
        throw ApiError.from(e, channel)
      }
    },
    on: (event, listener) => bridge.on(event as EventChannel, listener as never),
    onState(listener) {
      listener('open')
      return () => {}
    },
  }
}
