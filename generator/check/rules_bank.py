"""The question-bank rules (Q…) and the rules about silencing itself (C…): declarations only."""

from __future__ import annotations

from .rule import ERROR, WARNING, Param, Rule

CUE_WORDS = ("只", "仅", "都", "一律", "完全", "绝对", "从不", "总是", "早已", "包办", "任何", "一切", "所有",
             "全部", "唯一", "毫无", "不算", "就可以了", "无需", "不必", "永远", "包揽")
"""Absolute words that make a statement easy to reject without knowing the course."""

ABSURD_MARKERS = ("无关", "可有可无", "随意", "无所谓", "没有必要", "越多越好", "取消", "放任", "代替")
"""Phrases that give a distractor away as obviously wrong (besides the cue words)."""

ALPHA = Param(0.05, "显著性水平：只有偏差大到随机出现的概率低于它时才报告")

BANK_RULES = (
    Rule(
        "Q101", "single-key-position", "单选题答案集中在一个字母", WARNING, "bank",
        "单选题的答案有 {count}/{total} 道是 {letter}（{share}），随机排列时约为 {expected}",
        "调整选项的书写顺序，让正确选项在 A、B、C、D 各位置大致均匀（导出和纸质试卷按书写顺序排列）",
        "10 道单选题中 7 道答案是 A", "10 道单选题的答案 A、B、C、D 各 2～3 道",
        {"max_share": Param(0.4, "一个字母最多可占单选题答案的比例"), "alpha": ALPHA,
         "min_questions": Param(5, "单选题少于这个数时不检查")},
    ),
    Rule(
        "Q102", "multiple-key-leading", "多选题答案总是前几项", WARNING, "bank",
        "多选题中有 {count}/{total} 道的正确选项正好是最前面的几项（{share}），随机排列时约为 {expected}",
        "把正确选项分散到不同位置，例如 [B, D]、[A, C, D]；不要总把错误选项放在最后",
        "8 道多选题的答案都是 [A, B] 或 [A, B, C]", "答案分别是 [B, D]、[A, C, D]、[A, B] 等",
        {"max_share": Param(0.5, "答案是“最前面几项”的多选题最多可占的比例"), "alpha": ALPHA,
         "min_questions": Param(4, "多选题少于这个数时不检查")},
    ),
    Rule(
        "Q103", "longest-correct-option", "正确选项往往最长", WARNING, "bank",
        "单选题中有 {count}/{total} 道的正确选项明显比其他选项长（{share}），随机时约为 {expected}（{examples}）",
        "把干扰项写得和正确选项一样具体、一样长，或把正确答案写得更简练",
        "正确项“机关党建与业务工作同步研究、同步布置、同步检查、同步考核”，干扰项“只抓业务”",
        "各选项都是一句完整、具体、长短相近的话",
        {"ratio": Param(1.1, "正确选项至少比最长的干扰项长这么多倍才算“明显最长”"),
         "max_share": Param(0.35, "正确选项明显最长的单选题最多可占的比例"), "alpha": ALPHA,
         "min_questions": Param(5, "有 3 个以上选项的单选题少于这个数时不检查")},
    ),
    Rule(
        "Q104", "truefalse-cue-words", "判断题的绝对化词语偏在一边", WARNING, "bank",
        "{side}的判断题 {hit}/{total} 道含有绝对化词语（{words}），{other}的只有 {other_hit}/{other_total} 道：看词语就能判断对错",
        "错误的说法应只改变讲话中的一个事实（两届→三届、指导→领导），正确的说法也可以用“只”“都”等词",
        "错误题都写成“……只是……”“……早已……”，正确题都不带这些词",
        "“部门党组对机关党组织是领导关系。”（错，只改了一个事实：指导→领导）",
        {"words": Param(CUE_WORDS, "绝对化词语"), "min_gap": Param(0.5, "两边含词比例之差至少为多少才报告"),
         "alpha": ALPHA},
    ),
    Rule(
        "Q105", "option-cue-words", "绝对化词语偏在干扰项（或正确项）", WARNING, "bank",
        "{side}中 {hit}/{total} 个含有绝对化词语（{words}），{other}中只有 {other_hit}/{other_total} 个：看词语就能排除选项",
        "干扰项改用讲话本身的内容（相邻的列举、互换的主体或关系），不要靠“只”“一律”“完全”让它显得错",
        "干扰项“只靠党务干部”“一律由机关党委包办”", "干扰项“由机关工委统一领导”（讲话说的是机关党委组织落实）",
        {"words": Param(CUE_WORDS + ABSURD_MARKERS, "绝对化词语和一看就错的说法"),
         "min_gap": Param(0.1, "两边含词比例之差至少为多少才报告"),
         "alpha": ALPHA},
    ),
    Rule(
        "Q201", "letter-reference", "用字母指代选项", WARNING, "question",
        "{field}用字母 {letters} 指代选项：选项在屏幕上和导出时会打乱，字母与学员看到的对不上",
        "用选项的内容指代，例如写“只有‘三者兼顾’一项……”，不写“只有 C……”",
        "解析：只有 C 三者兼顾。", "解析：只有“党员、班子、组织三者兼顾”符合发言。",
    ),
    Rule(
        "Q203", "all-of-the-above", "“以上都是”“以上都不是”", WARNING, "question",
        "选项“{option}”：学员看出两项正确（或一项正确）就能选对{pinning}",
        "改成多选题，让学员逐项判断；确需保留时用 pin_last 把它固定在最后",
        "options: [政治优势, 组织优势, 制度优势, 以上都是]",
        "type: multiple，options: [政治优势, 组织优势, 制度优势, 经济优势]，answer: [A, B, C]",
    ),
    Rule(
        "Q204", "negative-stem", "否定式题干没有突出否定词", WARNING, "question",
        "题干问的是“{word}”的一项，但否定词没有突出，学员容易看漏",
        "给否定词加上引号或方括号，例如“下列说法中【不正确】的是”",
        "下列说法不正确的是？", "下列说法中【不正确】的是？",
    ),
    Rule(
        "Q301", "page-answer-leak", "同一练习页泄露答案", WARNING, "question",
        "答案“{answer}”出现在同一练习页 {other} 的{field}中：学员先做那道题就知道这道题的答案",
        "改写其中一道题，或把其中一道移到考查别的小节（别的练习页）",
        "填空“____ 制度”的答案“一岗双责”，同页另一题的题干写着“实行一岗双责后……”",
        "另一题改问“领导干部既管业务又管党建，体现的是哪项制度的要求”并不写出名称",
    ),
    Rule(
        "Q302", "final-answer-leak", "综合测试中泄露答案", WARNING, "question",
        "答案“{answer}”出现在 {other} 的{field}中：综合测试同时抽到这两道题时会泄露答案",
        "改写其中一道题，使题干和选项不写出另一道题的答案",
        "两个部分的题目分别考“三位一体”和“题干中写着三位一体的情景题”",
        "情景题的题干只描述做法，不写出“三位一体”",
    ),
    Rule(
        "Q303", "near-duplicate-stem", "题干几乎相同", WARNING, "question",
        "题干与 {other} 几乎相同（相似度 {similarity}）",
        "合并这两道题，或改写其中一道，考查不同的要点",
        "“机关党建的关键在于什么？”和“机关党建的关键在于哪一项？”",
        "一道考“关键”，另一道考“外在形式”",
        {"min_similarity": Param(0.8, "题干相似度（0～1）达到多少算几乎相同")},
    ),
    Rule(
        "Q401", "topic-question-count", "小节或举措题量不足", WARNING, "topic",
        "{kind}“{title}”只有 {count} 道题，至少需要 {minimum} 道",
        "为它补写题目（题目的 section 写 {id}）",
        "举措“一把手责任”只有 1 道题", "每个小节和举措至少 3 道题，考查不同的要点",
        {"min_questions": Param(3, "每个小节和举措至少要有的题数（一组举措算上其中各项举措的题）")},
    ),
    Rule(
        "Q402", "part-type-mix", "练习的题型单一", WARNING, "part",
        "“{part}”的练习共 {total} 道题，{problem}",
        "在这一部分混用单选、多选、判断、填空、排序等题型",
        "一个部分的 8 道题全是判断题", "8 道题中有单选、多选、判断、填空各两道",
        {"min_types": Param(3, "每个部分至少要有的题型数"),
         "max_share": Param(0.6, "一种题型最多可占一个部分题目的比例"),
         "min_questions": Param(5, "一个部分的题目少于这个数时不检查")},
    ),
    Rule(
        "Q403", "difficulty-spread", "难度分布不合理", WARNING, "bank",
        "标为“{label}”的题只有 {count}/{total} 道（{share}），至少应占 {minimum}",
        "按实际难度重新标注，或补写题目：难题考辨析（相近的主体、关系、数字），易题考基本概念",
        "70 道题中只有 2 道标为“难”", "至少 15% 的题标为“难”，至少 10% 标为“易”",
        {"min_hard": Param(0.15, "“难”题至少占的比例"), "min_easy": Param(0.1, "“易”题至少占的比例"),
         "min_questions": Param(10, "题库少于这个数时不检查")},
    ),
    Rule(
        "Q404", "difficulty-evidence", "标为“难”却一看就能答对", WARNING, "question",
        "标为“难”，但{evidence}",
        "换成来自讲话本身、似是而非的干扰项（相邻的列举、互换的主体或关系），或把难度改为“中”或“易”",
        "难题的干扰项是“与机关党建毫无关联的外部资源”", "难题的干扰项是“工委统一领导”与“党组加强指导”互换",
        {"words": Param(CUE_WORDS + ABSURD_MARKERS, "让干扰项一看就错的词语"),
         "max_share": Param(0.5, "这样的干扰项最多可占干扰项的比例")},
    ),
    Rule(
        "C001", "unused-ignore", "check_ignore 没有对应的发现", WARNING, "content",
        "check_ignore 忽略 {rule}{text}，但这里没有这样的发现",
        "问题已经改好时删掉这条 check_ignore；针对整个题库的规则（{bank_rules}）写在题库顶层的 check_ignore 中",
        "check_ignore: [{rule: Q201, reason: 已核对}]（解析里早已没有字母）", "删掉不再需要的 check_ignore",
    ),
    Rule(
        "C002", "unknown-rule", "check_ignore 写了不存在的规则", ERROR, "content",
        "没有规则“{rule}”", "规则代码见 README 的“题库检查规则”，例如 Q201、S301",
        "check_ignore: [{rule: Q999, reason: …}]", "check_ignore: [{rule: Q201, reason: 这里的 A 是“A 级”}]",
    ),
)
