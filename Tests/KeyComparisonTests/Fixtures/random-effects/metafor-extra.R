# Reference figures for the tau^2 estimators and Knapp-Hartung variants that expected.json does
# not hold (HS, SJ, HE, and test = "knha" for every method), computed with metafor's rma.uni on
# the published comparison files. ML and REML are restarted from a grid of tau2.init values (global maximum).
# usage: Rscript metafor-extra.R ../published > metafor-extra.json
suppressMessages({ library(metafor); library(jsonlite) })
args <- commandArgs(trailingOnly = TRUE)
dir <- if (length(args) > 0) args[1] else "../published"
files <- sort(list.files(dir, pattern = "\\.comparison\\.json$"))
ctl <- function(vi) list(tol = 1e-12, maxiter = 10000, threshold = 1e-12 * mean(vi))
fit <- function(x, vi, method, test) {
  r <- rma.uni(yi = x, vi = vi, method = method, test = test, control = ctl(vi))
  if (method %in% c("ML", "REML")) {
    # Fisher scoring from one start can stop at a boundary local maximum (Kudzu As, ML): restart from
    # a grid of tau2.init values and keep the fit with the highest log-likelihood.
    for (t0 in c(0, 10^seq(-8, 2, by = 0.5)) * max(var(x), mean(vi))) {
      r2 <- try(rma.uni(yi = x, vi = vi, method = method, test = test,
                        control = c(ctl(vi), list(tau2.init = t0))), silent = TRUE)
      if (!inherits(r2, "try-error") && c(logLik(r2)) > c(logLik(r)) + 1e-12) r <- r2
    }
  }
  out <- list(estimate = c(r$beta), se = r$se, tau2 = r$tau2, Q = r$QE, Qp = r$QEp,
              ci_lb = r$ci.lb, ci_ub = r$ci.ub, I2 = r$I2, H2 = r$H2)
  if (method %in% c("ML", "REML")) out$logLik <- c(logLik(r))
  out
}
block <- function(x, vi) {
  b <- list()
  for (m in c("HS", "SJ", "HE")) b[[m]] <- fit(x, vi, m, "z")
  for (m in c("DL", "PM", "ML", "HS", "SJ", "HE")) b[[paste0(m, "_KH")]] <- fit(x, vi, m, "knha")
  b
}
res <- list()
for (f in files) {
  d <- fromJSON(file.path(dir, f), simplifyVector = FALSE)
  x <- sapply(d$results, function(r) r$value)
  u <- sapply(d$results, function(r) if (!is.null(r$standardUncertainty)) r$standardUncertainty
                                   else r$expandedUncertainty / r$coverageFactor)
  inc <- sapply(d$results, function(r) is.null(r$includedInReferenceValue) || isTRUE(r$includedInReferenceValue))
  entry <- list(reference = block(x[inc], u[inc]^2))
  if (!all(inc)) entry$referenceAllLaboratories <- block(x, u^2)
  res[[f]] <- entry
}
out <- list(description = paste("metafor rma.uni on the included labs (reference) and on all labs",
                                 "(referenceAllLaboratories, files with exclusions); X_KH = method X with test='knha'.",
                                 "control = list(tol = 1e-12, maxiter = 10000, threshold = 1e-12 * mean(vi))"),
            generatedWith = list(metafor = as.character(packageVersion("metafor")), R = R.version.string),
            comparisons = res)
cat(toJSON(out, auto_unbox = TRUE, digits = NA, pretty = TRUE), "\n")
