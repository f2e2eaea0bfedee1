#!/usr/bin/env python3
"""Reference fixtures for difference-in-differences estimators.

    python3 Tests/Fixtures/did/make_did_fixtures.py [REFERENCE_DIR]

REFERENCE_DIR defaults to /work/shared/reference (needs mpdta.csv and
B_mpdta.json). Writes, next to this script:
  mpdta_attgt.json     Callaway & Sant'Anna ATT(g,t) + aggregations (csdid 0.4.3,
                       analytic influence-function SEs, bstrap=False)
  twfe.json            pyfixest TWFE / event-study regressions with CRV1 SEs on
                       mpdta and on a simulated unbalanced panel
  unbalanced_panel.csv the simulated panel (seeded numpy; exact decimals)
Requires: numpy, pandas, scipy, csdid==0.4.3, pyfixest==0.60.0 (PyPI).
Deterministic: every number is reproduced bit for bit by a re-run on the same
package versions.
"""
import contextlib
import io
import json
import math
import os
import sys
import warnings

# Bit-for-bit reproducibility: pyfixest's results change in the last bits with
# Python's per-process string-hash seed (set iteration order), so re-run under a
# fixed PYTHONHASHSEED; numerics single-threaded for the same reason.
if os.environ.get("PYTHONHASHSEED") != "0":
    os.environ["PYTHONHASHSEED"] = "0"
    os.execv(sys.executable, [sys.executable] + sys.argv)
