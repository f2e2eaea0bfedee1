#!/usr/bin/env Rscript
# Reference fixtures for propensity-score matching on LaLonde (614 rows).
#
#   Rscript Tests/Fixtures/matching/make_matching_fixtures.R [REFERENCE_DIR]
#
# REFERENCE_DIR defaults to /work/shared/reference (needs lalonde.csv and
# A_lalonde.json). Writes lalonde_matchit.json next to this script.
# Needs Debian r-cran-matchit (4.5.1-1) and r-cran-sandwich; nothing else.
#
# Debian's MatchIt 4.5.1 has upstream bug #163 in its nearest-neighbour C++
# routine for a distance *vector* (nn_matchC_vec): distances are passed
# through the C integer abs(), i.e. |d| is truncated to an integer. For a
# propensity score every |d| < 1 becomes 0, so calipers are ignored and the
# left/right neighbour comparison always picks the lower one.
# Work-around used here (see README.md): we hand MatchIt the SAME propensity
# score multiplied by 2^30 as a user-supplied distance vector. Multiplying by
# a power of two is exact in floating point, does not change any ordering or
# the standardised caliper (sd scales by exactly 2^30), and makes the integer
# truncation act at 2^-30 (~9.3e-10) resolution instead of at 1. Every
# matching is then re-checked by an independent greedy verifier (exact double
# comparisons, below); if it passes, the result is the one the fixed code
# (std::abs) gives. The nearest and caliper cases must also reproduce
# A_lalonde.json's matched pairs exactly. Mahalanobis matching goes through
# the other C++ routine (nn_matchC), which is not affected, and is run as is.
## Optional: MATCHIT_LIB=/path/to/private/library to use a MatchIt built with
## build_patched_matchit.sh instead (the scaling below is exact there too).
if (nzchar(Sys.getenv("MATCHIT_LIB"))) .libPaths(c(Sys.getenv("MATCHIT_LIB"), .libPaths()))
suppressPackageStartupMessages({
  library(MatchIt)
  library(sandwich)
})

args <- commandArgs(trailingOnly = TRUE)
ref_dir <- if (length(args) >= 1) args[1] else "/work/shared/reference"
script_path <- sub("^--file=", "", grep("^--file=", commandArgs(FALSE), value = TRUE))
out_dir <- if (length(script_path)) dirname(normalizePath(script_path)) else getwd()
out_file <- file.path(out_dir, "lalonde_matchit.json")

## ---------------------------------------------------------------- JSON writer
## jsonlite prints at most 15 significant digits, which does not round-trip.
## Doubles are written with the shortest of %.15g/%.16g/%.17g that reads back
## to the identical double; NA/NaN -> null. Length-1 atomic vectors are
## scalars unless wrapped in I() (then arrays).
num_str <- function(x) {
  if (is.na(x)) return("null")
  if (!is.finite(x)) stop("non-finite number in JSON output")
  for (dg in 15:17) {
    s <- sprintf("%.*g", dg, x)
    if (as.numeric(s) == x) return(s)
  }
  stop("no round-trip representation")
}
json_str <- function(s) ifelse(is.na(s), "null", encodeString(enc2utf8(s), quote = "\""))
to_json <- function(x, ind = "") {
  nx <- paste0(ind, "  ")
  if (is.null(x)) return("null")
  if (is.list(x)) {
    if (length(x) == 0) return(if (is.null(names(x))) "[]" else "{}")
    items <- vapply(x, to_json, "", ind = nx)
    if (!is.null(names(x))) {
      items <- paste0(json_str(names(x)), ": ", items)
      return(paste0("{\n", nx, paste(items, collapse = paste0(",\n", nx)), "\n", ind, "}"))
    }
    return(paste0("[\n", nx, paste(items, collapse = paste0(",\n", nx)), "\n", ind, "]"))
  }
  as_array <- inherits(x, "AsIs") || length(x) != 1
  x <- unclass(x); names(x) <- NULL
  el <- if (is.logical(x)) ifelse(is.na(x), "null", ifelse(x, "true", "false"))
        else if (is.integer(x)) ifelse(is.na(x), "null", as.character(x))
        else if (is.numeric(x)) vapply(x, num_str, "")
        else if (is.character(x)) vapply(x, json_str, "")
        else stop("unsupported type")
  if (as_array) paste0("[", paste(el, collapse = ", "), "]") else el
}

