/** MultiFair's one options schema for both levels and both modes (methods.md §3.4, §3.6). */
import { z } from 'zod'

export const multifairOptions = z.object({
  mode: z
    .enum(['code-faithful', 'paper-intent'])
    .default('code-faithful')
    .describe('code-faithful: the released code (direction term and fairness loss have no gradient); paper-intent: differentiable terms, K groups, any M'),
  modalityLevel: z.boolean().default(true).describe('Modality level: encoder gradients × ρ·coeff_m, direction term λ_gm·L_gm'),
  groupLevel: z.boolean().default(true).describe('Group level: encoder gradients × F_m on priority steps, fairness term'),
  rho: z.number().positive().max(10).default(1.2).describe('ρ, gradient scale of the modality level (reference main(): 1.2)'),
  lambdaGm: z.number().min(0).max(100).default(0.15).describe('λ_gm, weight of the direction term L_gm (reference: 0.15)'),
  deltaSmoothing: z.number().min(0).max(0.99).default(0).describe('paper-intent only: EMA factor on the AUC changes Δ_m (0 = raw batch-to-batch change, as the reference)'),
  attribute: z.string().default('').describe('Sensitive attribute of the group level (empty = the first attribute)'),
  tau: z.number().positive().max(1).default(0.04).describe('τ, fused group-AUC gap above which a step has fairness priority (FairVision: 0.04, FairCLIP data: 0.07)'),
  beta: z.number().min(0).max(10).default(0.3).describe('β, fairness modulation of F_m (FairVision: 0.3, FairCLIP data: 0.5)'),
  fairnessCoeff: z.number().min(0).max(100).default(0.5).describe('Weight of the fairness term (reference: 0.5)'),
  emaDecay: z.number().min(0).max(0.999).default(0.9).describe('EMA decay of the surrogate group AUCs E_{m,g} (reference: 0.9)'),
  groupPenalty: z
    .enum(['priority', 'always'])
    .default('priority')
    .describe('paper-intent only: apply the differentiable group-gap penalty on priority steps (as the reference gates its term) or on every step'),
  clipNorm: z.number().min(0).default(0.8).describe('Global gradient-norm clip after modulation (reference: 0.8; 0 = off)'),
})

export type MultiFairOptions = z.output<typeof multifairOptions>
