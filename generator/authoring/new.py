"""`okr new TEAM PERIOD [--from PERIOD]`: start a team's file for a period.

Without `--from`, the file holds the header, no objectives yet and a commented example to
make its own, with the objectives of the team's parent and of the company for that period
listed to align with. With `--from`, it carries over what the previous period did not
deliver: objectives that scored below 0.7 with their undelivered key results, each metric
starting from its latest value, check-ins, grades and due dates cleared, done initiatives
dropped, and alignments that do not resolve in the new period kept as comments to re-align.
"""

from __future__ import annotations

import io
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import YAMLError

from ..check import Checked
from ..errors import UsageError
from ..grading import DELIVERED_FROM, rounded
from ..model_builder import scored_objective
from ..periods import Period
from ..workspace import Document
from ..yamledit import scalar
from . import refs
from .change import Change, read_text

MODELINE = "# yaml-language-server: $schema="
DONE_INITIATIVES = ("done", "dropped")

_TEXT = {
    "en": {
        "header": "# {team}'s OKRs for {period} ({start} to {end}), started with `okr new`.\n"
        "# 1 to 5 objectives, each with 2 to 5 key results anyone can verify at the end;\n"
        "# `okr check` says what to fix, at its line.\n",
        "empty": "  # replace [] with your objectives: delete this line, uncomment the example\n",
        "example": [
            "objectives:",
            "  - id: O1",
            "    title: Make the API fast enough that nobody thinks about it   # what, and why",
            "    aligns_with: [{align}]   # what it supports; [] when the team sets it itself",
            "    key_results:             # results, not tasks: the work goes in initiatives",
            "      - id: KR1",
            "        title: Cut p99 API latency from 850 ms to 300 ms",
            "        metric: {{start: 850, target: 300, unit: ms}}",
            "      - id: KR2",
            "        title: The failover runbook is published and rehearsed twice",
            "        milestone: true",
        ],
        "aims": "What {name} aims for in {period}, to align with:",
        "none_yet": "{name} has no OKRs for {period} yet: a reference to them is checked once "
        "they exist",
        "carried": "# Carried over from {source} by `okr new --from`: what was not delivered "
        "there,\n# starting from where it ended. Re-read every line: keep what still matters.\n",
        "objective": "carried over from {source}, where it scored {score:.2f}",
        "left": "{ids} delivered in {source}: not carried over",
        "realign": "was aligned with {refs} in {source}: re-align it with {period}",
        "nothing": "# Every objective of {source} was delivered: nothing to carry over.\n",
        "delivered": "# Delivered in {source}, not carried over: {list}\n",
        "was": "was {start} at the start of {source}: does the title still say so?",
    },
    "zh": {
        "header": "# {team} 在 {period}（{start} 至 {end}）的 OKR，由 `okr new` 创建。\n"
        "# 1 到 5 个目标，每个目标 2 到 5 个期末任何人都能验证的关键结果；\n"
        "# `okr check` 会指出要修改的地方和所在行。\n",
        "empty": "  # 把 [] 换成你们的目标：删除这一行，取消下面示例的注释\n",
        "example": [
            "objectives:",
            "  - id: O1",
            "    title: 让接口快到没有人再去想它   # 要什么，为什么",
            "    aligns_with: [{align}]   # 支持哪个目标；团队自己提出的写 []",
            "    key_results:             # 写结果，不写任务：工作放在 initiatives",
            "      - id: KR1",
            "        title: 接口 p99 延迟从 850 毫秒降到 300 毫秒",
            "        metric: {{start: 850, target: 300, unit: ms}}",
            "      - id: KR2",
            "        title: 故障切换手册已发布并演练两次",
            "        milestone: true",
        ],
        "aims": "{name} 在 {period} 的目标，可以对齐：",
        "none_yet": "{name} 还没有 {period} 的 OKR：对它的引用会在文件出现后检查",
        "carried": "# 由 `okr new --from` 从 {source} 延续：当时没有达成的部分，\n"
        "# 从结束时的位置开始。请逐行检查，只保留仍然重要的内容。\n",
        "objective": "从 {source} 延续，当时得分 {score:.2f}",
        "left": "{ids} 已在 {source} 达成：不再延续",
        "realign": "在 {source} 对齐 {refs}：请与 {period} 的目标重新对齐",
        "nothing": "# {source} 的目标都已达成：没有需要延续的内容。\n",
        "delivered": "# 已在 {source} 达成、不再延续：{list}\n",
        "was": "{source} 开始时是 {start}：标题是否仍然准确？",
    },
}


def _words(checked: Checked) -> dict[str, Any]:
    return _TEXT.get(checked.ctx.org.language) or _TEXT["en"]


