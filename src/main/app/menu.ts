/** The minimal application menu (standard roles; reload and devtools only in development). */
import { Menu, type MenuItemConstructorOptions } from 'electron'

export function buildAppMenu({ dev }: { dev: boolean }): Menu {
  const isMac = process.platform === 'darwin'
  const devItems: MenuItemConstructorOptions[] = dev ? [{ role: 'reload' }, { role: 'toggleDevTools' }, { type: 'separator' }] : []
  const template: MenuItemConstructorOptions[] = [
    ...(isMac ? [{ role: 'appMenu' } as const] : []),
    { role: 'fileMenu' },
    { role: 'editMenu' },
    {
      label: 'View',
      submenu: [...devItems, { role: 'resetZoom' }, { role: 'zoomIn' }, { role: 'zoomOut' }, { type: 'separator' }, { role: 'togglefullscreen' }],
    },
    { role: 'windowMenu' },
  ]
  return Menu.buildFromTemplate(template)
}