for _v in ("NUMBA_NUM_THREADS", "OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "RAYON_NUM_THREADS"):
    os.environ.setdefault(_v, "1")
from importlib.metadata import version

import numpy as np
import pandas as pd
from scipy import stats

from csdid.att_gt import ATTgt
import pyfixest as pf

REF = sys.argv[1] if len(sys.argv) > 1 else "/work/shared/reference"
OUT = os.path.dirname(os.path.abspath(__file__))


# --------------------------------------------------------------------- helpers
def clean(x):
    """numpy -> python; NaN/inf -> None (JSON null)."""
    if isinstance(x, dict):
        return {str(k): clean(v) for k, v in x.items()}
    if isinstance(x, (list, tuple)):
        return [clean(v) for v in x]
    if isinstance(x, np.ndarray):
        return [clean(v) for v in x.tolist()]
    if isinstance(x, (np.integer,)):
        return int(x)
    if isinstance(x, (np.floating, float)):
        x = float(x)
        return x if math.isfinite(x) else None
    if isinstance(x, np.bool_):
        return bool(x)
    return x


def write_json(obj, path):
    obj = clean(obj)
    # json uses repr(float): the shortest decimal that round-trips exactly.
    with open(path, "w") as fh:
        json.dump(obj, fh, indent=1, allow_nan=False)
        fh.write("\n")
    with open(path) as fh:
        back = json.load(fh)
    n = compare(obj, back)
    print(f"wrote {path}: {n} numbers read back identical")


def compare(a, b, path=""):
    if isinstance(a, dict):
        assert set(a) == set(b), path
        return sum(compare(a[k], b[k], f"{path}/{k}") for k in a)
    if isinstance(a, list):
        assert len(a) == len(b), path
        return sum(compare(x, y, f"{path}[{i}]") for i, (x, y) in enumerate(zip(a, b)))
    if isinstance(a, float):
        assert isinstance(b, (float, int)) and float(b) == a, path
        return 1
    assert a == b, path
    return 0


def quiet(fn, *args, **kw):
    """Run fn with its printed summary and warnings captured."""
    with warnings.catch_warnings(record=True) as w, contextlib.redirect_stdout(io.StringIO()):
        warnings.simplefilter("always")
        res = fn(*args, **kw)
    return res, sorted({str(x.message) for x in w})


# ======================================================================= C&S
mp = pd.read_csv(os.path.join(REF, "mpdta.csv"))
assert mp.shape == (2500, 6)

SPECS = {}
for cg in ("nevertreated", "notyettreated"):
    SPECS[f"{cg}_unconditional"] = dict(control_group=cg, xformla=None, est_method="dr",
                                        base_period="varying", anticipation=0)
    for est in ("dr", "ipw", "reg"):
        SPECS[f"{cg}_{est}_lpop"] = dict(control_group=cg, xformla="~lpop", est_method=est,
                                         base_period="varying", anticipation=0)
SPECS["nevertreated_unconditional_universal"] = dict(
    control_group="nevertreated", xformla=None, est_method="dr",
    base_period="universal", anticipation=0)
SPECS["nevertreated_unconditional_anticipation1"] = dict(
    control_group="nevertreated", xformla=None, est_method="dr",
    base_period="varying", anticipation=1)


def run_cs(spec):
    a, warn0 = quiet(ATTgt, yname="lemp", tname="year", idname="countyreal", gname="first.treat",
                     data=mp, control_group=spec["control_group"], xformla=spec["xformla"],
                     anticipation=spec["anticipation"])
    _, warn = quiet(a.fit, est_method=spec["est_method"], base_period=spec["base_period"],
                    bstrap=False)
    r = a.results
    out = {
        "settings": {**spec, "xformla": spec["xformla"] or "~1", "bstrap": False,
                     "clustervars": "countyreal (unit level only)", "weights": "none",
                     "panel": "balanced"},
        "att_gt": [
            {"group": int(g), "time": int(t), "att": float(v), "se": float(s)}
            for g, t, v, s in zip(r["group"], r["year"], r["att"], r["se"])
        ],
        "pretest_wald": {"W": a.MP["W"], "pvalue": a.MP["Wpval"]},
        "aggte": {},
    }
    for typ in ("simple", "dynamic", "group", "calendar"):
        _, w2 = quiet(a.aggte, typec=typ, bstrap=False)
        warn += w2
        o = a.atte
        agg = {"overall_att": float(np.ravel(o["overall_att"])[0]),
               "overall_se": float(np.ravel(o["overall_se"])[0])}
        if typ != "simple":
            key = {"dynamic": "e", "group": "group", "calendar": "time"}[typ]
            agg["by"] = [
                {key: int(e), "att": float(v), "se": float(s)}
                for e, v, s in zip(np.ravel(o["egt"]), np.ravel(o["att_egt"]),
                                   np.ravel(o["se_egt"]))
            ]
        out["aggte"][typ] = agg
    out["warnings"] = sorted(set(warn0 + warn))
    return out


cs = {name: run_cs(spec) for name, spec in SPECS.items()}

# ---- verification against B_mpdta.json (same csdid call there)
B = json.load(open(os.path.join(REF, "B_mpdta.json")))
verif_B = {}
for mine, ref in (("nevertreated_unconditional", "unconditional"),
                  ("nevertreated_dr_lpop", "lpop")):
    m, r = cs[mine], B["specs"][ref]
    d = 0.0
    assert len(m["att_gt"]) == len(r["att_gt"])
    for x, y in zip(m["att_gt"], r["att_gt"]):
        assert (x["group"], x["time"]) == (y["group"], y["time"])
        d = max(d, abs(x["att"] - y["att"]), abs(x["se"] - y["se"]))
    d = max(d, abs(m["pretest_wald"]["W"] - r["pretest_wald"]["W"]),
            abs(m["pretest_wald"]["pvalue"] - r["pretest_wald"]["pvalue"]))
    for typ in ("simple", "group", "dynamic", "calendar"):
        mm, rr = m["aggte"][typ], r["aggte"][typ]
        d = max(d, abs(mm["overall_att"] - rr["overall_att"]),
                abs(mm["overall_se"] - rr["overall_se"]))
        for x, y in zip(mm.get("by", []), rr.get("by", [])):
            k = next(k for k in x if k not in ("att", "se"))
            assert x[k] == y["e"]
            d = max(d, abs(x["att"] - y["att"]), abs(x["se"] - y["se"]))
    assert d <= 1e-10, (mine, d)
    verif_B[mine] = {"B_mpdta_spec": ref, "max_abs_diff_all_numbers": d}

cs_out = {
    "dataset": "mpdta (Callaway & Sant'Anna 2021), /work/shared/reference/mpdta.csv: 500 counties x 2003-2007",
    "call": ("csdid.att_gt.ATTgt(yname='lemp', tname='year', idname='countyreal', "
             "gname='first.treat', data, control_group, xformla, anticipation)"
             ".fit(est_method, base_period, bstrap=False); .aggte(typec, bstrap=False)"),
    "se": ("analytic: sqrt(mean(IF^2))/sqrt(n) per ATT(g,t) (n = 500 units); aggregations "
           "from the weighted influence function incl. the group-share estimation term; "
           "no multiplier bootstrap"),
    "software": {"python": sys.version.split()[0], "csdid": version("csdid"),
                 "drdid": version("drdid"), "numpy": np.__version__, "pandas": pd.__version__},
    "conventions": {
        "att_gt": "one entry per (group, time) in csdid order; se null where undefined (universal base cell)",
        "aggte.dynamic.by": "e = event time t - g",
        "aggte.group.by": "group = first treatment year",
        "aggte.calendar.by": "time = calendar year",
        "pretest_wald": "Wald test that all pre-treatment ATT(g,t) are 0 (analytic V); pvalue rounded to 5 digits as in R did",
    },
    "specs": cs,
    "verification": {"B_mpdta.json": verif_B},
}
write_json(cs_out, os.path.join(OUT, "mpdta_attgt.json"))


# ======================================================================= TWFE
def lsdv_crv1(df, y, xcols, fe, cluster, k_ssc):
    """Independent check: OLS with explicit dummies for every FE level, cluster
    sandwich on the full parameter vector, factor G/(G-1)*(N-1)/(N-k_ssc)."""
    parts = [df[xcols].to_numpy(float)]
    for i, f in enumerate(fe):
        dm = pd.get_dummies(df[f].astype("category"), drop_first=(i > 0)).to_numpy(float)
        parts.append(dm)
    X = np.hstack(parts)
    Y = df[y].to_numpy(float)
    b = np.linalg.lstsq(X, Y, rcond=None)[0]
    XtX_inv = np.linalg.pinv(X.T @ X)
    u = Y - X @ b
    codes, uniq = pd.factorize(df[cluster])
    G = len(uniq)
    S = np.zeros((G, X.shape[1]))
    np.add.at(S, codes, X * u[:, None])
    V = XtX_inv @ (S.T @ S) @ XtX_inv
    N = len(Y)
    V *= G / (G - 1) * (N - 1) / (N - k_ssc)
    k = len(xcols)
    return b[:k], V[:k, :k]


def feols_record(fml, df, cluster, xcols, fe, y, pre_cols=None):
    # Demeaning converged to 1e-14 (pyfixest's default fixef_tol is 1e-6, which
    # leaves ~1e-10 relative error on unbalanced panels; recorded below).
    fit, _ = quiet(pf.feols, fml, data=df, vcov={"CRV1": cluster}, fixef_tol=1e-14)
    fit_def = pf.feols(fml, data=df, vcov={"CRV1": cluster})
    coef = fit.coef()
    se = fit.se()
    names = list(coef.index)
    G = int(np.min(np.array(fit._G)))
    rec = {
        "formula": fml,
        "vcov": {"CRV1": cluster},
        "coefficients": {
            n: {"coef": float(coef[n]), "se": float(se[n]), "t": float(fit.tstat()[n]),
                "p": float(fit.pvalue()[n])} for n in names},
        "n": int(fit._N),
        "n_rows_in_data": int(len(df)),
        "n_clusters": G,
        "ssc": {"settings": dict(fit._ssc_dict), "K_used": int(fit._df_k),
                "factor": float(np.ravel(fit._ssc)[0]),
                "factor_formula": "G/(G-1) * (N-1)/(N-K)",
                "t_df": int(fit._df_t)},
    }
    # independent LSDV cross-check
    b_h, V_h = lsdv_crv1(df, y, xcols, fe, cluster, fit._df_k)
    se_h = np.sqrt(np.diag(V_h))
    idx = [names.index(c) for c in xcols]
    rec["default_fixef_tol_deviation"] = {
        "max_rel_diff_coef": float(np.max(np.abs(fit_def.coef() - coef) / np.abs(coef))),
        "max_rel_diff_se": float(np.max(np.abs(fit_def.se() - se) / se)),
    }
    rec["check_lsdv_dummies"] = {
        "max_rel_diff_coef": float(np.max(np.abs(b_h - coef.to_numpy()[idx]) / np.abs(b_h))),
        "max_rel_diff_se": float(np.max(np.abs(se_h - se.to_numpy()[idx]) / se_h)),
    }
    assert rec["check_lsdv_dummies"]["max_rel_diff_coef"] < 1e-9
    assert rec["check_lsdv_dummies"]["max_rel_diff_se"] < 1e-10
    if pre_cols:
        R = np.zeros((len(pre_cols), len(names)))
        for i, c in enumerate(pre_cols):
            R[i, names.index(c)] = 1.0
        bpre = R @ coef.to_numpy()
        Vpre = R @ fit._vcov @ R.T
        W = float(bpre @ np.linalg.solve(Vpre, bpre))
        q = len(pre_cols)
        _, _w = quiet(fit.wald_test, R=R, distribution="chi2")
        assert abs(fit._wald_statistic - W) <= 1e-9 * W
        rec["pretrend_wald"] = {
            "coefficients": pre_cols,
            "chi2": {"stat": W, "df": q, "p": float(stats.chi2.sf(W, q)),
                     "note": "pyfixest Feols.wald_test(R) returns this (it switches F to chi2 when R is not the identity)"},
            "F": {"stat": W / q, "df1": q, "df2": G - 1,
                  "p": float(stats.f.sf(W / q, q, G - 1)),
                  "note": "W/q against F(q, G-1), the fixest wald() convention for clustered VCOVs"},
        }
    return rec


def event_dummies(df, tcol, gcol, prefix="ev_"):
    """1{treated cohort and t - g == e} for every observed e except -1; never-treated all 0."""
    treated = df[gcol] > 0
    rel = np.where(treated, df[tcol] - df[gcol], np.nan)
    es = sorted(int(e) for e in np.unique(rel[~np.isnan(rel)]))
    cols = []
    for e in es:
        if e == -1:
            continue
        c = f"{prefix}{'m' if e < 0 else ''}{abs(e)}"
        df[c] = (rel == e).astype(float)
        cols.append(c)
    return cols, es


mp2 = mp.copy()
mp2["D"] = ((mp2["first.treat"] > 0) & (mp2["year"] >= mp2["first.treat"])).astype(float)
mp2 = mp2.rename(columns={"first.treat": "first_treat"})
ev_cols, ev_all = event_dummies(mp2, "year", "first_treat")
pre_cols = [c for c in ev_cols if c.startswith("ev_m")]

twfe_mpdta = feols_record("lemp ~ D | countyreal + year", mp2, "countyreal", ["D"],
                          ["countyreal", "year"], "lemp")
es_mpdta = feols_record("lemp ~ " + " + ".join(ev_cols) + " | countyreal + year", mp2,
                        "countyreal", ev_cols, ["countyreal", "year"], "lemp", pre_cols)

# ---- simulated unbalanced panel
rng = np.random.default_rng(20250520)
N_UNITS, N_T = 300, 12
units = np.repeat(np.arange(1, N_UNITS + 1), N_T)
periods = np.tile(np.arange(1, N_T + 1), N_UNITS)
cohort_u = rng.choice([0, 5, 7, 9], size=N_UNITS, p=[0.3, 0.25, 0.25, 0.2])
alpha_u = rng.normal(0.0, 1.0, N_UNITS)
gamma_t = 0.1 * np.arange(1, N_T + 1) + rng.normal(0.0, 0.2, N_T)
cohort = cohort_u[units - 1]
x = 0.5 * alpha_u[units - 1] + 0.05 * periods + rng.normal(0.0, 1.0, units.size)
D = ((cohort > 0) & (periods >= cohort)).astype(int)
tau = np.where(D == 1, 1.0 + 0.2 * (periods - cohort), 0.0)   # dynamic, heterogeneous effect
y = 2.0 + alpha_u[units - 1] + gamma_t[periods - 1] + 0.7 * x + tau + rng.normal(0.0, 1.0, units.size)
panel = pd.DataFrame({"unit": units, "period": periods, "cohort": cohort,
                      "x": np.round(x, 6), "D": D, "y": np.round(y, 6)})
drop = rng.choice(panel.index.to_numpy(), size=int(round(0.15 * len(panel))), replace=False)
panel = panel.drop(index=drop).sort_values(["unit", "period"]).reset_index(drop=True)
csv_path = os.path.join(OUT, "unbalanced_panel.csv")
panel.to_csv(csv_path, index=False, float_format="%.6f")
# estimate on exactly what the CSV holds
panel = pd.read_csv(csv_path)
with open(csv_path) as fh:   # the parsed doubles are exactly the decimals in the file
    rows = [ln.rstrip("\n").split(",") for ln in fh][1:]
assert all(float(r[3]) == a and float(r[5]) == b for r, a, b in zip(rows, panel["x"], panel["y"]))
panel["D"] = panel["D"].astype(float)
u_ev_cols, u_ev_all = event_dummies(panel, "period", "cohort")
u_pre = [c for c in u_ev_cols if c.startswith("ev_m")]

twfe_unb = feols_record("y ~ D | unit + period", panel, "unit", ["D"], ["unit", "period"], "y")
twfe_unb_x = feols_record("y ~ D + x | unit + period", panel, "unit", ["D", "x"],
                          ["unit", "period"], "y")
es_unb = feols_record("y ~ " + " + ".join(u_ev_cols) + " + x | unit + period", panel, "unit",
                      u_ev_cols + ["x"], ["unit", "period"], "y", u_pre)

twfe_out = {
    "software": {"python": sys.version.split()[0], "pyfixest": version("pyfixest"),
                 "numpy": np.__version__, "pandas": pd.__version__, "scipy": version("scipy")},
    "conventions": {
        "vcov": "CRV1 clustered by unit, pyfixest default ssc (see ssc block and README)",
        "fit": ("pf.feols(fml, data, vcov={'CRV1': unit}, fixef_tol=1e-14); otherwise pyfixest "
                "defaults (fixef_rm='singleton': no singletons here, n == n_rows_in_data). "
                "default_fixef_tol_deviation = how far the plain default call (fixef_tol=1e-6) is from these"),
        "p": "two-sided, Student t with t_df = G - 1 degrees of freedom",
        "event_dummies": ("ev_mK = 1{treated cohort and t - g == -K}, ev_K = 1{... == K}; "
                          "every observed relative time except -1 (reference); never-treated "
                          "units have all dummies 0; no binning"),
        "check_lsdv_dummies": "independent numpy OLS with explicit FE dummies and hand-made CR1 with the same K",
    },
    "mpdta": {
        "data": "mpdta.csv; D = 1{first.treat > 0 and year >= first.treat} (mpdta's own 'treat' column is ever-treated and is not used)",
        "twfe": twfe_mpdta,
        "event_study": {**es_mpdta, "relative_times_observed": ev_all, "reference": -1},
    },
    "unbalanced": {
        "data": ("unbalanced_panel.csv (beside this file): 300 units x periods 1..12, 15% of "
                 "unit-periods (540) dropped at random; cohort in {0 (never), 5, 7, 9}; "
                 "D = 1{cohort > 0 and period >= cohort}; x and y rounded to 6 decimals; "
                 "numpy default_rng(20250520), see make_did_fixtures.py"),
        "n_rows": int(len(panel)),
        "twfe": twfe_unb,
        "twfe_x": twfe_unb_x,
        "event_study_x": {**es_unb, "relative_times_observed": u_ev_all, "reference": -1},
    },
}
write_json(twfe_out, os.path.join(OUT, "twfe.json"))