## ---------------------------------------------------------------- data
d <- read.csv(file.path(ref_dir, "lalonde.csv"), stringsAsFactors = FALSE)
stopifnot(nrow(d) == 614, sum(d$treat) == 185)
d$race <- relevel(factor(d$race), ref = "black")
rownames(d) <- d$id                    # "NSW1", ..., "PSID429"; row id = file order
row_id <- setNames(seq_len(nrow(d)), d$id)
f <- treat ~ age + educ + race + married + nodegree + re74 + re75
SCALE <- 2^30

## MatchIt's own propensity score (glm, quasibinomial logit, default control).
m_ps <- matchit(f, data = d, method = NULL, distance = "glm")
ps <- m_ps$distance
treat <- d$treat
## The same logit fitted to full convergence (used for ipw_att and for a
## sensitivity check of the matchings).
gl <- glm(f, data = d, family = binomial(), control = glm.control(epsilon = 1e-14, maxit = 100))
ps_conv <- setNames(unname(fitted(gl)), d$id)

## ---------------------------------------------------------------- helpers
fit_nearest <- function(extra, glm_distance = TRUE) {
  if (glm_distance) {
    m <- do.call(matchit, c(list(formula = f, data = d, method = "nearest",
                                 distance = ps * SCALE), extra))
    m$distance <- m$distance / SCALE              # exact: power of two
    if (!is.null(m$caliper)) m$caliper <- m$caliper / SCALE
  } else {
    m <- do.call(matchit, c(list(formula = f, data = d, method = "nearest"), extra))
  }
  m
}

pairs_of <- function(m) {
  mm <- m$match.matrix
  out <- list()
  for (i in seq_len(nrow(mm))) {
    ctl <- mm[i, ]
    ctl <- ctl[!is.na(ctl)]
    if (length(ctl) == 0) next
    out[[length(out) + 1]] <- list(treated = unname(row_id[rownames(mm)[i]]),
                                   controls = I(unname(row_id[ctl])))
  }
  out
}

bal_table <- function(tab) {
  col <- c(means_treated = "Means Treated", means_control = "Means Control",
           std_mean_diff = "Std. Mean Diff.", var_ratio = "Var. Ratio",
           ecdf_mean = "eCDF Mean", ecdf_max = "eCDF Max",
           std_pair_dist = "Std. Pair Dist.")
  col <- col[col %in% colnames(tab)]
  res <- lapply(rownames(tab), function(r) {
    lapply(col, function(cn) unname(tab[r, cn]))
  })
  names(res) <- rownames(tab)
  res
}

counts_of <- function(nn) {
  key <- c(all_ess = "All (ESS)", all = "All", matched_ess = "Matched (ESS)",
           matched = "Matched", unmatched = "Unmatched", discarded = "Discarded")
  lapply(key, function(k) list(control = unname(nn[k, "Control"]),
                               treated = unname(nn[k, "Treated"])))
}

att_of <- function(m, replace) {
  md <- match.data(m)                     # rows with weight > 0
  fit <- lm(re78 ~ treat, data = md, weights = weights)
  if (replace) {
    V <- vcovHC(fit, type = "HC1")
    vt <- "sandwich::vcovHC(fit, type = \"HC1\") (no subclass with replacement)"
    G <- NA_integer_
  } else {
    V <- vcovCL(fit, cluster = ~subclass, type = "HC1")
    vt <- "sandwich::vcovCL(fit, cluster = ~subclass, type = \"HC1\"): G/(G-1)*(N-1)/(N-K)"
    G <- length(unique(md$subclass))
  }
  list(model = "lm(re78 ~ treat, data = match.data(m), weights = weights)",
       coef = unname(coef(fit)["treat"]), se = sqrt(unname(V["treat", "treat"])),
       intercept = unname(coef(fit)["(Intercept)"]),
       vcov = vt, n = nrow(md), n_clusters = G)
}

