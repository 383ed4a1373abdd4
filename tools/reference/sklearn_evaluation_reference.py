"""Writes tests/main/evaluation/fixtures/sklearn-reference.json: random small cases (many tied
scores, unknown attribute values, groups with one class) and the values scikit-learn gives for
them, so the TypeScript metrics are checked against scikit-learn in every test run without
needing Python there.

    python3 tools/reference/sklearn_evaluation_reference.py   # needs numpy + scikit-learn

Generated with scikit-learn 1.2.1 (Debian 12 python3-sklearn). Reference per field:
- accuracy, balancedAccuracy, macroF1, weightedF1, perClass, confusion: scikit-learn directly.
- auc: roc_auc_score (binary on p[:, 1]; multiclass multi_class='ovr', average='macro'; every
  class is present in each case's labels). Group AUCs may lack classes: there the workbench rule
  (mean of the binary roc_auc_score of the classes present) is applied to scikit-learn's values.
- roc: roc_curve(y, p[:, 1]) without its first threshold (max + 1 before scikit-learn 1.3, inf after).
- ece: Guo et al. 2017 (15 bins, lo < conf <= hi), numpy; scikit-learn has no ECE.
- fairness: fairlearn's definitions re-implemented here with scikit-learn's confusion_matrix the
  way fairlearn calls it (normalize='true', so an undefined rate is 0): dpd, eodFairlearn,
  eodMeanFairlearn; eod leaves undefined rates out (the workbench default). Multiclass: mean over
  classes of the one-vs-rest numbers.
"""
import json
import pathlib
import warnings

import numpy as np
import sklearn
from sklearn import metrics as skm

warnings.filterwarnings('ignore')
OUT = pathlib.Path(__file__).resolve().parents[2] / 'tests/main/evaluation/fixtures/sklearn-reference.json'


def auc_rule(y, P, C):
    present = np.unique(y)
    if len(present) < 2:
        return None
    if C == 2:
        return float(skm.roc_auc_score(y, P[:, 1]))
    if len(present) == C:
        return float(skm.roc_auc_score(y, P, multi_class='ovr', average='macro'))
    return float(np.mean([skm.roc_auc_score(y == c, P[:, c]) for c in present]))


def ece(y, P, bins=15):
    conf, acc = P.max(1), P.argmax(1) == y
    edges, total = np.linspace(0, 1, bins + 1), 0.0
    for lo, hi in zip(edges[:-1], edges[1:]):
        m = (conf > lo) & (conf <= hi)
        if m.any():
            total += m.mean() * abs(acc[m].mean() - conf[m].mean())
    return float(total)


def fairness(y, P, a, C):
    p = P.argmax(1)
    known = a >= 0
    y, P, p, a = y[known], P[known], p[known], a[known]
    groups = np.unique(a)
    accs = [float(skm.accuracy_score(y[a == g], p[a == g])) for g in groups]
    aucs = [auc_rule(y[a == g], P[a == g], C) for g in groups]
    overall_acc, overall_auc = float(skm.accuracy_score(y, p)), auc_rule(y, P, C)
    dpd, eod_fl, eod_mean_fl, eod = [], [], [], []
    for c in ([1] if C == 2 else range(C)):
        sr = [np.mean(p[a == g] == c) for g in groups]
        dpd.append(max(sr) - min(sr))
        cms = [skm.confusion_matrix((y[a == g] == c).astype(int), (p[a == g] == c).astype(int), labels=[0, 1], normalize='true') for g in groups]
        tpr, fpr = [m[1, 1] for m in cms], [m[0, 1] for m in cms]
        eod_fl.append(max(max(tpr) - min(tpr), max(fpr) - min(fpr)))
        eod_mean_fl.append(((max(tpr) - min(tpr)) + (max(fpr) - min(fpr))) / 2)
        tpr_def = [np.mean(p[(a == g) & (y == c)] == c) for g in groups if ((a == g) & (y == c)).any()]
        fpr_def = [np.mean(p[(a == g) & (y != c)] == c) for g in groups if ((a == g) & (y != c)).any()]
        gaps = [max(v) - min(v) for v in (tpr_def, fpr_def) if v]
        if gaps:
            eod.append(max(gaps))
    return {
        'excluded': int((~known).sum()),
        'groups': [{'index': int(g), 'count': int((a == g).sum()), 'accuracy': acc, 'auc': auc} for g, acc, auc in zip(groups, accs, aucs)],
        'esAcc': overall_acc / (1 + sum(abs(v - overall_acc) for v in accs)),
        'esAuc': None if overall_auc is None else overall_auc / (1 + sum(abs(v - overall_auc) for v in aucs if v is not None)),
        'dpd': float(np.mean(dpd)),
        'eod': float(np.mean(eod)) if eod else None,
        'eodFairlearn': float(np.mean(eod_fl)),
        'eodMeanFairlearn': float(np.mean(eod_mean_fl)),
        'worstGroupAccuracy': min(accs),
    }


def case(rng, C, n, G):
    y = np.concatenate([np.arange(C), rng.integers(0, C, n - C)])  # every class present
    rng.shuffle(y)
    raw = np.round((rng.random((n, C)) + 0.6 * (np.arange(C) == y[:, None])) * 4) / 4 + 0.05  # coarse → ties
    P = (raw / raw.sum(1, keepdims=True)).astype(np.float32).astype(np.float64)
    a = rng.integers(-1, G, n)
    p = P.argmax(1)
    pr, rc, f1, sup = skm.precision_recall_fscore_support(y, p, labels=list(range(C)), zero_division=0)
    out = {
        'numClasses': C,
        'groups': G,
        'yTrue': y.tolist(),
        'probs': P.ravel().tolist(),
        'attribute': a.tolist(),
        'expected': {
            'accuracy': float(skm.accuracy_score(y, p)),
            'balancedAccuracy': float(skm.balanced_accuracy_score(y, p)),
            'macroF1': float(skm.f1_score(y, p, average='macro', zero_division=0)),
            'weightedF1': float(skm.f1_score(y, p, average='weighted', zero_division=0)),
            'precision': pr.tolist(), 'recall': rc.tolist(), 'f1': f1.tolist(), 'support': sup.tolist(),
            'confusion': skm.confusion_matrix(y, p, labels=list(range(C))).tolist(),
            'auc': auc_rule(y, P, C),
            'ece': ece(y, P),
            'fairness': fairness(y, P, a, C),
        },
    }
    if C == 2:
        fpr, tpr, th = skm.roc_curve(y, P[:, 1])
        out['expected']['roc'] = {'fpr': fpr.tolist(), 'tpr': tpr.tolist(), 'thresholds': th[1:].tolist()}
    return out


rng = np.random.default_rng(2024)
cases = [case(rng, C, n, G) for C, n, G in [(2 + i % 3, 6 + (7 * i) % 19, 1 + i % 3) for i in range(24)]]
OUT.write_text(json.dumps({'generator': 'tools/reference/sklearn_evaluation_reference.py', 'sklearn': sklearn.__version__, 'cases': cases}) + '\n')
print(f'wrote {len(cases)} cases to {OUT}')
