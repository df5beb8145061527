# metRology::huber.estimate(x, u, k = 1.345) is MASS::rlm(x ~ 1, weights = 1/u^2, k = k, method = "M")
# followed by summary(): x = coef, u = Std. Error, u.eff = u * rl$s, w = rl$w (metRology R/M_estimates.r).
# MASS::hubers(y, k = 1.5) is Huber's proposal 2 = Algorithm A with the exact consistency factor.
# Run: Rscript huber.R   (R 4.2.2, MASS 7.3-58.2: Debian bookworm packages r-base-core, r-cran-mass)
library(MASS)
options(digits = 17)
huber <- function(x, u, k = 1.345) {
  rl <- rlm(x ~ 1, weights = 1/u^2, k = k, method = "M")
  s <- summary(rl)
  cat("value", coef(s)[1], "\nstandardUncertainty", coef(s)[2], "\nscale", rl$s,
      "\niterations", length(rl$conv), "converged", rl$converged, "\nweights", rl$w, "\n")
}
cat("== CCQM-K25 PCB 28 (CCQM-K25-PCB28.comparison.json)\n")
huber(c(34.30, 32.90, 34.53, 32.42, 31.90, 35.80), c(1.03, 0.69, 0.83, 0.29, 0.40, 0.38))
cat("== CCT-K7 (CCT-K7.comparison.json)\n")
huber(c(0, -54, -14, -5, 105, -29, -15, 40, 69, 117, 33, -40, 54, 16, 45, 85, -14, 69, 34, -53, 22),
      c(44, 66, 41, 27, 74, 34, 27, 160, 56, 16, 61, 33, 151, 55, 39, 23, 56, 53, 71, 91, 46))
cat("== ISO 5725-5 creosote means, MASS::hubers(k = 1.5)\n")
print(hubers(c(24.140, 20.155, 19.500, 20.300, 20.705, 17.570, 20.100, 20.940, 21.185), k = 1.5))
