// Recomputes the main-arm tables of docs/results/class-imbalance.md from exported job results.
// Usage: node scripts/climd-seed-tables.mjs [--arms a,b,...] <minority-class> <metrics_wide.csv>...
// (--arms: the arms to tabulate, baseline first; default the six main arms)
// (each CSV from `npx equimodal export <run-id> --out <dir>`). Jobs of all files are pooled,
// deduplicated by (arm, seed, fold); only (seed, fold) cells in which every arm finished are kept,
// so every arm has the same jobs and the paired counts compare the same test folds.
// Numbers: mean ± sample std (n − 1) over jobs, in percent; paired = jobs where the arm's value
// is strictly above the baseline's on the same seed and fold.
import { readFileSync } from 'node:fs';

const argv = process.argv.slice(2);
const armsAt = argv.indexOf('--arms');
const ARMS = armsAt >= 0 ? argv.splice(armsAt, 2)[1].split(',') : ['baseline', 'undersampling', 'smote', 'weighted-ce', 'focal-loss', 'climd'];
const LABEL = new Proxy({ baseline: 'baseline', undersampling: 'undersampling', smote: 'SMOTE',
  'weighted-ce': 'weighted CE', 'focal-loss': 'focal loss', climd: '**CLIMD**' }, { get: (t, k) => t[k] ?? k });

function parseCsv(text) {
  const rows = [];
  let row = [], field = '', quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { field += '"'; i++; }
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { row.push(field); field = ''; }
    else if (c === '\n') { row.push(field); rows.push(row); row = []; field = ''; }
    else if (c !== '\r') field += c;
  }
  if (field !== '' || row.length > 0) { row.push(field); rows.push(row); }
  const [header, ...body] = rows;
  return body.map((r) => Object.fromEntries(header.map((h, j) => [h, r[j] ?? ''])));
}

const [minority, ...files] = argv;
if (!minority || files.length === 0) {
  console.error('usage: node scripts/climd-seed-tables.mjs <minority-class> <metrics_wide.csv>...');
  process.exit(2);
}
const jobs = new Map();
for (const file of files) {
  for (const r of parseCsv(readFileSync(file, 'utf8'))) {
    if (r.status !== 'done' || !ARMS.includes(r.arm)) continue;
    jobs.set(`${r.arm}|${r.seed}|${r.fold}`, r);
  }
}
const cells = [...new Set([...jobs.values()].map((r) => `${r.seed}|${r.fold}`))]
  .filter((cell) => ARMS.every((a) => jobs.has(`${a}|${cell}`)))
  .sort();
const recallCols = Object.keys([...jobs.values()][0]).filter((k) => k.startsWith('recall['));
const majority = recallCols.map((k) => k.slice(7, -1)).find((c) => c !== minority);
const seeds = [...new Set(cells.map((c) => c.split('|')[0]))].sort((a, b) => a - b);

const mean = (xs) => xs.reduce((s, x) => s + x, 0) / xs.length;
const sd = (xs) => { const m = mean(xs); return Math.sqrt(xs.reduce((s, x) => s + (x - m) ** 2, 0) / (xs.length - 1)); };
const fmt = (xs) => `${(100 * mean(xs)).toFixed(1)} ± ${(100 * sd(xs)).toFixed(1)}`;
const col = (arm, key) => cells.map((c) => Number(jobs.get(`${arm}|${c}`)[key]));
const beats = (arm, key) => {
  const a = col(arm, key), b = col('baseline', key);
  return `${a.filter((x, i) => x > b[i]).length}/${a.length}`;
};

console.log(`seeds ${seeds.join(', ')}; ${cells.length} (seed, fold) cells complete for all arms`);
console.log(`| arm | jobs | ACC | bACC | wF1 | mF1 | AUC | recall ${majority} | recall ${minority} | mF1 > baseline (paired) | ${minority} recall > baseline |`);
console.log('|---|---|---|---|---|---|---|---|---|---|---|');
for (const arm of ARMS) {
  const metrics = ['accuracy', 'balanced_accuracy', 'weighted_f1', 'macro_f1', 'auc',
    `recall[${majority}]`, `recall[${minority}]`].map((k) => fmt(col(arm, k)));
  const paired = arm === 'baseline' ? ['—', '—'] : [beats(arm, 'macro_f1'), beats(arm, `recall[${minority}]`)];
  console.log(`| ${LABEL[arm]} | ${cells.length} | ${metrics.join(' | ')} | ${paired.join(' | ')} |`);
}
const ep = ARMS.map((a) => { const e = col(a, 'epochs'); return `${LABEL[a].replace(/\*/g, '')} ${mean(e).toFixed(0)} (${Math.min(...e)}–${Math.max(...e)})`; });
console.log(`Epochs trained (mean, range): ${ep.join(', ')}`);
