/** SchemaForm renders a method's options from its zod-4 JSON schema and emits only valid, typed values. */
import { mount } from '@vue/test-utils'
import { describe, expect, it } from 'vitest'
import { focalEntry } from '../helpers/fixtures'
import SchemaForm from '@renderer/components/forms/SchemaForm.vue'

/** Like `z.toJSONSchema(z.object({...}), { io: 'input' })` of a method with every supported field kind. */
const schema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  type: 'object',
  properties: {
    power: { default: 1, description: 'Exponent on N/(C·n_c)', type: 'number', minimum: 0, maximum: 4 },
    warmup: { default: 5, type: 'integer', minimum: 0, maximum: 9007199254740991 },
    rate: { default: 0.1, type: 'number', exclusiveMinimum: 0 },
    normalize: { default: 'none', type: 'string', enum: ['none', 'samples', 'classes'] },
    perModality: { default: false, type: 'boolean', description: 'One coefficient per modality' },
    classWeights: { description: 'Explicit per-class weights', type: 'array', items: { type: 'number', minimum: 0 } },
  },
}

type Emitted = Record<string, unknown>[]
const emitted = (w: ReturnType<typeof mount>): Emitted => (w.emitted('update:modelValue') ?? []).map((e) => (e as [Emitted[number]])[0])

describe('SchemaForm', () => {
  it('renders one input per property with defaults, bounds and help text', () => {
    const w = mount(SchemaForm, { props: { schema, modelValue: {} } })
    const power = w.get('[data-testid="option-power"]')
    expect(power.attributes('type')).toBe('number')
    expect((power.element as HTMLInputElement).value).toBe('1')
    expect(power.attributes('min')).toBe('0')
    expect(power.attributes('max')).toBe('4')
    expect(w.get('[data-testid="option-warmup"]').attributes('step')).toBe('1')
    // zod's safe-integer bound of .int() is not shown as a limit.
    expect(w.get('[data-testid="option-warmup"]').attributes('max')).toBeUndefined()
    const normalize = w.get('[data-testid="option-normalize"]')
    expect(normalize.element.tagName).toBe('SELECT')
    expect(normalize.findAll('option').map((o) => o.text())).toEqual(['none', 'samples', 'classes'])
    expect((normalize.element as HTMLSelectElement).value).toBe('none')
    expect((w.get('[data-testid="option-perModality"]').element as HTMLInputElement).checked).toBe(false)
    expect((w.get('[data-testid="option-classWeights"]').element as HTMLInputElement).value).toBe('')
    expect(w.text()).toContain('Exponent on N/(C·n_c)')
    expect(w.text()).toContain('Per modality')
    expect(w.text()).toContain('Class weights')
  })

  it('shows the current values over the defaults', () => {
    const w = mount(SchemaForm, { props: { schema, modelValue: { power: 0.5, classWeights: [1, 2.5], perModality: true } } })
    expect((w.get('[data-testid="option-power"]').element as HTMLInputElement).value).toBe('0.5')
    expect((w.get('[data-testid="option-classWeights"]').element as HTMLInputElement).value).toBe('1, 2.5')
    expect((w.get('[data-testid="option-perModality"]').element as HTMLInputElement).checked).toBe(true)
  })

  it('emits typed values: numbers, integers, enums, booleans and number lists', async () => {
    const w = mount(SchemaForm, { props: { schema, modelValue: { power: 1 } } })
    await w.get('[data-testid="option-power"]').setValue('2.5')
    await w.get('[data-testid="option-warmup"]').setValue('7')
    await w.get('[data-testid="option-normalize"]').setValue('classes')
    await w.get('[data-testid="option-perModality"]').setValue(true)
    await w.get('[data-testid="option-classWeights"]').setValue('1, 2,3.5')
    const out = emitted(w)
    expect(out[0]).toEqual({ power: 2.5 })
    expect(out[1]).toEqual({ power: 1, warmup: 7 })
    expect(out[2]).toEqual({ power: 1, normalize: 'classes' })
    expect(out[3]).toEqual({ power: 1, perModality: true })
    expect(out[4]).toEqual({ power: 1, classWeights: [1, 2, 3.5] })
    expect(typeof out[0]!.power).toBe('number')
  })

  it('refuses values outside min/max, non-integers and bad lists, and says why', async () => {
    const w = mount(SchemaForm, { props: { schema, modelValue: {} } })
    await w.get('[data-testid="option-power"]').setValue('5')
    expect(w.get('[data-testid="option-power-error"]').text()).toContain('must be ≤ 4')
    expect(w.get('[data-testid="option-power"]').classes()).toContain('invalid')
    await w.get('[data-testid="option-warmup"]').setValue('1.5')
    expect(w.get('[data-testid="option-warmup-error"]').text()).toContain('whole number')
    await w.get('[data-testid="option-rate"]').setValue('0')
    expect(w.get('[data-testid="option-rate-error"]').text()).toContain('must be > 0')
    await w.get('[data-testid="option-classWeights"]').setValue('1, -2')
    expect(w.get('[data-testid="option-classWeights-error"]').text()).toContain('item 2 must be ≥ 0')
    expect(emitted(w)).toEqual([])
    expect(w.emitted('validity')?.at(-1)).toEqual([false])

    await w.get('[data-testid="option-power"]').setValue('3')
    expect(w.find('[data-testid="option-power-error"]').exists()).toBe(false)
    expect(emitted(w)).toEqual([{ power: 3 }])
  })

  it('drops an optional value without default when emptied', async () => {
    const w = mount(SchemaForm, { props: { schema, modelValue: { classWeights: [1, 2] } } })
    await w.get('[data-testid="option-classWeights"]').setValue('')
    expect(emitted(w)).toEqual([{}])
  })

  it('renders an enum-or-list union (focal loss α) as a choice with a custom list', async () => {
    const w = mount(SchemaForm, { props: { schema: focalEntry.options, modelValue: { gamma: 2, alpha: 'none' } } })
    const alpha = w.get('[data-testid="option-alpha"]')
    expect(alpha.findAll('option').map((o) => o.text())).toEqual(['none', 'balanced', 'list of numbers…'])
    await alpha.setValue('balanced')
    expect(emitted(w).at(-1)).toEqual({ gamma: 2, alpha: 'balanced' })
    await alpha.setValue((alpha.findAll('option')[2]!.element as HTMLOptionElement).value)
    await w.get('[data-testid="option-alpha-value"]').setValue('0.25, 0.75')
    expect(emitted(w).at(-1)).toEqual({ gamma: 2, alpha: [0.25, 0.75] })
  })

  it('renders nothing but a note for a schema without properties', () => {
    const w = mount(SchemaForm, { props: { schema: { type: 'object', properties: {} }, modelValue: {} } })
    expect(w.text()).toContain('No options')
    expect(w.findAll('input')).toHaveLength(0)
  })
})
