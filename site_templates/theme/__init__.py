"""The site's MkDocs theme, installed as `okr` (entry point `mkdocs.themes`): its templates
and assets are this folder, which is packaged as `generator.theme`."""
