# Peer for KeyComparisonRandomEffectsBenchmarks "REML on 1000 comparisons of 10 labs": metafor rma.uni
# (Fisher scoring) on the same 1000 comparisons, defined by a formula: for t = 10c + j + 1,
# u = 0.5 + 1.5*frac(0.6180339887498949*t), x = 10 + 2*sin(1.3*t) + u*cos(2.1*t).
# Times metafor's default control and the tight control used for expected.json, and reports the
# largest relative difference of tau^2 between the two (to show the work is the same).
# usage: Rscript reml_metafor.R [repeats] [method]
suppressMessages(library(metafor))
args <- commandArgs(trailingOnly = TRUE)
repeats <- if (length(args) > 0) as.integer(args[1]) else 5
method <- if (length(args) > 1) args[2] else "REML"
data <- lapply(0:999, function(c) {
  t <- 10 * c + 0:9 + 1
  f <- 0.6180339887498949 * t
  u <- 0.5 + 1.5 * (f - floor(f))
  list(x = 10 + 2 * sin(1.3 * t) + u * cos(2.1 * t), v = u^2)
})
run <- function(control) sapply(data, function(d) rma.uni(yi = d$x, vi = d$v, method = method, control = control)$tau2)
for (label in c("default control", "tol=1e-12, threshold=1e-12*mean(vi)")) {
  times <- numeric(repeats); cpu <- numeric(repeats)
  for (r in 1:repeats) {
    st <- system.time(tau2 <- if (label == "default control") run(list())
      else sapply(data, function(d) rma.uni(yi = d$x, vi = d$v, method = method,
        control = list(tol = 1e-12, maxiter = 10000, threshold = 1e-12 * mean(d$v)))$tau2))
    times[r] <- st[["elapsed"]]; cpu[r] <- st[["user.self"]] + st[["sys.self"]]
  }
  cat(sprintf("metafor %s %s, 1000 comparisons of 10 labs: median wall %.1f ms, CPU %.1f ms (sum tau2 = %.10g)\n",
              method, label, 1000 * median(times), 1000 * median(cpu), sum(tau2)))
}
