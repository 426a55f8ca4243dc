"""The Excel skin of etda-xl: UDFs and button scripts that xlwings imports (see ``etda_udfs``)."""
