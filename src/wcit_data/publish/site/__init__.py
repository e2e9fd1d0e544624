"""The static documentation site: `wcit-data site OUT` (see builder.py for the layout)."""

from wcit_data.publish.site.builder import build_site
from wcit_data.publish.site.links import LinkReport, check_site

__all__ = ["build_site", "check_site", "LinkReport"]
