"""Publishing (figures, report, site, export): needs the ``notebooks``/``publish`` extras (matplotlib)."""