## Independent greedy verifier for propensity-score (vector distance) cases.
## Replays MatchIt's documented algorithm with exact double comparisons:
## rounds r = 1..ratio; in each round the treated are visited in m.order; a
## treated unit takes the eligible control with the smallest |ps_t - ps_c|
## (eligible: not discarded, same exact stratum, within caliper, not already
## matched to this treated unit, and, without replacement, not used before).
## It checks that MatchIt's choice attains that minimum and that MatchIt left a
## slot empty exactly when nothing was eligible. Returns counts incl. ties.
verify_greedy <- function(m, ratio = 1, replace = FALSE, order = "largest",
                          caliper = NULL, exact = NULL) {
  mm <- m$match.matrix
  tr <- which(treat == 1); co <- which(treat == 0)
  disc <- m$discarded
  used <- setNames(rep(FALSE, length(co)), co)
  strat <- if (is.null(exact)) rep(0, nrow(d)) else d[[exact]]
  ord <- switch(order,
                largest = tr[order(ps[tr], decreasing = TRUE)],
                smallest = tr[order(ps[tr])],
                data = tr)
  bad <- 0L; ties <- 0L; decisions <- 0L
  for (r in seq_len(ratio)) {
    for (t in ord) {
      if (disc[t]) next
      already <- row_id[mm[d$id[t], seq_len(r - 1)]]
      el <- co[!disc[co] & strat[co] == strat[t] & !(co %in% already)]
      if (!replace) el <- el[!used[as.character(el)]]
      dist <- abs(ps[t] - ps[el])
      if (!is.null(caliper)) { el <- el[dist <= caliper]; dist <- dist[dist <= caliper] }
      got <- mm[d$id[t], r]
      decisions <- decisions + 1L
      if (length(el) == 0) { if (!is.na(got)) bad <- bad + 1L; next }
      if (is.na(got)) { bad <- bad + 1L; next }
      g <- row_id[[got]]
      if (!(g %in% el) || abs(ps[t] - ps[g]) != min(dist)) bad <- bad + 1L
      if (sum(dist == min(dist)) > 1) ties <- ties + 1L
      if (!replace) used[as.character(g)] <- TRUE
    }
  }
  list(decisions = decisions, violations = bad, tie_decisions = ties)
}

## Mahalanobis verifier: distances computed by hand (pooled within-group
## covariance, n-2 denominator, of the standardised model-matrix columns with
## all race levels; Moore-Penrose inverse, eigenvalues < 1e-8 * largest dropped), treated visited in data order, without replacement; the chosen
## control must be within 1e-9 (relative) of the minimum.
verify_mahalanobis <- function(m) {
  X <- model.matrix(~ age + educ + race + married + nodegree + re74 + re75, d,
                    contrasts.arg = list(race = contrasts(d$race, contrasts = FALSE)))[, -1]
  X <- scale(X)   # column scaling does not change the distance; it keeps the
                  # eigenvalue cut-off below meaningful (race dummies are collinear)
  Xc <- X
  for (g in 0:1) Xc[treat == g, ] <- sweep(X[treat == g, ], 2, colMeans(X[treat == g, ]))
  S <- crossprod(Xc) / (nrow(X) - 2)
  sv <- svd(S); pos <- sv$d > 1e-8 * sv$d[1]
  Sinv <- sv$v[, pos] %*% (t(sv$u[, pos]) / sv$d[pos])
  mm <- m$match.matrix
  co <- which(treat == 0); used <- rep(FALSE, length(co))
  bad <- 0L; near <- 0L
  for (t in which(treat == 1)) {
    diffs <- sweep(X[co[!used], , drop = FALSE], 2, X[t, ])
    dist <- sqrt(rowSums((diffs %*% Sinv) * diffs))
    g <- row_id[[mm[d$id[t], 1]]]
    k <- match(g, co[!used])
    if (is.na(k) || dist[k] > min(dist) * (1 + 1e-9) + 1e-12) bad <- bad + 1L
    if (sum(dist <= min(dist) * (1 + 1e-9) + 1e-12) > 1) near <- near + 1L
    used[co == g] <- TRUE
  }
  list(decisions = sum(treat), violations = bad, tie_or_near_tie_decisions = near)
}

