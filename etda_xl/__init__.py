"""etda-xl: compute, check and publish ETDA's quarterly financial and mission report.

The core (model, rules, thai, checks) imports neither pandas, openpyxl nor xlwings, so the
Excel UDF module that calls it loads fast.
"""

__version__ = "0.1.0"
