# make_numerics_fixtures.R -- reference fixtures for Effekt's numerics core.
#
# Run from this folder:   Rscript make_numerics_fixtures.R
# Writes glm_lalonde.json, ols_petersen.json, lm_collinear.json, separation.json here.
#
# Inputs: ../../../Datasets/lalonde.csv (MatchIt's lalonde, 614 rows) and
# sandwich::PetersenCL. Everything else is simulated here with fixed seeds.
#
# Needs: R >= 4.2, sandwich, jsonlite (only to escape strings), lpSolve (for the
# separation check, Debian r-cran-lpsolve). JSON is written by the small writer
# below so that every double carries 17 significant digits (sprintf "%.17g"),
# which round-trips exactly through any correctly rounded parser. NA -> null.
#
# Optional: if the environment variable EFFEKT_HEXDUMP names a file, every number
# written is also appended there, in writing order, as C99 hex ("%a") so that a
# reader can check the decimal text round-trips bit for bit (check_roundtrip.py does).
# If EFFEKT_FIXTURE_OUT names a folder, the JSON files are written there instead of here.

suppressPackageStartupMessages({
  library(stats)
  library(sandwich)
  library(jsonlite)
  library(lpSolve)
})

options(warn = 1)

## ---------------------------------------------------------------------------
## Minimal JSON writer with full-precision doubles
## ---------------------------------------------------------------------------

hexdump_path <- Sys.getenv("EFFEKT_HEXDUMP", "")
hex_buffer <- character(0)

# Mark a vector to be written as a JSON array even when it has length 0 or 1.
arr <- function(x) structure(list(x), class = "json_array")
# Named vector -> JSON object (name: value), NA -> null.
obj <- function(x) {
  stopifnot(!is.null(names(x)))
  out <- as.list(unname(x))
  names(out) <- names(x)
  out
}

fmt_num <- function(v) {
  # v: numeric/integer/logical vector, no names. Returns character tokens.
  if (is.logical(v)) {
    return(ifelse(is.na(v), "null", ifelse(v, "true", "false")))
  }
  if (is.integer(v)) {
    tok <- ifelse(is.na(v), "null", sprintf("%d", v))
    if (nzchar(hexdump_path)) hex_buffer <<- c(hex_buffer, ifelse(is.na(v), "null", sprintf("%a", as.double(v))))
    return(tok)
  }
  if (any(is.infinite(v) | is.nan(v))) stop("non-finite value in fixture")
  tok <- ifelse(is.na(v), "null", sprintf("%.17g", v))
  if (nzchar(hexdump_path)) hex_buffer <<- c(hex_buffer, ifelse(is.na(v), "null", sprintf("%a", v)))
  tok
}

fmt_str <- function(s) vapply(s, function(z) as.character(jsonlite::toJSON(z, auto_unbox = TRUE)), "")

to_json <- function(x, ind = "") {
  nxt <- paste0(ind, "  ")
  if (inherits(x, "json_array")) {
    v <- x[[1]]
    if (is.list(v)) return(to_json(unname(v), ind))
    toks <- if (is.character(v)) fmt_str(v) else fmt_num(unname(v))
    return(paste0("[", paste(toks, collapse = ", "), "]"))
  }
  if (is.matrix(x)) {
    rows <- vapply(seq_len(nrow(x)), function(i) to_json(arr(unname(x[i, ])), nxt), "")
    return(paste0("[", paste(rows, collapse = ", "), "]"))
  }
  if (is.list(x)) {
    if (length(x) == 0) return(if (is.null(names(x))) "[]" else "{}")
    if (is.null(names(x))) {
      items <- vapply(x, to_json, "", ind = nxt)
      return(paste0("[\n", nxt, paste(items, collapse = paste0(",\n", nxt)), "\n", ind, "]"))
    }
    items <- character(length(x))
    for (i in seq_along(x)) {
      items[i] <- paste0(fmt_str(names(x)[i]), ": ", to_json(x[[i]], nxt))
    }
    return(paste0("{\n", nxt, paste(items, collapse = paste0(",\n", nxt)), "\n", ind, "}"))
  }
  if (is.null(x)) return("null")
  if (length(x) != 1) {
    if (!is.null(names(x))) return(to_json(obj(x), ind))
    return(to_json(arr(x), ind))
  }
  if (!is.null(names(x)) && nzchar(names(x))) return(to_json(obj(x), ind))
  if (is.character(x)) return(fmt_str(x))
  fmt_num(unname(x))
}

