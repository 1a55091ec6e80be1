"""The OKR site: pages, exports and charts computed from the model, without MkDocs.

`build_site()` returns everything a static site needs; `generator.mkdocs_hooks` is the thin
layer that hands it to MkDocs.
"""