## ---------------------------------------------------------------- cases
case_specs <- list(
  nearest        = list(extra = list(), glm = TRUE, ratio = 1, replace = FALSE, order = "largest"),
  caliper        = list(extra = list(caliper = 0.1), glm = TRUE, ratio = 1, replace = FALSE, order = "largest"),
  ratio2         = list(extra = list(ratio = 2), glm = TRUE, ratio = 2, replace = FALSE, order = "largest"),
  replace        = list(extra = list(replace = TRUE), glm = TRUE, ratio = 1, replace = TRUE, order = "data"),
  mahalanobis    = list(extra = list(distance = "mahalanobis"), glm = FALSE, ratio = 1, replace = FALSE, order = "data"),
  exact_married  = list(extra = list(exact = ~married), glm = TRUE, ratio = 1, replace = FALSE, order = "largest", exact = "married"),
  discard_both   = list(extra = list(discard = "both"), glm = TRUE, ratio = 1, replace = FALSE, order = "largest"),
  order_smallest = list(extra = list(m.order = "smallest"), glm = TRUE, ratio = 1, replace = FALSE, order = "smallest")
)
settings_txt <- c(
  nearest = "method='nearest', distance='glm' (logit PS), ratio=1, replace=FALSE, m.order='largest' (default), no caliper",
  caliper = "as nearest plus caliper=0.1, std.caliper=TRUE (0.1 * sd(ps) over all non-discarded units, n-1)",
  ratio2 = "as nearest with ratio=2 (two rounds: every treated unit gets its 1st control, then its 2nd)",
  replace = "as nearest with replace=TRUE (MatchIt then forces m.order='data'; order is irrelevant with replacement)",
  mahalanobis = "method='nearest', distance='mahalanobis' on the model covariates (all race levels), m.order='data' (default without a PS), no ps",
  exact_married = "as nearest with exact=~married (matching done separately within married=0 and married=1)",
  discard_both = "as nearest with discard='both' (units outside the common-support PS range of the other group are discarded)",
  order_smallest = "as nearest with m.order='smallest' (ascending PS)"
)

A <- jsonlite::fromJSON(file.path(ref_dir, "A_lalonde.json"), simplifyVector = FALSE)
verification <- list()
cases <- list()
for (nm in names(case_specs)) {
  sp <- case_specs[[nm]]
  m <- fit_nearest(sp$extra, glm_distance = sp$glm)
  s <- summary(m, standardize = TRUE)
  entry <- list(settings = settings_txt[[nm]])
  if (sp$glm) {
    entry$route <- "Debian MatchIt 4.5.1, distance = ps * 2^30 (bug #163 work-around), verified by independent greedy replay"
  } else {
    entry$route <- "Debian MatchIt 4.5.1 as is (nn_matchC path, not affected by bug #163), verified by hand-computed Mahalanobis distances"
  }
  if (!is.null(m$caliper)) entry$caliper_ps_units <- unname(m$caliper)
  entry$pairs <- pairs_of(m)
  entry$weights <- I(unname(m$weights))
  entry$counts <- counts_of(s$nn)
  entry$balance <- list(all = bal_table(s$sum.all), matched = bal_table(s$sum.matched))
  entry$att <- att_of(m, sp$replace)
  if (sp$glm) entry$ps <- I(unname(m$distance))
  entry$discarded <- I(unname(which(m$discarded)))
  v <- if (sp$glm) {
    verify_greedy(m, ratio = sp$ratio, replace = sp$replace, order = sp$order,
                  caliper = m$caliper, exact = sp$exact)
  } else verify_mahalanobis(m)
  if (v$violations != 0) stop(sprintf("case %s fails the independent verifier", nm))
  # What the unmodified Debian binary gives (bug #163), for the record.
  if (sp$glm) {
    mb <- do.call(matchit, c(list(formula = f, data = d, method = "nearest",
                                  distance = "glm"), sp$extra))
    same <- identical(unname(mb$match.matrix), unname(m$match.matrix))
    v$debian_binary_unmodified_identical_match_matrix <- same
    v$debian_binary_unmodified_att <- att_of(mb, sp$replace)$coef
  }
  # Sensitivity to logit convergence: the same matching on the fully converged
  # PS (epsilon 1e-14) instead of MatchIt's (default epsilon 1e-8).
  if (sp$glm) {
    mcv <- do.call(matchit, c(list(formula = f, data = d, method = "nearest",
                                   distance = ps_conv * SCALE), sp$extra))
    v$same_match_matrix_with_fully_converged_ps <- identical(unname(mcv$match.matrix), unname(m$match.matrix))
    v$same_matched_sets_with_fully_converged_ps <- identical(mcv$weights > 0, m$weights > 0)
  }
  verification[[nm]] <- v
  cases[[nm]] <- entry
}

