/** ESLint rule: a file in src/main/training/methods/<id>/ imports nothing else under methods/ (shared math belongs in engine/). */
import path from 'node:path'

/**
 * @param {string} methodsDir absolute path of src/main/training/methods
 * @returns {import('eslint').Rule.RuleModule}
 */
export function createNoCrossMethodImports(methodsDir) {
  return {
    meta: {
      type: 'problem',
      docs: { description: 'Training methods never import another method folder or the method registry.' },
      schema: [],
      messages: { crossMethod: 'Method "{{own}}" must not import "{{source}}" (another method or the registry); move shared code to engine/.' },
    },
    create(context) {
      const relativeFile = path.relative(methodsDir, context.physicalFilename)
      const segments = relativeFile.split(path.sep)
      // Only files inside a method folder (methods/<id>/...), not methods/index.ts itself.
      if (relativeFile.startsWith('..') || path.isAbsolute(relativeFile) || segments.length < 2) return {}
      const own = segments[0]
      const ownDir = path.join(methodsDir, /** @type {string} */ (own))

      /** @param {import('estree').Node & { source?: unknown }} node */
      function check(node) {
        const source = /** @type {{ value?: unknown } | null | undefined} */ (node.source)
        if (!source || typeof source.value !== 'string' || !source.value.startsWith('.')) return
        const target = path.resolve(path.dirname(context.physicalFilename), source.value)
        const fromMethods = path.relative(methodsDir, target)
        const insideMethods = !fromMethods.startsWith('..') && !path.isAbsolute(fromMethods)
        const fromOwn = path.relative(ownDir, target)
        const insideOwn = !fromOwn.startsWith('..') && !path.isAbsolute(fromOwn)
        if (insideMethods && !insideOwn) context.report({ node, messageId: 'crossMethod', data: { own: String(own), source: source.value } })
      }

      return { ImportDeclaration: check, ExportNamedDeclaration: check, ExportAllDeclaration: check, ImportExpression: check }
    },
  }
}
