"""HP2xx — regularization and linear models.

HP203 (lasso-alpha-zeroes-all-coefficients) is not implemented: α_max = max_j |x_jᵀ(y − ȳ)| / n
needs the data matrix itself, which hplint does not read.
"""

TITLE = "Regularization and linear models"
