"""Is a Chinese key-result title a task? The Chinese half of activity.py.

A title is a task when, after a Latin name ("DolphinDB 替换 ..."), whoever does it and how often
(团队, 我们, 持续, 定期), it starts with a work verb (开发, 搭建, 实现 ..., not the noun 开发人员),
carries out work (进行), works with someone (与 ... 合作), moves something with 将 (将 ... 发布到
...), its first clause ends in the work itself (... 的开发, ... 的研究, 性能测试) or it ends in a
work noun or names a process by its suffix (调整, 迁移, 流程标准化); unless it is judged by
customers, users or money it names with a number (完成 3 家企业客户签单), or states a capability
(网站支持文章模块). Improvement words (优化, 完善) are, like "improve", a direction of the result;
a work clause after one is the task ("优化自动部署，推广到交易程序"), and "..., 实现 X" after a
comma is the outcome. A label before a full-width colon ("路线对比：") is read past, and so is how,
where or for what the work is done ("通过 ... 实现 ...", "在 ... 下，对比 ...", "基于 X 构建 ...",
"给 Go Runtime 贡献 ..."). A routine is a task ("每天1道LeetCode", "每周健身4天"), and so is the
team's own work counted at the end ("技术文章输出20篇"); how often a metric is counted is read
past ("每周活跃用户达到1万"). A title that starts with the work is judged by the level a clause
of its own reaches ("打造一个流量站，月PV达 100K"), by the measured change the work brings
("...实现机器减少 30%") or by the people or organisations it gains ("新增 5 家企业 ..."). A
deadline or an adverb before the work is read past ("9 月底前发布 ...", "全面推行 ..."); a target,
deals or hires counted ("完成年度销售目标 5000 万元", "完成 30 名应届生招聘"), 实现 as "achieve"
("实现扭亏为盈", "实现门诊处方 100% 电子化"), a share or a change in a clause of its own ("...，覆盖
90% 的代码仓库"), a change on last year (同比增长 12%) and a practice everyone holds ("所有新服务都
接入 ...") are results.
"""

from __future__ import annotations

import re

