"""okr sync: values that flow in from data sources, and initiative states from GitHub.

`sources` reads okr-sources.yaml, `fetch` reads one source's value, `github` reads the state
of an issue or pull request, `run` puts them together into edits of the team files."""