out_dir <- Sys.getenv("EFFEKT_FIXTURE_OUT", ".")

write_fixture <- function(x, file) {
  hex_buffer <<- character(0)
  txt <- to_json(x)
  path <- file.path(out_dir, file)
  writeLines(txt, path, useBytes = TRUE)
  if (nzchar(hexdump_path)) {
    cat(paste0("# ", file, "\n"), file = hexdump_path, append = TRUE)
    cat(paste0(hex_buffer, "\n"), sep = "", file = hexdump_path, append = TRUE)
  }
  message("wrote ", path, " (", file.size(path), " bytes)")
}

## ---------------------------------------------------------------------------
## Shared helpers
## ---------------------------------------------------------------------------

si <- sessionInfo()
pkg_version <- function(p) as.character(packageVersion(p))
software <- list(
  R = R.version.string,
  platform = R.version$platform,
  running = si$running,
  BLAS = if (!is.null(si$BLAS)) si$BLAS else "",
  LAPACK = if (!is.null(si$LAPACK)) si$LAPACK else "",
  stats = pkg_version("stats"),
  sandwich = pkg_version("sandwich"),
  jsonlite = pkg_version("jsonlite"),
  lpSolve = pkg_version("lpSolve"),
  script = "Tests/Fixtures/numerics/make_numerics_fixtures.R"
)

design_block <- function(X) {
  X <- unclass(X)
  attr(X, "assign") <- NULL
  attr(X, "contrasts") <- NULL
  cols <- lapply(seq_len(ncol(X)), function(j) arr(as.double(X[, j])))
  list(names = arr(colnames(X)), columns = cols)
}

# Full-length named vector over all model-matrix columns, NA for aliased ones.
full_named <- function(values, all_names) {
  out <- setNames(rep(NA_real_, length(all_names)), all_names)
  out[names(values)] <- values
  out
}

se_from <- function(V, all_names) full_named(sqrt(diag(V)), all_names)

capture_warnings <- function(expr) {
  warns <- character(0)
  value <- withCallingHandlers(expr, warning = function(w) {
    warns <<- c(warns, conditionMessage(w))
    invokeRestart("muffleWarning")
  })
  list(value = value, warnings = unique(warns))
}

glm_block <- function(fit, hc = TRUE, warnings = character(0)) {
  nm <- colnames(model.matrix(fit))
  b <- list(
    formula = paste(deparse(formula(fit)), collapse = " "),
    family = fit$family$family,
    link = fit$family$link,
    control = list(epsilon = fit$control$epsilon, maxit = as.integer(fit$control$maxit)),
    coef = obj(full_named(coef(fit)[!is.na(coef(fit))], nm)),
    se = obj(se_from(vcov(fit), nm)),
    deviance = fit$deviance,
    null_deviance = fit$null.deviance,
    aic = fit$aic,
    loglik = as.numeric(logLik(fit)),
    df_residual = as.integer(fit$df.residual),
    df_null = as.integer(fit$df.null),
    rank = as.integer(fit$rank),
    iter = as.integer(fit$iter),
    converged = fit$converged,
    boundary = fit$boundary,
    warnings = arr(warnings)
  )
  # Gradient of the log-likelihood at the reported coefficients, evaluated at the final
  # linear predictor: shows how far from the exact MLE the stopping rule left the fit.
  # (Not colSums(estfun(fit)): glm's fit$weights, like its vcov, come from the working
  # weights of the LAST IRLS step, i.e. those evaluated at the previous iterate.)
  eta <- fit$linear.predictors
  mu <- fit$fitted.values
  fam <- fit$family
  sc <- colSums(model.matrix(fit) * (fit$prior.weights * (fit$y - mu) * fam$mu.eta(eta) / fam$variance(mu)))
  b$score <- obj(full_named(sc, nm))
  b$score_max_abs_times_se <- max(abs(sc * sqrt(diag(vcov(fit)))))
  if (hc) {
    b$se_hc0 <- obj(se_from(vcovHC(fit, type = "HC0"), nm))
    b$se_hc1 <- obj(se_from(vcovHC(fit, type = "HC1"), nm))
  }
  b$fitted_first5 <- arr(unname(fitted(fit)[1:5]))
  b$linear_predictor_first5 <- arr(unname(fit$linear.predictors[1:5]))
  b
}