ACTIVITY_VERBS_ZH = (
    "启动", "实施", "开展", "编写", "组织", "举办", "举行", "召开", "开发", "设计", "制定",
    "建立", "搭建", "推出", "发布", "撰写", "写", "完成", "推进", "执行", "迁移", "升级",
    "重构", "整理", "梳理", "调研", "研究", "学习", "阅读", "读", "重读", "粗读", "看完",
    "观看", "参加", "参与", "使用", "留意", "投稿", "贡献", "攒", "手头攒", "筹备", "策划",
    "上线", "部署", "测试", "评估", "审查", "复盘", "培训", "推广", "宣传", "录制", "制作",
    "翻译", "对", "实现", "添加", "发文", "确定", "打通", "编制", "输出", "产出", "沉淀",
    "推送", "替换", "补全", "维护", "接入", "引入", "封装", "构建", "打造", "建设", "对比",
    "比较", "选型", "整合", "集成", "新增", "规划", "组建", "设立", "制订", "编辑", "采集",
    "验证", "调试", "改造", "发起", "提交", "开源", "看懂", "通读", "精读", "熟悉", "复现",
    "总结", "准备", "帮助", "练习", "背诵", "速读", "看过", "读过", "读完", "编曲", "作曲",
    "创作", "绘制", "拍摄", "剪辑", "落地", "交付", "参观", "拜访", "走访", "游览", "打磨", "推动",
    "考取", "考下", "记录",
    # providing, setting up and fixing ("provide", "configure", "fix" in English)
    "提供", "统一", "规范", "引导", "展示", "增设", "开设", "设置", "配置", "对接", "适配",
    "兼容", "处理", "解决", "修复", "排查", "清理", "下线", "重写", "拆分", "合并", "分享",
    "讲解", "宣讲", "明确", "定义", "分析", "评审", "审核", "跟进", "跟踪", "监控", "统计",
    "收集", "归档", "上架", "申请", "报名", "重新设计", "改版",
    # rolling out, exploring, issuing and setting up ("roll out", "explore", "issue" in English)
    "推行", "探索", "出台", "印发", "修订", "起草", "成立", "外呼", "背完", "背熟", "精听", "泛听",
    # buying, marking, installing, opening and closing ("procure", "label", "install")
    "采购", "识别", "更新", "关停", "开通", "新建", "标记", "安装", "演讲", "谈判", "访谈",
)  # fmt: skip
# A verb-looking start that is a noun here: 开发人员 (developers), 设计师, 测试团队 ..., or the
# measure of the work: 复盘率, 发布量, 交付次数 (a rate or an amount, not the work)
_ZH_NOUN_AFTER_VERB = re.compile(
    r"^(?:人员|者|团队|组(?![织建合装])|部门|部(?![署分件])|同学|工程师|师|岗|率|量(?!化)|数量|次数|"
    # the measure of the work or who does it: 修复时间, 审核时长, 申请人数, 提供商, 审核员, 分析报表
    r"时间|时长|耗时|人数|数(?![据字])|商|员|报表|报告|口径|变更|项(?!目)|"
    r"的|"  # 统一的设计语言: the verb describes what follows
    r"好(?![友评物用看]))"  # 处理好, 做好: "handle well", a direction of the result like 完善
)
# How fast something is done: "30min内处理", "2 小时内答复" (a service level, as "within 4 hours";
# days are a deadline for the work, as "within 2 weeks")
_ZH_WITHIN = re.compile(r"\d+\s*(?:min|mins|分钟|小时|h|秒|s)\s*(?:之)?内")
_ZH_COOPERATE = re.compile(r"^与.{1,40}(?:合作|协作|对接|共建|沟通|交流|洽谈|会谈)")
_ZH_BA = re.compile(r"^将.{1,40}(?:发布|打标|建立|迁移|整理|同步|打通|接入|上线|添加|导入|迁到)")
_ZH_WORK_ITEM = re.compile(
    r"(?:系统|网站|官网|页面|体系|方案|文档|平台|工具|模块|简易版|搭建|建设|调整|补充|更新|改版|"
    r"重构|迁移|升级|改造|梳理|整理|[\u4e00-\u9fff]{2}化"
    r"(?:并.*)?)$"
)
# The work itself, ending a clause: "trino 支持隐式转换的开发", "trino gluten 的研究",
# "功能及性能测试", "项目支持" (whatever it says before, even a capability, is what is worked on)
_ZH_WORK_DONE = re.compile(
    r"(?:开发|研究|测试|调研|适配|对接|项目支持|的支持|的设计|的实现|撰写|编写|编撰|翻译)$"
)
# A Latin name before the Chinese: "DolphinDB 替换 ..."
_LATIN_NAME = re.compile(r"^[A-Za-z][A-Za-z0-9_.+-]*\s*(?=[\u4e00-\u9fff])")
# Who does it and how often, before the work: "团队制定 ...", "我们将 ...", "持续 ...", "定期 ..."
_ZH_LEAD = re.compile(
    r"^(?:(?:我们|我|本?团队|小组|项目组)(?:要|将|会|需要)?|持续|继续|不断|定期|按时|及时|"
    # how the work is done: "全面实施 ...", "重新梳理 ...", "进一步完善 ..."
    r"全面|重新|逐步|进一步|积极|深入|认真|全力|尽快|按期|如期|首次|初步|彻底)+"
)
# A deadline before the work: "Q3 前完成 ...", "9 月底前发布 ...", "2027 年 3 月 31 日之前上线 ..."
_ZH_DEADLINE = re.compile(
    r"^(?:在\s*)?(?:(?:19|20)\d\d\s*年\s*)?(?:[QqHh][1-4]|[\d一二三四五六七八九十]+\s*月\s*(?:份|底|末|初|中旬|"
    r"上旬|下旬|[\d一二三四五六七八九十]+\s*[日号])?|年[底中初末]|[本下]?(?:季度|月|周)[底末]?|"
    r"\d{1,2}\s*[./]\s*\d{1,2})\s*(?:之|以)?前\s*[，,]?\s*(?=[\u4e00-\u9fff])"
)
# A label before a full-width colon: "路线对比：...", "VLA/WM：...", "传统感知：..."
_ZH_HEAD = re.compile(r"^[^：:，,。；;]{1,10}[：:]\s*(?=\S)")
# How, where or for what, before the work: "通过 ... 实现 ...", "基于 X 构建 ...", "在 ... 下，对比
# ...", "给 Go Runtime 贡献 ..."
_ZH_MEANS = re.compile(
    r"^(?:通过|基于|针对|围绕|借助|结合|根据|利用|依托|依靠|以|在|给|为了|为|向)"
)
_ZH_STATE = re.compile(r"(?:支持|可以|能够|可在|可根据|已经|已)")  # a state: 网站支持文章模块
# (users or customers as what the work is about, 用户访谈, 客户调研, 用户手册, are no result)
_ZH_RESULT = re.compile(
    r"(?:(?:客户|用户)(?![^，,；;。\d]{0,4}?(?:访谈|调研|研究|手册|文档|画像|故事|旅程|测试|分析|反馈|需求|培训|报告|沙龙|大会|活动|会))"
    r"(?!经理|成功|服务|运营)|"  # 客户经理, 客户成功: who does the work
    r"签单|合同|收入|"
    r"营收|订单|销售额|留存|转化)"
)
# What is won or reached with a number, like customers signed: deals (签约, 中标), a sales target
# ("完成年度销售目标 5000 万元"), people hired ("完成 30 名应届生校园招聘", as "Hiring:")
_ZH_WON = re.compile(
    r"签约|中标|回款|(?:目标|指标)\s*(?:[\d一二两三四五六七八九十百千万]|达)|招聘|录用|入职|到岗"
)
# ... but visits or sessions counted are the work: "拜访重点客户 120 家次"
_ZH_VISITS = re.compile(r"\d+\s*(?:家次|人次|场次)")
# 实现 as "achieve", before a state or an amount: "实现扭亏为盈", "并实现 100% 的商机录入"
_ZH_ACHIEVED = re.compile(
    r"^(?:并且?|同时|且)?\s*实现了?\s*(?:扭亏|盈利|盈亏平衡|收支平衡|零|全[面部员]?覆盖|达标|转正|翻番|翻倍|"
    r"正增长|自给|全年无|无|[\d一二两三四五六七八九十百]+\s*(?:[%％倍万亿]|个百分点)|"
    # a scope first: "实现大促期间零重大故障", "实现门诊处方 100% 电子化流转"
    r"[^，,；;。\d]{1,10}?(?:零|全覆盖|\d+(?:\.\d+)?\s*[%％]))"
)
# A share or a change reached, in a clause of its own: "...，承接 40% 的咨询量", "...，覆盖 90% 的
# 代码仓库", "...，管理层级从 5 级减为 4 级"
_ZH_SHARE = re.compile(
    r"\d[\d.]*\s*[%％]\s*(?:以上\s*)?的|(?:[减降增]为|变为|压缩到|压缩至)\s*\d|"
    r"从\s*\d[^，,；;]{0,12}?(?:到|至|减为|降为|增为|降到|减到|提升到|提高到)\s*\d"
)
# The team's own work counted, after who does it or where: "公众号发布 40 篇原创文章", "每位销售
# 每周外呼不少于 200 通"
# so many, at least: "不少于 200", "累计 40", "三"
_ZH_AT_LEAST = r"\s*(?:不少于|至少|超过|累计|共)?\s*[\d一二两三四五六七八九十百千]+\s*"
_ZH_OWN_PIECES = re.compile(
    _ZH_AT_LEAST + r"(?:道|篇|次|本|章|节|页|题|遍|场|集|首|门|期|通|条|份|家次|人次)"
)
# visits: so many organisations visited is the work ("走访 10 家"), not organisations gained
_VISIT_VERBS = frozenset({"走访", "拜访", "回访", "巡查", "参观", "访谈"})
# What everyone does, a practice all hold: "所有新服务在上线前都接入契约测试"
_ZH_EVERY = re.compile(r"^(?:所有|全部|全体|每个|每一个|各)[^，,；;。]{1,24}?都")
# A measure that grows or falls on last year or last month: "新增市场主体同比增长 12%"
_ZH_ON_LAST = re.compile(r"(?:同比|环比)\s*(?:增长|提升|提高|上升|下降|降低|减少)\s*\d")
_ZH_VISITED = re.compile(_ZH_AT_LEAST + r"(?:家|所|个)")
_ZH_COUNT = re.compile(r"\d|[一二三四五六七八九十百千万]")  # a number, in digits or characters
# So many pieces, sessions or times of the work: "20篇", "2遍", "300场", "4本"
_ZH_PIECES = (
    r"[\d一二两三四五六七八九十百]+\s*(?:道|篇|个|次|本|章|节|页|题|遍|场|集|首|门|小时|分钟)"
)
# How often, before what is done: "每周 ...", "每月，..."; a routine when what follows is so
# many pieces or a habit ("每天1道LeetCode", "每周两次面膜", "每周健身4天")
_ZH_ROUTINE = re.compile(r"^每(?:天|日|晚|早|周|星期|月|季度|年)(?:坚持|至少)?[，,]?\s*")
# ... or what is done, in Chinese, then how many, with no measure word: "每日英语单词30" (not
# a measure or a change: "每天访问量1000", "每月利润 20000", "每日新增10", "每月PV 100000")
_ZH_ROUTINE_COUNT = re.compile(
    r"(?!.*(?:新增|增长|增加|提升|提高|下降|降低|减少|利润|下载|访问|注册|成交|销量|活跃|营收|"
    r"收入|流量|曝光|点击|阅读量|粉丝))[\u4e00-\u9fff]{1,12}?\s*\d+\+?[。.]?"
)
_ZH_ROUTINE_WORK = re.compile(
    _ZH_PIECES + r"|(?:健身|跑步|游泳|骑行|徒步|爬山|锻炼|运动|背|练|睡|起床|洁面|冥想|打卡|复习|"
    r"预习|熬夜|早睡|早起|学习|阅读|读书|写作)"
)
# A named work alone, in title marks, maybe with its author or what to do with it: "《硅谷之谜》",
# "《文明之光》系列", "《大学》- 并全文背诵下来" (reading or studying it is the work)
_ZH_NAMED_WORK = re.compile(r"^《[^》]{1,40}》\s*(?:系列|全集|全套)?\s*(?:[-—–－].*)?$")
# So many books, courses or papers, and nothing they bring: "10 本英文书", "读 3 门公开课"
_ZH_MATERIAL_COUNT = re.compile(
    r"^(?:读|看|学|上|听)?\s*[\d一二两三四五六七八九十百]+\s*(?:本|部|门|篇)[^，,；;。\d]{0,8}?"
    r"(?:书|书籍|小说|课|课程|公开课|论文|文章|电影|纪录片)[。.]?$"
)
# A whole period's total of a habit: "全年跑步 500km", "本季度阅读 12 本书" (as "每年 ...")
_ZH_PERIOD_TOTAL = re.compile(r"^(?:全年|今年|本年度?|全季度|本季度|本月|全月)\s*")
# a Chinese character: the title (or what follows its label) is Chinese
HAN = re.compile(r"[\u4e00-\u9fff]")
# A work verb that begins a measured subject, then where it goes: "开发效率提升30%",
# "测试覆盖率提高到80%", "部署时间缩短到10分钟" (the measure of the work, not the work)
_ZH_MEASURED = re.compile(
    r"^\S{0,8}?(?:效率|覆盖率|时间|周期|能力|质量|耗时|速度|频率|时长|成本|[率度性])\S{0,2}?"
    r"(?:[由从]\s*[^，,；;]{1,14}?)?"  # "交付周期由 35 天压缩到 25 天": where it starts
    r"(?:提升|提高|增强|改善|降低|减少|缩短|增长|增加|达到|达|翻倍|下降|小于|低于|高于|超过|不低于|"
    r"不超过|压缩)"
)
# A level reached, in a clause after the work: "打造一个流量站，月PV达 100K", "...，年底
# OpenRank 指数 > 15" (not so many pieces of the work itself, "发布文章达 10 篇", nor more work
# towards a level, "...，推动 P90 耗时 < 500ms", nor an audience reached, "触达 200 家企业")
_ZH_REACHED = re.compile(
    r"(?:(?<![触送传表到抵])达到?|(?<!不)超过|突破|大于|高于|低于|小于|[>＞≥<＜≤]|"
    r"(?:提升|提高|增长|增加|降低|减少|缩短)(?:到|至)|"
    r"[增降减]至)\s*[$¥￥]?\s*\d[\d,.]*\s*(?![\d,.]|\s*(?:道|篇|个|次|本|章|节|页|题|遍|场|集|首|门))"
)
# People or organisations gained, the verb's object: "新增 5 家企业在生产环境使用",
# "新增 10 个 Contributors", "招募 3 名志愿者" (a headcount is the result, as in English)
_ZH_GAINED = re.compile(
    r"^(?:新增|获得|吸引|发展|招募|招聘|签约|拓展|落地|引入)\s*(?:至少|超过)?\s*"
    r"[\d一二两三四五六七八九十百千万]+\+?\s*(?:家|个|位|名|所)?\s*(?:企业|公司|机构|组织|客户|"
    r"用户|贡献者|成员|会员|粉丝|读者|订阅者|开发者|合作伙伴|伙伴|学员|志愿者|(?i:contributors?|"
    r"users?|customers?|maintainers?|committers?)\b)(?![级版化])"  # not 企业级功能: a feature
)
# The change the work brings, measured: "落地模块化技术实现机器减少 30%", "...，从而使耗时降低到
# 30 秒" (as "resulting in +20 % retention")
_ZH_THEREBY = re.compile(
    r"(?:实现|从而|使(?!用)得?|让|带来)[^，,；;。]{0,16}?(?:减少|降低|提升|提高|增长|增加|缩短|下降)"
    r"(?:了|到|至)?\s*\d"
)
# A one-character verb and so many of what it does: "去 8 个 DOC Campsite 扎营", "看4本经典书籍",
# "当300场面试官" (not 去年, last year, nor 看板, a board)
_ZH_DO_COUNT = re.compile(r"^([去看读选做当听])\s*[\d一二两三四五六七八九十百]")
# The work counted at the end, after what it is done to: "技术文章输出20篇", "《...》精读2遍"
_ZH_COUNTED_WORK = re.compile(r"(\S{1,2}?)\s*" + _ZH_PIECES + r"[。.]?$")


