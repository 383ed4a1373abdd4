/**
 * Where the workspace folder is: `--workspace` flag, else `EQUIMODAL_WORKSPACE`, else the OS
 * app-data folder. Pure (everything it reads comes in `opts`), so every branch is testable on any OS.
 */
import os from 'node:os'
import path from 'node:path'

export interface WorkspaceDirOptions {
  /** Value of `--workspace`, if given. */
  flag?: string
  /** Environment to read `EQUIMODAL_WORKSPACE`, `XDG_DATA_HOME` and `APPDATA` from (default `process.env`). */
  env?: NodeJS.ProcessEnv
  /** OS whose app-data convention applies (default `process.platform`). */
  platform?: NodeJS.Platform
  /** Home folder (default `os.homedir()`). */
  home?: string
}

/** Folder name under the OS app-data folder: lower case where the OS convention is lower case. */
const APP_DIR = { linux: 'equimodal', other: 'Equimodal' } as const

/**
 * The workspace folder to open, as an absolute path.
 * A flag or environment value is resolved against the current folder; a leading `~` means `home`.
 * Defaults: Linux (and other Unixes) `$XDG_DATA_HOME/equimodal`, or `~/.local/share/equimodal` when
 * `XDG_DATA_HOME` is unset or not absolute (XDG spec); macOS `~/Library/Application Support/Equimodal`;
 * Windows `%APPDATA%\Equimodal`, or `~\AppData\Roaming\Equimodal` when `APPDATA` is unset.
 */
export function resolveWorkspaceDir(opts: WorkspaceDirOptions = {}): string {
  const env = opts.env ?? process.env
  const platform = opts.platform ?? process.platform
  const home = opts.home ?? os.homedir()
  const explicit = nonEmpty(opts.flag) ?? nonEmpty(env.EQUIMODAL_WORKSPACE)
  if (explicit !== undefined) return path.resolve(expandHome(explicit, home))
  return defaultWorkspaceDir(platform, env, home)
}

/** The OS app-data default, built with the path rules of `platform` (so Windows paths come out right on Linux too). */
export function defaultWorkspaceDir(platform: NodeJS.Platform, env: NodeJS.ProcessEnv, home: string): string {
  if (platform === 'win32') {
    const appData = nonEmpty(env.APPDATA) ?? path.win32.join(home, 'AppData', 'Roaming')
    return path.win32.join(appData, APP_DIR.other)
  }
  if (platform === 'darwin') return path.posix.join(home, 'Library', 'Application Support', APP_DIR.other)
  const xdg = nonEmpty(env.XDG_DATA_HOME)
  const dataHome = xdg !== undefined && path.posix.isAbsolute(xdg) ? xdg : path.posix.join(home, '.local', 'share')
  return path.posix.join(dataHome, APP_DIR.linux)
}

function nonEmpty(value: string | undefined): string | undefined {
  return value !== undefined && value.trim() !== '' ? value : undefined
}

function expandHome(p: string, home: string): string {
  if (p === '~') return home
  if (p.startsWith('~/') || p.startsWith('~\\')) return path.join(home, p.slice(2))
  return p
}
