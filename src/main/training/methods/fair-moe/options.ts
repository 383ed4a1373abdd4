/** Fair-MoE options: defaults from the reference code (methods.md §4.3), hard-coded sizes as parameters. */
import { z } from 'zod'
import { GroupDistanceSolver } from '../../engine/group-distance'

export const fairMoeOptions = z.object({
  attribute: z.string().default('').describe('Sensitive attribute: one feature expert per group, and the groups of the fairness loss (empty = the first attribute)'),
  tokenMoE: z.boolean().default(true).describe('Token MoE over the modality tokens (the reference: over patch/word tokens of the last block)'),
  experts: z.number().int().min(1).max(64).default(10).describe('Token experts (reference: 10)'),
  topK: z.number().int().min(1).max(64).default(3).describe('Experts kept per token (reference: 3; kept weights are not renormalised)'),
  capacityFactor: z.number().positive().max(10).default(0.8).describe('Capacity factor C in capacity = ⌊tokens·C·k/E⌋ (reference: 0.8)'),
  capacityTokens: z.number().int().min(0).default(0).describe('Token count in the capacity formula (reference hard-codes 197; 0 = the tokens actually present)'),
  gateReduction: z.number().int().min(1).max(64).default(4).describe('Gate hidden width = D / gateReduction (reference: D/4)'),
  expertRatio: z.number().positive().max(8).default(4).describe('Token expert hidden width = expertRatio · D (CLIP MLP: 4)'),
  tokenResidual: z.boolean().default(false).describe('Add each token to its MoE output (the reference\'s "−x" cancels the residual: off)'),
  featureMoE: z.boolean().default(true).describe('Feature MoE on the pooled feature, one expert per group, dense softmax gate'),
  featureExpertRatio: z.number().positive().max(8).default(1).describe('Feature expert hidden width = ratio · D'),
  lambdaMoe: z.number().min(0).max(100).default(1e-4).describe('λ_moe of the gate-variance terms (reference default 1e-4)'),
  loadTerm: z.boolean().default(true).describe('The reference\'s extra −λ_moe·mean_j Var(O[:, j]) term (not in the paper)'),
  dispersion: z
    .enum(['code', 'paper'])
    .default('code')
    .describe('code: (mean_j Var_g − mean_j Var_batch)²; paper: Σ_j (Var_batch,j − Var_g,j)²'),
  lambdaFair: z.number().min(0).max(1000).default(1e-4).describe('λ_fair of the Sinkhorn group-distance term (reference default 1e-4)'),
  blur: z.number().positive().max(10).default(1e-4).describe('Sinkhorn blur (reference default 1e-4)'),
  iterations: z.number().int().min(1).max(500).default(40).describe('Unrolled Sinkhorn iterations'),
  solver: GroupDistanceSolver.default('sinkhorn')
    .describe('Group-distance solver: sinkhorn (reference, geomloss) or exact-1d (its blur → 0 limit ½W₂² in closed form; blur/iterations unused)'),
  score: z.enum(['true-class-prob', 'true-class-logit']).default('true-class-prob').describe('Per-sample score compared by the distance term'),
  detachGroupSide: z.boolean().default(true).describe('Group sides of the loss terms are constants (the reference computes them under no_grad)'),
})

export type FairMoeOptions = z.output<typeof fairMoeOptions>
