# Peer of `equivalence evaluate DIR --method reml --format csv` (issue 12, batch evaluation): one R
# process reads every *.comparison.json of DIR (jsonlite) and fits metafor's rma.uni REML to each,
# writing one CSV line per comparison (identifier, mu, se, tau2, Q), as the batch does.
# usage: Rscript batch_reml_metafor.R DIR > summary.csv
suppressMessages({ library(metafor); library(jsonlite) })
directory <- commandArgs(trailingOnly = TRUE)[1]
files <- sort(list.files(directory, pattern = "\\.comparison\\.json$", full.names = TRUE, recursive = TRUE))
cat("file,comparison,referenceValue,standardUncertainty,tau2,cochranQ\n")
for (f in files) {
  d <- fromJSON(f)
  fit <- rma.uni(yi = d$results$value, vi = d$results$standardUncertainty^2, method = "REML")
  cat(sprintf("%s,%s,%.17g,%.17g,%.17g,%.17g\n", f, d$identifier, fit$beta[1], fit$se, fit$tau2, fit$QE))
}