## ---------------------------------------------------------------- IPW (ATT)
## Logit fitted to full convergence (MatchIt's PS uses glm's default
## epsilon 1e-8; the difference to this one is recorded below).
ps_ipw <- unname(ps_conv)
w_ipw <- ifelse(treat == 1, 1, ps_ipw / (1 - ps_ipw))
fit_ipw <- lm(re78 ~ treat, data = d, weights = w_ipw)
V_ipw <- vcovHC(fit_ipw, type = "HC1")

## Balance by hand, with MatchIt/cobalt definitions for the ATT:
##  means: weighted means within each group;
##  SMD  = (mean_T - mean_C) / sd_T, sd_T from the UNWEIGHTED treated group
##         (binary: sqrt(p(1-p)); otherwise sqrt of the n-1 variance);
##         when |mean_T - mean_C| <= sqrt(.Machine$double.eps) MatchIt reports
##         the raw difference instead;
##  var ratio = wvar_T / wvar_C with wvar = sum(w (x - xbar_w)^2) / (1 - sum(w^2)),
##         w normalised to sum 1 in the group (= cov.wt); not for binary;
##  eCDF: weights normalised to 1 within group; F_T, F_C the weighted eCDFs;
##         eCDF Mean / Max = mean / max of |F_T - F_C| over the distinct
##         observed values of x (pooled); binary: both = |mean_T - mean_C|.
Xb <- model.matrix(~ age + educ + race + married + nodegree + re74 + re75, d,
        contrasts.arg = list(race = contrasts(d$race, contrasts = FALSE)))[, -1]