def chinese(text: str, verbs: tuple[str, ...] | list[str]) -> tuple[str, str] | None:
    """Why a Chinese title is a task, as (the kind of reason, the words), or None."""
    if _ZH_EVERY.match(text) or _ZH_ON_LAST.search(text):
        return None  # a practice everyone holds; a measure's change on last year
    head = _ZH_HEAD.match(text)
    if head and HAN.search(text[head.end() :]):
        text = text[head.end() :]  # "路线对比：在 ... 下，对比 ...": what follows the label
    text = _ZH_DEADLINE.sub("", text, count=1)  # "9 月底前发布 ...": when, then the work
    text = _LATIN_NAME.sub("", text, count=1)  # "DolphinDB 替换 ...": the work after the name
    means = _ZH_MEANS.match(text)
    if means:
        return _after_means(text[means.end() :], verbs)
    if _ZH_NAMED_WORK.match(text) and not (_ZH_RESULT.search(text) or _reaches(text, verbs)):
        return "zh-work-item", "a work item"  # a book or course, named: reading it
    if _ZH_MATERIAL_COUNT.match(text):
        return "zh-routine", text.strip("。.")  # so many books read, courses followed
    routine = _ZH_ROUTINE.match(text) or _ZH_PERIOD_TOTAL.match(text)
    if routine:
        rest = text[routine.end() :]
        work = (
            _ZH_ROUTINE_WORK.match(rest)
            or _ZH_ROUTINE_COUNT.fullmatch(rest)
            or _routine_verb(rest, verbs)
        )
        if work and not _ZH_RESULT.search(text):
            return "zh-routine", text[: routine.end() + work.end()].strip()  # a habit kept up
        text = rest  # how often, then what is judged: "每周发布 ...", "每月收入 ..."
    led = _ZH_LEAD.match(text)
    text = text[led.end() :] if led else text  # "团队制定 ...", "持续 ...": who, how often
    clause = re.split(r"[，,；;。]", text, maxsplit=1)[0]
    if _ZH_WORK_DONE.search(clause) and not _ZH_RESULT.search(text):
        return "zh-work-item", "a work item"  # "... 的开发", "... 的研究", "... 性能测试"
    # the title starts with a work verb ("项目组对 ...": after a subject, 对 is "towards")
    verb = _starts_with_verb(text, verbs, shortest=2 if led else 1)
    if verb:
        if _ZH_MEASURED.match(text) or _ZH_WITHIN.search(text):
            # "开发效率提升30%": the work's measure, and where it goes; "故障 30 分钟内处理":
            # how fast it is done, the level the result holds
            return None
        if _reaches(text, verbs) or _ZH_GAINED.match(text):
            return None  # judged by the level it names, or by the people it gains
        if (
            (_ZH_RESULT.search(text) or _ZH_WON.search(text))
            and _ZH_COUNT.search(text)
            and not _ZH_VISITS.search(text)
            and verb not in _VISIT_VERBS
        ):
            return None  # "完成 3 家企业客户签单": judged by the customers signed
        if _ZH_ACHIEVED.match(text):
            return None  # "实现扭亏为盈": achieving a state, not implementing
        return "zh-verb", verb
    own = _own_pieces(text, verbs)
    if own:
        return "zh-verb", own
    done = _ZH_DO_COUNT.match(text)
    if done:
        return "zh-verb", done.group(1)
    if "进行" in text and not _ZH_RESULT.search(text):
        return "zh-verb", "进行"  # "对 ... 进行操作": carrying out work
    if _ZH_COOPERATE.match(text):
        return "zh-cooperate", "合作"
    if _ZH_BA.match(text) or (text.startswith("将") and _work_verb_in(text[1:41], verbs)):
        return "zh-ba", "将 ..."
    clauses = re.split(r"[，,；;]", text)
    if len(clauses) > 1 and not re.search(r"\d", clauses[0]) and not _ZH_RESULT.search(text):
        for later in clauses[1:]:  # "优化自动部署，推广到交易程序": the work after the direction
            verb = _starts_with_verb(later.strip(), verbs)
            if verb and verb != "实现":  # "..., 实现 X": "so achieving X", the outcome
                return "zh-verb", verb
    # so many pieces of its own work, ending the title or its first clause
    counted = _ZH_COUNTED_WORK.search(text) or _ZH_COUNTED_WORK.search(clause)
    if counted and not _ZH_RESULT.search(text):
        verb = next((v for v in verbs if len(v) > 1 and counted.group(1).endswith(v)), None)
        if verb:
            return "zh-verb", verb  # "技术文章输出20篇": so many pieces of its own work
    if _ZH_WORK_ITEM.search(text.rstrip("。.")) and not (
        _ZH_RESULT.search(text) or _ZH_STATE.search(text)
    ):
        return "zh-work-item", "a work item"
    return None


