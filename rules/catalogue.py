"""The one catalogue of user-facing text: zh-CN by default, English beside it.

It lives in ``rules`` because both the rulebook (whose errors community staff read) and ``chatops``
(everything residents and handlers read) speak through it, and ``rules`` must not import ``chatops``.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

DEFAULT_LANG = "zh-CN"
LANGS = ("zh-CN", "en")

MESSAGES: dict[str, dict[str, str]] = {
    # --- rulebook problems (community staff) ---
    "rulebook_invalid": {
        "zh-CN": "规则手册 {file} 有 {count} 处问题，未加载：",
        "en": "The rulebook {file} has {count} problem(s) and was not loaded:",
    },
    "rulebook_ok": {
        "zh-CN": "规则手册 {file} 检查通过：{handlers} 个处理单位，{categories} 个类别，版本 {version}。",
        "en": "Rulebook {file} is valid: {handlers} handlers, {categories} categories, version {version}.",
    },
    "rulebook_choice": {
        "zh-CN": "政策选择「{name}」：{chosen}（{leads}；可选：{options}）",
        "en": "Policy choice '{name}': {chosen} ({leads}; options: {options})",
    },
    "problem_at": {"zh-CN": "{file} 第 {line} 行：{message}", "en": "{file}, line {line}: {message}"},
    "problem_in": {"zh-CN": "{file}：{message}", "en": "{file}: {message}"},
    "file_unreadable": {"zh-CN": "无法读取文件：{detail}", "en": "cannot read the file: {detail}"},
    "yaml_syntax": {"zh-CN": "YAML 格式错误：{detail}", "en": "YAML syntax error: {detail}"},
    "duplicate_key": {"zh-CN": "键「{key}」重复出现", "en": "the key '{key}' appears twice"},
    "not_a_mapping": {
        "zh-CN": "规则手册的顶层应当是键值映射（如 handlers:、categories:）",
        "en": "the top of a rulebook must be a mapping (handlers:, categories:, ...)",
    },
    "field_missing": {"zh-CN": "缺少必填项「{field}」", "en": "the required field '{field}' is missing"},
    "field_unknown": {
        "zh-CN": "不认识的字段「{field}」（拼写错误？）",
        "en": "unknown field '{field}' (a typo?)",
    },
    "field_choice": {
        "zh-CN": "「{field}」的值 {value!r} 不在可选范围内：{expected}",
        "en": "'{field}' is {value!r}, which is not one of: {expected}",
    },
    "field_empty": {"zh-CN": "「{field}」不能为空", "en": "'{field}' must not be empty"},
    "field_type": {"zh-CN": "「{field}」格式不对：{detail}", "en": "'{field}' is malformed: {detail}"},
    "duplicate_id": {
        "zh-CN": "编号「{id}」重复（第一次出现在第 {first} 行）",
        "en": "the id '{id}' is used twice (first on line {first})",
    },
    "unknown_handler": {
        "zh-CN": "没有编号为「{id}」的处理单位（handlers 中未定义）",
        "en": "there is no handler with the id '{id}' (not defined under handlers)",
    },
    "unknown_category": {
        "zh-CN": "没有编号为「{id}」的类别（categories 中未定义）",
        "en": "there is no category with the id '{id}' (not defined under categories)",
    },
    "bad_duration": {
        "zh-CN": "时限「{value}」无法识别：请写成 30m、2h、7d 或 30分钟、2小时、7天，且大于零、不超过一年",
        "en": "the time limit '{value}' is not understood: write 30m, 2h or 7d, above zero and at most a year",
    },
    "empty_keyword": {
        "zh-CN": "关键词列表中有空字符串",
        "en": "the keyword list contains an empty string",
    },
    "bad_pattern": {
        "zh-CN": "正则表达式「{pattern}」无法编译：{detail}",
        "en": "the pattern '{pattern}' does not compile: {detail}",
    },
    "class_too_wide": {
        "zh-CN": "正则表达式「{pattern}」的字符类包含 {width} 个字符（上限 {limit}），几乎什么都能匹配；请列出具体的字",
        "en": "the pattern '{pattern}' has a character class of {width} characters (limit {limit}), which "
        "matches almost anything; list the characters you mean",
    },
    "escalation_loop": {
        "zh-CN": "升级链形成回路：{chain}",
        "en": "the escalation chain loops: {chain}",
    },
    "co_is_lead": {
        "zh-CN": "协办单位「{id}」同时是牵头单位",
        "en": "the co-handler '{id}' is also the lead",
    },
    "bad_date": {
        "zh-CN": "日期「{value}」无法识别：请写成 2027-01-01 这样的年-月-日，且是真实存在的日期",
        "en": "the date '{value}' is not understood: write a real date as year-month-day, e.g. 2027-01-01",
    },
    "bad_outline": {
        "zh-CN": "「{field}」的轮廓应当是至少三个 [经度, 纬度] 点，"
                 "如 [[113.26, 23.13], [113.27, 23.13], [113.27, 23.14]]",
        "en": "'{field}' must be an outline of at least three [longitude, latitude] points, "
              "e.g. [[113.26, 23.13], [113.27, 23.13], [113.27, 23.14]]",
    },
    "bad_share": {"zh-CN": "比例「{value}」无法识别：请写成 2/3、1/2 这样大于 0、不超过 1 的分数",
                  "en": "the share '{value}' is not understood: write a fraction above 0 and at most 1, e.g. 2/3"},
    "unknown_body": {"zh-CN": "没有编号为「{id}」的议事机构（deliberation.bodies 中未定义）",
                     "en": "there is no body with the id '{id}' (not defined under deliberation.bodies)"},
    "unknown_step": {"zh-CN": "本流程中没有编号为「{id}」的步骤", "en": "this chain has no step with the id '{id}'"},
    "step_incomplete": {"zh-CN": "步骤「{step}」要开会表决，须写明议事机构（body）和通过规则（majority）",
                        "en": "step '{step}' is a meeting: it needs a body and a majority"},
    "threshold_one_share": {"zh-CN": "「{field}」须写 at_least（以上）或 more_than（过半数）中的一个",
                            "en": "'{field}' needs exactly one of at_least or more_than"},
    "bank_no_minutes": {"zh-CN": "时长要大于零。", "en": "The time must be more than zero."},
    "bank_same_account": {"zh-CN": "不能给自己记时长。", "en": "Nobody can record hours for themselves."},
    "bank_bad_hours": {
        "zh-CN": "服务时长要大于零，例如 2小时、1.5小时、三小时、90分钟。",
        "en": "The hours must be more than nothing, e.g. 2h, 1.5 hours, 90 minutes.",
    },
    "bank_too_long": {
        "zh-CN": "没有记入：一次最多确认 {most} 的服务（您写的是 {hours}）。服务更久请分次确认。",
        "en": "Not recorded: one confirmation is at most {most} of service (you wrote {hours}); confirm longer "
        "service in parts.",
    },
    "bank_no_account": {"zh-CN": "{account} 还没有时间银行账户。", "en": "{account} has no time-bank account yet."},
    "bank_unknown_account": {
        "zh-CN": "没有记入：{account} 不在本社区的任何群里，时间银行只给本社区的人记时长。请检查对方的账号"
                 "（例如 @wang:example.org），或在消息里直接 @ 对方。",
        "en": "Not recorded: {account} is not in any of this community's rooms, and the time bank records hours "
              "for people of the community only. Please check their account (e.g. @wang:example.org), or "
              "mention them in your message.",
    },
    "volunteer_unknown": {
        "zh-CN": "没有记入：{account} 不在本社区的任何群里，志愿服务积分只记给本社区的居民。"
                 "请检查账号，或在消息里直接 @ 对方。",
        "en": "Not recorded: {account} is not in any of this community's rooms, and volunteer points go to its "
              "residents only. Please check the account, or mention them in the message.",
    },
    "volunteer_bot": {
        "zh-CN": "没有记入：社区吹哨是机器人，不能给它记志愿服务。请写上服务的居民。",
        "en": "Not recorded: Whistle is a bot and earns no volunteer points. Please name the resident who served.",
    },
    "bank_bot_account": {
        "zh-CN": "没有记入：社区吹哨是机器人，不能给它记时长。请写上为您服务的那个人。",
        "en": "Not recorded: Whistle is a bot and cannot be given hours. Please name the person who served you.",
    },
    "bank_repeated": {
        "zh-CN": "这次服务已经记过了（第 {transfer} 笔：{giver} 为您服务 {hours}，{what}），没有重复记入。"
                 "如果确实是另一次服务，请过 {window} 分钟再确认。",
        "en": "This service is recorded already (entry {transfer}: {giver} served you {hours}, {what}); it was not "
              "recorded twice. If it really was another service, please confirm it again in {window} minutes.",
    },
    "bank_no_transfer": {"zh-CN": "没有第 {transfer} 笔记录。", "en": "There is no entry {transfer}."},
    "bank_reversed": {"zh-CN": "第 {transfer} 笔已经冲正过（或本身就是冲正），不能再冲正。",
                      "en": "Entry {transfer} was reversed already (or is itself a reversal)."},
    "bank_gap": {"zh-CN": "时间银行账本缺少第 {transfer} 笔之前的记录。",
                 "en": "The ledger misses entries before {transfer}."},
    "bank_reason_required": {"zh-CN": "冲正必须写明原因。", "en": "A reversal needs a reason."},
    "bad_timezone": {
        "zh-CN": "时区「{value}」无法识别：请写成 Asia/Shanghai 这样的时区名",
        "en": "the timezone '{value}' is not understood: write a timezone name such as Asia/Shanghai",
    },
    "calendar_conflict": {
        "zh-CN": "日期 {date} 既列为节假日（第 {first} 行）又列为工作日",
        "en": "the date {date} is listed both as a holiday (line {first}) and as a working day",
    },
    "too_few_categories": {
        "zh-CN": "至少需要一个类别",
        "en": "at least one category is needed",
    },
    # --- routing (everyone) ---
    "unclassified": {"zh-CN": "未分类（街道兜底）", "en": "unclassified (street office takes it)"},
    "decision_summary": {
        "zh-CN": "类别：{category}（{category_id}）\n牵头：{lead}\n协办：{co}\n优先级：{priority}\n"
        "签收时限：{sign_for}　办结时限：{resolve}\n规则：{rule}\n命中：{matched}\n规则手册版本：{version}",
        "en": "Category: {category} ({category_id})\nLead: {lead}\nCo-handlers: {co}\nPriority: {priority}\n"
        "Sign for within: {sign_for}   resolve within: {resolve}\nRule: {rule}\nMatched: {matched}\n"
        "Rulebook version: {version}",
    },
    "decision_gate": {
        "zh-CN": "是否报告：{report}（{gate}）",
        "en": "A report: {report} ({gate})",
    },
    "decision_source": {
        "zh-CN": "依据：{source}", "en": "Decided by: {source}",
    },
    "decision_source_model": {
        "zh-CN": "{kind}（模型 {model}，{label} 得分 {score:.2f}）",
        "en": "{kind} (model {model}, {label} scored {score:.2f})",
    },
    "decision_ask": {
        "zh-CN": "证据不足，将请居民选择：{options}",
        "en": "Too little evidence: the resident is asked to choose among {options}",
    },
    "decision_alternatives": {"zh-CN": "备选：{alternatives}", "en": "Runners-up: {alternatives}"},
    "decision_hotline": {"zh-CN": "提示居民拨打：{hotline}", "en": "The resident is told to call {hotline}"},
    "report_yes": {"zh-CN": "是", "en": "yes"},
    "report_no": {"zh-CN": "否", "en": "no"},
    "report_unsure": {"zh-CN": "不确定，先询问", "en": "unsure: ask first"},
    "source_rule": {"zh-CN": "规则", "en": "the rules"},
    "source_model": {"zh-CN": "学习模型", "en": "the learned model"},
    "source_both": {"zh-CN": "规则与模型一致", "en": "rules and model agree"},
    "source_none": {"zh-CN": "无匹配（兜底）", "en": "nothing matched (fallback)"},
    "gate_report": {"zh-CN": "反映问题", "en": "a report"},
    "gate_emergency": {"zh-CN": "紧急情况", "en": "an emergency"},
    "gate_unsure": {"zh-CN": "看不出是否要登记", "en": "cannot tell"},
    "gate_story": {"zh-CN": "讲往事或讲故事", "en": "a story, or a time long past"},
    "gate_vague": {"zh-CN": "没说是什么问题", "en": "something wrong, but not said what"},
    "gate_what_if": {"zh-CN": "假设的情况，问该怎么办", "en": "a what-if, asked"},
    "gate_aftermath": {"zh-CN": "险情已过，反映其后的问题", "en": "a danger over, and what came after it"},
    "gate_feared": {"zh-CN": "反映隐患，担心的后果还没发生", "en": "a hazard, the harm only feared"},
    "gate_greeting": {"zh-CN": "问候", "en": "a greeting"},
    "gate_thanks": {"zh-CN": "致谢", "en": "thanks"},
    "gate_done": {"zh-CN": "说问题已经没了", "en": "the matter is done"},
    "gate_ack": {"zh-CN": "回应", "en": "an acknowledgement"},
    "gate_chat": {"zh-CN": "闲聊", "en": "chit-chat"},
    "gate_notice": {"zh-CN": "通知", "en": "a notice"},
    "gate_question": {"zh-CN": "咨询", "en": "a question"},
    "gate_offer": {"zh-CN": "邻里转让、招领或广告", "en": "an offer, a find or an advert"},
    "gate_question_help": {"zh-CN": "询问如何使用", "en": "a question about using the bot"},
    "gate_question_progress": {"zh-CN": "询问进度", "en": "a question about progress"},
    "gate_noise": {"zh-CN": "无文字", "en": "no words"},
    "none": {"zh-CN": "无", "en": "none"},
    "priority_emergency": {"zh-CN": "紧急", "en": "emergency"},
    "priority_urgent": {"zh-CN": "加急", "en": "urgent"},
    "priority_normal": {"zh-CN": "一般", "en": "normal"},
    "priority_complex": {"zh-CN": "复杂", "en": "complex"},
    # --- ticket lifecycle refusals (handlers and residents) ---
    "ticket_unknown": {"zh-CN": "没有找到 {ticket} 号工单。", "en": "There is no ticket {ticket}."},
    "move_bad_state": {
        "zh-CN": "{ticket} 号工单当前状态为「{state}」，不能{move}。",
        "en": "Ticket {ticket} is {state}; it cannot be {move} now.",
    },
    "not_signed_for": {
        "zh-CN": "{ticket} 号工单还没有人签收，请先签收（!签收）再办结。",
        "en": "Nobody has signed for ticket {ticket} yet: sign for it (!ack) before resolving it.",
    },
    "reason_required": {
        "zh-CN": "{move}需要写明理由：请把理由写在指令后面。",
        "en": "{move} needs a reason: write it after the command.",
    },
    "text_required": {"zh-CN": "请在指令后面写明内容。", "en": "Please write the text after the command."},
    "not_your_ticket": {
        "zh-CN": "{ticket} 号工单不是您反映的，只有反映或附议的居民可以确认或评价。",
        "en": "Ticket {ticket} is not yours: only the residents who reported or supported it can confirm or "
        "rate it.",
    },
    "verdict_given": {
        "zh-CN": "您已经确认过 {ticket} 号工单已解决，正在等待其他反映同一问题的居民回访。",
        "en": "You have already said ticket {ticket} is solved; the other residents who reported it are "
        "being asked too.",
    },
    "not_handler_of": {
        "zh-CN": "{ticket} 号工单由「{lead}」负责，您所在的单位不能{move}。",
        "en": "Ticket {ticket} belongs to {lead}; your unit cannot act on it ({move}).",
    },
    "already_signed": {
        "zh-CN": "「{handler}」已经签收过 {ticket} 号工单。",
        "en": "{handler} has already signed for ticket {ticket}.",
    },
    "transfer_to_self": {
        "zh-CN": "{ticket} 号工单已经由「{handler}」负责，无需转派给自己。",
        "en": "Ticket {ticket} is already with {handler}; it cannot be transferred to itself.",
    },
    "fallback_cannot_return": {
        "zh-CN": "街道是兜底单位，不能退单；如不属于本单位，请转派给具体部门并写明理由。",
        "en": "The street office is the handler of last resort and cannot return a ticket; transfer it "
        "to the right unit with a reason instead.",
    },
    "reopened_meanwhile": {
        "zh-CN": "{ticket} 号工单已有居民反馈未解决，已重新交办理单位处理；办结后会再次请您确认。",
        "en": "Another resident said ticket {ticket} is not solved, so it is being handled again; you will be asked "
              "again once it is resolved.",
    },
    "already_rated": {
        "zh-CN": "{ticket} 号工单本轮已经评价过了，谢谢！",
        "en": "Ticket {ticket} has already been rated for this round, thank you!",
    },
    "bad_rating": {
        "zh-CN": "评价只能是：满意、基本满意、不满意。",
        "en": "A rating is one of: satisfied, basically satisfied, not satisfied.",
    },
    "bad_days": {
        "zh-CN": "延期天数应为 1 到 60 之间的整数。",
        "en": "An extension is a whole number of days from 1 to 60.",
    },
    "extension_pending": {
        "zh-CN": "{ticket} 号工单已申请延期 {days} 天，正等待街道审批。",
        "en": "Ticket {ticket} already has an extension of {days} days waiting for the street office.",
    },
    "no_choice_asked": {
        "zh-CN": "工单 #{ticket} 没有在等您选择事项。",
        "en": "Ticket #{ticket} is not waiting for you to choose a matter.",
    },
    "bad_option": {
        "zh-CN": "请回复 1 到 {count} 之间的数字，或回复 0 表示都不是。",
        "en": "Reply with a number from 1 to {count}, or 0 for none of them.",
    },
    "power_unreadable": {
        "zh-CN": "暂时无法确认您在本房间的身份（机器人读不到本房间的权限设置），请联系管理员检查机器人是否仍在房间中。",
        "en": "Your role in this room cannot be checked now (the bot cannot read the room's power levels); ask an "
        "administrator whether the bot is still in the room.",
    },
    "not_for_triage": {
        "zh-CN": "工单 #{ticket} 已有明确类别和办理单位，无需分拨；如需改派请用 !转派。",
        "en": "Ticket #{ticket} already has a category and a handler: nothing to triage; use !transfer to move it.",
    },
    "only_dispatcher_decides": {
        "zh-CN": "延期申请由「{handler}」审批。",
        "en": "Extensions are decided by {handler}.",
    },
    "no_extension_asked": {
        "zh-CN": "{ticket} 号工单没有待审批的延期申请。",
        "en": "Ticket {ticket} has no extension waiting for a decision.",
    },
    "unknown_target": {
        "zh-CN": "没有名为「{id}」的处理单位，请用 !帮助 查看单位列表。",
        "en": "There is no unit called '{id}'; !help lists them.",
    },
    "report_empty": {
        "zh-CN": "反映的内容是空的，请用一句话说明遇到的问题，例如：3号楼电梯又坏了。",
        "en": "The report is empty: say in a sentence what is wrong, e.g. 'the lift in building 3 is broken'.",
    },
    "report_too_long": {
        "zh-CN": "反映内容过长（{length} 字，上限 {limit} 字），请简要说明问题。",
        "en": "The report is too long ({length} characters, limit {limit}); please keep it short.",
    },
    # --- states and moves ---
    "state_reported": {"zh-CN": "已受理", "en": "reported"},
    "state_routed": {"zh-CN": "待签收", "en": "awaiting sign-for"},
    "state_acknowledged": {"zh-CN": "办理中", "en": "in progress"},
    "state_resolved": {"zh-CN": "待回访", "en": "awaiting the resident's verdict"},
    "state_closed": {"zh-CN": "已办结", "en": "closed"},
    "move_acknowledged": {"zh-CN": "签收", "en": "signed for"},
    "move_note": {"zh-CN": "添加备注", "en": "noted"},
    "move_transferred": {"zh-CN": "转派", "en": "transferred"},
    "move_returned": {"zh-CN": "退单", "en": "returned"},
    "move_extended": {"zh-CN": "批准延期", "en": "extended"},
    "move_extension_asked": {"zh-CN": "申请延期", "en": "asked for more time"},
    "move_extension_refused": {"zh-CN": "驳回延期", "en": "refused an extension"},
    "move_resolved": {"zh-CN": "办结", "en": "resolved"},
    "move_verified": {"zh-CN": "确认解决", "en": "verified"},
    "move_reopened": {"zh-CN": "重办", "en": "reopened"},
    "move_rated": {"zh-CN": "评价", "en": "rated"},
    "move_reminded": {"zh-CN": "催办", "en": "reminded"},
    "move_escalated": {"zh-CN": "升级", "en": "escalated"},
    "move_whistled": {"zh-CN": "吹哨", "en": "whistled"},
    "move_located": {"zh-CN": "补充位置", "en": "located"},
    # --- the public board and Open311 (两公开): handlers by name, never a person ---
    "public_reported": {"zh-CN": "居民反映", "en": "a resident reported it"},
    "public_routed": {"zh-CN": "派单至 {target}", "en": "routed to {target}"},
    "public_assigned": {"zh-CN": "街道分拨至 {target}", "en": "the street office assigned it to {target}"},
    "public_acknowledged": {"zh-CN": "{handler} 签收，用时 {hours} 小时",
                            "en": "{handler} signed for it after {hours} h"},
    "public_acknowledged_co": {"zh-CN": "{handler} 签收（协办）", "en": "{handler} signed for it (co-handler)"},
    "public_transferred": {"zh-CN": "{handler} 转派至 {target}", "en": "{handler} transferred it to {target}"},
    "public_returned": {"zh-CN": "{handler} 退回街道", "en": "{handler} returned it to the street office"},
    "public_expedited": {"zh-CN": "{handler} 将其列为{level}办理", "en": "{handler} raised its priority to {level}"},
    "public_note": {"zh-CN": "{handler} 补充了办理进展", "en": "{handler} added a progress note"},
    "public_note_resident": {"zh-CN": "居民补充了情况", "en": "a resident added details"},
    "public_extension_asked": {"zh-CN": "{handler} 申请延期 {days} 天",
                               "en": "{handler} asked for {days} more days"},
    "public_extended": {"zh-CN": "街道同意延期 {days} 天", "en": "the street office granted {days} more days"},
    "public_extension_refused": {"zh-CN": "街道驳回延期申请", "en": "the street office refused the extension"},
    "public_resolved": {"zh-CN": "{handler} 办结", "en": "{handler} resolved it"},
    "public_verified": {"zh-CN": "居民确认已解决", "en": "a resident confirmed it is solved"},
    "public_reopened": {"zh-CN": "居民表示未解决，重新办理", "en": "a resident said it is not solved: reopened"},
    "public_rated": {"zh-CN": "居民评价：{rating}", "en": "a resident rated it: {rating}"},
    "public_reminded": {"zh-CN": "系统催办 {target}", "en": "reminder sent to {target}"},
    "public_escalated": {"zh-CN": "超时未办，升级至 {target}", "en": "overdue: escalated to {target}"},
    "public_whistled": {"zh-CN": "吹哨：召集 {summoned}", "en": "whistle blown: {summoned} summoned"},
    "public_supported": {"zh-CN": "又有居民反映同一问题（附议）", "en": "another resident reported the same matter"},
    "public_closed": {"zh-CN": "回访期满，办结归档", "en": "the call-back ended: closed"},
    "public_reason": {"zh-CN": "：{reason}", "en": ": {reason}"},
    "public_unclassified": {"zh-CN": "待分类", "en": "unclassified"},
    "demo_web": {"zh-CN": "公开栏（两公开）与 Open311 接口：{url}", "en": "The public board and Open311 API: {url}"},
    "apikey_added": {"zh-CN": "已为「{client}」生成开放接口密钥（只显示这一次，请妥善保管）：",
                     "en": "An API key for '{client}' (shown only this once; keep it secret):"},
    "apikey_revoked": {"zh-CN": "已吊销 {count} 个密钥（{client}）。", "en": "Revoked {count} key(s) ({client})."},
    "apikey_none": {"zh-CN": "还没有任何开放接口密钥。", "en": "There are no API keys yet."},
    "apikey_bad_client": {"zh-CN": "请给出客户端名称（1 至 80 个字符）。",
                          "en": "Give the client a name (1 to 80 characters)."},
    "apikey_head_id": {"zh-CN": "编号", "en": "id"},
    "apikey_head_client": {"zh-CN": "客户端", "en": "client"},
    "apikey_head_hint": {"zh-CN": "密钥开头", "en": "key starts"},
    "apikey_head_created": {"zh-CN": "生成时间", "en": "made"},
    "apikey_head_revoked": {"zh-CN": "吊销时间", "en": "revoked"},
    "web_staff": {"zh-CN": "工作台", "en": "Staff"},
    "web_staff_login": {"zh-CN": "工作人员登录", "en": "Staff login"},
    "web_login_intro": {
        "zh-CN": "用您在社区 Matrix 服务器上的账号登录（与聊天时同一账号和密码）。"
                 "只有各单位房间里权限为 50 及以上的工作人员可以进入。",
        "en": "Log in with your account on the community's Matrix server (the one you chat with). Only staff with "
              "power level 50 or more in a handler's room may enter.",
    },
    "web_login_not_configured": {
        "zh-CN": "此服务器未设置工作人员登录（需要 Matrix 服务器地址）。",
        "en": "Staff login is not set up on this server (it needs the Matrix server's address).",
    },
    "web_login_user": {"zh-CN": "账号（如 @zhang:example.org 或 zhang）",
                       "en": "Account (e.g. @zhang:example.org or zhang)"},
    "web_login_password": {"zh-CN": "密码", "en": "Password"},
    "web_login_button": {"zh-CN": "登录", "en": "Log in"},
    "web_login_wrong": {"zh-CN": "账号或密码不对，请再试一次。",
                        "en": "That account and password do not match; please try again."},
    "web_login_unreachable": {"zh-CN": "暂时连不上 Matrix 服务器，请稍后再试。",
                              "en": "The Matrix server cannot be reached just now; please try again later."},
    "web_login_later": {"zh-CN": "登录尝试太频繁，请稍后再试。",
                        "en": "Too many attempts; please wait a little and try again."},
    "web_login_not_staff": {"zh-CN": "这个账号不是任何单位房间里的工作人员（权限 50 及以上），无法进入工作台。",
                            "en": "This account is not staff (power level 50 or more) in any handler's room."},
    "web_logged_in": {"zh-CN": "已登录：{user}", "en": "Logged in as {user}"},
    "web_logout": {"zh-CN": "退出登录", "en": "Log out"},
    "web_staff_all": {"zh-CN": "街道：全部单位", "en": "Street office: every handler"},
    "web_staff_mine": {"zh-CN": "本单位：{handlers}", "en": "Your handlers: {handlers}"},
    "web_open_count": {"zh-CN": "在办 {count} 件", "en": "{count} open"},
    "web_as_of": {"zh-CN": "截至 {now}", "en": "as of {now}"},
    "web_period": {"zh-CN": "时段", "en": "Period"},
    "web_days": {"zh-CN": "近 {days} 天", "en": "last {days} days"},
    "web_ticket_col": {"zh-CN": "工单", "en": "Ticket"},
    "web_due": {"zh-CN": "时限", "en": "Due"},
    "web_days_asked": {"zh-CN": "申请延期 {days} 天", "en": "asks {days} more days"},
    "web_card_link": {"zh-CN": "在 Matrix 中打开", "en": "open in Matrix"},
    "web_section_overdue": {"zh-CN": "已超期", "en": "Overdue"},
    "web_section_soon": {"zh-CN": "24 小时内到期", "en": "Due within 24 hours"},
    "web_section_unsigned": {"zh-CN": "待签收", "en": "Waiting to be signed for"},
    "web_section_extensions": {"zh-CN": "延期申请", "en": "Extension requests"},
    "web_section_whistles": {"zh-CN": "吹哨", "en": "Whistles"},
    "web_section_escalations": {"zh-CN": "升级督办", "en": "Escalations"},
    "web_section_failed": {"zh-CN": "发送失败的通知", "en": "Notices that failed"},
    "web_whistle_line": {"zh-CN": "{lead} 牵头，召集 {summoned}", "en": "{lead} leads; {summoned} summoned"},
    "web_map": {"zh-CN": "民情地图", "en": "Map of the community"},
    "web_map_intro": {"zh-CN": "各网格、小区的事项多少，颜色越深越多；点一个网格看它的事项。",
                      "en": "How many matters each grid and estate has: the darker, the more; "
                            "click a grid for its list."},
    "web_map_intro_staff": {"zh-CN": "工作人员视图：细到楼栋；点一个网格看它的在办事项。",
                            "en": "Staff view, down to buildings; click a grid for its open work."},
    "web_map_measure": {"zh-CN": "显示", "en": "Show"},
    "web_map_open": {"zh-CN": "在办事项", "en": "open matters"},
    "web_map_overdue": {"zh-CN": "超期事项", "en": "overdue matters"},
    "web_map_reported": {"zh-CN": "全部反映", "en": "everything reported"},
    "web_map_fewer": {"zh-CN": "少", "en": "fewer"},
    "web_map_more": {"zh-CN": "多", "en": "more"},
    "web_rates": {"zh-CN": "办理评价与排名", "en": "How handlers did"},
    "web_first_shown": {"zh-CN": "，显示最急的 {shown} 件", "en": "; the {shown} most pressing shown"},
    "web_decisions": {"zh-CN": "议事与决议公开", "en": "Decisions"},
    "web_decisions_intro": {
        "zh-CN": "居民协商和四议两公开的议题：每一步的应到、实到、赞成、反对、弃权，决议和实施结果。"
                 "不公开任何人的表决。",
        "en": "Matters residents and the community's bodies decided: each step's roll, attendance and counts, the "
              "resolution and the result of carrying it out. Nobody's vote is shown.",
    },
    "web_matter_titled": {"zh-CN": "议题 {number}：{title}", "en": "Matter {number}: {title}"},
    "web_matter_raised": {"zh-CN": "{when} 提出 · {chain} · {place}", "en": "raised {when} · {chain} · {place}"},
    "web_matter_documents": {"zh-CN": "材料：", "en": "Documents:"},
    "web_matter_from": {"zh-CN": "来自：", "en": "From:"},
    "web_whole_community": {"zh-CN": "全社区", "en": "whole community"},
    "web_matter_result": {"zh-CN": "实施结果（{when}）：{result}", "en": "Result ({when}): {result}"},
    "web_matter_resolution": {"zh-CN": "决议公开：{when}", "en": "Resolution published {when}"},
    "web_matter_comments": {"zh-CN": "监督意见 {count} 条（已转街道办）",
                            "en": "{count} comment(s), passed to the street office"},
    "web_matter_due": {"zh-CN": "实施结果应于 {when} 前公开", "en": "Result due by {when}"},
    "web_rates_intro": {
        "zh-CN": "每个单位当月的响应率、解决率、满意率、按期办结率、回退率和重办率（括号里是件数）；"
                 "排名先按件数做平滑，件数太少的单位不参加排名。",
        "en": "Each handler's rates for the month, with the counts behind them; the ranking smooths small counts "
              "and leaves out handlers with too few cases.",
    },
    "web_rank_by": {"zh-CN": "排名依据", "en": "Rank by"},
    "web_rank": {"zh-CN": "名次", "en": "Rank"},
    "web_joint_open": {"zh-CN": "正在联合办理的事项", "en": "Joint tickets still open"},
    "web_no_store": {"zh-CN": "找不到工单库文件：{file}（先运行 make run 或 whistle bot）",
                     "en": "No store file at {file} (run make run or whistle bot first)"},
    "web_serving": {"zh-CN": "公开栏：{url}（工单库 {file}，只读；Ctrl-C 停止）",
                    "en": "Public board at {url} (store {file}, read-only; Ctrl-C stops it)"},
    "web_title": {"zh-CN": "{community}·吹哨报到公开栏", "en": "{community}: the public board"},
    "web_board": {"zh-CN": "公开栏", "en": "Public board"},
    "web_intro": {
        "zh-CN": "居民反映的每一件事、派给了谁、多久签收、如何办结、居民是否满意，都在这里公开。"
                 "不公开反映人的身份，居民原话仅在本人同意公开时显示。",
        "en": "Every matter residents reported, who it went to, how fast they signed for it, how it ended and "
              "whether residents were satisfied. Who reported it is never shown; a resident's own words only "
              "when they chose to make them public.",
    },
    "web_filter_grid": {"zh-CN": "网格", "en": "Grid"},
    "web_filter_category": {"zh-CN": "类别", "en": "Category"},
    "web_filter_state": {"zh-CN": "状态", "en": "State"},
    "web_filter_month": {"zh-CN": "月份", "en": "Month"},
    "web_all": {"zh-CN": "全部", "en": "all"},
    "web_apply": {"zh-CN": "筛选", "en": "Filter"},
    "web_ticket": {"zh-CN": "第 {number} 号", "en": "No. {number}"},
    "web_reported_at": {"zh-CN": "反映时间", "en": "Reported"},
    "web_lead": {"zh-CN": "承办单位", "en": "Handled by"},
    "web_co": {"zh-CN": "协办单位", "en": "Together with"},
    "web_place": {"zh-CN": "位置", "en": "Where"},
    "web_priority": {"zh-CN": "紧急程度", "en": "Priority"},
    "web_timeline": {"zh-CN": "办理经过", "en": "How it was handled"},
    "web_report_text": {"zh-CN": "居民原话（本人已同意公开）", "en": "The resident's words (made public by them)"},
    "web_count": {"zh-CN": "共 {count} 件", "en": "{count} matters"},
    "web_none": {"zh-CN": "没有符合条件的事项。", "en": "Nothing matches."},
    "web_prev": {"zh-CN": "上一页", "en": "Previous"},
    "web_next": {"zh-CN": "下一页", "en": "Next"},
    "web_back": {"zh-CN": "返回公开栏", "en": "Back to the board"},
    "web_not_found": {"zh-CN": "没有这个编号的事项。", "en": "There is no matter with this number."},
    "web_bad_filter": {"zh-CN": "筛选条件有误：{detail}", "en": "The filter is not valid: {detail}"},
    "web_error": {"zh-CN": "页面暂时无法显示，请稍后再试。",
                  "en": "This page cannot be shown just now; please try again later."},
    "web_overdue": {"zh-CN": "已超期", "en": "overdue"},
    "web_joint": {"zh-CN": "联合办理", "en": "joint"},
    "web_supporters": {"zh-CN": "{count} 位居民附议", "en": "{count} more residents reported it"},
    "web_lang_switch": {"zh-CN": "English", "en": "中文"},
    "web_api": {"zh-CN": "开放接口（Open311）", "en": "Open API (Open311)"},
    "move_withdrawn": {"zh-CN": "撤回", "en": "withdrawn"},
    "move_published": {"zh-CN": "公开", "en": "published"},
    "move_reported": {"zh-CN": "受理", "en": "report"},
    "move_routed": {"zh-CN": "派单", "en": "dispatch"},
    "move_supported": {"zh-CN": "附议", "en": "support"},
    "move_closed": {"zh-CN": "回访期满关闭", "en": "closed at the end of the call-back"},
    "move_asked": {"zh-CN": "询问事项", "en": "asked which matter"},
    "move_assigned": {"zh-CN": "分拨", "en": "assigned"},
    "rating_satisfied": {"zh-CN": "满意", "en": "satisfied"},
    "rating_basically_satisfied": {"zh-CN": "基本满意", "en": "basically satisfied"},
    "rating_dissatisfied": {"zh-CN": "不满意", "en": "not satisfied"},
    # --- the bot: residents ---
    "receipt": {
        "zh-CN": "已受理，工单 #{ticket}：{category}，由「{lead}」办理（{limit}内签收）。进展会在本话题里告诉您。",
        "en": "Received as ticket #{ticket}: {category}, handled by {lead} (to be signed for within {limit}). "
        "You will hear of every step in this thread.",
    },
    "receipt_unclassified": {
        "zh-CN": "已受理，工单 #{ticket}。暂时无法判断归属，已交「{lead}」分派（{limit}内签收）。"
        "进展会在本话题里告诉您。",
        "en": "Received as ticket #{ticket}. It is not clear who owns it, so {lead} will dispatch it (signed for "
        "within {limit}). You will hear of every step in this thread.",
    },
    "receipt_unnamed": {
        "zh-CN": "已受理，工单 #{ticket}，由「{lead}」办理（{limit}内签收）。进展会在本话题里告诉您。",
        "en": "Received as ticket #{ticket}, handled by {lead} (to be signed for within {limit}). "
        "You will hear of every step in this thread.",
    },
    "receipt_known": {
        "zh-CN": "这条反映已经是工单 #{ticket}（{state}）。",
        "en": "This report is already ticket #{ticket} ({state}).",
    },
    "joined_where": {
        "zh-CN": "该工单的位置是：{place}；如果您说的不是这里，请重新反映一次并写明小区和楼栋。",
        "en": " That ticket is at {place}; if you meant somewhere else, please report again naming the estate and "
              "building.",
    },
    "joined_nearby": {
        "zh-CN": "该工单登记的位置是：{place}，与您说的地方按同一问题一并办理；"
                 "如果是另一处的问题，请在本话题回复说明。",
        "en": " That ticket is at {place} and is handled together with the place you named; if yours is a separate "
              "matter, say so in this thread.",
    },
    "receipt_joined": {
        "zh-CN": "这个问题已有工单 #{ticket}（{category}，{state}，由「{lead}」办理），已把您的反映并入，"
        "现共 {count} 位居民反映。进展会在本话题里告诉您。",
        "en": "This matter is already ticket #{ticket} ({category}, {state}, with {lead}); your report joins it "
        "({count} residents now). You will hear of every step in this thread.",
    },
    "place_unsure": {"zh-CN": "（楼号待确认）", "en": " (building to be confirmed)"},
    "ask_building": {
        "zh-CN": "{estate}没有{building}号楼（有 {buildings} 号楼）。"
        "请在本话题回复正确的楼号（例如：{example}），或说明位置。",
        "en": "{estate} has no building {building} (it has buildings {buildings}). Reply in this thread with the "
        "right building (e.g. {example}) or describe the place.",
    },
    "ask_place": {
        "zh-CN": "请问具体在哪里？请在本话题回复小区和楼号（例如：{example}），或说明位置。",
        "en": "Where exactly is it? Reply in this thread with the estate and building (e.g. {example}) or "
        "describe the place.",
    },
    "ask_register": {
        "zh-CN": "需要把这条消息登记为反映的问题吗？回复「是」或点 👍 登记，回复「不用」或点 👎 则不登记。"
        "也可以直接发送「!报告 内容」。",
        "en": "Shall I register this message as a report? Reply 'yes' or react 👍 to register it, 'no' or 👎 not "
        "to. You can also send '!report TEXT'.",
    },
    "ask_what": {
        "zh-CN": "没看明白是什么出了问题。请在本话题回复是什么、在哪里（例如：3号楼电梯又坏了），收到就登记；"
        "回复「是」或点 👍 按原话登记，回复「不用」或点 👎 则不登记。",
        "en": "I could not tell what is wrong. Reply in this thread with what and where (e.g. the lift in Building 3 "
        "is broken again) and it is registered; reply 'yes' or react 👍 to register it as it is, 'no' or 👎 not to.",
    },
    "ask_what_again": {
        "zh-CN": "还是没看出是什么问题。请说说是什么坏了或出了什么事（例如：路灯不亮、电梯停了），"
        "或回复「是」按现在的内容登记。",
        "en": "I still cannot tell what is wrong. Say what is broken or what happened (e.g. the street light is out, "
        "the lift has stopped), or reply 'yes' to register it as it is.",
    },
    "register_declined": {"zh-CN": "好的，不登记。", "en": "OK, not registered."},
    "not_a_report_question": {
        "zh-CN": "这里用于反映社区问题。活动、办事等咨询请联系居委会；如果要反映问题，请直接描述情况和位置，"
        "或发送「!报告 内容」。",
        "en": "This room is for reporting problems. For events and services ask the residents' committee; to "
        "report something, say what and where, or send '!report TEXT'.",
    },
    "note_added": {
        "zh-CN": "您已反映过这件事（工单 #{ticket}），这次的补充已转告办理单位。",
        "en": "You have reported this already (ticket #{ticket}); what you added was passed on to the handler.",
    },
    "hotline": {
        "zh-CN": "如有人身危险，请立即拨打 {hotline}。", "en": "If anyone is in danger, call {hotline} now.",
    },
    "receipt_asked": {
        "zh-CN": "已受理，工单 #{ticket}。", "en": "Received as ticket #{ticket}.",
    },
    "ask_choice": {
        "zh-CN": "为了交给对的单位，请问是下面哪一类？回复数字，或点 {keys}：",
        "en": "So that the right unit gets it: which of these is it? Reply with the number, or react {keys}:",
    },
    "ask_choice_none": {
        "zh-CN": "0. 都不是（交「{street}」分拨）。{minutes} 分钟内没有选择，也将交「{street}」分拨。",
        "en": "0. none of these ({street} will dispatch it). Without an answer within {minutes} minutes, {street} "
        "dispatches it.",
    },
    "option_line": {"zh-CN": "{matter}（{lead}）", "en": "{matter} ({lead})"},
    "option_other": {"zh-CN": "其他", "en": "something else"},
    "step_chosen": {
        "zh-CN": "已按您的选择登记为「{category}」，由「{lead}」办理。",
        "en": "Registered as you chose: {category}, handled by {lead}.",
    },
    "step_triaged": {
        "zh-CN": "已交「{street}」分拨，确定办理单位后会告诉您。",
        "en": "{street} will dispatch it; you will hear who handles it.",
    },
    "step_assigned_unit": {
        "zh-CN": "「{street}」已分拨，由「{lead}」办理。", "en": "{street} dispatched it to {lead}.",
    },
    "step_assigned": {
        "zh-CN": "「{street}」已分拨：「{category}」，由「{lead}」办理。",
        "en": "{street} dispatched it: {category}, handled by {lead}.",
    },
    "place_thanks": {"zh-CN": "已记下位置：{place}。", "en": "Place noted: {place}."},
    "ask_verdict": {
        "zh-CN": "工单 #{ticket} 已办结。问题解决了吗？请回复 1 已解决、2 未解决，或点 👍 / 👎。",
        "en": "Ticket #{ticket} is resolved. Is the problem solved? Reply 1 solved, 2 unsolved, or react 👍 / 👎.",
    },
    "verdict_elsewhere": {
        "zh-CN": "已记下您对工单 #{ticket} 的回复，之后的进展在该工单的话题里告诉您。",
        "en": "Your answer on ticket #{ticket} is noted; its next steps come in its thread.",
    },
    "ask_rating": {
        "zh-CN": "请对工单 #{ticket} 的办理评价：回复 1 满意、2 基本满意、3 不满意，或点 😀 / 🙂 / 🙁。",
        "en": "Please rate how ticket #{ticket} was handled: reply 1 satisfied, 2 basically satisfied, "
        "3 not satisfied, or react 😀 / 🙂 / 🙁.",
    },
    "rating_thanks": {
        "zh-CN": "谢谢您的评价（{rating}）！",
        "en": "Thank you for your rating ({rating})!",
    },
    "note_relayed": {"zh-CN": "已转告办理单位。", "en": "Passed on to the handler."},
    "status_last": {"zh-CN": "最新进展：{step}", "en": "Latest: {step}"},
    "mine_header": {"zh-CN": "您反映或附议的工单：", "en": "Tickets you reported or supported:"},
    "mine_none": {"zh-CN": "您还没有反映过问题。", "en": "You have not reported anything yet."},
    "status_line": {
        "zh-CN": "#{ticket} {category} · {state} · {lead}",
        "en": "#{ticket} {category} · {state} · {lead}",
    },
    "lang_set": {"zh-CN": "好的，之后用中文回复您。", "en": "OK, I will answer you in English."},
    "lang_bad": {"zh-CN": "可选语言：zh（中文）、en（English）。", "en": "Languages: zh (中文), en (English)."},
    "not_for_me": {
        "zh-CN": "#{ticket} 不是您反映或附议的工单；您只能查询、确认和评价自己的工单。",
        "en": "#{ticket} is not a ticket you reported or supported; you can look up, confirm and rate only your own.",
    },
    "direct_shared": {
        "zh-CN": "有其他人加入了这个私聊，这里不再是私密的。为保护您的隐私，我不再在这里发送工单进展；"
                 "我已另开一个私聊，请接受邀请，之后的进展会发到那里（新私聊里，后来被邀请的人看不到邀请前的消息）。"
                 "新加入的人也许看得到这里之前的消息，不想让人看到的可以撤回。",
        "en": "Someone else joined this direct chat, so it is no longer private. To protect your privacy I will not "
              "send ticket progress here any more; I have opened a new direct chat: please accept the invitation, "
              "and the progress will come there (there, anyone invited later sees nothing said before). Whoever "
              "joined here may see what was said before: delete any message you would rather they did not read.",
    },
    "direct_shared_no_new": {
        "zh-CN": "有其他人加入了这个私聊，这里不再是私密的。为保护您的隐私，我不再在这里发送工单进展；"
                 "请在社区群里发送 !我的 查看进展，或重新私聊我。新加入的人也许看得到这里之前的消息，不想让人看到的"
                 "可以撤回。",
        "en": "Someone else joined this direct chat, so it is no longer private. To protect your privacy I will not "
              "send ticket progress here any more; send !mine in your community room to see it, or message me "
              "directly again. Whoever joined may see what was said before: delete any message you would rather "
              "they did not read.",
    },
    "not_neighbour": {
        "zh-CN": "这个服务只面向本社区的居民：请先加入您所在网格的居民群，再来私聊我反映问题。",
        "en": "This service is for the community's residents: please join your grid's residents' room first, then "
              "message me here.",
    },
    "shared_here": {
        "zh-CN": "这里已不是私聊，我不在这里处理反映和指令。请在社区群里反映，或重新私聊我。",
        "en": "This is no longer a direct chat, so I take no reports or commands here. Please report in your "
              "community room, or message me directly again.",
    },
    "direct_moved": {
        "zh-CN": "这是新的私聊：原来的私聊有其他人加入了，您工单的进展今后在这里告知。"
                 "请在下面各工单消息的话题里回复（补充情况、发图片、确认是否解决）。",
        "en": "This is your new direct chat: someone else joined the old one, so your tickets' progress comes "
              "here from now on. Reply in the thread of each ticket's message below (to add something, send a "
              "picture, or say whether it is solved).",
    },
    "text_only": {
        "zh-CN": "请先用一句话描述问题和位置；登记成工单后，在工单话题里发的图片会转给办理单位。",
        "en": "Please first describe the problem and the place in a sentence; once it is a ticket, pictures you send "
              "in its thread are passed on to the handler.",
    },
    "picture_closed": {
        "zh-CN": "工单 #{ticket} 已办结，图片不再转交；如问题仍在，请重新反映。",
        "en": "Ticket #{ticket} is closed, so the picture was not passed on; if the problem is still there, please "
              "report it again.",
    },
    "edit_ignored": {
        "zh-CN": "修改消息不会登记或改动工单：要反映问题，请重新发一条消息；要补充，请在工单话题里回复。",
        "en": "Editing a message neither registers nor changes a ticket: to report something, send it as a new "
              "message; to add something, reply in the ticket's thread.",
    },
    # --- the bot: handlers ---
    "card_title": {"zh-CN": "【工单 #{ticket} · {status}】{category}（{priority}）",
                   "en": "[Ticket #{ticket} · {status}] {category} ({priority})"},
    "card_place": {"zh-CN": "地点：{place}", "en": "Place: {place}"},
    "card_text": {"zh-CN": "内容：{text}", "en": "Report: {text}"},
    "card_reporter": {"zh-CN": "反映人：{reporter}", "en": "Reported by: {reporter}"},
    "card_supporters": {"zh-CN": "附议：另有 {count} 位居民反映", "en": "Supported by {count} more resident(s)"},
    "card_verdicts": {"zh-CN": "回访：{count}/{total} 位居民确认已解决，{due} 前未答复即关闭",
                      "en": "Call-back: {count} of {total} residents say it is solved; closes at {due} without "
                      "the rest"},
    "card_joint_done": {"zh-CN": "联合办理：已报到 {signed}", "en": "Handled jointly: reported {signed}"},
    "card_joint": {"zh-CN": "联合办理：已报到 {signed}；待报到 {waiting}", "en": "Handled jointly: reported {signed}; "
                   "waiting for {waiting}"},
    "nobody": {"zh-CN": "暂无", "en": "nobody yet"},
    "rule_category": {"zh-CN": "类别「{category}」", "en": "the category {category}"},
    "rule_urgent": {"zh-CN": "类别「{category}」，含紧急词", "en": "the category {category}, with urgent words"},
    "rule_alarm": {"zh-CN": "类别「{category}」，模型判断为紧急", "en": "the category {category}, judged an emergency "
                   "by the learned model"},
    "decision_alarm": {"zh-CN": "紧急依据：{heard}", "en": "An emergency because of {heard}"},
    "alarm_heard": {"zh-CN": "模型判断为紧急，把握 {score}%", "en": "the learned model, {score}% sure"},
    "rule_unclassified": {"zh-CN": "无法归类，街道兜底", "en": "no category: the street office takes it"},
    "rule_assigned": {"zh-CN": "「{street}」分拨", "en": "dispatched by {street}"},
    "rule_handler": {"zh-CN": "分派模型判断归「{handler}」",
                     "en": "the routing model placed it with {handler}"},
    "rule_choice": {"zh-CN": "居民选择", "en": "the resident's choice"},
    "rule_triage": {"zh-CN": "居民未选择，交街道分拨",
                    "en": "the resident did not choose: the street office dispatches"},
    "units_line": {"zh-CN": "{kind}：{names}", "en": "{kind}: {names}"},
    "kind_committee": {"zh-CN": "居委会及下属委员会", "en": "Committee and subcommittees"},
    "kind_street_office": {"zh-CN": "街道", "en": "Street office"},
    "kind_department": {"zh-CN": "职能部门与公用事业", "en": "Departments and utilities"},
    "command_empty": {
        "zh-CN": "请在 ! 后写上指令，例如 !帮助。", "en": "Write the command after the !, e.g. !help.",
    },
    "card_handlers": {"zh-CN": "首接负责：{lead}{co}", "en": "Lead: {lead}{co}"},
    "card_co": {"zh-CN": "；协办：{co}", "en": "; with: {co}"},
    "card_deadlines": {
        "zh-CN": "签收时限：{sign} 前；办结时限：{resolve} 前",
        "en": "Sign for by {sign}; resolve by {resolve}",
    },
    "card_superseded": {
        "zh-CN": "#{ticket} 已重新交本单位办理，请在最新的卡片上操作（本卡片已停用）。",
        "en": "#{ticket} has come back to this unit: act on the newest card (this one is retired).",
    },
    "card_actions": {
        "zh-CN": "在本话题回复：点 ✅ 或 !签收 报到；!备注 内容；!办结 说明；!转派 单位 理由；!退单 理由",
        "en": "Reply in this thread: react ✅ or !ack to report for duty; !note TEXT; !resolve TEXT; "
        "!transfer UNIT REASON; !return REASON",
    },
    "card_actions_co": {
        "zh-CN": "在本话题回复：点 ✅ 或 !签收 报到协办；!备注 内容（办结、转派和退单由首接单位操作）",
        "en": "Reply in this thread: react ✅ or !ack to report for duty as co-handler; !note TEXT (the lead "
              "resolves, transfers or returns it)",
    },
    "card_emergency": {
        "zh-CN": "⚠️ 紧急事项：{category}（依据：{matched}），请立即处置",
        "en": "⚠️ Emergency: {category} (because of: {matched}); act at once",
    },
    "card_triage": {
        "zh-CN": "待分拨：居民没有选定事项（未回复，或表示都不是）。可能是：{options}",
        "en": "To dispatch: the resident picked no matter (no answer, or none of them). It may be: {options}",
    },
    "card_actions_dispatch": {
        "zh-CN": "在本话题回复：!分拨 单位名（例如 !分拨 城管）交其办理；也可以 ✅ 签收后自行办理",
        "en": "Reply in this thread: !assign UNIT (e.g. !assign 城管) to give it to them; or ✅ to handle it "
        "yourselves",
    },
    "card_actions_triage": {
        "zh-CN": "在本话题回复：!分拨 1（按上面的编号）或 !分拨 单位名 交其办理；也可以 ✅ 签收后自行办理",
        "en": "Reply in this thread: !assign 1 (a number above) or !assign UNIT to give it to them; or ✅ to "
        "handle it yourselves",
    },
    "card_rule": {"zh-CN": "分派依据：{rule}（命中：{matched}）", "en": "Why here: {rule} (matched: {matched})"},
    "status_moved_on": {"zh-CN": "已转出至「{lead}」", "en": "moved on to {lead}"},
    "status_returned": {"zh-CN": "已退回「{lead}」", "en": "returned to {lead}"},
    "place_unknown": {"zh-CN": "待居民补充", "en": "awaiting the resident"},
    "place_in_words": {"zh-CN": "见反映内容（城市App提交的位置）",
                       "en": "in the report's words (the city app's location)"},
    "not_visible": {
        "zh-CN": "{ticket} 号工单不由「{handler}」办理，无法查看。",
        "en": "Ticket {ticket} is not handled by {handler}; it cannot be looked up here.",
    },
    "list_header": {"zh-CN": "「{handler}」未办结的工单：", "en": "Open tickets of {handler}:"},
    "list_none": {"zh-CN": "「{handler}」没有未办结的工单。", "en": "{handler} has no open tickets."},
    "resident": {"zh-CN": "居民", "en": "a resident"},
    # --- the bot: steps (told in the card's thread and the resident's thread) ---
    "step_acknowledged": {"zh-CN": "✅ 「{handler}」已签收（报到），正在办理。",
                          "en": "✅ {handler} signed for it (reported for duty) and is on it."},
    "step_note": {"zh-CN": "📝 {who}：{text}", "en": "📝 {who}: {text}"},
    "same_matter": {
        "zh-CN": "🔁 补充位置（{here}）后，工单 #{ticket} 与附近（{place}）未办结的同类工单 #{other} "
                 "可能是同一件事，可一并办理。",
        "en": "🔁 Now that its place is known ({here}), ticket #{ticket} may be the same matter as open ticket "
              "#{other} nearby ({place}): they can be handled together.",
    },
    "step_picture": {"zh-CN": "📷 {who}补充了一张图片：", "en": "📷 {who} added a picture:"},
    "step_transferred": {"zh-CN": "↪️ 「{handler}」转派给「{target}」，理由：{reason}",
                         "en": "↪️ {handler} transferred it to {target}: {reason}"},
    "step_returned": {"zh-CN": "↩️ 「{handler}」退单，理由：{reason}；已交「{target}」重新派单。",
                      "en": "↩️ {handler} returned it ({reason}); {target} will dispatch it again."},
    "step_resolved": {"zh-CN": "🏁 「{handler}」已办结：{text}", "en": "🏁 {handler} resolved it: {text}"},
    "step_verified": {"zh-CN": "👍 居民确认问题已解决，工单关闭。",
                      "en": "👍 The resident confirmed it is solved; closed."},
    "step_verified_some": {
        "zh-CN": "👍 {count}/{total} 位反映此问题的居民确认已解决，等待其他居民回访（{due} 前未答复即关闭）。",
        "en": "👍 {count} of {total} residents who reported it say it is solved; waiting for the others "
        "(closed at {due} without their answer).",
    },
    "step_closed": {
        "zh-CN": "⌛ 回访期满，工单关闭：{count}/{total} 位居民确认已解决。",
        "en": "⌛ The call-back period is over; closed with {count} of {total} residents saying it is solved.",
    },
    "step_reopened": {"zh-CN": "🔁 居民反馈问题未解决，重新交「{target}」办理。",
                      "en": "🔁 The resident says it is not solved: back to {target}."},
    "step_rated": {"zh-CN": "⭐ 居民评价：{rating}", "en": "⭐ The resident's rating: {rating}"},
    "step_located": {"zh-CN": "📍 补充位置：{place}", "en": "📍 Place added: {place}"},
    "withdrawn_still_open": {
        "zh-CN": "您删除了反映的消息，但工单 #{ticket} 仍由办理单位处理；发 !状态 {ticket} 可查看进展。"
                 "如果问题已经不存在，在本条消息的话题里回复，就会转告办理单位。",
        "en": "You deleted the message, but ticket #{ticket} stays with its handler; see it with !status {ticket}. "
              "If the problem is gone, reply in this message's thread and the handler is told.",
    },
    "support_withdrawn": {
        "zh-CN": "您删除了附议的消息，已撤回对工单 #{ticket} 的附议，之后不再通知您它的进展。",
        "en": "You deleted your message, so your support of ticket #{ticket} is taken back; you will hear no more "
              "of it.",
    },
    "step_support_withdrawn": {
        "zh-CN": "👥 一位附议的居民撤回了附议（现共 {count} 人反映）。",
        "en": "👥 A resident who supported it took that back ({count} in all now).",
    },
    "step_withdrawn": {
        "zh-CN": "🗑 居民删除了反映这件事的原消息；工单仍在，请照常办理，或说明后办结、退单。",
        "en": "🗑 The resident deleted the message this report came from; the ticket stays: handle it as usual, "
        "or resolve or return it with a word of explanation.",
    },
    "step_supported": {
        "zh-CN": "👥 又有居民反映同一问题（共 {count} 人）。",
        "en": "👥 Another resident reported the same matter ({count} in all).",
    },
    "step_supported_said": {
        "zh-CN": "👥 又有居民反映同一问题（共 {count} 人）：{said}",
        "en": "👥 Another resident reported the same matter ({count} in all): {said}",
    },
    "step_whistled": {
        "zh-CN": "📣 联合吹哨：{count} 位居民反映同一问题，召集「{summon}」报到，由「{lead}」首接负责。",
        "en": "📣 Joint whistle: {count} residents reported it; {summon} summoned to report for duty, {lead} leads.",
    },
    "step_extension_asked": {
        "zh-CN": "⏳ 「{handler}」申请延期 {days} 天，理由：{reason}；等待「{street}」审批。",
        "en": "⏳ {handler} asks for {days} more days ({reason}); {street} decides.",
    },
    "step_extended": {
        "zh-CN": "🗓️ 「{street}」批准延期 {days} 天，办结时限延至 {due}。",
        "en": "🗓️ {street} granted {days} more days: to be resolved by {due}.",
    },
    "step_extension_kept": {
        "zh-CN": "🗓️ 「{street}」未批准延期，仍须在 {due} 前办结。",
        "en": "🗓️ {street} did not grant more time: it is still to be resolved by {due}.",
    },
    "step_extension_refused": {
        "zh-CN": "❌ 「{street}」驳回延期申请，理由：{reason}",
        "en": "❌ {street} refused the extension: {reason}",
    },
    "extension_request": {
        "zh-CN": "【延期审批 · 工单 #{ticket}】「{handler}」申请延期 {days} 天：{reason}",
        "en": "[Extension · ticket #{ticket}] {handler} asks for {days} more days: {reason}",
    },
    "extension_actions": {
        "zh-CN": "在本话题回复 !批准 或 !驳回 理由（或点 👍 批准）",
        "en": "Reply in this thread !approve or !refuse REASON (or react 👍 to approve)",
    },
    "deadline_sign": {"zh-CN": "签收", "en": "sign-for"},
    "deadline_resolve": {"zh-CN": "办结", "en": "resolve"},
    "step_reminded": {
        "zh-CN": "⏰ 催办：工单 #{ticket} 的{deadline}时限是 {due}，请抓紧办理。",
        "en": "⏰ Reminder: ticket #{ticket} is due ({deadline}) at {due}.",
    },
    "step_escalated": {
        "zh-CN": "⚠️ 工单 #{ticket} 超过{deadline}时限，已升级至「{target}」督办。",
        "en": "⚠️ Ticket #{ticket} missed its {deadline} deadline and was escalated to {target}.",
    },
    "step_overdue": {
        "zh-CN": "⚠️ 工单 #{ticket} 仍超过{deadline}时限，已再次报「{target}」督办。",
        "en": "⚠️ Ticket #{ticket} is still past its {deadline} deadline; {target} has been told again.",
    },
    "supervise_title": {
        "zh-CN": "【督办 · 工单 #{ticket}】「{handler}」未按时办理，请督促",
        "en": "[Supervise · ticket #{ticket}] {handler} is late: please follow it up",
    },
    # --- the bot: refusals and help ---
    "internal_error": {
        "zh-CN": "抱歉，处理这条消息时出错了，已记录，工作人员会查看。您的反映没有丢失，可以稍后再试。",
        "en": "Sorry, something went wrong handling this message; it has been logged for the staff. Nothing "
        "you sent is lost; you can try again later.",
    },
    "unknown_command": {
        "zh-CN": "不认识的指令「{word}」。发送 !帮助 查看可用指令。",
        "en": "Unknown command '{word}'. Send !help for the commands.",
    },
    "command_elsewhere": {
        "zh-CN": "指令「{word}」不能在这里使用。发送 !帮助 查看这里可用的指令。",
        "en": "The command '{word}' does not work here. Send !help for what works here.",
    },
    "which_ticket": {
        "zh-CN": "请指明工单号，例如：!{word} #12{args}，或在工单话题里回复。",
        "en": "Which ticket? For example: !{word} #12{args}, or reply in the ticket's thread.",
    },
    "not_staff": {
        "zh-CN": "只有「{handler}」办理群中权限等级 {need} 及以上的工作人员可以{move}（您的权限等级是 {level}）。",
        "en": "Only staff of {handler} with power level {need} or more in this room can do this "
        "({move}); yours is {level}.",
    },
    "homeserver_busy": {
        "zh-CN": "服务器暂时无法确认您的权限，请稍后再试。",
        "en": "The homeserver cannot confirm your permissions right now; please try again shortly.",
    },
    "message_too_long": {
        "zh-CN": "消息过长（{length} 字，上限 {limit} 字），请简要说明。",
        "en": "The message is too long ({length} characters, limit {limit}); please keep it short.",
    },
    "report_again": {
        "zh-CN": "工单 #{ticket} 当前{state}。如果问题又出现了，请直接说明情况（例如：3号楼电梯今天又停了），"
                 "我会登记为新的反映。",
        "en": "Ticket #{ticket} is {state}. If the problem is back, say what is wrong (e.g. the lift in Building 3 "
              "has stopped again) and it is registered as a new report.",
    },
    "not_understood_thread": {
        "zh-CN": "没有看懂。工单 #{ticket} 当前{state}；发送 !帮助 查看可用指令。",
        "en": "I did not understand. Ticket #{ticket} is {state}; send !help for the commands.",
    },
    # --- commands: their words (chatops/chat/commands.py declares them; help and usage are made from these)
    # --- deciding together (议事协商, 四议两公开) ---
    "room_body_name": {"zh-CN": "{community}·{body}", "en": "{community} · {body}"},
    "room_body_topic": {
        "zh-CN": "议事会议：签到、表决、计票和决议都在这里（社区吹哨召集）",
        "en": "Meetings: sign-in, votes, counts and resolutions (called by Whistle)",
    },
    "unknown_bodies": {
        "zh-CN": "规则手册里没有这些有自己会议群的议事机构：{bodies}",
        "en": "The rulebook has no body with a room of its own called: {bodies}",
    },
    "unknown_handlers": {
        "zh-CN": "规则手册里没有这些处理单位：{handlers}；--staff 的等号前要写处理单位编号，例如 {known}",
        "en": "The rulebook has no handler called: {handlers}; before the = in --staff put a handler id, e.g. {known}",
    },
    "unknown_grids": {
        "zh-CN": "规则手册里没有这些网格：{grids}；--resident 的等号前要写网格编号（{known}），留空则邀请进全社区群",
        "en": "The rulebook has no grid called: {grids}; before the = in --resident put a grid id ({known}), or "
              "nothing for the whole community's room",
    },
    "help_body_intro": {
        "zh-CN": "这是「{body}」的议事群。会议由社区吹哨召集：签到、表决、计票、公开都在这里进行。",
        "en": "This is the room of the {body}. Whistle calls its meetings here: sign-in, votes, counts and results.",
    },
    "help_body_outro": {
        "zh-CN": "表决是公开的（每一票都能看到投票人），以每人最后一次表决为准。",
        "en": "Votes are open (everyone can see who voted what); each member's last answer counts.",
    },
    "cmd_matter": {
        "zh-CN": "提出议题（在网格群或小区群由居民协商表决；在议事机构的群按其议事规则）",
        "en": "raise a matter to decide (in a grid or community room the residents vote on it; in a body's room it fol"
              "lows that body's chain)",
    },
    "args_matter": {"zh-CN": "[议事规则] 标题", "en": "[CHAIN] TITLE"},
    "example_matter": {"zh-CN": "!议题 3号楼加装电梯", "en": "!matter lift for building 3"},
    "cmd_second": {"zh-CN": "附议居民提出的议题", "en": "second a matter residents raised"},
    "args_second": {"zh-CN": "议题号", "en": "NUMBER"},
    "example_second": {"zh-CN": "!附议 3", "en": "!second 3"},
    "cmd_matters": {"zh-CN": "议题列表和进度", "en": "matters and where they stand"},
    "cmd_here": {"zh-CN": "会议签到", "en": "sign in to the meeting"},
    "args_here": {"zh-CN": "[议题号]", "en": "[NUMBER]"},
    "example_here": {"zh-CN": "!到 3", "en": "!here 3"},
    "cmd_open": {"zh-CN": "开始表决（会议主持人）", "en": "open the vote (the meeting's chair)"},
    "args_open": {"zh-CN": "[议题号]", "en": "[NUMBER]"},
    "example_open": {"zh-CN": "!开始表决 3", "en": "!open 3"},
    "cmd_yes": {"zh-CN": "投赞成票", "en": "vote yes"},
    "args_yes": {"zh-CN": "[议题号]", "en": "[NUMBER]"},
    "example_yes": {"zh-CN": "!赞成 3", "en": "!yes 3"},
    "cmd_no": {"zh-CN": "投反对票", "en": "vote no"},
    "args_no": {"zh-CN": "[议题号]", "en": "[NUMBER]"},
    "example_no": {"zh-CN": "!反对 3", "en": "!no 3"},
    "cmd_abstain": {"zh-CN": "弃权", "en": "abstain"},
    "args_abstain": {"zh-CN": "[议题号]", "en": "[NUMBER]"},
    "example_abstain": {"zh-CN": "!弃权 3", "en": "!abstain 3"},
    "cmd_close": {
        "zh-CN": "结束表决并计票（会议主持人或街道办）",
        "en": "close the vote and count (the chair or the street office)",
    },
    "args_close": {"zh-CN": "[议题号]", "en": "[NUMBER]"},
    "example_close": {"zh-CN": "!结束表决 3", "en": "!close 3"},
    "cmd_convene": {
        "zh-CN": "重新召集会议（未达法定人数，或名册补齐后）",
        "en": "call a meeting again (after a failed quorum, or once the roll is complete)",
    },
    "args_convene": {"zh-CN": "议题号", "en": "NUMBER"},
    "example_convene": {"zh-CN": "!召集 3", "en": "!convene 3"},
    "cmd_result": {"zh-CN": "公开决议的实施结果", "en": "publish the result of carrying out a resolution"},
    "args_result": {"zh-CN": "议题号 实施结果", "en": "NUMBER RESULT"},
    "example_result": {"zh-CN": "!实施结果 3 电梯已于5月20日投入使用", "en": "!result 3 the lift runs since 20 May"},
    "cmd_document": {
        "zh-CN": "为议题添加材料（链接或说明）",
        "en": "add a document to a matter (a link or what it says)",
    },
    "args_document": {"zh-CN": "议题号 材料", "en": "NUMBER DOCUMENT"},
    "example_document": {
        "zh-CN": "!材料 3 加装电梯方案 https://example.org/plan.pdf",
        "en": "!document 3 the lift plan https://example.org/plan.pdf",
    },
    "document_added": {
        "zh-CN": "已为议题 {number} 添加材料（共 {count} 份），之后召开的会议都会列出。",
        "en": "Document added to matter {number} ({count} in all); meetings called from now on list it.",
    },
    "document_who": {
        "zh-CN": "只有议题 {number} 的提出人、议事机构成员或街道办可以添加材料。",
        "en": "Only whoever raised matter {number}, a body's members or the street office can add documents.",
    },
    "meeting_document": {"zh-CN": "材料{n}：{document}", "en": "Document {n}: {document}"},
    "cmd_volunteer": {
        "zh-CN": "确认居民完成的志愿服务（记积分）",
        "en": "confirm a resident's volunteer task (earns points)",
    },
    "args_volunteer": {"zh-CN": "@居民 事由", "en": "@RESIDENT TASK"},
    "example_volunteer": {
        "zh-CN": "!志愿 @li:example.org 清理楼道杂物",
        "en": "!volunteer @li:example.org cleared the stairwell",
    },
    "bank_starting_credit": {"zh-CN": "开户赠送", "en": "starting credit"},
    "volunteer_self": {
        "zh-CN": "没有记入：不能给自己记志愿服务，请由同事确认。",
        "en": "Not recorded: you cannot confirm your own volunteer task; ask a colleague.",
    },
    "volunteer_repeated": {
        "zh-CN": "这条志愿服务已经记过了（第 {id} 条：{who}，{what}），没有重复记入。",
        "en": "This task is already recorded (number {id}: {who}, {what}); not recorded twice.",
    },
    "volunteer_recorded": {
        "zh-CN": "已确认 {who} 的志愿服务（第 {id} 条）：{what}。",
        "en": "Volunteer task {id} confirmed for {who}: {what}.",
    },
    "points_volunteer": {"zh-CN": "志愿服务", "en": "volunteer task"},
    "cmd_comment": {"zh-CN": "对公开的决议或实施结果提出监督意见", "en": "comment on a published resolution or result"},
    "args_comment": {"zh-CN": "议题号 意见", "en": "NUMBER COMMENT"},
    "example_comment": {"zh-CN": "!监督 3 施工时间请避开午休", "en": "!comment 3 please avoid the lunch break"},
    "matter_raised": {
        "zh-CN": "已登记议题 {number}：{title}（{chain}）。第一步「{step}」将在「{body}」的群里召开。",
        "en": "Matter {number} recorded: {title} ({chain}). Its first step, {step}, meets in the room of the {body}.",
    },
    "matter_raised_seconds": {
        "zh-CN": "已登记议题 {number}：{title}（{chain}）。本群居民的{share}以上附议（含提出人）后自动开始表决（本群人"
                 "少时，提出人一人即够）；赞同提出的居民可发送 !附议 {number}。",
        "en": "Matter {number} recorded: {title} ({chain}). It goes to the vote once {share} of this room's residents "
              "(you included) second it; others can send !second {number}.",
    },
    "matter_seconded": {
        "zh-CN": "已附议议题 {number}（现有 {count} 人附议）。",
        "en": "Seconded matter {number} ({count} so far).",
    },
    "matter_second_elsewhere": {
        "zh-CN": "议题 {number} 是在另一个群里提出的，只有那个群的居民可以附议。",
        "en": "Matter {number} was raised in another room: only its residents may second it.",
    },
    "command_bang": {
        "zh-CN": "指令要以「!」开头，例如：{command}（在工单卡片的话题里可不写编号）。",
        "en": "Commands start with '!', e.g. {command} (in a ticket card's thread the number may be left out).",
    },
    "command_first": {
        "zh-CN": "指令要放在消息开头，编号写在后面，例如：{command} 5。",
        "en": "Put the command first and the number after it, e.g. {command} 5.",
    },
    "vote_hint": {
        "zh-CN": "议题 {number} 正在表决：要投票请发送 {command} {number}，或在投票中选择。",
        "en": "Matter {number} is being voted on: to vote, send {command} {number} or answer the poll.",
    },
    "matter_second_enough": {
        "zh-CN": "议题 {number} 的附议人数已够，正在表决：请发送 !赞成 {number}、!反对 {number} 或 !弃权 {number}，"
                 "或在投票中选择。",
        "en": "Matter {number} has its seconds and is being voted on: send !yes {number}, !no {number} or "
              "!abstain {number}, or answer the poll.",
    },
    "matter_second_closed": {
        "zh-CN": "议题 {number} 已经不在征集附议阶段。",
        "en": "Matter {number} is no longer collecting seconds.",
    },
    "matter_unknown": {"zh-CN": "没有编号为 {number} 的议题。", "en": "There is no matter {number}."},
    "matters_more": {
        "zh-CN": "（只列出最近 {shown} 个议题；全部议题见公开栏的「议事与决议公开」页）",
        "en": "(the latest {shown} matters only; the public board's Decisions page has them all)",
    },
    "matter_title_long": {
        "zh-CN": "议题的标题有 {length} 字，请控制在 {limit} 字以内；详细内容可在登记后用 !材料 编号 内容 补充。",
        "en": "The matter's title has {length} characters; keep it within {limit} and add the details after with "
              "!document NUMBER TEXT.",
    },
    "matter_title_missing": {
        "zh-CN": "请写上议题的内容，例如：!议题 3号楼加装电梯",
        "en": "Say what the matter is, e.g. !matter lift for building 3",
    },
    "matter_no_chain": {
        "zh-CN": "这里不能提出「{chain}」的议题。这里可以提出：{chains}",
        "en": "A {chain} matter cannot be raised here. Here you can raise: {chains}",
    },
    "matter_not_here": {
        "zh-CN": "这里不能提出议题：请在网格群、小区群或议事机构的群里提出。",
        "en": "Matters are raised in a grid's, the community's or a body's room.",
    },
    "matter_none": {"zh-CN": "目前没有议题。", "en": "No matters yet."},
    "matters_title": {"zh-CN": "议题（最新在前）：", "en": "Matters (newest first):"},
    "matters_line": {
        "zh-CN": "议题 {number}：{title} — {chain}，{where}",
        "en": "Matter {number}: {title} — {chain}, {where}",
    },
    "matter_where": {"zh-CN": "「{step}」{phase}", "en": "{step}: {phase}"},
    "phase_seconding": {"zh-CN": "征集附议", "en": "collecting seconds"},
    "phase_waiting": {"zh-CN": "待召集", "en": "to be called"},
    "phase_convened": {"zh-CN": "签到中", "en": "signing in"},
    "phase_voting": {"zh-CN": "表决中", "en": "voting"},
    "phase_closing": {"zh-CN": "计票中", "en": "counting"},
    "phase_adjourned": {"zh-CN": "未达法定人数，待重新召集", "en": "no quorum; to be called again"},
    "phase_blocked": {"zh-CN": "无法召开，待补齐名册", "en": "cannot meet until the roll is complete"},
    "phase_publishing": {"zh-CN": "待公开决议", "en": "resolution to publish"},
    "phase_result_due": {"zh-CN": "待公开实施结果", "en": "result to publish"},
    "phase_rejecting": {"zh-CN": "未通过，待公开", "en": "rejected; to publish"},
    "phase_rejecting_published": {"zh-CN": "未通过，已公开", "en": "rejected and published"},
    "phase_rejected": {"zh-CN": "未通过（已公开）", "en": "rejected (published)"},
    "phase_done": {"zh-CN": "已完成", "en": "done"},
    "phase_finished": {"zh-CN": "已完成（决议和实施结果均已公开）", "en": "done (resolution and result published)"},
    "phase_finished_resolution": {"zh-CN": "已完成（决议已公开）", "en": "done (resolution published)"},
    "rule_at_least": {"zh-CN": "{base}的{share}以上", "en": "at least {share} of {base}"},
    "rule_more_than": {"zh-CN": "超过{base}的{share}", "en": "more than {share} of {base}"},
    "base_roll": {"zh-CN": "应到人数", "en": "the roll"},
    "base_present": {"zh-CN": "实到人数", "en": "those present"},
    "no_quorum_rule": {"zh-CN": "不设法定人数", "en": "no quorum"},
    "meeting_convened": {
        "zh-CN": "【议题 {number}】{title}\n{step}（{chain}）：请「{body}」成员签到：发送 !到 {number}，或对本消息回应"
                 " 🙋。\n应到 {roll} 人；法定人数：{quorum}；通过：{majority}。截止 {deadline}。\n{opener}",
        "en": "[Matter {number}] {title}\n{step} ({chain}): members of the {body}, sign in: send !here {number} or rea"
              "ct 🙋 to this message.\nRoll {roll}; quorum: {quorum}; passes with: {majority}. Deadline {deadline}.\n"
              "{opener}",
    },
    "meeting_opener_room": {"zh-CN": "主持人发送 !开始表决 {number} 开始表决。",
                            "en": "The chair sends !open {number} to open the vote."},
    "meeting_opener_street": {
        "zh-CN": "人数够了，街道办工作人员在街道办的群里发送 !开始表决 {number} 开始表决。",
        "en": "Once enough are here, the street office opens the vote (!open {number} in its room).",
    },
    "meeting_merged": {
        "zh-CN": "一肩挑：「{step}」与「{later}」合并召开，一次表决分别计票。",
        "en": "Held together (one person holds both posts): {step} and {later}, one vote counted for each.",
    },
    "meeting_carried_again": {
        "zh-CN": "上次「{step}」会议：{outcome}（实到 {present}/应到 {roll}），现重新召集",
        "en": "The last meeting of this step, {step}: {outcome} (present {present} of {roll}); called again",
    },
    "meeting_carried": {
        "zh-CN": "上一步「{step}」：{outcome}（赞成 {yes}、反对 {no}、弃权 {abstain}；实到 {present}/应到 {roll}）",
        "en": "Previous step, {step}: {outcome} (yes {yes}, no {no}, abstain {abstain}; present {present} of {roll})",
    },
    "decision_line": {
        "zh-CN": "「{step}」：{outcome}（赞成 {yes}、反对 {no}、弃权 {abstain}；实到 {present}/应到 {roll}）",
        "en": "{step}: {outcome} (yes {yes}, no {no}, abstain {abstain}; present {present} of {roll})",
    },
    "outcome_passed": {"zh-CN": "通过", "en": "passed"},
    "outcome_rejected": {"zh-CN": "未通过", "en": "rejected"},
    "outcome_no_quorum": {"zh-CN": "未达法定人数", "en": "no quorum"},
    "vote_opened": {
        "zh-CN": "【议题 {number}】开始表决：{title}（{step}）\n应到 {roll} 人，实到 {present} 人，出席比例 {ratio}；"
                 "法定人数：{quorum}。\n通过需要：{majority}（至少 {needed} 票赞成）。截止 {deadline}。\n请在投票中选"
                 "择，或发送 !赞成 {number}、!反对 {number}、!弃权 {number}；以最后一次为准。\n这是公开表决，不是无记"
                 "名投票：每一票都能看到投票人。",
        "en": "[Matter {number}] Vote open: {title} ({step})\nRoll {roll}, present {present}, {ratio}; quorum: {quorum"
              "}.\nPasses with: {majority} (at least {needed} yes). Deadline {deadline}.\nChoose in the poll, or send "
              "!yes {number}, !no {number} or !abstain {number}; your last answer counts.\nThis is an open vote, not a"
              " secret ballot: everyone can see who voted what.",
    },
    "vote_opened_secret": {
        "zh-CN": "【议题 {number}】开始无记名投票：{title}（{step}）\n应到 {roll} 人，实到 {present} 人，出席比例 {rat"
                 "io}；法定人数：{quorum}。\n通过需要：{majority}（至少 {needed} 票赞成）。截止 {deadline}。\n请私信 {"
                 "bot} 发送 !赞成 {number}、!反对 {number} 或 !弃权 {number}：每人一票，投出后不能更改；群里和记录里只"
                 "有票数，没有谁投了什么。",
        "en": "[Matter {number}] Secret ballot open: {title} ({step})\nRoll {roll}, present {present}, {ratio}; quorum"
              ": {quorum}.\nPasses with: {majority} (at least {needed} yes). Deadline {deadline}.\nSend {bot} a direct"
              " message: !yes {number}, !no {number} or !abstain {number}. One ballot each, final; only the counts are"
              " kept.",
    },
    "secret_in_room": {
        "zh-CN": "议题 {number} 是无记名投票：请私信 {bot} 投票，不要在群里发。这一条不计入。",
        "en": "Matter {number} is a secret ballot: send your vote to {bot} by direct message, not here. This one does "
              "not count.",
    },
    "secret_received": {
        "zh-CN": "您对议题 {number} 的无记名票已收到。每人一票，不能更改；只公布票数。",
        "en": "Your secret ballot on matter {number} is in. One each, final; only the counts are published.",
    },
    "secret_already": {
        "zh-CN": "您已经对议题 {number} 投过无记名票，不能再投或更改。",
        "en": "You have already cast your secret ballot on matter {number}; it cannot be changed.",
    },
    "secret_not_here": {
        "zh-CN": "私信里的表决只收无记名票：议题 {number} 现在不是无记名投票，请在会议群里表决。",
        "en": "Votes by direct message are secret ballots only: matter {number} has none open; vote in its room.",
    },
    "direct_number_needed": {"zh-CN": "请写上议题号，例如：!赞成 3", "en": "Add the matter's number, e.g. !yes 3"},
    "help_direct_intro": {
        "zh-CN": "这是您和社区吹哨的私聊：可以在这里私下反映问题、查看和回复自己的工单，查自己的积分和时间银行，"
                 "无记名投票也在这里投。",
        "en": "This is your direct chat with Whistle: report a problem privately, follow and answer your own "
              "tickets, look at your points and time bank, and cast secret ballots here.",
    },
    "help_direct_outro": {
        "zh-CN": "私聊里反映的问题只有您和经办部门看得到；想请邻居一起附议的事，请在网格群或小区群里说。",
        "en": "A problem reported here is seen only by you and its handlers; to have neighbours join it, say it "
              "in your grid's or community's room.",
    },
    "poll_question": {"zh-CN": "议题 {number}：{title}（{step}）", "en": "Matter {number}: {title} ({step})"},
    "choice_yes": {"zh-CN": "赞成", "en": "Yes"},
    "choice_no": {"zh-CN": "反对", "en": "No"},
    "choice_abstain": {"zh-CN": "弃权", "en": "Abstain"},
    "attended": {
        "zh-CN": "已签到（议题 {number}）：实到 {present}/应到 {roll}。",
        "en": "Signed in (matter {number}): {present} of {roll} present.",
    },
    "not_on_roll": {
        "zh-CN": "您不在「{body}」的名册上，这一次不能签到或表决。",
        "en": "You are not on the roll of the {body}: you cannot sign in or vote here.",
    },
    "no_meeting_here": {"zh-CN": "这个群里现在没有进行中的会议。", "en": "No meeting is under way in this room."},
    "which_meeting": {
        "zh-CN": "这个群里有几个会议，请写上议题号：{numbers}。",
        "en": "Several meetings are under way here; add the matter's number: {numbers}.",
    },
    "close_before_vote": {
        "zh-CN": "议题 {number} 还没有开始表决，现已达到法定人数（实到 {present}/应到 {roll}）："
        "请先发送 !开始表决 {number}。",
        "en": "The vote on matter {number} has not opened, and there is a quorum ({present} of {roll} present): "
        "send !open {number} first.",
    },
    "not_quorate_yet": {
        "zh-CN": "还未达到法定人数，暂不能开始表决：实到 {present}/应到 {roll}，需要 {needed} 人。",
        "en": "No quorum yet, the vote cannot open: {present} of {roll} present, {needed} needed.",
    },
    "vote_recorded": {
        "zh-CN": "已记录您对议题 {number} 的表决：{choice}。以最后一次为准。",
        "en": "Your vote on matter {number} is recorded: {choice}. Your last answer counts.",
    },
    "vote_late": {
        "zh-CN": "议题 {number} 的表决已经结束，这一票不计入。",
        "en": "The vote on matter {number} has closed; this answer does not count.",
    },
    "vote_not_open": {
        "zh-CN": "议题 {number} 还没有开始表决。",
        "en": "The vote on matter {number} has not opened yet.",
    },
    "not_chair": {
        "zh-CN": "只有会议主持人（本群权限 {need} 以上）或街道办工作人员可以这样做。",
        "en": "Only the meeting's chair (power level {need} or more in this room) or the street office can do that.",
    },
    "counting": {"zh-CN": "正在计票（议题 {number}）……", "en": "Counting the votes on matter {number}…"},
    "meeting_not_open": {
        "zh-CN": "议题 {number} 现在没有进行中的会议。",
        "en": "Matter {number} has no meeting under way.",
    },
    "meeting_over_here": {
        "zh-CN": "议题 {number} 在本群的会议已经结束，现在进行到「{step}」。",
        "en": "The meeting on matter {number} in this room is over; it is now at: {step}.",
    },
    "meeting_elsewhere": {
        "zh-CN": "议题 {number} 的会议不在这个群里进行：请在开会的群里签到和表决。",
        "en": "The meeting on matter {number} is held in another room: sign in and vote there.",
    },
    "vote_already_open": {
        "zh-CN": "议题 {number} 已经在表决中，请大家投票；结束时发送 !结束表决 {number}。",
        "en": "The vote on matter {number} is already open; send !close {number} to end it.",
    },
    "meeting_decided": {
        "zh-CN": "【议题 {number}】表决结果：{title}（{step}）\n应到 {roll}，实到 {present}（{ratio}）；赞成 {yes}、反"
                 "对 {no}、弃权 {abstain}。\n结果：{outcome}（通过需要 {needed} 票赞成）。",
        "en": "[Matter {number}] Result: {title} ({step})\nRoll {roll}, present {present} ({ratio}); yes {yes}, no {no"
              "}, abstain {abstain}.\nOutcome: {outcome} ({needed} yes needed).",
    },
    "meeting_uncounted": {
        "zh-CN": "未计入：{late} 票在表决结束后投出，{strangers} 票来自名册以外。",
        "en": "Not counted: {late} answer(s) after the close, {strangers} from people not on the roll.",
    },
    "meeting_no_quorum": {
        "zh-CN": "【议题 {number}】未达到法定人数：{title}（{step}）\n应到 {roll}，实到 {present}，需要 {needed}。会议"
                 "未作决定；主持人或街道办可发送 !召集 {number} 重新召集。",
        "en": "[Matter {number}] No quorum: {title} ({step})\nRoll {roll}, present {present}, {needed} needed. Nothing"
              " was decided; the chair or the street office can send !convene {number} to call it again.",
    },
    "poll_ended": {"zh-CN": "议题 {number} 的表决已结束。", "en": "The vote on matter {number} has ended."},
    "resolution_published": {
        "zh-CN": "【决议公开】议题 {number}：{title}\n经{chain}，决议通过。\n{steps}\n实施结果将在 {due} 前公开。\n对"
                 "决议有意见，请发送 !监督 {number} 您的意见。",
        "en": "[Resolution published] Matter {number}: {title}\nDecided by {chain}: passed.\n{steps}\nThe result of ca"
              "rrying it out will be published by {due}.\nTo comment, send !comment {number} YOUR COMMENT.",
    },
    "rejection_published": {
        "zh-CN": "【表决结果公开】议题 {number}：{title}\n未获通过。\n{steps}",
        "en": "[Result published] Matter {number}: {title}\nRejected.\n{steps}",
    },
    "result_published": {
        "zh-CN": "【实施结果公开】议题 {number}：{title}\n{result}\n有意见请发送 !监督 {number} 您的意见。",
        "en": "[Result of carrying it out] Matter {number}: {title}\n{result}\nTo comment, send !comment {number} YOUR"
              " COMMENT.",
    },
    "result_asked": {
        "zh-CN": "议题 {number}「{title}」已形成决议并公开；请在 {due} 前发送 !实施结果 {number} 结果，公开实施结果。",
        "en": "Matter {number} ({title}) is resolved and published; publish the result of carrying it out by {due}: !r"
              "esult {number} RESULT.",
    },
    "result_overdue": {
        "zh-CN": "议题 {number}「{title}」的实施结果应在 {due} 前公开，现已逾期。请发送 !实施结果 {number} 结果。",
        "en": "The result of matter {number} ({title}) was due by {due}. Send !result {number} RESULT.",
    },
    "result_not_due": {
        "zh-CN": "议题 {number} 现在不需要公开实施结果（{phase}）。",
        "en": "Matter {number} has no result to publish now ({phase}).",
    },
    "result_done": {"zh-CN": "已公开议题 {number} 的实施结果。", "en": "The result of matter {number} is published."},
    "comment_recorded": {
        "zh-CN": "已记录您对议题 {number} 的监督意见，并转给街道办。",
        "en": "Your comment on matter {number} is recorded and passed to the street office.",
    },
    "comment_forwarded": {
        "zh-CN": "议题 {number}「{title}」收到一条监督意见：{comment}",
        "en": "Matter {number} ({title}) has a comment: {comment}",
    },
    "comment_not_yet": {
        "zh-CN": "议题 {number} 还没有公开的决议或结果，暂不能提出监督意见。",
        "en": "Matter {number} has nothing published to comment on yet.",
    },
    "matter_blocked": {
        "zh-CN": "议题 {number}「{title}」无法召开「{step}」：「{body}」{why}。补齐后请发送 !召集 {number}。",
        "en": "Matter {number} ({title}) cannot hold {step}: the {body} {why}. Then send !convene {number}.",
    },
    "blocked_empty_roll": {
        "zh-CN": "的名册为空（whistle provision --member {body_id}=@成员）",
        "en": "has an empty roll (whistle provision --member {body_id}=@member)",
    },
    "blocked_no_room": {"zh-CN": "没有会议群（whistle provision）", "en": "has no room (whistle provision)"},
    "reconvened": {"zh-CN": "已重新召集议题 {number}。", "en": "Matter {number} is called again."},
    "not_adjourned": {
        "zh-CN": "议题 {number} 现在不需要重新召集（{phase}）。",
        "en": "Matter {number} needs no new meeting now ({phase}).",
    },
    "how_to_report": {
        "zh-CN": "直接在群里发一句话，说清是什么问题、在哪里，例如「安居苑3号楼电梯又坏了」，我会回复工单号，"
        "办理进展在那条消息的话题里告诉您。也可以私聊我反映。发送 !帮助 查看全部指令。",
        "en": "Just say in the room what is wrong and where, e.g. 'the lift in Building 3 of Anju Garden is broken "
        "again': I answer with a ticket number and tell you every step in that message's thread. You can also "
        "message me directly. Send !help for all the commands.",
    },
    "help_resident_intro": {
        "zh-CN": "社区吹哨 · 居民指南\n直接发一句话反映问题，例如「3号楼电梯又坏了」，"
        "我会回复工单号并在话题里告诉您进展。",
        "en": "Community Whistle · for residents\nJust say what is wrong, e.g. 'the lift in building 3 is broken': "
        "I answer with a ticket number and tell you every step in a thread.",
    },
    "help_resident_outro": {
        "zh-CN": "办结后在话题里直接回复「已解决 / 未解决」，再回复 1 满意、2 基本满意、3 不满意。",
        "en": "When it is resolved, reply 'solved' or 'unsolved' in the thread, then 1 satisfied, 2 basically "
        "satisfied, 3 not satisfied.",
    },
    "help_handler_intro": {
        "zh-CN": "社区吹哨 · 「{handler}」办理指南（在工单卡片的话题里回复，或写上工单号 #12；对卡片点 ✅ 即签收）",
        "en": "Community Whistle · for {handler} (reply in a ticket card's thread, or give its number #12; "
        "react ✅ to a card to sign for it)",
    },
    "help_handler_outro": {"zh-CN": "单位：{units}", "en": "Units: {units}"},
    "usage": {"zh-CN": "用法：{command}，例如：{example}", "en": "Usage: {command}, e.g. {example}"},
    "cmd_report": {"zh-CN": "反映问题，同直接发消息", "en": "report a problem, same as a plain message"},
    "args_report": {"zh-CN": "内容", "en": "TEXT"},
    "example_report": {"zh-CN": "!报告 3号楼电梯又坏了", "en": "!report the lift in building 3 is broken"},
    "cmd_status": {"zh-CN": "查询工单进展", "en": "where a ticket stands"},
    "args_status": {"zh-CN": "编号", "en": "NUMBER"},
    "example_status": {"zh-CN": "!状态 12", "en": "!status 12"},
    "cmd_mine": {"zh-CN": "您反映过的工单", "en": "your tickets"},
    "cmd_served": {"zh-CN": "确认别人为您服务的时长，记入时间银行（由被服务的人确认）",
                   "en": "confirm the hours someone served you, for the time bank (the one served confirms)"},
    "args_served": {"zh-CN": "@对方 时长 事由", "en": "@who HOURS WHAT"},
    "example_served": {"zh-CN": "!确认服务 @wang:example.org 2小时 陪老人就医",
                       "en": "!served @wang:example.org 2h took grandma to the clinic"},
    "cmd_offer": {"zh-CN": "在本网格提供帮助（时间银行）", "en": "offer help in this grid (time bank)"},
    "args_offer": {"zh-CN": "内容 [时长]", "en": "WHAT [HOURS]"},
    "example_offer": {"zh-CN": "!提供 陪老人就医 2小时", "en": "!offer take someone to the clinic 2h"},
    "cmd_need": {"zh-CN": "在本网格请人帮忙（时间银行）", "en": "ask for help in this grid (time bank)"},
    "args_need": {"zh-CN": "内容 [时长]", "en": "WHAT [HOURS]"},
    "example_need": {"zh-CN": "!需要 帮忙买菜 1小时", "en": "!need help with shopping 1h"},
    "bank_offer_kept": {"zh-CN": "已登记您的服务意向（第 {number} 号）。",
                        "en": "Your offer is posted (no. {number})."},
    "bank_need_kept": {"zh-CN": "已登记您的需求（第 {number} 号）。", "en": "Your need is posted (no. {number})."},
    "bank_matches_need": {"zh-CN": "本网格里可能需要您帮忙的：", "en": "In this grid, who may need your help:"},
    "bank_matches_offer": {"zh-CN": "本网格里可能帮得上您的：", "en": "In this grid, who may help you:"},
    "bank_match_line": {"zh-CN": "· {who}：{what} {hours}", "en": "· {who}: {what} {hours}"},
    "bank_no_match": {"zh-CN": "暂时没有相配的；有人发布相配的服务或需求时，会在那条消息下提到您。"
                               "服务完成后，由被服务的人发 !确认服务 记时长。",
                      "en": "Nothing matches yet; when someone posts a matching offer or need, you are mentioned under "
                            "it. After the service, the one served confirms the hours with !served."},
    "bank_grid_only": {"zh-CN": "请在您所在网格的居民群里发。", "en": "Please post this in your grid's room."},
    "cmd_bank": {"zh-CN": "您的时间银行余额和明细", "en": "your time-bank balance and statement"},
    "cmd_reverse": {"zh-CN": "冲正一笔时间银行记录（街道工作人员，须写原因）",
                    "en": "reverse a time-bank entry (street office staff, with a reason)"},
    "args_reverse": {"zh-CN": "编号 原因", "en": "NUMBER REASON"},
    "example_reverse": {"zh-CN": "!冲正 12 时长记错", "en": "!reverse 12 wrong hours"},
    "bank_recorded": {"zh-CN": "已记入时间银行（第 {id} 笔）：{giver} 为您服务 {hours}（{what}）。您的余额 {balance}。",
                      "en": "Recorded in the time bank (entry {id}): {giver} served you {hours} ({what}). "
                            "Your balance: {balance}."},
    "bank_statement": {"zh-CN": "您的时间银行余额：{balance}。最近的记录：",
                       "en": "Your time-bank balance: {balance}. Latest:"},
    "bank_line": {"zh-CN": "第 {id} 笔 {when} {what} {sign}{hours}", "en": "entry {id} {when} {what} {sign}{hours}"},
    "bank_empty": {"zh-CN": "您还没有时间银行记录。", "en": "You have no time-bank entries yet."},
    "bank_reversal_done": {"zh-CN": "已冲正第 {transfer} 笔（新记录第 {id} 笔）：{reason}",
                           "en": "Entry {transfer} reversed by entry {id}: {reason}"},
    "bank_flagged": {"zh-CN": "时间银行提醒：{account} 的余额 {balance} 超出规则（{why}），请核实。",
                     "en": "Time bank: {account} stands at {balance}, outside the limits ({why}); please check."},
    "bank_why_over_cap": {"zh-CN": "超过上限", "en": "above the cap"},
    "bank_why_overdrawn": {"zh-CN": "透支", "en": "overdrawn"},
    "bank_street_only": {"zh-CN": "只有街道工作人员可以冲正时间银行记录。",
                         "en": "Only the street office's staff may reverse a time-bank entry."},
    "cmd_points": {"zh-CN": "您的积分和每一笔来历", "en": "your participation points and where each came from"},
    "points_balance": {"zh-CN": "您的积分：{points} 分。最近的记录：",
                       "en": "Your points: {points}. The latest entries:"},
    "points_none": {"zh-CN": "您的积分：0 分。反映问题并参与回访、参加议事或志愿服务都可以得到积分。",
                    "en": "Your points: 0. Reporting a problem and answering its call-back, taking part in a "
                          "meeting or volunteering all earn points."},
    "points_entry": {"zh-CN": "{when} #{ticket} {reason} +{points}", "en": "{when} #{ticket} {reason} +{points}"},
    "points_entry_bank": {"zh-CN": "{when} 时间银行第 {entry} 笔 {reason} +{points}",
                          "en": "{when} time-bank entry {entry} {reason} +{points}"},
    "cmd_honour": {
        "zh-CN": "是否同意在每月荣誉榜上公开您的名字",
        "en": "whether you agree to be named on the monthly honour board",
    },
    "args_honour": {"zh-CN": "[同意|不同意]", "en": "[yes|no]"},
    "example_honour": {"zh-CN": "!荣誉榜 同意", "en": "!honour yes"},
    "honour_status_yes": {
        "zh-CN": "您已同意上荣誉榜：积分靠前时，每月荣誉榜会写出您的账号。撤回请发送 !荣誉榜 不同意。",
        "en": "You agreed to the honour board: when your points are among the month's best, it names your account. To "
              "withdraw: !honour no.",
    },
    "honour_status_no": {
        "zh-CN": "您没有同意上荣誉榜：积分靠前时只计人数，不写名字。同意请发送 !荣誉榜 同意。",
        "en": "You have not agreed to the honour board: if your points are among the best you are counted, not named. "
              "To agree: !honour yes.",
    },
    "honour_set_yes": {"zh-CN": "已记下：您同意上荣誉榜。", "en": "Noted: you agree to be named on the honour board."},
    "honour_set_no": {"zh-CN": "已记下：荣誉榜不会写出您的名字。", "en": "Noted: the honour board will not name you."},
    "honour_title": {
        "zh-CN": "【{month} 荣誉榜】感谢积极参与社区事务的居民：",
        "en": "[Honour board {month}] Thank you for taking part:",
    },
    "honour_line": {"zh-CN": "{rank}. {who} {points} 分", "en": "{rank}. {who} {points} points"},
    "honour_unnamed": {
        "zh-CN": "另有 {count} 位积分靠前的居民未同意公开名字。",
        "en": "{count} more of the month's best chose not to be named.",
    },
    "honour_how": {
        "zh-CN": "想上榜请发送 !荣誉榜 同意（随时可发 !荣誉榜 不同意 撤回）；!积分 查看自己的积分。",
        "en": "To be named, send !honour yes (!honour no withdraws); !points shows your own.",
    },
    "points_entry_volunteer": {"zh-CN": "{when} 志愿服务第 {entry} 条 {reason} +{points}",
                               "en": "{when} volunteer task {entry} {reason} +{points}"},
    "points_entry_matter": {"zh-CN": "{when} 议题 {matter} {reason} +{points}",
                            "en": "{when} matter {matter} {reason} +{points}"},
    "points_at_step": {"zh-CN": "{reason}（{step}）", "en": "{reason} ({step})"},
    "points_attend": {"zh-CN": "参加会议签到", "en": "attended a meeting"},
    "points_vote": {"zh-CN": "参加表决", "en": "voted"},
    "points_hour_served": {"zh-CN": "志愿服务时长", "en": "hours of service given"},
    "points_capped": {"zh-CN": "（已达本月上限）", "en": " (this month's cap reached)"},
    "points_report_fixed": {"zh-CN": "反映的问题已解决", "en": "a matter you reported was fixed"},
    "points_callback": {"zh-CN": "参与回访", "en": "answered the call-back"},
    "points_exchange": {"zh-CN": "可兑换：{options}（请到社区服务站兑换）",
                        "en": "Points exchange for: {options} (at the community service desk)"},
    "cmd_solved": {"zh-CN": "办结后确认已解决（在工单话题里）", "en": "it is solved (in the ticket's thread)"},
    "cmd_unsolved": {"zh-CN": "办结后仍未解决，退回重办", "en": "it is not solved: back to the handler"},
    "cmd_publish": {"zh-CN": "在公开栏公开这件事的原话（默认不公开，只有反映人本人可以公开）",
                    "en": "show your own words on the public board (private unless you say so)"},
    "publish_reporter_only": {
        "zh-CN": "只有反映 #{ticket} 的居民本人可以公开它的原话。",
        "en": "Only the resident who reported #{ticket} can publish its words.",
    },
    "published_done": {
        "zh-CN": "好的，#{ticket} 的原话会显示在公开栏上（不显示您的名字）。",
        "en": "Done: the words of #{ticket} now show on the public board (never your name).",
    },
    "cmd_rate": {"zh-CN": "评价办理结果", "en": "rate how it was handled"},
    "args_rate": {"zh-CN": "满意|基本满意|不满意（或 1、2、3）", "en": "satisfied|basically|dissatisfied (or 1, 2, 3)"},
    "example_rate": {"zh-CN": "!评价 满意", "en": "!rate satisfied"},
    "cmd_ack": {"zh-CN": "报到签收", "en": "sign for it (report for duty)"},
    "cmd_note": {"zh-CN": "办理进展（会转告居民）", "en": "progress (passed on to the resident)"},
    "args_note": {"zh-CN": "内容", "en": "TEXT"},
    "example_note": {"zh-CN": "!备注 维修师傅已在路上", "en": "!note the technician is on the way"},
    "cmd_resolve": {"zh-CN": "办结", "en": "resolve it"},
    "args_resolve": {"zh-CN": "说明", "en": "TEXT"},
    "example_resolve": {"zh-CN": "!办结 已更换电梯控制板", "en": "!resolve replaced the lift's control board"},
    "cmd_transfer": {"zh-CN": "转给负责单位", "en": "to the unit responsible"},
    "args_transfer": {"zh-CN": "单位 理由", "en": "UNIT REASON"},
    "example_transfer": {
        "zh-CN": "!转派 城管 属于占道经营",
        "en": "!transfer urban_mgmt street vending",
    },
    "cmd_return": {"zh-CN": "不属本单位，退回街道重新派单",
                   "en": "not ours: back to the street office to dispatch again"},
    "args_return": {"zh-CN": "理由", "en": "REASON"},
    "example_return": {"zh-CN": "!退单 路灯归城市照明管理", "en": "!return street lights are the lighting office's"},
    "cmd_extend": {"zh-CN": "向街道申请延期（一般事项按工作日计，紧急加急事项按自然日计）",
                   "en": "ask the street office for more days (working days for ordinary matters, calendar days "
                   "for urgent ones)"},
    "args_extend": {"zh-CN": "天数 理由", "en": "DAYS REASON"},
    "example_extend": {"zh-CN": "!延期 3 等待配件到货", "en": "!extend 3 waiting for parts"},
    "cmd_expedite": {"zh-CN": "把工单升为加急或紧急（时限从现在按新级别重算，只会提前）",
                     "en": "make a ticket urgent or an emergency (its limits start again at the new level, never "
                     "later)"},
    "args_expedite": {"zh-CN": "[紧急] 理由", "en": "[emergency] REASON"},
    "example_expedite": {"zh-CN": "!加急 紧急 漏水已经流进配电箱",
                         "en": "!expedite emergency the leak reaches the fuse box"},
    "expedited_why": {"zh-CN": "「{handler}」加急：{reason}", "en": "{handler} raised it: {reason}"},
    "step_expedited": {"zh-CN": "⚡ 「{handler}」已将工单列为{priority}：{reason}",
                       "en": "⚡ {handler} raised its priority to {priority}: {reason}"},
    "expedited_done": {"zh-CN": "已将 #{ticket} 列为{priority}，各办理单位和居民都已告知。",
                       "en": "#{ticket} is now {priority}; its units and residents are told."},
    "priority_not_higher": {
        "zh-CN": "#{ticket} 已是「加急」级别，只能再升为紧急：!加急 紧急 理由。",
        "en": "#{ticket} is urgent already; it can only become an emergency: !expedite emergency REASON.",
    },
    "priority_highest": {
        "zh-CN": "#{ticket} 已是最高的「紧急」级别。",
        "en": "#{ticket} is an emergency already, the highest level.",
    },
    "move_expedited": {"zh-CN": "加急", "en": "raise its priority"},
    "cmd_approve": {"zh-CN": "批准延期申请（街道）", "en": "approve an extension (street office)"},
    "cmd_refuse": {"zh-CN": "驳回延期申请（街道）", "en": "refuse an extension (street office)"},
    "args_refuse": {"zh-CN": "理由", "en": "REASON"},
    "example_refuse": {"zh-CN": "!驳回 理由不充分", "en": "!refuse not a good enough reason"},
    "cmd_assign": {"zh-CN": "把未分类的工单分拨给办理单位（街道）",
                   "en": "give an unplaced ticket to a unit (street office)"},
    "args_assign": {"zh-CN": "编号|单位", "en": "NUMBER|UNIT"},
    "example_assign": {"zh-CN": "!分拨 物业", "en": "!assign property"},
    "usage_units": {"zh-CN": "可选的单位：\n{units}", "en": "Units:\n{units}"},
    "assign_no_options": {
        "zh-CN": "工单 #{ticket} 没有待选的事项编号，请写单位名。",
        "en": "Ticket #{ticket} has no numbered matters to pick from: name the unit.",
    },
    "reassigned_reason": {"zh-CN": "街道重新派单", "en": "dispatched again by the street office"},
    "unknown_assignee": {
        "zh-CN": "没有名为「{id}」的处理单位或事项。",
        "en": "There is no unit or matter called '{id}'.",
    },
    "cmd_list": {"zh-CN": "本单位未办结的工单", "en": "our open tickets"},
    "cmd_stats": {"zh-CN": "本单位的月度评价统计", "en": "our monthly rates"},
    "args_stats": {"zh-CN": "[年-月]", "en": "[YYYY-MM]"},
    "example_stats": {"zh-CN": "!统计 2026-11", "en": "!stats 2026-11"},
    "cmd_lang": {"zh-CN": "切换语言 / switch language", "en": "switch language / 切换语言"},
    "args_lang": {"zh-CN": "en|zh", "en": "zh|en"},
    "example_lang": {"zh-CN": "!语言 en", "en": "!lang zh"},
    "cmd_help": {"zh-CN": "本指南", "en": "this guide"},
    # --- rates (how handlers are judged) ---
    "rate_response": {"zh-CN": "响应率", "en": "response"},
    "rate_resolution": {"zh-CN": "解决率", "en": "resolution"},
    "rate_satisfaction": {"zh-CN": "满意率", "en": "satisfaction"},
    "rate_on_time": {"zh-CN": "按期办结率", "en": "closed on time"},
    "rate_return": {"zh-CN": "回退率", "en": "returned"},
    "rate_reopen": {"zh-CN": "重办率", "en": "reopened"},
    "report_title": {
        "zh-CN": "## {period} 处理单位评价（按{by}排名；件数少于 {min_count} 的不排名，排名用平滑后的比率）",
        "en": "## Handlers, {period} (ranked by {by}; fewer than {min_count} cases: unranked; "
        "ranks use smoothed rates)",
    },
    "report_handler": {"zh-CN": "单位", "en": "handler"},
    "stats_title": {"zh-CN": "「{handler}」{period} 评价：", "en": "{handler}, {period}:"},
    "stats_line": {"zh-CN": "{rate} {value}（{x}/{n}），排名 {rank}", "en": "{rate} {value} ({x}/{n}), rank {rank}"},
    "stats_unranked": {"zh-CN": "不足 {min} 件，不排名", "en": "unranked (fewer than {min})"},
    "stats_unavailable": {
        "zh-CN": "统计需要安装 research 组件（pip install -e '.[research]'，make 会安装）。",
        "en": "Statistics need the research extra (pip install -e '.[research]'; make installs it).",
    },
    "bad_period": {"zh-CN": "时间段应写成 年-月，例如 2026-11，而不是「{value}」。",
                   "en": "A period is YEAR-MONTH, e.g. 2026-11, not '{value}'."},
    "ranking_posted": {"zh-CN": "{period} 月度排名", "en": "Monthly ranking {period}"},
    # --- rooms ---
    "room_handler_name": {"zh-CN": "【办理群】{handler} · {community}", "en": "[Handler] {handler} · {community}"},
    "room_handler_topic": {
        "zh-CN": "社区吹哨、部门报到：「{handler}」在这里签收和办理工单。发送 !帮助 查看指令。",
        "en": "The community whistles, departments report: {handler} signs for and handles tickets here. "
        "Send !help for the commands.",
    },
    "room_community_name": {"zh-CN": "{community} 居民群", "en": "{community} residents"},
    "room_grid_name": {"zh-CN": "{community} · {grid} 居民群", "en": "{community} · {grid} residents"},
    "room_community_topic": {
        "zh-CN": "有问题直接发一句话反映，例如「3号楼电梯又坏了」，会回复工单号并告诉您进展。发送 !帮助 查看指令。",
        "en": "Say what is wrong in one sentence, e.g. 'the lift in building 3 is broken': you get a ticket "
        "number and hear of every step. Send !help for the commands.",
    },
    # --- chat commands (whistle provision / bot / run) ---
    "bad_pair": {
        "zh-CN": "应写成 单位=@用户:服务器，而不是「{value}」。",
        "en": "Expected ID=@user:server, not '{value}'.",
    },
    "login_failed": {"zh-CN": "机器人无法登录：{detail}", "en": "The bot cannot log in: {detail}"},
    "chat_failed": {"zh-CN": "无法完成：{detail}", "en": "Could not finish: {detail}"},
    "provisioned": {
        "zh-CN": "已开通 {count} 个房间（可重复运行）。",
        "en": "{count} rooms provisioned (safe to run again).",
    },
    "bot_starting": {
        "zh-CN": "机器人 {user} 连接 {url}，按 Ctrl-C 停止。",
        "en": "Bot {user} on {url}; Ctrl-C stops it.",
    },
    "bot_stopped": {"zh-CN": "机器人已停止：处理 {handled} 条事件，发送 {sent} 条消息。",
                    "en": "Bot stopped: {handled} events handled, {sent} messages sent."},
    "demo_homeserver": {
        "zh-CN": "启动本地 Matrix 服务器 {url} …",
        "en": "Starting the local Matrix homeserver {url} ...",
    },
    "demo_connect": {
        "zh-CN": "\n一切就绪。用任意 Matrix 客户端（如 Element：登录时把服务器改为 {url}）登录：\n"
        "  居民账号 {resident}，街道工作人员 {staff}，以及 staff_<单位> / resident_<网格> 等，密码均为 {password}\n"
        "  （密码保存在 {var}/local-secrets.json）。登录后加入公开房间 #whistle-community:localhost，"
        "在里面直接说出问题即可。\n"
        "  要用自己的账号：另开终端运行 .venv/bin/whistle homeserver adduser 名字（会打印账号和密码）。\n"
        "  下面是演示社区的实时过程，按 Ctrl-C 停止全部。\n",
        "en": "\nAll set. Log in with any Matrix client (in Element, change the homeserver to {url}):\n"
        "  resident {resident}, street office staff {staff}, and staff_<unit> / resident_<grid>; password {password}\n"
        "  (kept in {var}/local-secrets.json). Then join the public room #whistle-community:localhost and just say "
        "what is wrong.\n"
        "  An account of your own: in another terminal, .venv/bin/whistle homeserver adduser NAME (prints it and "
        "its password).\n"
        "  The demo community follows live; Ctrl-C stops everything.\n",
    },
    "demo_scene": {"zh-CN": "\n── 场景 {n}：{title} ──", "en": "\n── Scene {n}: {title} ──"},
    "demo_scene_1": {
        "zh-CN": "反映、签收（✅）、办结、回访、评价",
        "en": "report, sign for (✅), resolve, verdict, rating",
    },
    "demo_scene_2": {"zh-CN": "转派、未解决重办", "en": "transfer, reopened when not solved"},
    "demo_scene_3": {"zh-CN": "补充位置、退单、街道重新派单", "en": "the place asked for, a return, re-dispatch"},
    "demo_scene_4": {
        "zh-CN": "邻居附议、吹哨召集部门报到、证据不足时请居民选择",
        "en": "neighbours support it, the whistle summons departments, a vague report asks which matter",
    },
    "demo_scene_6": {
        "zh-CN": "居民议事协商：网格群里提出议题、表决、街道办计票、决议在小区群公开",
        "en": "residents decide together: a matter raised in the grid's room, the vote, the count, the resolution "
              "published",
    },
    "demo_scene_5": {
        "zh-CN": "无人签收：催办、升级督办（演示时钟快进）、申请延期与批准",
        "en": "nobody signs: a reminder, an escalation (the demo clock moves on), an extension asked and approved",
    },
    "demo_clock": {"zh-CN": "    ⏩ 演示时钟快进到 {now}", "en": "    ⏩ the demo clock moves on to {now}"},
    "adduser_done": {
        "zh-CN": "账号 {user}，密码 {password}。在 Matrix 客户端中把服务器设为 {url} 后登录。",
        "en": "Account {user}, password {password}. Log in with a Matrix client whose homeserver is {url}.",
    },
    "adduser_bad_name": {
        "zh-CN": "用户名「{name}」不合要求：只能用小写字母、数字和 . _ = -。",
        "en": "The user name '{name}' cannot be used: lower-case letters, digits and . _ = - only.",
    },
    "demo_done": {"zh-CN": "演示完成（{rounds} 轮）。", "en": "Demo finished ({rounds} rounds)."},
    "demo_stopping": {"zh-CN": "正在停止…", "en": "Stopping ..."},
    # --- command line ---
    "eval_header": {
        "zh-CN": "评估 {file}：{n} 条，准确率 {accuracy:.1%}（未分类 {unclassified} 条）",
        "en": "Evaluated {file}: {n} rows, accuracy {accuracy:.1%} ({unclassified} unclassified)",
    },
    "eval_choice_fits": {
        "zh-CN": "政策选择「{name}」决定了其中 {n} 条报告：现选 {chosen}，{fit} 条与此文件一致，是各选项中最一致的。",
        "en": "Policy choice '{name}' settled {n} of these reports: {chosen} is in force, and with {fit} of them where "
              "this file says, no option fits it better.",
    },
    "eval_choice_differs": {
        "zh-CN": "政策选择「{name}」决定了其中 {n} 条报告：现选 {chosen}，{fit} 条与此文件一致；"
                 "选 {best} 则 {best_fit} 条一致，准确率将为 {accuracy:.1%}。这是社区的选择：若要照此文件归口，"
                 "改规则手册中 choices 的 {id}.chosen 为 {best}（先用 whistle rulebook replay 看看影响）。",
        "en": "Policy choice '{name}' settled {n} of these reports: {chosen} is in force, with {fit} of them "
              "where this file says; {best} would send {best_fit} there, and accuracy would be {accuracy:.1%}. "
              "The choice is the community's: to route as this file does, set choices {id}.chosen to {best} in "
              "the rulebook (see whistle rulebook replay first).",
    },
    "eval_gate": {
        "zh-CN": "非报告消息 {non_reports} 条，被误登记 {ticketed} 条；报告中被判为非报告 {dropped} 条、"
                 "需先确认 {unsure} 条、需请居民选择事项 {asked} 条；紧急事项 {emergencies} 条，"
                 "达到紧急级别 {met} 条。",
        "en": "{non_reports} messages that are not reports, {ticketed} of them ticketed; of the reports "
              "{dropped} judged not a report, {unsure} to confirm first, {asked} to ask which matter; "
              "{emergencies} emergencies, {met} at emergency priority.",
    },
    "eval_cv": {
        "zh-CN": "{k} 折交叉验证（{n} 条，标签为{kind}）：仅规则 {rules:.1%}，仅模型 {model:.1%}，规则+模型 {both:.1%}",
        "en": "{k}-fold cross-validation ({n} rows, labels are {kind}s): rules alone {rules:.1%}, model alone "
              "{model:.1%}, rules and model {both:.1%}",
    },
    "eval_cv_fold": {
        "zh-CN": "  第 {fold} 折：规则 {rules:.1%}，模型 {model:.1%}，规则+模型 {both:.1%}",
        "en": "  fold {fold}: rules {rules:.1%}, model {model:.1%}, both {both:.1%}",
    },
    "eval_cv_choice": {"zh-CN": "「{name}」选 {option}", "en": "'{name}': {option}"},
    "eval_cv_file_choices": {
        "zh-CN": "按此文件最一致的政策选择（{choices}）：仅规则 {rules:.1%}，仅模型 {model:.1%}，规则+模型 {both:.1%}。"
                 "政策选择是社区的决定，规则手册未改动。",
        "en": "With the policy choices this file fits best ({choices}): rules alone {rules:.1%}, model alone "
              "{model:.1%}, rules and model {both:.1%}. The choices are the community's; the rulebook is unchanged.",
    },
    "label_kind_sector": {"zh-CN": "领域", "en": "sector"},
    "label_kind_handler": {"zh-CN": "处理单位", "en": "handler"},
    "eval_bad_labels": {
        "zh-CN": "{file}：{detail}", "en": "{file}: {detail}",
    },
    "status_alive": {
        "zh-CN": "机器人运行中（{store}，进程 {pid}，{age}前心跳）。",
        "en": "The bot is running ({store}, pid {pid}, heartbeat {age} ago).",
    },
    "status_dead": {
        "zh-CN": "机器人没有在运行（{store}，上次心跳：{age}前）。",
        "en": "The bot is not running ({store}; last heartbeat {age} ago).",
    },
    "status_crashed": {
        "zh-CN": "机器人没有在运行：进程 {pid} 已不存在，它没有正常停止"
        "（被强行结束或崩溃；{store}，上次心跳：{age}前）。",
        "en": "The bot is not running: its process {pid} is gone without a clean stop (killed or crashed; {store}; "
        "last heartbeat {age} ago).",
    },
    "status_worker": {
        "zh-CN": "  工作进程 {worker}：{state}（进程 {pid}，{age}前心跳）",
        "en": "  worker {worker}: {state} (pid {pid}, heartbeat {age} ago)",
    },
    "status_worker_alive": {"zh-CN": "运行中", "en": "running"},
    "status_worker_dead": {"zh-CN": "已停止", "en": "stopped"},
    "status_worker_crashed": {"zh-CN": "进程已不存在，没有正常停止", "en": "its process is gone without a clean stop"},
    "status_loops": {
        "zh-CN": "上次同步：{sync}；定时器循环：{scheduler}；发送循环：{outbox}。",
        "en": "Last sync: {sync}; timers loop: {scheduler}; sending loop: {outbox}.",
    },
    "status_ago": {"zh-CN": "{time}前", "en": "{time} ago"},
    "status_not_yet": {"zh-CN": "尚未进行", "en": "not yet"},
    "status_work": {
        "zh-CN": "待发送 {pending} 条（最早已等 {lag}），发送失败 {failed} 条，已发送 {sent} 条；"
        "待执行时限 {tpending} 个（最迟已晚 {tlag}），失败 {tfailed} 个。",
        "en": "{pending} messages waiting (the oldest for {lag}), {failed} failed, {sent} sent; {tpending} timers "
        "waiting (the latest {tlag} late), {tfailed} failed.",
    },
    "status_failures": {
        "zh-CN": "本次运行以来出错：消息处理 {events} 次，时限 {timers} 次，发送 {outbox} 次。",
        "en": "Failures since the bot started: {events} events, {timers} timers, {outbox} sends.",
    },
    "retry_bad": {"zh-CN": "--retry 需要一个编号或 all，而不是「{value}」。",
                  "en": "--retry takes an id or all, not '{value}'."},
    "retried": {"zh-CN": "已重新排队 {count} 项。", "en": "{count} put back in line."},
    "nothing_failed": {"zh-CN": "没有失败的项目。", "en": "Nothing has failed."},
    "digest_title": {"zh-CN": "【运行情况 {date}】", "en": "[How the bot ran, {date}]"},
    "digest_counts": {
        "zh-CN": "发送失败的消息 {outbox} 条，未能执行的提醒或时限 {timers} 个，处理出错的消息 {events} 条。",
        "en": "{outbox} messages could not be sent, {timers} reminders or deadlines could not fire, {events} "
        "messages failed to be handled.",
    },
    "digest_hint": {
        "zh-CN": "管理员可用 whistle status、whistle outbox --failed、whistle timers --failed 查看并重试。",
        "en": "An administrator can look and retry with whistle status, whistle outbox --failed, "
        "whistle timers --failed.",
    },
    "model_changed": {
        "zh-CN": "分派模型已更新为 {version}（{trained_at} 用 {rows} 条记录训练，来源 {source}）。"
        "此后的反映按新模型辅助分派；分派决定会写明模型版本。",
        "en": "The routing model is now {version} (trained {trained_at} on {rows} rows from {source}). Reports from "
        "now on are routed with its help; every decision names the model's version.",
    },
    "model_unreadable": {
        "zh-CN": "无法使用分派模型 {file}：{detail}",
        "en": "Cannot use the routing model {file}: {detail}",
    },
    "model_trained": {
        "zh-CN": "分派模型已写入 {file}：版本 {version}，{rows} 条记录，{labels} 个标签（{kind}），"
                 "用时 {seconds:.1f} 秒，文件 {size:.0f} KB。",
        "en": "Routing model written to {file}: version {version}, {rows} rows, {labels} labels ({kind}), "
              "{seconds:.1f} s, {size:.0f} KB.",
    },
    "model_heads": {
        "zh-CN": "另学会判断：{heads}",
        "en": "It also learnt to tell: {heads}",
    },
    "head_emergency": {"zh-CN": "是否紧急（{yes} 条紧急、{no} 条非紧急）", "en": "emergencies ({yes} against {no})"},
    "head_report": {"zh-CN": "是否报告（{yes} 条报告、{no} 条非报告）",
                    "en": "reports ({yes} against {no} other messages)"},
    "model_left_out": {
        "zh-CN": "样本不足 3 条、未参与训练的标签：{labels}",
        "en": "Labels with fewer than 3 examples, left out: {labels}",
    },
    "model_cannot_train": {
        "zh-CN": "无法训练分派模型：{detail}（需要至少两个处理单位各有 3 条已办结工单，或带标签的文件）",
        "en": "Cannot train a routing model: {detail} (it needs two handlers with 3 resolved tickets each, or a "
              "labelled file)",
    },
    "model_replaced": {
        "zh-CN": "原模型 {old} 已保留为 {backup}；运行中的机器人会自动换用新模型，并在街道房间说明。",
        "en": "The previous model {old} is kept as {backup}; a running bot switches to the new one and says so in "
              "the street office's room.",
    },
    "model_info": {
        "zh-CN": "模型 {file}\n版本：{version}\n训练时间：{trained_at}\n来源：{source}\n记录：{rows} 条"
                 "\n标签（{kind}）：{labels}\n规则手册：{rulebook}",
        "en": "Model {file}\nversion: {version}\ntrained: {trained_at}\nsource: {source}\nrows: {rows}\nlabels "
              "({kind}): {labels}\nrulebook: {rulebook}",
    },
    "replay_header": {
        "zh-CN": "用 {file} 重放 {reports} 条历史报告：{changed} 条首派单位会改变；可避免 {avoided} 次转派或退单，"
                 "可能新增 {caused} 次错派。",
        "en": "Replaying {file} over {reports} past reports: {changed} would go to a different first handler; "
              "{avoided} transfers or returns avoided, {caused} new misroutes possible.",
    },
    "replay_section_avoided": {"zh-CN": "可避免的转派、退单（例）：",
                               "en": "Transfers and returns avoided (examples):"},
    "replay_section_caused": {"zh-CN": "可能新增的错派（例）：", "en": "New misroutes possible (examples):"},
    "replay_section_moves": {"zh-CN": "改派最多的去向：", "en": "Most frequent changes:"},
    "replay_example": {
        "zh-CN": "  #{ticket} {old} → {new}（最终办理：{final}）：{text}",
        "en": "  #{ticket} {old} → {new} (finally handled by {final}): {text}",
    },
    "replay_move": {"zh-CN": "  {old} → {new}：{count} 条", "en": "  {old} → {new}: {count}"},
    "eval_bad_header": {
        "zh-CN": "表头应为 id,text,label[,priority]，而不是「{header}」",
        "en": "the header must be id,text,label[,priority], not '{header}'",
    },
    "eval_columns": {
        "zh-CN": "应有 3 或 4 列（id,text,label[,priority]），这一行有 {count} 列",
        "en": "expected 3 or 4 columns (id,text,label[,priority]), found {count}",
    },
    "eval_unreadable": {"zh-CN": "无法读取：{detail}", "en": "cannot be read: {detail}"},
    "eval_unknown_labels": {
        "zh-CN": "有 {count} 个标签既不是领域也不是规则手册中的单位：{labels}",
        "en": "{count} labels are neither a sector nor a handler of the rulebook: {labels}",
    },
    "eval_mixed_labels": {
        "zh-CN": "标签混用了领域和单位编号，请统一用一种",
        "en": "the labels mix sectors and handler ids; use one kind",
    },
    "store_not_ours": {
        "zh-CN": "{file} 不是社区吹哨的存储文件（{detail}），未作任何改动。",
        "en": "{file} is not a Community Whistle store ({detail}); nothing was changed.",
    },
    "store_newer": {
        "zh-CN": "存储文件的版本（{version}）比本程序（{latest}）新，请先升级程序；未作任何改动。",
        "en": "The store is at schema version {version}, newer than this program ({latest}): upgrade the program "
        "first; nothing was changed.",
    },
    "store_older": {
        "zh-CN": "{file} 是旧版本（{version}，当前 {latest}）的存储文件，只读命令不会升级它；请先运行机器人"
        "（或 whistle tickets --upgrade）完成升级。",
        "en": "{file} is a store of an older version ({version}, now {latest}); a read-only command does not "
        "upgrade it: run the bot (or whistle tickets --upgrade) first.",
    },
    "store_readonly": {
        "zh-CN": "{file} 以只读方式打开，不能写入。", "en": "{file} was opened read-only: nothing can be written.",
    },
    "store_bad_community": {
        "zh-CN": "地址中的社区名 {community} 不可用：只能用小写字母、数字和下划线，以字母开头"
        "（与规则手册的社区编号相同）。",
        "en": "The community {community} in the address cannot be used: lower-case letters, digits and underscores, "
        "starting with a letter (the rulebook's community id).",
    },
    "store_missing": {
        "zh-CN": "工单库文件 {file} 不存在（或不是文件）。",
        "en": "The ticket store {file} does not exist (or is not a file).",
    },
    "store_unreadable": {
        "zh-CN": "无法读取工单库 {file}（{detail}），请确认这是 whistle 的工单库文件。",
        "en": "Cannot read the ticket store {file} ({detail}); is it a whistle store file?",
    },
    "no_tickets": {"zh-CN": "没有工单。", "en": "No tickets."},
    "lang_env_bad": {
        "zh-CN": "WHISTLE_LANG={value} 不是可用的语言（zh 或 en）。",
        "en": "WHISTLE_LANG={value} is not a language this program speaks (zh or en).",
    },
    "not_a_number": {"zh-CN": "「{value}」不是数字", "en": "not a number: '{value}'"},
    "not_positive": {"zh-CN": "需要大于零的数，而不是 {value}", "en": "must be above zero, not {value}"},
    "not_a_language": {"zh-CN": "「{value}」不是可用的语言（zh 或 en）",
                       "en": "'{value}' is not a language (zh or en)"},
    "no_folder": {"zh-CN": "文件夹 {folder} 不存在，请先创建。",
                      "en": "The folder {folder} does not exist: create it first."},
    "usage_error": {"zh-CN": "{prog}：用法错误：{message}", "en": "{prog}: usage error: {message}"},
    "usage_required": {"zh-CN": "缺少必需的参数：{what}", "en": "the following arguments are required: {what}"},
    "usage_unknown": {"zh-CN": "不认识的参数：{what}", "en": "unrecognized arguments: {what}"},
    "usage_choice": {
        "zh-CN": "参数 {arg} 的值 {value} 无效，可选：{what}",
        "en": "argument {arg}: invalid choice: {value} (choose from {what})",
    },
    "usage_type": {"zh-CN": "参数 {arg} 的值 {value} 格式不对", "en": "argument {arg}: invalid value: {value}"},
    "usage_expected": {"zh-CN": "参数 {arg} 需要一个值（{what}）", "en": "argument {arg}: expected {what}"},
    "usage_argument": {"zh-CN": "参数 {arg}：{what}", "en": "argument {arg}: {what}"},
    "text_missing": {
        "zh-CN": "请给出要分派的文字，例如：whistle route \"楼上水管漏水了\"",
        "en": "Give the text to route, e.g. whistle route \"the pipe upstairs is leaking\"",
    },
    # --- local homeserver (developers and staff running whistle homeserver) ---
    "hs_running": {
        "zh-CN": "本地 Matrix 服务器正在运行：{url}（进程 {pid}，Synapse {version}，服务器名 {server_name}）",
        "en": "The local Matrix homeserver is running at {url} (pid {pid}, Synapse {version}, "
        "server name {server_name}).",
    },
    "hs_starting": {
        "zh-CN": "本地 Matrix 服务器进程 {pid} 在运行，但 {url} 还没有响应（可能正在启动）。",
        "en": "The local Matrix homeserver process {pid} is alive but {url} does not answer yet (starting?).",
    },
    "hs_stopped": {
        "zh-CN": "本地 Matrix 服务器没有运行（{url}，目录 {root}）。启动：whistle homeserver up",
        "en": "The local Matrix homeserver is not running ({url}, folder {root}). Start it: whistle homeserver up",
    },
    "hs_started": {
        "zh-CN": "本地 Matrix 服务器已启动：{url}，用时 {seconds:.1f} 秒（Synapse {version}，进程 {pid}）。",
        "en": "The local Matrix homeserver is up at {url} after {seconds:.1f} s (Synapse {version}, pid {pid}).",
    },
    "hs_already_up": {
        "zh-CN": "本地 Matrix 服务器已经在运行：{url}（进程 {pid}）。",
        "en": "The local Matrix homeserver was already running at {url} (pid {pid}).",
    },
    "hs_down": {
        "zh-CN": "本地 Matrix 服务器已停止（进程 {pid}），用时 {seconds:.1f} 秒。",
        "en": "The local Matrix homeserver (pid {pid}) stopped after {seconds:.1f} s.",
    },
    "hs_was_down": {
        "zh-CN": "本地 Matrix 服务器本来就没有运行。",
        "en": "The local Matrix homeserver was not running.",
    },
    "hs_synapse_missing": {
        "zh-CN": "没有安装 Synapse（{python}）。请安装 homeserver 扩展："
        "pip install -e '.[homeserver]'（make 会自动安装）。",
        "en": "Synapse is not installed for {python}. Install the homeserver extra: "
        "pip install -e '.[homeserver]' (make does this).",
    },
    "hs_port_taken": {
        "zh-CN": "端口 {port} 已被其他程序占用，无法在 {url} 启动。请换一个端口（--port 或 WHISTLE_HS_PORT）。",
        "en": "Port {port} is taken by another program, so nothing can start at {url}. "
        "Choose another port (--port or WHISTLE_HS_PORT).",
    },
    "hs_start_timeout": {
        "zh-CN": "Synapse 在 {seconds} 秒内没有在 {url} 响应，已将其停止。日志末尾：\n{log}",
        "en": "Synapse did not answer at {url} within {seconds} s and was stopped. End of its log:\n{log}",
    },
    "hs_exited": {
        "zh-CN": "Synapse 启动后立即退出了。日志末尾：\n{log}",
        "en": "Synapse exited while starting. End of its log:\n{log}",
    },
    "hs_bad_database": {"zh-CN": "数据库地址应为 postgresql://用户:密码@主机:端口/库名（收到 …{uri}）",
                        "en": "the database must be a postgresql://user:password@host:port/dbname URI (got …{uri})"},
    "hs_generate_failed": {
        "zh-CN": "Synapse 无法生成配置文件：\n{detail}",
        "en": "Synapse could not generate its config:\n{detail}",
    },
    "hs_not_generated": {
        "zh-CN": "目录 {root} 里还没有服务器配置，请先运行 whistle homeserver up。",
        "en": "There is no homeserver config in {root} yet; run whistle homeserver up first.",
    },
    "hs_no_secret": {
        "zh-CN": "配置文件 {file} 中没有 registration_shared_secret。",
        "en": "The config {file} has no registration_shared_secret.",
    },
    "hs_server_name_mismatch": {
        "zh-CN": "目录 {root} 里的服务器名是 {found}，不是 {wanted}；服务器名创建后不能更改，请换一个目录。",
        "en": "The homeserver in {root} is named {found}, not {wanted}; a server name cannot change, "
        "use another folder.",
    },
    "hs_register_failed": {
        "zh-CN": "无法创建用户 {user}（HTTP {status}）：{detail}",
        "en": "Could not create the user {user} (HTTP {status}): {detail}",
    },
    "hs_user_exists": {
        "zh-CN": "用户 {user} 已存在，但密码不同。",
        "en": "The user {user} already exists with another password.",
    },
    "hs_unreachable": {
        "zh-CN": "无法连接 Matrix 服务器 {url}：{detail}",
        "en": "Cannot reach the Matrix homeserver at {url}: {detail}",
    },
    # --- research: simulate and export ---
    "research_missing": {
        "zh-CN": "未安装研究工具包，请先运行：pip install -e '.[research]'（{detail}）",
        "en": "The research kit is not installed: pip install -e '.[research]' ({detail})",
    },
    "sim_exists": {
        "zh-CN": "文件 {file} 已存在；模拟会新建工单库，请换一个文件名或加 --overwrite。",
        "en": "{file} exists; a simulation writes a new store: choose another name or add --overwrite.",
    },
    "sim_progress": {
        "zh-CN": "已模拟 {made:,} / {total:,} 条反映，{events:,} 条事件，{rate:,.0f} 条/秒，预计还需 {eta:.0f} 秒",
        "en": "simulated {made:,} / {total:,} reports, {events:,} events, {rate:,.0f} reports/s, about {eta:.0f} s "
        "to go",
    },
    "sim_done": {
        "zh-CN": "已生成 {file}：{reports:,} 条反映，{tickets:,} 件工单（其余为附议），{events:,} 条事件，"
        "模拟时段 {first} 至 {last}，用时 {seconds:.1f} 秒（{rate:,.0f} 条/秒）",
        "en": "Wrote {file}: {reports:,} reports, {tickets:,} tickets (the rest support open ones), {events:,} "
        "events from {first} to {last}, in {seconds:.1f} s ({rate:,.0f} reports/s)",
    },
    "export_parquet_done": {
        "zh-CN": "已导出到 {folder}：社区 {community}，{events} 条事件，{tickets} 张工单，{months} 个月"
                 "（已化名，不含文字）。",
        "en": "Exported to {folder}: community {community}, {events} events, {tickets} tickets, {months} months "
              "(pseudonymised, no text).",
    },
    "export_done": {
        "zh-CN": "已导出 {file}：{nodes:,} 个节点，{edges:,} 条边（{graph}，{format}）",
        "en": "Exported {file}: {nodes:,} nodes, {edges:,} edges ({graph}, {format})",
    },
    "export_no_key": {
        "zh-CN": "导出居民数据需要假名密钥：请设置环境变量 {env}（一段保密的字符串，每次导出都用同一个）。",
        "en": "Exporting residents needs a pseudonym key: set {env} (a secret string, the same for every export).",
    },
    "export_refused": {"zh-CN": "拒绝导出：{detail}", "en": "Export refused: {detail}"},
}


def listed(items: Iterable[str], lang: str | None = None) -> str:
    """Return ``items`` as a list in running text of ``lang``: 、 between them in Chinese, a comma in English.

    >>> listed(["派出所", "街道"]), listed(["Police Station", "Street Office"], "en")
    ('派出所、街道', 'Police Station, Street Office')
    """
    return (", " if lang == "en" else "、").join(items)


# the sectors' names in English (a city hotline's taxonomy), for English pages and APIs
SECTORS_EN = {
    "城乡建设": "Urban and rural construction", "环境保护": "Environmental protection", "交通运输": "Transport",
    "教育文体": "Education, culture and sport", "劳动和社会保障": "Labour and social security",
    "商贸旅游": "Commerce and tourism", "卫生计生": "Health and family planning",
    "党务政务": "Party and government affairs", "国土资源": "Land and resources", "纪检监察": "Discipline inspection",
    "经济管理": "Economic management", "科技与信息产业": "Science, technology and IT", "民政": "Civil affairs",
    "农村农业": "Agriculture and rural affairs", "政法": "Public security and law",
}


def sector_name(sector: str, lang: str | None = None) -> str:
    """Return ``sector`` in ``lang`` (the Chinese name, which is also its id, unless English is asked for).

    >>> sector_name("政法", "en"), sector_name("政法")
    ('Public security and law', '政法')
    """
    return SECTORS_EN.get(sector, sector) if (lang or "").startswith("en") else sector


def text(key: str, lang: str | None = None, /, **params: Any) -> str:
    """Return the message ``key`` in ``lang`` (zh-CN by default), filled with ``params``.

    >>> text("field_missing", "en", field="lead")
    "the required field 'lead' is missing"
    """
    entry = MESSAGES[key]
    template = entry.get(lang or DEFAULT_LANG) or entry[DEFAULT_LANG]
    return template.format(**params)
