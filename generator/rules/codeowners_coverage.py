"""CODEOWNERS gives what decides the rules to the company's OKR admins.

`okrs/org.yaml` (teams, people), `okr-check.yaml` (which can switch any rule off, the
no-appraisal rule included), `okr-sources.yaml` (commands that produce check-ins),
`mkdocs.yml` (its `hooks:` run Python in the publish job), `okr-requirements.txt` and
`.okr/` (what is installed), `.pre-commit-config.yaml`, the workflows in `.github/` and
CODEOWNERS itself must each have an owner in `.github/CODEOWNERS`, so that changing them
needs a code-owner review like any team's OKRs do. `okr codeowners` writes these lines (and
a first line `*` that gives everything else to them too) for the root team's `github:`
handles. Reported on org.yaml, naming every path left without an owner, once the repository
uses code owners (a CODEOWNERS file or `github:` handles exist).

**Fails:**

```yaml okrs/org.yaml
company:
  name: Acme Corp
teams:
  - {id: acme, name: Acme Corp}
  - {id: platform, name: Platform, parent: acme, github: "@acme/platform"}
```

(the platform team's files have an owner; org.yaml, okr-check.yaml and `.github/` none)

**Passes:**

```yaml okrs/org.yaml
company:
  name: Example Co
  timezone: UTC
teams:
  - {id: acme, name: Example Co, lead: dana, github: "@acme/okr-admins"}
  - {id: platform, name: Platform, parent: acme, lead: alice}
people:
  - {id: dana, name: Dana Scully, team: acme}
  - {id: alice, name: Alice Zhang, team: platform}
  - {id: bob, name: Bob Okafor, team: platform}
```
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from ..codeowners import governed, handles, owners_of_path
from ..context import Context
from ..options import Option
from ..problem import Finding, Severity, say
from ..workspace import Document

ID = "codeowners-coverage"
SEVERITY = Severity.WARNING
OPTIONS: dict[str, Option] = {}
NEEDS_VALID = True
NEEDS_ORG = True  # judged against org.yaml: skipped while it cannot be read


def check(doc: Document, ctx: Context, options: Mapping[str, Any]) -> Iterator[Finding]:
    if doc.kind != "org":
        return
    committed = ctx.codeowners
    if committed.text is None and not any(handles(t) for t in ctx.org.teams.values()):
        return  # code owners are not used here at all (codeowners-current says the same)
    paths = governed(committed.prefix)
    # a file inside a folder stands for the folder (".github/" is owned when its files are)
    probes = {p: f"{p}probe" if p.endswith("/") else p for p in paths}
    text = committed.text or ""
    unowned = [p for p, probe in probes.items() if not owners_of_path(text, probe)]
    if not unowned:
        return
    yield Finding(
        ("company",),
        say(
            "there is no .github/CODEOWNERS, so nobody must review changes to {paths}; give "
            "the company root team `github:` handles and run `okr codeowners`",
            paths=", ".join(unowned),
        )
        if committed.text is None
        else say(
            "in CODEOWNERS, nobody must review changes to {paths}; give the company root "
            "team `github:` handles and run `okr codeowners`",
            paths=", ".join(unowned),
        ),
        at="key",
    )
