"""OKR pipeline: check OKR YAML files and publish them as a static site."""

__version__ = "0.3.0"