def _modeline(checked: Checked) -> str:
    """The schema line of the folder's other team files (they sit at the same depth, so its
    relative path holds), else none: an editor without it still opens the file."""
    for doc in checked.ctx.workspace.teams:
        first = (doc.text or "").lstrip("\ufeff").split("\n", 1)[0].rstrip("\r")
        if first.startswith(MODELINE) and doc.kind == "team":
            return first + "\n"
    return ""


def create(checked: Checked, team_text: str, period_text: str, source: str | None) -> Change:
    team = refs.team(checked, team_text)
    dates = refs.period(checked, period_text)
    file = refs.file_of(checked, team, dates)
    if file.doc is not None or file.path.exists() or file.path.is_symlink():
        raise UsageError(
            f"{file.path.as_posix()} already exists: edit it, or check in with `okr checkin`"
        )
    if source is not None:
        old = refs.file_of(checked, team, refs.period(checked, source))
        if old.period.end >= checked.ctx.today:
            # what was not delivered is known once the period is over (and graded): before,
            # every key result would be judged by its progress so far
            raise UsageError(
                f"{old.period.id} runs until {old.period.end}: carry over from it once it has "
                f"ended and been graded (okr grade {team} {old.period.id}), or start "
                f"{dates.id} without --from"
            )
        text = _carried(checked, refs.existing(checked, old), old.period, dates, team)
        what = f"{team}'s {dates.id}, carried over from {old.period.id}"
    else:
        text = _blank(checked, team, dates)
        what = f"{team}'s {dates.id}"
    return Change(file.path, None, text, what)


def _header(checked: Checked, team: str, dates: Period) -> str:
    name = str(checked.ctx.org.teams[team].get("name") or team)
    words = _words(checked)
    return _modeline(checked) + words["header"].format(
        team=_one_line(name), period=dates.id, start=dates.start, end=dates.end
    )


def _one_line(text: str) -> str:
    """A name inside a comment: one line, or it would end the comment."""
    return " ".join(text.split())


def _blank(checked: Checked, team: str, dates: Period) -> str:
    words = _words(checked)
    above = _above(checked, team, dates)
    # the example aligns with what the team can align with, or shows how it would
    first = next((f"{tid}/{objectives[0][0]}" for tid, objectives in above if objectives), None)
    align = first or (f"{above[0][0]}/O1" if above else "")
    lines = [
        f"team: {team}",
        f"period: {_period_value(dates.id)}",
        "objectives: []" + words["empty"],
    ]
    lines += [f"# {line.format(align=align)}" for line in words["example"]]
    for tid, objectives in above:
        name = _one_line(str(checked.ctx.org.teams[tid].get("name") or tid))
        lines.append("#")
        if not objectives:
            lines.append("# " + words["none_yet"].format(name=name, period=dates.id))
            continue
        lines.append("# " + words["aims"].format(name=name, period=dates.id))
        lines += [f"#   {tid}/{oid}: {_one_line(title)}" for oid, title in objectives]
    return _header(checked, team, dates) + "\n".join(line.rstrip("\n") for line in lines) + "\n"


def _period_value(pid: str) -> str:
    return pid if pid.isdigit() else scalar(pid)


def _above(checked: Checked, team: str, dates: Period) -> list[tuple[str, list[tuple[str, str]]]]:
    """The team's parent and the company root (when they differ), with their objectives in
    the new period: what the team can align with. Confidential objectives are never named
    outside their own file."""
    org = checked.ctx.org
    chain = []
    parent = org.teams[team].get("parent")
    if isinstance(parent, str) and parent in org.teams:
        chain.append(parent)
    if org.root and org.root not in (team, *chain):
        chain.append(org.root)
    found = []
    for tid in chain:
        doc = checked.ctx.team_file(dates.id, tid)
        objectives = []
        if doc is not None and doc.readable:
            for raw in doc.data.get("objectives") or []:
                if isinstance(raw, dict) and not raw.get("confidential"):
                    objectives.append((str(raw.get("id")), str(raw.get("title", ""))))
        found.append((tid, objectives))
    return found


# --- carrying over -------------------------------------------------------------------------


def _yaml() -> YAML:
    # The settings under which ruamel.yaml gives the example and real OKR files back as
    # written (see the engineering notes): the carried-over text reads like the team's own.
    yaml = YAML()
    yaml.preserve_quotes = True
    yaml.width = 4096
    yaml.indent(mapping=2, sequence=4, offset=2)
    return yaml


