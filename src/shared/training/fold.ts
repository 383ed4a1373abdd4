/**
 * The arrays of one fold as the trainer consumes them (built by `protocol/prepare.ts`, read by the
 * engine). Pure data: typed arrays, no tensors.
 */

/** One part (train, val or test) of a fold. */
export interface FoldPart {
  /** Per modality, n × d_m row-major. */
  x: Float32Array[]
  /** Class index per sample. */
  y: Int32Array
  /** Dataset row of each sample. */
  rows: Int32Array
  /**
   * Sensitive-attribute group per sample, one array per attribute of `FoldArrays.attributes`
   * (index into that attribute's `groups`; -1 = unknown). Absent when the dataset has none.
   */
  groups?: Int32Array[]
}

/** A sensitive attribute as the trainer sees it (never a feature). */
export interface FoldAttribute {
  name: string
  groups: string[]
}

/** The arrays of one fold, ready for training. */
export interface FoldArrays {
  train: FoldPart
  val: FoldPart
  test: FoldPart
  /** d_m per modality. */
  featureSizes: number[]
  numClasses: number
  classNames: string[]
  /** Sensitive attributes, aligned with every part's `groups`. */
  attributes?: FoldAttribute[]
}
