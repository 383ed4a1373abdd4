/** Renderer test setup: charts are created at mount (no page to keep responsive; tests read the SVG right away). */
import { setChartScheduling } from '@renderer/components/charts/chart-scheduler'

setChartScheduling('sync')
