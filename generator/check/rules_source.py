"""The rules that compare a course with the speech's text (S…): declarations only."""

from __future__ import annotations

from .rule import ERROR, WARNING, Param, Rule

HEDGES = {
    "少数": ("个别", "少数", "较少"),
    "部分": ("有的", "有些", "一些", "部分", "某些", "有时"),
    "许多": ("不少", "许多", "很多", "较多"),
    "多数": ("绝大多数", "大多数", "多数", "大部分"),
}
"""Hedged quantifiers of the speech, by how much they claim."""

ABSOLUTES = {
    "全部": ("全部", "所有", "普遍", "一律", "全都", "都", "均", "总是", "一概", "无一"),
    "几乎没有": ("很少", "极少", "从不", "从来不", "从未"),
}
"""Absolute quantifiers a summary must not put where the speech hedged."""

RELATION_PAIRS = ("指导/领导", "负总责/抓落实", "负总责/具体抓", "带头抓/具体抓", "统一领导/加强指导",
                  "组织落实/统一领导", "考察/审批", "列席/参加", "支持/领导")
"""Relation words that must not swap places: each pair is written 原词/替换词 and checked both ways."""

SOURCE_RULES = (
    Rule(
        "S101", "uncovered-paragraph", "讲话段落没有被课程覆盖", WARNING, "source",
        "第 {number} 段（{where}）只有 {share} 的内容能在课程中找到：“{prefix}…”",
        "在对应的部分、小节或举措中用自己的话概括这一段，并写上 source: [{number}]",
        "删掉了举措 1 的概述和要点（标识保留），原文第 19 段就没有内容对应",
        "举措 1 概括了第 19 段的各层意思，写 source: [19]",
        {"sentence_score": Param(0.35, "一句原文的关键字有多大比例出现在课程的同一处，这句才算被覆盖"),
         "min_share": Param(0.5, "一段中被覆盖的文字至少占多少，这一段才算被覆盖")},
    ),
    Rule(
        "S102", "unsupported-reference", "source 写的段落与内容不符", WARNING, "content",
        "写了 source 第 {number} 段，但内容与这一段几乎没有共同之处（相符程度 {score}）",
        "核对段落编号（原文第几个非空行）；确实概括了这一段时，用上这一段的关键词句",
        "小节“发挥表率作用”写 source: [13]（第 13 段讲组织体制）", "写 source: [5]",
        {"min_score": Param(0.2, "相符程度低于它时报告")},
    ),
    Rule(
        "S103", "unknown-paragraph", "source 写了不存在的段落", ERROR, "content",
        "source 写了第 {number} 段，但讲话原文只有 {count} 段",
        "段落编号是原文中第几个非空行，从 1 数起（标题行也算）",
        "source: [40]（原文只有 31 段）", "source: [31]",
    ),
    Rule(
        "S201", "copied-passage", "照抄讲话原文", WARNING, "content",
        "与讲话第 {number} 段有 {length} 个字完全相同：“{prefix}…”",
        "用自己的话概括；必须逐字保留的固定提法放进 slogans（关键提法）",
        "summary 里粘贴了原文的一整句（40 个字）", "summary 用自己的话概括，固定提法写进 slogans",
        {"min_chars": Param(30, "连续多少个字与原文相同就算照抄（不计空白和标点差别）")},
    ),
    Rule(
        "S301", "quantifier-drift", "限定词被改成了绝对化说法", WARNING, "content",
        "讲话第 {number} 段说“{source_word}”（“{source_quote}”），这里写成“{word}”",
        "按原文的限定程度改写；核对后确认无误时，在这一项写 check_ignore（rule: S301，text: {word}）并说明理由",
        "原文“有的地方党委常委会几年才听取一次汇报”，摘要写“地方党委都几年才听取一次汇报”",
        "摘要写“有的地方党委常委会几年才听取一次汇报”",
        {"hedges": Param(tuple(w for words in HEDGES.values() for w in words), "原文中表示“有的、一些”的限定词"),
         "absolutes": Param(tuple(w for words in ABSOLUTES.values() for w in words), "绝对化的说法")},
    ),
    Rule(
        "S302", "relation-drift", "关系词被换掉", WARNING, "content",
        "讲话第 {number} 段用“{source_word}”（“{source_quote}”），这里写成“{word}”",
        "照原文使用关系词；核对后确认无误时，在这一项写 check_ignore（rule: S302，text: {word}）并说明理由",
        "原文“党组（党委）的指导”，要点写“党组（党委）的领导”", "要点写“党组（党委）的指导”",
        {"pairs": Param(RELATION_PAIRS, "不可互换的关系词，写成“原词/替换词”")},
    ),
    Rule(
        "S401", "missing-key-term", "讲话的关键词语课程没有提到", WARNING, "source",
        "讲话中的{kind}“{term}”（第 {number} 段{times}）在课程中没有出现",
        "在讲解它的小节里提到并解释这个词语；确实不需要时在 course.yml 写 check_ignore（rule: S401，text: {term}）",
        "讲话多次说“集约化效应”，课程一次也没有提到", "开篇概念的目标中写出“集约化效应”并解释",
        {"min_count": Param(4, "一个词语在讲话中至少出现几次才算关键词语"),
         "max_quote_chars": Param(12, "引号里的文字超过这个长度就不当作关键词语")},
    ),
)
