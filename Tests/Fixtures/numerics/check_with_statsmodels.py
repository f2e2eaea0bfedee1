#!/usr/bin/env python3
"""Cross-check of the R fixtures in this folder against statsmodels.

Not a fixture maker: it refits the models from the design matrices stored in the JSON
files (so both programs see the very same numbers) and prints the largest relative
difference to R for each block. Run from anywhere:

    python3 Tests/Fixtures/numerics/check_with_statsmodels.py

Exit status 1 if any difference exceeds the tolerance given next to it.
"""
import json
import os
import sys

import numpy as np
import statsmodels
import statsmodels.api as sm

HERE = os.path.dirname(os.path.abspath(__file__))
FAILED = []


def load(name):
    with open(os.path.join(HERE, name)) as f:
        return json.load(f)


def design(block):
    return np.column_stack([np.asarray(c, dtype=float) for c in block["columns"]]), block["names"]


def rel(a, b):
    a = np.asarray(a, dtype=float)
    b = np.asarray(b, dtype=float)
    return float(np.max(np.abs(a - b) / np.maximum(np.abs(b), 1e-300)))


def vec(d, names):
    return [d[n] for n in names]


def report(label, got, want, tol):
    r = rel(got, want)
    flag = "ok" if r <= tol else "FAIL"
    if r > tol:
        FAILED.append(label)
    print(f"  {label:<46s} max rel diff {r:9.2e}   (tol {tol:.0e}) {flag}")


def glm_fit(X, y, link, offset=None, freq_weights=None):
    fam = sm.families.Binomial(link=link)
    m = sm.GLM(y, X, family=fam, offset=offset, freq_weights=freq_weights)
    return m.fit(method="IRLS", tol=1e-14, maxiter=200), m


# ---- A line-by-line replay of R's glm.fit (binomial) in numpy ----------------------
# Used to show what a re-implementation must do to match R's default-control numbers:
# start from mustart = (w*y + 0.5)/(w + 1), eta = link(mustart) (no offset); each step
# is a weighted least-squares solve; stop when |dev - devold|/(|dev| + 0.1) < epsilon;
# the reported vcov (and fit$weights, used by sandwich) come from the LAST WLS step,
# whose weights were evaluated at the previous iterate.
EPS = np.finfo(float).eps


def logit_link():
    def linkinv(eta):
        e = np.where(eta < -30, EPS, np.where(eta > 30, 1 / EPS, np.exp(np.clip(eta, -30, 30))))
        return e / (1 + e)

    def mu_eta(eta):
        opexp = 1 + np.exp(np.clip(eta, -30, 30))
        return np.where(np.abs(eta) > 30, EPS, np.exp(np.clip(eta, -30, 30)) / (opexp * opexp))

    return (lambda mu: np.log(mu / (1 - mu))), linkinv, mu_eta


def probit_link():
    from scipy.stats import norm
    thresh = -norm.ppf(EPS)
    return (norm.ppf, lambda eta: norm.cdf(np.clip(eta, -thresh, thresh)),
            lambda eta: np.maximum(norm.pdf(eta), EPS))


def _ylogy(y, mu):
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(y > 0, y * np.log(y / mu), 0.0)


def r_glm_fit(X, y, link, weights=None, offset=None, epsilon=1e-8, maxit=25):
    n, _ = X.shape
    weights = np.ones(n) if weights is None else weights
    offset = np.zeros(n) if offset is None else offset
    linkfun, linkinv, mu_eta = link
    dev_of = lambda mu: float(np.sum(2 * weights * (_ylogy(y, mu) + _ylogy(1 - y, 1 - mu))))
    eta = linkfun((weights * y + 0.5) / (weights + 1))
    mu = linkinv(eta)
    devold = dev_of(mu)
    conv = False
    for it in range(1, maxit + 1):
        me = mu_eta(eta)
        good = (weights > 0) & (me != 0)
        z = (eta - offset)[good] + (y - mu)[good] / me[good]
        w = np.sqrt(weights[good] * me[good] ** 2 / (mu * (1 - mu))[good])
        Q, R = np.linalg.qr(X[good] * w[:, None])
        beta = np.linalg.solve(R, Q.T @ (z * w))
        eta = X @ beta + offset
        mu = linkinv(eta)
        dev = dev_of(mu)
        if abs(dev - devold) / (abs(dev) + 0.1) < epsilon:
            conv = True
            break
        devold = dev
    Rinv = np.linalg.inv(R)
    cov = Rinv @ Rinv.T                               # (X' W_last X)^-1 from the QR
    wt = np.zeros(n)
    wt[good] = w ** 2                                 # R's fit$weights
    wres = (y - mu) / mu_eta(eta)                     # working residuals at the final fit
    ef = X * (wres * wt)[:, None]                     # sandwich::estfun.glm
    hc0 = cov @ (ef.T @ ef) @ cov                     # sandwich::vcovHC(type = "HC0")
    return dict(coef=beta, se=np.sqrt(np.diag(cov)), se_hc0=np.sqrt(np.diag(hc0)),
                iter=it, converged=conv, deviance=dev)