Xb <- cbind(distance = ps_ipw, Xb)
wvar_h <- function(x, w) { w <- w / sum(w); mx <- sum(w * x); sum(w * (x - mx)^2) / (1 - sum(w^2)) }
bal_hand <- function(x, w) {
  i1 <- treat == 1; i0 <- treat == 0
  bin <- all(x == 0 | x == 1)
  mt <- sum(x[i1] * w[i1]) / sum(w[i1]); mc <- sum(x[i0] * w[i0]) / sum(w[i0])
  p <- mean(x[i1])
  sdt <- if (bin) sqrt(p * (1 - p)) else sd(x[i1])
  smd <- if (abs(mt - mc) > sqrt(.Machine$double.eps)) (mt - mc) / sdt else mt - mc
  if (bin) {
    vr <- NA_real_; em <- ex <- abs(mt - mc)
  } else {
    vr <- wvar_h(x[i1], w[i1]) / wvar_h(x[i0], w[i0])
    u <- sort(unique(x))
    w1 <- w[i1] / sum(w[i1]); w0 <- w[i0] / sum(w[i0])
    F1 <- vapply(u, function(v) sum(w1[x[i1] <= v]), 0)
    F0 <- vapply(u, function(v) sum(w0[x[i0] <= v]), 0)
    em <- mean(abs(F1 - F0)); ex <- max(abs(F1 - F0))
  }
  list(means_treated = mt, means_control = mc, std_mean_diff = smd,
       var_ratio = vr, ecdf_mean = em, ecdf_max = ex)
}
ipw_bal <- lapply(colnames(Xb), function(cn) bal_hand(Xb[, cn], w_ipw))
names(ipw_bal) <- colnames(Xb)
ipw_unw <- lapply(colnames(Xb), function(cn) bal_hand(Xb[, cn], rep(1, nrow(d))))
names(ipw_unw) <- colnames(Xb)
## Cross-check against MatchIt's internal balance routine (same formulas,
## cumulative-sum implementation): agreement to 1e-12 relative.
xchk <- 0
for (cn in colnames(Xb)) {
  mi <- MatchIt:::bal1var(Xb[, cn], tt = treat, ww = w_ipw, s.weights = rep(1, nrow(d)),
                          standardize = TRUE, s.d.denom = "treated", compute.pair.dist = FALSE)
  hb <- unlist(ipw_bal[[cn]])
  mi <- mi[1:6]
  ok <- is.na(mi) == is.na(hb)
  dif <- abs(mi - hb) / pmax(1, abs(hb)); dif[is.na(dif)] <- 0
  if (!all(ok)) stop("NA pattern mismatch ", cn)
  xchk <- max(xchk, dif)
}
if (xchk > 1e-12) stop("hand balance disagrees with MatchIt:::bal1var: ", xchk)
ess <- function(w) sum(w)^2 / sum(w^2)
cases$ipw_att <- list(
  settings = paste("ATT weights from a fully converged logit (glm binomial, epsilon 1e-14):",
                   "treated 1, control ps/(1-ps); estimate = weighted difference in means of re78"),
  logit_coef = as.list(coef(gl)),
  ps = I(ps_ipw),
  weights = I(w_ipw),
  att = list(model = "lm(re78 ~ treat, weights = w) on all 614 rows",
             coef = unname(coef(fit_ipw)["treat"]), se = sqrt(V_ipw["treat", "treat"]),
             intercept = unname(coef(fit_ipw)["(Intercept)"]),
             vcov = "sandwich::vcovHC(fit, type = \"HC1\"): n/(n-K) with K = 2; ignores PS estimation",
             n = nrow(d)),
  ess = list(control = ess(w_ipw[treat == 0]), treated = ess(w_ipw[treat == 1])),
  balance = list(all = ipw_unw, weighted = ipw_bal),
  balance_definition = paste("by hand in R (see make_matching_fixtures.R), MatchIt/cobalt ATT definitions;",
                             "'distance' row = this ps; cross-checked with MatchIt:::bal1var")
)
verification$ipw_att <- list(max_rel_diff_vs_MatchIt_bal1var = xchk,
                             max_abs_diff_ps_vs_MatchIt_glm_ps = max(abs(ps_ipw - ps)))

## ---------------------------------------------------------------- check vs A
rel <- function(a, b) abs(a - b) / max(1, abs(b))
checkA <- function(case, key) {
  ref <- A[[key]]
  mm <- cases[[case]]$pairs
  mine <- setNames(vapply(mm, function(p) as.integer(p$controls[1]), 1L),
                   vapply(mm, function(p) p$treated, 1L))
  refp <- vapply(ref$matched_pairs, function(p) row_id[[p$control[[1]]]], 1L)
  names(refp) <- vapply(ref$matched_pairs, function(p) row_id[[p$treated]], 1L)
  set_t <- setequal(names(mine), names(refp))
  set_c <- setequal(mine, refp)
  same_pairs <- set_t && all(mine[names(refp)] == refp)
  bm <- cases[[case]]$balance$matched
  bmax <- 0
  for (tn in names(ref$balance_matched)) {
    r <- ref$balance_matched[[tn]]; b <- bm[[tn]]
    for (k in c("mean_treated", "mean_control", "smd", "var_ratio", "ecdf_mean", "ecdf_max")) {
      kk <- switch(k, mean_treated = "means_treated", mean_control = "means_control",
                   smd = "std_mean_diff", k)
      if (is.null(r[[k]])) { if (!is.na(b[[kk]])) bmax <- Inf; next }
      bmax <- max(bmax, rel(b[[kk]], r[[k]]))
    }
  }
  list(treated_set_equal = set_t, control_set_equal = set_c, pairs_identical = same_pairs,
       att_rel_diff = rel(cases[[case]]$att$coef, ref$diff_in_means$estimate),
       se_rel_diff = rel(cases[[case]]$att$se, ref$diff_in_means$se_cluster_pair_HC1),
       balance_matched_max_rel_diff = bmax)
}
ba <- 0
for (tn in names(A$balance_unmatched)) {
  r <- A$balance_unmatched[[tn]]; b <- cases$nearest$balance$all[[tn]]
  ba <- max(ba, rel(b$means_treated, r$mean_treated), rel(b$means_control, r$mean_control),
            rel(b$std_mean_diff, r$smd), rel(b$ecdf_mean, r$ecdf_mean), rel(b$ecdf_max, r$ecdf_max),
            if (is.null(r$var_ratio)) 0 else rel(b$var_ratio, r$var_ratio))
}
verification$A_lalonde <- list(nearest = checkA("nearest", "nn"), caliper = checkA("caliper", "nn_caliper"),
                               balance_unmatched_max_rel_diff = ba,
                               ps_max_abs_diff = max(abs(unlist(A$ps$first5) - ps[1:5])),
                               caliper_ps_units_rel_diff = rel(cases$caliper$caliper_ps_units, A$nn_caliper$caliper_ps_units))
