"""A key result is an outcome, not an activity: its title names a result, not a task.

"Launch the new onboarding" is work (an initiative); "Activation rises from 20 % to 35 %" is
the result the work should cause. Put activities under the key result's `initiatives:`.
Milestones are read too: a milestone names a verifiable end state ("The education program
is live in every region"), not the task that gets there ("Launch the education program").

A title is an activity when, after its labels (`[Team]`, `KR1:`, `Stretch:`), a short head
before a colon or dash, a leading subject (`We`, `We have`), a time phrase (`Each quarter,`)
and adverbs, its first verb is a work verb in any tense (launch, implement, run, track,
document, design, define, establish, complete, provide, perform, land, resolve, fix, offer,
created, documented... and in Chinese 启动, 实施, 开展, 编写, 组织, 举办, 完成, 制定, 建立,
开发, 上线, 实现, 添加...; the whole list is `generator/activity.py`); when it names a work
item ("Development of ...", "Spec for custom layout", "Feasibility study for ...", "C#
driver", "Image diffing", "mysqldump", "财务管理系统简易版", "开源生态官网搭建", "流程标准化";
one word that names the measure, "Revenue" or "Churn", is the metric's name instead);
when it counts the team's own output ("12 streams", "Two talks", "10 sessions held") or
states its own work product in a passive state ("the plan is published", "onboarding tools
are identified"); or, in Chinese, when it works with someone (与 ... 合作) or moves something
(将 ... 发布到 ...). It is a result after all when it goes on to name the outcome it is judged
by ("Properly test Twitter, and get 10 sign-ups a week", "... have increased by 25 %", "1 post
hits the top 5", "Publish the game, earn $500"), when the verb takes people, customers or
money ("Add 3 developers", "Land 5 enterprise customers", "Enable 500 course providers to
...", "Make £15,000 a month"; a title labelled `Hiring:` is a headcount) or
when it finishes a period with a result ("Finish Q4 with 24 more customers").

A verb the list does not name counts too ("Deprecate", "Consolidate", "Port the parser"):
an English lexicon says which words are verbs, and a verb is work unless it names a result
(increase, reach, keep, win, ensure, improve ...: `generator/verbs.py`). A word that is also a
noun is read as a verb only before its object ("Port the parser", not "Port utilisation at
80 %"), and a work verb that begins a measured subject is not one ("Build time under 10
minutes", "Test coverage reaches 80 %", "Design system adopted by 5 teams", "部署时间缩短到10分钟").
A passive state
that only says the team did the doing ("CRTs were promoted on 5 channels", "the roadmap is
presented at the all-hands") is an activity; a deliverable's end state ("the runbook is
published") is not, nor is what others did ("approved by 5 customers"). In Chinese,
carrying out work (进行), a first clause ending in the work itself (... 的开发, ... 的研究,
性能测试) and a title ending in a work noun (调整, 补充, 更新, 迁移, 升级 ...) are activities,
after whoever does it and how often (团队, 我们, 持续, 定期); improvement words (优化, 完善)
are, like "improve", a direction of the result. A routine is an activity ("每天1道算法题",
"每周健身4天"), as are a whole period's total of one ("全年跑步 500km"), so many books or courses
("12 本技术书") and a book named alone ("《人类简史》"), and the team's own work counted at the end
("技术文章输出20篇"); how often a metric is counted is not ("每周活跃用户达到1万"), nor a rate or
amount of the work (复盘率, 发布量). Time put into the work is an activity too
("Two hours of code review every day", "12 pomodoros per week", "> 20 pushups each day", "Bike
5,000 miles"), but not time the result saves
or a wait it bounds ("4 hours per week saved", "1 hour first-response time"); how fast
something can be done is the level the result holds ("Resolve P1 incidents within 4 hours"),
unlike a deadline for the work ("Ship v2 within 6 weeks"). A Chinese title
that starts with the work is a result after all when a clause of its own states the level
reached ("上线新版官网，月访问量达 5 万"), when the work is said to bring a measured change
("引入缓存实现查询耗时降低到 50 毫秒"), or when it gains people or organisations
("新增 8 家合作伙伴", "招募 50 名志愿者"); more work towards a level ("...，持续推动接口耗时 <
200ms") and an audience reached ("触达 300 位开发者") leave it a task.

The team's own work stated as done is an activity too ("Security champions are identified",
"Next steps defined for 2025", "Customer data migrated from v3"): the state says only that
the work happened. A deliverable made available is an end state ("The new checkout is
released to all shops"), and so is what someone can do once the work is done ("Users can
export their reports as CSV"). A milestone that names the work and says nothing of it, no
state, no capability, no amount ("Proof of concept for offline maps", "Annual report for
2025"), is a work item: name the end state it brings ("Offline maps are available to every
field worker"). The same words as a metric's title name what is counted.

Results that read like work are left alone: a change of state written with "make" and a
comparison ("Make junctions safer for cyclists"; not "Make a faster pipeline", a thing made),
"make sure" (ensure), what another party approved, signed off or agreed, whoever it is ("...
approved by the ESG committee", "Partnership agreed with the county council"; "by the end of
March" is a deadline), people or groups who act themselves ("Volunteers run 12 edit-a-thons",
"25 contributors get a PR merged"), a role filled ("Appoint a Head of Planning"), a noun and
the measure it names ("Research income confirmed at £1.2m"), a finishing time ("in under
4:30"), a money limit ("Spend under £200 a month"), a direction of change ("Better use of
data"), none of something ("No PRs merged after the freeze") and others brought to act after
the work ("Evangelize X and get another browser to commit to it"). In Chinese: a target,
deals or hires counted ("完成年度销售目标 5000 万元",
"完成 30 个商家签约", "完成 30 名应届生招聘"), 实现 as "achieve" before a state or a share
("实现扭亏为盈", "实现门诊处方 100% 电子化"), a share or a change reached in a clause of its
own ("...，覆盖 90% 的代码仓库", "...，层级从 5 级减为 4 级"), a measure's change on last year
(同比增长 12%) or from a start ("交付周期由 35 天压缩到 25 天"), and a practice everyone holds
("所有新服务都接入 ...").
Tasks the lists missed are read too: a verb that is also a noun before so many things ("Label
100 issues"), a result verb whose object makes it work ("Raise awareness of ...", "Close 40
issues", "Drop support for ..."), a verb after a prefix ("Co-curate"), sessions named with
how often they run ("Drop-in clinics every Tuesday"), and in Chinese the work after a
deadline or an adverb ("9 月底前发布 ...", "全面推行 ..."), after who does it, then counted
("公众号发布 40 篇文章"), and visits counted ("拜访重点客户 120 家次").

Options:

- `verbs` (default: the list in `generator/activity.py`): the work verbs, in any language;
  a word without spaces in a script without spaces (Chinese) matches the title's start.
- `any-verb` (default: true): also count a verb the list does not name, as above; false keeps
  to `verbs` alone.

**Fails:**

```yaml okrs/2026-Q4/platform.yaml
team: platform
period: 2026-Q4
objectives:
  - id: O1
    title: Make the platform boringly reliable
    key_results:
      - id: KR1
        title: Implement connection pooling to reach 300 ms p99
        metric: {start: 850, target: 300, unit: ms}
```

**Passes:**

```yaml okrs/2026-Q4/platform.yaml
team: platform
period: 2026-Q4
objectives:
  - id: O1
    title: Make the platform boringly reliable
    key_results:
      - id: KR1
        title: Cut p99 API latency from 850 ms to 300 ms
        metric: {start: 850, target: 300, unit: ms}
        initiatives:
          - title: Implement connection pooling
```
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from ..activity import DEFAULT_VERBS, activity
from ..context import Context
from ..options import Option, flag, words
from ..problem import Finding, Severity, say
from ..walk import key_results
from ..workspace import Document

ID = "key-result-not-activity"
SEVERITY = Severity.WARNING
OPTIONS: dict[str, Option] = {"verbs": words(DEFAULT_VERBS), "any-verb": flag(True)}
NEEDS_VALID = True


def check(doc: Document, ctx: Context, options: Mapping[str, Any]) -> Iterator[Finding]:
    if doc.kind != "team":
        return
    for path, _objective, kr in key_results(doc):
        verb = activity(
            kr["title"], options["verbs"], options["any-verb"], bool(kr.get("milestone"))
        )
        if verb is None:
            continue
        if kr.get("milestone"):
            yield Finding(
                (*path, "title"),
                say(
                    "'{verb} ...' is a task; name the end state anyone can verify (e.g. 'the "
                    "runbook is published and rehearsed') and list the work under "
                    "`initiatives:`",
                    verb=verb,
                ),
            )
        else:
            yield Finding(
                (*path, "title"),
                say(
                    "'{verb} ...' describes an activity; state the result it should cause and "
                    "list the activity under `initiatives:`",
                    verb=verb,
                ),
            )
