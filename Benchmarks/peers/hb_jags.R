# Peer timing for KeyComparisonBayesBenchmarks: NICOB's hierarchical Bayes models (Gaussian and
# Laplace laboratory effects; Koepke et al., Metrologia 54 (2017) S34, A.3) sampled by JAGS through
# rjags, on the same data and chain length as the Swift benchmark: 2 chains x 50 000 iterations
# (burn-in 10 000, thinning 2), i.e. 10^5 iterations in all. rjags runs the chains one after the
# other, so the time is per 10^5 iterations on one core.
#   apt-get install jags r-cran-rjags
#   Rscript Benchmarks/peers/hb_jags.R [iterations-per-chain]
# Also prints the posterior summaries, so the peer's answers can be compared with ours.
suppressMessages(library(rjags))
args = commandArgs(TRUE)
ni = if (length(args) > 0) as.integer(args[1]) else 50000
nb = ni %/% 5; nt = max(1, ceiling((ni - nb) / 20000)); nc = 2

cct = data.frame(x = c(0, -54, -14, -5, 105, -29, -15, 40, 69, 117, 33, -40, 54, 16, 45, 85, -14, 69, 34, -53, 22),
                 u = c(44, 66, 41, 27, 74, 34, 27, 160, 56, 16, 61, 33, 151, 55, 39, 23, 56, 53, 71, 91, 46),
                 nu = Inf)
pcb = data.frame(x = c(34.3, 32.9, 34.53, 32.42, 31.9, 35.8), u = c(1.03, 0.69, 0.83, 0.29, 0.4, 0.38),
                 nu = c(60, 4, 18, 2, 13, 60))

# The model: x_j ~ N(xi_j, sigma_j^2), xi_j ~ N(mu, tau^2) or Laplace with sd tau, mu ~ N(0, 1e10),
# tau ~ half-Cauchy(mad(x)); with degrees of freedom, sigma_j ~ half-Cauchy(median(u)) and
# nu_j u_j^2 / sigma_j^2 ~ chi^2(nu_j) (infinite nu replaced by 1000, as NICOB does).
model_text = function(effects, known_sigma) {
  effect = if (effects == "gaussian") "xi[j] ~ dnorm(mu, pow(tau, -2))" else "xi[j] ~ ddexp(mu, sqrt(2) / tau)"
  within = if (known_sigma) "x[j] ~ dnorm(xi[j], pow(u[j], -2))" else
    paste("sigma[j] ~ dt(0, pow(sigmaScale, -2), 1) T(0,)", "x[j] ~ dnorm(xi[j], pow(sigma[j], -2))",
          "s2[j] ~ dgamma(nu[j] / 2, 1 / (2 * sigma[j] * sigma[j]))", sep = "\n")
  paste("model {", "for (j in 1:n) {", effect, within, "}",
        "mu ~ dnorm(0, 1.0E-10)", "tau ~ dt(0, pow(tauScale, -2), 1) T(0,)", "}", sep = "\n")
}

run = function(name, d, effects) {
  known = all(!is.finite(d$nu))
  data = list(n = nrow(d), x = d$x, tauScale = mad(d$x))
  if (known) data$u = d$u else {
    nu = d$nu; nu[!is.finite(nu)] = 1000
    data$nu = nu; data$s2 = nu * d$u^2; data$sigmaScale = median(d$u)
  }
  inits = lapply(1:nc, function(c) list(mu = median(d$x), tau = mad(d$x) * 10^(2 * c - 3),
                                        .RNG.name = "base::Mersenne-Twister", .RNG.seed = c))
  t0 = proc.time()[["elapsed"]]
  m = jags.model(textConnection(model_text(effects, known)), data = data, inits = inits, n.chains = nc, quiet = TRUE)
  update(m, nb, progress.bar = "none")
  s = coda.samples(m, c("mu", "tau"), n.iter = ni - nb, thin = nt, progress.bar = "none")
  elapsed = proc.time()[["elapsed"]] - t0
  draws = do.call(rbind, s)
  ess = effectiveSize(s)
  cat(sprintf(paste0("JAGS HB %s %s, %d x %d iterations: %.3f s (%.3f s per 10^5 iterations); ",
                     "mu %.4g u %.4g tau %.4g; R-hat mu %.4f tau %.4f; ESS mu %.0f tau %.0f of %d draws\n"),
              effects, name, nc, ni, elapsed, elapsed * 1e5 / (nc * ni), mean(draws[, "mu"]), sd(draws[, "mu"]),
              mean(draws[, "tau"]), gelman.diag(s, autoburnin = FALSE)$psrf[1, 1],
              gelman.diag(s, autoburnin = FALSE)$psrf[2, 1], ess[["mu"]], ess[["tau"]], nrow(draws)))
}

for (effects in c("gaussian", "laplace")) {
  run("CCT-K7", cct, effects)
  run("PCB 28", pcb, effects)
}