## ---------------------------------------------------------------------------
## a) glm_lalonde.json
## ---------------------------------------------------------------------------

lalonde <- read.csv("../../../Datasets/lalonde.csv", stringsAsFactors = FALSE)
stopifnot(nrow(lalonde) == 614)
lalonde$race <- factor(lalonde$race, levels = c("black", "hispan", "white"))
n_l <- nrow(lalonde)
f_ps <- treat ~ age + educ + race + married + nodegree + re74 + re75

fit_glm <- function(family, control = glm.control()) {
  cw <- capture_warnings(glm(f_ps, data = lalonde, family = family, control = control))
  glm_block(cw$value, warnings = cw$warnings)
}
tight <- glm.control(epsilon = 1e-14, maxit = 100)

X_l <- model.matrix(f_ps, data = lalonde)
w_l <- 1 + (seq_len(n_l) %% 3)
off_l <- 0.05 * lalonde$educ - 0.5

cw_wo <- capture_warnings(glm(f_ps, data = lalonde, family = binomial, weights = w_l, offset = off_l))
wo_block <- glm_block(cw_wo$value, hc = FALSE, warnings = cw_wo$warnings)
wo_block <- c(list(weights_rule = "w = 1 + (seq_len(n) %% 3)", offset_rule = "offset = 0.05 * educ - 0.5",
                   weights = arr(w_l), offset = arr(off_l)), wo_block)

glm_fixture <- list(
  description = paste("LaLonde (MatchIt) data, 614 rows: glm(treat ~ age + educ + race + married + nodegree + re74 + re75),",
                      "race a factor with reference level 'black'. se = model-based sqrt(diag(vcov(fit)));",
                      "se_hc0/se_hc1 = sandwich::vcovHC(fit, type = 'HC0'/'HC1') (HC1 = HC0 * n/(n-k))."),
  software = software,
  data = "Datasets/lalonde.csv",
  n = n_l,
  formula = "treat ~ age + educ + race + married + nodegree + re74 + re75",
  design = design_block(X_l),
  y = arr(as.double(lalonde$treat)),
  logit = fit_glm(binomial(link = "logit")),
  logit_tight = fit_glm(binomial(link = "logit"), tight),
  probit = fit_glm(binomial(link = "probit")),
  probit_tight = fit_glm(binomial(link = "probit"), tight),
  logit_weighted_offset = wo_block
)
write_fixture(glm_fixture, "glm_lalonde.json")

## ---------------------------------------------------------------------------
## b) ols_petersen.json
## ---------------------------------------------------------------------------

data("PetersenCL", package = "sandwich")
pc <- PetersenCL
m1 <- lm(y ~ x, data = pc)
nm1 <- names(coef(m1))
V <- list(
  iid = vcov(m1),
  hc0 = vcovHC(m1, type = "HC0"),
  hc1 = vcovHC(m1, type = "HC1"),
  cl_firm_hc1 = vcovCL(m1, cluster = ~firm, type = "HC1"),
  cl_firm_hc0 = vcovCL(m1, cluster = ~firm, type = "HC0"),
  cl_year_hc1 = vcovCL(m1, cluster = ~year, type = "HC1"),
  cl_twoway_hc1 = vcovCL(m1, cluster = ~ firm + year, type = "HC1")  # multi0 = FALSE (default)
)
# Guard: the two-way default really is multi0 = FALSE.
stopifnot(isTRUE(all.equal(V$cl_twoway_hc1,
                           vcovCL(m1, cluster = ~ firm + year, type = "HC1", multi0 = FALSE), tolerance = 0)))

w_p <- 1 + (pc$firm %% 4)
m_w <- lm(y ~ x, data = pc, weights = w_p)
m_q <- lm(y ~ x + I(x^2) + factor(year), data = pc)
nm_q <- names(coef(m_q))

