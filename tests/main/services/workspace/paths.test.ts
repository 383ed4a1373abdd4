import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { resolveWorkspaceDir } from '../../../../src/main/services/workspace'

const home = '/home/ada'

describe('resolveWorkspaceDir', () => {
  it('takes --workspace first, resolved to an absolute path', () => {
    const env = { EQUIMODAL_WORKSPACE: '/from/env' }
    expect(resolveWorkspaceDir({ flag: '/from/flag', env, platform: 'linux', home })).toBe('/from/flag')
    expect(resolveWorkspaceDir({ flag: 'rel/ws', env, platform: 'linux', home })).toBe(path.resolve('rel/ws'))
    expect(resolveWorkspaceDir({ flag: '~/ws', env, platform: 'linux', home })).toBe(path.join(home, 'ws'))
  })

  it('takes EQUIMODAL_WORKSPACE when there is no flag (or an empty one)', () => {
    const env = { EQUIMODAL_WORKSPACE: '/from/env', XDG_DATA_HOME: '/xdg' }
    expect(resolveWorkspaceDir({ env, platform: 'linux', home })).toBe('/from/env')
    expect(resolveWorkspaceDir({ flag: '', env, platform: 'linux', home })).toBe('/from/env')
    expect(resolveWorkspaceDir({ env: { EQUIMODAL_WORKSPACE: '~' }, platform: 'linux', home })).toBe(home)
  })

  it('ignores an empty EQUIMODAL_WORKSPACE', () => {
    expect(resolveWorkspaceDir({ env: { EQUIMODAL_WORKSPACE: '  ' }, platform: 'linux', home })).toBe('/home/ada/.local/share/equimodal')
  })

  it('Linux: $XDG_DATA_HOME/equimodal, else ~/.local/share/equimodal (a relative XDG_DATA_HOME is ignored)', () => {
    expect(resolveWorkspaceDir({ env: { XDG_DATA_HOME: '/data' }, platform: 'linux', home })).toBe('/data/equimodal')
    expect(resolveWorkspaceDir({ env: {}, platform: 'linux', home })).toBe('/home/ada/.local/share/equimodal')
    expect(resolveWorkspaceDir({ env: { XDG_DATA_HOME: 'relative' }, platform: 'linux', home })).toBe('/home/ada/.local/share/equimodal')
    expect(resolveWorkspaceDir({ env: {}, platform: 'freebsd', home })).toBe('/home/ada/.local/share/equimodal')
  })

  it('macOS: ~/Library/Application Support/Equimodal', () => {
    expect(resolveWorkspaceDir({ env: { XDG_DATA_HOME: '/ignored' }, platform: 'darwin', home: '/Users/ada' })).toBe(
      '/Users/ada/Library/Application Support/Equimodal',
    )
  })

  it('Windows: %APPDATA%\\Equimodal, else <home>\\AppData\\Roaming\\Equimodal', () => {
    const winHome = 'C:\\Users\\Ada'
    expect(resolveWorkspaceDir({ env: { APPDATA: 'C:\\Users\\Ada\\AppData\\Roaming' }, platform: 'win32', home: winHome })).toBe(
      'C:\\Users\\Ada\\AppData\\Roaming\\Equimodal',
    )
    expect(resolveWorkspaceDir({ env: {}, platform: 'win32', home: winHome })).toBe('C:\\Users\\Ada\\AppData\\Roaming\\Equimodal')
  })

  it('defaults to the real process environment', () => {
    expect(path.isAbsolute(resolveWorkspaceDir())).toBe(true)
  })
})
