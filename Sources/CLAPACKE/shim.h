// LAPACKE through Debian's liblapacke-dev, CBLAS through libblas.so.3. Installing
// libopenblas-dev makes OpenBLAS the implementation behind both (update-alternatives).
#ifndef EQUIVALENCE_CLAPACKE_SHIM_H
#define EQUIVALENCE_CLAPACKE_SHIM_H
#define HAVE_LAPACK_CONFIG_H 1
#define LAPACK_COMPLEX_STRUCTURE 1
#include <lapacke.h>
#include <cblas.h>
#endif