def _carried(checked: Checked, doc: Document, old: Period, new: Period, team: str) -> str:
    if not doc.valid:
        raise UsageError(
            f"okrs/{doc.relative} has errors; fix them first (okr check), then its "
            "objectives can be carried over"
        )
    words = _words(checked)
    text = read_text(doc.path)
    try:
        tree = _yaml().load(text.lstrip("\ufeff"))
    except YAMLError as exc:
        raise UsageError(f"okrs/{doc.relative} cannot be carried over: {exc}") from None
    lead = checked.ctx.org.lead(team)
    kept = CommentedSeq()
    notes: list[str] = []
    delivered: list[str] = []
    for index, raw in enumerate(doc.data["objectives"]):
        scored = scored_objective(raw, team, lead, old, checked.ctx.today, checked.ctx.settings)
        if float(rounded(scored.score)) >= DELIVERED_FROM:
            delivered.append(f"{scored.id} ({rounded(scored.score)})")
            continue
        objective = tree["objectives"][index]
        undelivered = CommentedSeq()
        left = []
        for k, kr in enumerate(scored.key_results):
            if float(rounded(kr.score)) >= DELIVERED_FROM:
                left.append(kr.id)
                continue
            fresh = _fresh_key_result(objective["key_results"][k], kr.target)
            if (
                kr.kind == "metric"
                and kr.start is not None
                and fresh["metric"].get("start") != kr.start
            ):
                was = words["was"].format(start=f"{kr.start:g}", source=old.id)
                fresh.yaml_add_eol_comment(was, "metric")
            undelivered.append(fresh)
        objective["key_results"] = undelivered
        lines = [words["objective"].format(source=old.id, score=scored.score)]
        if left:
            lines.append(words["left"].format(ids=", ".join(left), source=old.id))
        lines += _realign(checked, objective, old, new, words)
        for kr in undelivered:
            lines += _realign(checked, kr, old, new, words)
        kept.append(objective)
        notes.append("\n".join(lines))
    for position, note in enumerate(notes):
        kept.yaml_set_comment_before_after_key(position, before=note, indent=2)
    tree["period"] = int(new.id) if new.id.isdigit() else new.id
    tree["objectives"] = kept
    for key in ("recognition", "retrospective"):
        tree.pop(key, None)
    out = io.StringIO()
    _yaml().dump(tree, out)
    body = _without_header(out.getvalue())
    if not kept:
        nothing = words["nothing"].format(source=old.id)
        body = body.replace("objectives: []\n", "objectives: []\n" + nothing)
    ending = "\r\n" if text.count("\r\n") > text.count("\n") // 2 else "\n"
    result = _header(checked, team, new) + words["carried"].format(source=old.id)
    if delivered and kept:
        result += words["delivered"].format(source=old.id, list=", ".join(delivered))
    result += body
    return result.replace("\n", ending)


def _without_header(text: str) -> str:
    """The dump without the old file's leading comments: they described the old period."""
    lines = text.split("\n")
    while lines and (lines[0].startswith("#") or not lines[0].strip()):
        lines.pop(0)
    return "\n".join(lines)


def _fresh_key_result(kr: CommentedMap, target: float | None) -> CommentedMap:
    """The key result as the new period starts it: where it ended, nothing measured yet."""
    latest = next(
        (c["value"] for c in reversed(kr.get("check_ins") or []) if c.get("value") is not None),
        None,
    )
    for key in ("check_ins", "score", "due"):
        kr.pop(key, None)
    metric = kr.get("metric")
    if isinstance(metric, dict) and latest is not None and latest != target:
        if "start" in metric:
            metric["start"] = latest
        else:
            metric.insert(0, "start", latest)
    initiatives = kr.get("initiatives")
    if initiatives:
        still = [i for i in initiatives if i.get("status", "planned") not in DONE_INITIATIVES]
        if still:
            initiatives[:] = still
        else:
            kr.pop("initiatives")
    return kr


def _realign(
    checked: Checked, item: CommentedMap, old: Period, new: Period, words: dict[str, Any]
) -> list[str]:
    """Drop the references that do not resolve in the new period, saying what they were: a
    team re-aligns with the new period's objectives, it does not inherit stale links."""
    written = item.get("aligns_with")
    if not written:
        return []
    keep, lost = [], []
    for text in written:
        (keep if _resolves(checked, str(text), new) else lost).append(str(text))
    if not lost:
        return []
    if keep:
        written[:] = keep
    else:
        item.pop("aligns_with")
    return [words["realign"].format(refs=", ".join(lost), source=old.id, period=new.id)]


def _resolves(checked: Checked, text: str, new: Period) -> bool:
    targets = checked.ctx.alignment.targets
    resolution = targets.resolve(text, new.id)
    if resolution.problem is not None or resolution.ref is None:
        return False
    dates = checked.ctx.org.periods.get(resolution.period)
    return dates is not None and dates.covers(new)
