/** import-x resolver by path alone (no file system): relative specifiers and the @renderer/@shared aliases; packages are left to no-restricted-imports. */
import path from 'node:path'

/**
 * @param {string} root repository root
 * @returns {{ interfaceVersion: 3, name: string, resolve(modulePath: string, sourceFile: string): { found: boolean, path?: string | null } }}
 */
export function createPathResolver(root) {
  /** @type {Record<string, string>} */
  const aliases = { '@renderer/': path.join(root, 'src/renderer/src/'), '@shared/': path.join(root, 'src/shared/') }
  return {
    interfaceVersion: 3,
    name: 'equimodal-path-resolver',
    resolve(modulePath, sourceFile) {
      if (modulePath === '.' || modulePath === '..' || modulePath.startsWith('./') || modulePath.startsWith('../')) {
        return { found: true, path: path.resolve(path.dirname(sourceFile), modulePath) }
      }
      for (const [prefix, target] of Object.entries(aliases)) {
        if (modulePath.startsWith(prefix)) return { found: true, path: path.join(target, modulePath.slice(prefix.length)) }
      }
      return { found: false }
    },
  }
}