def _reaches(text: str, verbs: tuple[str, ...] | list[str]) -> bool:
    """Whether the work is said to bring a measured change, or a clause after the first
    states a level reached (rather than more work)."""
    if _ZH_THEREBY.search(text):
        return True
    for later in re.split(r"[，,；;]", text)[1:]:
        later = later.strip()
        led = _ZH_LEAD.match(later)
        later = later[led.end() :] if led else later
        if _ZH_ACHIEVED.match(later):
            return True
        if (_ZH_REACHED.search(later) or _ZH_SHARE.search(later)) and not _starts_with_verb(
            later, verbs, shortest=1
        ):
            return True
    return False


def _starts_with_verb(
    text: str, verbs: tuple[str, ...] | list[str], shortest: int = 2
) -> str | None:
    """The first Chinese work verb of `shortest` characters or more the text starts with
    (not a noun: 开发人员)."""
    for verb in verbs:
        if len(verb) < shortest or verb.isascii() or not text.startswith(verb):
            continue
        if not _ZH_NOUN_AFTER_VERB.match(text[len(verb) :]):
            return verb
    return None


def _routine_verb(rest: str, verbs: tuple[str, ...] | list[str]) -> re.Match[str] | None:
    """After how often, a work verb and so many pieces: "每周精听 5 篇 BBC 新闻"."""
    verb = _starts_with_verb(rest, verbs)
    return _ZH_OWN_PIECES.match(rest, len(verb)) if verb else None


