// The umbrella module: `import Equivalence` brings in every public module of the package.
@_exported import KeyComparison
@_exported import LinearAlgebra
@_exported import Reporting
@_exported import Traceability
@_exported import Uncertainty