for (k in c("nearest", "caliper")) {
  v <- verification$A_lalonde[[k]]
  if (!(v$pairs_identical && v$att_rel_diff < 1e-12 && v$se_rel_diff < 1e-9 &&
        v$balance_matched_max_rel_diff < 1e-9)) stop("does not reproduce A_lalonde.json: ", k)
}

## ---------------------------------------------------------------- write
out <- list(
  dataset = "LaLonde (MatchIt data(lalonde)), /work/shared/reference/lalonde.csv, 614 rows; row id = 1-based file order (1..185 NSW treated, 186..614 PSID controls)",
  ps_model = "treat ~ age + educ + race + married + nodegree + re74 + re75; race factor, reference 'black'; MatchIt distance='glm' (quasibinomial logit, default glm.control), distance = fitted probability",
  estimand = "ATT",
  software = list(R = R.version.string,
                  MatchIt = paste(packageVersion("MatchIt"), "(Debian r-cran-matchit 4.5.1-1; bug #163 neutralised by distance*2^30, see README)"),
                  sandwich = as.character(packageVersion("sandwich"))),
  conventions = list(
    pairs = "one entry per matched treated unit, in match.matrix row order (data order); controls in match.matrix column order (round 1, round 2, ...); all ids 1-based row ids",
    weights = "MatchIt weights for all 614 rows in file order (0 = unmatched or discarded)",
    balance = "summary(m, standardize = TRUE): 'all' = sum.all, 'matched' = sum.matched; var_ratio null for binary terms; terms include 'distance' (the PS) when there is one",
    att = "coef/se of treat in lm(re78 ~ treat, weights = weights) on match.data(m); vcov named in each entry",
    doubles = "shortest decimal that round-trips to the identical IEEE double"),
  cases = cases,
  verification = verification)
txt <- to_json(out)
writeLines(txt, out_file)

## read back: every number must come back as the identical double
back <- jsonlite::fromJSON(out_file, simplifyVector = FALSE)
n_checked <- 0
deep_eq <- function(a, b, path = "") {
  if (is.list(a)) {
    if (length(a) != length(b)) stop("length differs at ", path)
    for (i in seq_along(a)) deep_eq(a[[i]], b[[i]], paste0(path, "/", if (is.null(names(a))) i else names(a)[i]))
    return(invisible())
  }
  if (is.null(a)) { if (!is.null(b)) stop("null differs at ", path); return(invisible()) }
  a <- unclass(a); names(a) <- NULL
  if (is.numeric(a)) {
    bb <- vapply(if (is.list(b)) b else list(b), function(z) if (is.null(z)) NA_real_ else as.numeric(z), 0)
    if (length(a) != length(bb) || !identical(is.na(a), is.na(bb)) ||
        any(a[!is.na(a)] != bb[!is.na(bb)])) stop("number differs at ", path)
    n_checked <<- n_checked + sum(!is.na(a))
  }
}
deep_eq(out, back)
cat("read-back: ", n_checked, " numbers identical\n", sep = "")
cat("wrote", out_file, "\n")
str(verification, max.level = 3)