pet <- list(
  description = paste("sandwich::PetersenCL (5000 obs = 500 firms x 10 years), lm(y ~ x).",
                      "vcov_* are full covariance matrices, row-major, in the order of design$names."),
  software = software,
  data = "sandwich::PetersenCL",
  n = nrow(pc),
  formula = "y ~ x",
  design = design_block(model.matrix(m1)),
  y = arr(pc$y),
  cluster = list(firm = arr(as.integer(pc$firm)), year = arr(as.integer(pc$year))),
  n_clusters = list(firm = length(unique(pc$firm)), year = length(unique(pc$year))),
  coef = obj(coef(m1)),
  sigma = summary(m1)$sigma,
  df_residual = as.integer(m1$df.residual),
  se_iid = obj(se_from(V$iid, nm1)),
  se_hc0 = obj(se_from(V$hc0, nm1)),
  se_hc1 = obj(se_from(V$hc1, nm1)),
  se_cl_firm_hc1 = obj(se_from(V$cl_firm_hc1, nm1)),
  se_cl_firm_hc0 = obj(se_from(V$cl_firm_hc0, nm1)),
  se_cl_year_hc1 = obj(se_from(V$cl_year_hc1, nm1)),
  se_cl_twoway_hc1 = obj(se_from(V$cl_twoway_hc1, nm1)),
  vcov_iid = unname(V$iid),
  vcov_hc0 = unname(V$hc0),
  vcov_hc1 = unname(V$hc1),
  vcov_cl_firm_hc1 = unname(V$cl_firm_hc1),
  vcov_cl_firm_hc0 = unname(V$cl_firm_hc0),
  vcov_cl_year_hc1 = unname(V$cl_year_hc1),
  vcov_cl_twoway_hc1 = unname(V$cl_twoway_hc1),
  twoway_settings = list(multi0 = FALSE, cadjust = TRUE, type = "HC1",
                         formula = paste("V = (n-1)/(n-k) * B [ G_f/(G_f-1) M_firm + G_y/(G_y-1) M_year",
                                         "- G_fy/(G_fy-1) M_firm_cap_year ] B, B = (X'X)^-1,",
                                         "M_c = sum over clusters of (sum_i in cluster x_i e_i)(...)';",
                                         "G_fy = number of non-empty firm x year cells (5000 here)")),
  wls = list(
    formula = "y ~ x",
    weights_rule = "w = 1 + (firm %% 4)",
    weights = arr(as.double(w_p)),
    coef = obj(coef(m_w)),
    se_iid = obj(se_from(vcov(m_w), nm1)),
    se_cl_firm_hc1 = obj(se_from(vcovCL(m_w, cluster = ~firm, type = "HC1"), nm1)),
    vcov_cl_firm_hc1 = unname(vcovCL(m_w, cluster = ~firm, type = "HC1")),
    sigma = summary(m_w)$sigma,
    df_residual = as.integer(m_w$df.residual)
  ),
  quadratic_year_fe = list(
    formula = "y ~ x + I(x^2) + factor(year)",
    design = design_block(model.matrix(m_q)),
    k = length(nm_q),
    coef = obj(coef(m_q)),
    se_iid = obj(se_from(vcov(m_q), nm_q)),
    se_cl_firm_hc1 = obj(se_from(vcovCL(m_q, cluster = ~firm, type = "HC1"), nm_q)),
    sigma = summary(m_q)$sigma,
    df_residual = as.integer(m_q$df.residual)
  )
)
write_fixture(pet, "ols_petersen.json")

## ---------------------------------------------------------------------------
## c) lm_collinear.json
## ---------------------------------------------------------------------------

set.seed(20261122)
n_c <- 60
x1 <- rnorm(n_c)
x2 <- rnorm(n_c)
x3 <- 2 * x1 - x2                         # exactly collinear with x1, x2
g <- factor(rep(c("a", "b", "c"), length.out = n_c)[sample.int(n_c)], levels = c("a", "b", "c"))
dup <- as.numeric(g == "b")               # identical to the dummy column "gb"
x5 <- rep(1, n_c)                         # collinear with the intercept
y_c <- 1 + x1 + 0.5 * x2 + rnorm(n_c)
dc <- data.frame(y = y_c, x1, x2, x3, g, dup, x5)
f_c <- y ~ x1 + x2 + x3 + g + dup + x5

