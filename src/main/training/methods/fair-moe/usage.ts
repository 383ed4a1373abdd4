/**
 * Expert usage per sensitive group, accumulated over an epoch's training steps (for the "expert
 * usage by group" chart). Metric names:
 *   usage.<attribute>.<group>.<e>         mean routed weight ŵ of token expert e over the group's tokens
 *   featureUsage.<attribute>.<group>.<g>  mean feature-gate weight of feature expert g over the group's samples
 *   kept.<e>                              share of all tokens routed to expert e (after top-k and capacity)
 * Rows whose group is unknown (−1) count in `kept` only.
 */
import type { MoeGates } from './head'

interface Acc {
  sum: number[][]
  count: number[]
}

export class UsageLog {
  private token: Acc[] = []
  private feature: Acc[] = []
  private kept: number[] = []
  private tokens = 0

  constructor(
    private readonly attributes: readonly { name: string; groups: string[] }[],
    private readonly experts: number,
    private readonly featureExperts: number,
  ) {
    this.reset()
  }

  reset(): void {
    const acc = (E: number) => this.attributes.map((a) => ({ sum: a.groups.map(() => new Array<number>(E).fill(0)), count: a.groups.map(() => 0) }))
    this.token = acc(this.experts)
    this.feature = acc(this.featureExperts)
    this.kept = new Array<number>(this.experts).fill(0)
    this.tokens = 0
  }

  /** Adds one training step's gates (token rows token-major: row t·b + i is sample i). */
  record(gates: MoeGates, groups: readonly Int32Array[]): void {
    const { tokens: T, samples: b } = gates
    if (gates.tokenGate && gates.tokenMask) {
      const E = this.experts
      const w = gates.tokenGate.dataSync()
      const mask = gates.tokenMask
      for (let r = 0; r < T * b; r++) {
        this.tokens++
        for (let e = 0; e < E; e++) if (mask[r * E + e]! > 0) this.kept[e]!++
        groups.forEach((codes, a) => {
          const g = codes[r % b]!
          if (g < 0) return
          const acc = this.token[a]!
          acc.count[g]!++
          for (let e = 0; e < E; e++) acc.sum[g]![e]! += w[r * E + e]! * mask[r * E + e]!
        })
      }
    }
    if (gates.featureGate) {
      const G = this.featureExperts
      const w = gates.featureGate.dataSync()
      groups.forEach((codes, a) => {
        const acc = this.feature[a]!
        for (let i = 0; i < b; i++) {
          const g = codes[i]!
          if (g < 0) continue
          acc.count[g]!++
          for (let e = 0; e < G; e++) acc.sum[g]![e]! += w[i * G + e]!
        }
      })
    }
  }

  metrics(): Record<string, number> {
    const out: Record<string, number> = {}
    const emit = (prefix: string, accs: Acc[], E: number): void =>
      this.attributes.forEach((a, k) =>
        a.groups.forEach((g, j) => {
          const n = accs[k]!.count[j]!
          for (let e = 0; e < E; e++) out[`${prefix}.${a.name}.${g}.${e}`] = n > 0 ? accs[k]!.sum[j]![e]! / n : 0
        }),
      )
    if (this.tokens > 0) {
      emit('usage', this.token, this.experts)
      this.kept.forEach((c, e) => (out[`kept.${e}`] = c / this.tokens))
    }
    if (this.feature.some((acc) => acc.count.some((n) => n > 0))) emit('featureUsage', this.feature, this.featureExperts)
    return out
  }
}
