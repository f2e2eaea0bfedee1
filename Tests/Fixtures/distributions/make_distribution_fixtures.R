#!/usr/bin/env Rscript
# Reference values for Sources/EffektNumerics/Distributions, written to distributions.json.
# Run from this folder:  Rscript make_distribution_fixtures.R
# Numbers are printed with 17 significant digits (sprintf "%.17g"), which round-trips every
# double; the script stops if any printed value does not parse back to the same double.

num <- function(v) {
  if (!all(is.finite(v))) stop("non-finite value: ", paste(head(v, 50), collapse = " "))
  s <- sprintf("%.17g", v)
  stopifnot(identical(as.numeric(s), as.numeric(v)))
  paste0("[", paste(s, collapse = ", "), "]")
}
obj <- function(...) {
  fields <- list(...)
  parts <- vapply(names(fields), function(k) {
    v <- fields[[k]]
    value <- if (is.character(v)) paste0("\"", v, "\"") else if (length(v) == 1 && !is.null(attr(v, "scalar"))) sprintf("%.17g", v) else num(v)
    paste0("\"", k, "\": ", value)
  }, "")
  paste0("{", paste(parts, collapse = ", "), "}")
}
scalar <- function(v) structure(v, scalar = TRUE)
arr <- function(items) paste0("[\n    ", paste(items, collapse = ",\n    "), "\n  ]")

sym <- function(v) sort(unique(c(-v, 0, v)))

# ---- normal ---------------------------------------------------------------------------
x_norm <- sort(unique(c(seq(-38, 38, by = 0.25), sym(c(1e-300, 1e-10, 1e-5, 0.01, 0.1, 0.3, 0.66291, 0.6629100000000001,
                        sqrt(32), sqrt(32) + 1e-12, 1.1, 2.7, 5.9, 7.3, 8.2924, 12.3, 25.1, 37.5, 37.51)))))
p_small <- c(10^-(seq(300, 20, by = -10)), 10^-(19:2), 0.025, 0.05)
p_grid <- sort(unique(c(p_small, seq(0.06, 0.94, by = 0.04), 0.075, 0.425, 0.49, 0.499999, 0.5, 0.500001,
                        1 - p_small[p_small >= 1e-16])))
normal <- obj(x = x_norm, pdf = dnorm(x_norm), lower = pnorm(x_norm), upper = pnorm(x_norm, lower.tail = FALSE))
qnormal <- obj(p = p_grid, quantile = qnorm(p_grid))

# ---- Student t ------------------------------------------------------------------------
df_t <- c(0.5, 1, 2, 3, 5, 10, 30, 100, 1e6)
x_t <- sym(c(1e-8, 0.1, 0.5, 1, 1.5, 2, 2.5, 3, 4, 5, 7, 10, 15, 20, 30, 50, 100, 200, 300, 500, 1000))
pt_items <- vapply(df_t, function(n) obj(df = scalar(n), x = x_t, pdf = dt(x_t, n),
                    lower = pt(x_t, n), upper = pt(x_t, n, lower.tail = FALSE)), "")
p_t <- sort(unique(c(10^-c(300, 200, 100, 50, 30, 20, 15, 10, 8, 6, 5, 4, 3), 0.01, 0.025, 0.05, 0.1, 0.2, 0.3, 0.4, 0.45, 0.49)))
qt_items <- vapply(df_t, function(n) {
  lo <- qt(p_t, n)
  up <- qt(p_t, n, lower.tail = FALSE)
  keep <- is.finite(lo) & is.finite(up)  # R's upper-tail qt overflows to Inf for df < 1 where the lower tail does not
  obj(df = scalar(n), p = p_t[keep], lower = lo[keep], upper = up[keep])
}, "")

# ---- chi-square -----------------------------------------------------------------------
df_c <- c(0.5, 1, 2, 5, 10, 50, 500)
x_c <- c(1e-6, 1e-4, 0.01, 0.1, 0.3, 0.5, 1, 2, 3, 4, 5, 7, 10, 15, 20, 30, 40, 50, 60, 80, 100, 150, 200,
         300, 400, 450, 500, 550, 600, 700, 800, 1000, 1200, 1500, 2000)