lm_case <- function(fit) {
  X <- model.matrix(fit)
  nm <- colnames(X)
  cf <- coef(fit)
  s <- summary(fit)
  se_est <- s$coefficients[, "Std. Error"]
  list(
    aliased = arr(names(cf)[is.na(cf)]),
    coef = obj(cf),
    se = obj(full_named(se_est, nm)),
    sigma = s$sigma,
    df_residual = as.integer(fit$df.residual),
    rank = as.integer(fit$rank),
    qr_pivot = arr(as.integer(fit$qr$pivot)),
    qr_tol = fit$qr$tol
  )
}

fit_c <- lm(f_c, data = dc)
w_c <- 1 + (seq_len(n_c) %% 5)
fit_cw <- lm(f_c, data = dc, weights = w_c)
w_z <- w_c
w_z[1:5] <- 0
fit_cz <- lm(f_c, data = dc, weights = w_z)

col <- list(
  description = paste("Synthetic collinear design (set.seed(20261122), n = 60), lm(y ~ x1 + x2 + x3 + g + dup + x5)",
                      "with R's default QR tolerance 1e-7 (LINPACK dqrdc2 with limited column pivoting: a column",
                      "is aliased when it is (numerically) a combination of the columns BEFORE it, so the",
                      "later column is dropped). x3 = 2*x1 - x2, dup = copy of dummy gb, x5 = 1."),
  software = software,
  seed = 20261122L,
  n = n_c,
  formula = "y ~ x1 + x2 + x3 + g + dup + x5",
  construction = list(
    x1 = "rnorm(60)", x2 = "rnorm(60)", x3 = "2 * x1 - x2",
    g = "factor(rep(c('a','b','c'), length.out = 60)[sample.int(60)])",
    dup = "as.numeric(g == 'b')", x5 = "1", y = "1 + x1 + 0.5 * x2 + rnorm(60)"
  ),
  design = design_block(model.matrix(fit_c)),
  y = arr(y_c),
  ols = lm_case(fit_c),
  wls = c(list(weights_rule = "w = 1 + (1:60 %% 5)", weights = arr(as.double(w_c))), lm_case(fit_cw)),
  wls_zero_weights = c(list(weights_rule = "w = 1 + (1:60 %% 5), then w[1:5] = 0",
                            weights = arr(as.double(w_z)),
                            n_nonzero_weights = sum(w_z != 0)),
                       lm_case(fit_cz))
)
write_fixture(col, "lm_collinear.json")

## ---------------------------------------------------------------------------
## d) separation.json
## ---------------------------------------------------------------------------

# Separation check by linear programming (Konis 2007, as in safeBinaryRegression /
# detectseparation, neither of which Debian packages): flip the rows with y = 0,
# Xt = (2y - 1) * X. The logit MLE is finite iff the only beta with Xt beta >= 0 is
# beta = 0. Within the box -1 <= beta_j <= 1 we maximise 1'Xt beta (> 0 means
# separation) and, per coefficient, max and min beta_j: a coefficient whose range is
# not {0} can be pushed to infinity along a separating direction.
lp_separation <- function(X, y, tol = 1e-8) {
  Xt <- (2 * y - 1) * X
  p <- ncol(X)
  A <- rbind(cbind(Xt, -Xt), diag(2 * p))
  dir <- c(rep(">=", nrow(Xt)), rep("<=", 2 * p))
  rhs <- c(rep(0, nrow(Xt)), rep(1, 2 * p))
  solve_lp <- function(obj) {
    r <- lp("max", c(obj, -obj), A, dir, rhs)
    if (r$status != 0) stop("lpSolve failed with status ", r$status)
    r$objval
  }
  total <- solve_lp(colSums(Xt))
  per <- vapply(seq_len(p), function(j) {
    e <- as.numeric(seq_len(p) == j)
    hi <- solve_lp(e)
    lo <- -solve_lp(-e)
    if (hi > tol && lo < -tol) "either sign" else if (hi > tol) "+Inf" else if (lo < -tol) "-Inf" else "finite"
  }, "")
  list(method = paste("LP (Konis 2007) with lpSolve", pkg_version("lpSolve"), "; box |beta_j| <= 1, tol 1e-8"),
       separation = total > tol,
       objective = total,
       infinite_estimates = as.list(setNames(per, colnames(X))))
}

