/**
 * `node --import tsx scripts/bench-group-distance.ts [--backend wasm|cpu] [--batch 256] [--repeats 3]`:
 * milliseconds per value-and-gradient of the FairCLIP-style group distance, Sinkhorn vs exact-1d
 * (src/main/bench/group-distance-bench.ts). Figures only, no assertions.
 */
import { parseArgs } from 'node:util'
import { benchGroupDistance } from '../src/main/bench/group-distance-bench'
import type { Backend } from '../src/shared/experiment'

const { values } = parseArgs({ options: { backend: { type: 'string', default: 'wasm' }, batch: { type: 'string', default: '256' }, repeats: { type: 'string', default: '3' } } })
const figures = await benchGroupDistance(values.backend as Backend, Number(values.batch), Number(values.repeats))
for (const f of figures) console.log(`${f.name}: ${f.value.toFixed(1)} ${f.unit}`)
