#!/usr/bin/env python3
"""High-precision (mpmath, 50 digits) references where R 4.2.2 itself is not accurate to 1e-12.

Reads the grids of distributions.json (made by make_distribution_fixtures.R) and writes
high_precision.json with
  - log_gamma: log Γ(x) on R's grid. R's lgamma() returns log(gamma(x)) for x <= 10, which loses
    relative accuracy next to the zeros at x = 1 and 2 (5e-10 at x = 1 ± 1e-6).
  - student_t_quantile: t quantiles, lower tail (qt(p)) and upper tail (qt(p, lower = FALSE)), on
    R's (df, p) grid. R's qt is off by up to 8e-9 relative for p = 1e-300 and df = 3, and its upper
    tail is wrong by several percent for df < 1 (e.g. 6% at df = 0.5, p = 1e-15).
  - the densities (normal, t, chi-square, F) in closed form on R's grids. R's dchisq is off by
    up to 4e-12 relative at df = 1e5 twenty standard deviations out.
and prints R's worst relative error against these references.

Run from this folder:  python3 make_high_precision_references.py   (needs mpmath)
"""
import json
import mpmath as mp

mp.mp.dps = 50


def student_t_log_density(u, nu):
    log_c = mp.loggamma((nu + 1) / 2) - mp.loggamma(nu / 2) - mp.log(nu * mp.pi) / 2
    return log_c - (nu + 1) / 2 * mp.log1p(u * u / nu)


def student_t_upper(t, nu):
    """P(T > t) for t > 0 by tanh-sinh quadrature of the density.

    For t <= 1 as 1/2 - ∫_0^t f. Beyond, substituting u = t (1 + s) and factoring out f(t):
    P(T > t) = t f(t) ∫_0^∞ (1 + k s (2 + s))^{-(ν+1)/2} ds with k = t²/(ν + t²), an integrand
    that starts at 1 and decays on the scale 1/((ν + 1) k), so the quadrature keeps its relative
    accuracy however small the tail is (down to 1e-600 and beyond).
    """
    if t <= 1:
        return mp.mpf(1) / 2 - mp.quad(lambda u: mp.exp(student_t_log_density(u, nu)), [0, t])
    k = t * t / (nu + t * t)
    scale = 1 / ((nu + 1) * k)
    integrand = lambda s: mp.exp(-(nu + 1) / 2 * mp.log1p(k * s * (2 + s)))
    return t * mp.exp(student_t_log_density(t, nu)) * mp.quad(integrand, [0, scale, 10 * scale, 1, 10, 100, mp.inf])


def student_t_upper_quantile(q, nu, start):
    """The t > 0 with P(T > t) = q (q < 1/2), by Newton's method on log P(T > t) in log t."""
    u = mp.log(start)
    for _ in range(100):
        t = mp.exp(u)
        s = student_t_upper(t, nu)
        step = (mp.log(s) - mp.log(q)) / (t * mp.exp(student_t_log_density(t, nu)) / s)
        u += step
        if abs(step) < mp.mpf(10) ** -30:
            return mp.exp(u)
    raise RuntimeError(f"no convergence for q={q}, nu={nu}")


def rel(a, b):
    return float(abs(mp.mpf(a) - b) / max(abs(b), mp.mpf(10) ** -300))


def fmt(values):
    out = []
    for v in values:
        d = float(v)
        assert float(repr(d)) == d
        out.append(repr(d))
    return "[" + ", ".join(out) + "]"


def main():
    with open("distributions.json") as f:
        r = json.load(f)

    x_lgamma = [mp.mpf(v) for v in r["log_gamma"]["x"]]
    lgamma = [mp.loggamma(v) for v in x_lgamma]
    print("R lgamma worst relative error:", max(rel(a, b) for a, b in zip(r["log_gamma"]["value"], lgamma)))

    densities = {}

    def chi_square_pdf(x, k):
        return mp.exp((k / 2 - 1) * mp.log(x) - x / 2 - k / 2 * mp.log(2) - mp.loggamma(k / 2))

    def f_pdf(x, d1, d2):
        return mp.exp(d1 / 2 * mp.log(d1 / d2) + (d1 / 2 - 1) * mp.log(x)
                      - (d1 + d2) / 2 * mp.log1p(d1 * x / d2) - mp.log(mp.beta(d1 / 2, d2 / 2)))

    x = [mp.mpf(v) for v in r["normal"]["x"]]
    pdf = [mp.npdf(v) for v in x]
    print("R dnorm worst relative error:", max(rel(a, b) for a, b in zip(r["normal"]["pdf"], pdf)))
    densities["normal_pdf"] = f'{{"x": {fmt(x)}, "pdf": {fmt(pdf)}}}'
    for key, name, params, density in [
        ("student_t", "student_t_pdf", ["df"], lambda x, n: mp.exp(student_t_log_density(x, n))),
        ("chi_square", "chi_square_pdf", ["df"], chi_square_pdf),
        ("f", "f_pdf", ["df1", "df2"], f_pdf),
    ]:
        items, worst = [], 0.0
        for table in r[key]:
            values = [mp.mpf(table[p]) for p in params]
            x = [mp.mpf(v) for v in table["x"]]
            pdf = [density(v, *values) for v in x]
            worst = max([worst] + [rel(a, b) for a, b in zip(table["pdf"], pdf)])
            head = ", ".join(f'"{p}": {table[p]!r}' for p in params)
            items.append(f'{{{head}, "x": {fmt(x)}, "pdf": {fmt(pdf)}}}')
        print(f"R {name} worst relative error:", worst)
        densities[name] = "[\n    " + ",\n    ".join(items) + "\n  ]"

    tables = []
    worst_lower = worst_upper = 0.0
    for table in r["student_t_quantile"]:
        nu = mp.mpf(table["df"])
        lower, upper = [], []
        for p, r_lower, r_upper in zip(table["p"], table["lower"], table["upper"]):
            t = student_t_upper_quantile(mp.mpf(p), nu, abs(r_lower))
            lower.append(-t)
            upper.append(t)
            worst_lower = max(worst_lower, rel(r_lower, -t))
            worst_upper = max(worst_upper, rel(r_upper, t))
        tables.append((table["df"], table["p"], lower, upper))
    print("R qt worst relative error: lower", worst_lower, "upper", worst_upper)

    parts = [
        '  "generator": "make_high_precision_references.py",\n',
        f'  "mpmath_version": "{mp.__version__}",\n',
        f'  "digits": {mp.mp.dps},\n',
        f'  "log_gamma": {{"x": {fmt(x_lgamma)}, "value": {fmt(lgamma)}}},\n',
        *[f'  "{name}": {value},\n' for name, value in densities.items()],
        '  "student_t_quantile": [\n    '
        + ",\n    ".join(f'{{"df": {df!r}, "p": {fmt(p)}, "lower": {fmt(lo)}, "upper": {fmt(up)}}}'
                         for df, p, lo, up in tables)
        + "\n  ]\n",
    ]
    with open("high_precision.json", "w") as f:
        f.write("{\n" + "".join(parts) + "}\n")
    print("wrote high_precision.json")


if __name__ == "__main__":
    main()