def main():
    print(f"statsmodels {statsmodels.__version__}, numpy {np.__version__}")

    # ---- glm_lalonde.json -------------------------------------------------------
    g = load("glm_lalonde.json")
    X, names = design(g["design"])
    y = np.asarray(g["y"], dtype=float)
    print("glm_lalonde.json: statsmodels GLM (IRLS, tol 1e-14) vs R")
    n, k = X.shape
    for key, link, tol in (("logit", sm.families.links.Logit(), 1e-8),
                           ("probit", sm.families.links.Probit(), 1e-7)):
        res, _ = glm_fit(X, y, link)
        tight = g[key + "_tight"]
        report(f"{key}_tight coef", res.params, vec(tight["coef"], names), tol)
        report(f"{key}_tight se", res.bse, vec(tight["se"], names), tol)
        report(f"{key}_tight deviance", [res.deviance], [tight["deviance"]], 1e-10)
        report(f"{key}_tight loglik", [res.llf], [tight["loglik"]], 1e-10)
        report(f"{key}_tight aic", [res.aic], [tight["aic"]], 1e-10)
        report(f"{key}_tight null_deviance", [res.null_deviance], [tight["null_deviance"]], 1e-10)
        # R's default control stops on the deviance criterion 1e-8: close to the MLE, not at it
        report(f"{key} (R default control) coef vs MLE", res.params, vec(g[key]["coef"], names), 1e-5)
    res = sm.GLM(y, X, family=sm.families.Binomial()).fit(
        method="IRLS", tol=1e-14, maxiter=200, cov_type="HC0")
    report("logit_tight se_hc0", res.bse, vec(g["logit_tight"]["se_hc0"], names), 1e-8)
    report("logit_tight se_hc1 (HC0*sqrt(n/(n-k)))", res.bse * np.sqrt(n / (n - k)),
           vec(g["logit_tight"]["se_hc1"], names), 1e-8)
    res = sm.GLM(y, X, family=sm.families.Binomial(link=sm.families.links.Probit())).fit(
        method="IRLS", tol=1e-14, maxiter=200, cov_type="HC0")
    print(f"  {'probit_tight se_hc0 [info only]':<46s} max rel diff {rel(res.bse, vec(g['probit_tight']['se_hc0'], names)):9.2e}"
          "   (statsmodels' bread is the observed information; R/sandwich use the expected)")
    wo = g["logit_weighted_offset"]
    res, _ = glm_fit(X, y, sm.families.links.Logit(), offset=np.asarray(wo["offset"]),
                     freq_weights=np.asarray(wo["weights"], dtype=float))
    report("logit_weighted_offset coef", res.params, vec(wo["coef"], names), 1e-8)
    report("logit_weighted_offset se (R default control)", res.bse, vec(wo["se"], names), 1e-6)
    report("logit_weighted_offset deviance", [res.deviance], [wo["deviance"]], 1e-10)

    print("glm_lalonde.json: numpy replay of R's glm.fit vs R (same iterations, same stopping rule)")
    for key, link, ctl in (("logit", logit_link(), {}),
                           ("logit_tight", logit_link(), dict(epsilon=1e-14, maxit=100)),
                           ("probit", probit_link(), {}),
                           ("probit_tight", probit_link(), dict(epsilon=1e-14, maxit=100)),
                           ("logit_weighted_offset", logit_link(), "wo")):
        b = g[key]
        if ctl == "wo":
            r = r_glm_fit(X, y, link, weights=np.asarray(b["weights"], dtype=float),
                          offset=np.asarray(b["offset"], dtype=float))
        else:
            r = r_glm_fit(X, y, link, **ctl)
        if r["iter"] != b["iter"] or r["converged"] != b["converged"]:
            FAILED.append(key + " iter")
        report(f"{key} coef (iter {r['iter']} vs R {b['iter']})", r["coef"], vec(b["coef"], names), 1e-12)
        report(f"{key} se", r["se"], vec(b["se"], names), 1e-12)
        report(f"{key} deviance", [r["deviance"]], [b["deviance"]], 1e-12)
        if "se_hc0" in b:
            report(f"{key} se_hc0", r["se_hc0"], vec(b["se_hc0"], names), 1e-10)

    # ---- ols_petersen.json ------------------------------------------------------
    p = load("ols_petersen.json")
    X, names = design(p["design"])
    y = np.asarray(p["y"], dtype=float)
    firm = np.asarray(p["cluster"]["firm"])
    year = np.asarray(p["cluster"]["year"])
    print("ols_petersen.json")
    ols = sm.OLS(y, X)
    r = ols.fit()
    report("coef", r.params, vec(p["coef"], names), 1e-12)
    report("se_iid", r.bse, vec(p["se_iid"], names), 1e-12)
    report("sigma", [np.sqrt(r.scale)], [p["sigma"]], 1e-12)
    report("se_hc0", ols.fit(cov_type="HC0").bse, vec(p["se_hc0"], names), 1e-12)
    report("se_hc1", ols.fit(cov_type="HC1").bse, vec(p["se_hc1"], names), 1e-12)
    rc = ols.fit(cov_type="cluster", cov_kwds={"groups": firm, "use_correction": True})
    report("se_cl_firm_hc1", rc.bse, vec(p["se_cl_firm_hc1"], names), 1e-12)
    report("vcov_cl_firm_hc1", rc.cov_params(), p["vcov_cl_firm_hc1"], 1e-12)
    n, k = X.shape
    report("se_cl_firm_hc0 (CR1 / sqrt((n-1)/(n-k)))", rc.bse / np.sqrt((n - 1) / (n - k)),
           vec(p["se_cl_firm_hc0"], names), 1e-12)
    ry = ols.fit(cov_type="cluster", cov_kwds={"groups": year, "use_correction": True})
    report("se_cl_year_hc1", ry.bse, vec(p["se_cl_year_hc1"], names), 1e-12)
    r2 = ols.fit(cov_type="cluster", cov_kwds={"groups": np.column_stack([firm, year]),
                                                "use_correction": True})
    report("se_cl_twoway_hc1 (statsmodels two-way)", r2.bse, vec(p["se_cl_twoway_hc1"], names), 1e-12)

    w = np.asarray(p["wls"]["weights"], dtype=float)
    wls = sm.WLS(y, X, weights=w)
    rw = wls.fit()
    report("wls coef", rw.params, vec(p["wls"]["coef"], names), 1e-12)
    report("wls se_iid", rw.bse, vec(p["wls"]["se_iid"], names), 1e-12)
    report("wls sigma", [np.sqrt(rw.scale)], [p["wls"]["sigma"]], 1e-12)
    rwc = wls.fit(cov_type="cluster", cov_kwds={"groups": firm, "use_correction": True})
    report("wls se_cl_firm_hc1", rwc.bse, vec(p["wls"]["se_cl_firm_hc1"], names), 1e-12)

    q = p["quadratic_year_fe"]
    Xq, qn = design(q["design"])
    rq = sm.OLS(y, Xq).fit(cov_type="cluster", cov_kwds={"groups": firm, "use_correction": True})
    report(f"quadratic_year_fe coef (k={Xq.shape[1]})", rq.params, vec(q["coef"], qn), 1e-10)
    report("quadratic_year_fe se_cl_firm_hc1", rq.bse, vec(q["se_cl_firm_hc1"], qn), 1e-10)

    # ---- lm_collinear.json (statsmodels has no aliasing: refit on R's kept columns) ----
    c = load("lm_collinear.json")
    X, names = design(c["design"])
    y = np.asarray(c["y"], dtype=float)
    print("lm_collinear.json (on the non-aliased columns)")
    for key in ("ols", "wls", "wls_zero_weights"):
        b = c[key]
        keep = [i for i, nme in enumerate(names) if nme not in b["aliased"]]
        kn = [names[i] for i in keep]
        wts = np.asarray(b.get("weights", np.ones(len(y))), dtype=float)
        rows = wts > 0
        r = sm.WLS(y[rows], X[rows][:, keep], weights=wts[rows]).fit()
        report(f"{key} coef", r.params, vec(b["coef"], kn), 1e-10)
        report(f"{key} se", r.bse, vec(b["se"], kn), 1e-10)
        report(f"{key} sigma", [np.sqrt(r.scale)], [b["sigma"]], 1e-10)
        if int(r.df_resid) != b["df_residual"]:
            FAILED.append(key + " df_residual")
        print(f"  {key + ' df_residual':<46s} statsmodels {int(r.df_resid)}, R {b['df_residual']}")

    # ---- separation.json: the ordinary (not separated) case only --------------------
    s = load("separation.json")["not_separated"]
    X, names = design(s["design"])
    res, _ = glm_fit(X, np.asarray(s["y"], dtype=float), sm.families.links.Logit())
    print("separation.json (not_separated)")
    report("not_separated coef", res.params, vec(s["r_glm"]["coef"], names), 1e-7)
    report("not_separated se (R default control)", res.bse, vec(s["r_glm"]["se"], names), 1e-6)
    r = r_glm_fit(X, np.asarray(s["y"], dtype=float), logit_link())
    report(f"not_separated replay coef (iter {r['iter']} vs R {s['r_glm']['iter']})", r["coef"],
           vec(s["r_glm"]["coef"], names), 1e-12)
    report("not_separated replay se", r["se"], vec(s["r_glm"]["se"], names), 1e-12)

    if FAILED:
        print("FAILED:", ", ".join(FAILED))
        sys.exit(1)
    print("all cross-checks within tolerance")


if __name__ == "__main__":
    main()