def _own_pieces(text: str, verbs: tuple[str, ...] | list[str]) -> str | None:
    """A work verb after a short subject, place or frequency, then so many pieces of the work:
    "公众号发布 40 篇原创文章", "全体教师每学期完成不少于 2 次公开课" (not what users or
    customers do)."""
    if _ZH_RESULT.search(text):
        return None
    verb = _work_verb_in(text[:10], verbs)
    if verb is None:
        return None
    after = text.find(verb) + len(verb)
    pieces = _ZH_OWN_PIECES.match(text[after:])
    if pieces is None and verb in _VISIT_VERBS:  # "走访不少于 10 家": so many places visited
        pieces = _ZH_VISITED.match(text[after:])
    return verb if pieces else None


def _work_verb_in(text: str, verbs: tuple[str, ...] | list[str]) -> str | None:
    """The first work verb of two characters or more inside the text, as a verb."""
    found = [
        (at, verb)
        for verb in verbs
        if len(verb) > 1 and not verb.isascii() and (at := text.find(verb)) > 0
        and not _ZH_NOUN_AFTER_VERB.match(text[at + len(verb) :])
    ]  # fmt: skip
    return min(found)[1] if found else None


def _after_means(rest: str, verbs: tuple[str, ...] | list[str]) -> tuple[str, str] | None:
    """A title that starts with how, where or for what: the work is the clause after the
    comma ("在统一场景下，对比两条路线 ..."), or the verb after the means ("通过 ... 实现 ...")."""
    means, comma, main = [*re.split(r"([，,])", rest, maxsplit=1), "", ""][:3]
    means, main = means.strip(), main.strip()
    if comma and main:
        return chinese(main, verbs)
    if _ZH_RESULT.search(rest) and _ZH_COUNT.search(rest):
        return None  # "为 100 家客户提供 ...": judged by the customers
    verb = _work_verb_in(means, verbs)
    return ("zh-verb", verb) if verb else None