sep_case <- function(formula, data, separating_variable, seed, construction) {
  cw <- capture_warnings(glm(formula, data = data, family = binomial))
  fit <- cw$value
  X <- model.matrix(fit)
  nm <- colnames(X)
  list(
    seed = seed,
    construction = construction,
    n = nrow(data),
    formula = paste(deparse(formula), collapse = " "),
    design = design_block(X),
    y = arr(as.double(data$y)),
    separating_variable = separating_variable,
    r_glm = list(
      control = list(epsilon = fit$control$epsilon, maxit = as.integer(fit$control$maxit)),
      warnings = arr(cw$warnings),
      converged = fit$converged,
      boundary = fit$boundary,
      iter = as.integer(fit$iter),
      coef = obj(full_named(coef(fit), nm)),
      se = obj(se_from(vcov(fit), nm)),
      deviance = fit$deviance,
      min_fitted = min(fitted(fit)),
      max_fitted = max(fitted(fit))
    ),
    lp_check = lp_separation(X, data$y)
  )
}

# complete: y = 1 exactly when x_sep > 0
set.seed(20261123)
n_s <- 40
x_sep <- rnorm(n_s)
z <- rnorm(n_s)
d_complete <- data.frame(y = as.integer(x_sep > 0), z = z, x_sep = x_sep)

# quasi-complete: every d_sep = 1 row has y = 1; d_sep = 0 rows have both outcomes
set.seed(20261124)
n_q <- 60
d_sep <- rep(c(1L, 0L), times = c(15, 45))[sample.int(n_q)]
zq <- rnorm(n_q)
yq <- ifelse(d_sep == 1L, 1L, rbinom(n_q, 1, plogis(-0.3 + 0.8 * zq)))
d_quasi <- data.frame(y = yq, z = zq, d_sep = d_sep)
stopifnot(all(yq[d_sep == 1L] == 1L), length(unique(yq[d_sep == 0L])) == 2)

# not separated: same layout, y ~ Bernoulli(plogis(-0.3 + 0.8 z + 0.7 d))
set.seed(20261125)
d_ns <- rep(c(1L, 0L), times = c(20, 40))[sample.int(n_q)]
zn <- rnorm(n_q)
yn <- rbinom(n_q, 1, plogis(-0.3 + 0.8 * zn + 0.7 * d_ns))
d_not <- data.frame(y = yn, z = zn, d = d_ns)

sep <- list(
  description = paste("Small logistic designs with and without separation; glm(family = binomial) with default",
                      "control. Under separation the MLE does not exist: R's coef/se are whatever IRLS reached",
                      "when it stopped (do not compare them tightly); the flags, warnings and which variable",
                      "separates are the point. lp_check = linear-programming separation check (Konis 2007)."),
  software = software,
  complete = sep_case(y ~ z + x_sep, d_complete, "x_sep", 20261123L,
                      list(x_sep = "rnorm(40)", z = "rnorm(40)", y = "as.integer(x_sep > 0)")),
  quasi_complete = sep_case(y ~ z + d_sep, d_quasi, "d_sep", 20261124L,
                            list(d_sep = "rep(c(1,0), times = c(15,45))[sample.int(60)]", z = "rnorm(60)",
                                 y = "ifelse(d_sep == 1, 1, rbinom(60, 1, plogis(-0.3 + 0.8 * z)))")),
  not_separated = sep_case(y ~ z + d, d_not, NULL, 20261125L,
                           list(d = "rep(c(1,0), times = c(20,40))[sample.int(60)]", z = "rnorm(60)",
                                y = "rbinom(60, 1, plogis(-0.3 + 0.8 * z + 0.7 * d))"))
)
stopifnot(sep$complete$lp_check$separation, sep$quasi_complete$lp_check$separation,
          !sep$not_separated$lp_check$separation)
write_fixture(sep, "separation.json")

message("done")