# large df: x from the mean minus 8 to plus 30 standard deviations
df_big <- c(1e3, 1e4, 1e5)
x_big <- function(n) n + sqrt(2 * n) * c(-8, -5, -3, -2, -1, -0.5, -0.1, 0, 0.1, 0.5, 1, 2, 3, 5, 8, 12, 20, 30)
pchisq_items <- vapply(c(df_c, df_big), function(n) {
  x <- if (n >= 1e3) x_big(n) else x_c
  obj(df = scalar(n), x = x, pdf = dchisq(x, n), lower = pchisq(x, n), upper = pchisq(x, n, lower.tail = FALSE))
}, "")
p_c <- sort(unique(c(10^-c(300, 100, 50, 20, 10, 5, 3), 0.01, 0.05, 0.1, 0.25, 0.5, 0.75, 0.9, 0.95, 0.99)))
qchisq_items <- vapply(df_c, function(n) {
  lo <- qchisq(p_c, n)
  up <- qchisq(p_c, n, lower.tail = FALSE)
  keep <- is.finite(lo) & lo > 0 & is.finite(up)
  obj(df = scalar(n), p = p_c[keep], lower = lo[keep], upper = up[keep])
}, "")

# ---- F --------------------------------------------------------------------------------
df_f <- list(c(1, 1), c(1, 1e4), c(20, 3), c(3, 20), c(5, 10), c(10, 100), c(0.5, 2), c(100, 1e4), c(1e3, 1e3))
x_f <- c(1e-6, 1e-4, 1e-3, 0.01, 0.1, 0.3, 0.5, 0.8, 1, 1.2, 1.5, 2, 3, 5, 7, 10, 20, 30, 50, 100, 300, 1000, 1e4, 1e6)
pf_items <- vapply(df_f, function(d) obj(df1 = scalar(d[1]), df2 = scalar(d[2]), x = x_f, pdf = df(x_f, d[1], d[2]),
                   lower = pf(x_f, d[1], d[2]), upper = pf(x_f, d[1], d[2], lower.tail = FALSE)), "")

# ---- special functions ----------------------------------------------------------------
x_lg <- c(1e-300, 1e-100, 1e-20, 1e-8, 1e-3, 0.1, 0.25, 0.5, 0.9, 0.99, 0.999999, 1, 1.000001, 1.01, 1.1, 1.5,
          1.9, 1.99, 1.999999, 2, 2.000001, 2.01, 2.5, 3, 3.7, 5, 7.5, 10, 12.2, 15, 20, 33.3, 50, 100, 1e3, 1e5, 1e10, 1e100, 1e300)
lgamma_obj <- obj(x = x_lg, value = lgamma(x_lg))
ab <- c(0.5, 1, 3, 20, 200, 5e4)
x_b <- c(1e-10, 1e-4, 0.01, 0.1, 0.3, 0.5, 0.7, 0.9, 0.99, 0.9999)
pbeta_items <- unlist(lapply(ab, function(a) vapply(ab, function(b)
  obj(a = scalar(a), b = scalar(b), x = x_b, lower = pbeta(x_b, a, b), upper = pbeta(x_b, a, b, lower.tail = FALSE)), "")))

out <- paste0("{\n",
  "  \"generator\": \"make_distribution_fixtures.R\",\n",
  "  \"r_version\": \"", R.version.string, "\",\n",
  "  \"normal\": ", normal, ",\n",
  "  \"normal_quantile\": ", qnormal, ",\n",
  "  \"student_t\": ", arr(pt_items), ",\n",
  "  \"student_t_quantile\": ", arr(qt_items), ",\n",
  "  \"chi_square\": ", arr(pchisq_items), ",\n",
  "  \"chi_square_quantile\": ", arr(qchisq_items), ",\n",
  "  \"f\": ", arr(pf_items), ",\n",
  "  \"log_gamma\": ", lgamma_obj, ",\n",
  "  \"beta\": ", arr(pbeta_items), "\n",
  "}\n")
writeLines(out, "distributions.json", sep = "")
cat("wrote distributions.json with", R.version.string, "\n")
