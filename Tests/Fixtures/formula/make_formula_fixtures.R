# Reference model matrices from R's model.matrix() on the LaLonde data (Datasets/lalonde.csv),
# for Effekt's formula tests. Run from this folder: Rscript make_formula_fixtures.R
# Needs: Debian r-base-core, r-cran-jsonlite.
library(jsonlite)
d <- read.csv("../../../Datasets/lalonde.csv", stringsAsFactors = FALSE)
formulas <- c(
  "treat ~ age + educ + race + married + nodegree + re74 + re75",
  "treat ~ age + I(age^2) + educ + race + married:re74",
  "treat ~ factor(educ) + race * married",
  "treat ~ race:married - 1",
  "treat ~ I(log(re74 + 1)) + I(re75/1000) + nodegree:race",
  "treat ~ (age + educ)^2"
)
cases <- lapply(formulas, function(f) {
  mm <- model.matrix(as.formula(f), data = d)
  list(formula = f,
       names = colnames(mm),
       columns = lapply(seq_len(ncol(mm)), function(j) unname(mm[, j])))
})
out <- list(
  description = "model.matrix() of R on Datasets/lalonde.csv (race is character, levels sorted: black, hispan, white)",
  software = list(R = R.version.string, jsonlite = as.character(packageVersion("jsonlite"))),
  cases = cases)
writeLines(toJSON(out, digits = I(17), auto_unbox = TRUE, pretty = FALSE), "lalonde_model_matrix.json")
