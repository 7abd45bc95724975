"""Routing that understands residents: one test per failure type seen in the rooms, in our own words.

The default rulebook and the real engine; ``rules/data/chat_messages.csv`` holds the chat-style messages
the developers wrote for this (with the handler each should reach).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from rules import Router, load_rulebook, parse_rulebook
from rules.evaluation import evaluate, read_cases
from rules.normalize import normalize
from rules.starter import STARTER, starter_models
from tests.conftest import MINI

DEV = Path(__file__).resolve().parents[2] / "shared" / "data" / "complaints" / "tipdm-dev.csv"


@pytest.mark.parametrize("text", ["你好", "谢谢你们，辛苦了", "收到", "好的", "嗯嗯", "晚安", "大家新年快乐", "哈哈哈",
                                  "感谢物业师傅，水管当天就修好了", "谢谢网格员，楼道灯已经换好了"])
def test_social_messages_are_not_reports(router: Router, text: str) -> None:
    assert router.route(text).report is False


@pytest.mark.parametrize("text", ["【通知】本周六上午小区电路检修，届时暂停供电，敬请谅解。",
                                  "温馨提示：近期有冒充燃气公司上门收费的，请大家提高警惕"])
def test_a_forwarded_notice_is_not_a_report(router: Router, text: str) -> None:
    d = router.route(text)
    assert (d.report, d.gate) == (False, "notice")


@pytest.mark.parametrize(("text", "gate"), [
    ("闲置一个儿童安全座椅，八成新，小区内自提", "offer"),
    ("在2号楼电梯口捡到一个钱包，谁丢了来物业认领", "offer"),
    ("明早七点有没有人拼车去高铁站", "offer"),
    ("专业疏通下水道 上门服务 电话139xxxx", "offer"),
    ("转发：社区下周三上午在文化广场举办免费义诊", "notice"),
    ("新闻说最近有冒充快递员的骗子，大家提醒一下家里老人", "notice"),
    ("停电通知收到了，家里都准备好了", "ack"),
    ("楼长通知：下周一起垃圾分类定时定点投放，请大家配合", "notice"),
    ("@5栋王女士 您好，您家漏水的事我们已经安排师傅明天上午过去，麻烦家里留人。物业小李", "notice"),
    ("刚刷到视频，外地有个小区电动车起火烧了好几层，大家充电注意点", "notice"),
    ("刚才说的漏水是我看错了，是楼上空调滴下来的，不好意思", "ack"),
])
def test_offers_forwards_and_news_among_neighbours_are_not_reports(router: Router, text: str, gate: str) -> None:
    d = router.route(text)
    assert (d.report, d.gate) == (False, gate)


@pytest.mark.parametrize(("text", "lead"), [
    ("我放在楼下的电动车被偷了，谁看到了告诉我一声", "public_security"),
    ("卖菜的把摊子摆到消防通道上了", "fire"),
    ("物业电话13800000000一直打不通，楼道灯坏了一个星期", "property"),
    ("在单元门口捡到好几个用过的针头，太危险了", None),
    ("有人在小区门口免费送鸡蛋，让老人扫码交钱，肯定是骗钱的", "police"),  # a scam dressed as a gift
])
def test_a_problem_beside_an_offer_or_a_phone_number_is_still_a_report(router: Router, text: str,
                                                                       lead: str | None) -> None:
    d = router.route(text)
    assert d.report is True and lead in (None, d.lead), d



@pytest.fixture(scope="module")
def shipped(router: Router) -> Router:
    """The rules and the starter model, as the bot routes (the starter loaded once for the module)."""
    return router.with_model(None, starter=starter_models(router.rulebook))

@pytest.mark.parametrize("text", ["万一哪天停电了电梯里关着人怎么办？咱小区有预案吗", "要是晚上着火了我们往哪跑？"])
def test_a_what_if_asked_is_asked_about_never_registered_unasked(router: Router, text: str) -> None:
    assert router.route(text).report is None


@pytest.mark.parametrize(("text", "lead"), [
    ("有线电视一到晚上就马赛克，看个新闻断断续续的", "market"),
    ("有线电视天天花屏，晚上看新闻就卡，换了机顶盒还这样", "market"),
    ("听说我们这片要纳入老旧小区改造了，是真的吗？到底什么时候开始", "housing"),
    ("去面试，人家说女的不要，招聘启事上写着限男性", "women"),
])
def test_news_sale_and_hearsay_words_do_not_hide_a_report_here(router: Router, text: str, lead: str) -> None:
    d = router.route(text)
    assert d.report is not False and d.lead == lead, d


@pytest.mark.parametrize("text", [
    "听说今年冬天冷得很，不晓得暖气够不够热，有点担心",          # a worry about what may come
    "明年小区要搞旧改了，不知道要不要搬出去租房子，有点慌",
    "跟大伙念叨念叨，今儿去老城溜达了一圈，全是外地来旅游的小年轻排队拍照，我说这有啥好拍的，天天住这儿也没觉得"
    "怎么着，不过晚上灯一开确实漂亮，大伙有空也去转转",          # a story told, as long as a letter
])
def test_a_worry_or_a_story_is_asked_about_never_registered_unasked(router: Router, text: str) -> None:
    assert router.route(text).report is None


def test_a_question_about_an_event_is_not_a_report_but_how_to_report_is_answered(router: Router) -> None:
    assert router.route("请问周六的亲子活动几点开始？").gate == "question"
    assert router.route("这里怎么反映问题？").gate == "question_help"
    assert router.route("我上次反映的事处理得怎么样了").gate == "question_progress"


def test_thanks_with_a_new_problem_is_a_report(router: Router) -> None:
    d = router.route("谢谢物业，不过电梯又坏了")
    assert d.report is True and d.lead == "property"


@pytest.mark.parametrize("text", ["😡😡😡", "？？？", "……"])
def test_noise_is_not_a_ticket(router: Router, text: str) -> None:
    assert router.route(text).report is False


@pytest.mark.parametrize(("text", "category", "lead"), [
    ("楼下快递柜旁边着火了", "fire", "fire"),
    ("电梯坏了，里面困着人", "people_trapped", "fire"),
    ("停车场有人打起来了，拿着刀", "violence", "police"),
    ("我家老人早上出门到现在没回来", "missing_person", "police"),
    ("厨房一股很浓的煤气味", "gas_leak", "gas"),
    ("小区围墙塌了一大段", "collapse", "housing"),
    ("有人把车停在消防通道上，消防车进不来", "fire_lane_blocked", "fire"),
])
def test_emergencies_win_over_ordinary_matters(router: Router, text: str, category: str, lead: str) -> None:
    d = router.route(text)
    assert (d.category, d.lead, d.priority, d.ask) == (category, lead, "emergency", False)
    assert d.hotline


@pytest.mark.parametrize("text", ["我老公在外面打工，家里水管漏水了", "她老公天天打麻将，楼道灯坏了也不管",
                                  "我老公打电话给物业一直没人接", "打电话给老婆说家里停水了"])
def test_a_husband_at_work_or_on_the_phone_is_no_violence(router: Router, text: str) -> None:
    """打 in 打工, 打电话, 打麻将 is not a blow: such a report is an ordinary matter, not domestic violence."""
    d = router.route(text)
    assert d.category != "domestic_violence" and d.priority != "emergency"


@pytest.mark.parametrize(("text", "category"), [
    ("老公又打我了，脸都肿了", "domestic_violence"),
    ("我姐被她男人锁屋里打，脸上全是血", "domestic_violence"),
    ("孩子把自己反锁在卫生间里了，门打不开，一直在哭", "people_trapped"),
    ("电梯卡在12楼和13楼中间了，我妈一个人在里面", "people_trapped"),
    ("隔壁店的液化气罐在漏，呼呼地响", "gas_leak"),
    ("电梯卡在9楼和10楼中间，里面有个老太太在喊，按铃没人应", "people_trapped"),  # someone named inside
    ("有人抢了个老太太的包往菜市场跑了，老太太摔地上了", "violence"),
    ("楼下那家店好浓的天然气味道，老板说没得事，我觉得不对劲", "gas_leak"),
    ("隔壁那个男的把他女朋友按在地上打，门还反锁了", "domestic_violence"),
    ("燃气表那里一直滋滋响，一股怪味", "gas_leak"),
    ("小孙女在楼下玩，一转眼就不见啦，到处都问过了", "missing_person"),
    ("我舅舅跟家里拌了几句嘴就出门了，到现在六个钟头电话打不通", "missing_person"),
    ("公园的湖冰面都化了，有几个娃娃还在上面滑着玩", "child_safety"),
    ("我和邻居被关在5号楼的电梯里了，按铃没人理", "people_trapped"),
    ("垃圾房后面发现了一具尸体，大家别过去", "death_found"),
    ("楼下死了个人，警察还没来", "death_found"),
    ("隔壁老太太好像死在屋里了，好几天没见，门口一股味", "death_found"),
])
def test_emergencies_in_everyday_words(router: Router, text: str, category: str) -> None:
    d = router.route(text)
    assert (d.category, d.priority, d.ask) == (category, "emergency", False)


@pytest.mark.parametrize("text", ["我昨晚梦见咱楼着火了，吓醒了", "这火锅太辣了，嘴都着火了",
                                  "外地又发大水了，希望都平安", "今天的晚霞红得跟火烧一样", "这破电脑卡得要爆炸了",
                                  "热得我都要着火了", "这月账单一出来，我心脏病都要犯了", "她做的饭难吃到要叫救护车",
                                  "这辣子鸡辣得我嘴都要着火了", "火锅吃得我嘴里冒火", "火烧云好好看啊，大家快看西边",
                                  "我妈气得头顶冒烟了哈哈", "我打了一晚上麻将，手都冒烟了",
                                  "这房价涨得吓死人，跟坐火箭一样", "刚下班，谁还没睡，出来唠会嗑",
                                  "今天雾好大，对面楼都看不见了，开车慢点", "退休金涨了五十块，够买斤排骨了😄",
                                  "这天热死人了", "月底加班要累死人了", "这次期末要考死人了"])
def test_a_dream_a_figure_of_speech_or_a_wish_from_afar_is_not_an_emergency_here(router: Router, text: str) -> None:
    d = router.route(text)
    assert d.report is not True and not (d.report is None and d.priority == "emergency")


@pytest.mark.parametrize(("text", "category"), [("两个人在楼下打架，有一个被打得头破了，流了好多血", "violence"),
                                              ("工地的围墙倒了，砸到一个工人，流了一地血", "collapse")])
def test_an_injury_beside_its_cause_goes_to_whoever_deals_with_the_cause(router: Router, text: str,
                                                                         category: str) -> None:
    d = router.route(text)
    assert (d.category, d.priority) == (category, "emergency"), d
    # the rulebook says so (follows: true on the injury's category); without it the injury's words decide
    book = router.rulebook
    cats = tuple(c.model_copy(update={"follows": False}) for c in book.categories)
    plain = Router(book.model_copy(update={"categories": cats})).route(text)
    assert (plain.category, plain.priority) == ("medical_emergency", "emergency"), plain


def test_no_alarm_is_read_from_inside_one_word_into_the_next(router: Router) -> None:
    # 周末也打 孩子还要上网课: the drill is heard at weekends too, the child has online classes; 打孩子 is not said
    d = router.route("楼上装修 早上七点就开电钻 周末也打 孩子还要上网课")
    assert d.priority != "emergency" and d.category != "domestic_violence", d
    beaten = router.route("楼上又在打孩子 哭得好惨")  # a child beaten, no adult named: the children's (two writers)
    assert (beaten.category, beaten.priority) == ("child_safety", "emergency")


def test_a_cry_for_help_said_with_tears_or_laughter_and_nothing_else_is_asked_about(router: Router) -> None:
    d = router.route("我妈又要给我介绍对象 救命啊😭")
    assert d.report is None and d.priority == "emergency" and d.hotline  # asked at once, the hotline named
    assert router.route("救命 我被困在电梯里了😭").report is True  # something named: registered at once
    # a child learning to swim is no child in the water
    assert router.route("谁家小孩想学游泳的 一起报个班").priority != "emergency"
    assert router.route("河边有个小孩在游泳 旁边没大人").priority == "emergency"


# no lift named; a machine, not a person; a car, not a person
@pytest.mark.parametrize("text", ["地下室堆了一堆纸壳子和旧家具 还有人在里面抽烟 太危险了",
                                  "电压不稳 灯一闪一闪 空调都起不来",
                                  "小区车乱停 我车被堵在里面出不去 挪车电话也不接",
                                  "楼下的车把坡道堵了 我推轮椅出不去",
                                  "楼上卫生间渗水 我家墙皮都泡掉了"])
def test_words_that_only_say_how_bad_a_matter_is_raise_no_emergency_alone(router: Router, text: str) -> None:
    assert router.route(text).priority != "emergency"


def test_someone_inside_a_stuck_lift_is_an_emergency_even_unnamed(router: Router) -> None:
    d = router.route("又卡住了 人在里面 按铃没人理")
    assert (d.category, d.priority) == ("people_trapped", "emergency"), d


def test_a_price_named_after_an_alarm_raises_nothing(router: Router) -> None:
    d = router.route("双十一跳楼价，又剁手了")  # 又 still makes it a report for the rules alone: the report head asks
    assert d.priority != "emergency" and "跳楼" not in "".join(d.matched)


@pytest.mark.parametrize(("text", "category"), [
    ("热得要命，楼下电动车着火了，烟往上冒", "fire"),
    ("跟你们说，3栋厨房冒烟了，跟着了火一样，快来人", "fire"),
])
def test_a_figure_of_speech_does_not_hide_a_real_emergency_beside_it(router: Router, text: str, category: str) -> None:
    d = router.route(text)
    assert (d.report, d.category, d.priority) == (True, category, "emergency")


def test_someone_else_s_all_clear_does_not_call_off_an_emergency(router: Router) -> None:
    doubted = router.route("楼道里好大一股煤气味，房东说没事，我觉得不对劲")  # the resident doubts it: a report
    assert (doubted.report, doubted.priority) == (True, "emergency")
    heard = router.route("厨房有股煤气味，物业来看了说没得事")  # only heard: asked about, never dropped
    assert (heard.report, heard.priority) == (None, "emergency")
    own = router.route("刚才冒烟那个是在熏腊肉，冇得事")  # the speaker's own all-clear
    assert own.report is False


@pytest.mark.parametrize("text", ["我家孙子考上大学了，谢谢群里姐妹们一直关心", "我心脏不好，今天不去跳舞了",
                                  "我家猫偷吃了半包猫条，笑死我了"])
def test_how_often_or_a_word_inside_another_names_no_problem(router: Router, text: str) -> None:
    assert router.route(text).report is not True


def test_an_emergency_told_in_passing_in_a_long_letter_is_not_one(router: Router) -> None:
    letter = ("关于小区物业管理混乱的投诉：物业公司多年不公开维修基金的使用情况，小区道路破损、绿化无人修剪，"
              "业主多次反映无果。去年两位业主因为停车问题打架，物业也不出面协调，希望主管部门督促整改。")
    d = router.route(letter)
    assert d.priority != "emergency" and d.lead == "property"


def test_per_category_urgent_words_raise_it(router: Router) -> None:
    d = router.route("楼上漏水，水已经漫到电箱了")
    assert (d.category, d.priority) == ("water_leak", "emergency")


@pytest.mark.parametrize(("text", "category"), [
    ("菜市场门口那个井盖松了，踩上去咣当响", "road_damage"),
    ("超市旁边的公厕脏得没法进", "public_toilet"),
])
def test_a_place_named_by_another_matter_s_word_tells_where_not_what(router: Router, text: str,
                                                                    category: str) -> None:
    assert router.route(text).category == category


@pytest.mark.parametrize(("text", "report"), [
    ("好的，麻烦您了", False),                              # thanks for the trouble taken
    ("热死了，这天还让不让人活", False),                     # a figure of speech
    ("物业来看过了，说线路没问题，放心了", False),            # reassured
    ("体检是在社区医院做还是去区医院做", None),              # a choice asked: 还是 is "or", asked about
    ("温馨提示：冬天用炭火取暖请注意通风，谨防煤气中毒", False),  # a notice's advice names an emergency
    ("办个证太麻烦了，跑了三趟还没办下来", True),              # 太麻烦 complains
    ("温馨提示：5栋着火了，大家快下楼", True),                # an emergency announced is one
])
def test_polite_words_choices_and_advice_are_told_apart_from_reports(router: Router, text: str,
                                                                      report: bool | None) -> None:
    assert router.route(text).report is report


def test_one_generic_word_does_not_decide_alone(router: Router) -> None:
    d = router.route("学校门口接孩子的车太多，堵得走不动")  # 学校 is generic: the traffic words decide
    assert d.lead == "transport"
    d = router.route("小区的电梯能不能管一管")  # nothing but a generic word: ask, do not guess
    assert d.report is True and d.ask and {"lift_fault", "special_equipment"} <= {a.category for a in d.options}


def test_ties_are_asked_about_never_broken_by_file_order() -> None:
    shared = MINI.replace("keywords: [被偷, 盗窃, 电动车被偷]", "keywords: [被偷, 盗窃, 电动车被偷, 电梯]")
    d = Router(parse_rulebook(shared)).route("电梯")  # lift and theft both name it: equal in every way
    assert d.ask and {a.category for a in d.options} == {"lift", "theft"}
    head, rest = shared.split("  - id: lift\n", 1)
    lift, theft = rest.split("  - id: theft\n", 1)
    theft, tail = theft.split("whistles:", 1)
    swapped = f"{head}  - id: theft\n{theft}  - id: lift\n{lift}whistles:{tail}"  # theft now comes first
    assert Router(parse_rulebook(swapped)).route("电梯").category == d.category  # the file's order plays no part


@pytest.mark.parametrize("text", ["隔壁阿婆好几日没见他落楼，有冇人去看下", "小区门口那个修车的，说要她交了钱才给修",
                                  "他下来看了一眼又上去了，管都不管"])
def test_a_pronoun_typed_is_meant_not_a_slip_for_a_homophone(router: Router, text: str) -> None:
    # 要她 is not 要塌 and 他下来 not 塌下来: no collapse is guessed from a pronoun
    d = router.route(text)
    assert d.category != "collapse" and d.priority != "emergency", d


@pytest.mark.parametrize(("text", "lead"), [
    ("樓道裡聞著一股煤氣味", "gas"),     # traditional characters, 著 for 着
    ("电悌又坏了", "property"),          # a homophone slip of the input method
    ("楼上露水了", "property"),           # 露 read lou
    ("dianti huai le", "property"),      # pinyin without tones
    ("tingshui le", "water"),
    ("电 梯 坏 了", "property"),          # spaces
    ("对面楼有个细路仔爬出窗台外面，屋企冇大人", "children"),  # Cantonese words
    ("隧道水浸到半人高", "urban_mgmt"),
    ("楼上那个男的喝醉了又在打他老婆，一直在哭", "women"),  # 他 for 她: one pronoun for another
    ("天然气 泄露 好大味道", "gas"),     # whole words on both sides of a space still make the alarm
])
def test_normalisation_gaps(router: Router, text: str, lead: str) -> None:
    d = router.route(text)
    assert d.lead == lead and d.report is not False, d


@pytest.mark.parametrize(("text", "lead"), [
    ("楼上每天半夜咚咚咚的，还跺脚", "environment"),   # heard, not named
    ("一进单元门就有股尿骚味", "property"),        # smelt, not named
    ("楼下那家的狗从早叫到晚", "public_security"),
    ("家里水龙头拧开半天才出一点点水", "water"),     # everyday words for low pressure
    ("工资拖了俩月了还没发", "hrss"),               # short forms
])
def test_colloquial_wording(router: Router, text: str, lead: str) -> None:
    assert router.route(text).lead == lead


@pytest.mark.parametrize(("text", "lead"), [
    ("今年集体分红咋还没发，往年腊月就发了", "economy"),                 # the collective's money: 经济管理委员会
    ("村里那片果园承包到期了，村委又私下包给外村人，这账要公开", "economy"),
    ("退休党员组织关系转到社区来，跑了三回还没办下来", "committee"),     # party members: the committee itself
    ("我们楼的楼长搬走半年了，社区能不能重新定个楼长", "committee"),
    ("居委会换届，选民名单上没有我家的名字", "street_office"),          # the committee's own election: not its own
    ("小区里有人办丧事，灵堂搭到楼下，夜里还放哀乐", "civil_affairs"),  # funerals, marriage registration
    ("结婚登记现在还要预约吗，网上约了一个礼拜都约不上", "civil_affairs"),
    ("我的电动车在外头马路边遭偷了", "public_security"),                # 遭: south-western for 被
])
def test_the_committee_s_own_matters_reach_it(router: Router, text: str, lead: str) -> None:
    d = router.route(text)
    assert d.lead == lead and d.report is not False, d


def test_policy_choices_are_visible_and_change_the_lead() -> None:
    from rules.rulebook import DEFAULT_RULEBOOK

    text = DEFAULT_RULEBOOK.read_text(encoding="utf-8")
    book = load_rulebook()
    assert book.chosen["lift_fault"] == "lifts" and book.category_by_id["lift_fault"].lead == "property"
    changed = parse_rulebook(text.replace("      market: {lift_fault: market}\n    chosen: property",
                                          "      market: {lift_fault: market}\n    chosen: market"))
    assert changed.category_by_id["lift_fault"].lead == "market"
    assert Router(changed).route("3号楼电梯又坏了").lead == "market"


def test_every_decision_names_its_evidence(router: Router) -> None:
    d = router.route("3号楼电梯又坏了")
    data = d.to_dict()
    assert data["report"] is True and data["source"]["kind"] == "rule" and data["rule"] == "category.lift_fault"
    assert data["matched"] and "alternatives" in data and data["priority"] == "urgent"


def test_the_chat_messages_we_wrote(router: Router) -> None:
    # the rules alone: the chit-chat of the blind sets merged last (the ninth to the fifteenth) is left to the report
    # head; every emergency is the words' own
    ev = evaluate(router, read_cases(STARTER), kind="handler", misses=20)
    assert ev.ticketed <= 0.05 * ev.non_reports, ev.misses
    assert ev.emergencies_met == ev.emergencies, ev.misses
    assert ev.dropped <= 1 and ev.accuracy >= 0.88, ev.misses
    # the default, rules and the starter with its heads: none ticketed, none dropped
    default = evaluate(router.with_model(None, starter=starter_models(router.rulebook)), read_cases(STARTER),
                       kind="handler", misses=20)
    assert default.ticketed == 0 and default.dropped == 0, default.misses
    assert default.emergencies_met == default.emergencies and default.accuracy >= 0.95, default.misses


@pytest.mark.skipif(not DEV.exists(), reason="the evaluation file lives in ../shared beside the checkout")
def test_the_gate_drops_no_real_report_of_the_city_letters(router: Router) -> None:
    ev = evaluate(router, read_cases(DEV))
    assert ev.dropped == 0 and ev.unsure == 0


@pytest.mark.parametrize(("text", "category"), [
    ("我家娃刚才还在滑梯那玩，一回头不见了，谁看到了", "missing_person"),  # 谁看到了 asks: no acknowledgement
    ("楼下一个大爷摔倒了，满脸血，叫他迷迷糊糊的", "medical_emergency"),
    ("我被锁在楼顶天台上了，门从外面锁的，快来人", "people_trapped"),
    ("细伢子一个人蹲在塘边，大人不晓得去哪了", "child_safety"),
    ("塘边几个细儿在游泳，没有大人看着", "child_safety"),
    ("我们一家吃了野菌子，都在吐，孩子说看到小人", "medical_emergency"),
    ("邻居家小孩被开水烫了一大片，哭个不停", "medical_emergency"),
    ("停车场有辆车里锁了个小孩，车主不知道去哪了", "child_safety"),
    ("隔壁男人喝醉了又在打婆姨，打得直叫", "domestic_violence"),
    ("我爸八十了，早上出门去公园转，到这会儿还联系不上", "missing_person"),
    ("施工队把燃气管挖断了，呼呼地冒气", "gas_leak"),
    ("他又喝多了要打我，我带着孩子躲在卫生间", "domestic_violence"),
    ("阮囝不见了，五岁，一转身就没了", "missing_person"),                # Minnan: my child
    ("轰的一声，隔壁好像炸了，玻璃都震碎了，冒烟了", "fire"),
    ("娃找不着了，刚才还在小区门口玩", "missing_person"),
    ("阿婆早上出门到而家都未返，佢有啲糊涂", "missing_person"),         # Cantonese: not back yet
    ("有个人一直往河里走，喊他也不回头", "suicide_risk"),
    ("我阿爷唔见咗，佢有老人痴呆", "missing_person"),                   # Cantonese: grandpa is gone
    ("小区门口两个男的扭成一团，劝都劝不开", "violence"),
    ("隔壁工地的脚手架塌了，压到下面的工棚", "collapse"),
    ("个细路只脚卡咗喺铁栏度，出唔嚟", "people_trapped"),               # Cantonese: a foot stuck in railings
    ("燃汽味好重，不晓得哪家漏了", "gas_leak"),                          # 汽 typed for 气
    ("楼顶边上坐着个小伙子，两条腿在外面晃，看着不对劲", "suicide_risk"),
    ("工地围墙哗啦一下倒了，压在人行道上", "collapse"),
    ("几个钓鱼的让水围在河中间的小岛上了，下不来", "people_trapped"),
    ("公园长椅上躺着个人，怎么拍都不醒", "medical_emergency"),
    ("我家老爷子一早出门就么得家来，电话也不接", "missing_person"),     # Jianghuai: has not come home
    ("有个陌生人在学校门口哄小孩跟他走", "child_safety"),
    ("桥洞下面的水有一人深了，还有车往里开", "flooding"),
    ("楼下那年轻人突然倒地抽搐，快叫救护车", "medical_emergency"),      # 那年轻人: no year long ago
    ("我们单元车库着伙了，烟往上窜", "fire"),                             # 伙 typed for 火
    ("有个老人掉进井里了", "people_trapped"),                              # a tester's: it was a road matter
    ("下大雨，路边一根电线掉到水坑里了，一只猫踩过去就倒了不动了", "electric_hazard"),
    ("我爸在楼道摔了一跤，后脑勺着地，喊他不应", "medical_emergency"),
    ("工地的架子歪倒了，下面好像有人", "collapse"),
    ("敬老院一个老爷子散步跟丢了，找了一圈没找到", "missing_person"),
    ("我在电梯里，停了不动，灯也灭了", "people_trapped"),                   # said by the one inside
    ("两个人为停车吵起来，一个把另一个摁在地上打", "violence"),
])
def test_more_emergencies_in_everyday_words(router: Router, text: str, category: str) -> None:
    d = router.route(text)
    assert (d.category, d.priority, d.report) == (category, "emergency", True)


@pytest.mark.parametrize(("text", "lead"), [
    ("饭店天天把剩菜剩饭倒在下水道口，下水道都堵了", "urban_mgmt"),  # poured out: nobody collapsed
    ("楼上往下丢了个花盆，砸我车顶上，好在没砸着人", "public_security"),  # thrown from above: no fight
    ("一个酒瓶子从楼上砸下来，差点砸我车上", "public_security"),      # nor a collapse
    ("村口天天有人烧电线剥铜，黑烟滚滚", "ecology"),                  # burnt on purpose: pollution
    ("卫生站下午三点就关门，想量个血压都找不着人", "public_health"),   # nobody on duty: no one missing
    ("养猪场的粪水直接往河里冲，河都黑了", "ecology"),                 # into the river: no one walking in
    ("我爸被卖保健品的骗了两万多", "police"),                          # a scam, not an advert
    ("那棵大树歪了，树枝都压到人家屋顶上了", "urban_mgmt"),            # someone's roof: no one crushed
    ("河边那个厂每天晚上偷偷冒烟", "ecology"),                   # a habit of a polluter: no fire
    ("地下车库出口老有车乱停，早上我出不去", "property"),         # a car blocked in: no one trapped
    ("幼儿园老师打孩子，孩子回来都不敢去了", "education"),         # a teacher: no domestic violence
    ("宿舍里有人用热得快烧水，插座都烧黑了", "fire"),             # a fire hazard, not a fire
    ("楼层太高了，晚上洗澡水都出不来", "water"),                 # a thing that cannot get out: no one trapped
    ("卫生间漏水渗到隔壁墙里，墙皮都掉了", "property"),           # damp plaster indoors: no collapse
    ("小区门口那个路灯日塌了，晚上黑咕隆咚", "urban_mgmt"),       # 日塌 (Shaanxi): broken, no collapse
    ("地下室有人住，还在里面生煤炉子", "fire"),                   # a hazard, not yet a fire
    ("电梯又坏了，人倒是没关在里面，就是老人上不去", "property"),  # no one inside, said so
    ("楼上说我家漏水淹了他家地板，要我赔钱", "property"),          # a leak's damage, no flood
    ("孩子两晚没回来，后来在网吧找到的", "children"),              # found: no one missing now
    ("领导老讲荤段子，还对女同事动手动脚", "women"),                # harassment, no joke told
])
def test_a_habit_a_blocked_car_or_a_teacher_is_no_emergency(router: Router, text: str, lead: str) -> None:
    d = router.route(text)
    assert (d.lead, d.report) == (lead, True) and d.priority != "emergency"


@pytest.mark.parametrize("text", ["说句公道话，烩面还是老店的好吃", "以前厂里的食堂一块钱能吃饱",
                                  "医保缴费截止到几号", "周四9点到17点计划停水，请相互转告",
                                  "麻烦大家填一下这个问卷，关于小区停车的意见", "周六上午9点到11点计划停水，请知悉",
                                  "我先设个免打扰，有事艾特我", "新来的网格员人蛮好的，讲话好耐心"])
def test_praise_a_memory_or_a_date_asked_is_never_ticketed_unasked(router: Router, text: str) -> None:
    assert router.route(text).report is not True


def test_a_message_both_heads_hear_as_an_emergency_is_never_dropped_for_a_small_talk_word(router: Router) -> None:
    """The words took it for an acknowledgement; the report head is sure it is a report and the emergency head
    hears an emergency: registered as one. Either head unsure: the words stand."""
    from rules.engine import on_owner
    from rules.gate import ACK, Judgement
    from rules.router import Heard

    found = router.classifier.classify("看到了 那边好像有人")
    said = Judgement(False, ACK, ("看到了",))
    d = on_owner(router._route, found, said, None, Heard(alarm=0.8, likely=0.95, doubts=True))
    assert (d.report, d.priority) == (True, "emergency")
    for heard in (Heard(alarm=0.2, likely=0.95, doubts=True), Heard(alarm=0.8, likely=0.6, doubts=True),
                  Heard(alarm=0.8, likely=0.95, doubts=False)):
        assert on_owner(router._route, found, said, None, heard).report is False


def test_an_emergency_of_long_ago_is_asked_about_with_the_hotline_never_registered_unasked(router: Router) -> None:
    for story in ("我奶奶说以前这里发过大水，一直淹到二楼", "那年发大水，水淹到二楼，现在想起来还怕",
                  "二十年前那场大火烧了半条街，现在想起来还后怕", "十年前那场大水淹到膝盖头，现在想起来都还怕"):
        d = router.route(story)
        assert d.report is None and d.priority == "emergency" and d.hotline == "119", story
    for now in ("当年修的围墙今天塌了，压到人了", "那年装的燃气管，刚才闻到好大的煤气味"):
        d = router.route(now)
        assert (d.report, d.priority) == (True, "emergency"), now
    assert router.route("这里发大水了，一直淹到二楼").report is True


def test_a_year_long_past_sets_an_alarm_s_words_aside_but_a_year_describing_a_thing_does_not(router: Router) -> None:
    for story in ("九一年发洪水的时候村里淹了一半，我家猪都冲走了", "七几年那回矿上着火，烧了三天三夜"):
        d = router.route(story)
        assert d.report is None and d.priority == "emergency", story
    d = router.route("98年建的老楼，外墙塌了一大块，砸到车了")
    assert (d.report, d.priority) == (True, "emergency")


def test_asking_after_someone_already_reported_missing_is_no_new_report(router: Router) -> None:
    d = router.route("早上说走失的那个小孩找到没有")
    assert d.report is None and d.priority == "emergency"
    assert router.route("我家孩子放学没回家，到处都找不到").report is True


@pytest.mark.parametrize(("text", "category"), [
    ("夜市那边一帮醉汉干起来了，凳子乱飞，有个人头上全是血", "violence"),
    ("他被七八个人围着打，都趴地上不动了", "violence"),
    ("邻居家小孩掉进枯井里了，上不来，哭着喊人", "people_trapped"),
    ("一家四口都晕了，屋里还生着炉子", "medical_emergency"),
])
def test_a_fight_a_fall_into_a_well_and_a_family_overcome_are_emergencies_of_their_own(
        router: Router, text: str, category: str) -> None:
    d = router.route(text)
    assert (d.category, d.priority) == (category, "emergency"), text


@pytest.mark.parametrize(("text", "lead"), [
    ("说是招聘保安，先交了五百服装费，交了也没让上岗", "hrss"),
    ("有人冒充供电所的上门说要换电表，收了好几家的钱", "police"),
    ("村口小河边的垃圾堆了好几个月没人清，臭得很", "housing"),
    ("我丈夫不准我出去工作，家里的钱全让他管着", "women"),
    ("那家面馆后厨脏得不行，碗都是在地上洗的", "market"),
    ("二孩补贴申请了大半年还没发下来", "health"),
])
def test_a_scam_a_village_s_rubbish_a_husband_s_control_and_a_kitchen_reach_their_handler(
        router: Router, text: str, lead: str) -> None:
    d = router.route(text)
    assert (d.report, d.lead) == (True, lead), text


@pytest.mark.parametrize("text", ["宝妈兼职 在家就能做 日赚三百 加微信了解",
                                  "停水那个事自来水公司说是管道抢修，晚上就来，不用打电话了"])
def test_an_advert_and_news_passed_on_are_no_tickets(router: Router, text: str) -> None:
    assert router.route(text).report is not True, text


def test_smoke_from_one_s_head_while_waiting_is_a_figure_not_a_fire(router: Router) -> None:
    d = router.route("排队挂号等得我脑门冒烟了")
    assert d.priority != "emergency" and d.lead == "health"


@pytest.mark.parametrize(("text", "lead", "emergency"), [
    ("院里的草垛着了，风还大", "fire", True),
    ("晚上总有股味儿，像烧塑料的，都半个月了，不知道哪个厂子排的", "ecology", False),
    ("小区门口道上全是冰溜子，没人撒盐，老人摔了好几个", "urban_mgmt", False),
    ("有人夜里在河里偷挖河沙，河岸都挖塌了一块", "ecology", False),
])
def test_a_shed_on_fire_is_one_but_a_smell_like_burning_ice_on_the_road_or_a_dredged_bank_is_not(
        router: Router, text: str, lead: str, emergency: bool) -> None:
    d = router.route(text)
    assert (d.lead, d.priority == "emergency") == (lead, emergency), text


def test_nearly_fainting_from_work_is_a_figure(router: Router) -> None:
    assert router.route("搬了一天家，差点累晕过去").priority != "emergency"


@pytest.mark.parametrize(("text", "report"), [
    ("这个月水费咋交，支付宝能交不", False),
    ("社区招聘网格员，考完了名单也不公示，直接就定了", True),
    ("楼下健身房办了两千的卡，才去三回就关门转让了", True),
])
def test_how_to_pay_is_asked_but_a_hiring_or_a_shop_that_took_the_money_is_reported(
        router: Router, text: str, report: bool) -> None:
    assert (router.route(text).report is True) == report, text


@pytest.mark.parametrize("text", ["转发：周三上午小区消防演练，会放烟雾，大家别慌",
                                  "消防演习，整层楼都在喊着火了，吓一跳",
                                  "这房贷一个月还到头 唉 算了不说了", "打游戏被队友坑惨了"])
def test_a_forwarded_alarm_a_drill_a_sigh_or_a_game_is_never_ticketed_unasked(router: Router, text: str) -> None:
    assert router.route(text).report is not True, text


def test_a_child_shocked_by_a_cabinet_is_an_electric_emergency(router: Router) -> None:
    d = router.route("孩子摸了下楼道里的电箱被电了一下，手都麻了")
    assert (d.category, d.priority) == ("electric_hazard", "emergency")


@pytest.mark.parametrize(("text", "category"), [
    ("河心洲上几个游客被水围住了，水还在涨", "people_trapped"),
    ("孩子一个人在河边玩，水急得很，大人不知道去哪了", "child_safety"),
    ("配电箱门开着，地上都是水，刚才一只猫过去就抽搐倒了", "electric_hazard"),
])
def test_people_cut_off_by_water_a_child_alone_by_a_river_and_a_live_cabinet_are_emergencies(
        router: Router, text: str, category: str) -> None:
    d = router.route(text)
    assert (d.category, d.priority) == (category, "emergency"), text


@pytest.mark.parametrize(("text", "lead"), [
    ("大树歪了，树枝快压到人行道上了", "urban_mgmt"),
    ("车位不够，消防通道倒是空着，物业能不能划划线", "property"),
    ("暴雨把村道冲断了，车过不去", "transport"),
    ("孩子两天没回家，原来一直在网吧，网吧让初中生通宵上网也没人管", "children"),
    ("楼道里的广告说这药能根治高血压", "market"),
])
def test_a_near_word_a_clear_lane_a_washed_road_or_a_known_whereabouts_raises_no_emergency(
        router: Router, text: str, lead: str) -> None:
    d = router.route(text)
    assert (d.lead, d.priority != "emergency") == (lead, True), text


@pytest.mark.parametrize(("text", "category"), [
    ("充电宝放床头充着电，刚才突然冒白烟了", "fire"),
    ("老爷子去地下室拿东西被关里头了，喊半天没人应", "people_trapped"),
])
def test_white_smoke_from_a_charger_and_someone_shut_in_a_basement_are_emergencies(
        router: Router, text: str, category: str) -> None:
    d = router.route(text)
    assert (d.category, d.priority) == (category, "emergency"), text


@pytest.mark.parametrize("text", ["上午那股烟是隔壁熏腊肉，没事，大家放心", "今天打麻将输惨了", "差点把我气出高血压来",
                                  "开业大酬宾，充值送好礼，欢迎大家来",
                                  "提醒一下，最近有冒充社区的人打电话，不要随便转账",
                                  "做饭差点把锅烧了，没事没事", "这群消息太多了，我先屏蔽了"])
def test_an_all_clear_a_game_a_figure_an_advert_a_warning_or_the_group_s_chatter_is_no_ticket(
        router: Router, text: str) -> None:
    assert router.route(text).report is not True, text


def test_smoke_from_a_neighbour_s_curing_meat_is_a_nuisance_not_a_fire(router: Router) -> None:
    d = router.route("楼下邻居天天熏腊肉，烟全飘我家来了")
    assert (d.lead, d.priority, d.report) == ("environment", "normal", True)


@pytest.mark.parametrize(("text", "category"), [
    ("地里干活被蛇咬了，腿肿得老粗", "medical_emergency"),
    ("山洪下来了，好几户人家困在屋顶上", "people_trapped"),
    ("两家为了宅基地抄起镰刀就上了", "violence"),
    ("楼上的阳台整块掉下来了，砸坏了楼下的车", "collapse"),
    ("仓库后面的柴火垛着起来了，火老大了", "fire"),
])
def test_a_snake_bite_a_flood_a_field_fight_a_balcony_and_a_blaze_are_emergencies(
        router: Router, text: str, category: str) -> None:
    d = router.route(text)
    assert (d.category, d.priority) == (category, "emergency"), text


@pytest.mark.parametrize(("text", "lead"), [
    ("儿子在外地打工好几年没回来了，老太太一个人住，眼睛也不好，谁能照看一下", "welfare"),
    ("有人自称物业的上门收什么管道检测费，一户八十", "police"),
    ("我们想领证，民政局网上预约一直约不上", "civil_affairs"),
])
def test_a_son_away_for_years_a_fake_collector_and_a_wedding_booking_reach_their_handler(
        router: Router, text: str, lead: str) -> None:
    d = router.route(text)
    assert (d.lead, d.priority != "emergency") == (lead, True), text


@pytest.mark.parametrize("text", ["世界杯决赛打起来了，加时了", "辅导作业要被我家娃气晕过去了"])
def test_a_match_on_screen_or_a_parent_s_despair_is_no_ticket(router: Router, text: str) -> None:
    assert router.route(text).report is not True, text


def test_a_new_flat_that_crumbles_is_never_dropped_and_a_child_not_home_is_an_emergency(router: Router) -> None:
    d = router.route("新交的房子墙一蹭就掉渣，这质量能住人？")
    assert d.report is not False and d.lead == "housing"
    d = router.route("我家娃放学到现在都没到屋，电话也打不通")
    assert (d.category, d.priority) == ("missing_person", "emergency")


@pytest.mark.parametrize("text", ["刚才说楼道漏水那个，搞清楚了，是我家水管松了",
                                  "明天我家办喜事，早上放炮，提前打个招呼，见谅",
                                  "外面的雨下得跟天漏了一样", "想去看摔跤比赛，几点开始"])
def test_a_message_taken_back_a_courtesy_a_figure_of_rain_or_a_sport_is_no_ticket(router: Router, text: str) -> None:
    assert router.route(text).report is not True, text


@pytest.mark.parametrize(("text", "category"), [
    ("配电箱那边冒火花，我碰了一下被打了，手到现在还发麻", "electric_hazard"),
    ("江面上有几个孩子在滑冰，冰都裂了", "child_safety"),
    ("河心的浮冰上困着一个人，冰还在往下漂", "people_trapped"),
])
def test_a_shock_said_as_a_blow_children_on_river_ice_and_someone_on_a_floe_are_emergencies(
        router: Router, text: str, category: str) -> None:
    d = router.route(text)
    assert (d.category, d.priority) == (category, "emergency"), text


@pytest.mark.parametrize(("text", "lead"), [
    ("停水一晚上了，水龙头一拧光冒气", "water"),
    ("那条道上冰溜子没人刨，贼滑", "urban_mgmt"),
    ("顶楼漏雨，墙皮一块一块往下掉", "property"),
    ("饭馆后门堆了一排煤气罐，边上全是纸箱子", "fire"),
    ("农家乐往河沟里倒泔水，下游都臭了", "ecology"),
])
def test_air_from_a_dry_tap_ice_on_a_path_and_plaster_soaked_off_raise_no_emergency(
        router: Router, text: str, lead: str) -> None:
    d = router.route(text)
    assert (d.lead, d.priority != "emergency") == (lead, True), text


def test_likes_demanded_by_a_teacher_are_a_complaint_and_a_body_on_fire_from_heat_a_figure(router: Router) -> None:
    d = router.route("老师让家长在群里转发点赞，不转的点名批评")
    assert d.report is not False and d.lead == "education"
    assert router.route("今天四十度，人都要着火了").priority != "emergency"


@pytest.mark.parametrize(("text", "category", "emergency"), [
    ("I smell gas in the stairwell of building 2", "gas_leak", True),
    ("There is a fire in building 11, lots of smoke!", "fire", True),
    ("Someone is lying unconscious in the stairwell", "medical_emergency", True),
    ("We are trapped in the lift", "people_trapped", True),
    ("Power cut since 8am", "power_outage", False),
    ("The garbage has not been collected for a week", "rubbish", False),
])
def test_a_resident_who_writes_english_reaches_the_same_handler(router: Router, text: str, category: str,
                                                                 emergency: bool) -> None:
    d = router.route(text)
    assert (d.category, d.priority == "emergency", d.report) == (category, emergency, True), text


def test_english_words_are_whole_words_and_only_a_model_that_learnt_english_reads_it() -> None:
    book = load_rulebook()
    starter = starter_models(book)
    router = Router(book).with_model(None, starter=starter)
    assert router.route("Congrats to the winners!").category != "pests"  # congrats holds no 'rats'
    assert router.route("My car is blocked in by a van").priority != "emergency"  # no 'locked in'
    for text in ("Hi everyone!", "Thank you so much", "OK", "Hello everyone, thanks for the help!",
                 "Hi neighbours, good morning", "thanks for distributing the masks"):
        assert router.route(text).report is False, text
    for text in ("thanks but the lift is still broken", "thank you, the lift broke down again"):
        assert router.route(text).report is True, text  # a thank-you with a problem now is a report
    # the starter learnt English from the rounds and reads it
    (model,) = starter
    said = "Something is wrong near my door"
    assert model.reads(said, normalize(said))
    unknown = router.route(said)  # what is wrong is not said: the street office's, whoever judges it
    assert unknown.category is None and unknown.lead == "street_office" and unknown.source.alarm is None
    assert router.route("lou shang lou shui le").source.kind in ("model", "both")  # pinyin is still read


def test_a_school_or_a_teacher_charging_is_the_education_bureau_s(router: Router) -> None:
    """A tester's 老师乱收费 went to price regulation."""
    assert router.route("老师乱收费").lead == "education"


def test_every_emergency_is_told_a_hotline(router: Router) -> None:
    """A tester's emergency raised from an ordinary matter (a road caved in with cars in it) was answered with no
    number to call: a category without a hotline of its own tells the rulebook's (intake.hotline)."""
    d = router.route("路面塌了个大坑 快来人 车都掉进去了")
    assert (d.category, d.priority, d.hotline) == ("road_damage", "emergency", "110、119、120")
    assert router.route("楼道里着火了").hotline == "119" and router.route("电梯又坏了").hotline == ""


@pytest.mark.parametrize("text", ["想起98年发大水那会儿，俺家房子都泡塌了",
                                  "老早我们院里也出过一回煤气中毒，那年冬天好几户送了医院，现在好多了"])
def test_a_story_of_long_ago_is_asked_about_not_registered(router: Router, text: str) -> None:
    """A story of a flood or a poisoning long past was ticketed as an emergency: the gate tells it (story), and the
    report head, which cannot tell then from now, does not register it (the emergency head hears none now)."""
    d = router.route(text)
    assert (d.report, d.gate) == (None, "story")


@pytest.mark.parametrize("text", ["那个东西又坏了", "这个事情到底有没有人管啊", "又坏了", "3号楼又坏了",
                                  "这个问题一直没人管", "这都一个多月了还没人管", "怎么还没修好", "怎么又这样",
                                  "还是老样子", "一直没修"])
def test_something_wrong_but_not_said_what_is_asked_what(router: Router, text: str) -> None:
    """A tester's 那个东西又坏了 was ticketed as thrown rubbish (urgent) and 这个事情到底有没有人管 as a certificate,
    on a likeness of characters and the starter model's guess: a message that says something is wrong but not
    with what (a placeholder, a building, the words of a complaint) is asked what it is, never registered unasked
    and never dropped."""
    d = router.route(text)
    assert (d.report, d.gate) == (None, "vague")


@pytest.mark.parametrize("text", ["楼道灯又坏了", "3号楼电梯又坏了", "好臭", "楼上又漏水了", "门口又脏了",
                                  "这个路灯一直不亮", "那个垃圾桶又满了没人管"])
def test_a_problem_that_names_its_matter_is_no_vague_one(router: Router, text: str) -> None:
    """The vague judgement needs nothing named: a thing (路灯, 垃圾桶) or a problem that is a matter itself (臭, 漏,
    脏) keeps a message a report."""
    assert router.route(text).report is True, text


@pytest.mark.parametrize(("text", "report"), [("hello everyone, thanks for fixing the lights!", False),
                                              ("Thanks for the quick repair", False),
                                              ("thanks for fixing the lift, now the light is out", True),
                                              ("thank you for your help, the street light at building 3 is out", True)])
def test_english_thanks_for_something_fixed_is_no_report(router: Router, text: str, report: bool) -> None:
    """谢谢物业，修好了 makes nothing, but a tester's "thanks for fixing the lights!" was asked about: thanks for
    something done is no report in English either, unless something else is wrong after it."""
    assert router.route(text).report is report


@pytest.mark.parametrize("text", ["what's the status of my reports?", "Any update on my report?", "处理得怎么样了"])
def test_asking_after_ones_reports_is_answered_with_them(router: Router, text: str) -> None:
    """A tester's English "what's the status of my reports?" got "this room is for reporting problems"."""
    assert (router.route(text).report, router.route(text).gate) == (False, "question_progress")


def test_an_english_question_about_a_matter_is_asked_about_not_registered(router: Router) -> None:
    """A tester's "Is anyone fixing the lift in building 3 of Anjuyuan?" joined the lift ticket as support; asked in
    Chinese (3号楼电梯有人修吗？) it is asked about before anything is registered, and so it is in English."""
    d = router.route("Is anyone fixing the lift in building 3 of Anjuyuan?")
    assert (d.report, d.gate, d.category) == (None, "unsure", "lift_fault")
    assert router.route("When will the community centre open?").report is False


@pytest.mark.parametrize(("text", "report", "category"), [
    ("Why is the streetlight by the east gate broken again?", True, "street_lights"),  # a complaint, as 怎么又坏了
    ("Why has nobody taken the rubbish away for four days?", True, "rubbish"),
    ("When is the power coming back? It has been out since lunch", True, "power_outage"),
    ("Is the lift in building 2 still broken?", True, "lift_fault"),
    ("Will the water be off again on Sunday?", False, None),  # asks about a plan: nothing is wrong
])
def test_an_english_question_that_complains_is_a_report(router: Router, text: str, report: bool,
                                                         category: str | None) -> None:
    """"Why is the lift broken again?" was held to ask, and "Why is it broken again?" taken for an acknowledgement:
    English words for what is wrong (broken, nobody has come, out since) make a complaint of a question, as in
    Chinese; "again" alone says when, not what."""
    d = router.route(text)
    assert (d.report, d.category) == (report, category)


@pytest.mark.parametrize("text", ["井盖没了，有人掉进去了", "下水道那边有人掉进去了！快来人", "有人掉下去了"])
def test_someone_fallen_in_is_a_rescue(router: Router, text: str) -> None:
    """井盖没了，有人掉进去了 was a normal road-damage ticket, and a tester's 下水道那边有人掉进去了 an emergency for
    the drains' handler: someone fallen in is a rescue, at emergency priority, for whoever gets people out."""
    d = router.route(text)
    assert (d.priority, d.category, d.report) == ("emergency", "people_trapped", True)


@pytest.mark.parametrize("text", ["钥匙掉下去了", "手机掉下去了，在一楼草丛里"])
def test_a_thing_fallen_is_no_child_in_danger(router: Router, text: str) -> None:
    """掉下去了 is a child's fall among the child-safety words; keys or a phone fallen are no emergency."""
    assert router.route(text).priority != "emergency"
    assert router.route("孩子掉下去了").priority == "emergency"


@pytest.mark.parametrize(("text", "category"), [
    ("厨房吊顶里面每天半夜窸窸窣窣的，还有吱吱声，怕是有东西", "pests"),
    ("楼上扔下来一个瓶子，从天而降砸在我车前面", "high_rise_littering"),
    ("医院挂号处那个护士对老人翻白眼，态度太差了", "hospital_treatment"),
    ("超市的自动扶梯坏了一个礼拜了，也没人修", "special_equipment"),
    ("江上那座桥的栏杆断了一截，晚上骑车好危险", "highways"),
    ("我们十几个老姐妹想组个合唱队，社区有没有排练的地方", "culture_sports"),
    ("我是单亲妈妈，一个人带两个孩子，日子困难，希望社区帮扶一下", "women_rights"),
])
def test_a_matter_told_by_what_it_does_or_where_it_is(router: Router, text: str, category: str) -> None:
    """The matter described by its sound, by the thing that fell, by a look (翻白眼 is no seizure), or named by
    a word no other matter shares; never an emergency it is not."""
    d = router.route(text)
    assert (d.category, d.report) == (category, True) and d.priority != "emergency"


@pytest.mark.parametrize("text", ["我家楼上卫生间漏水，墙皮都鼓起来了，麻烦物业先把漏水解决了吧",
                                  "邻居家狗天天半夜叫，吵得孩子晚上老做噩梦",
                                  "电梯又坏了，修好了没啊，我妈腿脚不好爬不动"])
def test_a_report_that_asks_for_a_fix_or_tells_of_a_nightmare_is_a_report(router: Router, text: str) -> None:
    """"解决了吧" asks for a fix, "鼓起来了" is no water come back, a nightmare the matter caused is no dream told."""
    assert router.route(text).report is True


@pytest.mark.parametrize(("text", "category"), [
    ("说个事，最近地下车库的灯老是坏，晚上黑咕隆咚的，物业也不修，垃圾桶也满了没人倒……算了不说这个了，"
     "我刚下楼看到三单元门口冒黑烟，像是着火了，快来人", "fire"),  # turns at its end to what is happening now
    ("老公喝完酒就动手，今天又在外面砸门说要弄死我，我躲在卫生间", "domestic_violence"),
    ("隔壁小姑娘在朋友圈说了句大家再见，配了一张安眠药的照片，敲门也不开", "suicide_risk"),
    ("我爸被关电梯里了，停在五楼和六楼中间", "people_trapped"),
    ("A lady just collapsed at the bus stop by the north gate and isn't responding", "medical_emergency"),
])
def test_an_emergency_late_in_a_long_message_or_told_in_other_words(router: Router, text: str, category: str) -> None:
    d = router.route(text)
    assert (d.category, d.priority, d.report) == (category, "emergency", True)


@pytest.mark.parametrize(("text", "category"), [
    ("People keep charging e-bikes in the corridor of building 5 every night", "ebike_charging"),
    ("The escalator in the supermarket stopped suddenly and an old man nearly fell", "special_equipment"),
    ("Someone was trying the door handles on our floor at 3am", "theft_security"),
    ("The karaoke bar downstairs plays loud music until midnight", "noise_nuisance"),
    ("Our radiators are lukewarm and the flat is freezing", "heating"),
    ("我老公骂人摔东西，还没动手打我，人身安全保护令怎么申请", "women_rights"),  # not hit yet: no fight to stop
    ("上次说的漏水修好了，谢谢！现在是楼下的路灯坏了一个礼拜，也没人管", "street_lights"),  # a new matter after thanks
    ("物业费年年涨，保安天天在门岗里打牌，外人随便进", "property_service"),  # 在门岗 is where they idle, no lost key
    ("在医院挂号太难了，号太难挂，老人不会用手机预约", "hospital_treatment"),
])
def test_a_matter_in_english_or_after_thanks_or_not_yet_violence(router: Router, text: str, category: str) -> None:
    d = router.route(text)
    assert (d.category, d.report) == (category, True) and d.priority != "emergency"


@pytest.mark.parametrize("text", ["Lol my daughter thinks the moon follows our car 😂",
                                  "haha the cat stole my seat again", "楼下小朋友钢琴弹得好听，天天听都不腻"])
def test_laughter_in_english_and_praise_are_no_reports(router: Router, text: str) -> None:
    assert router.route(text).report is not True


@pytest.mark.parametrize(("text", "category"), [
    ("幸福里5号楼走廊里全是烟，看不清", "fire"),  # smoke where people live, not cooking smoke or cigarette ends
    ("There's thick smoke in the corridor on the 4th floor", "fire"),
    ("厨房的天然气报警器一直在叫", "gas_leak"),
    ("The elevator got stuck with my mum inside between floors", "people_trapped"),
    ("An old man fell into the lake by the park gate", "people_trapped"),
    ("水库边有人落水了", "people_trapped"),
    ("有个小朋友从阳台上掉下去了", "child_safety"),
])
def test_emergencies_a_tester_found_unrecognised(router: Router, text: str, category: str) -> None:
    """A tester's 楼道里好多烟, smoke in English, a gas alarm going off, a lift stuck with a child inside, someone
    fallen into a river and a child fallen from a building got ordinary limits, a question or the wrong handler."""
    d = router.route(text)
    assert (d.category, d.priority, d.report) == (category, "emergency", True) and d.hotline


@pytest.mark.parametrize("text", ["楼梯上好多烟头，清洁工也不扫", "楼下烧烤店油烟太大，晾的衣服全是烟味"])
def test_cigarette_ends_and_cooking_smoke_are_no_fire(router: Router, text: str) -> None:
    assert router.route(text).priority != "emergency"


@pytest.mark.parametrize(("text", "category"), [
    ("救命！！！", None),  # a cry and nothing else: an emergency of no known kind, for the street office at once
    ("救命!", None),
    ("滨江花园有个3岁小孩找不到了，穿红衣服", "missing_person"),
    ("我奶奶又找不到了，谁看到了", "missing_person"),
])
def test_a_cry_for_help_and_a_child_not_found_are_emergencies(router: Router, text: str, category: str | None) -> None:
    """A tester's 救命！！！ was asked whether to register it, with no hotline, then offered a welfare matter (救助
    looks like 救命); a child 找不到了 was an emergency of no kind. A likeness never names an emergency's matter."""
    d = router.route(text)
    assert (d.priority, d.report, d.category) == ("emergency", True, category) and d.hotline
    assert not any(w.startswith("≈") for w in d.matched)


@pytest.mark.parametrize("text", ["救命钱都没了", "孩子的作业本找不到了", "这个救命药怎么买不到"])
def test_life_saving_money_and_a_lost_exercise_book_are_no_emergency(router: Router, text: str) -> None:
    assert router.route(text).priority != "emergency"


@pytest.mark.parametrize("text", ["唔该物业睇下，3座电梯门成日夹人", "谢谢物业帮忙看一下电梯，老是关不上",
                                  "麻烦处理一下楼道灯，谢谢"])
def test_thanks_said_in_advance_of_a_request_do_not_drop_the_matter(router: Router, text: str) -> None:
    """唔该 is the Cantonese "please" as well as "thanks", and reads 谢谢 in the normal form: a blind set's 唔该物业睇下
    with a lift door named was dropped as a thank-you. Thanks beside a request to see to a named matter drop none."""
    assert router.route(text).report is not False


def test_thanks_for_a_patrol_are_still_thanks(router: Router) -> None:
    assert router.route("谢谢保安大哥半夜还在巡逻").report is False


@pytest.mark.parametrize("text", ["隔壁那户好几天没动静了，门口一股臭味，苍蝇老往门缝里钻",
                                  "桥洞底下躺着个人，一动不动的，靠近闻到好臭"])
def test_a_death_told_by_its_signs_goes_to_the_police(router: Router, text: str) -> None:
    """A blind set told a death by its signs (no sound for days, a smell, flies; someone lying still with a smell):
    an emergency either way, but for the police, as a death found is, not for public health."""
    d = router.route(text)
    assert (d.priority, d.lead, d.category) == ("emergency", "police", "death_found")


def test_someone_lying_still_with_no_smell_is_a_medical_emergency(router: Router) -> None:
    assert router.route("楼下有个老人躺着一动不动，快叫救护车").category == "medical_emergency"


@pytest.mark.parametrize(("text", "category"), [
    ("A kid is hanging out of a window on the 9th floor of building 2!", "child_safety"),
    ("Child alone on balcony, building 5, 8th floor, please help", "child_safety"),
    ("There is a baby crying alone in a locked car in the sun", "child_safety"),
    ("My neighbour fell down and can't get up", "medical_emergency"),
    ("Flood water is coming into people's homes", "flooding"),
    ("An old man with dementia has been missing since this morning", "missing_person"),
])
def test_english_emergencies_told_indirectly(router: Router, text: str, category: str) -> None:
    """A tester's English emergencies, told by what is seen, were normal tickets for the street office with 24 h to
    sign for; the same sentences in Chinese were emergencies."""
    d = router.route(text)
    assert (d.priority, d.category) == ("emergency", category)


@pytest.mark.parametrize("text", ["The girl climbing over the fence at school is annoying",
                                  "The kids are playing near the window"])
def test_children_near_a_window_or_a_fence_are_no_emergency(router: Router, text: str) -> None:
    assert router.route(text).priority != "emergency"


def test_an_english_burst_pipe_is_a_leak(router: Router) -> None:
    assert router.route("The water pipe in building 2 burst, water everywhere in the basement").category == "water_leak"


@pytest.mark.parametrize("text", ["News: the district will hold a marathon on Sunday",
                                  "Good news: the new playground opens next Monday",
                                  "FYI the community center opens at 9 tomorrow",
                                  "Thanks everyone, have a nice weekend"])
def test_english_news_passed_on_and_a_goodbye_for_the_weekend_make_no_ticket(router: Router, text: str) -> None:
    """A tester's English news made tickets (the marathon for the street office, the playground for the property
    committee) and a weekend's thanks was asked about: the Chinese equivalents are not reports."""
    assert router.route(text).report is False


@pytest.mark.parametrize("text", ["FYI the lift in building 3 is broken again",
                                  "Reminder: there is smoke coming from the bins"])
def test_english_news_of_something_wrong_is_still_a_report(router: Router, text: str) -> None:
    assert router.route(text).report is True


@pytest.mark.parametrize(("text", "category"), [
    # a long English message names its emergency late: English says in words what Chinese says in characters
    ("We were walking the dog along the back road by the car park when we saw that the whole fire lane behind "
     "block 4 is blocked by parked vans again", "fire_lane_blocked"),
    ("My father went to the market at 8 this morning and hasn’t come back, he has Alzheimer's", "missing_person"),
    ("The man in 1203 is yelling that he will kill her, we can hear things breaking", "domestic_violence"),
    ("A woman is sitting on the ledge of the rooftop and says she is going to jump", "suicide_risk"),
    ("The elevator in tower B is stuck between floors and an old man is still inside", "people_trapped"),
    ("The ceiling of the bike shed caved in this afternoon, someone might be under it", "collapse"),
    ("Three guys are kicking a man lying on the ground outside the noodle shop", "violence"),
])
def test_english_emergencies_in_other_words_or_late_in_a_message(router: Router, text: str, category: str) -> None:
    """The 87th blind set's English emergencies were normal tickets for the street office: a fire lane named 50
    letters in (read as a story told in a long letter), someone who has not come back, a threat to kill her, a
    man outside a bridge's railing, a grandma inside a lift between floors, a balcony that collapsed (read as a
    person collapsing), a man kicked on the ground (read as a fall)."""
    d = router.route(text)
    assert (d.priority, d.category) == ("emergency", category)


@pytest.mark.parametrize(("text", "category"), [
    ("电梯又停了 这下关了人 在七楼八楼之间卡着", "people_trapped"),
    ("网吧门口几个人围着一个小伙子踹 小伙子都趴地上了", "violence"),
    ("对门阿婆一个礼拜没见了 门缝里一股臭味", "death_found"),
    ("路口的电线让吊车挂断了 掉在地上滋滋冒火花", "electric_hazard"),
])
def test_chinese_emergencies_told_by_what_happens(router: Router, text: str, category: str) -> None:
    """A lift that 关了人 (shut someone in), a man kicked by a crowd where he lies (not a medical matter), a
    neighbour not seen for a week with a smell (a death found), a wire torn down and sparking (not a fire)."""
    d = router.route(text)
    assert (d.priority, d.category) == ("emergency", category)


@pytest.mark.parametrize("text", ["门口奶茶店办了卡 现在门关了人也找不到", "楼道堆满杂物 真着火了都跑不出去",
                                  "那个化工厂一到半夜就偷偷排烟 一股焦糊味"])
def test_a_shop_gone_a_fire_supposed_and_fumes_every_night_are_no_emergency(router: Router, text: str) -> None:
    """门关了人找不到 is a shop owner gone, not someone shut in; 真着火了 supposes a fire; a factory's smoke every
    night is pollution: matters, none an emergency."""
    d = router.route(text)
    assert d.report is not False and d.priority != "emergency"


@pytest.mark.parametrize(("text", "lead"), [
    ("The restaurant owner hasn't paid us for three months", "hrss"),
    ("Gas has been off since Monday in our building", "gas"),
    ("Power's been out for hours on our street", "power"),
    ("A man posing as a bank clerk asked my mum for her verification code", "police"),
    ("Hawkers have taken over the sidewalk outside the school gate", "urban_mgmt"),
    ("Worried about radiation from the base station next to the kindergarten", "ecology"),
    ("The boy next door looks underfed and is left alone every night", "children"),
    ("住我楼上嗰家成晚跳绳 瞓唔着", "environment"),
    ("几个老党员想过组织生活，社区有没有地方", "committee"),
])
def test_english_and_dialect_matters_reach_their_handler(router: Router, text: str, lead: str) -> None:
    assert router.route(text).lead == lead


@pytest.mark.parametrize("text", ["The electrician came yesterday and fixed our fuse box. Thank you, committee, "
                                  "for arranging it so quickly", "xswl 我家猫自己按电梯下楼了"])
def test_thanks_after_the_fix_and_internet_laughter_make_no_ticket(router: Router, text: str) -> None:
    assert router.route(text).report is not True


def test_a_fault_found_at_a_drill_is_a_report(router: Router) -> None:
    """上回演练才发现 tells of a drill that found a fault: the fault is the report, not a drill's notice."""
    assert router.route("消防栓打开没水，上次演练才发现的，到现在也没人管").report is True


@pytest.mark.parametrize(("text", "category"), [
    ("A little boy has been alone in a car in the sun for twenty minutes", "child_safety"),
    ("Two men on a motorbike snatched a woman's phone at the bus stop and she fell", "violence"),
    ("公交站有人抢走了大爷的手机，大爷追的时候摔倒了", "violence"),
])
def test_a_child_in_a_car_and_a_robbery_with_a_fall(router: Router, text: str, category: str) -> None:
    """A child left in a car is the children's committee's emergency; a robbery in which someone fell is the
    police's (it was a medical emergency for the public health committee)."""
    d = router.route(text)
    assert (d.priority, d.category) == ("emergency", category)


def test_a_car_left_in_a_car_park_is_no_child_in_danger(router: Router) -> None:
    assert router.route("My car was left in the car park for a week and someone scratched it").priority != "emergency"


@pytest.mark.parametrize(("text", "category"), [
    ("Has anyone seen my little girl, 6, yellow raincoat, she was by the fountain a minute ago", "missing_person"),
    ("天都黑了 我家小子放学还没到家 学校那条路找了一圈没人", "missing_person"),
    ("阮阿公早起去田里 到这阵猶未轉來 电话也没人接", "missing_person"),
    ("The old man in 3-2 is stuck out on his balcony in the rain, his door locked behind him", "people_trapped"),
    ("I keep hearing 'don't hit me' from the flat above and a child crying", "domestic_violence"),
    ("我男人喝醉了拿着刀在屋里骂 我带孩子躲在阳台", "domestic_violence"),
    ("夜市那边两帮人干起来了 有个人头破血流", "violence"),
    ("工地食堂吃完饭好几个人都吐了 有个站都站不起来", "medical_emergency"),
    ("海边几个孩子趴在轮胎上漂出去了 浪越来越大", "child_safety"),
    ("楼下一股臭味好几天了 一直以为是死猫 那家独居的老太太一个礼拜没见着人", "death_found"),
    ("我朋友刚发朋友圈说要走了 配了一瓶安眠药 他住5号楼301 我在外地过不去", "suicide_risk"),
])
def test_the_88th_sets_emergencies_in_our_words(router: Router, text: str, category: str) -> None:
    """The 88th blind set's emergencies that were missed, in our own words: a child asked after in English, a
    child not home from school, a grandparent not back (Hokkien 猶未轉來), someone shut out on a balcony, "don't hit
    me" heard, a husband with a knife (the women's committee, not the police alone), a brawl with blood, several
    sick after a meal, children drifting out to sea, a smell first thought a dead cat, and a farewell posted on
    social media by someone whose flat is named (it was taken for news from elsewhere and dropped)."""
    d = router.route(text)
    assert (d.report, d.priority, d.category) == (True, "emergency", category)


@pytest.mark.parametrize(("text", "lead"), [
    ("去年我妈在社区医院输液后昏过去 抢救过来了 医院一直说跟他们没关系", "public_health"),
    ("村里的账从来不公开 问村干部就打哈哈", "economy"),
    ("网约车司机故意绕路 投诉了一直没回", "transport"),
    ("The school is holding back my diploma until I pay another fee", "education"),
    ("My neighbour and I keep arguing about his dog barking", "mediation"),
])
def test_an_emergency_over_and_words_that_only_look_like_one(router: Router, text: str, lead: str) -> None:
    """A danger over (抢救过来了) with a complaint about what came after is a report for the matter's handler, not an
    emergency, nor chit-chat; 打哈哈 (to evade) is no laughter; 一直没回 (no answer yet) is no missing person."""
    d = router.route(text)
    assert d.report is not False and d.priority != "emergency" and d.lead == lead


@pytest.mark.parametrize("text", ["Found: a set of keys with a blue tag by the mailboxes, DM me",
                                  "Anyone up for table tennis on Sunday? All welcome",
                                  "My son just played his first piano piece without mistakes lol"])
def test_english_lost_and_found_invitations_and_laughter_make_no_ticket(router: Router, text: str) -> None:
    assert router.route(text).report is False


def test_a_thank_you_with_a_request_naming_no_matter_still_counts(router: Router) -> None:
    """Thanks beside a request or a question are not thanks for a job done: never dropped unasked."""
    assert router.route("Could someone look at the thing by the lobby door please? Thanks").report is not False


@pytest.mark.parametrize(("text", "category"), [
    ("I touched the railing by the lift and got an electric shock, it's live", "electric_hazard"),
    ("5栋门口雨棚裂了一大块 悬着要掉不掉的 底下天天有人走", "collapse"),
    ("孩子在小区里骑车 一转眼人就没了 找了一个多小时了", "missing_person"),
    ("My flatmate posted a goodbye message and isn't picking up, he lives in 1203", "suicide_risk"),
    ("我把自己反锁在天台了 手机就剩一点电 快来人", "people_trapped"),
    ("Mum is stuck in the basement laundry, the handle broke off and the door won't open", "people_trapped"),
    ("Thick smoke pouring out of the bin room behind block 2", "fire"),
    ("那个男的喝醉了拿着刀说要砍他媳妇 孩子吓得直哭", "domestic_violence"),
    ("超市门口两个人吵着吵着就动手了 一个追着另一个打", "violence"),
])
def test_the_89th_sets_emergencies_in_our_words(router: Router, text: str, category: str) -> None:
    d = router.route(text)
    assert (d.report, d.priority, d.category) == (True, "emergency", category)


@pytest.mark.parametrize("text", ["lol this spreadsheet is on fire today 🔥", "Forwarding from the management office: "
                                  "the gym reopens on Monday", "our plumber is a saint, fixed it in ten minutes, "
                                  "10/10 would call again", "我们那时候住大杂院 一个院子一个水龙头 现在好太多了",
                                  "我老公炒菜差点把锅烧了 还好我在 今晚吃泡面🤣"])
def test_figures_forwarded_notices_praise_and_old_days_make_no_ticket(router: Router, text: str) -> None:
    assert router.route(text).report is not True


@pytest.mark.parametrize("text", ["阳台上的花盆摇摇欲坠", "刮风就往下掉树枝 树底下天天有人下棋",
                                  "有人拿刀在老牌坊上刻字", "昨晚棋牌室又打了一架 有人头都破了"])
def test_a_teetering_pot_falling_twigs_carving_and_last_nights_fight_are_no_emergency(router: Router,
                                                                                     text: str) -> None:
    assert router.route(text).priority != "emergency"


@pytest.mark.parametrize(("text", "category"), [
    ("小孙子吃糖卡住了 脸都憋紫了 快想办法", "medical_emergency"),
    ("对面那户好几天没见人出来了 楼道里一股臭味 苍蝇好多", "death_found"),
    ("水塘边上有个人脸朝下漂起来了 一动不动", "death_found"),
    ("隔壁两口子又打起来了 听到砸东西的声音 女的一直在叫", "domestic_violence"),
    ("地下车库一辆车里锁了个小孩 窗户都关着 在哭", "child_safety"),
    ("隔壁工地有个工人从脚手架上摔下来了 躺着不动", "medical_emergency"),
    ("there's a man standing on the railing of the footbridge saying he's gonna jump", "suicide_risk"),
])
def test_the_90th_sets_emergencies_in_our_words(router: Router, text: str, category: str) -> None:
    """Choking told by a face gone purple; days unseen with a smell; a body face down in water; a couple fighting
    (the women's committee, not only the police); a child shut in a car; 'gonna jump'. A worker fallen on a building
    site is first an injured man (120), as our own labelled messages have it, although two blind sets' writers sent
    him to housing."""
    d = router.route(text)
    assert (d.report, d.priority, d.category) == (True, "emergency", category)


@pytest.mark.parametrize(("text", "lead"), [
    ("前几天车棚里一辆电动车着火 幸好扑灭了 可是现在还是有人把车推进楼道充电", "fire"),
    ("宿舍楼的网一天断好几次 烦得我跳河的心都有了", "market"),
    ("小区后面那片荒草长得齐腰高 晚上还有蛇", "urban_mgmt"),
    ("不知道谁从楼上往下扔东西 一个玻璃瓶子砸在我车旁边 幸好没人", "public_security"),
    ("家里的狗儿跑丢了 黑色的小土狗", "-"),
])
def test_a_fire_put_out_days_ago_a_figure_of_speech_and_look_alikes_are_no_emergency(
        router: Router, text: str, lead: str) -> None:
    """A fire put out days ago beside what is wrong now is the matter of now; 跳河的心都有了 is a figure of speech;
    grass waist-high is no flood; a bottle thrown down is littering from height, not a fight; a lost dog is no
    missing person."""
    d = router.route(text)
    assert d.priority != "emergency"
    assert d.report is not True if lead == "-" else d.lead == lead


@pytest.mark.parametrize(("text", "lead"), [
    ("装修的时候把我家墙弄裂了 补是补好了 赔偿的事对方一直扯皮", "mediation"),
    ("老家那边让我到这边来办社保 跑了两趟都说不清", "hrss"),
    ("Our landlord's company hasnt paid any of us since March", "hrss"),
    ("my kid got food poisoning from the noodle shop next to the bus stop", "market"),
    ("There are big cracks in the walls of our building, is it safe to live here?", "housing"),
])
def test_a_fix_granted_the_hometown_named_and_a_bus_stop_as_a_place(router: Router, text: str, lead: str) -> None:
    """补是补好了 grants the fix before the complaint: no thank-you; the hometown named beside a matter here is no news
    of elsewhere; a bus stop said as the place names no bus matter."""
    d = router.route(text)
    assert d.report is not False and d.lead == lead


@pytest.mark.parametrize("text", ["Anyone selling a second-hand rice cooker? DM me",
                                  "Found a kid's scooter by the playground, DM me to claim it",
                                  "Happy Lunar New Year to all our neighbours! 🧧"])
def test_english_wanted_to_buy_found_by_a_place_and_festival_wishes_make_no_ticket(router: Router, text: str) -> None:
    assert router.route(text).report is False


@pytest.mark.parametrize(("text", "lead"), [
    ("最近菜市场门口打架斗殴时有发生 希望多派人巡逻", "public_security"),
    ("电梯停了一个礼拜 九十岁的老人被困高楼下不了楼买菜", "property"),
])
def test_fights_that_keep_happening_and_a_tower_with_no_lift_are_no_emergency(router: Router, text: str,
                                                                              lead: str) -> None:
    """Fights that keep happening (时有发生, 频发) are a matter for patrols, not one under way; 被困高楼 (no lift to go
    down by) is the lift's matter."""
    d = router.route(text)
    assert d.priority != "emergency" and d.report is not False and d.lead == lead


@pytest.mark.parametrize(("text", "category"), [
    ("地窖里发现老王头 人都硬了", "death_found"),
    ("几个孩子在冰窟窿边上玩 有一个滑下去了", "child_safety"),
    ("有个小孩钻到配电房的铁笼子里去了 门没锁", "child_safety"),
    ("My son got shocked by the kettle and his hand is numb", "electric_hazard"),
])
def test_the_91st_sets_emergencies_in_our_words(router: Router, text: str, category: str) -> None:
    d = router.route(text)
    assert (d.report, d.priority, d.category) == (True, "emergency", category)


@pytest.mark.parametrize(("text", "lead"), [
    ("老楼后墙那道缝一年比一年宽 心里不踏实", "housing"),
    ("新房交了半年 厨房地面往下沉 开发商不管", "housing"),
    ("The lift stops between floors for a couple of seconds and then goes on", "property"),
    ("院里那棵老榆树一刮风就往下掉枯枝", "urban_mgmt"),
    ("半夜施工吵得人跟丢了魂似的", "ecology"),
    ("楼道里灭火器都过期了 这要着火了咋整", "fire"),
    ("我姑接到个电话 说她儿子在外面打人了 要交保释金 是骗子吧", "police"),
    ("前天三楼厨房着火 人没事 可楼道到现在还是一股烟味 墙也黑了 物业给粉刷一下吧", "property"),
])
def test_slow_cracks_sinking_floors_pauses_branches_and_told_fights_are_no_emergency(
        router: Router, text: str, lead: str) -> None:
    """A crack that widens year by year, a new floor settling, a lift that pauses for seconds, dead branches, a
    figure of speech (丢了魂), a fire only feared, a beating a scam caller claims, a fire over days ago: each the
    matter it is, none an emergency."""
    d = router.route(text)
    assert d.priority != "emergency" and d.report is not False and d.lead == lead


@pytest.mark.parametrize("text", ["电梯修好了 谢谢 就是楼下烧烤店的油烟天天往上窜",
                                  "請問瓦斯怎麼開通 剛搬來"])
def test_a_matter_after_the_thanks_and_taiwanese_gas_are_not_lost(router: Router, text: str) -> None:
    """谢谢，就是… turns to another matter: never dropped as a thank-you; 瓦斯 is gas in Taiwan."""
    d = router.route(text)
    assert d.report is not False and d.lead in ("environment", "gas")


def test_thanks_that_end_with_now_make_no_ticket(router: Router) -> None:
    assert router.route("Thanks for fixing the stairwell light so fast, it feels much safer now").report is False


def test_a_cat_fallen_from_a_balcony_is_no_collapse(router: Router) -> None:
    assert router.route("我家猫从阳台掉下去了 还好没事 就是吓着了").priority != "emergency"


@pytest.mark.parametrize("text", ["Thanks, the lift in block 8 is working again!", "Thank you so much, the street "
                                  "light works now!", "The heating is back on, thank you all"])
def test_english_thanks_for_something_working_again_make_no_ticket(router: Router, text: str) -> None:
    """A tester's 'Thanks, the lift … is working again!' became a lift ticket: 'again' read as the trouble again."""
    assert router.route(text).report is False


def test_english_thanks_beside_something_broken_again_is_a_report(router: Router) -> None:
    assert router.route("Thanks, the lift works again but the corridor light is out").report is True


@pytest.mark.parametrize(("text", "category"), [
    ("刚接到电话说我爸在楼下被打了 快报警", "violence"),
    ("这味道不是煤气吗 好冲", "gas_leak"),
    ("这两年裂缝越来越大 刚才突然掉下来一大块", "collapse"),
    ("孩子追着狗跑了 到现在没回来", "missing_person"),
    ("这着火了咋整 快来人", "fire"),
    ("楼下两口子老是打架 今天又打起来了 还动了刀", "violence"),
])
def test_the_words_that_calm_a_look_alike_never_calm_a_real_emergency(router: Router, text: str,
                                                                     category: str) -> None:
    """A beating told by phone with no scam in sight, a gas smell asked about, a crack that gives way now, a child
    gone after a dog, a fire here and now: each is still the emergency it is."""
    d = router.route(text)
    assert (d.report, d.priority, d.category) == (True, "emergency", category)


@pytest.mark.parametrize(("text", "category"), [
    ("桥底下有个大叔跌落河 水好急", "people_trapped"),                      # an adult in the water: the rescue
    ("有只小孩跌落水了 大人唔喺度", "child_safety"),                        # a child: the children's own
    ("楼顶有个后生女坐喺栏杆外 好似想跳", "suicide_risk"),                  # 好似: 好像
    ("工厂饭堂好多工人食完晏昼饭都吐了", "medical_emergency"),             # many sick after one meal
    ("几个学生仔爬入工地 喺基坑边玩", "child_safety"),
    ("后山山泥倾泻 泥压到屋后面 屋企仲有老人", "collapse"),
    ("有个男人扯住个女仔唔放 要拉佢上车", "violence"),
    ("老街口棵大榕树斜晒 根都翻起 随时会倒", "trees_greening"),
    ("我妈而家人在银行 话要转钱俾'检察院' 点劝都唔听", "fraud"),
])
def test_the_92nd_sets_emergencies_in_our_words(router: Router, text: str, category: str) -> None:
    """Cantonese and plain words for emergencies: an adult fallen into a river (the rescue, not the children's
    subcommittee), a young woman on a roof's edge, a canteen's workers sick together, children at a building site's
    pit, a landslide against a house, a girl dragged off, a tree about to fall, a scam paid at the bank now."""
    d = router.route(text)
    assert (d.report, d.priority, d.category) == (True, "emergency", category)


@pytest.mark.parametrize(("text", "category"), [
    ("条村个鱼塘系村集体嘅 承包费收咗几年 账目从来冇公开", "collective_economy"),
    ("社康中心成日冇医生 排半日都睇唔到", "community_clinic"),
    ("修路嗰阵挖烂咗村口块清朝石碑", "culture_sports"),
    ("隔篱屋囤咗成车尾箱烟花 话过年卖", "fire_hazard"),
    ("上个礼拜火灾之后 楼梯间啲灯全部坏晒 几时有人来修", "corridor_lights"),
    ("村尾啲电线吊得好低 高啲嘅车都会碰到", "power_outage"),
])
def test_cantonese_matters_reach_their_handler(router: Router, text: str, category: str) -> None:
    """The collective's accounts, the community clinic (社康), an old stone tablet, fireworks stored at home, lights
    broken after a fire last week (the fire over, never an emergency), wires hanging low: each its own matter."""
    d = router.route(text)
    assert d.report is not False and d.category == category and d.priority != "emergency", d


@pytest.mark.parametrize(("text", "lead"), [
    ("The tap water tastes weird and looks cloudy today", "water"),
    ("My neighbor keeps leaving his rubbish bags outside my door", "mediation"),
    ("Someone upstairs practises drums until midnight every day", "environment"),
    ("I just moved here from abroad, where do I do the temporary residence registration?", "police"),
    ("My boss says there is no written contract for part-timers and won't pay overtime", "hrss"),
])
def test_english_reports_of_water_neighbours_drums_registration_and_contracts(router: Router, text: str,
                                                                             lead: str) -> None:
    d = router.route(text)
    assert d.report is not False and d.lead == lead, d


@pytest.mark.parametrize("text", ["Does anyone know a good vet around here?",
                                  "又落雨 啲衫晒咗三日都唔干",
                                  "上次走失嘅阿婆已经揾返 多谢大家",
                                  "嗰个话我中奖嘅电话我都接过 好彩冇信"])
def test_a_recommendation_asked_the_weather_a_person_found_and_a_scam_not_believed_make_no_ticket(
        router: Router, text: str) -> None:
    assert router.route(text).report is not True


@pytest.mark.parametrize("text", ["我家猫好像死了", "累到好似死咗咁", "过年放鞭炮好热闹", "小孩在河边玩要注意安全哦"])
def test_a_pet_a_figure_of_speech_firecrackers_and_advice_are_no_emergency(router: Router, text: str) -> None:
    assert router.route(text).priority != "emergency"


@pytest.mark.parametrize(("text", "category"), [
    ("厂房那边的院墙歪得厉害 裂缝越来越大 眼看就要塌了 墙根底下停着一排电动车", "collapse"),
    ("五楼那家的空调外机就剩一根螺丝吊着 底下是幼儿园门口", "collapse"),
    ("楼道里一股天然气味儿 越来越冲 谁家的", "gas_leak"),
    ("老人在菜市场摔了一跤 头上血哗哗的", "medical_emergency"),
    ("后院柴火垛着了 快来人", "fire"),
    ("巷子里堆满了废品 真着火了救护车都进不来", "fire_lane_blocked"),
    ("路口电线杆的线断了 地上直冒火星子", "electric_hazard"),
])
def test_the_93rd_sets_emergencies_in_our_words(router: Router, text: str, category: str) -> None:
    """A wall about to give way, an outdoor unit hanging by one screw, a gas smell growing, blood gushing, a woodpile
    alight (着了), an ambulance that cannot get in, a live wire sparking: each the emergency it is."""
    d = router.route(text)
    assert (d.report, d.priority, d.category) == (True, "emergency", category)


@pytest.mark.parametrize(("text", "lead"), [
    ("社区那个工作人员态度太差了 办个事拍桌子 还暗示要点好处", "district_office"),
    ("这事前前后后反映了半年 街道推给区里 区里推回街道 到现在没人管", "district_office"),
    ("12345打了好几次了 每次回复都是套话", "district_office"),
    ("俩口子年年为了院子里的公用水表打架 今年又吵上了", "mediation"),
    ("那家早点铺的后厨我看见有老鼠在案板上跑", "market"),
    ("说好的给老人每周上门送两次饭 这个月就来了一次", "welfare"),
    ("前天晚上电梯关人那事 人后来是出来了 可这电梯三天两头坏 啥时候能换", "property"),
])
def test_officials_conduct_a_quarrel_of_years_a_dirty_kitchen_and_a_promise_broken(router: Router, text: str,
                                                                                 lead: str) -> None:
    """An official's conduct or a complaint passed round and round (the inspection office, a policy choice); a
    quarrel over a shared meter every year (no fight under way); rats in a kitchen (food safety); 说好的…就来了一次
    (no 好的 of thanks); someone trapped the night before, out since (the lift is the matter)."""
    d = router.route(text)
    assert d.report is True and d.lead == lead and d.priority != "emergency", d


@pytest.mark.parametrize("text", ["选C 支持装充电桩", "我投第一个方案", "群里别再发广告了行不", "Does anyone know a "
                                  "good piano teacher for kids? My daughter wants to learn"])
def test_a_vote_a_moan_about_adverts_and_an_english_recommendation_make_no_ticket(router: Router, text: str) -> None:
    assert router.route(text).report is not True


def test_a_vote_that_names_a_problem_is_still_a_report(router: Router) -> None:
    assert router.route("选B 但是现在电梯又坏了").report is True


@pytest.mark.parametrize(("text", "category"), [
    ("台风把小区门口那棵大梧桐刮歪了 根都起来了 随时会倒", "trees_greening"),
    ("寿宴吃完好几个客人都吐了 还有人晕", "medical_emergency"),
    ("电梯卡辣两层楼当中 阿拉三个人辣里厢", "people_trapped"),
    ("隔壁的外婆不见了 她有老年痴呆 一早出门就没回来", "missing_person"),
    ("我爸接了个'公安'电话 现在已经去银行了 要转钱 电话打不通", "fraud"),
    ("工地塔吊晃得厉害 底下都是人", "collapse"),
])
def test_the_94th_sets_emergencies_in_our_words(router: Router, text: str, category: str) -> None:
    """A tree about to fall, guests sick after a banquet, a lift stuck with people in it (Wu), an old woman with
    dementia gone, a parent on the way to pay a scammer, a crane swaying over people: each the emergency it is."""
    d = router.route(text)
    assert (d.report, d.priority, d.category) == (True, "emergency", category)


@pytest.mark.parametrize("text", ["抖音上那个小区着火的视频是外地的 不是我们这里", "救命 又胖了😭",
                                  "黄梅天到了 被子晒勿干"])
def test_a_fire_filmed_elsewhere_a_cry_about_weight_and_the_plum_rains_make_no_ticket(router: Router,
                                                                                    text: str) -> None:
    assert router.route(text).report is not True


@pytest.mark.parametrize(("text", "lead"), [
    ("楼上漏水漏了好几天 厕所顶上一直滴滴答答", "property"),             # 滴滴答答 is no ride-hailing
    ("后面那个仓库堆了十几桶汽油 挨着住人的屋", "fire"),
    ("The old stone bridge by the canal has a new crack in it", "culture"),
    ("补偿款的事镇上说找区里 区里说找镇上 请区里督查一下", "district_office"),
    ("这个礼拜第二次没网了 客服也不管", "market"),
])
def test_drips_stored_petrol_an_old_bridge_an_inspection_asked_for_and_no_internet(router: Router, text: str,
                                                                                   lead: str) -> None:
    d = router.route(text)
    assert d.report is not False and d.lead == lead, d


@pytest.mark.parametrize(("text", "category"), [
    ("我爸现在人在工行 说有个'检察官'让他把钱转到安全账户", "fraud"),
    ("Please help, my son got lost by the pier ten minutes ago", "missing_person"),
    ("采空区又塌了 东头那家房子半边陷下去了", "collapse"),
    ("昨晚屋里烧炭取暖 今早老两口头晕想吐 站都站不稳", "medical_emergency"),
    ("吃完夜宵一家人上吐下泻 老人已经起不来了", "medical_emergency"),
])
def test_the_95th_sets_emergencies_in_our_words(router: Router, text: str, category: str) -> None:
    """A scam paid at a named bank now, a child lost (in English), a house sinking into old mine workings, a
    charcoal stove's fumes, a family sick together: each the emergency it is."""
    d = router.route(text)
    assert (d.report, d.priority, d.category) == (True, "emergency", category)


def test_a_complaint_made_many_times_to_the_hotline_goes_to_the_inspection_office(router: Router) -> None:
    assert router.route("投诉了十几次热线 每次都说已转办 到现在没人来").lead == "district_office"


@pytest.mark.parametrize(("text", "category"), [
    ("广场上王娭毑跳着舞突然倒哒 冇得反应", "medical_emergency"),             # Xiang 哒 for 了
    ("小区门口有个大爷躺那半天了 喊也不应", "medical_emergency"),
    ("楼道口堆的煤着了 烟顺着楼梯往上蹿", "fire"),
    ("后山墙又掉下来几块砖 下面就是菜地 天天有人过", "collapse"),
    ("院里那棵老榆树叫雪压得眼瞅着要倒 底下停着好几辆车", "trees_greening"),
    ("楼上暖气管子冻裂了 水往我家灌 屋里都淹了", "water_leak"),
])
def test_the_96th_sets_emergencies_in_our_words(router: Router, text: str, category: str) -> None:
    """Someone fallen and not answering (in Xiang and in plain words), a coal heap alight with its smoke rising
    up the stairs, bricks falling from a wall now, a tree about to fall under snow (the greening's, not a
    building's), a burst pipe flooding a home (a leak, not a street's flood): each the emergency it is."""
    d = router.route(text)
    assert (d.report, d.priority, d.category) == (True, "emergency", category)


@pytest.mark.parametrize(("text", "lead"), [
    ("楼上熊孩子天天跑跳 我们拿拖把杆子捣地他们也不听", "environment"),     # 捣地 is no 倒地 (fallen)
    ("街道干部跟开发商老板一起吃饭喝酒 我们去反映问题没人理", "district_office"),
    ("户口一直落不下来 孩子报名都要户口本", "police"),
    ("村里那块集体空地被人围起来收停车费", "economy"),
    ("水管子冻住了 一滴水没有", "water"),
    ("Somebody is throwing cigarette butts from upstairs onto our balcony again", "public_security"),
])
def test_upstairs_children_a_dinner_with_a_developer_a_hukou_and_frozen_pipes(router: Router, text: str,
                                                                             lead: str) -> None:
    """Children running upstairs (a noise, the environment committee's while no quarrel is said; 捣地, pounding the
    floor back, is no 倒地, fallen: not an emergency), officials
    dining with a developer, a hukou that cannot be moved, collective land fenced off, frozen pipes and no water
    (一滴水没有 is no drip), a cigarette thrown from upstairs in English: each to the handler it is for."""
    d = router.route(text)
    assert d.report is not False and d.lead == lead and d.priority != "emergency", d


@pytest.mark.parametrize("text", ["回楼上的：去东门那个小卖部买 24小时开", "回复楼上：直接去社区医院问就行",
                                  "Is there a printer at the community centre? my son needs to print a form"])
def test_an_answer_to_a_neighbour_and_a_question_with_an_aside_make_no_ticket(router: Router, text: str) -> None:
    assert router.route(text).report is not True


def test_an_answer_to_a_neighbour_that_names_a_problem_is_a_report(router: Router) -> None:
    assert router.route("回楼上：我们楼也停水了").report is True


@pytest.mark.parametrize(("text", "category"), [
    ("厨房油锅好像着了 我先跑出来了", "fire"),
    ("停电了点蜡烛 把蚊帐点着了 火已经烧到窗帘", "fire"),
    ("河边有个人掉进河里了 在喊救命", "people_trapped"),               # an adult: the rescue's
    ("楼下那个阿姨坐在江边哭 说要跳河", "suicide_risk"),
    ("液化气罐阀门坏了一直喷气 关无住", "gas_leak"),                     # Hainan 无 for 不
    ("隔壁又在打娃 娃哭得嗓子都哑了 快半个钟头了", "child_safety"),      # a child beaten: the children's
    ("菜市场那条疯狗又咬了两个人 还在追人", "stray_dogs"),
    ("雨太大 院子里的水往屋里灌 没过脚脖子了", "flooding"),
])
def test_the_97th_sets_emergencies_in_our_words(router: Router, text: str, category: str) -> None:
    """A pan alight said with a hedge, a net set alight by a candle with the fire spreading, an adult in the river,
    someone saying they will jump, a gas cylinder spraying (in Hainan words), a child beaten with no adult named,
    a mad dog still biting, rain pouring into a home: each the emergency it is."""
    d = router.route(text)
    assert (d.report, d.priority, d.category) == (True, "emergency", category)


@pytest.mark.parametrize(("text", "lead"), [
    ("楼道里总有人抽烟 烟头就扔在纸箱子旁边", "fire"),
    ("巷子里那个下水道台风后一直堵 污水倒灌到路上", "urban_mgmt"),       # sewage backing up: no flood emergency
    ("火灭了 楼道熏黑了一大片 物业能来打扫一下吗", "property"),             # 熏黑 is no power cut
    ("Some idiot keeps throwing beer bottles off the balcony at night", "public_security"),
    ("The ferry was cancelled three times this week", "transport"),
])
def test_cigarettes_by_boxes_sewage_backing_up_soot_and_english_bottles_and_ferries(router: Router, text: str,
                                                                                   lead: str) -> None:
    d = router.route(text)
    assert d.report is not False and d.lead == lead and d.priority != "emergency", d


def test_a_fall_feared_is_no_emergency(router: Router) -> None:
    d = router.route("厕所门口结冰了 嫑等到有人摔断腿才来管")
    assert d.priority != "emergency" and d.report is not False


@pytest.mark.parametrize("text", [
    "Does anyone know if the museum lets school groups in? My nephew's class is visiting next month and wants to go",
    "Hi everyone, we are here until March. Any tips for a good dentist?",
    "Thank you to the gentleman from the committee who helped my mum fill in her pension forms",
])
def test_english_questions_after_a_greeting_and_thanks_for_help_make_no_ticket(router: Router, text: str) -> None:
    assert router.route(text).report is not True


def test_a_story_with_an_english_question_after_it_is_asked_never_dropped(router: Router) -> None:
    assert router.route("Been working at the cafe since May and the owner still hasn't paid me for two months. "
                        "Who should I talk to?").report is not False


def test_an_invitation_beside_a_report_is_still_a_report(router: Router) -> None:
    assert router.route("本来想问问有没有人一起去爬山，顺便说一下，我们楼的402被二房东隔成了十个小间，"
                        "住了二十来个人，楼道里全是他们的东西").report is True


@pytest.mark.parametrize(("text", "lead"), [
    ("My daughter is being bullied at school and the head teacher does nothing", "education"),
    ("The shopkeeper at the corner store overcharged my mum again and sold her expired food", "market"),
    ("Our tour guide took the whole group to a jade shop and would not let us leave", "market"),
    ("The ferry to the island is cancelled again and nobody says why", "transport"),
    ("My boss at the restaurant refuses to sign a contract with me", "hrss"),
    ("There is a huge pile of rubbish by the back gate that nobody collects", "property"),
    ("The training centre closed and will not refund the course fees", "education"),
])
def test_english_reports_reach_their_handler(router: Router, text: str, lead: str) -> None:
    """English reports with no word the rules knew went to the street office to sort (a fifth of the 97th set)."""
    d = router.route(text)
    assert d.report is not False and d.lead == lead, d


def test_a_child_and_a_wife_beaten_together_is_domestic_violence(router: Router) -> None:
    d = router.route("对门男的又喝多了 在打孩子和他老婆 哭喊声一片")
    assert (d.category, d.priority) == ("domestic_violence", "emergency")


@pytest.mark.parametrize("text", [
    "要是家里有人煤气中毒了 是先开窗还是先打电话啊",         # what to do first, asked
    "万一楼里起火了 先捂住口鼻再往下跑 大家都记住哈",         # what to do, told as advice
    "If someone ever gets stuck in the lift, who do we phone?",
    "The lady who fainted at the bus stop yesterday is fine now, thanks for helping her",
    "大家还记得嘛 那回楼道着火 好多人吓坏了",                  # a story remembered
    "去年涨大水的时候 我们那条街淹到膝盖 现在排水修好多咯",
])
def test_what_ifs_and_dangers_of_days_ago_register_no_emergency(router: Router, text: str) -> None:
    """The 98th set's what-ifs (the first thing to do, asked or advised) and dangers over: 6 of its 10 non-reports
    ticketed, each an emergency."""
    assert router.route(text).report is not True


@pytest.mark.parametrize("text", [
    "Thanks to the plumber who fixed the dripping tap in unit 4!",
    "Good morning neighbours! What a sunny day for the market",
    "上个礼拜倒在路边那棵树 已经拖走咯 好在没砸到车",
])
def test_thanks_for_a_fixed_thing_and_greetings_make_no_ticket(router: Router, text: str) -> None:
    assert router.route(text).report is not True


def test_a_place_things_are_left_at_beside_a_complaint_is_no_lost_and_found(router: Router) -> None:
    d = router.route("保安老是躲在门卫室里看手机 外卖小哥随便进出 物业费白交了")
    assert (d.report, d.lead) == (True, "property")


@pytest.mark.parametrize(("text", "lead", "priority"), [
    ("麻辣烫店熬骨头汤的味道 一天到晚熏到我家阳台", "environment", "normal"),
    ("楼下那间作坊的冲床天天响 吵到半夜", "environment", "normal"),
    ("There's a crack in the road right outside the bank, my bike tyre burst on it", "urban_mgmt", "normal"),
    ("There's a fire near the bins behind block 2", "fire", "emergency"),
    ("巷子口躺着个人 身子都凉了", "police", "emergency"),
    ("同一个问题我投诉了五次 每次都说在处理 到现在一点动静没有", "district_office", "normal"),
    ("去街道办事 窗口的人一直在玩手机 爱理不理", "district_office", "normal"),
    ("A man is standing on the edge of the roof of the car park", "police", "emergency"),
    ("Half the balcony railing fell into the yard and the rest is hanging loose over the door", "housing",
     "emergency"),
    ("Our family has waited three years for public rental housing", "housing", "normal"),
    ("We have had no building steward since spring and nobody puts up the notices", "committee", "normal"),
])
def test_the_98th_sets_matters_in_our_words(router: Router, text: str, lead: str, priority: str) -> None:
    """Matters of the 98th set (an Anhui county town and Liuzhou) the rules reached nobody or the wrong handler
    with: a shop's smell, a workshop's machines, English places (outside the bank is where, not what), a
    complaint passed round, an official on a phone, English for a roof's edge, a railing fallen, public housing."""
    d = router.route(text)
    assert (d.report, d.lead, d.priority) == (True, lead, priority), d


def test_lo_is_le_in_the_southwest(router: Router) -> None:
    from rules.normalize import normalize
    said = ("电梯又坏咯", "门咯吱咯吱响", "咯血")
    assert [normalize(t) for t in said] == ["电梯又坏了", "门咯吱咯吱响", "咯血"]


@pytest.mark.parametrize(("thanks", "matter"), [
    ("电梯修好了，谢谢物业师傅！然后还有个事，", "楼上那家每天半夜拖椅子，吵得孩子睡不着"),
    ("楼道灯修好了谢谢物业，然后还有个事，", "我家楼上天天半夜蹦迪吵得睡不着"),
    ("路灯已经亮了，感谢城管！另外还有一件事想反映一下：", "三号楼有人在楼道里给电瓶车充电"),
])
def test_a_thank_you_that_turns_to_another_matter_routes_that_matter(shipped: Router, thanks: str, matter: str) -> None:
    """A message thanked for one fix that turns to another matter is routed as that matter alone would be (the
    corridor light thanked for took the second before, and the bot asked about it)."""
    d, alone = shipped.route(thanks + matter), shipped.route(matter)
    assert (d.report, d.lead, d.category) == (True, alone.lead, alone.category), d


@pytest.mark.parametrize("text", [
    "要是半夜电梯停了 俺们住二十楼的咋下去 走楼梯还是等着",
    "If there's ever a flood, where do we move the cars to? Just want to know in advance.",
    "The new bus terminus is way cleaner than the old one",
    "Chess club this Saturday in the community library, all ages welcome!",
    "@the guy asking about the pharmacy: it closes at 9 on Sundays",
    "楼上那个问水表的：是周三来人换表，不是坏了",
    "Last month there was a small fire in the bike shed. Nobody was hurt but we were all scared. "
    "Anyone know where to buy a fire blanket?",
])
def test_the_99th_sets_non_reports_in_our_words_make_no_ticket(shipped: Router, text: str) -> None:
    """Non-reports of the 99th set (Qingdao and a Yunnan mining town): a what-if between choices, English opinions,
    invitations beside a place, answers to a neighbour's question, a fire of last month told before a question."""
    assert shipped.route(text).report is not True


@pytest.mark.parametrize(("text", "lead", "priority"), [
    ("The owner of the noodle shop refuses to pay my sister for March", "hrss", None),
    ("Chunks of concrete fell off the balcony above the bike shed this morning", "housing", "emergency"),
    ("Someone tried our door at 3am and ran when the dog barked", "public_security", None),
    ("快递放门口老是被人顺走 这个月丢了俩", "public_security", None),
    ("A live cable is dangling over the footpath by the school gate", "power", "emergency"),
    ("Water pouring through our ceiling from the flat upstairs", "property", None),
    ("一个小娃被锁在车里 车停在大太阳底下", "children", "emergency"),
    ("楼上老往下泼脏水 晾的衣服全湿了", "public_security", None),
    ("办个证 窗口的人收了俺的烟才给办", "district_office", None),
    ("隔壁夜市的烧烤油烟大得 窗户都不敢开", "environment", "normal"),
    ("楼顶水箱漫水了 水顺着楼梯往下淌", "property", None),
    ("The lift keeps juddering between floors, please check it", "property", None),
    ("独居的王大爷好几天没见着了 门口一股臭味", "police", "emergency"),
    ("刚才有个电话说俺孙子出事了要转钱 号码是外地的", "police", None),
])
def test_the_99th_sets_matters_in_our_words(router: Router, text: str, lead: str, priority: str | None) -> None:
    d = router.route(text)
    assert (d.report, d.lead) == (True, lead) and priority in (None, d.priority), d


@pytest.mark.parametrize("text", [
    "Last night my dad was fine, now he collapsed and won't wake up",    # the all-clear before the danger
    "If anyone is home in 5-302, there's a fire in the kitchen, help?",  # an 'if' outside the danger's clause
])
def test_english_all_clears_and_ifs_beside_an_emergency_now_keep_it(router: Router, text: str) -> None:
    d = router.route(text)
    assert (d.report, d.priority) == (True, "emergency"), d


@pytest.mark.parametrize("text", [
    "Fun story: the lady next door taught me to fold dumplings, mine all fell apart 😂",
    "Just moved in from Canada with my wife, looking forward to meeting everyone!",
    "Does anyone know a piano teacher near the east gate? My daughter wants lessons 🙏",
    "Quick question, if the power ever goes off at night, who do we call? Just want to be ready.",
    "回楼上 那只黑猫是三楼阿姨养的 打过疫苗了 不抓人",
    "回楼上的 办居住证直接去街道服务大厅 带上租房合同就行",
])
def test_the_100th_sets_non_reports_in_our_words_make_no_ticket(shipped: Router, text: str) -> None:
    """Non-reports of the 100th set (Wuhan and Xi'an): English stories, newcomers and questions ending in an emoji,
    a what-if about a lift, answers to a neighbour that explain or point the way."""
    assert shipped.route(text).report is not True


@pytest.mark.parametrize(("text", "lead", "priority"), [
    ("Smoke is coming out of the bakery's back door and the fire alarm is going off", "fire", "emergency"),
    ("说好下午三点来水 到现在天都黑了还没来", "water", None),
    ("The scaffolding on the new tower is leaning over the bus stop and pieces are falling off", "housing",
     "emergency"),
    ("My little girl let go of my hand in the market and I can't find her anywhere", "police", "emergency"),
    ("停在路边的车里锁了个伢 哭得满头大汗", "children", "emergency"),
    ("社区网格员态度蛮差 把我们的材料甩在地上就走了", "district_office", None),
    ("村口那排老房子拆了一半 剩下一面墙眼看着要倒 底下还有人走", "housing", "emergency"),
    ("Someone sprayed paint on the carved stone lion at the old temple", "culture", None),
    ("楼上还在往下扔东西 花盆都砸下来了 快来人", "public_security", None),
    ("I reported the blocked drain three times and each time it gets marked 'resolved' without anyone coming",
     "district_office", None),
])
def test_the_100th_sets_matters_in_our_words(router: Router, text: str, lead: str, priority: str | None) -> None:
    d = router.route(text)
    assert (d.report, d.lead) == (True, lead) and priority in (None, d.priority), d


@pytest.mark.parametrize("text", [
    "Two winters ago... no wait, last winter, the fire engines came for a chip pan at block 4. Everyone got out, "
    "I still remember the sirens.",
    "Somebody asked when the clinic opens: 8 till noon, then 2 till 5.",
])
def test_the_101st_sets_non_reports_in_our_words_make_no_ticket(shipped: Router, text: str) -> None:
    """Non-reports of the 101st set (Tianjin and a Jiangxi county town): an English memory of a fire everyone got
    out of (still remember is a memory), an answer to what someone asked."""
    assert shipped.route(text).report is not True


@pytest.mark.parametrize(("text", "lead", "priority"), [
    ("五楼水管子爆了 水一直往楼下灌 四楼已经淹了", "property", None),
    ("隔壁把篱笆往我家地里挪了一米 说了还放话要打人", "mediation", "normal"),
    ("A toddler is alone at the water's edge by the boat steps, no adult anywhere", "children", "emergency"),
    ("The delivery vans idle and honk all night under our windows", "environment", None),
    ("He is lying on the path, not moving, cold to touch, I think he's dead", "police", "emergency"),
    ("有人在撬对门的锁 对门家里没人 快来人", "public_security", "emergency"),
    ("听说村里的鱼塘被几个干部便宜包给外地老板了 村民都不知道", "economy", None),
    ("小区篮球架的板子裂开了 篮筐也歪了", "property", "normal"),
    ("居委会主任接待群众爱理不理 问两句就不耐烦", "district_office", None),
    ("楼下那家大人又在打孩子 往死里打 孩子哭得嗓子都哑了", "children", "emergency"),
])
def test_the_101st_sets_matters_in_our_words(router: Router, text: str, lead: str, priority: str | None) -> None:
    d = router.route(text)
    assert (d.report, d.lead) == (True, lead) and priority in (None, d.priority), d


@pytest.mark.parametrize("text", [
    "Long story, but: last summer the chip pan next door caught fire, the smoke alarm went off and the firemen came "
    "in minutes. Nobody was hurt. Get an alarm, everyone!",
    "Hello neighbours, I'm new here, working at the hospital this year. Nice to meet you!",
    "Heads-up from the caretaker: the water tank will be cleaned on Monday morning.",
    "Great news, the lift in block C has been running fine since the repair. Thanks to the property team!",
    "周六早上八点东门集合 一起去爬山 有人来伐",
    "回复楼上：燃气表年检是每年一次 师傅会提前贴通知",
])
def test_the_102nd_sets_non_reports_in_our_words_make_no_ticket(shipped: Router, text: str) -> None:
    """Non-reports of the 102nd set (Hangzhou and Chongqing): an English fire of last summer told as advice (the
    alarm 'went off' then), newcomers on a job, a heads-up, a repair thanked, an outing, an answer upstairs."""
    assert shipped.route(text).report is not True


@pytest.mark.parametrize(("text", "lead", "priority"), [
    ("叫他把三轮车挪开 他还冒火骂人", "mediation", None),
    ("楼下那个男的喝醉了在打他老娘 老人家已经坐地上了", "police", "emergency"),
    ("几个小学生在工地边上追着耍 旁边就是深基坑", "children", "emergency"),
    ("My daughter got separated from us at the cable car station, she is 5, red coat", "police", "emergency"),
    ("The karaoke bar plays live music till 1am and the whole building hears it", "environment", None),
    ("楼上天天练架子鼓 练到十一点", "environment", None),
    ("老柿子树的枯枝挂在台阶上头 怕哪天掉下来砸到人", "urban_mgmt", None),
    ("乒乓球台的台面裂开了 物业一直不修", "property", "normal"),
    ("The ferry company refused a refund after cancelling our trip", "market", None),
    ("街道干部上班时间在茶馆打麻将", "district_office", None),
    ("Two people are stuck in a cable car cabin halfway up, it stopped half an hour ago", "fire", "emergency"),
    ("切菜切到手了 血止弗牢", "public_health", "emergency"),
])
def test_the_102nd_sets_matters_in_our_words(router: Router, text: str, lead: str, priority: str | None) -> None:
    d = router.route(text)
    assert (d.report, d.lead) == (True, lead) and priority in (None, d.priority), d


@pytest.mark.parametrize("text", [
    "Tried the dumplings at the corner stall last night, delicious 🥟",
    "Visiting here for a month, the steps up to the temple are a proper leg day lol",
    "In case there's ever a power cut at night, who do we ring? Just asking ahead, everything's fine now",
    "晚上广场跳舞不 七点半老地方",
])
def test_the_103rd_sets_non_reports_in_our_words_make_no_ticket(shipped: Router, text: str) -> None:
    """Non-reports of the 103rd set (Guiyang and Zhengzhou): English praise of a meal, a visitor's joke about the
    steps (here for a month is a stay, not a problem's age), a what-if asked ahead with an all-clear after its
    question, the northern '…不' that asks neighbours along."""
    assert shipped.route(text).report is not True


@pytest.mark.parametrize(("text", "lead", "priority"), [
    ("A van has been parked across two spaces in the underground garage for days. Can someone move it?",
     "property", None),
    ("门反锁了打不开 钥匙断在锁眼里 老人一个人在屋里", "fire", "emergency"),
    ("下穿隧道积水 有辆车熄火了 车里好像还有人", "fire", "emergency"),
    ("废仓库里躺着一个人 喊也不应 都发臭了", "police", "emergency"),
    ("邻居家的娃又被关在门外 天黑了还没人管", "children", None),
    ("他们家天天把孩子锁在门外 孩子冻得直哭", "children", None),
    ("晚上的烧烤摊摆满了马路 消防车来了也进不来", "urban_mgmt", "normal"),
    ("火车站旁边的公厕门坏了 一直没人修", "urban_mgmt", None),
    ("The noodle shop below blows its cooking smoke right into our bedroom window", "environment", None),
    ("The handrail on the footbridge is broken, a whole section of railing is missing", "urban_mgmt", None),
    ("Got a message asking me to pay a customs fee for a delivery, it was a scam, I lost 500", "police", None),
    ("便民服务大厅的办事员态度太差 问两句就吼人", "district_office", None),
    ("我住的老房子顶楼 下雨水漏进屋里 床都湿了", "property", None),
])
def test_the_103rd_sets_matters_in_our_words(router: Router, text: str, lead: str, priority: str | None) -> None:
    d = router.route(text)
    assert (d.report, d.lead) == (True, lead) and priority in (None, d.priority), d


@pytest.mark.parametrize("text", [
    "【用电小知识】不要私拉电线，不要在楼道给电瓶车充电，发现冒烟立即拨打119",
    "我刚问了社区 他们说明天上午停电检修 中午就来电",
    "我爸说他上回救火冲在最前头 吹牛皮呢",
    "I was going to complain about the barking dog but they've moved away now. Peace at last!",
])
def test_the_104th_sets_non_reports_in_our_words_make_no_ticket(shipped: Router, text: str) -> None:
    """Non-reports of the 104th set (Nanjing and Lanzhou): a forwarded safety tip whose advice names 119, what an
    office said when asked, a boast about a past fire teased, a complaint no longer needed."""
    assert shipped.route(text).report is not True


@pytest.mark.parametrize(("text", "lead", "priority"), [
    ("It seems nobody has collected the rubbish this week", "property", None),  # seems holds no EMS parcel
    ("开个无犯罪证明 派出所说去社区 社区说去派出所 跑了三趟了", "district_office", None),  # passed round (session 58)
    ("卫生间漏水把吊顶泡软了 里头有电线 我都不敢开灯", "property", None),
    ("厨房一股煤气味 我都不敢开灯", "gas", "emergency"),
    ("They put a big phone antenna on the roof right over our flat without asking anyone", "ecology", None),
    ("A chunk of plaster fell off the building front this morning and more could come down any minute",
     "housing", "emergency"),
    ("My neighbour says the leak came from my side and refuses to pay for his ceiling. We can't agree.",
     "mediation", None),
    ("The little girl downstairs is left alone all day, she looks hungry", "children", None),
    ("The hotpot place vents its kitchen into our corridor, everything smells of cooking", "environment", None),
    ("暴雨 水已经漫过门槛进屋了 奶奶都站到床上去了", "urban_mgmt", "emergency"),
    ("河滩芦苇里趴着个人 一动不动 脸朝下", "police", "emergency"),
    ("小区侧门让人用铁链子锁死了 大门又被车堵着", "fire", "emergency"),
])
def test_the_104th_sets_matters_in_our_words(router: Router, text: str, lead: str, priority: str | None) -> None:
    d = router.route(text)
    assert (d.report, d.lead) == (True, lead) and priority in (None, d.priority), d


@pytest.mark.parametrize("text", [
    "唔该晒保安 偷我电单车个贼捉到咗 车都拎返嚟啦",
    "@王阿姨 停电是因为变压器在换 明早八点来电",
    "大姐 你说的医保窗口在一楼大厅右手边",
    "去年发大水那回真吓人 水都到楼梯口了 幸好现在没事了",
    "地震了怎么办：躲到桌子底下 别坐电梯 捂住口鼻——应急培训笔记 分享给大家",
    "Two summers ago the river flooded and we were stuck upstairs for three days. Hope it doesn't happen again!",
])
def test_the_105th_sets_non_reports_in_our_words_make_no_ticket(shipped: Router, text: str) -> None:
    """Non-reports of the 105th set (Taiyuan and Nanning): a Cantonese thank-you for a stolen motorbike found
    (电单车 is no 偷电), answers to someone named, a flood of last year now over, training notes shared, an
    English flood story whose days stuck are then, not now."""
    assert shipped.route(text).report is not True


@pytest.mark.parametrize(("text", "lead", "priority"), [
    ("The yoga studio shut down overnight a month after I bought a one-year membership", "market", None),
    ("My diploma still hasn't been issued by the university half a year after graduation", "education", None),
    ("Kids keep scratching their names into the old temple wall, it's a heritage building", "culture", None),
    ("BBQ smoke from the stall downstairs pours into our flat every night", "environment", None),
    ("The contractor finished the job and left without paying any of the workers", "hrss", None),
    ("那帮卖保健品的人不见了 我妈交的三万块也要不回来", "market", None),
    ("老人院的护工经常骂我爸 还不让他下床", "welfare", None),
    ("楼下的塔吊晃得厉害 眼看要倒了", "housing", "emergency"),
    ("下水道堵的事反映了半年 这个推那个 没一个部门管", "district_office", None),
    ("卫生间天花板往下渗水 楼上不认 物业也不管 到底谁管", "property", None),
])
def test_the_105th_sets_matters_in_our_words(router: Router, text: str, lead: str, priority: str | None) -> None:
    d = router.route(text)
    assert (d.report, d.lead) == (True, lead) and priority in (None, d.priority), d


@pytest.mark.parametrize("text", [
    "楼上问的那个事 社保卡在银行网点就能补办",
    "门口吵架那两个已经被警察带走了 大家散了吧",
    "To answer your question: the water company's number is on the back of the bill",
    "Thanks for the tip about the flu jab, went this morning and it took five minutes",
    "Hi, is the library open on Sunday? asking for my daughter",
    "if the power goes out during the storm, where do we go?",
])
def test_the_106th_sets_non_reports_in_our_words_make_no_ticket(shipped: Router, text: str) -> None:
    """Non-reports of the 106th set (Harbin and Xiamen): answers (to whoever asked upstairs, in English), a fight
    the police already took away, English thanks for a tip, a question after a greeting, a what-if asked."""
    assert shipped.route(text).report is not True


@pytest.mark.parametrize(("text", "lead", "priority"), [
    ("锅炉房后头躺着一个人 身子都冷了 像是死了好久", "police", "emergency"),
    ("我爷爷从昨晚开始发烧 现在说话都不清楚了", "public_health", "emergency"),
    ("My grandma slipped on the ice by the gate and is not moving, call ambulance", "public_health", "emergency"),
    ("临街那块大广告牌让风吹得直晃 螺丝都松动了", "housing", "emergency"),
    ("老楼的墙上一直在掉水泥块 底下天天有人过", "housing", "emergency"),
    ("我男人又喝醉了打我 我躲在厨房里不敢出来", "women", "emergency"),
    ("河堤那边有人用铁锹挖沙往车上装", "ecology", None),
    ("社区那个办事的态度太差 开个证明跑了三趟", "district_office", None),
    ("路边那辆车半年没动了 别人车都进不来", "property", None),
    ("我爸记性越来越差 一个人在家 请社区安排上门看护", "welfare", None),
    ("Jackhammers at the building site next door from 6am every day", "ecology", None),
])
def test_the_106th_sets_matters_in_our_words(router: Router, text: str, lead: str, priority: str | None) -> None:
    d = router.route(text)
    assert (d.report, d.lead) == (True, lead) and priority in (None, d.priority), d


@pytest.mark.parametrize("text", [
    "I think the old shophouses on our street are lovely, I hope they stay as they are",
    "The new river park looks so beautiful at night",
])
def test_the_107th_sets_non_reports_in_our_words_make_no_ticket(shipped: Router, text: str) -> None:
    """Non-reports of the 107th set (Shantou and Hohhot): an English opinion of how a thing looks."""
    assert shipped.route(text).report is not True


@pytest.mark.parametrize(("text", "lead", "priority"), [
    ("Two men are beating another man with a metal bar in the lane", "police", "emergency"),
    ("Next door he's hitting his wife again and she's screaming", "women", "emergency"),
    ("骑楼的外墙一片片掉 昨天又落了一大块", "housing", "emergency"),
    ("阿嬷早上出门到今天都无回来 她有点糊涂", "police", "emergency"),
    ("投诉了三个月 街道和社区互相推 只能找上级", "district_office", None),
    ("对门那孩子三天两头挨打 胳膊上都是伤", "children", None),
    ("巷子里蠓仔多得很 怕闹登革热", "public_health", None),
    ("楼下小作坊堆满泡沫 电线乱拉 万一着火谁都跑不了", "fire", None),
    ("烧烤店半夜还在剁肉 咚咚响 睏唔去", "environment", None),
    ("我的车被别人的车堵在里面出不去了", "property", None),
    ("那个作坊里有个孩子才十三岁就在做工", "children", None),
])
def test_the_107th_sets_matters_in_our_words(router: Router, text: str, lead: str, priority: str | None) -> None:
    """Matters of the 107th set: English fights and beatings (she's is she is), masonry falling piece by piece, an
    old woman not back since morning, offices passing a complaint to each other, a child beaten often or put to
    work, mosquitoes by their Minnan name, a fire only feared beside a hazard, noise that keeps one awake, a car
    hemmed in (no one trapped)."""
    d = router.route(text)
    assert (d.report, d.lead) == (True, lead) and priority in (None, d.priority), d


@pytest.mark.parametrize("text", [
    "[Forwarded] Gas supply will be off on Thursday morning for pipe checks",
    "Thanks to the man who fixed our door lock, my mum is sleeping well again",
    "What should we do if there's a fire in the lane at night? just curious",
    "昨晚跟老邻居拉呱到凌晨 今天早上起不来",
])
def test_the_108th_sets_non_reports_in_our_words_make_no_ticket(shipped: Router, text: str) -> None:
    """Non-reports of the 108th set (Jinan and Fuzhou): a notice forwarded in brackets, thanks ending happy again, an
    English what-if with there's, tired after talking late."""
    assert shipped.route(text).report is not True


@pytest.mark.parametrize(("text", "lead", "priority"), [
    ("Got a scam text about a fake delivery, they asked for my bank details", "police", None),
    ("The cleaners haven't been to our building in ten days", "property", None),
    ("我妈一个人住 冷锅冷灶的 能不能社区安排人定期去看看 送个饭", "welfare", None),
    ("反映了两个月木人管 打电话去社区 态度也差", "district_office", None),
    ("热线回访说已经办结了 其实什么都没做", "district_office", None),
    ("饭馆的排烟管对着我家窗户 满屋油烟味", "environment", None),
    ("这排木房子电线乱拉乱接 看着就怕", "fire", None),
    ("The funeral parlour added charges we never agreed to", "civil_affairs", None),
    ("The old house is leaning and a beam cracked, it's going to collapse", "housing", "emergency"),
    ("楼下男的在摔东西 女的一直哭喊", "women", "emergency"),
    ("路口的电线杆倾斜得厉害 快倒了", "power", "emergency"),
    ("我外公刚才突然讲话不清楚 半边手无力", "public_health", "emergency"),
    ("有个大妈被电动车撞倒了 起不来", "public_health", "emergency"),
    ("隔壁阿公好几天没出门了 门口有股臭味 敲门没人应", "police", "emergency"),
    ("快递显示已签收 可我根本没收到", "transport", None),
    ("楼下卡拉OK天天唱到半夜", "environment", None),
])
def test_the_108th_sets_matters_in_our_words(router: Router, text: str, lead: str, priority: str | None) -> None:
    """Matters of the 108th set: English scam texts, cleaners, funeral parlours and houses about to collapse, lonely
    elders' visits and meals, complaints marked done or met rudely (木有 is 没有), kitchen flues aimed at a window,
    wiring in wooden houses, a man smashing things while a woman cries, a leaning pole, a stroke said 讲话不清楚, a
    person knocked down, a smell behind a door nobody opens, a parcel never received, karaoke (no 收到, no OK)."""
    d = router.route(text)
    assert (d.report, d.lead) == (True, lead) and priority in (None, d.priority), d


@pytest.mark.parametrize("text", [
    "笑死 楼下真着火了 快跑",
    "哈哈哈 真的着火了 快跑啊",
    "lol the kitchen is actually on fire, get out now",
])
def test_laughter_beside_a_call_to_run_keeps_the_emergency(shipped: Router, text: str) -> None:
    """Laughing at first is no figure of speech when the message calls everyone to run: never dropped, never asked."""
    d = shipped.route(text)
    assert (d.report, d.lead, d.priority) == (True, "fire", "emergency"), d


@pytest.mark.parametrize("text", ["lol my code is on fire today", "楼道堆满杂物 真着火了都跑不出去"])
def test_laughter_and_a_supposed_fire_without_a_call_to_run_stay_as_they_were(shipped: Router, text: str) -> None:
    d = shipped.route(text)
    assert d.priority != "emergency" or d.report is not True, d



def test_an_emergency_only_the_model_hears_goes_to_its_handler_not_to_a_likeness(
        shipped: Router, monkeypatch: pytest.MonkeyPatch) -> None:
    """Beside an emergency the model's own head hears, a likeness of characters to an ordinary matter names no
    handler: the model's does (a person outside a bridge's railing was once the transport bureau's, by likeness)."""
    import numpy as np

    text = "铁桥上有个人坐在外头一直往下看 好吓人"
    found = shipped.classifier.classify(text)
    assert found.top is not None and all(w.startswith("≈") for w in found.top.matched)  # a likeness, nothing else
    likeness_lead = shipped.rulebook.category_by_id[found.top.category].lead
    model = shipped.starter[0]
    police = next(label for label in model.labels if shipped._handler_of(label, model) == "police")
    assert likeness_lead != "police"

    def assess(texts: list[str], found: object = None) -> tuple[np.ndarray, dict[str, np.ndarray]]:
        scores = np.full((len(texts), len(model.labels)), 0.01)
        scores[:, model.labels.index(police)] = 0.5  # the model's best, below model_alone: not sure enough alone
        return scores, {"emergency": np.full(len(texts), 0.95), "report": np.full(len(texts), 0.99)}

    monkeypatch.setattr(model, "assess", assess)
    d = shipped.route(text)
    assert (d.report, d.priority, d.lead, d.source.kind) == (True, "emergency", "police", "model"), d


@pytest.mark.parametrize(("text", "lead", "priority"), [
    ("水管漏水冻成冰溜子 就挂在楼门口头顶 随时会掉下来砸到人", "housing", "emergency"),
    ("楼道的水管漏水 台阶上冻成冰溜子了", "property", None),
])
def test_a_leak_frozen_to_an_icicle_is_a_leak_until_it_is_about_to_fall(router: Router, text: str, lead: str,
                                                                        priority: str | None) -> None:
    d = router.route(text)
    assert (d.report, d.lead) == (True, lead) and priority in (None, d.priority), d


@pytest.mark.parametrize("text", [
    "楼下问停水的 讲是管道检修 晚上八点来水",
    "Thanks to whoever fixed the cracked step by the gate, much safer now",
])
def test_the_109th_sets_non_reports_in_our_words_make_no_ticket(shipped: Router, text: str) -> None:
    """Non-reports of the 109th set (Urumqi and Guilin): what was asked relayed with its answer, English thanks for
    fixing a broken thing."""
    assert shipped.route(text).report is not True


@pytest.mark.parametrize(("text", "lead", "priority"), [
    ("Bought a silver ring at the night market, turned out to be fake, they say no refunds", "market", None),
    ("the power keeps cutting out every night in our building", "power", None),
    ("山上又落石了 砸穿了王叔家的屋顶 上面还有石头松着", "housing", "emergency"),
    ("雪水化了 水往一楼住户家里灌 已经进来十几公分", "urban_mgmt", "emergency"),
    ("那个厂子天天冒黄烟 一股臭鸡蛋味", "ecology", None),
    ("院子里的冰溜子滑得很 物业也不来清雪", "property", None),
    ("Part of the balcony above the shop door fell off and more is hanging", "housing", "emergency"),
    ("The new owner is tearing out the carved wooden doors of the historic courtyard house", "culture", None),
    ("Kebab smoke comes into our windows every evening", "environment", None),
    ("隔壁男的提着刀追着老婆 她一直喊救命", "women", "emergency"),
])
def test_the_109th_sets_matters_in_our_words(router: Router, text: str, lead: str, priority: str | None) -> None:
    """Matters of the 109th set: English fakes with no refunds, power cutting out, falling concrete, heritage torn
    out and kebab smoke; rockfalls through a roof, melt water pouring into homes, a factory's rotten-egg smoke (no gas
    leak), icy yards (no collapse), a knife-chase of a wife (domestic violence)."""
    d = router.route(text)
    assert (d.report, d.lead) == (True, lead) and priority in (None, d.priority), d


def test_a_fire_of_last_year_vetoes_no_fire_burning_again_today(router: Router) -> None:
    """去年 sets a fire of then aside, not one that burns again today: the matter stays a fire, at emergency."""
    d = router.route("去年那家着过火 今天又着火了")
    assert (d.category, d.priority) == ("fire", "emergency"), d
    then = router.classifier.classify("去年楼下着过一次火 吓死人").top
    assert then is None or then.category != "fire"


@pytest.mark.parametrize("text", [
    "In reply to your question about the gas: the company says it comes back tonight",
    "Two winters ago a shed caught fire across the road, gave us all a fright. Stay safe everyone.",
    "Staying here a few days for work, any suggestions for a good dumpling place?",
    "楼上的 我们家没停电 应该是你们单元的问题",
    "The sky is so much clearer today, you can see the hills",
])
def test_the_110th_sets_non_reports_in_our_words_make_no_ticket(shipped: Router, text: str) -> None:
    """Non-reports of the 110th set (Shijiazhuang and Xining): an English answer in reply to a question, a fire of
    winters ago ending "stay safe", an English question after a comma, a neighbour telling the one who asked that it
    is not so at theirs, an English remark that the air is better today."""
    assert shipped.route(text).report is not True


@pytest.mark.parametrize(("text", "lead", "priority"), [
    ("大风刮断了电线 掉在铁栏杆上 孩子们还在边上玩", "power", "emergency"),
    ("门口台阶上冰溜子一层 老人都不敢出门", "property", None),
    ("楼顶的檐口裂开了 随时要掉 底下就是小卖部", "housing", "emergency"),
    ("the guy upstairs keeps throwing cans out of a window onto the path", "public_security", None),
    ("车棚门口停满了电动车 汽车进不去也出不来", None, None),
    ("楼道里电瓶车充电的时候炸了 现在正在烧", "fire", "emergency"),
    ("Our neighbour is dizzy and vomiting, she can barely stand, please send someone", "public_health", "emergency"),
    ("Paid a whole year in advance at the swimming club and now it has shut", "market", None),
    ("快递员从来不送上楼 往门口一放就走", "transport", None),
    ("楼梯间里有个人趴着 没气了", "police", "emergency"),
    ("那个塑料厂每天晚上排一股烧焦味 呛得人咳嗽", "ecology", None),
    ("Water keeps dripping through our bathroom ceiling and the stain is growing", "property", None),
    ("对门两口子又吵起来了 男的嚷着要打死她", "women", "emergency"),
    ("邻居把院墙往我家地里挪了半米 说了也不听", "mediation", None),
])
def test_the_110th_sets_matters_in_our_words(router: Router, text: str, lead: str | None,
                                             priority: str | None) -> None:
    """Matters of the 110th set: a wire broken by wind or snow lying on a fence (a live wire, emergency), a yard's
    ice (no collapse), a ledge about to fall, English litter thrown out of a window, vehicles that cannot get in or
    out (nobody trapped), an e-bike battery that exploded and burns, English dizziness and vomiting, a year paid in
    advance, a courier who leaves parcels at the door, a person found not breathing, a factory's burnt smell every
    night (pollution, no fire), English water through a ceiling, a husband shouting he will beat his wife to death,
    a neighbour's wall moved onto one's land."""
    d = router.route(text)
    assert d.report is True and (lead is None or d.lead == lead) and priority in (None, d.priority), d
    if lead is None:  # nobody trapped: no emergency
        assert d.priority != "emergency", d


@pytest.mark.parametrize("text", [
    "前两天江边有人掉水里 后来被拉上来了 大家钓鱼当心点",
    "我觉得停车费涨点也行 只要有人管就中",
])
def test_the_111th_sets_non_reports_in_our_words_make_no_ticket(shipped: Router, text: str) -> None:
    """Non-reports of the 111th set (Yinchuan and Dalian): someone who fell into the water days ago and was pulled
    out, an opinion that accepts a rise in a fee."""
    assert shipped.route(text).report is not True


@pytest.mark.parametrize(("text", "lead", "priority"), [
    ("The couple upstairs shout at us about our dog. We don't want a fight, can someone talk to them?", "mediation",
     None),
    ("I did two months at the warehouse and they still owe me my pay", "hrss", None),
    ("楼道里晾衣服的事 两家吵了好几回 都快打起来了", "mediation", None),
    ("桥洞底下发现个人 没气了", "police", "emergency"),
    ("社区窗口的工作人员态度忒差 问两句就不耐烦", "district_office", None),
    ("The noodle shop charged me 300 yuan for two bowls and said the menu price was per person", "market", None),
])
def test_the_111th_sets_matters_in_our_words(router: Router, text: str, lead: str, priority: str | None) -> None:
    """Matters of the 111th set: an English quarrel where nobody wants a fight (no violence), English wages still
    owed, two households close to blows (a dispute, not yet a fight), a person found not breathing, a window clerk's
    rudeness (officials' conduct), an English tourist overcharged."""
    d = router.route(text)
    assert (d.report, d.lead) == (True, lead) and priority in (None, d.priority), d
    if priority is None:
        assert d.priority != "emergency", d


def test_a_fire_burning_again_today_after_one_of_last_year_is_not_asked_about(shipped: Router) -> None:
    """去年那家着过火 今天又着火了: the starter model's doubt (a story of then) does not hold up a fire said to burn
    again today; a fire of last year alone stays asked about, never registered as one burning now."""
    d = shipped.route("去年那家着过火 今天又着火了")
    assert (d.report, d.priority, d.lead) == (True, "emergency", "fire"), d
    assert shipped.route("去年那家着过一次火 吓死人了").priority != "emergency"


@pytest.mark.parametrize("text", [
    "前天停水那回 幸好半天就来了",
    "万一家里煤气漏了 我们应该先做啥西",
    "南门口那家糖油粑粑还是一绝 韵味十足",
])
def test_the_112th_sets_non_reports_in_our_words_make_no_ticket(shipped: Router, text: str) -> None:
    """Non-reports of the 112th set (Changsha and Ningbo): a cut of days ago told as "that time" that ended well, a
    what-if asking what to do first in Wu words, praise of a snack."""
    assert shipped.route(text).report is not True


@pytest.mark.parametrize(("text", "lead", "priority"), [
    ("阿拉外婆出门买菜 五个钟头了还没回来 她记性不好", "police", "emergency"),
    ("弄堂口那栋老宅子的砖雕被人撬走了", "culture", None),
    ("三楼晾衣服滴水 滴到我家被子上 讲了好几回", "mediation", None),
    ("My husband has been beating me for months and I don't know where to go", "women", None),
    ("好几日没见着隔壁阿公 门口一股臭味 苍蝇也多", "police", "emergency"),
    ("楼下那个男的拿刀追伊老婆 一直在喊救命", "women", "emergency"),
    ("社区窗口的工作人员态度交关差 上班时间在里头打麻将", "district_office", None),
    ("The flat upstairs has been split into small rooms with plywood walls and a dozen people live there",
     "public_security", None),
    ("My neighbour fell down the stairs and hit his head, he doesn't know where he is", "public_health", "emergency"),
    ("路边电箱的门开着 刚刚有个小孩摸了一下 手麻了", "power", "emergency"),
    ("去年冬天这栋楼着过火 楼道到现在还是黑的 也没人来刷", None, None),
])
def test_the_112th_sets_matters_in_our_words(router: Router, text: str, lead: str | None,
                                             priority: str | None) -> None:
    """Matters of the 112th set: a forgetful grandmother hours overdue (a missing person), heritage carvings prised
    off, washing that drips onto a neighbour (a dispute, no leak), English domestic violence, a neighbour not seen
    for days and a smell (a death found), a knife-chase of 伊老婆 (his wife, in Wu), a clerk playing mahjong,
    English flats cut into rooms, an English fall with a head injury, a shock from a cabinet just now; a fire of
    last winter and what is still wrong now (a report, no emergency)."""
    d = router.route(text)
    assert d.report is True and (lead is None or d.lead == lead) and priority in (None, d.priority), d
    if lead is None:
        assert d.priority != "emergency", d


def test_a_danger_of_days_ago_with_a_complaint_after_it_is_the_complaint(router: Router) -> None:
    """An emergency told of a time gone by, with what is still wrong now, is that complaint (no emergency); a danger
    still there (…电线耷拉在巷子里 孩子还在边上玩) stays an emergency."""
    then = router.route("上个礼拜一个老人晚上掉进没盖的窨井 腿都摔断了 盖子到现在都没人装")
    assert then.report is True and then.priority != "emergency", then
    there = router.route("昨天大风吹断的电线耷拉在巷子里 还在冒火花 孩子还在边上玩")
    assert (there.priority, there.lead) == ("emergency", "power"), there


def test_an_english_matter_that_asks_whom_to_complain_to_is_registered(shipped: Router) -> None:
    """An English complaint that ends asking where to complain is a report, registered at once (the 110th set's
    prepaid gym was asked about first); a question about nothing wrong is still only a question."""
    d = shipped.route("The swimming club shut last week and I had paid a whole year in advance. Who do I complain to?")
    assert (d.report, d.lead) == (True, "market"), d
    assert shipped.route("Is the swimming club open on Sundays?").report is not True


@pytest.mark.parametrize("text", [
    "Free eye screenings next Sunday morning at the community hall, bring your glasses.",
    "Two winters ago a flat in our block caught fire and the firemen were there in minutes. So impressed.",
    "Update from the clinic: the lady who collapsed on Monday is stable and going home soon. Thanks all.",
    "Went to the earthquake drill today, really well organised!",
])
def test_the_113th_sets_non_reports_in_our_words_make_no_ticket(shipped: Router, text: str) -> None:
    """Non-reports of the 113th set (Hefei and Kunming): an English invitation to free health checks, a fire of
    winters ago told with praise, a patient now stable, praise of a drill."""
    assert shipped.route(text).report is not True


@pytest.mark.parametrize(("text", "lead", "priority"), [
    ("厨房顶上漏水 楼上那家敲不开门 喊不应 咋个整", "property", None),
    ("The bakery is selling cheap cakes relabelled as a famous brand, using its logo without permission", "market",
     None),
    ("对门男的喝了酒拿着棍子撵他媳妇 满楼道跑", "women", "emergency"),
    ("Someone keeps throwing bottles from a high floor onto the path", "public_security", None),
    ("There's a little boy on the window ledge of the 6th floor and no adult around", "children", "emergency"),
    ("A woman just fell by the bus stop, head bleeding, she can't tell us her name", "public_health", "emergency"),
    ("征地补偿的事找信访反映了半年了 没人回复 每次打电话都说在研究", "district_office", None),
    ("村集体的门面房租金收了好几年 钱去哪里了 从来不公开", "economy", None),
    ("老年活动中心关了半年 老人们没地方去", "welfare", None),
    ("有个侠侠一个人在塘边玩 大人不在", "children", "emergency"),
])
def test_the_113th_sets_matters_in_our_words(shipped: Router, text: str, lead: str, priority: str | None) -> None:
    """Matters of the 113th set: a leak whose upstairs neighbour does not answer (nobody unconscious), English
    relabelled goods, a drunk husband chasing his wife with a stick (撵), English litter from a high floor, a child on
    a window ledge, a fall with a head wound, a petition unanswered for months (officials' conduct), collective
    rents never published, an old people's centre closed, a Hefei 侠侠 (a child) alone by a pond."""
    d = shipped.route(text)
    assert (d.report, d.lead) == (True, lead) and priority in (None, d.priority), d
    if priority is None:
        assert d.priority != "emergency", d


@pytest.mark.parametrize(("text", "lead"), [
    ("My grandfather is having a stroke, his face is drooping on one side", "public_health"),
    ("The lady downstairs is lying on the floor and won't wake up", "public_health"),
    ("My husband is struggling to breathe and his lips are blue", "public_health"),
    ("The whole stairwell smells like gas", "gas"),
    ("A little girl has climbed out of the window on the 5th floor", "children"),
])
def test_english_emergencies_said_the_way_people_describe_them(router: Router, text: str, lead: str) -> None:
    """English emergencies told by what is seen (a stroke's drooping face, someone on the floor who will not wake,
    blue lips, a smell of gas, a child out of a window) are emergencies for the right handler."""
    d = router.route(text)
    assert (d.report, d.priority, d.lead) == (True, "emergency", lead), d


@pytest.mark.parametrize("text", [
    "Waited 5 hours at the hospital with my daughter's broken arm and nobody saw us",
    "The barbecue smoke comes into my flat every night, I can't breathe in there",
])
def test_english_injuries_in_a_complaint_are_no_emergency(router: Router, text: str) -> None:
    """An injury already at the hospital, or "can't breathe" said of smoke every night, is a complaint, not an
    emergency now."""
    assert router.route(text).priority != "emergency"


def test_the_114th_sets_story_of_old_workmates_scattered_is_no_missing_person(shipped: Router) -> None:
    """走的走 散的散 (gone their ways) in a story of old workmates is no one missing."""
    d = shipped.route("说起当年车间那帮兄弟 走的走散的散 就剩我们俩还常联系")
    assert d.report is not True and d.priority != "emergency", d


@pytest.mark.parametrize(("text", "lead", "priority"), [
    ("Someone phoned claiming to be from the tax office and said I must transfer money today", "police", None),
    ("我个仔困咗喺电梯入面 出唔嚟", "fire", "emergency"),
    ("The heater I ordered arrived broken and the seller refuses to take it back", "market", None),
    ("楼顶那块预制板松动了 随时要掉 下面是停车的地方", "housing", "emergency"),
    ("The drain at the bottom of our street is clogged and the road floods every time it rains", "urban_mgmt", None),
    ("骑楼嘅批荡跌咗落嚟 差啲砸中个阿伯", "housing", "emergency"),
    ("有人喺门口派鸡蛋卖保健品 我阿妈俾人呃咗两万蚊", "police", None),
    ("楼上养鸽子 鸽子粪往下掉 说了也不听 能不能帮忙调解", "mediation", None),
    ("楼上冷气滴水 滴到我阳台 讲咗几次都唔理", "mediation", None),
    ("Our building management charged us a lift fee twice this year", "property", None),
    ("They haven't paid our overtime since August", "hrss", None),
    ("给社区打了六回电话 都说转了 一个月了还是没人来", "district_office", None),
])
def test_the_114th_sets_matters_in_our_words(shipped: Router, text: str, lead: str, priority: str | None) -> None:
    """Matters of the 114th set (Shenyang and Zhuhai/Zhongshan): English fraud calls, a child trapped in a lift (in
    Cantonese), English goods refused back, a slab about to fall, English clogged drains, plaster fallen off an
    arcade (批荡 跌咗落嚟), old people cheated of thousands (俾人呃), pigeon droppings and air-conditioner drips
    (neighbours' disputes, no collapse or leak), English fees charged twice, overtime unpaid, an office phoned six
    times to no end (officials' conduct)."""
    d = shipped.route(text)
    assert (d.report, d.lead) == (True, lead) and priority in (None, d.priority), d
    if priority is None:
        assert d.priority != "emergency", d


def test_a_burglary_happening_now_is_an_emergency_one_of_last_week_is_not(router: Router) -> None:
    """Someone breaking in now (正在撬门) is an emergency by the rules' own words, not by a model's guess; a lock forced
    last week is a report of a theft."""
    now = router.route("快来人 有个人正在撬对面的门 屋里没人")
    assert (now.priority, now.lead) == ("emergency", "public_security"), now
    assert router.route("上周我家门锁被撬了").priority != "emergency"


@pytest.mark.parametrize("text", [
    "昨天那么大的风 俺家窗户一点事都没 老房子还是中",
    "Just a joke: why did the lift get promoted? It always went up",
    "Had my blood test at the community clinic this morning, quick and easy. Highly recommend!",
])
def test_the_115th_sets_non_reports_in_our_words_make_no_ticket(shipped: Router, text: str) -> None:
    """Non-reports of the 115th set (Luoyang and Nanchang): a storm that did nothing to an old house (Henan 中), an
    English joke about a matter's thing, English praise of a clinic."""
    assert shipped.route(text).report is not True


@pytest.mark.parametrize(("text", "lead", "priority"), [
    ("I moved here from Guangzhou and need to transfer my pension account, nobody at the office knows how", "hrss",
     None),
    ("河水涨上来了 一楼水进屋了 家具都漂起来了", "urban_mgmt", "emergency"),
    ("对面两公婆打起来了 男的拿刀追 女的喊救命", "women", "emergency"),
    ("Hi everyone, sorry for the long message. Since the summer the family upstairs has been throwing cigarette butts "
     "onto our balcony and last week a bottle smashed next to my son. We have asked them nicely three times and "
     "they just laugh. Please can someone from the committee speak to them?", "public_security", None),
    ("城管把俺的摊子收了 还推了俺一把", "district_office", None),
    ("A nurse told me a neighbour came in with bruises, her husband beats her", "women", None),
    ("After the storm a huge branch is hanging over the school gate, ready to fall on someone", "urban_mgmt",
     "emergency"),
])
def test_the_115th_sets_matters_in_our_words(shipped: Router, text: str, lead: str, priority: str | None) -> None:
    """Matters of the 115th set: an English pension transfer, river water in homes with furniture afloat, a couple
    (两公婆) fighting with a knife, a long English complaint after a greeting (never dropped), an enforcement officer
    who pushed a vendor, English domestic violence told by a nurse, a storm-broken branch over a path."""
    d = shipped.route(text)
    assert (d.report, d.lead) == (True, lead) and priority in (None, d.priority), d


@pytest.mark.parametrize(("text", "lead", "priority"), [
    ("阮阿嬷佇厝内昏去 叫攏叫袂醒", "public_health", "emergency"),
    ("隔壁彼个查某人 伊翁又咧拍伊 伊咧喝救人", "women", "emergency"),
    ("阮阿公关佇内底出袂来 门锁坏去", "fire", "emergency"),
    ("落大雨 水攏流入厝内矣", "urban_mgmt", "emergency"),
    ("阮这栋楼虼蚻满四界", "public_health", None),
    ("台风过后 阮厝顶的瓦片攏松去 一直落落来", "housing", "emergency"),
    ("阮投诉巷仔的路灯两年 逐摆攏讲欲处理 到今嘛无人来", "district_office", None),
])
def test_written_hokkien_is_read_as_mandarin(shipped: Router, text: str, lead: str, priority: str | None) -> None:
    """Written Hokkien (the 116th set, Quanzhou): 阮 我们, 伊 他, 佇 在, 攏 都, 袂 不, 厝 房子 (厝内 家里), 昏去 昏过去,
    拍 打, 喝救人 喊救命, 虼蚻 蟑螂, 落落来 掉下来, 逐摆 每次, 今嘛 现在: normal form 17."""
    d = shipped.route(text)
    assert (d.report, d.lead) == (True, lead) and priority in (None, d.priority), d


def test_hokkien_words_leave_the_mandarin_words_that_hold_their_characters() -> None:
    """伊犁, 新年伊始, 拉拢, 木乃伊 and 姓阮 keep their characters; 摇摇欲坠 is untouched."""
    from rules.normalize import normalize
    assert normalize("伊犁的阮老师说新年伊始别拉拢人 木乃伊 摇摇欲坠") == "伊犁的阮老师说新年伊始别拉拢人木乃伊摇摇欲坠"
    assert normalize("伊讲的毋着") == "他讲的不对"


@pytest.mark.parametrize("text", [
    "他讲的不对 收垃圾是早上七点 不是八点",
    "上回电梯关人那事 物业处理得老快了 点个赞",
    "Wondering if the haze here in spring is worse than in the north? My first year here",
    "放暑假了 家长们看好孩子 别让去河边玩水",
])
def test_the_116th_sets_non_reports_in_our_words_make_no_ticket(shipped: Router, text: str) -> None:
    """Non-reports of the 116th set (Tangshan and Quanzhou): a correction of what someone said, a lift rescue of
    last time praised, an English "wondering if" question, advice to keep children from the river."""
    assert shipped.route(text).report is not True


@pytest.mark.parametrize(("text", "lead"), [
    ("阮厝边彼间厝住十外个人 规暝出出入入", "public_security"),
    ("隔壁的囝仔才十二岁 毋读册 予伊老爸叫去工厂做工", "children"),
])
def test_more_written_hokkien_is_read_as_mandarin(shipped: Router, text: str, lead: str) -> None:
    """十外个 十多个, 规暝 整晚, 读册 读书 (the 116th set): a flat crowded with a dozen people coming and going all
    night (group rental), a child of twelve taken out of school to work."""
    d = shipped.route(text)
    assert (d.report, d.lead) == (True, lead), d


def test_a_hokkien_what_if_is_asked_about_not_registered(shipped: Router) -> None:
    """若是…欲拍啥物电话 (if…, whom do we phone?) is a what-if, asked about, never registered unasked."""
    assert shipped.route("若是台风时厝顶漏水 欲拍啥物电话").report is not True


@pytest.mark.parametrize(("text", "lead", "priority"), [
    ("对面工地嘅棚架斜咗 就快倒落嚟 下面成日有人行", "housing", "emergency"),
    ("楼梯底下躺住个阿伯 冇咗气 身都凉咗", "police", "emergency"),
    ("我爸心口疼得厉害 一直冒冷汗", "public_health", "emergency"),
    ("扇门锁坏咗 阿嫲喺入面出唔到 锅仲喺炉上烧紧", "fire", "emergency"),
    ("楼上那家的小孩天天挨打 今天又哭得不行", "children", "emergency"),
])
def test_the_117th_sets_emergencies_in_our_words(shipped: Router, text: str, lead: str, priority: str) -> None:
    """Emergencies of the 117th set (Yanji and Zhanjiang) in our words: a Cantonese scaffold (棚架) leaning and
    about to fall, a man found under the stairs with no breath and his body cold (death found), chest pain said
    as 心口疼, a grandmother who cannot get out (入面出唔到) with a pot still burning on the stove (people
    trapped), a child beaten next door (a child's matter, not a wife's)."""
    d = shipped.route(text)
    assert (d.report, d.lead, d.priority) == (True, lead, priority), d


@pytest.mark.parametrize(("text", "lead"), [
    ("带狗坐电梯不拴绳 把我奶奶吓坏了", "public_security"),
    ("对门把屋子隔成一格一格的 租给好多人住", "public_security"),
    ("隔壁阿姨整天在我门口晒咸鱼 说她不听", "mediation"),
    ("小区门口污水井的事反映了半年 热线上显示已办结 根本没人来", "district_office"),
    ("I called the hotline three times about the blocked drain, each time closed as solved but nothing changed",
     "district_office"),
    ("A kid is wandering on the main road by himself, no parents around", "children"),
    ("After the storm two big branches are lying across the footpath by the bus stop", "urban_mgmt"),
    ("The market management doubled our stall fee this month without any notice", "market"),
    ("My daughter's school is charging extra for the lunch break supervision", "education"),
    ("The noodle shop downstairs pumps smoke into our windows every evening", "environment"),
    ("Someone rang my neighbour claiming to be her son in trouble and she wired 5000 yuan", "police"),
])
def test_the_117th_sets_reports_in_our_words(shipped: Router, text: str, lead: str) -> None:
    """Reports of the 117th set in our words: 吓坏 is a fright, no lift breaking down (a dog without a lead in
    the lift); a flat partitioned into cubicles (group rental); a neighbour who will not listen; a complaint
    the hotline marks done while nothing was done (oversight, in Chinese and English, above the matter it is
    about); a child alone by traffic; branches across a path; a stall fee; a school's extra charge; smoke
    pumped into windows; money wired after a call."""
    d = shipped.route(text)
    assert (d.report, d.lead) == (True, lead), d


@pytest.mark.parametrize("text", [
    "如果屋企煤气漏咗应该点做 系咪要开窗先",
    "补办社保卡去街道服务中心 带上身份证就行",
    "佢讲嘅冇错 电动车要去物业登记先至充得电",
    "Back home for the holidays, happy to help any kids who want to practise English",
])
def test_the_117th_sets_non_reports_in_our_words_make_no_ticket(shipped: Router, text: str) -> None:
    """Non-reports of the 117th set: a Cantonese what-if (应该点做: what should one do), advice on where to go
    (…带上身份证就行), agreeing with what someone said (佢讲嘅冇错), an English offer to help children."""
    assert shipped.route(text).report is not True


def test_a_long_english_message_that_opens_with_a_greeting_is_never_dropped(shipped: Router) -> None:
    """A greeting that opens a long message only opens it, whether or not the rules know the matter told."""
    d = shipped.route("Hello everyone, I moved here in spring and I like the street food a lot. Since last week "
                      "a loading bay behind the building has lorries coming and going all night, doors slamming "
                      "and people shouting. What can we do?")
    assert d.report is not False, d


@pytest.mark.parametrize(("text", "lead"), [
    ("三楼阳台裂咗好长一条缝 随时跌落嚟 楼下係巴士站", "housing"),
    ("隔壁窗口个空调支架锈断咗 外机吊住喺度晃", "housing"),
    ("街坊食完虾过敏 起晒红疹 喉咙肿到讲唔到嘢", "public_health"),
    ("阿伯跌喺浴室 叫都唔应 我已经打咗120 快啲派人嚟", "public_health"),
])
def test_the_118th_sets_emergencies_in_our_words(shipped: Router, text: str, lead: str) -> None:
    """Emergencies of the 118th set (Xuzhou and Beihai) in our words: a cracked balcony that may fall at any
    moment, an air-conditioner's bracket rusted through with the unit swinging, an allergy that swells the throat
    until one cannot speak (讲唔到嘢), a man on the floor who does not answer, 120 already called."""
    d = shipped.route(text)
    assert (d.report, d.lead, d.priority) == (True, lead, "emergency"), d


@pytest.mark.parametrize(("text", "lead"), [
    ("楼下烧烤档收档洗地 搞到两点 晚晚如此", "environment"),
    ("供暖站的锅炉冒黑烟 呛得我们老两口喘不上气", "ecology"),
    ("The ferry charged us double the posted price and gave no receipt", "market"),
    ("The seafood stall sold us spoiled oysters, we were sick all night", "market"),
    ("隔壁那家孩子老是挨打 大人常年在外地", "children"),
])
def test_the_118th_sets_reports_in_our_words(shipped: Router, text: str, lead: str) -> None:
    """Reports of the 118th set in our words: noise until two every night, boiler smoke that makes breathing hard
    (pollution, not a medical emergency: 呛得…喘不上气 is what the smoke does), a price above the posted one, spoiled
    seafood, a child often beaten."""
    d = shipped.route(text)
    assert (d.report, d.lead) == (True, lead), d


@pytest.mark.parametrize("text", [
    "前年冬天我们单元煤气漏过一回 消防都来了 大伙用气都注意点啊",
    "昨天去塌陷湖公园走了走 荷花都开了",
    "要带户口本原件和两张照片 我前天刚办完",
    "去年台风那回 物业连夜抽水 人都木事",
])
def test_the_118th_sets_non_reports_in_our_words_make_no_ticket(shipped: Router, text: str) -> None:
    """Non-reports of the 118th set: a danger of a year gone by told to warn all (…大伙…注意点啊), a walk in a
    lake park named for a mine's subsidence (塌陷湖), what to bring, told, a typhoon of last year that ended well
    (人都木事: all right, in Xuzhou words)."""
    assert shipped.route(text).report is not True


@pytest.mark.parametrize(("text", "lead"), [
    ("该个阿奴一个人爬到河堤上去爻 冇大人看", "children"),
    ("出租屋那个老头好几日冇出门 邻居推门进去 人已经冇气爻", "police"),
    ("三楼水管爆爻 水一直往人家屋里去了", "property"),
    ("车库进水了 是楼上的下水管子裂了 水都快没过电表箱了", "property"),
])
def test_the_119th_sets_emergencies_in_our_words(shipped: Router, text: str, lead: str) -> None:
    """Emergencies of the 119th set (Wenzhou and Baoding) in our words: normal form 18 reads Wenzhou 爻 (了), 该个
    (这个), 阿奴 (a child); a man found with no breath (人已经没气了) is a death found; a burst pipe pouring into a
    home, and a garage flooded by the building's own cracked pipe, are the property manager's, at once."""
    d = shipped.route(text)
    assert (d.report, d.lead, d.priority) == (True, lead, "emergency"), d


@pytest.mark.parametrize(("text", "lead"), [
    ("走廊漏水的事反映了两个月 居委会讲报上去了 到现在没人来", "district_office"),
    ("厂门口堆着几桶天那水 那几个人就在旁边抽烟", "fire"),
    ("The family upstairs says our pipe leaks into their kitchen and wants us to pay, please mediate", "mediation"),
])
def test_the_119th_sets_reports_in_our_words(shipped: Router, text: str, lead: str) -> None:
    """Reports of the 119th set in our words: a complaint passed up and left (oversight), solvent stacked beside
    smokers (a fire hazard, and 坐在边上 beside them is no one on a roof edge), a neighbour's claim for a leak
    (mediation)."""
    d = shipped.route(text)
    assert (d.report, d.lead) == (True, lead), d


def test_cracks_in_an_old_block_asked_about_in_english_go_to_housing(shipped: Router) -> None:
    """Cracks in an old block's walls, asked about in English (is it still safe?): housing, never dropped."""
    d = shipped.route("There are big cracks in the walls of our old block now, is it still safe to live here?")
    assert (d.report is not False, d.lead) == (True, "housing"), d


@pytest.mark.parametrize("text", [
    "不是我家 我家没停水 是对面那栋",
    "楼上那位问的 物业费去一楼服务台交就行",
    "I think the new parking rules are fine, it was chaos before",
    "早啊 又是挤地铁的一天",
    "物业把楼下那个坑填平了 走路不怕绊了 谢谢",
])
def test_the_119th_sets_non_reports_in_our_words_make_no_ticket(shipped: Router, text: str) -> None:
    """Non-reports of the 119th set: not at our home (不是我家…没…), a neighbour's question answered (楼上那位问的…),
    an English opinion that a rule is fine, a commuter's good morning, thanks for a hole filled (填平了)."""
    assert shipped.route(text).report is not True


def test_someone_sitting_on_a_roof_edge_is_still_an_emergency(shipped: Router) -> None:
    """坐在边上 is an emergency only at a height (楼顶, 天台, 桥, 阳台…), no longer anywhere."""
    d = shipped.route("天台上有个小伙子坐在边上 一直在哭")
    assert (d.report, d.priority) == (True, "emergency"), d


@pytest.mark.parametrize(("text", "lead"), [
    ("雪太厚了 菜场的铁皮棚子压得往下塌 底下还有摊主", "housing"),
    ("对门两口子上班去了 把四岁娃锁在屋头 哭了一上午", "children"),
    ("河滩上发现个人趴着 喊不应 好像已经莫得气了", "police"),
    ("We lost our 5 year old son at the night market ten minutes ago, blue cap, please help", "police"),
    ("五楼的防火门被人锁死了 楼上的人下不来", "fire"),
])
def test_the_120th_sets_emergencies_in_our_words(shipped: Router, text: str, lead: str) -> None:
    """Emergencies of the 120th set (Zunyi and Weihai) in our words: a roof crushed by snow over people, a small
    child locked in at home (把…娃锁在屋头), a person *found* with no breath (a death found; one who just fell,
    好像没气了, stays a medical emergency), a child lost in English (lost our … son), a fire door locked shut."""
    d = shipped.route(text)
    assert (d.report, d.lead, d.priority) == (True, lead, "emergency"), d


@pytest.mark.parametrize(("text", "lead"), [
    ("刚才广场上有个阿姨突然倒下了 好像没气了 快叫120", "public_health"),
])
def test_a_person_who_just_collapsed_is_still_a_medical_emergency(shipped: Router, text: str, lead: str) -> None:
    """好像没气了 after a fall just now is for the ambulance (120), not a death found."""
    d = shipped.route(text)
    assert (d.report, d.lead, d.priority) == (True, lead, "emergency"), d


@pytest.mark.parametrize(("text", "lead"), [
    ("厂里说资金周转不过来 三个月工资没发 老板躲起不见人", "hrss"),
    ("搬迁来的几个老人听不懂普通话 看病拿药都没人陪", "welfare"),
    ("我反映井盖的事打了四次电话 每次都说马上派人 两个月了还是没盖", "district_office"),
    ("去年就反映的路灯 到现在没人管 街道推社区 社区推城管", "district_office"),
    ("老灯塔的墙上被人用刀刻了好多字", "culture"),
    ("Water coming from the ceiling of my shop since this morning, nobody answers upstairs", "property"),
    ("The seafood place charged us 900 for two crabs and the menu had no prices", "market"),
    ("The tea I bought at the market is fake, the packaging is misspelled", "market"),
    ("Our school asks for a 300 yuan material fee each term with no explanation", "education"),
    ("I want to marry my girlfriend here but the marriage office keeps sending me away", "civil_affairs"),
    ("Someone sprayed paint on the old stone memorial in the park", "culture"),
    ("The boy next door is always alone and hungry, his parents are away for weeks", "children"),
])
def test_the_120th_sets_reports_in_our_words(shipped: Router, text: str, lead: str) -> None:
    """Reports of the 120th set in our words: wages held back (资金周转不过来, 老板躲起), relocated elders with
    nobody to take them to the doctor, complaints phoned in again and again or pushed from office to office for a
    year (oversight), a carved lighthouse; in English a leak from the ceiling, a menu without prices, fake goods, a
    school's material fee, a marriage office, a memorial defaced, a child left alone for weeks."""
    d = shipped.route(text)
    assert (d.report, d.lead) == (True, lead), d


@pytest.mark.parametrize("text", [
    "我们刚搬来那阵啥子都不懂 都是网格员带着跑 现在都安顿好了 就是想说一声谢谢",
    "上回那个水管爆了的事 后来咋样了",
    "我看停车费涨一点也正常 物价都在涨",
    "Reply to Mrs. Lee: the clinic opens at 8 on Saturdays",
    "Thanks, the hallway is bright now!",
    "A year ago our pipes froze and the neighbours helped us all night. This is such a great community.",
])
def test_the_120th_sets_non_reports_in_our_words_make_no_ticket(shipped: Router, text: str) -> None:
    """Non-reports of the 120th set: a long thank-you that says so at its end (就是想说一声谢谢), a question about what
    came of a matter of last time (后来咋样了), an opinion that a rise is normal (也正常), an English answer to a named
    neighbour, thanks for lights that are bright now, praise of a great community after a story."""
    assert shipped.route(text).report is not True


def test_a_sons_thing_lost_is_no_lost_child(shipped: Router) -> None:
    """"lost my son's …" names a thing lost, not a child: never an emergency ("lost my son" alone is one)."""
    assert shipped.route("I lost my son's school bag on the bus this morning").priority != "emergency"
    assert shipped.route("I lost my son in the shopping mall, he is four").priority == "emergency"


@pytest.mark.parametrize(("text", "lead", "priority"), [
    ("My flatmate didn't come back last night and her phone has been off since midnight", "police", "emergency"),
    ("A piece of the balcony across the road just fell onto the street, the rest is hanging by the rebar",
     "housing", "emergency"),
    ("江边发现个人泡在水里 一动不动", "police", "emergency"),
])
def test_the_121st_and_122nd_sets_emergencies_in_our_words(shipped: Router, text: str, lead: str,
                                                            priority: str) -> None:
    """Emergencies of the 121st (Kashgar and Lijiang) and 122nd (Yulin and Jingdezhen) sets in our words: a young
    woman who did not come back with her phone off, a balcony fallen and hanging by its rebar ("just fell" is a
    collapse here, not a person), a person found motionless in the water (a death found)."""
    d = shipped.route(text)
    assert (d.report, d.lead, d.priority) == (True, lead, priority), d


@pytest.mark.parametrize(("text", "lead"), [
    ("天天有人推电动车上楼充电 电线从窗口拉进去", "fire"),
    ("跑运输的钱说好一趟结一趟 到现在一分钱都没给", "hrss"),
    ("两家共用一个院子 他家堆满了柴火 好好商量他不理", "mediation"),
    ("小区的篮球架篮板裂了一条大缝 挂了禁止使用的牌子两个月没人修", "property"),
    ("网上订的客栈跟图片不一样 老板说不住也不退", "market"),
    ("暖气的事打了六次电话 每次都说转办了 我要找上级", "district_office"),
    ("老街那间明代的老窑房有人在拆", "culture"),
    ("The couple next door are building an extension on the roof without any permit", "urban_mgmt"),
    ("The workshop fired me and never gave me a contract", "hrss"),
    ("A stall at the night market is selling fake tea with our company's logo", "market"),
    ("The crack in our kitchen wall keeps getting wider, is the house still safe?", "housing"),
    ("The delivery guys dump parcels at the gate and two of mine went missing", "transport"),
])
def test_the_121st_and_122nd_sets_reports_in_our_words(shipped: Router, text: str, lead: str) -> None:
    """Reports of the 121st and 122nd sets in our words: a wire pulled in through a window (拉进 is no one added to
    a group chat), freight money never paid, a shared courtyard, a cracked backboard (no building collapsing), a
    guesthouse unlike its pictures, calls that are always "passed on", a Ming kiln house pulled down; in English a
    rooftop extension, a dismissal without contract, a fake logo, a crack widening, parcels gone missing (no
    missing person)."""
    d = shipped.route(text)
    assert d.report is not False and d.lead == lead and d.priority != "emergency", d


@pytest.mark.parametrize("text", [
    "我觉得老街现在太商业化了 没以前的味道了",
    "Honestly the river walk at night is magical, love this town",
    "@老王 没停电 是你家空开跳了",
    "渠说的没错 水费是按人头算的",
    "@Tom the clinic is on the ground floor, open until 5",
    "Last year the storm flooded our yard and the whole street helped us dig out. Still grateful.",
])
def test_the_121st_and_122nd_sets_non_reports_in_our_words_make_no_ticket(shipped: Router, text: str) -> None:
    """Non-reports of the 121st and 122nd sets: an opinion that a place has lost its charm (商业化, 没以前的味道),
    English praise (magical, love this town), a neighbour told it is not a cut but their own switch (@…没停电 是…),
    agreeing in Gan words (渠说的没错), an English answer to @someone, gratitude for last year's help ("still
    grateful" says nothing is still wrong)."""
    assert shipped.route(text).report is not True


@pytest.mark.parametrize(("text", "lead"), [
    ("A guy from our dorm said he wants to end it all and walked towards the river, phone off", "police"),
    ("There's a power cable hanging low over the lane and it's arcing in the rain", "power"),
    ("河滩上趴着个人 脸朝下 喊了半天没动静", "police"),
    ("工地塔吊上一块铁皮吹下来了 还有一块吊着直晃", "housing"),
    ("A painter fell off the scaffolding next door and is lying there not moving", "housing"),
    ("The retaining wall behind our block is cracking and rocks keep coming down after the rain", "housing"),
    ("Pipe burst in my ceiling and water is pouring down next to the sockets", "property"),
])
def test_the_123rd_and_124th_sets_emergencies_in_our_words(shipped: Router, text: str, lead: str) -> None:
    """Emergencies of the 123rd (Zhangjiakou and Yichang) and 124th (Fenghuang and Yancheng) sets in our words:
    someone who wants to "end it all", a cable arcing, a person face down who does not stir (a death found), sheet
    metal blown off a crane with more swinging, a fall from scaffolding (the fall's cause, not only the injury),
    a retaining wall shedding rocks, a burst pipe by the sockets (the property manager's, not a flood)."""
    d = shipped.route(text)
    assert (d.report, d.lead, d.priority) == (True, lead, "emergency"), d


@pytest.mark.parametrize(("text", "lead"), [
    ("镇上超市卖过期酸奶 孩子喝了拉肚子 老板说没事", "market"),
    ("我反映电线的事打了五回电话 每回都港转给相关部门了 到现在没人来", "district_office"),
    ("楼上天天往下甩拖把水 甩到我晒的被子上 说了好多回没用 今天又吵起来了", "mediation"),
    ("楼下说我家渗水要我赔三千 我家防水刚做过 他天天晚上来敲门吵", "mediation"),
    ("下雪好几天了 人行道上的雪没人扫 结成冰了", "urban_mgmt"),
    ("江边老码头的石刻被人用油漆乱画", "culture"),
    ("有人举报社区干部收钱开证明 半年没人回复", "district_office"),
    ("我怀孕了老板就让我走人 一分补偿没有", "women"),
    ("The tour boat ticket doubled overnight and there is no price board", "market"),
    ("Someone is dumping construction waste into the reed beds by the wetland", "ecology"),
    ("Our winter pay is late again, none of us have been paid for six weeks", "hrss"),
    ("The ski rental shop charged me for a scratch that was already on the skis", "market"),
    ("There's a chemical plant releasing yellow smoke at night, smells like rotten eggs", "ecology"),
    ("The water has been cut off since this morning with no notice", "water"),
])
def test_the_123rd_and_124th_sets_reports_in_our_words(shipped: Router, text: str, lead: str) -> None:
    """Reports of the 123rd and 124th sets in our words: an all-clear the one blamed gives (老板说没事) clears
    nothing; Jianghuai 港 for 说; a neighbour's mop water, a neighbour's claim for a leak, snow left on pavements,
    a pier's stone carving defaced, cadres taking money for certificates, a pregnant worker sent away; in English
    a price without a board, waste in a wetland, late wages, a rental shop's false damage claim, a chemical
    plant's smoke, water cut off."""
    d = shipped.route(text)
    assert d.report is not False and d.lead == lead, d


@pytest.mark.parametrize("text", [
    "停水的事自来水公司回电话了 说是管道抢修 晚上八点来水",
    "香港过来的亲戚说咱们这边夜景好看",
])
def test_the_123rd_and_124th_sets_non_reports_in_our_words_make_no_ticket(shipped: Router, text: str) -> None:
    """Non-reports of the 123rd and 124th sets: an office's answer passed on (…回电话了 说是…), and 香港 keeps its
    harbour (港 is 说 only in a few phrases)."""
    assert shipped.route(text).report is not True


@pytest.mark.parametrize(("text", "lead"), [
    ("lift卡喺半空 入面有三个人 困咗成个钟", "fire"),
    ("厨房天花板一大块水泥掉下来了 钢筋都露出来了", "housing"),
    ("雪太大 屋顶都压弯了 底下还有人住", "housing"),
    ("楼道里臭了好几天 对门老太太好久没露面了", "police"),
    ("对门男的天天打孩子 孩子身上青一块紫一块", "children"),
])
def test_the_125th_and_126th_sets_emergencies_in_our_words(shipped: Router, text: str, lead: str) -> None:
    """Emergencies of the 125th (Xiong'an and Shenzhen Qianhai) and 126th (Hailar and Huangshan) sets in our words:
    people stuck in a lift in half-English Cantonese (卡在半空…里面有…人), concrete fallen from a ceiling, a roof bent
    by snow over people, a smell and a neighbour not seen (好久没露面), a child beaten black and blue."""
    d = shipped.route(text)
    assert (d.report, d.lead, d.priority) == (True, lead, "emergency"), d


@pytest.mark.parametrize(("text", "lead"), [
    ("热线每次都话已处理 但系日日照样开工 到底有冇人管", "district_office"),
    ("隔壁把摄像头对着我家门口装 说了也不挪", "mediation"),
    ("我交了车位的月租 天天被外来车霸住 保安说不关他事", "property"),
    ("老板不签合同 工人受伤了不管", "hrss"),
    ("卖液化气的罐子缺斤少两", "market"),
    ("村干部把困难补贴分给自家亲戚", "district_office"),
    ("窗口工作人员态度恶劣 问两句就甩脸子", "district_office"),
    ("Someone tried to open my car door in the underground car park last night", "public_security"),
    ("I think my neighbour in 5B is dead, he's stiff and cold on the stairs", "police"),
])
def test_the_125th_and_126th_sets_reports_in_our_words(shipped: Router, text: str, lead: str) -> None:
    """Reports of the 125th and 126th sets in our words: a hotline that says "done" in Cantonese (每次都话已处理),
    a camera aimed at a neighbour's door, a parking space paid for and taken (月租 beside 霸住 is no rental offer),
    an injured worker left alone (受伤了不管 is no medical emergency), short weight, cadres favouring kin, rude
    staff; in English a car door tried, a man found stiff and cold."""
    d = shipped.route(text)
    assert d.report is not False and d.lead == lead, d


@pytest.mark.parametrize("text", [
    "躺平了 deadline又改 🙃",
    "去年在小区抢包的那个人已经被抓着了",
    "天然气压力小 火苗蓝不起来 烧个水半天",
    "我觉得这边房租也不算贵",
])
def test_the_125th_and_126th_sets_non_reports_and_no_emergencies(shipped: Router, text: str) -> None:
    """Of the 125th and 126th sets: an office worker's sigh (躺平, deadline), a thief of last year caught (抓着了:
    over then), a weak gas flame (the gas supply, never a fire), an opinion that a rent is not dear."""
    d = shipped.route(text)
    assert d.report is not True or d.priority != "emergency", d
    if "火苗" not in text:
        assert d.report is not True, d


@pytest.mark.parametrize(("text", "lead"), [
    ("快来人啊 8号楼四楼窗户冒浓烟了", "fire"),
    ("阿婆饭吃到一半突然讲不出话 半边脸歪了", "public_health"),
    ("电梯里面有人在拍门 喊了没人应 楼层一直停在7楼", "fire"),
    ("老房子塌了 有个人压在下面 一直在喊", "fire"),
    ("桥洞底下躺着个人 身上都凉了", "police"),
    ("小区后面突然塌陷了一个大坑 旁边的房子墙在裂", "housing"),
    ("My grandma is missing, last seen near the market this morning, she has dementia", "police"),
    ("Some guy punched the shop owner and he's smashing things in the store right now", "police"),
    ("The woman next door is at my place with a bloody nose, her husband is drunk and kicking our door", "women"),
])
def test_the_127th_and_128th_sets_emergencies_in_our_words(shipped: Router, text: str, lead: str) -> None:
    """Emergencies of the 127th (Tongren and Jiaxing) and 128th (Karamay and Shaoguan) sets in our words: smoke from
    a flat's window named by its floor (not a factory's), a stroke told by speech and a face (半边脸歪), knocking in
    a stuck lift, someone pinned under a fallen house (the rescuers', not the housing office's), a body gone cold,
    the ground suddenly caving in; in English a grandmother last seen, a fight going on, a woman fleeing a drunk
    husband."""
    d = shipped.route(text)
    assert (d.report, d.lead, d.priority) == (True, lead, "emergency"), d


@pytest.mark.parametrize(("text", "lead"), [
    ("电梯的年检标签过期半年了", "market"),
    ("电线杆上的路灯坏了报了半年 城管说找街道 街道说找城管 到现在没人修", "district_office"),
    ("村里办个证明 干部收了好处才肯办", "district_office"),
    ("网格员来登记态度好凶 还骂人", "district_office"),
    ("有人打着公益协会的旗号在菜市场募捐", "civil_affairs"),
    ("景区门口牌子上写的30一位 进去收了80", "market"),
    ("古镇老街全是木房子 晚上还有人在屋里烧火盆", "fire"),
    ("想给孩子报个葫芦丝班 文化站有没有人教", "culture"),
    ("村里那几间集体门面现在谁在收租", "economy"),
    ("Someone threw a beer can from upstairs and it nearly hit my kid", "public_security"),
    ("The river behind the dye works is purple and there are dead fish", "ecology"),
    ("A boy about 12 is working in the noodle shop every day during school hours", "children"),
    ("The clinic refused to treat my friend because she has no local ID", "health"),
    ("Got a fake bank link by text and 500 yuan was taken from my card", "police"),
    ("I've called about the broken pavement 6 times, every time it's transferred and closed with nothing done",
     "district_office"),
])
def test_the_127th_and_128th_sets_reports_in_our_words(shipped: Router, text: str, lead: str) -> None:
    """Reports of the 127th and 128th sets in our words: a lift's inspection label out of date (market regulation,
    whichever way lifts are chosen), a matter sent back and forth for months (说找…说找 with the time it took), cadres
    who want favours, a rude grid worker, collections under a charity's name, a price on a board and another taken,
    wooden houses beside open fire, a folk-music class, rent of the village's shops; in English a can thrown from
    upstairs, dead fish by a dye works, a child working in school hours, a clinic that refused, a phishing link, a
    hotline that closes with nothing done."""
    d = shipped.route(text)
    assert d.report is not False and d.lead == lead, d


@pytest.mark.parametrize("text", [
    "一落水就停电，这个月都停了三回了",
    "家里阳台一落水就滴水",
    "公园里那棵老树有根枝丫裂开了挂着",
    "屋檐上挂了一排冰溜子 物业也不管",
    "她老公天天骂她 不给生活费 还不让她出去上班",
    "村里的娃娃天天去河边耍水 家里没大人管",
    "老楼的墙缝越来越大 什么时候能轮到改造",
])
def test_the_127th_and_128th_sets_are_no_emergencies(shipped: Router, text: str) -> None:
    """Of the 127th and 128th sets, matters that are not emergencies: Hakka and Cantonese 落水 is rain before what it
    does (一落水就…), not a child in the water; a cracked branch is the trees' office's, hanging icicles the property
    manager's, a husband who scolds and keeps money a matter of women's rights, children who play by the river
    every day a matter of their care, a crack that grows year by year one of renovation."""
    d = shipped.route(text)
    assert d.report is not False and d.priority != "emergency", d


@pytest.mark.parametrize("text", [
    "搬到新小区以后 我觉得比以前住村里方便多了",
    "说句公道话 我们这暖气是全市最热的",
    "Update: power is back on in building 3, all good now",
    "Found a black umbrella by the gate this morning, left it with the guard",
])
def test_the_127th_and_128th_sets_non_reports(shipped: Router, text: str) -> None:
    """Of the 127th and 128th sets, messages that are no report: an opinion that things are better now (方便多了),
    praise of the best heating in town, an English all-clear, a thing found and left with the guard."""
    d = shipped.route(text)
    assert d.report is not True, d


def test_a_show_put_on_is_no_show_watched(shipped: Router) -> None:
    """节目 is news watched on a screen, except a show the residents put on (排节目): then the broken instruments
    they need are a report, not a programme told of."""
    d = shipped.route("活动室的二胡坏了好几把 老年合唱队排节目都没法用")
    assert d.report is not False and d.lead == "culture", d


@pytest.mark.parametrize(("text", "lead"), [
    ("My neighbour is screaming and her husband is yelling, something keeps hitting the wall", "women"),
    ("the elevator stopped between floors in building 2, an old man is inside", "fire"),
    ("my flatmate wrote a goodbye note and took all her pills, she won't open the door", "police"),
    ("water rising fast in the tunnel under the rail bridge, cars still driving in", "urban_mgmt"),
    ("闻到一股烧焦的味道 对面楼有个窗户里通红通红的", "fire"),
    ("楼道里全是烟 我们在六楼下不去了", "fire"),
    ("围墙倒了 底下压了个人", "fire"),
    ("对门的小孩哭了一整天了 一直没见大人回来", "children"),
    ("两伙人在烧烤摊用酒瓶互砸 地上都是血", "police"),
    ("我同事在宿舍倒了 浑身发烫 叫唔醒", "public_health"),
])
def test_the_129th_and_130th_sets_emergencies_in_our_words(shipped: Router, text: str, lead: str) -> None:
    """Emergencies of the 129th (Yingkou and Ganzhou) and 130th (Lhasa and Dongguan) sets in our words: in English a
    woman screaming and a husband yelling, a lift stopped between floors with someone inside, a goodbye note and
    pills, water rising in an underpass; a window glowing red with the smell of burning, smoke that keeps people
    upstairs, someone pinned under a fallen wall, a child crying alone for a day, a fight with bottles, a worker
    who cannot be woken (Cantonese 叫唔醒)."""
    d = shipped.route(text)
    assert (d.report, d.lead, d.priority) == (True, lead, "emergency"), d


@pytest.mark.parametrize(("text", "lead"), [
    ("me and the guy downstairs keep fighting over the bike shed, can someone help us sort it out", "mediation"),
    ("the stove flame keeps going out, gas pressure is really low this week", "gas"),
    ("my daughter's school refused to take her in the middle of the term", "education"),
    ("the agency takes a fee out of my wage every month, is that allowed?", "hrss"),
    ("everyone says it's someone else's job, the broken manhole cover has been there since May", "district_office"),
    ("the two kids next door are home alone every night till 11", "children"),
    ("社区腰鼓队的鼓都破了 能不能换几个", "culture"),
    ("老奶奶一个人住在巷子最里头 冬天没有炉子烤火", "welfare"),
    ("古城门口有人拉客说带看景点 收了钱就走了", "market"),
    ("村干部天天拿集体的钱大吃大喝", "district_office"),
    ("集体那块空地被人圈起来收停车费", "economy"),
    ("网格员把材料收走说帮办 几个月了电话都不接", "district_office"),
    ("楼上漏水 我家天花板滴答滴答往下掉水", "property"),
])
def test_the_129th_and_130th_sets_reports_in_our_words(shipped: Router, text: str, lead: str) -> None:
    """Reports of the 129th and 130th sets in our words: English neighbours "fighting over" a shed (a quarrel, not a
    fight), low gas pressure, a school that will not take a child, an agency's cut of a wage, a job everyone says is
    someone else's, children home alone every night; a drum troupe, an old woman living alone in the cold, a touting
    guide, cadres feasting on the village's money, its land let out, a grid worker who vanished with papers, water
    dripping from a ceiling (no collapse)."""
    d = shipped.route(text)
    assert d.report is not False and d.lead == lead, d


@pytest.mark.parametrize("text", [
    "邻居家那个孩子身上老有伤 他爸一喝多就打他",
    "楼下那家男的经常打老婆 今天倒是没听到动静",
    "那帮半大小子放学就上冰面上闹 太危险了",
    "每回下大雨 巷子里的水都没过脚脖子",
    "cockroaches everywhere since the restaurant opened, they're getting into our flats",
    "my neighbour and I have been arguing for weeks about the shared washing line",
])
def test_the_129th_and_130th_sets_are_no_emergencies(shipped: Router, text: str) -> None:
    """Of the 129th and 130th sets, matters told as habits, not as happening now (老有伤, 经常打, 每回下大雨, 放学就
    上冰面): the children's, women's and drains' offices act, not the emergency services; cockroaches getting into
    flats are no flood; English neighbours arguing are no fight."""
    d = shipped.route(text)
    assert d.report is not False and d.priority != "emergency", d


@pytest.mark.parametrize("text", [
    "打卡！今天绕着老城墙走了一万五千步",
    "Back home after five years away, the old street hasn't changed at all, love it",
    "Two winters ago a heater caught fire in our old building, crazy times. glad the new place is safer",
])
def test_the_129th_and_130th_sets_non_reports(shipped: Router, text: str) -> None:
    """Of the 129th and 130th sets, no reports: a day's check-in of steps walked, an English "love it", a fire of two
    winters ago told with relief that the new place is safer."""
    d = shipped.route(text)
    assert d.report is not True, d


def test_a_nonlocal_residence_names_who_not_where(shipped: Router) -> None:
    """外地户口 says who the resident is, not that the matter is elsewhere: a question about a subsidy asked with it
    (听说…外地户口能领不) is no news of another place."""
    d = shipped.route("我是残疾人 听说有护理补贴 外地户口在这边能领不")
    assert d.report is not False and d.lead == "civil_affairs", d


@pytest.mark.parametrize(("text", "lead"), [
    ("炉子里的炭掉出来 炕上的被子着了 我一个人扑不灭", "fire"),
    ("阿爷从梯子上跌下来撞着头 流了好多血 人不会动了", "public_health"),
    ("发大水了 村口那条路成了河 娃娃们马上放学", "urban_mgmt"),
    ("电梯卡在5楼6楼中间了 里面有个孩子在哭", "fire"),
    ("说着数学考试的事呢 楼下有个老人倒在路边半天没起来 喊他也不应", "public_health"),
    ("My sister's boyfriend texted that he's going to end it tonight and won't pick up", "police"),
    ("Grandpa from 3-402 has dementia and walked off after lunch, the family can't find him", "police"),
    ("my uncle went out fishing in a small boat and isn't back, phone off, storm coming", "police"),
])
def test_the_131st_and_132nd_sets_emergencies_in_our_words(shipped: Router, text: str, lead: str) -> None:
    """Emergencies of the 131st (Datong and Zhoushan) and 132nd (Mudanjiang and Sanya) sets in our words: a quilt on
    fire that one person cannot put out, a fall with a head struck and blood, a road turned into a river, people
    between two floors of a lift, a collapse told after small talk turns to now (说着…呢), and in English a goodbye
    text, a man with dementia who walked off, a boat not back before a storm."""
    d = shipped.route(text)
    assert (d.report, d.lead, d.priority) == (True, lead, "emergency"), d


@pytest.mark.parametrize(("text", "lead"), [
    ("化粪池堵了半年 找物业说归城管 找城管说归物业 到现在没人管", "district_office"),
    ("路边的井盖反映了四次了 每次都说知道了 到现在一点动静都没有", "district_office"),
    ("验收的人收了施工方的烟酒 活干成这样也给签字", "district_office"),
    ("镇上的干部来检查 吃完饭还拿走好几箱土特产", "district_office"),
    ("饭店的排烟管冲着我家窗户 一天到晚都是油烟味", "environment"),
    ("楼上那两个孩子 大人天天出去打麻将 饭都不给做", "children"),
    ("Reported the pothole three times in the app, each time it was transferred to another department and then closed",
     "district_office"),
    ("our kid's school keeps collecting money for trips and never gives receipts", "education"),
    ("how can my partner and I register a marriage here? I'm a foreigner", "civil_affairs"),
    ("neighbours keep charging e-scooters in the hallway overnight", "fire"),
    ("the fire exit door on floor 3 is chained shut", "fire"),
    ("bought 'wild honey' from a stall, turns out it's sugar water", "market"),
    ("the community centre used to run free dance classes, why did they stop? we want them back", "culture"),
])
def test_the_131st_and_132nd_sets_reports_in_our_words(shipped: Router, text: str, lead: str) -> None:
    """Reports of the 131st and 132nd sets in our words: matters passed back and forth for months (找X说归Y), raised
    again and again with nothing done, inspectors taking gifts, an exhaust pipe aimed at a window, children left
    unfed; in English an app that transfers and closes, school money with no receipts, a foreigner's marriage,
    scooters charged by a staircase, a chained fire exit, fake honey, free classes that stopped."""
    d = shipped.route(text)
    assert d.report is not False and d.lead == lead, d


@pytest.mark.parametrize("text", [
    "灶上的火苗就剩一点点 烧壶水要半天",
    "燃气压力太小了 火苗子跟蚊子似的",
    "隔壁那个女的老挨她男人打 身上青一块紫一块 又不敢说",
    "她男人一喝了酒就动手 我们看着都心疼",
    "在渔船上干活没签合同 受伤了老板说不关他的事",
    "楼里墙皮一块块往下掉 老旧小区改造啥时候能轮到我们",
])
def test_the_131st_and_132nd_sets_are_no_emergencies(shipped: Router, text: str) -> None:
    """Of the 131st and 132nd sets: a weak gas flame (the gas supply, never a fire), a woman beaten as a habit with
    nothing told of now (the women's committee), an injured fisherman's boss who says it is not his business (a
    labour matter), peeling walls in a building waiting for renovation."""
    d = shipped.route(text)
    assert d.report is not False and d.priority != "emergency", d


@pytest.mark.parametrize("text", [
    "Found a pair of gloves by the bus stop, left them with the guard",
    "Thanks for the help this morning, the man at the service window was so kind",
    "FYI the broken light in the lobby got fixed today, no need to report it again",
])
def test_the_131st_and_132nd_sets_non_reports(shipped: Router, text: str) -> None:
    """Of the 131st and 132nd sets, no reports: things found and left with the guard, thanks for help, a fix passed
    on with "no need to report it again"."""
    d = shipped.route(text)
    assert d.report is not True, d


@pytest.mark.parametrize(("text", "lead"), [
    ("Fire in block C!! 5th floor warehouse, lots of smoke, people still upstairs", "fire"),
    ("my colleague collapsed at the counter, breathing strangely and his lips going blue, help", "public_health"),
    ("someone is on the roof of the mall standing at the edge, I think he wants to jump", "police"),
    ("my wife fell down the stairs, she is pregnant and she is bleeding, what is the number for ambulance",
     "public_health"),
    ("small girl climbing on the balcony railing on 7th floor, nobody at home with her", "children"),
    ("刚才在桥上看到一个男的把鞋子脱了放在栏杆边上 一直看着水", "police"),
    ("对面楼一大股黑烟冒出来了 好像是五楼那家", "fire"),
    ("老屋垮了 有个老人埋在下面 还在喊", "fire"),
    ("有个男的一路跟着我到楼道 我进屋了他还在外面敲门要进来", "police"),
    ("闻到烧塑料的味道 窗子里头一闪一闪的红光", "fire"),
])
def test_the_133rd_and_134th_sets_emergencies_in_our_words(shipped: Router, text: str, lead: str) -> None:
    """Emergencies of the 133rd (Luzhou and Yiwu) and 134th (Tianshui and Foshan) sets in our words, many in the
    English of traders who learnt it late: a fire with smoke and people upstairs, a colleague collapsed and turning
    blue, a man at a roof's edge, a pregnant woman bleeding after a fall, a girl on a railing; shoes left by a bridge
    railing, a big plume of smoke, an old man buried under a fallen house, a stranger who follows a woman home, a red
    light flickering in a window (窗子)."""
    d = shipped.route(text)
    assert (d.report, d.lead, d.priority) == (True, lead, "emergency"), d


@pytest.mark.parametrize(("text", "lead"), [
    ("the man took my 30,000 deposit for the goods, then blocked me on WeChat, the company address is fake", "police"),
    ("a girl about 13 working in the packing room every day, not going to school", "children"),
    ("can the community help us set up a football match with the local team?", "culture"),
    ("I complained 4 times about the broken pavement, every time they say another department", "district_office"),
    ("neighbour keeps leaving boxes at my door, we argue every day, can someone talk to him for me", "mediation"),
    ("Can foreign children go to public school here? What papers do we need?", "education"),
    ("the treadmill in the estate gym has been broken for weeks", "property"),
    ("the takeaway downstairs runs its extractor fan all night", "environment"),
    ("村里祠堂的铺面租出去了 股份社从来不公开账", "economy"),
    ("群里有人拉老人投什么项目 说三个月翻倍", "market"),
    ("老村搬迁以后那片果园谁在管", "economy"),
    ("对门老把杂物堆在我家门口 说了也不听", "mediation"),
    ("一楼仓库跟住人的混在一起 就隔了块木板", "fire"),
    ("楼下那个姑娘脸上老是青一块紫一块 问她就说是自己摔的", "women"),
])
def test_the_133rd_and_134th_sets_reports_in_our_words(shipped: Router, text: str, lead: str) -> None:
    """Reports of the 133rd and 134th sets in our words: a deposit taken by a fake company, a child working instead of
    school, a football match asked for, a complaint sent to "another department" every time, a neighbour's boxes, a
    school for foreign children, a broken treadmill, an extractor fan at night; an ancestral hall's shops and a
    shareholding co-op's accounts, an investment that doubles, an orchard left after relocation, a neighbour's
    clutter, a warehouse people sleep in, bruises explained away as falls."""
    d = shipped.route(text)
    assert d.report is not False and d.lead == lead, d


@pytest.mark.parametrize("text", [
    "一下雨小区门口就积水 淹到脚脖子",
    "楼道里堆满了纸箱 真着火了跑都跑不出去",
    "老楼墙上的裂缝越来越宽 什么时候来评危房",
])
def test_the_133rd_and_134th_sets_are_no_emergencies(shipped: Router, text: str) -> None:
    """Of the 133rd and 134th sets: water at the ankles every rain, a fire feared (着火跑都跑不出去: a hazard), a crack
    awaiting a survey of unsafe housing."""
    d = shipped.route(text)
    assert d.report is not False and d.priority != "emergency", d


@pytest.mark.parametrize("text", [
    "Selling 30 boxes of phone cases, cheap, wechat me",
    "the leak in my shop is fine now, plumber fixed it",
    "Lost my earbuds case near the basketball court, pls DM if found",
])
def test_the_133rd_and_134th_sets_non_reports(shipped: Router, text: str) -> None:
    """Of the 133rd and 134th sets, no reports: goods for sale, a leak fine now, a lost thing with "pls DM"."""
    d = shipped.route(text)
    assert d.report is not True, d


@pytest.mark.parametrize(("text", "lead"), [
    ("先说个高兴的事，我家闺女考上了。还有，对门的老爷子一天没开门了，敲门不应，里头好像有哼哼声", "public_health"),
    ("沟边草丛里躺着个人 苍蝇乱飞 老远就有臭味", "police"),
    ("a cyclist just got hit at the junction, he's lying on the road barely moving", "public_health"),
    ("炖着肉呢 厨房那股味儿越来越大 还嘶嘶响", "gas"),
    ("楼下那辆电动车滋滋响 还冒白烟", "fire"),
    ("寨子里竹楼那边冒黑烟了 快来人", "fire"),
    ("几个娃娃在冰面上跳 冰都咔咔裂了", "children"),
])
def test_the_135th_and_136th_sets_emergencies_in_our_words(shipped: Router, text: str, lead: str) -> None:
    """Emergencies of the 135th (Xishuangbanna and Changzhou) and 136th (Baotou and Nanning) sets in our words: a
    neighbour not seen all day and moaning behind the door (after good news), a body in the grass, an English rider
    hit and barely moving, a gas smell that hisses in a rambling message, an e-bike hissing white smoke, smoke from a
    bamboo house, children on cracking ice (the ice's cracks are no building's collapse)."""
    d = shipped.route(text)
    assert (d.report, d.lead, d.priority) == (True, lead, "emergency"), d


@pytest.mark.parametrize(("text", "lead"), [
    ("「@物业：已派人清理」清理个啥，垃圾站堆了三天了，臭得很", "property"),
    ("I tutor at a learning centre and they haven't paid me for six weeks", "hrss"),
    ("the restaurant charged us 680 for a crab that was 68 on the menu", "market"),
    ("little kids selling flowers to tourists on the night market till midnight", "children"),
    ("投诉了大半年 每次都说转给相关部门了 转来转去没人理", "district_office"),
    ("群里有人说能代办补助 收了几家的钱就不见了 微信也拉黑了", "police"),
    ("拉煤的大货车超载 一路走一路往下掉煤块", "transport"),
])
def test_the_135th_and_136th_sets_reports_in_our_words(shipped: Router, text: str, lead: str) -> None:
    """Reports of the 135th and 136th sets in our words: a reply that quotes the property manager's "done" and says it
    is not (the quote is no notice), English unpaid wages, a menu price multiplied, children selling at night; a
    complaint passed "to the relevant department" again and again, an agent who vanished with the money (fraud, no
    missing person), an overloaded lorry shedding coal (no collapse)."""
    d = shipped.route(text)
    assert d.report is not False and d.lead == lead, d


@pytest.mark.parametrize("text", [
    "孩子他爸还没回来 饭都凉了",
    "在厂里受伤了 他们说我不是他们的人",
    "楼墙上的裂缝越来越宽了 我们这算不算危房",
])
def test_the_135th_and_136th_sets_are_no_emergencies(shipped: Router, text: str) -> None:
    """Of the 135th and 136th sets: a husband late for dinner is no missing person, an injured worker disowned is a
    labour matter, a crack asked about as unsafe housing is the housing office's to survey."""
    d = shipped.route(text)
    assert d.priority != "emergency", d


def test_a_drill_announced_in_english_is_a_notice(shipped: Router) -> None:
    """An English fire drill announced (don't panic when the alarm goes off) is a notice, no fire."""
    d = shipped.route("fire drill on Thursday 3pm according to the notice in the lobby, don't panic at the alarm")
    assert d.report is not True, d


@pytest.mark.parametrize(("text", "lead"), [
    ("烧烤摊那边两个人吵翻了 有个掏出刀来了", "police"),
    ("My flatmate sent me a message saying sorry for everything and now her phone is off, room 1203", "police"),
    ("去河边钓鱼 看见林子里有个老头吊在树上 手都在抖", "police"),
    ("flash flood pouring down the alley, water rushing down like a river past the school gate", "urban_mgmt"),
    ("楼下那家男的老打孩子，今天又拿皮带抽，孩子一直在哭", "children"),
])
def test_the_137th_and_138th_sets_emergencies_in_our_words(shipped: Router, text: str, lead: str) -> None:
    """Emergencies of the 137th (Kaifeng and Zigong) and 138th (Jilin and Putian) sets in our words: a knife drawn in
    a quarrel, an English goodbye "sorry for everything", a man hanging from a tree seen on the way, an English flash
    flood (no child swept away), and a beating told as a habit that is happening today with a belt."""
    d = shipped.route(text)
    assert (d.report, d.lead, d.priority) == (True, lead, "emergency"), d


@pytest.mark.parametrize(("text", "lead"), [
    ("Someone on the 6th floor is putting an extra room on the roof with steel beams", "urban_mgmt"),
    ("咱小区有没有地方给黄梅戏票友会排练，一周一次", "culture"),
    ("Where can my wife do her prenatal check-ups? We just moved here from abroad", "health"),
    ("the boy from 5th floor is never in school, he's out selling roses on the street until late", "children"),
    ("Got scammed: I paid a deposit for a room I found online and the 'landlord' vanished", "police"),
    ("My sister's husband locks her in when he goes to work and takes her phone away", "women"),
    ("every office says it's someone else's problem, the streetlight has been out since summer", "district_office"),
    ("窗口那个小姑娘一直刷手机 问她话爱答不理的", "district_office"),
    ("物业说找燃气公司，燃气公司说找物业，折腾了两个月了", "district_office"),
    ("反映了好几回 每回都说在走流程", "district_office"),
    ("the dye shop pours waste into the creek behind the school", "ecology"),
    ("楼长能不能召集大家开个会商量商量", "committee"),
    ("谁家又往楼下扔冰溜子了 差点砸到人", "public_security"),
    ("对门两口子老打孩子 孩子腿上老是青的", "children"),
])
def test_the_137th_and_138th_sets_reports_in_our_words(shipped: Router, text: str, lead: str) -> None:
    """Reports of the 137th and 138th sets in our words: a room built on a roof, an opera fans' club asking for a
    room, English prenatal care, a child selling roses instead of school, a deposit to a fake landlord (fraud, no
    hospital deposit), a husband who locks his wife in (her rights, no emergency now); offices passing a matter on,
    a clerk on her phone, a matter "going through the process" each time; dumping into a creek; a building leader
    asked to call a meeting; icicles thrown from a window (no collapse); a child beaten as a habit (no emergency)."""
    d = shipped.route(text)
    assert d.report is not False and d.lead == lead, d


@pytest.mark.parametrize("text", [
    "xin nian kuai le! da jia xin nian hao",
    "@Wang shushu the pharmacy is just opposite the bank",
    "Back in the day the whole street flooded every summer and we'd float around in washtubs, good old days",
    "When I was a kid the river flooded every summer, crazy times",
])
def test_the_137th_and_138th_sets_non_reports(shipped: Router, text: str) -> None:
    """Of the 137th and 138th sets, no reports: a greeting typed in pinyin, an English answer to a neighbour who
    asked the way, floods remembered from childhood."""
    d = shipped.route(text)
    assert d.report is not True, d


@pytest.mark.parametrize("text", [
    "对门两口子老打孩子 孩子腿上老是青的",
    "河边冰面上每天都有小孩去溜 也没人管",
    "楼是八十年代的 外墙裂得能伸进去一根指头 什么时候轮到我们改造",
    "谁家又往楼下扔冰溜子了 差点砸到人",
    "My sister's husband locks her in when he goes to work and takes her phone away",
])
def test_the_137th_and_138th_sets_are_no_emergencies(shipped: Router, text: str) -> None:
    """Of the 137th and 138th sets: habits (a child beaten, children on the ice every day), a wide crack in an old
    block asked about as renovation, icicles thrown down, a controlling husband: reports, none an emergency now."""
    d = shipped.route(text)
    assert d.priority != "emergency", d


def test_pinyin_you_after_a_home_is_no_cheer(shipped: Router) -> None:
    """"jia you" in pinyin cheers only at the end of a message: "wo jia you ting dian le" (我家又停电了) is a report."""
    d = shipped.route("wo jia you ting dian le, yi tian ting san si hui, bing xiang li de dong xi dou huai le")
    assert d.report is not False, d


@pytest.mark.parametrize(("text", "lead"), [
    ("烧烤店有个醉汉在砸东西，还打服务员，服务员脸上都是血", "police"),
    ("住对面的王姨三四天没出门了，门缝里一股怪味", "police"),
    ("木楼的柱子裂了，整个房子往一边歪，还嘎吱嘎吱响", "housing"),
    ("the old garden wall just collapsed onto the footpath, bricks coming down", "housing"),
    ("桥上有个小伙子翻过栏杆站在外面 怎么劝都不回来", "police"),
    ("两个孩子被锁在家里一天了 奶奶住院 一直在哭", "children"),
    ("河水漫上来了 巷子里好几户水都进屋了", "urban_mgmt"),
    ("杀鱼的师傅手腕割了一刀 血往外喷", "public_health"),
    ("车库那边一辆电瓶车砰地炸了 往外窜火苗", "fire"),
    ("江边漂着一个人 脸朝下", "police"),
    ("滑了一跤摔在冰溜子上 老爷子后脑勺出血了 叫不太醒", "public_health"),
    ("有个小孩一个人跑到江边石头上了 旁边没大人", "children"),
    ("电梯停在5楼和6楼之间了 我和孩子在里面", "fire"),
])
def test_the_139th_and_140th_sets_emergencies_in_our_words(shipped: Router, text: str, lead: str) -> None:
    """Emergencies of the 139th (Yangzhou and Kaili) and 140th (Daqing and Shanwei) sets in our words: a drunk who
    smashes things and hits the staff (violence before the blood), a neighbour unseen for days with a smell at the
    door, a wooden house leaning and creaking, an English wall collapsed (no person collapsed), someone over a
    bridge's railing, children locked in alone, a river coming into homes, a wrist cut and spurting, an e-bike
    bursting into flames (no gas for its hiss), a body face down in the river, a fall on ice (no icicle's collapse),
    a child alone at the water's edge, a lift stopped between two floors with people in it (trapped, not broken)."""
    d = shipped.route(text)
    assert (d.report, d.lead, d.priority) == (True, lead, "emergency"), d


@pytest.mark.parametrize(("text", "lead"), [
    ("村主任把困难补助名额都给了他亲戚", "district_office"),
    ("拆迁款的事找了社区又找了街道，都叫回去等通知", "district_office"),
    ("每次都说给你登记了，等了半年也没人来", "district_office"),
    ("called the hotline 4 times and each time they closed the case, nobody came", "district_office"),
    ("孩子的预防针小本本找不到了 下一针怎么办", "public_health"),
    ("社区能不能请人来讲评书，老人们都爱听", "culture"),
    ("对门在楼顶加盖了一间铁皮房", "urban_mgmt"),
    ("My neighbour's new-build flat walls are already cracking and the developer won't pick up", "housing"),
    ("她男人把她工资卡收走了，还不让她出门", "women"),
    ("there's a little girl who's always wandering around alone near the market at night", "children"),
    ("people keep bringing scooter batteries inside to charge overnight", "fire"),
    ("someone keeps throwing stuff out their window onto the bikes below", "public_security"),
    ("菜场买的冻虾，回家一解冻就臭了", "market"),
    ("村里集体的仓库被人偷偷转租出去了", "economy"),
    ("番客阿叔回来 讲户口被注销了 想恢复 去哪问", "police"),
])
def test_the_139th_and_140th_sets_reports_in_our_words(shipped: Router, text: str, lead: str) -> None:
    """Reports of the 139th and 140th sets in our words: help given to a cadre's relatives, offices that each say
    "go home and wait", "we've logged it" every time, an English hotline closing cases; a lost vaccination booklet
    (no left-behind child), storytelling for the old, a tin room on a roof, an English new flat cracking, a husband
    who takes his wife's wages and keeps her in; a girl wandering alone, scooter batteries charged indoors, things
    thrown out of a window, thawed shrimp gone off, collective property sublet (no theft), a cancelled hukou."""
    d = shipped.route(text)
    assert d.report is not False and d.lead == lead, d


@pytest.mark.parametrize("text", [
    "刚才说走丢的那个孩子已经接回来了，谢谢大家",
    "Lost a grey scarf near the bus stop, lmk if anyone finds it",
    "the dragon boat race yesterday was insane",
    "Re @老周: the clinic is on the 2nd floor of the community centre",
    "主任说得在理，大家都配合一下",
    "我家那口子又去钓鱼了，饿死也不回来吃饭😂",
    "我觉得老街就该保持原样，别拆了重建",
    "民宿国庆还有空房，帮忙转发一下",
    "明早六点公园门口集合爬山",
])
def test_the_139th_and_140th_sets_non_reports(shipped: Router, text: str) -> None:
    """Of the 139th and 140th sets, no reports: a lost child already brought home, an English lost scarf ("lmk"),
    English praise ("was insane"), an answer headed "Re @name:", agreement with the director, a husband who would
    starve before he came home from fishing, an opinion that the old street should stay, rooms to let, a hike."""
    d = shipped.route(text)
    assert d.report is not True, d


@pytest.mark.parametrize("text", [
    "那边饲料厂天天晚上一股烧焦味",
    "楼下饭馆的油烟顺着窗户往屋里灌",
    "我姐被她老公天天骂，还不让出门，这算不算家暴",
])
def test_the_139th_and_140th_sets_are_no_emergencies(shipped: Router, text: str) -> None:
    """Of the 139th and 140th sets: a factory's burnt smell every night (pollution, no fire), fumes pouring in at
    the window (no flood), a sister's marriage asked about as domestic violence (her rights, no emergency now)."""
    d = shipped.route(text)
    assert d.report is not False and d.priority != "emergency", d


@pytest.mark.parametrize(("text", "lead"), [
    ("the corridor smells strongly of gas, like rotten eggs", "gas"),
    ("大雨把井盖冲开了 水在打漩 差点有人踩进去", "urban_mgmt"),
    ("对门那户下午开始有股煤气味 现在越来越重 敲门也没人应", "gas"),
    ("想问下周六的活动还办不办 上次我没去成 还有就是楼下那家从中午就一股煤气味 现在越来越浓", "gas"),
    ("楼道尽头那股味…过去一看 是个人 躺着一动不动 都臭了", "police"),
    ("小区广场上孙女一眨眼人就不见了 找了半天了", "police"),
    ("溪水漫过桥了 有辆电动车被水冲着走 人还抓着车把", "urban_mgmt"),
    ("My friend fell on the steps by the river, she can't move her leg and there's so much blood", "public_health"),
    ("a man floating face down in the pond behind the school, not moving", "police"),
    ("厨房插座冒烟了 墙里滋滋响", "fire"),
])
def test_the_141st_and_142nd_sets_emergencies_in_our_words(shipped: Router, text: str, lead: str) -> None:
    """Emergencies of the 141st (Jingzhou and Aksu) and 142nd (Handan and Wuyishan) sets in our words: English gas
    "smells strongly", a manhole blown open with the water swirling, a gas smell growing behind a door (also told
    after a question and "上次", a time gone by that is not the smell's), a body found by its smell, a granddaughter
    gone in a blink, a scooter swept along with its rider, an English fall with much blood, a body face down in a
    pond, a smoking socket (fire before power)."""
    d = shipped.route(text)
    assert (d.report, d.lead, d.priority) == (True, lead, "emergency"), d


@pytest.mark.parametrize(("text", "lead"), [
    ("拆迁款找街道 街道说找区里 区里又说找街道 踢来踢去", "district_office"),
    ("下水道的事打了十几回电话 这个推那个 半年都没人管", "district_office"),
    ("反映了好几回 每回都说已转交 结果啥都没有", "district_office"),
    ("the woman at the service window told me to go back to my own country when I asked for a form", "district_office"),
    ("村干部收玉米先收他自家亲戚的", "district_office"),
    ("社区让每栋推选居民代表 我们楼没人组织", "committee"),
    ("业主群里天天有人发广告卖保健品 楼长也不管", "committee"),
    ("女儿在外地上学 学校要开家庭困难证明 怎么开", "street_office"),
    ("我老公一喝多就砸东西骂人 还说要打我", "women"),
    ("公共厕所一直没水冲 臭得不行", "urban_mgmt"),
    ("I worked at a kindergarten for a year and they still owe me my last salary", "hrss"),
    ("有人在撬老城墙的砖头", "culture"),
    ("果园的电送不上来 水泵抽不了水", "power"),
    ("一到冷天就限气 说气源紧张 屋里冻死了", "gas"),
    ("Is there a place nearby where my son can get a flu shot?", "public_health"),
    ("Someone pretending to be a delivery guy had me scan a QR code and 2000 yuan was gone from my account", "police"),
    ("对门那家 bar 天天 music 开到凌晨", "environment"),
    ("网上订的是江景房 到了给了个对着墙的房间", "market"),
    ("民宿老板跟邻居为了门口的车位天天吵", "mediation"),
    ("the water in our block has been off since 6am", "water"),
])
def test_the_141st_and_142nd_sets_reports_in_our_words(shipped: Router, text: str, lead: str) -> None:
    """Reports of the 141st and 142nd sets in our words: offices kicking a matter between them (a certificate aside),
    calls passed on, "already forwarded", a rude service window told in English, a cadre buying from his own
    relatives first; residents' representatives, a building's chat full of ads; a hardship certificate; a husband
    who smashes things when drunk (her rights, no emergency now); a dry public toilet, an English kindergarten that
    owes wages, bricks prised off the old wall; orchard power, gas rationed in the cold, an English flu shot, a fake
    courier's QR code, a bar's music, a room not the one booked, a quarrel over parking, an English water cut."""
    d = shipped.route(text)
    assert d.report is not False and d.lead == lead, d


@pytest.mark.parametrize("text", [
    "杀了我吧 明天又要考试了",
    "Thanks 小李 for helping me fill in the forms yesterday, you're the best!",
    "回复 @王阿姨：对，开居住证明得去街道，社区不盖这个章",
    "客栈老板人灰常好，还请我们喝茶，下次还来住",
    "My grandma worked at the cotton mill back in the 70s, such memories looking at these photos",
    "我是交换生, thanks so much for the zongzi, so kind of the committee!",
])
def test_the_141st_and_142nd_sets_non_reports(shipped: Router, text: str) -> None:
    """Of the 141st and 142nd sets, no reports: "kill me" before an exam, English thanks for help with a form, an
    answer to a neighbour by name that tells where to go, praise of a homestay, English memories of the mill, thanks
    that go on to praise (so kind of the committee)."""
    d = shipped.route(text)
    assert d.report is not True, d


@pytest.mark.parametrize("text", [
    "我们这是六几年的老楼 墙上裂缝越来越大",
    "房子后墙裂了一道大缝 能伸进去手指头 住着心里不踏实",
    "楼下那家男的老打媳妇 前阵子消停了 这几天又有动静",
])
def test_the_141st_and_142nd_sets_are_no_emergencies(shipped: Router, text: str) -> None:
    """Of the 141st and 142nd sets: cracks that grow in an old block, a finger-wide crack that worries (the housing
    office's to survey), a wife beaten as a habit with nothing happening now: reports, no emergency."""
    d = shipped.route(text)
    assert d.report is not False and d.priority != "emergency", d


def test_a_thank_you_that_goes_on_to_a_fault_is_a_report(shipped: Router) -> None:
    """A thank-you that goes on to something else wrong (Thanks! Also the water is off…) is a report, whatever
    praise or sarcasm follows."""
    d = shipped.route("Thanks! Also the water in building 3 is off, amazing how often this happens")
    assert d.report is True and d.lead == "water", d


def test_an_answer_by_name_that_says_it_is_off_here_too_is_a_report(shipped: Router) -> None:
    """An answer headed "回复 @name：" that says the water is off here too is a report, not an answer."""
    d = shipped.route("回复@张阿姨：不是你一家 我们4栋也停水了 早上到现在都没有")
    assert d.report is not False and d.lead == "water", d


@pytest.mark.parametrize(("text", "lead"), [
    ("江堤脚下冒水了 咕嘟咕嘟往外翻 下面就是我们小区", "urban_mgmt"),
    ("跳舞的一个阿姨突然栽那了 一身冷汗 叫也不吱声", "public_health"),
    ("场院那边草垛子起来了 风大 往房子那边刮", "fire"),
    ("阿嫲喺冲凉房跌低咗，起唔到身，头出血", "public_health"),
    ("台风过后电线跌咗落水氹度 仲喺度滋滋声", "power"),
    ("隔篱屋啲石油气好似漏咗 成条巷都系臭味", "gas"),
    ("我爸喂牛的时候叫牛顶了 肚子好大个口子 血捂不住", "public_health"),
    ("一家人早上起来都迷糊了 又吐又头疼 炉子没封好", "public_health"),
    ("佢老公揸住把刀追佢 佢而家匿喺我屋企", "women"),
    ("村口鱼塘有个人浮喺度 面朝落", "police"),
])
def test_the_143rd_and_144th_sets_emergencies_in_our_words(shipped: Router, text: str, lead: str) -> None:
    """Emergencies of the 143rd (Bengbu and Dali) and 144th (Tongliao and Jiangmen) sets in our words: water boiling up
    at a dyke's foot (piping), a dancer fallen in a cold sweat, a haystack alight, a Cantonese fall in the shower, a
    wire down in a puddle, bottled gas leaking in Cantonese, a man gored by a cow, a family dazed by a badly banked
    stove (poisoning, no fire), a husband chasing his wife with a knife (hers, before the police's fights), a body
    floating face down told in Cantonese."""
    d = shipped.route(text)
    assert (d.report, d.lead, d.priority) == (True, lead, "emergency"), d


@pytest.mark.parametrize(("text", "lead"), [
    ("搞个山歌比赛嘛 老人都会唱 年轻人没人学了", "culture"),
    ("拆迁款的事我跑了四个部门，每个都说不归他们管，拖了一年了", "district_office"),
    ("I reported the broken bench 3 times, every office sends me somewhere else", "district_office"),
    ("someone pretended to be my landlord on WeChat and had me pay rent to a new account", "police"),
    ("bought the flat three years ago and still no property certificate, the developer keeps stalling", "housing"),
    ("那家玉石店卖的镯子，拿去一验是假的", "market"),
    ("my son's school asks parents to pay extra for evening classes, is that allowed?", "education"),
    ("older boys keep taking my nephew's lunch money after school", "children"),
    ("阿嫂畀佢老公管到死，唔俾佢出街，钱全部收晒", "women"),
    ("生孩子的那个补贴去哪领", "health"),
    ("镇度话搵区，区度话搵镇，报咗大半年冇人理", "district_office"),
    ("新起的屋等通电等了一个多月", "power"),
    ("I've worked at this language school for a year and they never signed a contract with me", "hrss"),
    ("村里的祠堂租出去了 租金分红冇我哋份", "economy"),
    ("兄弟分家为分老屋吵翻了，老妈天天哭", "mediation"),
    ("燃气安检完就把气关了 说等通知 到现在没人来开", "gas"),
    ("my village's collective dividend hasn't been paid to our family for three years", "economy"),
    ("想组织个二胡班 社区有地方借没", "culture"),
    ("the developer promised to hand over our flat last year and it's still a concrete shell", "housing"),
    ("our school makes us do self-study until 10pm every day", "education"),
    ("党员活动室锁了大半年了 钥匙不知道在谁手里", "committee"),
    ("我阿公想把户口迁回村里 要开咩证明", "police"),
    ("今年买的煤 烧起来一半是石头", "market"),
    ("冬天气压小 灶上火苗跟豆粒似的", "gas"),
])
def test_the_143rd_and_144th_sets_reports_in_our_words(shipped: Router, text: str, lead: str) -> None:
    """Reports of the 143rd and 144th sets in our words: a folk-song contest, departments each disowning a matter for a
    year, offices sending one elsewhere (English), a fake landlord, an English property certificate, fake jade,
    English extra-class fees and stolen lunch money, a wife kept in (Cantonese), a birth subsidy, a Cantonese
    runaround between town and district, power for a new house, an English contract never signed, a shrine's rent,
    brothers over the old house, gas shut after an inspection, an English village dividend, an erhu class, an
    English unfinished flat and self-study till ten, a locked party room, a hukou moved back; coal that is half
    stone (no fire) and a gas flame like a bean (no fire)."""
    d = shipped.route(text)
    assert d.report is not False and d.lead == lead, d


@pytest.mark.parametrize("text", [
    "新换的音响我觉得比老的强，不刺耳了",
    "对头，那家店开了几十年了",
    "I'm literally starving, any good noodle place near the east gate?",
    "When I studied in Leeds our flat flooded once, we lost all our notes lol, good times",
    "上回说那个下水道堵的事儿，城管来人给掏完了，现在没味儿了",
    "My great-grandma sent money home from Vancouver to build this house in the 1930s, so cool to finally see it",
    "楼上说水管冻了那个，我家也冻过，拿热毛巾捂一会儿就通了，你试试",
])
def test_the_143rd_and_144th_sets_non_reports(shipped: Router, text: str) -> None:
    """Of the 143rd and 144th sets, no reports: a new speaker found better than the old, agreement about an old shop,
    English hunger as a figure of speech, a flood remembered from student days, a drain already cleared (没味儿了),
    English family history, advice on frozen pipes (就通了，你试试)."""
    d = shipped.route(text)
    assert d.report is not True, d


@pytest.mark.parametrize("text", [
    "my friend says her husband hits her sometimes but she's too scared to report it, what can she do?",
    "楼下那家老是把两岁的娃一个人锁屋里出去打牌",
    "楼下俩人昨晚为车位干了一仗，今天又在吵，我怕又打起来",
    "对岸那个厂子一到晚上就冒烟，一股怪味",
    "老小区改造说了三年了 外墙皮都掉了 也不见动静",
])
def test_the_143rd_and_144th_sets_are_no_emergencies(shipped: Router, text: str) -> None:
    """Of the 143rd and 144th sets: a friend's marriage told in English as a habit, a child habitually locked in (a
    neglect the children's committee follows up), a fight feared, a factory smoking every night, plaster fallen
    from an old block waiting for renovation: reports, none an emergency now."""
    d = shipped.route(text)
    assert d.report is not False and d.priority != "emergency", d


@pytest.mark.parametrize(("text", "lead"), [
    ("仓库顶上积雪太厚了 房梁已经弯了 咔咔响 我爸还在里头", "housing"),
    ("屋里红彤彤的 有个老人在窗户边喊", "fire"),
    ("我孙子刚刚还在沙滩上玩沙 我一转身就不见了 穿蓝短裤", "police"),
    ("他喝多了拿着刀在客厅 我跟孩子躲在卧室里 不敢出声", "women"),
    ("码头边水里漂着个东西 好像是个人", "police"),
    ("阿爷食完饭话胸口痛 冷汗一直流 讲话都讲无清楚", "public_health"),
    ("楼下把孩子关到阳台上了 零下十几度 光着脚在哭", "children"),
    ("一楼电梯关到人了 里头有个老太太在喊", "fire"),
    ("两桌喝多了的为了抢位置干起来了 板凳都抡起来了", "police"),
    ("对门把两岁的娃留在家里一整天了 大人一直没回来 娃一直哭", "children"),
])
def test_the_145th_and_146th_sets_emergencies_in_our_words(shipped: Router, text: str, lead: str) -> None:
    """Emergencies of the 145th (Zibo and Mianyang) and 146th (Yanbian and Wanning) sets in our words: a beam bending
    under snow with someone inside, a room glowing red, a grandson gone the moment one turned (no sand-digging
    quarry), a drunk with a knife and a mother hiding with her child (hers, before the police's fights), something
    floating that may be a person, chest pain and slurred speech after a meal (no food poisoning), a child shut out
    on a freezing balcony (the children's, not the firemen's), a lift that shut someone in, a brawl with stools, a
    toddler left alone for a day (no missing person)."""
    d = shipped.route(text)
    assert (d.report, d.lead, d.priority) == (True, lead, "emergency"), d


@pytest.mark.parametrize(("text", "lead"), [
    ("民宿一间房住了七八个人 天天换人 也没登记", "public_security"),
    ("her in-laws took her passport and won't let her go out alone", "women"),
    ("在日本结的婚 回国要去哪补登记", "civil_affairs"),
    ("邻居把一堆煤堆在楼梯间 旁边还放个炉子", "fire"),
    ("there's a boy who's at the beach every night till late, his parents are working away", "children"),
    ("买气得去营业厅排老长的队 能不能网上交", "gas"),
    ("海鲜排档宰客 一斤蟹收四百", "market"),
    ("the kayak place rents boats with no licence and charges tourists triple", "market"),
    ("排水沟的事每次都说在研究 研究大半年了", "district_office"),
    ("my upstairs neighbour leaves angry notes on my door every day about noise, can someone help us talk it out?",
     "mediation"),
    ("Someone keeps trying our door handle at 3am, twice this week", "public_security"),
    ("公厕好几天没人打扫了 臭得进不去", "urban_mgmt"),
    ("the kettle I bought broke within a week and the shop refused to exchange it", "market"),
    ("夜市一晚上跳了三回闸 整条街黑乎乎的", "power"),
    ("出租车司机看我们是外地的 绕路还不打表", "transport"),
    ("阿公阿婆带孙子 年纪大了煮饭辛苦 社区有没有老人饭堂", "welfare"),
])
def test_the_145th_and_146th_sets_reports_in_our_words(shipped: Router, text: str, lead: str) -> None:
    """Reports of the 145th and 146th sets in our words: a homestay room crammed and unregistered, English in-laws
    keeping a wife's passport, a marriage abroad to register, coal and a stove in a stairwell, an English child whose
    parents work away, buying gas in a queue, seafood overcharged, an unlicensed English rental, "still studying it"
    for months, an English neighbours' quarrel to talk out, a door handle tried at night, a dirty public toilet, an
    English shop refusing an exchange, a market tripping its power, a taxi driver cheating outsiders (no news from
    elsewhere), old people for whom cooking is hard (辛苦, no thank-you)."""
    d = shipped.route(text)
    assert d.report is not False and d.lead == lead, d


@pytest.mark.parametrize("text", [
    "lift in block 5 is working again btw, they fixed it this morning",
    "Found a phone charger by the bike shed, msg me if it's yours",
    "Welcome to the new neighbours in building 3! Shout if you need anything",
])
def test_the_145th_and_146th_sets_non_reports(shipped: Router, text: str) -> None:
    """Of the 145th and 146th sets, no reports: English news of a lift fixed, a charger found ("msg me"), a welcome
    to new neighbours."""
    d = shipped.route(text)
    assert d.report is not True, d


@pytest.mark.parametrize("text", [
    "后山那段挡土墙前年就裂了，一直没人来看，能不能找人来鉴定一下",
    "她男人经常打她，胳膊上老是青一块紫一块的，她不敢报警",
    "灶上天然气火苗就绿豆那么大点，水半天烧不开",
    "楼上天天拿棍子敲地板，说我们吵，再这样两家要打起来了",
    "对门装修打钉子，把我家这边墙皮都震掉了",
])
def test_the_145th_and_146th_sets_are_no_emergencies(shipped: Router, text: str) -> None:
    """Of the 145th and 146th sets: an old crack asked to be surveyed, a wife beaten as a habit, a weak gas flame, a
    quarrel that may come to blows, plaster shaken off by a neighbour's drilling: reports, none an emergency now."""
    d = shipped.route(text)
    assert d.report is not False and d.priority != "emergency", d


@pytest.mark.parametrize(("text", "lead"), [
    ("I'm dying, my chest hurts so much, please help", "public_health"),
    ("found a man face down in the reeds by the canal, he's cold, not moving", "police"),
    ("屋后那段老挡墙在往下垮 下面就是两户人家", "housing"),
    ("电梯关牢了 阿公勒里厢出勿来", "fire"),
    ("power line down across the path after the storm and it's buzzing", "power"),
    ("my roommate sent goodbye messages to everyone and won't open her door", "police"),
    ("村口的鞭炮作坊冒黑烟 噼里啪啦响 人都往外跑", "fire"),
    ("车棚充电的电瓶车噼里啪啦响 有烟冒出来", "fire"),
    ("滩涂上漂过来一个人 脸朝下 一动不动", "police"),
    ("废弃厂房门口躺了个人 好臭 苍蝇好多", "police"),
])
def test_the_147th_and_148th_sets_emergencies_in_our_words(shipped: Router, text: str, lead: str) -> None:
    """Emergencies of the 147th (Pingxiang and Ningde) and 148th (Anshun and Pudong) sets in our words: English chest
    pain, an English body cold in the reeds, a retaining wall coming down, a Shanghainese lift that shut someone in,
    an English live line buzzing, English goodbye messages, a firecracker workshop smoking and popping, e-bikes
    crackling and smoking, a body washed up face down, a body found by its smell and flies."""
    d = shipped.route(text)
    assert (d.report, d.lead, d.priority) == (True, lead, "emergency"), d


@pytest.mark.parametrize(("text", "lead"), [
    ("I've reported the broken lamp 3 times on 12345 and every time they mark it resolved", "district_office"),
    ("村干部把救济的米面先分给自己亲戚", "district_office"),
    ("社区那个窗口的态度好差 甩脸子 喊我明天再来", "district_office"),
    ("my wife is Chinese and I'm Canadian, where do we register our marriage?", "civil_affairs"),
    ("有人加我说是燃气公司的 让我扫码交燃气费 还好没付", "police"),
    ("the nail salon took 1500 rmb prepaid off us and closed overnight", "market"),
    ("someone keeps taking parcels left outside doors on our floor", "public_security"),
    ("村集体的景区门票收入咋分的 账目能不能公开", "economy"),
    ("庙里那几套地戏面具屋顶漏雨都发霉了 老辈传下来的东西", "culture"),
    ("our dragon boat team has nowhere to train since the pier closed", "culture"),
    ("网吧天天放初中生包夜 我外甥两天没回家睡了", "children"),
    ("我户口还挂在老地址 要迁到新房这边怎么办", "police"),
    ("我们船上人家的孩子户口还没迁过来 上小学要交借读费", "education"),
    ("老伴在矿上干了三十年得了尘肺 职业病鉴定怎么申请", "hrss"),
    ("夜里有人偷鱼塘里的鱼 连着偷了三晚", "public_security"),
    ("能不能办个方言班 孩子们都不会讲了", "culture"),
    ("kids keep climbing the fence of the empty factory after school", "children"),
    ("the school wants parents to pay for optional tutoring and everyone feels pressured to join", "education"),
])
def test_the_147th_and_148th_sets_reports_in_our_words(shipped: Router, text: str, lead: str) -> None:
    """Reports of the 147th and 148th sets in our words: English cases marked resolved, relief food given to a cadre's
    relatives, a window clerk's face, an English foreign marriage, a fake gas company's QR code, an English prepaid
    salon gone, parcels taken from doorsteps, a collective's ticket money, opera masks going mouldy, an English
    dragon-boat team, an internet café keeping children overnight (no missing person), a hukou still at the old
    address (and a schoolchild's, which is the school's matter), miner's lung, fish stolen, a dialect class, English
    children climbing a fence, English pressure to pay for tutoring."""
    d = shipped.route(text)
    assert d.report is not False and d.lead == lead, d


@pytest.mark.parametrize("text", [
    "home from work at midnight, catching up on the chat 😅 good night all",
    "Replying to Tom: yes the vet on Zhangjiang Rd does vaccinations, about 80 rmb",
    "I'm literally dying on this Zoom call 💀",
    "lol my cat just hissed at her own reflection in the lift mirror",
    "Is the lantern festival open to visitors? Would love to see the dragon dance",
])
def test_the_147th_and_148th_sets_non_reports(shipped: Router, text: str) -> None:
    """Of the 147th and 148th sets, no reports: a late English good night, an answer headed "Replying to Tom:", English
    hyperbole on a call, a cat and a lift mirror (no lift fault), a question about a festival one would love to see."""
    d = shipped.route(text)
    assert d.report is not True, d


@pytest.mark.parametrize("text", [
    "留守的几个娃天天在塌陷区那边玩，地上都是裂缝，没大人管",
    "采空区那边的房子墙上裂缝越来越大，门都关不上了",
    "养殖场把死鱼烂虾直接倒在滩涂上，臭得很",
])
def test_the_147th_and_148th_sets_are_no_emergencies(shipped: Router, text: str) -> None:
    """Of the 147th and 148th sets: children who play every day on subsiding ground (a habit), cracks growing over a
    mined-out area, dead fish dumped on the shore (倒在 said of what is dumped, nobody collapsed): reports, none an
    emergency now."""
    d = shipped.route(text)
    assert d.report is not False and d.priority != "emergency", d


@pytest.mark.parametrize("text", [
    "when will the 燃气 be reconnected? they cut it 3 days ago for inspection and nobody came back",
    "lift in 4号楼 has been out of order since Monday, any update? my grandma lives on the 9th floor",
    "bus stop sign at the 北门 got removed during renovation and the buses don't stop there anymore",
])
def test_english_with_a_chinese_word_is_not_raised_by_the_emergency_head(shipped: Router, text: str) -> None:
    """English with a Chinese word or two in it is no emergency unless its words say so: the starter's emergency
    head learnt from Chinese messages and, retrained after a small rulebook change, had raised all three."""
    d = shipped.route(text)
    assert d.report is not False and d.priority != "emergency" and d.source.alarm is None, d


@pytest.mark.parametrize(("text", "lead"), [
    ("三楼楼到全是烟 呛得睁不开眼", "fire"),
    ("骑楼阳台成块跌咗落街 上面仲跌紧石屎", "housing"),
    ("江水漫上嚟喇 一楼全部入水 阿婆行唔郁", "urban_mgmt"),
    ("木工房有个师傅只手畀机器绞咗 血流唔停", "public_health"),
    ("救命 someone is breaking into the flat upstairs right now, smashing the door", "police"),
    ("山上下来的水把路冲了 水老急了 还有老人在屋里没出来", "urban_mgmt"),
    ("strong smell like rotten eggs in the hallway by our flat, should we get out?", "gas"),
    ("俺家那口子进山巡护 说好昨天回 今儿都没信儿 对讲机也不回", "police"),
    ("隔篱个男人打老婆 仲拎住把刀", "women"),
    ("超市停车场架车窗关晒 入面有个BB喊到面都红", "children"),
    ("河浜里向飘了一个人 面孔朝下", "police"),
    ("阿爷喺楼梯度摔低 后脑壳着地 一直在吐", "public_health"),
])
def test_the_149th_and_150th_sets_emergencies_in_our_words(shipped: Router, text: str, lead: str) -> None:
    """Emergencies of the 149th (Liupanshui and Suzhou) and 150th (Hulunbuir and Zhaoqing) sets in our words: smoke
    filling a stairwell (楼到, a slip for 楼道), Cantonese balconies falling and floods rising, a hand caught in a
    machine, an English break-in now, a flash flood with old people inside, an English rotten-egg smell in a hallway,
    a ranger overdue in the forest, a husband with a knife (hers), a baby in a shut car, a Wu body in a canal, a fall
    on the stairs with vomiting."""
    d = shipped.route(text)
    assert (d.report, d.lead, d.priority) == (True, lead, "emergency"), d


@pytest.mark.parametrize(("text", "lead"), [
    ("街道说归区里管 区里说归街道管 踢了两个月皮球", "district_office"),
    ("I reported the broken swing three times and every time I get a 'case closed' text", "district_office"),
    ("someone's been trying car door handles in the car park at night", "public_security"),
    ("a man keeps offering sweets to kids outside the kindergarten and taking photos of them", "children"),
    ("佢喺旅游街买咗只玉镯 拎去验出嚟係假嘅", "market"),
    ("how do we register marriage if my husband is a foreigner?", "civil_affairs"),
    ("a boy from our block is always in the internet cafe past midnight", "children"),
    ("我间屋租咗俾两个外国留学生 要唔要去派出所登记", "police"),
    ("is there daytime care for old people? my grandma is alone all day", "welfare"),
])
def test_the_149th_and_150th_sets_reports_in_our_words(shipped: Router, text: str, lead: str) -> None:
    """Reports of the 149th and 150th sets in our words: street office and district kicking a matter between them
    for months, English "case closed" texts, car door handles tried, a man with sweets and a camera at a school,
    fake jade told in Cantonese, an English foreign marriage, a boy in an internet café, rooms let to foreign
    students, English day care for an old woman (no child left alone)."""
    d = shipped.route(text)
    assert d.report is not False and d.lead == lead, d


@pytest.mark.parametrize("text", [
    "My neighbour told me about the big flood in 1998, crazy stories. glad it's dry today",
    "琴日水浸嗰条街已经退晒水喇 车可以行返",
])
def test_the_149th_and_150th_sets_non_reports(shipped: Router, text: str) -> None:
    """Of the 149th and 150th sets, no reports: an English flood of 1998 told as a story, a Cantonese all-clear."""
    d = shipped.route(text)
    assert d.report is not True, d


@pytest.mark.parametrize("text", [
    "天然气火苗子小的跟蜡烛似的 烧壶水半天",
    "老家属楼外墙裂的缝能伸进手指头 这楼还能住吗",
    "那个水塘每年开春冰一化就有小孩去玩 能不能拉个网",
])
def test_the_149th_and_150th_sets_are_no_emergencies(shipped: Router, text: str) -> None:
    """Of the 149th and 150th sets: a candle-sized gas flame, a wide crack asked about, children at a pond every
    spring: reports, none an emergency now."""
    d = shipped.route(text)
    assert d.report is not False and d.priority != "emergency", d


@pytest.mark.parametrize(("text", "lead"), [
    ("my flatmate sent me a goodbye msg and isn't picking up, she's been really depressed", "police"),
    ("part of the ceiling in the stairwell just collapsed and the wall is still crumbling", "housing"),
    ("炸油条的师傅被滚油泼了 手上全是泡 疼得在地上打滚", "public_health"),
    ("a man is kicking our door and screaming he'll kill my brother, we're hiding in the bathroom", "police"),
    ("后山草丛好臭 行近睇到系个人瞓喺度 已经唔郁", "police"),
    ("阿嫲朝早出去到依家都未返 佢有啲老人痴呆", "police"),
    ("说个事 下周去看展览周三截止报名 另外我刚看到地下室门缝一直往外冒白烟", "fire"),
])
def test_the_151st_and_152nd_sets_emergencies_in_our_words(shipped: Router, text: str, lead: str) -> None:
    """Emergencies of the 151st (Yueyang and Changchun) and 152nd (Kaiping and Lanzhou) sets in our words: an English
    goodbye message, an English ceiling collapsed, a cook scalded with hot oil, an English threat to kill behind a
    kicked door, a Cantonese body in the grass, a grandmother with dementia not back, smoke from a basement door told
    after a notice."""
    d = shipped.route(text)
    assert (d.report, d.lead, d.priority) == (True, lead, "emergency"), d


def test_a_scam_told_of_a_wechat_message_is_a_report(shipped: Router) -> None:
    """A scam told of a "WeChat message" is a report, no advert: "wechat me" is a whole phrase, not the start of
    "WeChat message"."""
    d = shipped.route("got a WeChat message pretending to be the property office asking me to pay to a new account")
    assert d.report is not False and d.lead == "police", d


@pytest.mark.parametrize("text", [
    "我这人嘴馋 夜市的烤串一天不吃就要命",
    "Honestly the friendliest neighbourhood I've ever lived in",
    "@王阿姨 the water's back on now, the plumbers just left",
])
def test_the_151st_and_152nd_sets_non_reports(shipped: Router, text: str) -> None:
    """Of the 151st and 152nd sets, no reports: a craving sworn to (不吃就要命), English praise of the neighbourhood,
    an English all-clear to a neighbour (the water's back on now)."""
    d = shipped.route(text)
    assert d.report is not True, d


@pytest.mark.parametrize(("text", "lead"), [
    ("厨房里一股臭鸡卵味 我妈要开火我没让", "gas"),
    ("屋里有股怪味 煤气灶也没开 打火机都不敢打", "gas"),
    ("烧烤店的炉子窜火了 火往上窜到二楼", "fire"),
    ("仓库那边烟从门缝往外冒 门还锁着", "fire"),
    ("电梯关里面了 我和我妈两个人 按警铃没人理", "fire"),
    ("我老公喝多了拿着刀在屋里追我 我躲进卫生间了", "women"),
    ("那个孩子胳膊上有烟头烫的疤 说他后妈回去会打死他", "children"),
    ("班上有个学生中午出去就一直没来 家长手机也关机了", "police"),
])
def test_the_153rd_and_154th_sets_emergencies_in_our_words(shipped: Router, text: str, lead: str) -> None:
    """Emergencies of the 153rd (Weihai and Chenzhou) and 154th (Quanzhou and Xining) sets in our words: a smell of
    rotten eggs (Minnan 臭鸡卵) and a lighter nobody dares strike beside a smell, flames leaping from a stove and smoke
    from a locked door, a lift shut on people (关里面), a husband with a knife, a child burnt with cigarettes and
    threatened, a pupil not back whose parents cannot be reached."""
    d = shipped.route(text)
    assert (d.report, d.lead, d.priority) == (True, lead, "emergency"), d


@pytest.mark.parametrize(("text", "lead"), [
    ("社区书记说话太冲了 我就问问补贴的事 这是什么态度", "district_office"),
    ("老旧小区漏水的事 找了物业找社区找街道 一个推一个 半年没人管", "district_office"),
    ("每次打热线都答复说已转相关部门 到现在还是没人来", "district_office"),
    ("网格员来登记还收五十块工本费 问他要收据也不给", "district_office"),
    ("窗口的人收了我两瓶酒才肯给我办", "district_office"),
    ("Every time I call the hotline it's 'transferred to the relevant department' and then closed", "district_office"),
    ("村里把集体的鱼塘承包给外人了 我们村民都不知道 也没开会", "economy"),
    ("集体的老仓库一直空着 好好的资产就这么烂了", "economy"),
    ("厂里那座老礼堂能不能申请列为历史建筑保护起来", "culture"),
    ("公告栏半年没人更新了 贴的都是旧通知", "committee"),
    ("楼上一间房住了二十几个工人 上下铺挤满了", "public_security"),
    ("老屋的房梁被虫蛀空了 楼板踩着直晃", "housing"),
    ("电表转得飞快 家里就一台冰箱", "power"),
    ("有人往小河里排黄水 死鱼漂了一片", "ecology"),
    ("The butcher at the market has a rigged scale, I got 300g less than I paid for", "market"),
    ("my son's school makes parents pay a materials fee every term that nobody explains", "education"),
    ("the pump room on the roof is leaking into the corridor, water dripping from the ceiling", "property"),
    ("a neighbour keeps charging an e-bike battery in the corridor with an extension cord", "fire"),
    ("a little girl upstairs is always outside alone until midnight and says she hasn't eaten", "children"),
    ("my neighbour and I had a shouting match over parking, can someone neutral sit down with us?", "mediation"),
    ("the pavement by the kindergarten has a broken section and kids keep tripping", "urban_mgmt"),
])
def test_the_153rd_and_154th_sets_reports_in_our_words(shipped: Router, text: str, lead: str) -> None:
    """Reports of the 153rd and 154th sets in our words, each to its handler: a cadre's rude words, a runaround (一个推
    一个), "transferred to the department" every time, a fee or gifts taken by staff, collective assets let or left to
    rot, a hall to keep as heritage, a notice board never updated, a crowded rental, beams eaten hollow, a meter that
    races, dirty water let into a stream, English: a rigged scale, a school's fees, a pump room leaking, an e-bike
    charged in a corridor, a child left alone and unfed, a neighbour quarrel to mediate, a broken pavement."""
    d = shipped.route(text)
    assert d.report is not False and d.lead == lead, d


@pytest.mark.parametrize("text", [
    "前些年这条路一下雨就积水 后来修了排水沟再也没积过水 给社区点个赞",
    "去年那场大水淹到膝盖 现在想起来还后怕 好在今年河堤修好了",
    "The lanterns at the festival last night were insane! 🏮",
    "I'm dying 😂 my neighbour's parrot just said ni hao to the postman",
    "上个月电梯关人那个事 后来物业道了歉 算了不提了",
    "老厂区那个俱乐部我们年轻时在里面看过电影 听说要拆了 能不能列为文物",
])
def test_the_153rd_and_154th_sets_not_ticketed_unasked(shipped: Router, text: str) -> None:
    """Of the 153rd and 154th sets: a flood of years ago that ended well (再也没…过, 点个赞; 好在…修好了), English
    praise and a laugh, a lift matter of last month apologised for: no ticket; a club where films were once shown
    (在里面看过电影) is no film told of: never dropped."""
    d = shipped.route(text)
    if "文物" in text:
        assert d.report is not False and d.lead == "culture", d
    else:
        assert d.report is not True, d


@pytest.mark.parametrize("text", [
    "俺们老人去卫生站量血压都找不着医生",
    "邻居大姐老被她男人骂 不让她出门",
])
def test_the_153rd_and_154th_sets_are_no_emergencies(shipped: Router, text: str) -> None:
    """Of the 153rd and 154th sets: old people who cannot find a doctor (找不着医生) are not missing, a woman scolded by
    her husband is no emergency: reports, none an emergency."""
    d = shipped.route(text)
    assert d.report is not False and d.priority != "emergency", d


@pytest.mark.parametrize(("text", "lead"), [
    ("救命 灶台上油锅招火了", "fire"),
    ("3号楼顶上有个人说要跳下来 物业的人劝了半天", "police"),
    ("有个阿伯企喺天台边度好耐 叫佢唔应", "police"),
    ("my sister came to my door crying, her husband is hitting her again and smashing plates", "women"),
    ("stuck in elevator between floors with my kid, no one answers the alarm", "fire"),
    ("对门两个娃娃被关在屋里三天了 大人一直没回来 一直在哭", "children"),
    ("偷车的被我发现了 他拿着扳手朝我冲过来", "police"),
    ("女儿打电话说女婿又动手了 把她关在卧室里", "women"),
    ("河边几个伢在水里玩 水好急 有个快站不稳了", "children"),
    ("大堤那边管涌了 水往村里漫 还有老人没撤", "urban_mgmt"),
    ("墙上那道缝刚才一下子裂大了 楼板嘎吱响", "housing"),
])
def test_the_155th_and_156th_sets_emergencies_in_our_words(shipped: Router, text: str, lead: str) -> None:
    """Emergencies of the 155th (Baotou and Zhuhai) and 156th (Jiujiang and Shijiazhuang) sets in our words: a pan
    that caught fire (招火), someone on a roof who says he will jump or stands long at its edge (Cantonese), an English
    husband hitting his wife, an English lift stuck between floors, children shut in for days, a thief coming at me
    with a spanner, a son-in-law striking again, children in fast water, an embankment piping, a crack that widened
    just now."""
    d = shipped.route(text)
    assert (d.report, d.lead, d.priority) == (True, lead, "emergency"), d


@pytest.mark.parametrize(("text", "lead"), [
    ("宣传栏好几个月没动过 还贴着春节的通知", "committee"),
    ("我们楼想订个楼道公约 居委会能派人来主持一下吗", "committee"),
    ("初中的几个大孩子在巷子里拦着小学生要钱", "children"),
    ("河边那段没护栏 暑假娃们天天去玩水 也没人管", "children"),
    ("我们一群老姐妹想学跳舞 社区能不能请个老师开个班", "culture"),
    ("跟对门嗌咗几次交 而家见面都黑口黑面 想搵人调解下", "mediation"),
    ("my neighbour and I keep arguing about the shared corridor, it's getting nasty, can someone help us sort it out",
     "mediation"),
    ("张大爷老伴去世以后一个人住 屋里冷冰冰的 也没人照看", "welfare"),
    ("a friend who works as a nanny says the man of the house keeps touching her", "women"),
    ("the corner shop charged me more than the shelf price again", "market"),
    ("a boy of about seven is alone at the playground till late every night", "children"),
    ("村里的湖边滩涂上好多钉螺 担心血吸虫", "public_health"),
    ("the village collective land was rented out and nobody saw a cent", "economy"),
    ("办失业登记要的身份证明在哪开", "street_office"),
    ("I reported the broken bench to the community, they passed it to the park office, who sent it back",
     "district_office"),
    ("村主任把低保名单上加了自己家亲戚", "district_office"),
    ("给那个卖保健品的交了钱 现在人跑了 电话也关机", "police"),
    ("有没有转产培训 上岸的渔民不知道干啥", "hrss"),
    ("村里的电表转得飞快 一家就开个灯", "power"),
])
def test_the_155th_and_156th_sets_reports_in_our_words(shipped: Router, text: str, lead: str) -> None:
    """Reports of the 155th and 156th sets in our words, each to its handler: a notice board never changed, a building's
    rules to agree, bullies taking money, water with no railing, a dance class, neighbours quarrelling (Cantonese 嗌交,
    English), a widower alone in the cold, a nanny touched, a price above the shelf's, a child alone late, snails that
    carry schistosomiasis, collective land let, a certificate asked for, a matter sent back and forth, relatives added
    to an allowance list, a seller gone with the money, training for fishermen ashore, a meter that races."""
    d = shipped.route(text)
    assert d.report is not False and d.lead == lead, d


@pytest.mark.parametrize("text", [
    "lmao I'm dying 😂 my son asked the guard if he's a robot",
    "had a great game at the ping pong table haha, who's in for Friday?",
    "Anyone going to the airport on Sunday? want to share a taxi",
    "That storm last summer was wild, the whole block shook. So glad it's behind us.",
    "听朋友说香港那边房租又涨了 还是住珠海划算",
    "社区门口那家奶茶店新开业啦 开业大吉 第二杯半价优惠",
    "暖气改了以后屋里暖和多了，就是费用高点，总的来说还可以",
])
def test_the_155th_and_156th_sets_non_reports(shipped: Router, text: str) -> None:
    """Of the 155th and 156th sets, no reports: an English laugh that opens 'I'm dying', an invitation (who's in for),
    a taxi to share, a storm glad to be behind us, rents over in Hong Kong heard from a friend, a shop's opening
    advert, a verdict summed up (总的来说还可以)."""
    d = shipped.route(text)
    assert d.report is not True, d


@pytest.mark.parametrize("text", [
    "遛狗不拴绳还乱拉屎 说他两句还冲我翻白眼",
    "小区门口那家店的喇叭天天循环放全场五折 吵死了",
])
def test_the_155th_and_156th_sets_are_reports_no_emergencies(shipped: Router, text: str) -> None:
    """Of the 155th and 156th sets: eyes rolled at me (翻白眼) are no fit, a shop's loudspeaker shouting its discount
    (五折) is a noise complaint, no advert: reports, none an emergency."""
    d = shipped.route(text)
    assert d.report is not False and d.priority != "emergency", d


@pytest.mark.parametrize(("text", "lead"), [
    ("我姐刚逃到我家 脸上都是血 她老公拎着棍子在外面找她", "women"),
    ("校门口有个不认识的男人硬拽一个小男孩上他的车 孩子一直哭", "children"),
    ("快递小哥被大狗咬了 小腿一个大口子 血流个不停", "public_health"),
    ("泥石流把坡下那户的房子冲塌了 里面还有老人", "housing"),
])
def test_the_157th_and_158th_sets_emergencies_in_our_words(shipped: Router, text: str, lead: str) -> None:
    """Emergencies of the 157th (Luoyang and Nanning) and 158th (Tianjin and Xishuangbanna) sets in our words: a
    husband hunting his wife with a stick (拎着棍子), a stranger dragging a child into his car, a dog bite that bleeds,
    a house buried by a landslide with someone inside."""
    d = shipped.route(text)
    assert (d.report, d.lead, d.priority) == (True, lead, "emergency"), d


@pytest.mark.parametrize(("text", "lead"), [
    ("楼长收了每家三十块钱说装门禁 收了一年了门禁影子都没见", "committee"),
    ("我们楼的楼门长年纪太大了 能不能换个人", "committee"),
    ("院里那口旧水井没盖 孩子们天天在井边玩", "children"),
    ("楼下那孩子经常挨他后爸打", "children"),
    ("a little girl is often alone outside the internet cafe after midnight", "children"),
    ("My in-laws took my passport and won't let me out of the house", "women"),
    ("有人说能帮忙办补贴 收了十几户的钱人就跑了", "police"),
    ("Someone called claiming to be from customs and asked me to transfer a deposit", "police"),
    ("社区的相声角冬天没地方去 能不能找个屋子", "culture"),
    ("我们想成立个腰鼓队 社区能不能借个场地", "culture"),
    ("村委收了修桥的钱 桥到现在都没修", "district_office"),
    ("I called three times and got sent to different offices, each says it's not their job", "district_office"),
    ("路灯坏了 物业说归供电 供电说归路灯所 一直踢皮球", "district_office"),
    ("后院那家又搭出来一间小屋 把过道占了一大半", "urban_mgmt"),
    ("防盗窗全焊死了 一个逃生口都没留", "fire"),
    ("阿婆八十几岁 冇仔女喺身边 一个人住", "welfare"),
])
def test_the_157th_and_158th_sets_reports_in_our_words(shipped: Router, text: str, lead: str) -> None:
    """Reports of the 157th and 158th sets in our words, each to its handler: a building steward who collected money
    and bought nothing, or should be replaced, an open well, a child beaten often (a habit: no emergency asked), a
    child alone at night (English), a passport taken, money taken for a favour and gone, a customs scam, a crosstalk
    corner and a drum team without a room, money for a bridge never built, offices that disown a matter, a shed built
    out, window grilles welded shut, an old woman with no children near."""
    d = shipped.route(text)
    assert d.report is not False and d.lead == lead, d


@pytest.mark.parametrize("text", [
    "来电了来电了！终于能开空调了",
    "Back when I lived in Beijing the winters were brutal lol, this is nothing",
    "@王姨 快递柜在2号门旁边 扫码就能取",
    "刚才那声雷真响，还以为哪里爆炸了",
    "我们这条老街有年头了，以前是码头，后来改成了住家",
])
def test_the_157th_and_158th_sets_non_reports(shipped: Router, text: str) -> None:
    """Of the 157th and 158th sets, no reports: power back said twice, an English memory (back when I lived in), an
    answer telling a neighbour where (@王姨 …在…), thunder taken for an explosion (还以为), a street's history."""
    d = shipped.route(text)
    assert d.report is not True, d


@pytest.mark.parametrize("text", [
    "老楼改造拖了两年 外墙皮一下雨就往下掉",
    "电梯又停了 我拎着米爬了九楼 腿都软了",
    "娃的接种本找不着了 去哪里补办",
])
def test_the_157th_and_158th_sets_are_reports_no_emergencies(shipped: Router, text: str) -> None:
    """Of the 157th and 158th sets: wall plaster falling in a renovation long awaited is no collapse, legs gone soft
    from climbing stairs are no fit, a child's record book lost (娃的…找不着) is no child missing: reports, none an
    emergency."""
    d = shipped.route(text)
    assert d.report is not False and d.priority != "emergency", d


@pytest.mark.parametrize(("text", "lead"), [
    ("我老公喝醉了拿凳子砸我 我抱着孩子躲在阳台", "women"),
    ("刮大风把电线吹断了 掉在路上还在滋滋响 小孩在旁边", "power"),
    ("二楼那个作坊冒浓烟了 一股焦味 里面好像还有人", "fire"),
    ("煤堆里露出一只脚 好像埋了个人", "police"),
    ("我家细佬寻不着了 五岁 放学到现在不见人", "police"),
    ("楼梯口一大股烧塑料味 往下看浓烟往上窜", "fire"),
    ("小区门口一群人在打一个外卖员 有人拿着钢管", "police"),
])
def test_the_159th_and_160th_sets_emergencies_in_our_words(shipped: Router, text: str, lead: str) -> None:
    """Emergencies of the 159th (Dongguan and Yan'an) and 160th (Wenzhou and Mudanjiang) sets in our words: a husband
    throwing a stool at his wife, a fallen wire that sizzles, thick smoke with someone inside, a foot out of a heap, a
    small brother not found (寻不着), smoke rising up a stairwell, a gang beating a rider with a pipe."""
    d = shipped.route(text)
    assert (d.report, d.lead, d.priority) == (True, lead, "emergency"), d


@pytest.mark.parametrize(("text", "lead"), [
    ("村口那个水窖盖子坏了 小孩天天在边上玩", "children"),
    ("有个男的天天在幼儿园门口蹲着 老逗小朋友", "children"),
    ("a kid of maybe ten is working at the noodle stall every night till midnight", "children"),
    ("楼道里蟑螂成灾了 晚上一开灯满墙跑", "public_health"),
    ("屋里最近老出蝎子 晚上都不敢睡", "public_health"),
    ("开店要社区出个住址证明 跑了三趟都没盖上章", "street_office"),
    ("快递员老是放门口就走 丢了两回了", "transport"),
    ("隔壁把好几桶油漆放在楼梯底下", "fire"),
    ("the workshop owner still owes me three months pay", "hrss"),
    ("厂里每月扣两百住宿费 合同里根本没有 还乱扣钱", "hrss"),
    ("网格员收了老板的好处 违建的事一直不报", "district_office"),
    ("路边那道裂缝反映了四次 每次都说来看看 人影都没见", "district_office"),
    ("I've called the hotline three times and each time I just get a ticket number", "district_office"),
    ("厂里那座老礼堂听说要拆了 能不能留下来", "culture"),
    ("我们楼几户老人想成立个互助小组 社区能来指导下吗", "committee"),
    ("the clinic charged me 400 for a drip and won't give an itemised receipt", "health"),
    ("so many dead trees along the canal and nobody has replaced them", "urban_mgmt"),
    ("my child's teacher slapped a kid in front of the whole class", "education"),
    ("Can we register our marriage here if my fiancé is a foreigner?", "civil_affairs"),
    ("接到个电话说我孙子在学校打架要赔钱 让我先转三千", "police"),
    ("进村那条山路烂得不成样子了 车都开不上来", "urban_mgmt"),
])
def test_the_159th_and_160th_sets_reports_in_our_words(shipped: Router, text: str, lead: str) -> None:
    """Reports of the 159th and 160th sets in our words, each to its handler: an open water cellar, a man loitering
    at a kindergarten, a child at work (English), cockroaches and scorpions, a certificate the community will not
    give, parcels left at the door, paint under the stairs, wages owed (English), a dorm fee docked, a grid worker
    paid off, a crack reported four times, a hotline's ticket numbers, a hall to keep, a mutual-help group, a clinic's
    bill (English), dead trees, a teacher's slap, a marriage to register, a scam call about a fight (no fight: the
    police, not an emergency), a mountain road in ruins."""
    d = shipped.route(text)
    assert d.report is not False and d.lead == lead, d


@pytest.mark.parametrize("text", [
    "@Wang Fang the shuttle to the metro is No. 3, it leaves every 20 minutes",
    "this heat is killing me 😂 can't wait for autumn",
    "大哥你说得对 停车费涨点就涨点吧 车位确实好找了",
])
def test_the_159th_and_160th_sets_non_reports(shipped: Router, text: str) -> None:
    """Of the 159th and 160th sets, no reports: an English answer naming a bus number, heat that is 'killing me 😂',
    agreement with a neighbour addressed first (大哥你说得对)."""
    d = shipped.route(text)
    assert d.report is not True, d


@pytest.mark.parametrize("text", [
    "村口电线杆让车刮歪了 没倒 线也没断 就是看着不踏实",
    "If there's ever a fire in this building we're done for, the back stairs are always locked",
    "电话里说我儿子在外面打架了 要我转钱 是不是骗子",
])
def test_the_159th_and_160th_sets_are_reports_no_emergencies(shipped: Router, text: str) -> None:
    """Of the 159th and 160th sets: a leaning pole with the wire whole, a fire only supposed in English, a fight told
    by a scam caller: reports, none an emergency."""
    d = shipped.route(text)
    assert d.report is not False and d.priority != "emergency", d


@pytest.mark.parametrize(("text", "lead"), [
    ("我爸被反锁在天台上了 外面下着大雪 手机也没带", "fire"),
    ("a toddler is climbing on the outside of the balcony railing on the 7th floor, no adult around", "children"),
    ("there's a strong smell like gas in the corridor of block 3, anyone else smell it?", "gas"),
    ("他喝多了用棍子打我 我锁在卧室里 他还在砸门", "women"),
    ("一进门家里一股怪味 头晕得厉害 我赶紧开窗了", "gas"),
    ("物业费的事先不说了 对了我刚在车库看到一辆电动车在烧 火星子到处飞", "fire"),
    ("小区门口地面突然陷下去一个大坑 一辆车半个轮子掉进去了", "housing"),
])
def test_the_161st_and_162nd_sets_emergencies_in_our_words(shipped: Router, text: str, lead: str) -> None:
    """Emergencies of the 161st (Haikou and Datong) and 162nd (Hangzhou and Ganzi) sets in our words: a father locked
    out on a roof in the snow, an English toddler outside a balcony railing, an English smell like gas, a drunk
    husband with a stick, a smell with dizziness at home, a burning e-bike told after another matter (a time gone by
    said before it is no story of the fire), ground that suddenly sank."""
    d = shipped.route(text)
    assert (d.report, d.lead, d.priority) == (True, lead, "emergency"), d


@pytest.mark.parametrize(("text", "lead"), [
    ("老人们想办个粤剧兴趣班 社区能不能给个场地", "culture"),
    ("社区想办个秧歌培训班 年轻人都不会扭了", "culture"),
    ("村里集体的鱼塘被人私下往外租 这钱归谁了", "economy"),
    ("the noodle place by the station made two of us sick, we both got diarrhoea", "market"),
    ("the chicken wings were raw in the middle and the kitchen is filthy", "market"),
    ("I've been sent between the community office and the street office three times about one form", "district_office"),
    ("老公一喝酒就骂我推我 好多年了 我想离开他", "women"),
    ("the pavement outside the market is broken up with big holes", "urban_mgmt"),
    ("留守的姐弟俩 爷爷腿脚不好 冬天还穿着单衣", "children"),
    ("省道又塌方了 石头堵了半边路", "transport"),
    ("my son's teacher keeps pushing paid extra lessons after school", "education"),
    ("我被裁了 公司说赔偿只给一半", "hrss"),
    ("有个男的老在小学门口转悠 给小娃娃糖吃", "children"),
])
def test_the_161st_and_162nd_sets_reports_in_our_words(shipped: Router, text: str, lead: str) -> None:
    """Reports of the 161st and 162nd sets in our words, each to its handler: an opera class and a folk-dance course
    wanting a room, collective property let on the quiet, food that made people sick and raw chicken (English), an
    English runaround, a husband who scolds and shoves (a habit: no emergency), a broken pavement, left-behind
    children in the cold, a provincial road blocked by a slide, paid extra lessons, a layoff paid short, a man
    loitering at a school gate."""
    d = shipped.route(text)
    assert d.report is not False and d.lead == lead, d


@pytest.mark.parametrize("text", [
    "我们的服务器又着火了🔥 今晚又要通宵了",
    "the snail noodles smell weird but honestly it's growing on me 😂",
])
def test_the_161st_and_162nd_sets_non_reports(shipped: Router, text: str) -> None:
    """Of the 161st and 162nd sets, no reports: a server 'on fire' (a figure of speech), a taste growing on one."""
    d = shipped.route(text)
    assert d.report is not True, d


@pytest.mark.parametrize("text", [
    "Quick q - when does the community library open on weekends?",
    "Is the 社区 gym open on public holidays?",
])
def test_the_161st_and_162nd_sets_questions_are_asked(shipped: Router, text: str) -> None:
    """Of the 161st and 162nd sets: an English question opened by 'Quick q', and an English question with a Chinese
    word in it, are asked before anything is registered: no ticket unasked."""
    d = shipped.route(text)
    assert d.report is not True, d


def test_a_coconut_over_a_pavement_is_no_collapse(shipped: Router) -> None:
    """A ripe coconut that may fall on a pavement is a tree matter to see to, not a building collapsing."""
    d = shipped.route("人行道上面那棵椰子树的椰子熟透了 风一吹晃来晃去 砸下来要出事")
    assert d.report is not False and d.priority != "emergency" and d.lead == "urban_mgmt", d


@pytest.mark.parametrize(("text", "lead"), [
    ("桥上有个女的一直在翻护栏，边哭边打电话", "police"),
    ("巷子尽头那间老屋子冒浓烟了，快来人", "fire"),
    ("sparks are popping out of the meter box in the hallway", "power"),
    ("a little boy is climbing the balcony railing on the 3rd floor, no adults around", "children"),
])
def test_the_163rd_and_164th_sets_emergencies_in_our_words(shipped: Router, text: str, lead: str) -> None:
    """Emergencies of the 163rd (Changsha and Shaoxing) and 164th (Yinchuan and Zhanjiang) sets in our words: a woman
    climbing a bridge's railing in tears, thick smoke from an old house, English sparks from a meter box, an English
    boy climbing a balcony railing."""
    d = shipped.route(text)
    assert (d.report, d.lead, d.priority) == (True, lead, "emergency"), d


@pytest.mark.parametrize(("text", "lead"), [
    ("那棵大榕树的树杈裂开了挂在半空，就怕掉下来砸到人", "urban_mgmt"),
    ("我姐老是被她男人打，胳膊上都是淤青，她不让我说出去", "women"),
    ("隔壁男的老是打老婆，今天又看见她眼睛肿着", "women"),
    ("楼上那家老是把孩子关在门外罚站，一站就是一两个钟头", "children"),
    ("刚才楼上掉下来个易拉罐，砸在我脚边，吓我一跳", "public_security"),
    ("电动车停在楼下一晚上就不见了，监控也不管用", "public_security"),
])
def test_the_163rd_and_164th_sets_dangers_feared_or_told_are_no_emergency(shipped: Router, text: str,
                                                                         lead: str) -> None:
    """Of the 163rd and 164th sets, in our words: a harm only feared (就怕掉下来砸到人), beating told as a habit with
    its marks seen today (no blow now), a child habitually shut outside, a can landing at one's feet and an e-bike
    gone overnight (a theft, no missing person) are reports for their handlers, none an emergency (our own file had
    the first and the fifth as emergencies against its labels)."""
    d = shipped.route(text)
    assert d.report is True and d.lead == lead and d.priority != "emergency", d


@pytest.mark.parametrize(("text", "lead"), [
    ("sfz丢了要去哪补", "police"),
    ("想看社戏，村里戏台好多年没人唱了", "culture"),
    ("some neighbours want to start an opera club, where could we rehearse?", "culture"),
    ("the footpath by the school is all broken up, my kid tripped on it", "urban_mgmt"),
    ("power keeps going out in our block every night around 9", "power"),
    ("they say our street will be demolished next year, how much compensation do we get?", "housing"),
    ("the little girl downstairs seems alone all the time and asks neighbors for food", "children"),
    ("夜宵档吵到半夜两点，成晚冇得瞓", "environment"),
    ("老台门里的木楼梯烂了好几级，老人上下楼很危险", "housing"),
    ("离婚以后前夫天天在小区门口堵我，还骂我", "women"),
    ("老年优待证在哪里办，要带什么", "street_office"),
])
def test_the_163rd_and_164th_sets_reports_in_our_words(shipped: Router, text: str, lead: str) -> None:
    """Reports of the 163rd and 164th sets in our words, each to its handler (asked about first is fine, never
    dropped): an ID card in pinyin initials, village opera and its stage, an English opera club, an English broken
    footpath, power that keeps going out, a street to be demolished, a child alone asking for food, a night stall
    keeping people awake (Cantonese), a rotten wooden staircase, an ex-husband who lies in wait, an old-age card."""
    d = shipped.route(text)
    assert d.report is not False and d.lead == lead, d


@pytest.mark.parametrize("text", [
    "说句公道话，这两年社区的环境还是进步了不少",
    "老妈搬到新小区住得挺习惯，买菜看病都方便",
    "上周电梯困人那件事后来怎么样了？人没事吧",
    "前年咱楼电梯老关人，好在后来换了新的，现在蛮好",
    "count me in for the river cleanup on Sunday!",
    "congrats to the building 5 choir on first prize!",
    "update: the broken light in our corridor was fixed yesterday, thanks everyone",
])
def test_the_163rd_and_164th_sets_non_reports(shipped: Router, text: str) -> None:
    """Of the 163rd and 164th sets, in our words, no reports: a fair word for the community, settling in well, how a
    past matter turned out, a lift replaced since, an English sign-up, congratulations, an English fix told as done
    (the broken light … was fixed). (A danger of long ago remembered, 现在想起来还后怕, is asked about with the hotline:
    test_an_emergency_of_long_ago_is_asked_about_with_the_hotline_never_registered_unasked.)"""
    d = shipped.route(text)
    assert d.report is False, d


def test_every_kind_of_judgement_is_told_in_both_languages(router: Router) -> None:
    """Each kind the gate gives has its words in the catalogue: `whistle route` on a danger told as over, or one only
    feared, once ended in a KeyError."""
    from chatops.cli.routing import render_decision
    from rules.catalogue import text
    from rules.gate import KINDS

    assert {kind: [text(f"gate_{kind}", lang) for lang in ("zh-CN", "en")] for kind in KINDS}
    for said, kind in (("上个礼拜电瓶车起火，好在扑灭了，现在车还在楼道充电", "aftermath"),
                       ("河边那棵树枝丫断了半边吊着，怕砸到人", "feared")):
        d = router.route(said)
        assert d.gate == kind, d
        for lang in ("zh-CN", "en"):
            assert text(f"gate_{kind}", lang) in render_decision(router.rulebook, d, lang)


@pytest.mark.parametrize(("text", "lead"), [
    ("泥石流把一间房子埋了，下面还有人", "housing"),
    ("the whole corridor smells strongly of gas and nobody answers at 302", "gas"),
    ("河边一股臭味，走近发现有个人趴在那里，一动不动", "police"),
    ("钓鱼的大爷被鱼钩把手划了个大口子，血淌了一地", "public_health"),
    ("my friend just arrived from Chengdu, now she's vomiting and confused, can't walk straight", "public_health"),
    ("我爸出去两天了，手机一直关机，他最近心情很不好", "police"),
    ("朋友圈里她发了永别，还发了张站在天台的照片，电话也不接", "police"),
    ("楼下那家孩子正在被打，哭得撕心裂肺", "children"),
    ("a group of men with knives are fighting outside the KTV", "police"),
    ("先说个别的事，下周社区要开会讨论垃圾分类，大家有空都来。还有，刚才我闻到3单元楼道一股煤气味 门口那家没人应",
     "gas"),
])
def test_the_165th_and_166th_sets_emergencies_in_our_words(shipped: Router, text: str, lead: str) -> None:
    """Emergencies of the 165th (Kunming and Qingdao) and 166th (Hefei and Lhasa) sets in our words: a house buried
    with someone under it, an English smell of gas, someone lying still where it smells, blood all over the ground,
    English altitude sickness turned to confusion, a father gone two days with his phone off, a goodbye posted with a
    photo on a roof, a child being beaten now (the children's, not a wife's), English men with knives, and gas smelt
    at a door at the end of a longer message (the door named after a space is where the smell is, not where the
    matter is said to be)."""
    d = shipped.route(text)
    assert (d.report, d.lead, d.priority) == (True, lead, "emergency"), d


@pytest.mark.parametrize(("text", "lead"), [
    ("前晚烧烤摊两伙人打架，今天早上地上还有血迹", "police"),
    ("我男人喝多了就动手，今天倒没事，想问问保护令怎么办", "women"),
    ("隔壁家孩子老是被关在阳台上，大冬天穿得很少", "children"),
])
def test_the_165th_and_166th_sets_dangers_told_are_no_emergency(shipped: Router, text: str, lead: str) -> None:
    """Of the 165th and 166th sets, in our words: a fight of last night whose blood is still on the ground this
    morning, drinking and hitting told as a habit on a quiet day, a child habitually shut on a balcony: each for its
    handler (asked about first is fine), none an emergency."""
    d = shipped.route(text)
    assert d.report is not False and d.lead == lead and d.priority != "emergency", d


@pytest.mark.parametrize(("text", "lead"), [
    ("想请社区帮忙把老人唱的渔号子录下来", "culture"),
    ("能不能组个锅庄舞队，广场上好多人想学", "culture"),
    ("the seller stopped replying after the blender came with a cracked jug", "market"),
    ("how do we get gas connected in our new apartment?", "gas"),
    ("would be nice to start a badminton league for the young families here", "culture"),
    ("咱楼新搬来的几户进不了楼栋群，通知都收不到", "committee"),
])
def test_the_165th_and_166th_sets_reports_in_our_words(shipped: Router, text: str, lead: str) -> None:
    """Reports of the 165th and 166th sets in our words, each to its handler (asked about first is fine, never
    dropped): fishermen's work songs to record, a Tibetan circle-dance group, an English seller gone silent, English
    gas to connect, a badminton league, neighbours who get no notices (收不到: a complaint, not a notice)."""
    d = shipped.route(text)
    assert d.report is not False and d.lead == lead, d


@pytest.mark.parametrize("text", [
    "the heating's back on in block 3 now, all good",
    "Tashi delek neighbours! Happy Losar",
    "Back in 2018 our street flooded every July, had to wade home. So glad we moved",
    "anyone wanna join table tennis on Sunday?",
])
def test_the_165th_and_166th_sets_non_reports(shipped: Router, text: str) -> None:
    """Of the 165th and 166th sets, in our words, no reports: English heating back on, a Tibetan greeting, an
    English flood of years ago in a home left since, an English invitation."""
    d = shipped.route(text)
    assert d.report is False, d


@pytest.mark.parametrize(("text", "lead"), [
    ("吵了好几天了，社区也调解过，刚才又打起来了，有人喊救命", "police"),
    ("仓库后面躺着一个人，好像早凉了", "police"),
    ("零下十几度，邻居家孩子被关在门外，只穿了件单衣一直哭", "children"),
    ("a toddler is alone on the rocks and the tide is coming in", "children"),
    ("买菜回来路过5栋，看到三楼窗户里红红的一闪一闪，烟往外冒，不知道家里有没有人", "fire"),
])
def test_the_167th_and_168th_sets_emergencies_in_our_words(shipped: Router, text: str, lead: str) -> None:
    """Emergencies of the 167th (Guiyang and Shenyang) and 168th (Xiamen and Urumqi) sets in our words: a quarrel once
    mediated that turns to blows now (调解 said of the past vetoes no fight of now), a body lying cold, a child shut
    out in the frost, an English toddler on rocks with the tide coming in, a red flicker and smoke from a window
    told after the shopping."""
    d = shipped.route(text)
    assert (d.report, d.lead, d.priority) == (True, lead, "emergency"), d


@pytest.mark.parametrize(("text", "lead"), [
    ("我表姐她老公现在倒不动手了，就是整天骂她，工资卡也收走了", "women"),
    ("对门那个女的脸上老有伤，我估计是她男人打她", "women"),
    ("前夫老来我店里闹，还威胁要打我，我该找谁", "women"),
    ("说是自来水公司的，上门要换水表，收200块", "police"),
    ("村集体的账目好几年没公开过", "economy"),
    ("the butcher sold me pork that smelled off", "market"),
    ("我刚从外地调回来，党组织关系转到哪里", "committee"),
    ("两家孩子打了一架，现在大人见面都不说话，想请社区调解", "mediation"),
    ("楼道灯不亮反映了好几回，每次都说在处理，一个月了还是黑的", "district_office"),
    ("I reported the pothole four times, every time they say someone will come", "district_office"),
])
def test_the_167th_and_168th_sets_reports_in_our_words(shipped: Router, text: str, lead: str) -> None:
    """Reports of the 167th and 168th sets in our words, each to its handler and none an emergency: a husband who no
    longer hits but controls, a beating only suspected, an ex-husband's threats, callers
    posing as the water company, a village's accounts, English meat gone off, a party member back from away (from
    away is where he came from, no news told of there), a quarrel for mediation, and a matter reported again and again
    with "being handled" each time (the supervisors', as "每回都说在走流程" is). (A child beaten day after day,
    bruised, stays an emergency, as the 125th's test has it, though the 168th's writer thought otherwise.)"""
    d = shipped.route(text)
    assert d.report is not False and d.lead == lead and d.priority != "emergency", d


def test_a_wind_like_a_knife_is_no_knife(shipped: Router) -> None:
    """A north wind that cuts like a knife (像刀割一样) is a figure of speech: no violence, no ticket."""
    d = shipped.route("今天这北风刮在脸上像刀割一样")
    assert d.report is not True and d.priority != "emergency", d


@pytest.mark.parametrize(("text", "lead"), [
    ("打着太极拳，旁边一个大爷突然倒了，不动了", "public_health"),
    ("超市门口有个老人倒在地上，叫他也没反应", "public_health"),
    ("楼上的嫂子跑下来，满脸是血，说她老公拿着刀在后面", "women"),
    ("山那边红彤彤一片，烟往我们村这边飘过来了", "fire"),
    ("水塘边有个人趴着一动不动，身上都泡肿了", "police"),
])
def test_the_169th_and_170th_sets_emergencies_in_our_words(shipped: Router, text: str, lead: str) -> None:
    """Emergencies of the 169th (Nanchang and Hohhot) and 170th (Suzhou Industrial Park and a township near Ya'an) sets
    in our words: someone who suddenly falls and does not move, an old man on the ground who does not answer, a wife
    fleeing a husband with a knife (hers, not a street fight), a red glow with smoke blowing this way, a body in a
    pond."""
    d = shipped.route(text)
    assert (d.report, d.lead, d.priority) == (True, lead, "emergency"), d


@pytest.mark.parametrize(("text", "lead"), [
    ("我闺蜜她老公一喝多就打她，她一直忍着，想问问能找谁", "women"),
    ("村口那棵老槐树歪了，根都翘起来了", "urban_mgmt"),
    ("独居的李大爷最近瘦得厉害，家里米缸都见底了", "welfare"),
    ("我们想组个腰鼓队，社区有没有地方练", "culture"),
    ("our building loses power every night around 9", "power"),
    ("reported the pothole three times, each time it's 'transferred to the relevant department'", "district_office"),
])
def test_the_169th_and_170th_sets_reports_in_our_words(shipped: Router, text: str, lead: str) -> None:
    """Reports of the 169th and 170th sets in our words, each to its handler and none an emergency: drinking and
    hitting told as a habit, a tree leaning with its roots lifting (our own file has eight such rows, all ordinary:
    根都翘起 is no longer an urgent word), an old man alone with an empty rice jar, a waist-drum group, English power
    lost every night, a matter 'transferred to the relevant department' again and again."""
    d = shipped.route(text)
    assert d.report is not False and d.lead == lead and d.priority != "emergency", d


@pytest.mark.parametrize("text", [
    "孙子考上大学了，高兴得一晚上冇困着",
    "半夜隔壁施工，吵得我一晚没困着",
    "气得我想吐血，刚买的手机又摔了",
    "我家老头子又在打呼噜，吵得我睡不着😂",
    "前两天说的车库积水，物业已经抽干了，现在没事了",
    "刚才说走丢的那只狗，主人已经领回去了，谢谢大家",
    "Back in 2016 the basement flooded, water to the knees. Anyway all good now",
])
def test_the_169th_and_170th_sets_no_emergency_unasked(shipped: Router, text: str) -> None:
    """Of the 169th and 170th sets, in our words: a night without sleep (冇困着: no one trapped), 气得想吐血 (a
    figure of speech), snoring (打呼噜: no one beaten), water pumped out and nothing wrong now, a lost dog taken
    home, an English flood of years ago, all good now: none is an emergency registered unasked (the sleepless night
    kept by building work may be a noise report)."""
    d = shipped.route(text)
    assert not (d.report is True and d.priority == "emergency"), d
    if "施工" not in text:
        assert d.report is not True, d


@pytest.mark.parametrize(("text", "lead"), [
    ("老屋的山墙塌了，压住了一个人，只露出一只手", "housing"),
    ("隔壁的土房子垮了，有个人压在底下，一直在喊救命", "fire"),
    ("有个小伙子坐在顶楼边上，腿挂在外面，怎么喊都不回头", "police"),
    ("楼道里一股臭味，对门老王好几天没开门，从门缝看见他躺在地上", "police"),
    ("河滩草丛里趴着个人，身上泡得发白", "police"),
    ("菜市场门口有人抢了大姐的金项链，把她推倒在地，往西边跑了", "police"),
    ("老人早上出门去菜地，到现在都没回来，他有老年痴呆", "police"),
    ("儿子五点就该到家了，现在还没见人，电话也打不通", "police"),
    ("鱼塘里掉进去个小孩！快来人", "children"),
    ("对门大人走了三天了，屋里就剩一个小娃，饿得直哭", "children"),
    ("说着物业费的事呢，哎不对，对面楼顶冒黑烟了，是不是着火了", "fire"),
    ("Three men are kicking someone on the ground in the car park", "police"),
    ("my daughter didn’t come home after school, it's 7pm and her phone is off", "police"),
    ("can't find my 5 yr old at the mall entrance, red coat, please help", "police"),
    ("the elevator in block 3 stopped and my grandma is inside, she's scared", "fire"),
    ("my neighbour's husband is screaming at her and something just smashed, she's crying for help", "women"),
])
def test_the_171st_to_174th_sets_emergencies_in_our_words(shipped: Router, text: str, lead: str) -> None:
    """Emergencies of the 171st to 174th sets (Wuxi and Tianshui, Luzhou and Yanjiao, Meizhou and Dongying, Jinghong
    and Baotou) in our words: someone pinned under a fallen wall (people trapped in rubble: the fire brigade), a man
    sitting on a roof's edge, a neighbour lying still behind a door that has not opened for days, a body in the reeds,
    a necklace snatched and its owner pushed down, an old man with dementia not back, a child long overdue, a child
    fallen into a pond, small children locked in alone and hungry, black smoke seen from a window in the middle of
    other talk; and in English: someone kicked on the ground, a daughter who didn’t (a phone's apostrophe) come home,
    a child of five lost, a grandmother in a stopped lift, a wife crying for help."""
    d = shipped.route(text)
    assert (d.report, d.lead, d.priority) == (True, lead, "emergency"), d


@pytest.mark.parametrize(("text", "lead"), [
    ("墙上裂了好几道缝，一下雨就怕塌，麻烦来看看", "housing"),
    ("我姐挨她老公打了十几年，一直不敢离婚", "women"),
    ("My husband hit me last week. I'm staying with my sister now, safe. Who can help me?", "women"),
    ("对门的小媳妇胳膊上老是青一块紫一块，问她就说是摔的", "women"),
    ("有个男的总在幼儿园门口拿糖哄小朋友", "children"),
    ("隔壁小孩总是一个人在家，说他爸妈出去好几天了", "children"),
    ("村里的铺面是集体的，现在被个人占着收租，钱去哪了没人知道", "economy"),
    ("合作社换届选理事，我们社员一个都没通知", "economy"),
    ("我们户口迁回村里了，村集体经济组织的股份为啥不给我们", "economy"),
    ("老工厂那根烟囱听说要拆了，那可是文物啊", "culture"),
    ("我们几个老人想组个秦腔自乐班，哪里能排练", "culture"),
    ("饭店排风扇响了一夜，窗门关牢了还是吵", "environment"),
    ("这个事找了镇里找区里大半年了，都说不归自己管", "district_office"),
    ("胶厂熬胶的臭味跟死耗子一样，整个村都闻得到", "ecology"),
    ("乡下巴士一天才两班，老人看病都没车坐", "transport"),
    ("老宅的门锁被人撬开了，里面翻得乱七八糟", "public_security"),
    ("单元群没人管了，社区通知传不到，老人什么都不知道", "committee"),
    ("I've called about the broken streetlight 4 times in 2 months, every department says it's not theirs",
     "district_office"),
    ("someone keeps stealing parcels from our building's lobby", "public_security"),
    ("I got scammed: paid a 3000 deposit for a flat on WeChat and the 'landlord' blocked me", "police"),
    ("Got a call saying my parcel had drugs and I must pay a 'guarantee fee'", "police"),
    ("ordered a kettle online, it broke in a week and the seller blocked me", "market"),
    ("There's a wet patch on our ceiling from the flat upstairs, can property check?", "property"),
    ("The karaoke bar's extractor fan runs all night, so loud", "environment"),
    ("If one of those e-bikes catches fire we're all trapped, people keep charging them in the hallway", "fire"),
])
def test_the_171st_to_174th_sets_reports_in_our_words(shipped: Router, text: str, lead: str) -> None:
    """Reports of the 171st to 174th sets in our words, each to its handler and none an emergency: cracks and a
    collapse only feared, beatings told as years gone by or a danger escaped (safe now), bruises a wife explains away,
    a man luring children with sweets (children's protection, as three writers had it; our own two rows said police
    and now say children), a child often left alone (no one missing), a collective's shops and co-op, the old
    chimney that is a relic, an opera club, a fan that roars all night (关牢: the window shut, no one shut in), a
    matter no office will own, a factory's stink like a dead rat (a simile, no rats), two buses a day, a forced lock,
    a unit's chat group no one runs; and in English: a streetlight no department owns, stolen parcels, a deposit
    scam (no hospital's deposit), a 'guarantee fee', a seller who blocks, a wet patch, a fan, e-bikes that may one
    day catch fire."""
    d = shipped.route(text)
    assert d.report is not False and d.lead == lead and d.priority != "emergency", d


@pytest.mark.parametrize("text", [
    "二十年前我们夏天就在这条河里游泳，一个个往下跳，日子过得真快",
    "打死我都想不到，我妈七十了还去学街舞😂",
    "外婆做的红烧肉好吃到爆炸🤤",
    "同意楼上的，停车费该涨就涨",
    "关于开展2026年度城乡居民养老保险缴费的通知（转）：请于12月底前缴纳",
    "Just sharing: notice says the clinic does free eye checks next Tuesday",
    "I'm dying to try that new hotpot place everyone keeps talking about haha",
    "My grandpa says over 200 families used to live in this courtyard. Crazy to think about.",
    "just want to say thank you to 王阿姨 for the zongzi, so yummy",
])
def test_the_171st_to_174th_sets_no_ticket_unasked(shipped: Router, text: str) -> None:
    """Of the 171st to 174th sets, in our words: a swim of twenty years ago (往下跳 only looks like 往下掉, a
    collapse's word), 打死我都想不到 and 好吃到爆炸 (figures of speech), agreeing with the post above, a forwarded
    notice titled 关于…的通知, an English notice passed on, 'dying to try', a grandfather's memory, thanks for
    dumplings: none becomes a ticket or an emergency unasked."""
    d = shipped.route(text)
    assert d.report is not True, d
    assert not (d.report is not False and d.priority == "emergency" and "往下跳" not in text), d


@pytest.mark.parametrize(("text", "lead"), [
    ("对门大叔在天台边坐了半天，跟我说活着没意思，拖鞋都脱了放在一边", "police"),
    ("爷爷吃汤圆噎住了，脸都发紫了", "public_health"),
    ("儿媳妇怀着孕，突然肚子疼得打滚，流了好多血", "public_health"),
    ("后院那堆柴火冒青烟了，摸上去烫手，紧挨着邻居家的墙", "fire"),
    ("排水沟里有个人趴着，一动不动，看着好几天了，味道都出来了", "police"),
    ("车库门口有个人躺了两天了，叫了不动，好像没气了", "police"),
    ("水库边结的冰上有几个小孩在跑，冰都咔咔响", "children"),
    ("有个男的一直跟着放学的小学生，刚才想拉她上他的车", "children"),
    ("几个小娃在那个没盖的水窖边上玩，大人都下地了，喊也不听", "children"),
    ("后街那间老房子塌了 底下有人喊救命", "fire"),
    ("jiuming 电体卡主了 3号楼 里面有小孩", "fire"),
    ("楼下有股烧橡胶的味道，冒了好多烟，好像有东西烧着了", "fire"),
    ("想问问下周的疫苗在哪打，社区通知没说，对了刚才看见对面厂房窗户往外冒黑烟", "fire"),
    ("our bathroom ceiling just came down and the crack is still spreading, we all got out", "housing"),
    ("help, my son locked himself in the car in the car park and it's so hot", "children"),
])
def test_the_175th_to_178th_sets_emergencies_in_our_words(shipped: Router, text: str, lead: str) -> None:
    """Emergencies of the 175th to 178th sets (Harbin and Sanya, Kashgar and Gongbei, Jingdezhen and a Liangshan
    resettlement town, Shantou and a Datong subsidence area) in our words: a man on a roof's edge who says life is
    not worth it, choking with a face gone purple, a pregnant woman bleeding (the doctor's, though 打滚 holds 打),
    a woodpile smouldering hot to the touch, bodies lying for days, children on cracking ice, a man trying to pull a
    schoolgirl into his car, children by an open cistern with the adults away, someone calling from under a fallen
    house, a lift typed with slips and someone inside, something burning, black smoke seen just now at the end of a
    question about a notice; and in English a ceiling come down, a child locked in a hot car."""
    d = shipped.route(text)
    assert (d.report, d.lead, d.priority) == (True, lead, "emergency"), d


@pytest.mark.parametrize(("text", "lead"), [
    ("老小区外墙的瓷砖天天往下掉，哪天砸到人", "housing"),
    ("路边的枯枝掉下来砸到停着的车", "urban_mgmt"),
    ("小巴郎的爸妈去外地打工两年多没回来了，他跟奶奶住，冬天连棉衣都没有", "children"),
    ("村里那几间属于集体的店铺被人低价包下来又转租了", "economy"),
    ("祠堂名下的铺面被几个人私下转租了，族里都不知道", "economy"),
    ("村干部办低保的时候要我们请他吃饭才肯签字", "district_office"),
    ("政务大厅窗口那个工作人员态度太差，冲我爸翻白眼", "district_office"),
    ("十三四岁的娃就不读书了，被带去工地干活", "children"),
    ("店里标着正宗东北大米，其实是外地贴牌的", "market"),
    ("社区有没有舞狮队，想让孩子暑假去学", "culture"),
    ("新生儿上户口需要带什么", "police"),
    ("老人过世了，按老家习俗要火葬，该去哪办手续", "civil_affairs"),
    ("公厕冬天水管冻了，干脆锁门不让用", "urban_mgmt"),
    ("她男人不让她出门，钱也全管着", "women"),
    ("the bus to the station hasn't come for 50 minutes again", "transport"),
    ("I've reported the broken streetlight 4 times on the hotline, each time they mark it 'resolved' without fixing "
     "anything", "district_office"),
    ("Landlord says our building is listed as dangerous and we must move out", "housing"),
    ("There's a 'charity association' collecting cash donations door to door, is it even registered?",
     "civil_affairs"),
    ("the restaurant charged us 600 for one crab at 'market price' and wouldn't show the weight", "market"),
    ("any job fairs or graduate subsidies around here for returnees?", "hrss"),
])
def test_the_175th_to_178th_sets_reports_in_our_words(shipped: Router, text: str, lead: str) -> None:
    """Reports of the 175th to 178th sets in our words, each to its handler and none an emergency: tiles falling
    every day with harm only feared (哪天砸到人), branches on a car (no one hurt), a child whose parents work far away
    (no one missing), a collective's and a clan's shops let privately, a cadre who wants a dinner, rudeness at a
    counter (翻白眼 is no medical sign), child labour, a brand faked, a lion-dance team, a newborn's registration, a
    cremation, a public toilet locked for frozen pipes, a husband who controls his wife; and in English a late bus
    (hasn't, folded like every short form), a hotline that marks things 'resolved', a dangerous building, a charity
    to check, 'market price' seafood, job fairs."""
    d = shipped.route(text)
    assert d.report is not False and d.lead == lead and d.priority != "emergency", d


@pytest.mark.parametrize("text", [
    "这家麻辣烫辣到我嘴里要冒烟了🔥",
    "@李姐 垃圾车每天早上六点来，你放到门口桶里就行",
    "他讲得对，老房子还是要经常开窗通风",
    "Open studio on Saturday afternoon, neighbours very welcome!",
    "starving 😩 any noodle place still open near the bridge?",
    "My scooter got stolen two years ago but it's been totally fine since they put up the cameras",
])
def test_the_175th_to_178th_sets_no_ticket_unasked(shipped: Router, text: str) -> None:
    """Of the 175th to 178th sets, in our words: 辣到我嘴里要冒烟 (a figure), an answer to a neighbour that tells
    when the rubbish truck comes (每天 is how often, nothing wrong), agreeing that one should air an old house (还是要:
    advice), an open studio, 'starving', an old theft 'totally fine since': none becomes a ticket or an emergency
    unasked."""
    d = shipped.route(text)
    assert d.report is not True, d
    assert not (d.report is not False and d.priority == "emergency"), d


def test_a_number_given_to_be_looked_into_is_no_offer(shipped: Router) -> None:
    """A scammer's phone number passed on for the police to look into (这个号码你们查一下) is a report, not an
    offer with a contact number."""
    d = shipped.route("刚接到电话说我女儿在学校摔伤了让我转钱，还好没转，这个号码你们查一下 139xxxx")
    assert d.report is not False and d.lead == "police", d


@pytest.mark.parametrize(("text", "lead"), [
    ("山上烧荒的火跑起来了，往村子这边来了", "fire"),
    ("后坎的石墙垮了，压了王家的柴房，他家奶奶还在里头，喊得应", "fire"),
    ("厨房有股怪味，阀门都关了还是有，孩子在屋里睡觉", "gas"),
    ("我爸在地里被马蜂蛰了好几下，脸都肿了，喘不上气", "public_health"),
    ("外墙的砖一大块一大块往下砸，下面就是小区大门", "housing"),
    ("河里涨水了，漫到路上了，下游还有两户老人没撤出来", "urban_mgmt"),
    ("老屋的阁楼着了，木头的，大家快出来", "fire"),
    ("楼道的配电箱啪啪打火，一股焦糊味", "power"),
    ("help, a delivery guy fell outside, his leg is bent the wrong way", "public_health"),
    ("the little girl next door has been alone for two days, crying, no food in the flat", "children"),
])
def test_the_179th_and_180th_sets_emergencies_in_our_words(shipped: Router, text: str, lead: str) -> None:
    """Emergencies of the 179th (Kaili's villages and Tianjin's Binhai) and 180th (Wenzhou's old lanes and Xining)
    sets in our words: a field fire running towards the village, a grandmother inside a kitchen crushed by a fallen
    wall who still answers, a gas smell with the valve shut, stings that swell a face and stop the breath (砍柴 and a
    husband hold no violence), bricks falling in lumps over a gate, old people not yet out of a flood, an attic on
    fire, a distribution box sparking (the power company's, though it smells burnt); and in English a broken leg and
    a small child alone for days."""
    d = shipped.route(text)
    assert (d.report, d.lead, d.priority) == (True, lead, "emergency"), d


@pytest.mark.parametrize(("text", "lead"), [
    ("我妈被我爸打了好多年，我在外地读书，想帮她不知道找谁", "women"),
    ("她男人喝了酒就骂她打她，好几年了，想问问有没有人能帮", "women"),
    ("征地补偿找了镇里找县里，都说不归他们管，皮球踢了半年", "district_office"),
    ("村BA今年报名没人组织了", "culture"),
    ("鞋厂楼上住人楼下是车间，胶水一桶桶堆着", "fire"),
    ("菜籽油里掺了别的油，炒菜一股怪味", "market"),
    ("跟房东闹翻了，押金不退，说墙上有个钉眼要扣钱", "mediation"),
    ("那对夫妻天天出去上班，把两个孩子锁在家里", "children"),
    ("power keeps cutting out every evening in our block", "power"),
    ("The lift has been out of service since Monday and the old couple on the 15th floor can't get out", "property"),
    ("reported the broken bench 3 times, each time they say they'll 'pass it on', nothing happens", "district_office"),
])
def test_the_179th_and_180th_sets_reports_in_our_words(shipped: Router, text: str, lead: str) -> None:
    """Reports of the 179th and 180th sets in our words, each to its handler and none an emergency: beatings told
    as years gone by (the women's), a matter kicked about for half a year, a village basketball league no one runs,
    people living over a glue workshop, adulterated oil, a landlord keeping a deposit, children locked in every
    working day (a habit, the children's); and in English power cutting out, a lift out for days (no one shut in a
    lift), a hotline that 'passes it on'."""
    d = shipped.route(text)
    assert d.report is not False and d.lead == lead and d.priority != "emergency", d


@pytest.mark.parametrize("text", [
    "次卧出租 近地铁 拎包入住",
    "the new talking lift in our block is hilarious 😂",
    "I'm going crazy with these tones in my Chinese class 😂",
    "Replying to Zhang Min: you can pay the gas bill in the app, just search the gas company",
    "我们村的篮球队赢了！！村BA进八强了！！",
])
def test_the_179th_and_180th_sets_no_ticket_unasked(shipped: Router, text: str) -> None:
    """Of the 179th and 180th sets, in our words: a room to let, a lift that is hilarious, going crazy over tones,
    an English reply to someone named, a basketball win: none becomes a ticket or an emergency unasked."""
    d = shipped.route(text)
    assert d.report is not True, d
    assert not (d.report is not False and d.priority == "emergency"), d


@pytest.mark.parametrize(("text", "lead"), [
    ("电梯突然往下掉了一截又停住了，门扒不开，里面三个人", "fire"),
    ("后头巷子的仓库怎么在冒黑烟，是不是谁家在烧东西", "fire"),
    ("屋后冒黑烟，越冒越大，不像烧柴火", "fire"),
    ("山体滑坡了，李家的房子被泥埋了，还听到有人在里头喊", "fire"),
    ("有个小娃在塘边一个人玩，大人不知道到哪去了，水很深", "children"),
    ("一个小孩跑到国道上去了，大货车一辆接一辆", "children"),
    ("一个不认识的男的拉着她往面包车里拽，小女孩一直哭", "children"),
    ("我细佬喺商场门口唔见咗半个钟，5岁，着蓝色衫", "police"),
    ("the woman next door just ran out with a bleeding lip, her husband is coming after her with a bottle", "women"),
])
def test_the_181st_and_182nd_sets_emergencies_in_our_words(shipped: Router, text: str, lead: str) -> None:
    """Emergencies of the 181st (Linxia and Nanjing's Xianlin) and 182nd (Enshi and Beihai) sets in our words: a
    lift that dropped and stuck with people inside (trapped, not a collapse), black smoke from a shed or behind a
    house, voices under a landslide, a child alone by deep water or out on a trunk road, a girl dragged towards a
    van, a Cantonese six-year-old lost (唔见咗), and in English a wife running from her husband with a bleeding lip."""
    d = shipped.route(text)
    assert (d.report, d.lead, d.priority) == (True, lead, "emergency"), d


@pytest.mark.parametrize(("text", "lead"), [
    ("城中村那边天天烧垃圾，一股塑料烧焦的味道", "ecology"),
    ("网吧让未成年人进去通宵，我外甥两天没回家了", "children"),
    ("在渔船上打工没签合同，手受伤了老板不理", "hrss"),
    ("失地农民的社保怎么接续", "hrss"),
    ("社区能不能办个剪纸班，好多外国邻居想学", "culture"),
    ("想在村里搞个篮球赛，有没有场地", "culture"),
    ("a big dog keeps running around off-leash near the playground", "public_security"),
    ("someone threw a beer bottle off a balcony last night, it landed next to my car", "public_security"),
    ("the scale was rigged at the night market, my 1 jin of shrimp was barely 300g", "market"),
    ("just moved in, do I need to register my address at the police station?", "police"),
])
def test_the_181st_and_182nd_sets_reports_in_our_words(shipped: Router, text: str, lead: str) -> None:
    """Reports of the 181st and 182nd sets in our words, each to its handler and none an emergency: rubbish burnt
    every day (the air, not a fire), minors kept overnight in an internet café (the children's, no one missing), an
    injured fisherman's boss who will not pay, pensions after land is taken, a paper-cutting class, a village
    basketball match to organise; and in English a dog off the leash, a bottle thrown from a balcony, a rigged
    scale, a newcomer's registration (a greeting with a question about a matter is a report)."""
    d = shipped.route(text)
    assert d.report is not False and d.lead == lead and d.priority != "emergency", d


def test_a_thing_found_and_hung_up_is_no_report(shipped: Router) -> None:
    """An English note of a thing someone left and the writer put aside (…I hung it on the railing) is a
    lost-and-found note, not a person on a railing."""
    d = shipped.route("Someone left a blue scarf at the bus stop, I hung it on the railing")
    assert d.report is not True and d.priority != "emergency", d


@pytest.mark.parametrize(("text", "lead"), [
    ("阮厝内敢若瓦斯咧漏，味足重", "gas"),
    ("两个囡仔佇鱼塘边咧耍，边仔无大人，水足深", "children"),
    ("邻居把孩儿关在车里自己去打麻将了，太阳晒着，孩儿一直哭", "children"),
    ("一个小学生沿着铁轨走，火车快来了", "children"),
    ("我爸说头疼得厉害，吐了两回，现在说话都说不清了", "public_health"),
    ("烟头把楼下的柴火堆引燃了", "fire"),
    ("村口草垛着下了，风一吹往房子那边烧", "fire"),
    ("柴房被雪压垮了，老汉压在底下，能听到他哼哼", "fire"),
    ("电梯里困了个老人，按铃没人应", "fire"),
    ("屋里一股煤气味，敲门没人应，门缝里有嘶嘶声", "gas"),
    ("积水里泡着一根电线，刚才一只猫过去就不动了", "power"),
    ("男的揪着他媳妇头发往外拖", "women"),
    ("my neighbour can't breathe and his lips look grey", "public_health"),
    ("a man is waving a knife in the car park and shouting at people", "police"),
    ("my sister texted that she doesn't want to live anymore and she isn't answering", "police"),
    ("the roof of the shop across the road is burning!!", "fire"),
    ("a strong rotten egg smell near the lift lobby, getting worse", "gas"),
    ("her husband is chasing her with a belt down the stairs", "women"),
    ("water is rising in the underpass and a woman is still in her car", "fire"),
])
def test_the_183rd_to_186th_sets_emergencies_in_our_words(shipped: Router, text: str, lead: str) -> None:
    """Emergencies of the 183rd to 186th sets (Anxi and Zhoukou, Zhuzhou and Shangri-La, Wuhu and Yanji, Longgang
    and Xunhua) in our words: Hokkien gas leaking (敢若…咧漏) and children by deep water (囡仔, 佇, 足深), a child
    (孩儿) shut in a car in the sun, a child on the railway, slurred speech after headache and vomiting, a woodpile
    set alight, a haystack on fire in Xining speech (着下了), a man heard moaning under a shed the snow brought down
    and someone shut in a lift (trapped: the fire brigade's), gas hissing behind a door nobody opens (gas, not a
    death), a wire in flood water, a wife dragged by the hair; in English someone who can't breathe, a man waving a
    knife, a sister who doesn't want to live anymore, a roof burning, a rotten-egg smell by the lift, a husband
    chasing his wife with a belt, a woman in her car in rising water."""
    d = shipped.route(text)
    assert (d.report, d.lead, d.priority) == (True, lead, "emergency"), d


@pytest.mark.parametrize(("text", "lead"), [
    ("我表妹被她老公打了好几次了，每次都说是撞的，她不敢离婚", "women"),
    ("隔壁大嫂胳膊上老是青一块紫一块，晚上常听到她男人打她", "women"),
    ("楼下那家经常把孩子一个人锁在家里一整天", "children"),
    ("两家为占车位吵了好几天了，都快要打起来了，能不能来调解一下", "mediation"),
    ("楼上洗衣机漏水，我家天花板的水一滴一滴往下掉", "property"),
    ("那个化工厂每天晚上都飘过来一股烧焦的塑料味", "ecology"),
    ("the dust from the construction site is insane, my windows are black every day", "ecology"),
])
def test_the_183rd_to_186th_sets_reports_in_our_words(shipped: Router, text: str, lead: str) -> None:
    """Reports of the 183rd to 186th sets in our words, each to its handler and none an emergency: a wife beaten
    many times over (好几次了) or bruised time and again (老是青一块紫一块), a child locked in every day, two families
    about to come to blows (a quarrel to mediate), water dripping through a ceiling (a leak, not a collapse), a
    factory's burnt smell every night (the air, not a fire), and dust that is "insane" (a complaint, not praise)."""
    d = shipped.route(text)
    assert d.report is not False and d.lead == lead and d.priority != "emergency", d


@pytest.mark.parametrize("text", [
    "八几年那回发大水，我家的房子都泡了，现在说起来还后怕",
    "九八年那场洪水我们楼一层全淹了，想起来都怕，还是现在好",
    "Back in 2010 there was a big fire on this street, glad it looks so nice now",
    "楼主说得对，垃圾就是要分类",
    "我赞成把周末的舞蹈课改到晚上",
    "说句公道话，这两年物业比以前好太多了",
    "Eid Mubarak everyone! 🌙",
    "转：冬季用电安全温馨提示——不要私拉电线给电动车充电，注意防火",
])
def test_the_183rd_to_186th_sets_no_ticket_unasked(shipped: Router, text: str) -> None:
    """Of the 183rd to 186th sets, in our words: a flood of the eighties or of 98 remembered (a story: asked about,
    never registered), a fire of years ago, agreement with the poster (楼主说得对), a side taken in a discussion
    (我赞成), a fair word for the property company, a festival greeting, a forwarded safety notice: none becomes a
    ticket unasked, and the notice is no emergency."""
    d = shipped.route(text)
    assert d.report is not True, d
    if text.startswith("转"):
        assert d.report is False and d.priority != "emergency", d


@pytest.mark.parametrize(("text", "lead"), [
    ("地下室进水了，水都漫到插座了，我一碰门把手就麻", "power"),
    ("刚才看到王奶奶躺在楼梯口，叫她好一会儿都没反应", "public_health"),
    ("他家屋顶上烟冒得好凶，黑乎乎的，人不晓得出来没有", "fire"),
    ("对门屋里的烟从门缝往外冒，一股焦味，敲门没人应", "fire"),
    ("三楼那户一股臭味，门口全是苍蝇，房东说租客十来天联系不上了", "police"),
    ("我弟出海打鱼四天了，电话一直打不通，别的船都回来了", "police"),
    ("河滩上有个人趴着不动，身上泡得发白", "police"),
    ("变压器那边一直在往下掉火星", "power"),
    ("电悌卡住了，我们娘俩在里面，按铃没人应", "fire"),
    ("几个小孩跑到礁石外面捡贝壳，潮水已经涨上来了", "children"),
    ("楼下的娃一个人在家三天了，刚才隔着门听到他哭着喊饿", "children"),
    ("我妹打电话说她男的又动手了，还把她关在屋里", "women"),
    ("my flatmate left a note saying sorry and goodbye and now her phone is off", "police"),
    ("some kids are playing on the railway tracks behind the coal yard", "children"),
    ("a man climbed over the railing on the bridge and won't come back", "police"),
    ("the balcony of the building next door just partly collapsed!!", "housing"),
])
def test_the_187th_to_190th_sets_emergencies_in_our_words(shipped: Router, text: str, lead: str) -> None:
    """Emergencies of the 187th to 190th sets (Heyuan and Hefei, Xiapu and Pingdingshan, Xiangxi and Tianjin, Xilinhot
    and Nanchong) in our words: water up to the sockets that shocks, someone lying who does not answer, smoke pouring
    from a roof with someone maybe inside, smoke through a door nobody opens, a smell and flies with a tenant out of
    reach (a death to find), a fisherman not back while the other boats are, a body bleached by water (not a patient),
    a transformer dropping sparks (not a collapse), a typed 电悌 stuck with people inside, children on the rocks as
    the tide comes in or alone for days crying with hunger, a wife shut in by her man (她男的); in English a goodbye
    note, children on railway tracks, a man over a bridge railing, a balcony partly collapsed."""
    d = shipped.route(text)
    assert (d.report, d.lead, d.priority) == (True, lead, "emergency"), d


@pytest.mark.parametrize(("text", "lead"), [
    ("隔篱屋个阿嫂成日畀老公打，成身都系伤", "women"),
    ("一下雨我们小区门口就积水，水到脚脖子", "urban_mgmt"),
    ("村里的小孩天天去河边游泳，也没个大人看着", "children"),
    ("楼道里全是纸箱子，这要起了火往哪跑", "fire"),
    ("小卖部把烟卖给初中生，我都看到好几回了", "children"),
    ("回复三楼的：是的，楼上又漏水了，这回滴到我家电视上了，物业电话打不通", "property"),
    ("下水道堵了反映了四次，转来转去还是没人来", "district_office"),
])
def test_the_187th_to_190th_sets_reports_in_our_words(shipped: Router, text: str, lead: str) -> None:
    """Reports of the 187th to 190th sets in our words, each to its handler and none an emergency: a Cantonese wife
    beaten all the time (成日畀…打), a gate that floods each time it rains, children swimming in the river every day
    unwatched, boxes in a stairwell with a fire only feared (这要起了火往哪跑),
    cigarettes sold to schoolchildren, a leak confirmed in a reply (滴到电视上: the set in the home, no news watched),
    a drain passed round four times (the supervisors')."""
    d = shipped.route(text)
    assert d.report is True and d.lead == lead and d.priority != "emergency", d


@pytest.mark.parametrize("text", [
    "要疯了，孩子作业做到十二点还没做完",
    "小区门口新开的面馆开业打八折，欢迎大家来尝尝",
    "我看停车费涨一点也能理解，毕竟车位紧张",
])
def test_the_187th_to_190th_sets_no_ticket_unasked(shipped: Router, text: str) -> None:
    """Of the 187th to 190th sets, in our words: a parent's sigh over homework done late (no school blamed), a shop's
    opening offer, a rise in a fee accepted: none becomes a ticket, and none is an emergency."""
    d = shipped.route(text)
    assert d.report is not True and d.priority != "emergency", d


@pytest.mark.parametrize(("text", "lead"), [
    ("楼梯间那条裂缝刚才又掉了一大块水泥下来", "housing"),
    ("山洪下来了，河水漫过了村道，水急得很", "urban_mgmt"),
    ("街上都成河了，刚才一个骑电动车的被冲倒了", "urban_mgmt"),
    ("gas味 好重 in the corridor, what should we do", "gas"),
    ("救救我 他把门反锁了 说要打死我", "women"),
    ("邻居把小孩关在小黑屋一下午了，一直在哭", "children"),
    ("天台上站着个小伙，一直往下看，看着不对劲", "police"),
    ("油锅着了，锅盖都盖不住", "fire"),
    ("a drunk man is smashing car windows with a metal bar on our street", "police"),
    ("独居的刘大爷好几天没出门了，门口有股臭味", "police"),
    ("塌下来的墙底下压着个人，还能听见他喊", "fire"),
])
def test_the_191st_to_194th_sets_emergencies_in_our_words(shipped: Router, text: str, lead: str) -> None:
    """Emergencies of the 191st to 194th sets (Wuzhong and Hongkou, Bijie and Huangdao, Baise and Qiqihar, Xiong'an
    and Lijiang) in our words: a crack that keeps shedding lumps, flood water over a road or a street turned river that
    knocks people down, gas in mixed Chinese and English, a cry for help from behind a locked door, a child shut in a
    dark room crying, someone on a roof looking down, a pan of oil on fire, an English man smashing car windows with a
    bar, an old man living alone not seen for days with a smell at his door (a death to find), someone heard under
    a fallen wall (trapped: the fire brigade's)."""
    d = shipped.route(text)
    assert (d.report, d.lead, d.priority) == (True, lead, "emergency"), d


@pytest.mark.parametrize(("text", "lead"), [
    ("楼下的小孩每天被锁在家里，爸妈下了班才回来", "children"),
    ("村口那根电线杆有点歪，离房子挺近的", "power"),
    ("我家燃气灶的火苗特别小，烧个水要好久", "gas"),
    ("那个厂子每天晚上冒烟，一股刺鼻的味道", "ecology"),
    ("路口积水好几天了都不退", "urban_mgmt"),
    ("有人冒充社保局打电话让我交认证费", "police"),
    ("村干部把救灾的大米拉回自己家了", "district_office"),
    ("I've reported the broken water pipe five times and every office says it's another department's job",
     "district_office"),
])
def test_the_191st_to_194th_sets_reports_in_our_words(shipped: Router, text: str, lead: str) -> None:
    """Reports of the 191st to 194th sets in our words, each to its handler and none an emergency: a child locked in
    every working day, a pole that leans (nothing sparks or falls), a weak gas flame (supply, not a fire), a factory
    smoking every night (the air's), water standing for days (a drain, not a flood), a caller posing as the social
    security office (fraud), a cadre taking relief rice home, and in English a fault passed from office to office."""
    d = shipped.route(text)
    assert d.report is True and d.lead == lead and d.priority != "emergency", d


@pytest.mark.parametrize("text", [
    "侬讲得对，垃圾是要分分清爽",
    "@Tom yes you can pay it at the service hall, bring your ID",
])
def test_the_191st_to_194th_sets_no_ticket(shipped: Router, text: str) -> None:
    """Of the 191st to 194th sets, in our words: Shanghainese agreement (侬讲得对) and an English answer to a neighbour
    that starts with yes: no ticket."""
    d = shipped.route(text)
    assert d.report is not True and d.priority != "emergency", d


@pytest.mark.parametrize(("text", "lead"), [
    ("进门一股味道，像臭鸡蛋一样，站了一会儿头就晕", "gas"),
    ("饭馆后厨那个液化气罐的管子断了，气味好大", "gas"),
    ("a power line is down across the lane and it's still buzzing", "power"),
    ("我爸上山放羊还没回来，天都黑了，电话打不通", "police"),
    ("沟里一看是个人，早就没气了", "police"),
    ("河水越涨越快，下游几户人还没撤出来", "urban_mgmt"),
    ("两个娃娃被锁在屋里三天了，饿得直哭", "children"),
    ("我妈一个人在家，门缝里有烟味，电话怎么打都不接", "fire"),
    ("村头那间木房子着了，噼里啪啦响", "fire"),
])
def test_the_195th_to_198th_sets_emergencies_in_our_words(shipped: Router, text: str, lead: str) -> None:
    """Emergencies of the 195th to 198th sets (Dongtai and Yuzhong, Menghai and Kunshan, Yan'an and Haizhu, Arxan and
    Binjiang) in our words: a smell like rotten eggs that makes the head swim, a gas bottle's hose broken, an English
    power line down and buzzing, a shepherd not back after dark who does not answer, someone found already dead, a
    river rising faster with people not yet out, children locked in for days crying with hunger, smoke at the door
    of a mother who does not answer, a wooden house on fire."""
    d = shipped.route(text)
    assert (d.report, d.lead, d.priority) == (True, lead, "emergency"), d


def test_the_195th_to_198th_sets_a_leaning_tree_and_an_answer(shipped: Router) -> None:
    """An English tree leaning after a typhoon is the parks' matter, not a collapse; an answer to someone named
    that opens with yes is no ticket."""
    tree = shipped.route("the old tree outside block 5 is leaning badly after the storm")
    assert tree.lead == "urban_mgmt" and tree.priority != "emergency", tree
    answer = shipped.route("@Ms Wang yes the clinic does flu shots, book on the mini program")
    assert answer.report is not True, answer


@pytest.mark.parametrize("text", [
    "the battery of an e-bike in the shed just exploded and the fire is spreading",
    "车棚里那辆电平车在充电，冒白烟了",
])
def test_a_charging_battery_that_smokes_or_explodes_is_a_fire(shipped: Router, text: str) -> None:
    """Seen in the 200th and 202nd sets (measured untuned at session 35's end): a charging e-bike that smokes (电平车,
    typed for 电瓶车) or an English battery that exploded with the fire spreading reached only the urgent priority
    of e-bike charging; it is a fire, the fire brigade's at emergency priority."""
    d = shipped.route(text)
    assert (d.report, d.lead, d.priority) == (True, "fire", "emergency"), d


@pytest.mark.parametrize(("text", "lead"), [
    ("路口施工把地下的管子挖破了，一直往外喷气，味道冲得很", "gas"),
    ("灶早关了，厨房还是一股味，我妈说头晕", "gas"),
    ("巴郎子在市场门口走丢了，五岁，穿蓝衣服", "police"),
    ("隔壁阿婆吃汤圆噎牢了，气透勿过来", "public_health"),
    ("孩子吃了野蘑菇，吐了好几回，现在都抽抽了", "public_health"),
    ("河边有个小妮儿一个人玩水，旁边一个大人都没有", "children"),
    ("a kid is locked in a car in the car park, windows up, he's crying", "children"),
    ("地下车库一部车锁住个BB，车窗关晒", "children"),
    ("my roommate drank way too much and now he is not waking up", "public_health"),
    ("my brother texted that he can't go on anymore and now his phone is off", "police"),
    ("Help, the lift is stuck between 9 and 10, three of us inside", "fire"),
    ("对门阿伯屋企嘅电车爆咗，成个楼梯都系烟", "fire"),
    ("刚才看到邻居家小孙子趴在井沿上往下够东西，大人都下地了", "children"),
])
def test_the_199th_to_206th_sets_emergencies_in_our_words(shipped: Router, text: str, lead: str) -> None:
    """Emergencies of the 199th to 206th sets (Xinbin and Xiamen, Turpan and Changsha, Lankao and Dongguan, Maqu and
    Suzhou, Liuzhou and Harbin, Zhangjiakou and Shunde, Yichang and Lujiazui, Zunyi and Weihai) in our words: a pipe
    dug through that sprays a smell, a gas smell with the stove off and a dizzy mother, a Uyghur boy (巴郎子) lost,
    Wu choking (噎牢, 透勿过来), a child convulsing (抽抽) after wild mushrooms, a little girl (小妮儿) alone by the
    water, a child locked in a car (English, and Cantonese BB), English not waking up and can't go on anymore, people
    inside a lift stuck between floors, a Cantonese stairwell full of smoke, a child leaning over a well."""
    d = shipped.route(text)
    assert (d.report, d.lead, d.priority) == (True, lead, "emergency"), d


@pytest.mark.parametrize(("text", "lead"), [
    ("我嫂子老被她男人打，胳膊上青一块紫一块的", "women"),
    ("楼下大姐说她男人喝了酒就打她，身上经常有伤，现在没事了，就是不敢说", "women"),
    ("我老公一喝多就推我，今天还好，想问下能找谁", "women"),
    ("煤气灶打勿着火，是不是停气了", "gas"),
    ("镇里推村里，村里又推回镇里，路灯的事拖了半年没人管", "district_office"),
    ("补助款被村干部扣下了，问了也不说", "district_office"),
    ("超市买的蜂蜜掺了东西，一点都不甜", "market"),
    ("the shop sold me a used phone as new and refuses a refund", "market"),
    ("my scooter got nicked outside the gym last night", "public_security"),
    ("院里的干柴火就堆在挨着烟囱的墙根，怕出事", "fire"),
    ("村里有个十四岁的女娃，家里给定了亲，明年就要嫁人", "children"),
])
def test_the_199th_to_206th_sets_reports_in_our_words(shipped: Router, text: str, lead: str) -> None:
    """Reports of the 199th to 206th sets in our words, each to its handler and none an emergency: a wife beaten
    always (老被) or when he drinks, told as a habit and not of now; a gas stove that will not light (Wu 勿, no fire);
    offices passing a matter back and forth and a cadre keeping a subsidy (oversight); honey adulterated and an
    English refund refused (the market's); an English scooter nicked; firewood against a chimney (a fire hazard); a
    girl of fourteen promised in marriage (a child's protection)."""
    d = shipped.route(text)
    assert d.report is not False and d.lead == lead and d.priority != "emergency", d


@pytest.mark.parametrize("text", [
    "Found a pair of gloves by the bike shed, ping me if they're yours",
    "Years ago in my hometown the snow buried the whole street, this is nothing",
    "他讲得对，该修的还是要修",
])
def test_the_199th_to_206th_sets_no_ticket(shipped: Router, text: str) -> None:
    """Of the 199th to 206th sets, in our words: an English lost-and-found note (ping me), an English story of years
    ago that makes light of now, agreement with someone (他讲得对): no ticket and no emergency."""
    d = shipped.route(text)
    assert d.report is not True and d.priority != "emergency", d


def test_a_story_healed_long_ago_stays_a_story(shipped: Router) -> None:
    """A fall told of years ago that says it healed long since (现在早好了) is a story the bot asks about, whatever
    the model's emergency head hears in its words, and so is a flood of 1998 (a year of four digits opening it); a
    broken leg of now is an emergency."""
    story = shipped.route("我那年从脚手架上摔断了腿，躺了半年，现在早好了")
    assert story.report is None, story
    flood = shipped.route("一九九八年发大水的时候，我家一楼全淹了，现在讲起来还怕")  # a year of four digits
    assert flood.report is None, flood
    now = shipped.route("我爸刚从梯子上摔下来，腿摔断了，动不了")
    assert (now.report, now.priority) == (True, "emergency"), now


def test_a_caller_back_again_and_again_is_no_thanks(shipped: Router) -> None:
    """"来了三趟了" (I have come three times) complains of being sent away again and again; it is not the repairer
    come (来了), and the message is no thanks."""
    d = shipped.route("街道的人上班打游戏，叫我明天再来，我来了三趟了")
    assert d.report is not False, d


@pytest.mark.parametrize(("text", "lead"), [
    ("the water is rising fast in the car park under block 2 and two guys are still down there", "urban_mgmt"),
    ("阿婆朝晨去菜园，到暗晡都冇转屋下，电话打唔通", "police"),
    ("电体卡住了，我和我妈在里面，按了警铃没人应", "fire"),
    ("a power cable came down in the storm and is lying on the path, still sparking", "power"),
    ("楼道里一股天然气的味道，站了一会儿头有点晕", "gas"),
    ("my flatmate posted a goodbye on her story last night and her phone has been off since", "police"),
    ("电线断了掉到水田里，刚才一头牛踩进去就倒了", "power"),
    ("刚才轰的一声，厂那边冒起一大股黑烟，窗户都在抖", "fire"),
    ("二楼走廊全是烟，呛得睁不开眼", "fire"),
])
def test_the_207th_to_210th_sets_emergencies_in_our_words(shipped: Router, text: str, lead: str) -> None:
    """Emergencies of the 207th to 210th sets (Linxia and Xiaoshan, Yongding and Tiexi, Enshi and Gulou, Jinghong
    and Binhai) in our words: English water rising fast with people still below, a Hakka grandmother not home by
    evening (暗晡, 冇转屋下), people shut in a lift typed 电体, an English power cable down and sparking, a gas smell
    that makes the head swim, an English goodbye posted and a phone off since, a wire fallen into a paddy that felled
    an ox, a bang and a plume of smoke from a works, a corridor full of smoke."""
    d = shipped.route(text)
    assert (d.report, d.lead, d.priority) == (True, lead, "emergency"), d


@pytest.mark.parametrize(("text", "lead"), [
    ("小区门口的井盖往下沉了一截，骑车差点栽了", "urban_mgmt"),
    ("我男人喝了酒经常打我，今天倒没打，我想问问能找谁", "women"),
    ("对门那个媳妇脸上又青了一块，上回也是这样", "women"),
    ("小区里的水塘没有护栏，小孩天天在边上玩", "children"),
    ("网格员上门收了两百块说帮办证，收据也不给", "district_office"),
    ("我爸被拉进一个群买理财，投了三万，现在群解散了人也找不着", "police"),
    ("仓库里堆着干柴，还有人在旁边抽烟", "fire"),
    ("山坡上有人修大墓，砍了一大片树", "civil_affairs"),
    ("加工厂一开机，全村的灯都暗下去", "power"),
    ("集体的那块地被村干部亲戚拿去盖了厂房，谁批的", "economy"),
    ("村里那座挂了牌的老祠堂，有人撬了门板拿回去当柴烧", "culture"),
    ("the bar downstairs plays music till 3am, the bass shakes my bed", "environment"),
    ("my neighbour and I had a big argument about the fence, can someone help us talk", "mediation"),
    ("my heating has been off since monday and the landlord won't answer", "housing"),
    ("the shop near the port sold me a sim card that stopped working after a day", "market"),
    ("there's a paint thinner smell by the canal every night", "ecology"),
    ("I called three offices about the broken lamp and each says it's someone else's job", "district_office"),
    ("my friend's parents are forcing her to marry a man she has never met", "women"),
    ("do I need to do accommodation registration at the police station after moving flats?", "police"),
    ("the 12 bus changed its route and no longer stops at our gate", "transport"),
])
def test_the_207th_to_210th_sets_reports_in_our_words(shipped: Router, text: str, lead: str) -> None:
    """Reports of the 207th to 210th sets in our words, each to its handler and none an emergency: a sinking manhole
    cover (a road, no collapse), a wife beaten often but not today, a face bruised again, a pond with no railing
    where children play, a grid worker who takes money with no receipt, an investment group vanished with the money
    (fraud), firewood with smokers beside it, a grave built on a hillside, lights that dim when a works starts, the
    collective's land taken, a listed old building pulled apart for firewood; and in English a bar's bass at night,
    neighbours who want help to talk, heating off for days, a SIM card that failed, a solvent smell, offices that
    each say it is someone else's job, a forced marriage, registering an address, a bus route changed."""
    d = shipped.route(text)
    assert d.report is not False and d.lead == lead and d.priority != "emergency", d


@pytest.mark.parametrize("text", [
    "my mum is gonna kill me, I lost my keys again 🙃",
    "I'm dying for a proper hotpot, any tips nearby?",
    "Re 王姐's question about the water bill: you can pay it on the app, I did it last week",
    "我爷爷讲以前这条街全是石板路，下雨都不沾泥",
    "我投票支持把活动室搬到一楼",
    "打起来了😂 楼下下象棋的两个老头为一步棋吵了半天",
])
def test_the_207th_to_210th_sets_no_ticket(shipped: Router, text: str) -> None:
    """Of the 207th to 210th sets, in our words: English hyperbole (gonna kill me, dying for), an answer to
    someone's question, grandfather's tale of before (讲以前), a vote taken, two old
    men quarrelling over a chess move: no ticket and no emergency."""
    d = shipped.route(text)
    assert d.report is not True and d.priority != "emergency", d


@pytest.mark.parametrize(("text", "lead"), [
    ("天台边上坐着个小伙子，哭了好久，还叫我不要过来", "police"),
    ("对面厂房冒出好大的黑烟，有没有人打了119啊", "fire"),
    ("儿子跟同学去爬山还没下来，天都黑了", "police"),
    ("路边电线断了吊在地上，一直在打火花", "power"),
    ("a few wall tiles fell from the top floors onto the path this morning, more are hanging loose", "housing"),
])
def test_the_204th_to_210th_sets_emergencies_left_in_our_words(shipped: Router, text: str, lead: str) -> None:
    """Emergencies the first changes left, in our words: someone at a roof's edge who says not to come near, black
    smoke with "has anyone called 119", a climber not down after dark, a fallen wire throwing sparks (the grid's
    danger, not a fire), English wall tiles fallen with more loose."""
    d = shipped.route(text)
    assert (d.report, d.lead, d.priority) == (True, lead, "emergency"), d


@pytest.mark.parametrize(("text", "lead"), [
    ("街道回复已办结，其实啥也没干", "district_office"),
    ("有人冒充我表哥加微信借钱，我转了五千过去", "police"),
    ("村集体的鱼塘被人偷偷转包出去了", "economy"),
    ("学校门口小卖部老板对小女生动手动脚", "children"),
    ("快递都放驿站，取一个要收一块钱", "transport"),
    ("新房子申请通电，等了一个月还没接", "power"),
    ("厂房楼上还住人，楼下就是仓库", "fire"),
    ("加装电梯钱收了，工程停了半年", "housing"),
    ("got scammed on a second-hand app, the seller blocked me", "police"),
    ("好几辆电动车推进电梯上楼，在过道里充电", "fire"),
    ("换了管子以后火就小了，炒菜特别慢", "gas"),
    ("我们的快递放楼下又不见了，这个月丢了两个", "public_security"),
])
def test_the_204th_to_210th_sets_reports_left_in_our_words(shipped: Router, text: str, lead: str) -> None:
    """Reports the first changes left, in our words: a complaint closed as done with nothing done (oversight), an
    impersonator who asked to be added on WeChat (fraud, no offer), the collective's pond sublet, a shopkeeper
    touching schoolgirls, a parcel point's fee, a new house waiting for power, people living over a warehouse, a lift
    paid for and left, an English scam, e-bikes taken up in the lift to charge in the corridor, a weak flame since
    the pipes were changed, parcels stolen again and again."""
    d = shipped.route(text)
    assert d.report is not False and d.lead == lead and d.priority != "emergency", d


@pytest.mark.parametrize(("text", "lead"), [
    ("a man is standing right at the edge of the roof of block 4 and won't come down", "police"),
    ("奶奶在汏浴间滑跤了，额头出血，爬勿起来", "public_health"),
    ("厨房里一股气，头有点昏，老人还在屋里", "gas"),
    ("两个小囡在河边玩水，旁边一个大人也没", "children"),
    ("地道里水好深，有个老伯企喺中间唔敢郁", "urban_mgmt"),
    ("放羊的马自己跑回来了，鞍子上没人", "police"),
    ("楼顶有个女孩坐了好久，一直在哭", "police"),
    ("柴房被雪压塌了，张叔还在里头，能听见哼哼声", "fire"),
    ("I think I found a body in the canal, please help", "police"),
    ("高压线垂下来快挨到地了，还嗞嗞响", "power"),
    ("my cousin said he wants to end everything and now he won't pick up", "police"),
    ("那孩子他后妈拿衣架打他，打得身上都是紫的", "children"),
])
def test_the_211th_to_214th_sets_emergencies_in_our_words(shipped: Router, text: str, lead: str) -> None:
    """Emergencies of the 211th to 214th sets (Liangshan and Wuxi, Altay and Tianhe, Ganzhou and Qingdao, Erhai and
    Jinshui) in our words: English someone at a roof's edge, a Wu fall in the bathroom with blood, a gas smell that
    makes the head swim with an old woman inside, Wu children by the water with no adult, a Cantonese old man who
    dares not move in deep water, a herder's horse back with an empty saddle, a girl crying long on a roof, a shed
    fallen under snow with a man moaning inside, an English body found, a high-voltage line sagging to the ground and
    buzzing, English "end everything", a child beaten with a clothes hanger."""
    d = shipped.route(text)
    assert (d.report, d.lead, d.priority) == (True, lead, "emergency"), d


@pytest.mark.parametrize(("text", "lead"), [
    ("班车冬天停了，村里人看病都出不去", "transport"),
    ("屋里烧火塘，上面全是木头吊顶", "fire"),
    ("毡房的烟囱没包隔热的，一烧就烫", "fire"),
    ("柴火堆在电线底下，旁边就是液化气罐", "fire"),
    ("村上叫找乡上，乡上叫找县上，县上又推回村上", "district_office"),
    ("a kid on our floor has new bruises every week and his dad yells at him", "children"),
    ("她脸上老有伤，说是磕的，我看不像", "women"),
    ("有个大叔天天在校门口给小孩子送糖吃", "children"),
    ("十三岁的丫头不上学了，家里要给她找婆家", "children"),
    ("my friend's husband took her passport and she doesn't know where to get help", "women"),
    ("the seller changed the price after I paid and refuses to give me the goods", "market"),
    ("合作社的账什么时候公开", "economy"),
    ("社区卫生站说免费体检，去了两趟都没号了", "public_health"),
    ("Just moved in, do I need to register my accommodation with the police?", "police"),
])
def test_the_211th_to_214th_sets_reports_in_our_words(shipped: Router, text: str, lead: str) -> None:
    """Reports of the 211th to 214th sets in our words, none dropped and none an emergency: a bus stopped for the
    winter (no one trapped), an open hearth under a wooden ceiling, a chimney with no insulation, firewood under
    wires by a gas bottle, offices passing a matter around (村上, 乡上, 县上), a child bruised every week (English),
    a woman's injuries explained away, a man giving sweets at the school gate, a girl of thirteen taken out of school
    to be married, a passport taken (English: "doesn't know where to get help" is no one lost), a price changed
    after paying, the cooperative's accounts, free check-ups with no numbers left, registering an address."""
    d = shipped.route(text)
    assert d.report is not False and d.lead == lead and d.priority != "emergency", d


@pytest.mark.parametrize("text", [
    "the sunset from the 20th floor tonight 😍",
    "I left my scarf on the bench by the gym, if anyone sees it let me know",
])
def test_the_211th_to_214th_sets_no_ticket(shipped: Router, text: str) -> None:
    """Of the 211th to 214th sets, in our words: an English sunset admired, an English lost-and-found note: no
    ticket."""
    d = shipped.route(text)
    assert d.report is not True and d.priority != "emergency", d


@pytest.mark.parametrize(("text", "lead"), [
    ("沟边草丛里躺着个人，走近一看已经发臭了", "police"),
    ("楼上那间出租屋臭了好几天，房东撬开门一看，人早就没了", "police"),
    ("河面上漂着个东西，像个人，脸朝下", "police"),
    ("送快递的被车撞了，躺在路中间起不来", "public_health"),
    ("隔壁一声闷响，然后一直听到有人喊妈你醒醒", "public_health"),
    ("阿公在门口倒下去了，叫他没反应，嘴都歪了", "public_health"),
    ("我老婆肚子疼得直打滚，满头大汗", "public_health"),
    ("小孩被锁在车里面，车停在太阳底下", "children"),
    ("那面墙裂了好大一条缝，刚才还掉了几块砖下来", "housing"),
    ("棚子垮了，下面有个人在喊救命", "fire"),
    ("有人骑车掉进冰窟窿了，扒着冰沿上不来", "fire"),
    ("仓库里面冒烟了，一股塑料烧焦的味道", "fire"),
    ("the charger of an e-bike in the hallway just started smoking", "fire"),
    ("我躲在卫生间里，他喝多了在外面砸门", "women"),
])
def test_the_215th_to_218th_sets_emergencies_in_our_words(shipped: Router, text: str, lead: str) -> None:
    """Emergencies of the 215th to 218th sets (Wenchuan and Nanshan, Tongjiang and Furong, Xiji and the Suzhou
    Industrial Park, Wuzhishan and Xicheng) in our words: someone found already smelling, a tenant found dead, a
    body face down in the water, a courier hit by a car, someone calling a mother to wake, a stroke at the door, a
    wife writhing with belly pain, a child locked in a car, bricks falling from a cracked wall, someone calling for
    help under a fallen shed, someone through the ice, smoke inside a warehouse, an English charger smoking, a wife
    hiding from a drunk husband who bangs on the door (the women's committee, at emergency priority)."""
    d = shipped.route(text)
    assert (d.report, d.lead, d.priority) == (True, lead, "emergency"), d


@pytest.mark.parametrize(("text", "lead"), [
    ("集体的林子被人偷偷砍了拉出去卖", "economy"),
    ("苗绣培训班今年还办不办", "culture"),
    ("她男人经常骂老婆摔东西，好些年了", "women"),
    ("她胳膊上老有瘀青，说是自己撞的", "women"),
    ("垃圾站臭了一年，12345说转给街道了，街道说不关他们的事", "district_office"),
    ("村干部把低保都给了自家亲戚", "district_office"),
    ("got a text saying my package is stuck and I have to pay via a link", "police"),
    ("巷子里炸臭豆腐的油烟，整条街都是", "environment"),
    ("村里那条水泥路冻裂了好几道口子", "urban_mgmt"),
    ("快递从来不送上门，全扔在门口小卖部", "transport"),
    ("the boy downstairs always seems hungry and his dad is drunk most nights", "children"),
    ("村口水塘无围栏，小孩差点掉下去", "children"),
    ("my kid's school suddenly added a facilities fee of 5000", "education"),
    ("someone keeps flicking cigarette butts off a balcony above mine", "public_security"),
    ("我阿妈收到短信说中奖了要交手续费，已经转了两千", "police"),
])
def test_the_215th_to_218th_sets_reports_in_our_words(shipped: Router, text: str, lead: str) -> None:
    """Reports of the 215th to 218th sets in our words, none dropped and none an emergency: the collective's trees
    felled and sold, a traditional embroidery class, a wife cursed for years, bruises explained away, a hotline that
    passes a matter on, a cadre's own relatives on the allowance, an English scam text, frying fumes, a frozen road
    cracked, parcels left at a shop, an English child hungry with a drunk father, a pond with no fence, an English
    school fee, cigarette butts from above, a prize text that took money (收到短信 is no acknowledgement)."""
    d = shipped.route(text)
    assert d.report is not False and d.lead == lead and d.priority != "emergency", d


@pytest.mark.parametrize("text", [
    "刚才说有煤气味的是我家，锅烧糊了，不好意思吓到大家了",
    "omg sorry, that scream earlier was me, a cockroach ran over my foot",
    "十几年前这条街发过一回大水，现在排水改了好多了",
    "The plumber came this morning and the heating is working again, thanks everyone",
    "我家孩子一篇作文写到十点还没写完，要疯了",
])
def test_the_215th_to_218th_sets_no_ticket(shipped: Router, text: str) -> None:
    """Of the 215th to 218th sets, in our words: a gas smell explained with an apology, an English scream that was a
    cockroach, a flood of a decade ago, English heating working again with thanks, a parent's sigh over an essay:
    no ticket."""
    d = shipped.route(text)
    assert d.report is not True, d


@pytest.mark.parametrize(("text", "lead"), [
    ("我家碎娃在庙会上找不着了，四岁，穿黄衣服", "police"),
    ("后山那边红了一片！！柴垛子挨着，风正往村里刮", "fire"),
    ("干沟里突然冲下来大水，下游还有人在放牛", "urban_mgmt"),
    ("枯井里臭得很，打手电一看好像是个人", "police"),
    ("an old lady has been sitting at the bus stop for hours and can't tell us where she lives", "police"),
    ("我奶奶在菜地被蛇咬了，脚肿起来了", "public_health"),
    ("他在地里让拖拉机压着腿，骨头都露出来了", "public_health"),
    ("几个孩子在塘里游泳，有一个沉下去了没上来", "children"),
    ("巷子口两个人抄起棍子打起来了，还在打", "police"),
    ("the door of flat 402 is hot to touch and the smoke alarm inside is going off, nobody answers", "fire"),
    ("桥上有个男的坐了好久，鞋子脱在旁边，叫他也不理", "police"),
    ("her husband is yelling again and I can hear her crying and things smashing, please come now", "women"),
    ("塌方把厨房埋了 底下还有人在叫", "fire"),
    ("村口变压器冒火了，噼里啪啦响，全村停电", "power"),
    ("the boy next door is locked out on the balcony in the cold, he's been crying for an hour", "children"),
])
def test_the_219th_to_222nd_sets_emergencies_in_our_words(shipped: Router, text: str, lead: str) -> None:
    """Emergencies of the 219th to 222nd sets (Chifeng and Xi'an, Jingning and Nan'an, Hunchun and Huli, Sanjiang
    and Minhang) in our words: a Shaanxi child (碎娃) lost, a red glow by a haystack in the wind, a flash flood with
    people downstream, someone seen in a dry well, an English old woman who cannot say where she lives, a snake bite,
    a leg crushed by a tractor, a child gone under, a fight with sticks still going on, an English door hot to the
    touch with the alarm sounding, a man on a bridge with his shoes off, an English wife heard crying as things
    smash, a landslide with people calling inside, a transformer on fire (the grid's), an English child locked out on
    a balcony in the cold (the children's, not a trapping)."""
    d = shipped.route(text)
    assert (d.report, d.lead, d.priority) == (True, lead, "emergency"), d


@pytest.mark.parametrize(("text", "lead"), [
    ("老屋全是木头的，电线乱拉乱接，一点火星就着", "fire"),
    ("有人在山边烧荒，天干物燥的，怕烧到林子里", "fire"),
    ("步道上那块石板松了，踩上去直晃", "urban_mgmt"),
    ("the footpath by the canal is broken up and the tiles are loose", "urban_mgmt"),
    ("the boy upstairs is often alone overnight, his parents are at work", "children"),
    ("the agency promised one pay and the factory pays less, and they won't show us a contract", "hrss"),
    ("村干部优亲厚友，亲戚的补贴马上批，我们的一直拖", "district_office"),
    ("found a fly in my noodles at the canteen and they refused a refund", "market"),
    ("老年饭桌停了，我妈腿脚不好，中午没地方吃饭了", "welfare"),
    ("敖包那块地被推平了", "culture"),
])
def test_the_219th_to_222nd_sets_reports_in_our_words(shipped: Router, text: str, lead: str) -> None:
    """Reports of the 219th to 222nd sets in our words, none dropped and none an emergency: bare wiring in wooden
    houses (a spark feared is a fire hazard, not a live wire), burning scrub in a dry season, a loose stone on a
    path, an English broken footpath, an English child left alone overnight, an English agency's pay and contract,
    a cadre favouring his relatives, an English fly in the food, an elderly canteen closed (没地方吃饭了 is no chat),
    a Mongolian cairn (敖包) bulldozed."""
    d = shipped.route(text)
    assert d.report is not False and d.lead == lead and d.priority != "emergency", d


@pytest.mark.parametrize("text", [
    "the dumplings at the night market are to die for 😍",
    "lost a glove near the gate, lmk if u see it",
    "上个月电梯关人那事，查清楚了，人几分钟就出来了，大家别再传了",
    "I think the new reading room is really nice, the kids love it",
    "热得要疯了，街上一个人都没有",
])
def test_the_219th_to_222nd_sets_no_ticket(shipped: Router, text: str) -> None:
    """Of the 219th to 222nd sets, in our words: English food praised, an English lost glove (lmk if u see it), an
    old lift scare put to rest (别再传了), an English opinion that something is nice, a sigh at the heat: no
    ticket."""
    d = shipped.route(text)
    assert d.report is not True, d


@pytest.mark.parametrize(("text", "lead"), [
    ("对门阿公食饭哽到了，脸都发紫了", "public_health"),
    ("三楼那个独居阿婆好几天没见她出门了，门口好多苍蝇，怕是人已经不在了", "police"),
    ("someone is kicking in my door right now and I'm here alone with the kids", "police"),
    ("一进楼道就一股没气味，熏得头疼", "gas"),
    ("车库杂物间臭了好多天，物业撬开门，里面躺着个人，脸都发黑了", "police"),
    ("两个小男孩在水渠边捞鱼，一个滑进去半个身子了", "children"),
    ("a toddler is hanging onto the outside of the railing on the 5th floor balcony!", "children"),
    ("my neighbour's stairwell smells like rotten eggs, is it gas? I feel dizzy", "gas"),
    ("the lift is stuck between floors and my daughter is in it alone, she's screaming", "fire"),
    ("我老公喝多了拿着斧头在院子里追我，我跑出来躲在隔壁", "women"),
    ("厂里有个工人被铁钉扎穿了手，血流一地", "public_health"),
    ("老屋的房梁咔咔响，雪压得墙都裂了，我爸还在里面", "housing"),
    ("屋后路面塌出一个大坑，越来越大，邻居家的院墙已经歪了", "housing"),
    ("我爸找不到了，他有老年痴呆，早上还在楼下下棋", "police"),
    ("隔壁的娃又被关在门外头，光着脚冻得直发抖，都半夜了", "children"),
    ("my uncle just arrived on the plateau and now he's breathing very fast and talking nonsense", "public_health"),
    ("my brother went hiking up the mountain alone this morning, it's dark now and he's not answering", "police"),
    ("a little girl is walking alone along the edge of the jetty, no adults anywhere, the sea is rough", "children"),
    ("台风把路边的树吹倒了，砸在一辆车上，车里还有人，门打不开", "fire"),
    ("五楼窗台上站着个小孩，大人不在家，腿都伸到外面了", "children"),
    ("隔壁小孩自己一个人关在家两天了，隔着门喊饿", "children"),
    ("我在电体里 卡住了 门打不开", "fire"),
])
def test_the_223rd_to_230th_sets_emergencies_in_our_words(shipped: Router, text: str, lead: str) -> None:
    """Emergencies of the 223rd to 230th sets (Huzhu and Qingxiu, Jishou and Ganjingzi, Hotan and Hefei, Jingxi and
    Gongshu, Fenghuang and Yangpu, Datong and Haizhu, Yanji and Wuhou, Zhoushan and Lhasa) in our words: Cantonese
    choking (哽到) with a purple face, an old woman unseen for days with flies at her door, an English door kicked in
    now, a gas smell typed 没气味, a body found in a storeroom, a boy half slid into a canal, an English toddler on
    a balcony railing, an English rotten-egg smell asked as gas, an English child alone in a stuck lift (a person
    shut in, the fire brigade's), a husband chasing his wife with an axe (domestic violence), a nail through a
    hand, a roof beam creaking under snow with someone inside, a road caving in under a leaning wall, a father with
    dementia missing, a child shut out in the cold at night, English altitude sickness, an English hiker not back
    after dark, an English child alone on a jetty, a tree on a car with someone shut inside, a child on a window
    ledge (a child in danger, not a suicide), a child alone at home for days, a lift typed 电体 with someone inside."""
    d = shipped.route(text)
    assert (d.report, d.lead, d.priority) == (True, lead, "emergency"), d


@pytest.mark.parametrize(("text", "lead"), [
    ("那个池塘全是孑孓，听说别的小区都有登革热了，你们能不能来打个药", "public_health"),
    ("想开个居住证明，老家那边办手续要用，周六能开吗", "street_office"),
    ("在厂里干了三年没签合同，手被机器砸伤了老板不管", "hrss"),
    ("山上有人私自埋坟还烧纸", "civil_affairs"),
    ("楼道外墙的电线皮全裂开了，一下雨就担心", "power"),
    ("村里的门面出租冇公开，几个干部自己分了", "economy"),
])
def test_the_223rd_to_230th_sets_reports_in_our_words(shipped: Router, text: str, lead: str) -> None:
    """Reports of the 223rd to 230th sets in our words, none dropped and none an emergency: a call to come and
    spray beside news of dengue elsewhere, a certificate wanted back home (issued here), a work injury told as a
    contract dispute, graves dug and paper burnt (no fire), cracked insulation on a wall (no collapse), shop lets
    shared out in secret (没公开 is a complaint, not an offer)."""
    d = shipped.route(text)
    assert d.report is not False and d.lead == lead and d.priority != "emergency", d


@pytest.mark.parametrize("text", [
    "我大前年被人骗过一回，打那以后再也不敢接陌生电话了",
    "Finally back in my hometown after ten years away, so happy to be home!",
    "咱们群里能不能别再发广告了，手机响个不停",
    "外面刮沙尘暴，天都黄了，还是窝在家里喝茶最舒服",
    "Thank you so much to the old man who carried my shopping up the stairs yesterday!",
    "Thanks a lot 王老师 for helping me fill out the application, 太感谢了",
    "要疯了，给娃讲一道应用题讲了半个钟头还是不会",
    "The power is back now in building 3, no worries everyone",
    "Left my blue scarf at the community hall, if anybody finds it please tell me",
    "新开的包子铺火得一塌糊涂，早上排队排到路口",
    "Just got to Lhasa, a bit of a headache but resting as told. What a beautiful city!",
])
def test_the_223rd_to_230th_sets_no_ticket(shipped: Router, text: str) -> None:
    """Of the 223rd to 230th sets, in our words: a scam of years ago and the lesson drawn (打那以后再也不…), English
    joy at being home, a request to the chat group itself, cosy at home in a sandstorm, English thanks to a kind
    stranger and to a teacher (fill out is no fault), a sigh over a sum, English news that the power is back, an
    English scarf left behind, a shop's queue praised (一塌糊涂 is no collapse), an English arrival praising the
    city: no ticket."""
    d = shipped.route(text)
    assert d.report is not True, d


@pytest.mark.parametrize(("text", "lead"), [
    ("菜又涨价了，唉。刚回来看见隔壁李婆婆坐在楼梯上，额头上全是血，叫她也不怎么应", "public_health"),
    ("巷子口那个尕娃又跑丢了，他奶奶满街喊着找", "police"),
    ("楼下储物间臭了好多天，刚才从窗户一看里面躺着个人", "police"),
    ("我爸在果园被黄蜂蜇了，脸肿了，说喘不上气", "public_health"),
    ("桥洞下面积水都齐腰了，还有车往里开", "urban_mgmt"),
    ("dianti tingle 5栋 我们在里面 出不去", "fire"),
    ("the scooter battery exploded in the corridor, fire and smoke everywhere, the old couple upstairs can't get down",
     "fire"),
    ("my neighbour hasn't answered his phone for four days and there's a terrible smell from his flat", "police"),
    ("老李骑摩托车翻了，压在下面，腿上一直在流血，叫他也不应", "public_health"),
    ("羊圈被雪压塌了，老汉埋在下面，喊他还有声音", "fire"),
])
def test_the_231st_to_234th_sets_emergencies_in_our_words(shipped: Router, text: str, lead: str) -> None:
    """Emergencies of the 231st to 234th sets (Xining and Jianye, Zhaoxing and Hexi, Meizhou and Hongshan,
    Hulunbuir and Fuzhou's Gulou) in our words: an injury told after market chatter (the emergency is what the
    message is for), a Qinghai child run off again (尕娃), someone seen lying inside after days of smell, a hornet
    sting with swelling and no breath (蜇, 叮), flood water up to the waist under a bridge, a lift typed in pinyin
    with people inside, an English battery fire with people who cannot get down, an English neighbour silent for
    days with a smell, a rider pinned under a motorbike and bleeding (an injury, not a trapping), someone buried
    under a fallen pen who answers (the fire brigade's)."""
    d = shipped.route(text)
    assert (d.report, d.lead, d.priority) == (True, lead, "emergency"), d


@pytest.mark.parametrize(("text", "lead"), [
    ("隔壁那个男的老是来砸我家门，说我家漏水，其实根本不是", "mediation"),
    ("修地铁以后这个路口一到早上就堵得一动不动", "transport"),
    ("12345打了好几次，都说转给相关部门了，到现在一个电话都没回", "district_office"),
    ("我妈在诊所输完液浑身起红疹子，医生说没事", "health"),
])
def test_the_231st_to_234th_sets_reports_in_our_words(shipped: Router, text: str, lead: str) -> None:
    """Reports of the 231st to 234th sets in our words, none dropped and none an emergency: a neighbour who keeps
    banging on the door over a leak (a dispute, not violence now), traffic that does not move (一动不动 of cars is
    no one unconscious), a hotline that never calls back (no missing person), a rash after a drip that the doctor
    calls nothing (what the doctor says is no all-clear of the resident's own)."""
    d = shipped.route(text)
    assert d.report is not False and d.lead == lead and d.priority != "emergency", d


@pytest.mark.parametrize("text", [
    "回复楼上：快递车通常下午三点到，错过了就明天",
])
def test_the_231st_to_234th_sets_no_ticket(shipped: Router, text: str) -> None:
    """Of the 231st to 234th sets, in our words: an answer to a neighbour's question of when something usually
    comes: no ticket."""
    d = shipped.route(text)
    assert d.report is not True, d


@pytest.mark.parametrize(("text", "lead"), [
    ("刮大风后村口电线杆斜了，电线垂到地里，羊还在旁边", "power"),
    ("隔壁阿婆喘唔到气，心口好痛", "public_health"),
    ("the bathroom ceiling is sagging and pieces keep falling down, it cracked really loud", "housing"),
    ("strong smell like gas in the stairwell, my kids are at home", "gas"),
    ("my flatmate posted say goodbye everyone and now she is not answering her phone", "police"),
    ("the junction box by the gate has sparks shooting out", "power"),
    ("储藏室臭了好几天，刚才从门缝往里瞧，地上躺着个人", "police"),
    ("隔壁院子冒黑烟了，屋里还有个老人没出来", "fire"),
    ("我们困在老楼电梯里 掉下去一截就停了 门扒不开", "fire"),
    ("两个男的把一个女孩往车里拽，她喊不认识他们", "police"),
    ("老祠堂的墙裂了条大缝，还在掉砖，孩子天天从下面过", "housing"),
    ("楼道里一股媒气味，呛得人头疼", "gas"),
    ("煤气灶的软管被老鼠咬了，滋滋响，闻着头都晕", "gas"),
    ("a man is shaking on the floor with foam from his mouth in the hostel lobby", "public_health"),
    ("the girl next door is locked outside in the freezing cold and crying", "children"),
    ("刚才地震了，楼梯间墙裂开一大条口子，还在往下掉渣，楼上还住着人", "housing"),
    ("有个小娃娃自己在水渠边上玩，水很急，大人不在", "children"),
    ("阿妹话佢老公揸住把刀喺屋企唔俾佢出门", "women"),
])
def test_the_235th_to_238th_sets_emergencies_in_our_words(shipped: Router, text: str, lead: str) -> None:
    """Emergencies of the 235th to 238th sets (Jinxiu and Longhua, Yining and Jinan's Lixia, Lingshui and Hefei's
    Baohe, Lijiang and Shijiazhuang) in our words: a wire down in a field with animals beside it, Cantonese
    breathlessness and chest pain, an English ceiling sagging and falling, an English gas smell, an English goodbye
    posted before silence, English sparks from a junction box, someone seen lying inside after days of smell, black
    smoke from a house with someone still inside, people in a lift that dropped (在老楼电梯里), a girl dragged into
    a car, a cracked wall still dropping bricks, gas typed 媒气, a gnawed gas hose hissing, an English seizure, an
    English child shut out in the cold, a stairwell wall split by an earthquake, a small child alone at a fast
    canal, a Cantonese husband holding a knife (揸住) who will not let his wife out."""
    d = shipped.route(text)
    assert (d.report, d.lead, d.priority) == (True, lead, "emergency"), d


@pytest.mark.parametrize(("text", "lead"), [
    ("两家为田埂吵了半个月，再不来调解就要打起来了", "mediation"),
    ("留守的娃爷爷奶奶管不住，天天打游戏到半夜", "children"),
    ("声控灯坏了，拍手跺脚都没反应", "property"),
    ("my friend says her husband hits her sometimes and keeps all her wages, she doesn't know who to ask", "women"),
    ("我妈网上认识个男朋友，叫她往一个平台转钱，已经打了两万了", "police"),
])
def test_the_235th_to_238th_sets_reports_in_our_words(shipped: Router, text: str, lead: str) -> None:
    """Reports of the 235th to 238th sets in our words, none dropped and none an emergency: a fight only feared
    (再不来…就要打起来), children their grandparents cannot manage (管不住 is a problem, not chat), a dead light no
    clapping wakes (没反应 of a lamp is no one unconscious), English domestic violence told as a habit (the women's
    federation, not now), an online romance scam (打钱 is no beating)."""
    d = shipped.route(text)
    assert d.report is not False and d.lead == lead and d.priority != "emergency", d


@pytest.mark.parametrize("text", [
    "Happy Tet everyone! Chúc mừng năm mới",
    "moving back to Manila on Friday, will miss you all!",
    "@阿芳 你讲那间药店喺二号门旁边，夜晚都开",
    "咱们群里能不能别老发卖茶叶的广告了",
    "Dropped my keys somewhere near the north gate, just in case someone finds them",
    "This humidity is killing me, how do people live here in August?",
    "Good morning all! The park is so pretty today with the cherry blossoms out",
    "Last winter the heating was off for days, crazy. This year okay so far",
])
def test_the_235th_to_238th_sets_no_ticket(shipped: Router, text: str) -> None:
    """Of the 235th to 238th sets, in our words: English festival wishes (Tet), an English farewell, an answer to
    a neighbour by name (你讲那间…), the group asked not to keep posting adverts (别老发), English keys lost "just in
    case someone finds them", English weather as hyperbole, an English good morning with blossoms out (out is no
    fault), an English winter long past that is fine this year: no ticket."""
    d = shipped.route(text)
    assert d.report is not True, d


@pytest.mark.parametrize(("text", "lead"), [
    ("隔壁那个男的又喝多了，揪着他媳妇头发往墙上撞", "women"),
    ("a little boy is alone on the 6/F balcony leaning over the railing", "children"),
    ("饭堂食完午饭几个工友一齐呕，有个已经晕倒在地上", "public_health"),
    ("对门一个星期都没人进出，阿婆一个人住，门口好多苍蝇，味道很难闻", "police"),
    ("厨房有阵味好似石油气咁，好浓", "gas"),
    ("后山的土坡往下溜，坡底下还住着人", "housing"),
    ("楼顶有个后生仔坐喺栏杆度，点叫都唔落嚟", "police"),
    ("山洞口一股臭味，拿手电一照，里面躺着个人", "police"),
    ("I can hear the woman next door begging him to stop, he's throwing things at her", "women"),
    ("我同学发朋友圈说永别了，然后电话就打不通了", "police"),
    ("河堤下面那个人好几天没动过了，苍蝇很多", "police"),
    ("my grandma suddenly cannot talk properly and her mouth is crooked", "public_health"),
])
def test_the_239th_to_242nd_sets_emergencies_in_our_words(shipped: Router, text: str, lead: str) -> None:
    """Emergencies of the 239th to 242nd sets (Kangding and Yinzhou, Yan'an and Yuexiu, Anshun and Shahekou, Tongliao
    and Donghu) in our words: a wife's head beaten against a wall, an English child alone on a balcony (6/F), food
    poisoning with someone fainted, Cantonese neighbours unseen for a week with flies, a Cantonese gas smell
    (好似石油气), a slope sliding above houses, a Cantonese youth on a rooftop rail who will not come down (落嚟),
    someone seen lying in a cave after a smell, English domestic violence heard now, a farewell posted before
    silence (永别了), someone still for days with flies, an English stroke."""
    d = shipped.route(text)
    assert (d.report, d.lead, d.priority) == (True, lead, "emergency"), d


@pytest.mark.parametrize(("text", "lead"), [
    ("隔壁装修天天早上六点就开始砸墙，吵到我头都爆", "property"),
    ("有人从楼上丢了个酒瓶下来，碎玻璃一地，差点砸到人", "public_security"),
])
def test_the_239th_to_242nd_sets_reports_in_our_words(shipped: Router, text: str, lead: str) -> None:
    """Reports of the 239th to 242nd sets in our words, none dropped and none an emergency: renovation noise that
    makes a head burst (头都爆, a figure, no beating), a bottle thrown from above (thrown, not a collapse)."""
    d = shipped.route(text)
    assert d.report is not False and d.lead == lead and d.priority != "emergency", d


@pytest.mark.parametrize("text", [
    "I'm literally dying here 😂 the humidity is unreal",
    "咱们群里能不能别老发广告了",
    "支持！早该办个乒乓球赛了",
    "我的老花镜是不是忘在活动室了 有人看到没",
    "刚才说楼道灯不亮的那个，我下去看了，已经亮了",
    "Agree with the man above, the new playground is lovely",
    "俺丢了一只蓝手套，谁瞅着了吱一声",
    "My auntie says the power is back already, thanks everyone",
    "我们八几年搬来的时候，这里还是一片稻田，孩子们都在田里捉泥鳅",
])
def test_the_239th_to_242nd_sets_no_ticket(shipped: Router, text: str) -> None:
    """Of the 239th to 242nd sets, in our words: English hyperbole with a laugh, the group asked not to keep
    posting, a cheer for an event (支持！), a lost item asked after, a light reported out that is on again, English
    agreement with a neighbour, a lost glove, English news that the power is back already, a memory of the 1980s
    (还是 of then, not still): no ticket."""
    d = shipped.route(text)
    assert d.report is not True, d


@pytest.mark.parametrize(("text", "lead"), [
    ("变电箱那边砰的一声，整个小区都黑了，地上有根电缆还在冒火花", "power"),
    ("邻居家儿子上午去山上放牛，天都黑了还没回来", "police"),
    ("a man just dragged a woman into a black car outside the market, she was screaming", "police"),
    ("my grandfather has alzheimer's and wandered off after lunch, grey coat, please look out", "police"),
    ("我们几个困咗喺3座部𨋢度，成廿分钟，好焗", "fire"),
    ("同事刚在群里说“对不起大家 以后不麻烦你们了”，现在电话打不通", "police"),
    ("后巷那股味道不对劲，苍蝇好多，我看见有只手露在外面", "police"),
])
def test_the_243rd_to_246th_sets_emergencies_in_our_words(shipped: Router, text: str, lead: str) -> None:
    """Emergencies of the 243rd to 246th sets (Datong county and Yangzhou, Ruili and Nangang, Yuanyang and Wujin,
    Xunhua and Xiangzhou) in our words: a cable still sparking after a bang, a boy not back after dark, an English
    woman dragged into a car, an English grandfather with dementia wandered off, Cantonese people shut in a lift
    (困咗喺…𨋢度), a farewell message before silence, a hand seen by a smell and flies."""
    d = shipped.route(text)
    assert (d.report, d.lead, d.priority) == (True, lead, "emergency"), d


@pytest.mark.parametrize("text", [
    "冻得要命，早上被窝都出不来😂",
    "Found a pair of kids' gloves on the bench by the basketball court this morning, I left them at the guard room",
])
def test_the_243rd_to_246th_sets_no_ticket(shipped: Router, text: str) -> None:
    """Of the 243rd to 246th sets, in our words: too cold to leave the bed (被窝都出不来 is a figure, no one
    trapped), English gloves found and left with the guard after a long description: no ticket."""
    d = shipped.route(text)
    assert d.report is not True, d


@pytest.mark.parametrize(("text", "lead"), [
    ("炒菜的时候锅里的油着了 火窜到油烟机上去了 盖都盖不住", "fire"),
    ("燃气灶火一直很小 刚刚抹布一下烧着了 冒黑烟 快来人", "fire"),
    ("小区门口有个老太太站了一下午 问她家住哪 她说不出来 手冻得冰凉", "police"),
])
def test_the_39th_session_sets_emergencies_in_our_words(shipped: Router, text: str, lead: str) -> None:
    """Emergencies of the session-39 sets (a Qinghai kitchen, a lost old man in Xi'an) in our words: a pan's oil on
    fire climbing to the hood (the hood's fumes are no neighbour's nuisance), a weak stove flame beside a cloth that
    caught fire (a weak flame alone is the gas supply; a fire beside it is still a fire), an old woman who cannot say
    where she lives (lost, not a neighbours' quarrel)."""
    d = shipped.route(text)
    assert (d.report, d.lead, d.priority) == (True, lead, "emergency"), d


@pytest.mark.parametrize(("text", "lead"), [
    ("家里燃气灶的火苗黄黄的 小得很 烧壶水要半小时", "gas"),
    ("垃圾站的事反映了七八次了 热线也打了 一直没人管 要求督办", "district_office"),
    ("路面坑洼投诉了三四回 每回都说在处理 请上面督一督", "district_office"),
    ("对门天天半夜打游戏开麦 喊得整栋楼都听得见", "environment"),
    ("合租的那几个人把十几块电瓶拎回屋里充 晚上睡觉心里发毛", "fire"),
    ("垃圾房那边老鼠成群 晚上老鼠都在打架", "public_health"),
    ("我妈被人拉去投资什么养老项目 投了八万 现在那人联系不上了", "police"),
    ("楼下天天晚上吹唢呐 吹到十点多", "environment"),
    ("我的车停在外面一晚上 早上冻得打不着火 就因为车位被人占了 物业管管", "property"),
])
def test_the_39th_session_sets_ordinary_matters_in_our_words(shipped: Router, text: str, lead: str) -> None:
    """Ordinary matters of the session-39 sets in our words: a weak yellow flame is the gas supply's (no fire), a
    complaint passed round four or five times that asks for oversight is the inspection office's whatever the matter
    (a count said as a range, 四五次, counts), a gamer's shouting heard across the building is noise (a game named
    beside it is no chit-chat), batteries charged by the dozen in a room are a fire hazard; and of the later sets:
    rats that fight are pests, not a brawl; money put into an "investment" whose seller cannot be reached is a
    fraud; a horn played every night is noise; a car that will not start in the cold is no gas supply (the parking
    space is the matter)."""
    d = shipped.route(text)
    assert (d.report, d.lead) == (True, lead), d
    assert d.priority != "emergency", d


@pytest.mark.parametrize("text", [
    "听我外婆讲早年这条街失过一次火 烧了半条街 那时候还没消防车",
    "快递小哥问我住哪 我也说不清是几号楼 新搬来的",
    "我们那个年代结婚哪有什么婚房 一间小屋就过了一辈子",
    "两个孩子为了抢平板打起来了 哈哈 当妈的头都大了",
    "那都是老早的事了 以前楼道里着过一回火 后来就装了烟感",
])
def test_the_39th_session_sets_no_ticket(shipped: Router, text: str) -> None:
    """No ticket: a fire of long ago a grandmother tells of (早年, 那时候还没…), a courier asking a resident who just
    moved in where she lives (no lost person: only an elder's or a child's not knowing is); and of the later sets a
    time long gone (那个年代, 老早的事), siblings squabbling over a tablet."""
    assert shipped.route(text).report is not True


@pytest.mark.parametrize(("text", "lead"), [
    ("后山那堵土墙下过雨歪得厉害 一直往下掉土 几个娃还在墙根底下玩", "housing"),
    ("河边草丛里躺着个人 手冰凉冰凉的 好像没得气了", "police"),
    ("我外公有点老年痴呆 中午出去遛弯 到现在还没回来 电话也没带", "police"),
])
def test_the_39th_session_later_sets_emergencies_in_our_words(shipped: Router, text: str, lead: str) -> None:
    """Emergencies of the session's later sets (Changsha, Wenzhou, Suzhou) in our words: a wall leaning with children
    under it, someone lying cold and not breathing, an elder with dementia out since noon and not back."""
    d = shipped.route(text)
    assert (d.report, d.lead, d.priority) == (True, lead, "emergency"), d


@pytest.mark.parametrize(("text", "lead", "priority", "report"), [
    ("井房那里有个人摸了一下开关就倒了 地上都是水 谁都别过去", "power", "emergency", True),
    ("小区车库的车位天天被外面的车占着 我们交了月租还停不进去", "property", "normal", True),
    ("放暑假了 请家长们看好孩子 别让孩子自己去河边玩水", None, None, False),
])
def test_the_39th_session_last_sets_in_our_words(shipped: Router, text: str, lead: str | None, priority: str | None,
                                                 report: bool) -> None:
    """The last sets of session 39 (a Hezhou village, a Nanshan estate, a Dai village) in our words: someone who fell
    the moment they touched a switch by water is an electric shock; a resident who pays a monthly rent for a space
    that is always taken reports a problem (交了月租 lets no flat); a notice that tells parents to mind their children
    is no report of a child in danger."""
    d = shipped.route(text)
    assert d.report is report, d
    if report:
        assert (d.lead, d.priority) == (lead, priority), d


@pytest.mark.parametrize(("text", "lead", "priority"), [
    ("队上分红今年咋没了 账目要公开", "economy", "normal"),  # 上分 is a game's word only: 上分红 is a share paid
    ("我大姐挨她男人打了十几年了 胳膊上青一块紫一块", "women", "normal"),  # bruises on a woman beaten for years
    ("隔壁那个小孩身上老是青一块紫一块的 问他也不说", "children", None),  # and on a child
    ("下了雨单位门口又淹了 水到脚踝 排水口堵了", "urban_mgmt", "urgent"),  # ankle deep, no one in danger: drains
    ("水漫进一楼屋里了 没过脚脖子 还在往上涨", "urban_mgmt", "emergency"),  # indoors and rising: an emergency still
    ("汽车站的电梯停了好几天 老人上不去", "transport", "normal"),  # a station's lift is the station's
    ("电梯停脱了 阿拉姆妈关了里厢 门开勿开", "fire", "emergency"),  # Wu 关了里厢: shut in there
    ("烧开水壶底一层白的 水质有问题吧", "water", None),  # scale in the kettle: tap water
])
def test_the_40th_session_sets_in_our_words(shipped: Router, text: str, lead: str, priority: str | None) -> None:
    """Session 40's first two sets (Kunming, a Hui village near Linxia, Changzhou; Shijiazhuang, an Enshi Tujia
    village, Xiamen) in our words."""
    d = shipped.route(text)
    assert (d.report, d.lead) == (True, lead), d
    if priority is not None:
        assert d.priority == priority, d


def test_a_story_still_told_today_is_no_emergency_now(shipped: Router) -> None:
    """A flood of the eighties that the old people still talk about (现在还在说) is a story, asked about, not an
    emergency registered: talking of it today says nothing of a danger today."""
    d = shipped.route("七几年那回河里发大水 半个庄子都淹了 老辈人现在还在讲")
    assert d.report is not True, d
    assert shipped.route("七几年那回发过大水 现在又淹了 水还在涨").report is True


@pytest.mark.parametrize(("text", "lead"), [
    ("楼上小孩天天晚上在屋里蹦 咚咚咚的 都十一点了", "environment"),  # a noise: the environment committee's
    ("楼上天天拖凳子 咚咚咚 跟他们讲了几回也没用", "environment"),  # told and not heeded: a noise still
    ("楼上天天半夜拖凳子咚咚咚 上去敲门说了两句 人家还骂人", "mediation"),  # a quarrel over it: mediation's
    ("楼上天天蹦跶到半夜 能不能请社区出面调解一下", "mediation"),  # a mediation asked for
])
def test_a_neighbours_noise_is_the_environment_committees_until_it_is_a_quarrel(shipped: Router, text: str,
                                                                                 lead: str) -> None:
    """Noise from a neighbour's flat (feet, chairs, a ball) is a nuisance for the environment committee
    (噪音与油烟扰民), though the resident has asked them to stop; it is the mediation committee's (邻里纠纷) once a
    quarrel is said or a mediation asked for. Four held-out sets in a row were written so; our chat file had both,
    and is now one way."""
    d = shipped.route(text)
    assert (d.report, d.lead) == (True, lead), d


@pytest.mark.parametrize(("text", "lead", "priority"), [
    ("2栋那头冒好大的黑烟 有股烧塑料的味 好像五楼", "fire", "emergency"),  # smoke from a floor, said with how much
    ("隔壁大姐又鼻青脸肿的 听说是渠老公打的", "women", None),
    ("打咗三次热线 个个都话唔归佢管 推嚟推去", "district_office", "normal"),  # passed round: oversight
    ("巷子里的夜市摊子把路都占满了 垃圾一地没人扫", "urban_mgmt", "normal"),  # the stalls, not the litter
    ("楼道那个防盗门锁坏了 外人随便就进来 晚上怪害怕的", "public_security", None),  # a fear for safety said
])
def test_the_40th_session_later_sets_in_our_words(shipped: Router, text: str, lead: str, priority: str | None) -> None:
    """Session 40's later sets (Nanchang, a town near Hohhot, Foshan; Xuzhou and Bengbu, a Bai village near Dali,
    Tianjin) in our words: black smoke from a flat said with how much; a woman's bruised face and her husband;
    hotlines that passed a complaint round; stalls filling a pavement; a broken door that lets strangers in, said with
    the fear it brings."""
    d = shipped.route(text)
    assert (d.report, d.lead) == (True, lead), d
    if priority is not None:
        assert d.priority == priority, d


@pytest.mark.parametrize("text", [
    "想当年下井 那才叫危险 一冒顶好几个人出不来",
    "我细个嗰阵呢度成日水浸 好多年前嘅事啦",
])
def test_a_time_long_gone_is_no_report_though_the_model_hears_an_alarm(shipped: Router, text: str) -> None:
    """A danger of a time long gone (想当年, 细个嗰阵, 好多年前) is a story: asked about, never registered because the
    starter's emergency head hears the alarm in it."""
    assert shipped.route(text).report is not True


@pytest.mark.parametrize(("text", "lead", "priority"), [
    ("路口那根总水管裂了 水冒得老高 我们整片都停水了", "water", None),  # the main, not a flat's pipe
    ("邻居大爷早上出门散步到现在不见了 他有点糊涂", "police", "emergency"),
    ("路边有个老人家 问他屋在哪里也讲不清楚", "police", "emergency"),
    ("塘里有个人漂在水上 一动不动半天了", "police", "emergency"),  # a body, for the police
    ("电梯又卡住了 还好没人在里面 物业快来修", "property", None),  # no one inside: no one trapped
    ("楼梯角全是烟头 也没人扫", "property", "normal"),  # cigarette ends are no smoke
    ("房东水费收七块一吨 电费一块六一度 合理吗", "market", None),  # a landlord's prices
    ("我们村的老人一个人在家 儿女都出去打工了 病了没人管", "welfare", None),
    ("反映了两个多月了 一点下文都没有 谁来督促督促", "district_office", None),
    ("三楼窗台外面一块水泥板松了 吊着 下头就是小孩玩的地方", "housing", "emergency"),  # loose over children
    ("路口那个井盖陷下去半边 骑车容易摔", "urban_mgmt", None),  # a sunk cover is the road's, no collapse
    ("刚交房一年 外墙墙皮一直掉渣 质量太差", "housing", None),  # crumbling, nothing falling on anyone
    ("有人假装银行客服加我妈微信 骗走了五千", "police", None),  # how a scam went: no advert
    ("楼道的应急灯坏了 安全出口的牌子也不亮", "fire", None),  # a fire hazard, no exit blocked
    ("对门男的老是喝了酒打老婆 前天晚上又听见哭", "women", None),  # habitual, told afterwards
    ("菜场门口两个人提刀相刣 地上都是血", "police", "emergency"),  # a fight with a knife, not only an injury
    ("二楼阿婆从楼梯跌落来 唔会动了", "public_health", "emergency"),
])
def test_the_40th_session_last_sets_in_our_words(shipped: Router, text: str, lead: str, priority: str | None) -> None:
    """Session 40's last four sets (Guiyang, a Kazakh township near Altay, Ningbo; Zhuzhou and Xiangtan, a Yi village
    near Xichang, Dongguan; Yinchuan, a Zhuang village near Baise, Wuxi; Tangshan, a Miao village in Qiandongnan,
    Shantou) in our words: a water main, an elder gone out for a walk or unable to say where home is, someone
    floating face down, a stopped lift with no one inside, cigarette ends on the stairs, a landlord's prices, an elder
    left alone by children working away, a complaint unanswered for months; a slab loose above children, a sunk
    manhole cover, walls that crumble, a scam told with the WeChat it came through, a dark exit sign, habitual
    violence told afterwards, Teochew 相刣 and 跌落来."""
    d = shipped.route(text)
    assert d.report is not False and d.lead == lead, d
    if priority is not None:
        assert d.priority == priority, d
    else:
        assert d.priority != "emergency", d


def test_others_who_saw_it_is_no_acknowledgement(shipped: Router) -> None:
    """看到了 is a reply (seen it) only said of oneself: 好几个人都看到了 after strangers at the door tells of them."""
    d = shipped.route("这几天晚上总有生人在楼道里转悠 好几个人都看到了")
    assert d.report is not False and d.lead == "public_security", d


@pytest.mark.parametrize("text", ["有冇人管下啊 唉", "有没有人管一下啊 说了好几天了"])
def test_someone_please_look_with_no_matter_is_vague(shipped: Router, text: str) -> None:
    """"Will anyone see to it", said with no matter, is vague: registered as it is for the street office to dispatch
    once the resident says what, never a guess from the likeness of its characters to a category."""
    d = shipped.route(text)
    assert (d.gate, d.lead) == ("vague", "street_office"), d


def test_news_seen_on_a_phone_is_no_report(shipped: Router) -> None:
    """An earthquake elsewhere seen on one's phone is news told, not a consumer complaint about a phone."""
    assert shipped.route("手机上看到外地又地震了 看着心里难受").report is False


@pytest.mark.parametrize(("text", "lead", "priority"), [
    ("楼上有人往下扔了个酒瓶子 差点砸到我家孩子", "public_security", "not emergency"),  # a near miss: no one hurt
    ("对门养了只八哥 天不亮就叫个不停", "environment", None),  # a bird's noise
    ("户口咋迁到新小区来 问了几个地方都说不清", "police", None),  # moving a hukou: the police station's
    ("村口那座老戏台没人修 快塌了 那是文物", "culture", None),  # a relic neglected, no one under it
    ("寨子里都是木房子 电线乱拉 连个灭火器都没有", "fire", None),  # a fire hazard
    ("半夜有人溜进果园偷东西", "public_security", None),
    ("说好的年底修 现在开春了 问一回推一回", "district_office", None),  # put off again and again
])
def test_the_40th_session_final_sets_in_our_words(shipped: Router, text: str, lead: str, priority: str | None) -> None:
    """Session 40's final sets (Hefei, a Tibetan village near Shangri-La, Hangzhou's lanes; Luoyang, a Li village near
    Qiongzhong, Shenyang) in our words: a bottle that missed a child, a bird's noise, moving a hukou, a relic left to
    fall, wooden houses with wires strung anyhow, a thief in an orchard at night, a repair put off again and again."""
    d = shipped.route(text)
    assert d.report is not False and d.lead == lead, d
    if priority == "not emergency":
        assert d.priority != "emergency", d


def test_long_ago_in_hangzhou_words_is_a_story(shipped: Router) -> None:
    """老底子 (Hangzhou and Wu for 以前) opens a story of long ago: no ticket."""
    assert shipped.route("老底子弄堂里夏天都在外面乘风凉 现在都没了").report is not True


@pytest.mark.parametrize(("text", "lead", "priority"), [
    ("楼下那户把电动车拉进房里充电 天天晚上充", "fire", "not emergency"),  # 拉进 a bike, no one into a group chat
    ("有个囝自己在溪边玩水 旁边一个大人都没有", "children", "emergency"),  # a child alone by a stream
    ("说是处理完了 其实根本没动 又是应付", "district_office", None),  # a closure that was not
    ("电梯又坏了 停在5楼一动不动 物业来看看", "property", "not emergency"),  # a lift still is no one unconscious
    ("楼道里全是烟头 一地垃圾", "property", "not emergency"),  # cigarette ends, said as a keyword too
    ("菜场买的蛤蜊全是死的 一煮就臭", "market", None),  # food sold dead
    ("小区电表箱的门坏了 一直敞着", "power", None),
])
def test_the_40th_session_closing_round_in_our_words(shipped: Router, text: str, lead: str,
                                                     priority: str | None) -> None:
    """Session 40's closing round (Lanzhou's Xigu, a Dong village near Sanjiang, Qingdao; Hankou, Urumqi, Putian) in
    our words: a bike pulled indoors to charge, a child alone by a stream, a complaint closed with nothing done, a
    lift stopped still, cigarette ends, shellfish sold dead, a meter box left open."""
    d = shipped.route(text)
    assert d.report is not False and d.lead == lead, d
    if priority == "not emergency":
        assert d.priority != "emergency", d
    elif priority is not None:
        assert d.priority == priority, d


def test_nearly_fainting_said_as_an_idiom_is_no_report(shipped: Router) -> None:
    """差点没晕过去 (nearly fainted) said of a shock, with a laugh, is a figure: no ticket, no emergency; an elder who
    nearly fainted and is dizzy now is still reported."""
    for text in ("我爸听说我离婚了 差点没晕过去 哈哈", "老妈看到我的成绩单 差点没晕过去"):
        assert shipped.route(text).report is not True, text
    d = shipped.route("老人在路上差点晕倒 现在头晕得站不住")
    assert (d.report, d.priority) == (True, "emergency"), d



@pytest.mark.parametrize(("text", "lead"), [
    ("我家丫头六岁 刚刚还在广场跳绳 一转眼找不着了", "police"),  # a child lost at a glance
    ("俺娃寻不见了 八岁 穿蓝褂子", "police"),  # Shaanxi 寻不见, not found
    ("阮囝仔佇公园呣见了", "police"),  # Hokkien 呣见, gone
    ("有个老太太在路边转悠 问她啥都不知道", "police"),  # an elder who, asked, knows nothing
    ("一个老伯坐在车站半天了 说不清自己家在哪", "police"),
    ("那人突然倒地抽风 嘴角冒白沫", "public_health"),  # a fit
    ("我公公突然讲伐出话了 半边身体动不了", "public_health"),  # a stroke, in Wu words
    ("路边草丛里有个人 一动不动 都臭了", "police"),  # a body found
    ("电梯里面还有两个人 门扒不开", "fire"),  # people trapped in a lift
    ("我被关在电梯里头 卡住了 闷得很", "fire"),  # told from inside it
    ("楼上阿伯讲要烧炭 门窗都关死了", "police"),  # charcoal burnt to end a life
    ("塔吊一直在晃 下面就是人行道", "housing"),  # a crane swinging over people
    ("外墙瓷砖跌了几块下来 楼下都是人", "housing"),  # tiles falling where people walk
    ("宝宝被锁在车子里 晒得通红", "children"),  # a child locked in a car in the sun
    ("她老公扯着她头发往外拖", "women"),  # violence at home, now
    ("装修师傅接线被电亲了 倒在地上", "power"),  # Cantonese 电亲, a shock
    ("仓库那边冒出火舌了", "fire"),  # tongues of flame
    ("安全通道的门被链子锁死了", "fire"),  # a way out chained shut
    ("18楼有个小伙子爬到阳台外头去了 下面好多人在喊", "police"),  # about to jump
    ("江边漂着个东西 走近看像个人", "police"),  # a body in the water
    ("树林里躺着个人 身上都凉透了", "police"),
    ("一帮人在停车场抡铁棍 有人倒地上了", "police"),  # weapons swung
    ("小卖部门口有人掏出砍刀在追人", "police"),
    ("游泳池刚拉上来一个小孩 没呼吸了", "public_health"),  # drowned, pulled out
    ("我爸打着麻将突然捂着胸口倒了", "public_health"),  # a heart attack
    ("对门女的一直在哭着喊别打了", "women"),  # violence at home, now
    ("她家孩子哭得撕心裂肺 他爸在用皮带抽", "children"),  # a child beaten now
    ("有个男的硬拽个小姑娘上车", "children"),  # a child dragged into a car
    ("电线断了掉在路上 还在冒火花", "power"),  # a live wire down
    ("楼顶的广告牌被风吹得直晃 下面就是公交站", "housing"),  # about to fall on people
    ("隔壁拆迁的墙歪了 底下还有人在走", "housing"),
    ("河堤破了个口子 水往村里灌", "urban_mgmt"),  # a breach, a flood
    ("地道里水漫上来 车熄火了 人站在车顶上", "urban_mgmt"),
    ("我困在5号楼电梯里头了 灯都灭了", "fire"),  # shut in a lift
    ("山上的火往村子那边烧过来了", "fire"),  # a wildfire coming
    ("对面楼的窗户里头红彤彤的", "fire"),  # a room aglow
    ("楼道里都是呛人的烟 看不清路", "fire"),
    ("5楼阳台有个人爬到外头了 在哭", "police"),  # outside a balcony
    ("湖边发现一个人 一动不动", "police"),  # found by the water, not moving
    ("涵洞里一辆车泡在水里 人困在里面出不来", "urban_mgmt"),  # a flood with people in it
    ("村里那间老平房塌了半边", "housing"),  # half a house down
    ("邻居在群里说他要去跳河 电话关机了", "police"),  # a threat told in a message
    ("室友吞了安眠药 叫不醒", "police"),
    ("天台上坐着个姑娘 腿悬在外面", "police"),
    ("有个老伯在路口转悠 问他家在哪说不出来", "police"),  # an elder lost
    ("出租屋里躺了个人 一股味道", "police"),  # a body found
    ("我爸胸口痛 一身冷汗 喘不过气", "public_health"),  # a heart attack
    ("大爷摔了一跤 头磕在台阶上 不说话了", "public_health"),
    ("楼道里有烟 一股烧塑料的味道", "fire"),
    ("巷子里那堆纸箱着了 火挺大", "fire"),
    ("楼梯出口被房东用铁门锁住了", "fire"),  # a way out locked
    ("隔壁一股石油气味 敲门没人开", "gas"),  # LPG smelt
    ("有个男的拉住小孩往车里塞", "children"),
    ("电线断下来掉在积水里 有人要走过去", "power"),
    ("老楼外墙一直掉砖 底下是人行道", "housing"),
    ("有个老太太在街上转 问她家在哪 她说不清", "police"),  # the fourth round: a lost elder
    ("我个女喺商场一转头就唔见咗", "police"),  # a daughter gone at a turn of the head
    ("跑道上一个人跑着跑着倒下了 没气了一样", "public_health"),
    ("车站那个大爷倒那儿 怎么叫都不吭声", "public_health"),
    ("车子里锁着个小人 晒得满头汗", "children"),  # Wu 小人, a child
    ("一股烧胶味 烟已经进走廊了", "fire"),
    ("河边浮住一个人", "police"),
    ("空调外机的架子锈断了 悬着 下面就是人行道", "housing"),
    ("隧道里淹了辆车 司机还在车顶", "urban_mgmt"),
    ("楼上男人说要打死她 女的在尖叫", "women"),
    ("我爸出去遛弯 天黑了还没回 他有老年痴呆", "police"),  # the fifth round: a lost elder with dementia
    ("楼后雪地里有个人 冻得硬邦邦的", "police"),
    ("电梯停了 里面有人一直在拍门", "fire"),
    ("装空调的师傅从梯子上跌下来了 腿都变形了", "public_health"),
    ("隔壁烧炉子取暖 敲门不开 从窗户看人躺着不动", "public_health"),  # a stove's fumes
    ("小孩骑车让车撞了 腿上都是血", "public_health"),
    ("老房子墙上砖头一直往下掉 底下是人走的路", "housing"),
])
def test_the_41st_session_emergencies_in_our_words(shipped: Router, text: str, lead: str) -> None:
    """Session 41's three rounds of sets (Harbin to Haikou; Lhasa to Wanzhou; Beijing to Zhangzhou, 36 regions) in our
    words: emergencies told as a frightened neighbour tells them, each to its handler at emergency priority."""
    d = shipped.route(text)
    assert (d.report, d.lead, d.priority) == (True, lead, "emergency"), d


@pytest.mark.parametrize("text", [
    "今天热哩冒烟 哪都不想去",  # Henan 哩 for 得: the heat as a figure
    "热得来要冒烟了",  # and Wu 得来
    "厨房一股烟 我还以为着火 原来是在烤鱼干",  # a fright taken back
    "昨晚看了个恐怖片 吓得睡不着",  # a film watched
    "下班路上堵成狗",  # a commute, as an idiom
    "我阿爸后生时候见过一场山火",  # a youth long gone (Cantonese 后生)
    "原神抽卡又没出金",  # a game
    "刷抖音看到湖南那边发大水 好多房子都泡了",  # news of a province, seen on a phone
    "手机上看到新疆那边地震了 吓人",
    "吃鸡又被人爆头了 这把白打",  # a game
    "基金又绿了 心累",  # a fund
    "明天落唔落水啊",  # Hakka 落水: rain
    "落水了 记得收衫",
    "旧时我阿公在河边撑船",  # 旧时: long ago
    "热得我脑瓜顶都冒烟了",  # heat as a figure
    "今仔日热甲欲冒烟",  # Minnan 甲 for 得
    "刚才那股燃气味查清楚了 是楼下煮糊了 没事",  # an alarm called off
    "走丢的那个大爷找着了 放心吧",
    "昨晚看的剧里 主角家着火了",  # a show watched
    "阿拉年轻辰光在码头做生活",  # Wu 辰光: long ago
    "高价回收旧家电 旧手机",  # an advert
])
def test_the_41st_session_no_ticket(shipped: Router, text: str) -> None:
    """Session 41's non-reports in our words (figures of heat, a fright taken back, a film or a show, a commute, a
    youth long gone, a game, a fund, news of a province seen on a phone, Hakka rain, an alarm called off, an advert)
    open no ticket."""
    assert shipped.route(text).report is not True


def test_the_41st_session_words_keep_their_bounds(shipped: Router) -> None:
    """What the session's words must not take: a dark stairwell likened to a horror film is still a broken lamp;
    foam on a river is no fit; a rider who fell and cannot answer is hurt, not lost."""
    d = shipped.route("楼道里黑得能拍恐怖片了 灯坏了一个月没人修")
    assert d.report is True and d.priority != "emergency", d
    d = shipped.route("工厂往河里排污 水面上全是白沫")
    assert d.lead != "public_health" and d.priority != "emergency", d
    d = shipped.route("阿伯骑车摔了 头一直在流血 问他话都答不上来")
    assert (d.report, d.lead, d.priority) == (True, "public_health", "emergency"), d


@pytest.mark.parametrize("text", ["好嘞好嘞", "得嘞", "过年好 给大伙拜个早年"])
def test_an_acknowledgement_or_a_new_years_wish_in_dialect_is_no_report(shipped: Router, text: str) -> None:
    """好嘞 and 得嘞 acknowledge; 拜个早年 wishes a happy new year early and tells of no early years: no report, not
    even a question back."""
    assert shipped.route(text).report is False


def test_small_talk_the_report_head_is_sure_of_is_left_alone(shipped: Router) -> None:
    """A message the gate's words cannot place that the starter's report head scores below ``model_no_report`` is
    left alone; with the setting at 0 (the default of a rulebook that does not name it) it is asked about, and a
    message that says something is wrong is asked about whatever the setting."""
    text = "孩子期末考砸了 我血压都上来了"
    d = shipped.route(text)
    assert d.report is False and (d.source.report or 1.0) < shipped.rulebook.routing.model_no_report, d
    never = shipped.rulebook.model_copy(update={"routing": shipped.rulebook.routing.model_copy(
        update={"model_no_report": 0.0})})
    assert Router(never).with_model(None, starter=starter_models(never)).route(text).report is None
    for asked in ("那个东西又坏了", "楼下有股怪味"):
        assert shipped.route(asked).report is None, asked


@pytest.mark.parametrize(("text", "lead"), [
    ("有人往河里倒垃圾 水都臭了", "ecology"),  # 倒 is to pour here: no one lies there
    ("买的红枣一泡水全是红的 染过色", "market"),  # 一泡水, soaked once: no flood
    ("电梯停在半路 门开不开 好在里面没得人", "property"),  # no one inside: a lift fault
])
def test_the_41st_session_later_sets_words_keep_their_bounds(shipped: Router, text: str, lead: str) -> None:
    """What the later sets' words must not take: pouring rubbish into a river, fruit soaked in water, a stuck lift
    with no one in it stay ordinary matters of their own handlers."""
    d = shipped.route(text)
    assert d.report is True and d.lead == lead and d.priority != "emergency", d


@pytest.mark.parametrize(("text", "lead"), [
    ("手机上看到菜市场那边着火了", "fire"),  # the market seen on a phone may be ours: no place away is named
    ("刷抖音看到东门那边着火了 快去看看", "fire"),
    ("细路仔落水了 快来人", "children"),  # a child in the water is no rain
])
def test_a_place_seen_on_a_phone_is_away_only_when_named(shipped: Router, text: str, lead: str) -> None:
    """Only a province, a great city or a country named beside what a phone showed is news of elsewhere: a market or
    a gate seen on a phone, or a call to go and look, is an emergency here."""
    d = shipped.route(text)
    assert (d.report, d.lead, d.priority) == (True, lead, "emergency"), d


def test_how_much_in_southern_words_is_a_question(shipped: Router) -> None:
    """几钱一斤 asks a price: asked about or answered, never registered; 几时 (when) stays out of the question words,
    since residents complain with it (停电了 几时来电)."""
    assert shipped.route("街口那家卖的鱼几钱一斤").report is not True
    assert shipped.route("成栋楼停电 几时来电啊 冰箱里的东西都要坏了").report is True


def test_a_noise_at_night_told_with_a_game_is_still_noise(shipped: Router) -> None:
    """Neighbours shouting over a game at midnight are a noise report, not a game told: the words of a game beside a
    nuisance drop nothing."""
    d = shipped.route("对门几个小伙半夜打游戏大喊大叫 吵得睡不着")
    assert (d.report, d.lead) == (True, "environment"), d


@pytest.mark.parametrize("text", [
    "厕所顶上一直渗水 墙都发霉了 物业来看一哈嘛",  # Sichuan 一哈 (一下): no laugh
    "新来的保安晚上九点就把小门锁了 下夜班进不来",  # someone new, no newcomer's hello
    "水费突然贵了一倍 是不是抄错了 唔该查下",  # 唔该 is please here, beside a request
    "超市买的花生米一股哈喇味",  # rancid, no laugh
    "社区的通知我们楼一个都没收到",  # 没收到 is no acknowledgement, beside a notice or not
    "我们楼选楼长 没人投票就定了",  # 没人投票 is no poll answered
    "化工厂那边的smoke好大 衣服都晾不了",  # ok inside smoke is no acknowledgement
    "说好年底前修好的路 到现在动都没动",  # 修好的 is no 好的, a promise no repair
    "楼下铺子改成直播间了 电锯从早响到晚",  # one offer's word beside a matter met in a phrase: asked at worst
])
def test_a_word_of_small_talk_inside_a_report_drops_nothing(shipped: Router, text: str) -> None:
    """哈 inside 一哈 or 哈喇, 新来的 before a role, 唔该 before 查下: the small talk's words are not said, and the
    report is registered or asked about, never dropped."""
    assert shipped.route(text).report is not False


@pytest.mark.parametrize(("text", "lead"), [
    ("货梯停在五楼六楼之间 里头有两个送货的", "fire"),  # session 42: a goods lift between floors, people inside
    ("电梯关到我妈了 按铃没人应", "fire"),
    ("有个老辈子在菜场门口转 问他住哪他说不晓得", "police"),  # an elder who cannot say where home is
    ("我外婆上午出门买菜 到现在没回来 手机一直没人接 她八十多了", "police"),
    ("我家那个有点糊涂的老爷子出门溜达 一个钟头了没找着", "police"),
    ("有个小丫头站在路口哭 说找不到妈妈了", "police"),
    ("天台上站着个人 一直往边上挪 看着像要跳", "police"),
    ("我舅妈买了农药 人现在找不到了", "police"),
    ("大哥喝多了倒在沙发上 怎么拍都不醒", "public_health"),
    ("从窗户看见奶奶躺在卫生间地上不动", "public_health"),
    ("电工摸到电闸 人一下子就抖着倒了", "power"),
    ("楼下有人拎着钢管追着人打", "police"),
    ("他掐着老婆的脖子不撒手 孩子在哭", "women"),
    ("三岁的娃自己走到马路上了 旁边没大人", "children"),
    ("对面楼的防盗网松了 风一吹就晃 下面就是人行道", "housing"),
    ("仓库窗口有红光 还噼啪响", "fire"),
    ("烤火的小太阳把被子点着了", "fire"),
    ("楼梯间的防火门被人用铁丝拴死了", "fire"),
    ("屋里有股怪味 说是天然气 我妈已经开始头晕恶心", "gas"),
    ("闻到一股味 灯都不敢开 是不是燃气漏了", "gas"),
    ("下穿隧道淹了 一辆车熄火 里面的人还在车里", "urban_mgmt"),  # floodwater with people in it: urban_mgmt
    ("巷子里水淹到腰 有个老人在屋里出不来", "urban_mgmt"),
    ("江边漂了个死人 围了好多人", "police"),
    ("电梯卡在三楼 里头有个老太太一直在拍门", "fire"),  # the second round (Qiqihar to Guilin)
    ("有个阿婆在车站坐了一下午 问她住哪 一问三不知", "police"),
    ("我家孩子到现在没到家 老师说早就放学了", "police"),
    ("谁看到一个穿黄棉袄的小男孩 四岁 刚才还在广场", "police"),
    ("老两口屋里烧炭取暖 敲门一直没人应", "public_health"),
    ("路灯杆漏电 一个小伙摸了一下就趴地上了", "power"),
    ("她老公拿着刀追她 从楼上追到楼下", "women"),
    ("树林里躺着个人 身上冰凉 早没气了", "police"),
    ("燃气井盖那儿一直往上冒气 一股味", "gas"),
    ("秋千的链子缠住小孩脖子了", "children"),
    ("巷子后面那排棚子着了 往这边烧过来了", "fire"),
    ("单元楼道里冒好浓的烟 看不清楼梯", "fire"),  # the third round (Changde to Putian)
    ("地下室杂物间着了 烟往楼上走", "fire"),
    ("我一转身就没得人了 孙女才三岁", "police"),
    ("有个老爷子穿着睡衣在街上走 不认得路了", "police"),
    ("吃了虾以后全身起疹子 喘不过气", "public_health"),
    ("燃气管被挖掘机挖断了 呼呼往外喷", "gas"),
    ("小区围墙往路这边歪了 放学的学生正从下面过", "housing"),
    ("楼梯间的防火门让人用砖头砌死了", "fire"),  # the fourth round (Yantai to Tianshui)
    ("超市后面的安全通道堆满了货 门还从外面锁了", "fire"),
    ("电梯井里有人在拍门喊救人", "fire"),
    ("老两口烧蜂窝煤取暖 早上叫门没人应", "public_health"),
    ("闺女发消息说撑不下去了 现在电话关机", "police"),
    ("楼上打得厉害 那个女人拽着头发被拖出门", "women"),
    ("一个老太太在河边坐着 问她家在阿达 说不上来", "police"),
    ("家里燃气报警器一直响 还闻到味了", "gas"),
    ("广场上几个人拿着钢管在追一个人", "police"),
    ("孩子在小区里玩 一转身不见了 找了一个钟头", "police"),
])
def test_the_42nd_session_emergencies_in_our_words(shipped: Router, text: str, lead: str) -> None:
    """Session 42's thirty sets (Yanji to Putian) in our words: emergencies told as a frightened neighbour tells them,
    each to its handler at emergency priority."""
    d = shipped.route(text)
    assert (d.report, d.lead, d.priority) == (True, lead, "emergency"), d


@pytest.mark.parametrize(("text", "lead"), [
    ("阮孥囝去补习到今无返来 七岁", "police"),  # Teochew and Hainan: 无返, 无回来, not come back
    ("阿嬷出去食早茶 到今无返 手机放在厝里", "police"),
    ("老爸有点老年痴呆 早上讲去公园 就无回来", "police"),
    ("河里捞上来一个人 脸发紫 无呼吸了", "public_health"),
    ("隔壁租客好几天无人出入 门口一股臭味 喊门无人应", "police"),
    ("楼梯间全部黑烟 看不见台阶", "fire"),  # smoke filling a stairwell, in Cantonese words too
    ("走廊里烟呛得人睁不开眼 不知道哪家着了", "fire"),
    ("我姥爷有点糊涂 穿着拖鞋就跑出去了 谁看着了说一声", "police"),  # an elder with dementia run out
    ("help please, my 5 yr old daughter lost at the night market", "police"),
    ("有个小孩蹲井口边上往下看 井盖也没盖", "children"),
    ("夜市有人拿烤串签子捅了人 一地的血", "police"),
    ("两个邻居抄起锄头打起来 一个头破了流血", "police"),
    ("他老公把她的头往门上磕 一直在喊", "women"),
    ("老婆婆说头晕恶心 家里有怪味 煤气阀门开着", "gas"),
    ("老楼的瓷砖一块一块往下掉 下面就是幼儿园门口", "housing"),
])
def test_the_43rd_session_emergencies_in_our_words(shipped: Router, text: str, lead: str) -> None:
    """Session 43's sets (Shantou to Haikou) in our words: a child or an elder not back told in Min speech, a body
    pulled from water without breath, a tenant unseen for days, a stairwell full of smoke, an elder with dementia
    run out, a child lost (English), a child at a well's mouth, a stabbing with blood, a fight with a hoe, a head
    knocked against a door, gas with dizziness and the valve open, tiles falling over a kindergarten's gate."""
    d = shipped.route(text)
    assert (d.report, d.lead, d.priority) == (True, lead, "emergency"), d


@pytest.mark.parametrize(("text", "lead"), [
    ("老爷子在电梯里困了二十分钟了 喊物业没人来", "fire"),  # the lift named before it traps
    ("我妈说头疼得厉害还想吐 屋里烧着炭盆", "public_health"),  # the symptoms told before the stove
    ("喜酒回来吃了剩菜 好几个人吐得站不稳", "public_health"),
    ("骑车摔了 腿骨刺出来了", "public_health"),
    ("仓库那边一股烧焦味 窗户里面通红的", "fire"),  # a burning smell and a red glow, beside a workshop too
    ("一股焦糊味 楼后面有烟往上冒 不是熏腊肉那种", "fire"),  # 不是熏腊肉: a smoke that is no curing
    ("刮断的电线掉在积水里 还有人在蹚水", "power"),
    ("她哭着说要去跳江", "police"),
    ("我同学发消息说活起没得意思 现在联系不上", "police"),  # Guizhou and Sichuan 活起, 莫得
    ("隔壁有个女的一直喊别打了 还有摔东西的声音", "women"),
    ("小区门口地上一直冒泡 味道跟煤气似的", "gas"),  # smells like gas
    ("厨房里有股像烂洋葱的味 奶奶说头晕", "gas"),  # the odorant described, with dizziness
    ("the gas pipe behind the stove is hissing and there's a weird smell", "gas"),
    ("my grandpa went for a walk after lunch, no phone, still not back", "police"),
    ("两个小孩在鱼塘边上玩 一个趴在塘边伸手够东西", "children"),
    ("楼道的防火门被人用链子锁死了", "fire"),
    ("邻居家小孩自己爬出窗户外面了 家里没大人", "children"),  # once heard by the starter alone, its head retrained
    ("楼下小孩被关在家里哭了半天 听着像被打", "children"),
    ("同事发消息说不想再生存了 电话打不通", "police"),
    ("老楼外墙一块墙皮松了 随时掉下来 下面是学校门口", "housing"),
    ("对门老两口关着门烧炭盆 喊了半天没人应", "public_health"),
    ("河边看鱼塘的窝棚冒黑烟 里面还睡着人", "fire"),
    # the seventh round (Anshan to Shenzhen)
    ("老房子墙上裂了条大缝 半夜咔咔响 门都关不上了 不敢在家住", "housing"),  # creaking cracks, a door that jams
    ("地道桥下面水管爆了 水到腰了 有辆车泡在里面 人还在车上", "urban_mgmt"),  # a burst main, but a car and a person
    ("烧烤摊的煤气管子脱了 火喷出来烧到旁边的棚子", "fire"),
    ("液化气罐的阀门拧不紧 一直在漏 整个厨房都是味", "gas"),
    ("室友洗澡一个多小时没出来 叫了半天没反应", "public_health"),
    ("楼顶的广告牌铁架断了 吊着 下面就是公交站", "housing"),
    ("有人拿刀抢电动车 把车主砍伤了手", "police"),
    ("屋檐上的冰溜子手臂那么粗 下面就是幼儿园门口", "housing"),
    ("孩子误食了老鼠药 一直在吐", "public_health"),
    ("电梯突然往下掉了一截卡住了 里面有个老太太", "fire"),
    ("有个小伙子翻过大桥的栏杆 站在外面不动", "police"),
    ("安全出口被人用铁链锁住了 整栋楼就这一个出口", "fire"),
    ("公园草丛里躺着个人 我路过两次都一动不动", "police"),
    ("电工钻墙钻到电线 整个人被弹开了", "power"),
    # the eighth round (Luoyang to Xi'an)
    ("三楼阳台的栏杆松了 风一吹就晃 下面好多人在拍照", "housing"),
    ("他在群里说以后不用找我了 还发了一张安眠药的照片", "police"),  # a goodbye with pills
    ("河滩上趴着一个人 一动不动", "police"),
    ("吃了海鲜以后喉咙肿了 喘不上气", "public_health"),
    ("the school says a man already took him, but none of us picked him up", "police"),  # a child taken
    ("隔壁阿婆在厕所掼了一跤 爬不起来", "public_health"),  # Wu 掼跤, a fall
    ("楼梯口让一排电动车堵死了 人都过不去", "fire"),
    ("塔吊吊着钢筋在人头顶上转 下面没有围挡", "housing"),
    ("楼顶有个小伙子坐在边上哭", "police"),
    ("隔壁女的尖叫了一声就没动静了", "women"),
    ("骑手撞了车 躺在地上一动不动", "public_health"),
    ("楼上女的喊别打我 然后就没声了", "women"),
    ("晒腊肠的那个棚子着了 火苗蹿上房梁了", "fire"),  # a shed on fire beside the curing that is no fire
    ("山上松了的石头滚下来一块 砸在村道中间", "housing"),
    ("唯一能进消防车的那条道让货车堵死了", "fire"),
    ("两个人为停车吵起来 一个抄出根铁棍", "police"),
    ("屋里烤着炭火 我外婆说头昏 刚才吐了", "public_health"),
    ("小孩爬上河堤的护栏在上面走 旁边没大人", "children"),
    ("老楼的外墙在掉砖 下面就是小学门口", "housing"),
    ("切菜切到手 血流不止 止不住", "public_health"),
    ("电梯里关了个快递小哥 按铃没人应", "fire"),
    ("宾馆把唯一的楼梯堆满了床垫 楼上住满了人", "fire"),
    ("公园里一个大爷走着走着就倒了 叫不醒", "public_health"),
    ("路口一个老太太 问她家住在哪 讲不清 天都黑了", "police"),
    ("阿公一早上山砍柴 到现在冇转 手机冇人接", "police"),  # and the older rounds' last misses, in our words
    ("隔壁小孩一直哭着喊不要打我 啪啪响了十几分钟", "children"),
    ("电梯卡在半道了 我妈在里头 按铃没人应", "fire"),
    ("断了的电线耷拉着碰到铁护栏 啪啪闪", "power"),
    ("单元门正上方挂着一米长的冰溜子 孩子们天天进进出出", "housing"),
    ("my dad's lips are turning blue and he can't catch his breath", "public_health"),
    ("闺蜜发微信说她要走了 叫我帮她养狗 现在电话不接", "police"),
    ("老大爷穿着睡衣拖鞋在小区外面转悠 问他住哪说不上来", "police"),
    ("外孙女放学没到家 老师说早就走了 电话手表打不通", "police"),  # the tenth round's (Nantong to Yinchuan)
    ("自行车棚顶让雪压得往下塌 下面还有人在推车", "housing"),
    ("我妈卡电梯里了 按钮一直闪 在里面拍门", "fire"),
    ("他又喝醉了 把他媳妇往墙上撞 孩子在哭", "women"),
    ("我爸有点糊涂 早上说去公园 到现在都找不着", "police"),
    ("两个摊主吵起来 一个拿着水果刀比划", "police"),
    ("厨房热油烫到手 一大片皮都起来了", "public_health"),
    ("楼里的疏散楼梯让人砌墙隔成了仓库", "fire"),
    ("电梯掉下去一截卡住了 里面有人在喊", "fire"),
    ("在菜市场转身人就没了 我家三岁的娃", "police"),
    ("屋里烧了炭盆 早上敲门不应", "public_health"),
    ("骑车的摔在路边 人趴着不动", "public_health"),
    ("大风把广告牌掀起来了 底下就是公交站", "housing"),
    ("一个小伙子抡铁锹把人头打破了", "police"),
    ("城墙上有个人坐在外沿上一直哭 喊不下来", "police"),  # the eleventh round's (Datong to Tianshui)
    ("我妈吃完饭说头晕 现在说话说不清 半边手动不了", "public_health"),
    ("有人拿着杀鱼刀追着一个小伙子 已经砍中胳膊了", "police"),
    ("奶奶有老年痴呆 趁我洗澡自己开门走了", "police"),
    ("海边滩涂上趴着一个人 泡得发白 不像还有气", "police"),
    ("塔吊吊着的钢管掉下来几根 还有一捆吊在半空晃", "housing"),
    ("fire at the factory next door!! smoke everywhere", "fire"),
    ("溜冰场一个小孩摔了 胳膊扭得变形了", "public_health"),
    ("电线杆上的线头搭在铁栅栏上 旁边一群小孩在玩", "power"),
    ("有没有看到一个穿黄衣服的小女孩 说去同学家 到现在没到", "police"),
    ("几个小孩爬到废弃厂房的房顶上去了 喊都喊不下来", "children"),
    ("饭店门口的煤气罐被撞倒了 阀门断了 气在喷", "gas"),
    ("那栋老木楼整栋往一边歪了 里面还住着人", "housing"),
    ("烧烤摊油锅着火了 烧到雨棚上了", "fire"),
    ("我爸记性不好 上午说去买菜 到现在找不着", "police"),
    ("学校边上那堵老墙歪得厉害 孩子们天天从底下过", "housing"),
    ("沟里躺着个人 身上一层霜 叫了半天不动", "police"),
    ("地下隧道里水都齐腰了 一辆车熄火 人还在车上", "urban_mgmt"),  # the twelfth round's (Kaifeng to Suzhou)
    ("老墙在往下崩 墙下就是奶奶的房间", "housing"),
    ("煤气软管被老鼠咬穿了 满屋都是煤气味", "gas"),
    ("小女孩爬上屋顶抓猫 瓦很滑 站不稳", "children"),
    ("骑电动车摔了 脚都扭反了", "public_health"),
    ("狗在草堆里刨出来一只人手", "police"),
    ("奶奶喝了自己挖的草药 吐得脸发青 人都软了", "public_health"),
    ("两家吵架 一个已经被砍到手了", "police"),
    ("小孩钻进废井的围栏里了 井口盖子是烂的", "children"),
    ("工人被烫到了 一大片皮都起来了", "public_health"),
    ("楼道铁门被人从外面锁了 楼上烟都冒下来了", "fire"),
    ("大家端着水盆往里跑 天都映红了", "fire"),
    ("something is burning next door, black smoke coming out", "fire"),
    ("一个小孩掉进水坑里了 只看得到一只手", "children"),
])
def test_the_44th_and_45th_sessions_emergencies_in_our_words(shipped: Router, text: str, lead: str) -> None:
    """Session 44's sets (Liuzhou to Zhanjiang) in our words: a lift named before it traps, carbon monoxide told by
    its symptoms first, a food poisoning, a bone through the skin, a red glow with a burning smell, black smoke that
    is no curing, a fallen wire in water, a threat to jump, life not worth living in Guizhou words, a woman crying
    stop, gas told by its likeness, a hissing gas pipe (English), an elder not back (English), children at a pond's
    rim, a fire door chained shut; and four the starter's emergency head alone had heard before it learnt to read a
    faint likeness as faint (a child climbed out of a window, a child locked in and beaten, not wanting to live, a
    wall's render loose over a school gate). Then the seventh round's (a house creaking apart, a car and its driver
    in a flooded underpass, a fire blown from a gas hose, a bather silent for an hour, a billboard hanging over a bus
    stop, a robbery with a knife, icicles over a kindergarten, a child who ate poison, a lift that dropped with
    someone in it, a man outside a bridge's railing, a chained fire exit, a body in the grass, a man thrown by a live
    wire) and the eighth's (a loose railing over a crowd, a goodbye with pills, a throat swelling shut, a child taken
    from school by a stranger, a fall told in Wu, a stairwell blocked by e-bikes, a crane swinging steel overhead,
    someone crying on a roof's edge, a scream and then silence). Session 45's round (Urumqi to Haikou): a shed alight
    beside meat curing, a rock fallen on a village road, the one road a fire engine can take blocked, an iron bar
    pulled in a quarrel, a charcoal brazier told by its symptoms, a child walking a dyke's railing, a wall dropping
    bricks over a school gate, a cut that will not stop bleeding, a courier shut in a lift, the only stairs blocked,
    a man who fell while walking, an old woman who cannot say where she lives; and the older rounds' last misses (a
    grandfather not back from the hills, a child crying don't hit me, a lift stuck with someone in it, a wire sparking
    on a railing, icicles over a door children use, blue lips, a goodbye that gives the dog away, an old man in
    slippers who cannot say where he lives); and the tenth round's (a grandchild the school says left long ago, a
    roof sagging under snow over people, a mother stuck in a lift, a wife thrown against a wall, a confused father
    not found since morning, a knife waved in a quarrel, a scald that took the skin, escape stairs walled off, a lift
    that dropped with someone shouting, a child gone in a turn, a brazier and a door nobody answers, a rider lying
    still, a billboard torn up over a bus stop, a head broken with a shovel); and the eleventh round's (someone crying
    on a wall's outer edge, a stroke told by slurred speech and a dead arm, a knife that already cut, a grandmother
    with dementia who let herself out, a body on a mudflat, steel swinging from a crane, an English warehouse fire, a
    child's arm twisted out of shape, a live wire on a fence where children play, a girl not at her friend's, children
    on a derelict roof, a gas cylinder's valve broken off, a wooden house leaning with tenants in it, a wok fire
    reaching an awning, a forgetful father not found since morning, a wall leaning over a school path, a frosted body
    in a gully); and the twelfth round's (a car stalled with its driver in a flooded underpass, a wall crumbling onto
    a bedroom, a gas hose gnawed through, a girl unsteady on a roof, an ankle twisted backwards, a hand dug up by a
    dog, a herbal brew that poisoned, a hand cut in a quarrel, a child inside a broken well's fence, a burn that took
    the skin, a stair door locked from outside with smoke coming down, people running with basins under a red sky, an
    English "something is burning", a child in a flooded pit with only a hand showing)."""
    d = shipped.route(text)
    assert (d.report, d.lead, d.priority) == (True, lead, "emergency"), d


@pytest.mark.parametrize("text", [
    "在看泰剧 女主被她老公打了 气死我了",  # a drama watched
    "刷到个视频 有人困在电梯里 也不知道是哪里的",  # seen on a phone, nobody knows where
    "昨天说的停电已经恢复了",  # over
    "Happy birthday 李阿姨 🎂",  # a greeting in English
    "上门修空调 通下水道 价钱公道 有需要找我",  # an advert
    "面馆新店开张！满30减8 欢迎来尝",
    "刷到快手 重庆那边一个商场着火了 好吓人",  # news of a city away, however sure a model is of the fire
    "朋友圈说有个地方房子塌了 是不是真的",  # somewhere, asked whether it is true
    "我家的狗走失了 黄色柴犬 看到请联系",  # a lost dog's notice
    "急售 两室一厅 南北通透 中介勿扰",
    "Saw on the news a factory fire in 佛山, hope everyone is ok",
    "我孙女在MC里搭的城堡被人炸了 哭得稀里哗啦",  # a game
    "刚才那股烟是楼下熏腊肉 不是着火 莫慌",  # the smoke explained: curing, with the shed-fire words beside it
    "谁看到一条黑色的狗 昨天跑丢了",  # a lost dog
    "今天又落水 记得带伞",  # Cantonese rain, nobody in the water
    "刚打王者被对面围殴 死得好惨",  # a game
    "there's a fire show at the park tonight, go see it",
    "娃娃刷视频看见别处有人跳楼 吓坏了",  # elsewhere
    "我同学说她们小区昨晚着火了 在兰州 还好人没事",  # a friend's estate in another city
])
def test_the_44th_and_45th_sessions_no_ticket(shipped: Router, text: str) -> None:
    """Sessions 44 and 45's non-reports in our words: a drama, a video from nowhere named, a power cut over,
    an English birthday greeting, adverts, a fire in a city away seen on a phone or on the news, a lost dog, a
    castle blown up in a game: none opens a ticket."""
    d = shipped.route(text)
    assert d.report is not True, d


@pytest.mark.parametrize("text", [
    "外卖小哥迷路了 等了一个小时 饿死了",  # a courier who lost his way is a late dinner, no person missing
    "delivery guy 迷路了 还没送到",
    "快递员迷路 打了三个电话",
    "我家烧炭取暖 叫了外卖没人应",  # a stove and an unanswered call, but nobody called at a door
    "隔壁在熏腊肉 一股焦糊味 烟往上冒",  # smoke that is curing
    "墙皮老往下掉 物业也不管",  # render falling, with nothing below it named
    "我老婆说我打牌打得要倾家荡产了",  # cards played, nobody beaten
    "房檐上挂了一排冰溜子 挺好看的",  # icicles with nobody below
    "还以为着火了 原来是隔壁放鞭炮",
    "那家烧烤店生意火得冒烟 排到马路上",  # business so good it smokes
    "我爷爷腿脚不好出不去门 能上门办社保卡吗",  # kept in by his legs, not trapped
    "公交站牌旁边的路牌倒了",  # a sign beside a pole, no pole falling
    "她说要走了 让我帮她照顾猫 明天回来",  # a trip, the cat looked after till she is back
    "the sign on our shop is swinging in the wind lol",
    "我心里一直在冒火 孩子又没考好",  # anger, no flames
    "冷得冒烟 谁出门谁傻",  # cold enough to smoke
    "这火锅香得我都迷糊了",  # dazed by a smell, happily
    "冻死了 风跟刀子似的",  # a wind like knives
    "老鼠把暖气管子的保温棉都咬烂了",  # a heating pipe's lagging, no gas
])
def test_the_44th_and_45th_sessions_words_keep_their_bounds(shipped: Router, text: str) -> None:
    """Sessions 44 and 45's words keep their bounds: none of these is an emergency."""
    assert shipped.route(text).priority != "emergency"


@pytest.mark.parametrize("text", ["新闻上看到我们小区3号楼着火了", "视频里看到咱们小区门口有人晕倒了",
                                  "saw on the news a fire broke out in 3号楼 of our estate"])
def test_news_of_our_own_place_is_never_dropped_as_news_of_elsewhere(shipped: Router, text: str) -> None:
    """A fire or a fall in this very estate seen on the news or in a video is still here: registered, or asked."""
    assert shipped.route(text).report is not False


@pytest.mark.parametrize("text", [
    "my son lost his phone in the park again",  # a thing lost, not a child
    "my daughter lost the key, anyone found one near block 3?",
    "仓库里堆着干柴，还有人在旁边抽烟",  # a hazard the rules name whole: no model raises it to an emergency
])
def test_the_43rd_session_words_keep_their_bounds(shipped: Router, text: str) -> None:
    """Session 43's words keep their bounds: a thing a child lost is no lost child, and a hazard told as it is (dry
    firewood beside smokers) stays below an emergency however a retrained starter scores it."""
    assert shipped.route(text).priority != "emergency"


@pytest.mark.parametrize("text", [
    "辣得我嘴都冒烟了",  # a figure of speech: a mouth, a head, a brain that smokes
    "被老板骂得脑袋直冒烟",
    "火烧眉毛了 谁有胶水借我用下",
    "王者又输了 救命啊 全是坑队友",  # a cry over a game
    "和平精英又被爆头了",
    "我表姐在长沙 说她们那停了两天电",  # kin told of where they are, a place named
    "我朋友话深圳佢哋嗰度停水",
    "杭州那个着火的视频你们看了没",
    "Salaam alaikum neighbours, good evening",  # a greeting
    "Inshallah the weather is better tomorrow",  # English naming nothing: asked, never ticketed
    "救命 这道应用题我也不会",  # a cry over homework
    "孩子没考好 我心里着火",  # a heart on fire, a figure
    "烟花放得 好像整条江都着火一样 真美",  # like a fire, a simile
    "那部悬疑剧最后主角跳楼了",  # a drama watched
    "昨晚电梯关人那事 已经救出来了 人没事",  # over and done
    "太阳晒得我头都冒烟了",  # a head that smokes, a figure
    "王者里又被对面打爆了",  # a game's beating
    "新闻说美国那边暴雪 好多人困在家里",  # a country over there
    "老早以前这条街着过一场大火",  # long ago
    "打王者又连跪了 救命啊",  # a game
    "看包青天 这集又出人命了",  # an episode watched
    "温泉水烫得冒烟 泡得真舒服",  # hot as a figure
    "刚才救护车是接3栋阿婆去复查的 不是出事 大家别慌",  # an alarm called off
])
def test_the_42nd_session_no_ticket(shipped: Router, text: str) -> None:
    """Session 42's non-reports in our words (figures of smoke, a heart on fire, a simile and an idiom of fire, a cry
    over a game or homework, a drama, a rescue over, kin told of their own city, a city's video, a country over there,
    a fire long ago, an Arabic greeting, English naming no matter) open no ticket."""
    assert shipped.route(text).report is not True


@pytest.mark.parametrize(("text", "lead"), [
    ("楼下商铺门口冒烟了", "fire"),  # a shop's doorway is no mouth
    ("我妈在家说闻到煤气味了", "gas"),  # kin at home: here
    ("楼道灯坏了半个月 说了几遍了没人管", "property"),  # a plea beside a matter named is the matter's
    ("水龙头里出不来水 两天了", "water"),  # water that will not come is no one trapped
    ("面馆用的是不是地沟油 吃完嗓子冒火一样", "market"),  # a figure beside a matter named is the matter's
])
def test_the_42nd_session_words_keep_their_bounds(shipped: Router, text: str, lead: str) -> None:
    """What the session's words must not take: smoke at a door, gas smelt by kin at home, a plea with its matter."""
    d = shipped.route(text)
    assert (d.report, d.lead) == (True, lead), d


@pytest.mark.parametrize("text", ["有冇人管下啊 我哋呢度冇人理", "我们这边到底有没有人管 讲了几遍了"])
def test_a_plea_that_names_no_matter_goes_to_the_street_office(shipped: Router, text: str) -> None:
    """'Is anyone in charge here?' with no matter named: asked what it is, and with the street office to dispatch,
    not the inspection office nor a likeness of characters."""
    d = shipped.route(text)
    assert (d.report, d.gate, d.lead) == (None, "vague", "street_office"), d


@pytest.mark.parametrize(("text", "report"), [("电表装在楼外头 抄表的从来不来 每个月估着收", True),
                                              ("今晚活动室狼人杀 来不来", False)])
def test_never_coming_is_no_invitation(shipped: Router, text: str, report: bool) -> None:
    """从来不来 (the meter reader never comes) holds 来不来 but invites nobody: a complaint, where 来不来? invites."""
    assert shipped.route(text).report is report


@pytest.mark.parametrize("text", ["说是免费量血压 结果推销保健品 我爸买了两千块的",  # a free check-up that sold pills
                                  "健身房说充值送私教 现在又说要另外收钱",  # an offer's words, then the charge
                                  "快递不送到小区门口 每件还收一块钱"])
def test_a_complaint_beside_an_offers_words_is_registered(shipped: Router, text: str) -> None:
    """免费, 充值送 and 包邮 are an advert's words, but a resident telling what came of them (推销, 另外收钱, 不送到)
    complains: registered, never dropped as an offer."""
    assert shipped.route(text).report is True


@pytest.mark.parametrize(("text", "lead"), [
    ("a little boy fell through the ice on the pond, someone is lying flat trying to reach him", "children"),
    ("a girl is in the canal by the bridge and she's struggling, please come", "children"),
    ("sparks and smoke coming out of the meter box in the hallway", "fire"),
    ("the storm drain backed up and water is coming in under our front door", "urban_mgmt"),
    ("广告牌叫风刮下来一块 砸在电动车上了 上面还挂着半块", "housing"),
    ("我家老头出门遛弯就莫回来了 他记性不好", "police"),  # Sichuanese 莫, not come back
    ("暴雨 地下车库在进水 好多车还在里面", "urban_mgmt"),
    ("孩子吃果冻呛气管里了 喘不上来", "public_health"),
    ("安全出口的门让人拿铁链子锁上了 楼里还住着几十号人", "fire"),
    ("配电房那边冒黑烟 刚才嘭的一声", "fire"),
    ("工地的坑里 一个工人掉下去了 在底下喊人", "fire"),  # a man fallen in, no child
    ("电梯关起了 我娃在里头 按铃没人应", "fire"),  # Sichuanese: shut in, inside
    ("路口有人在抢一个女的手机 还把她推倒了", "police"),
    ("有个小伙子说要从天桥上往下跳 围了一圈人", "police"),
    ("食堂后厨的煤气罐着了 火苗蹿得老高", "fire"),
    ("电梯卡在三楼 里面两个人 一直在拍门", "fire"),
    ("小区门口有人被砍了 地上好多血", "police"),
    ("a man on the roof of block 2 says he'll jump", "police"),
    ("山坡上的草烧起来了 火往村子这边刮", "fire"),
    ("大风把电线刮断咧 搭在铁门上 娃娃们在跟前", "power"),
    ("楼顶站着个小伙子 嘴里一直说不活咧", "police"),  # Shaanbei 咧
    ("孩子碰翻了热汤 手臂烫掉一层皮", "public_health"),
    ("my neighbour cut her hand on a knife and it won't stop bleeding", "public_health"),
    ("我爸早上去地里 天黑了还莫得回来 电话也打不通", "police"),  # Guizhou 莫得
    ("孩子跑到海边礁石上去了 喊不回来 浪很大", "children"),
    ("楼上独居的大爷好几天没动静 物业开门一看 人没气了", "police"),
    ("屋里烧着煤炉 孩子头晕想吐 是不是炉子的问题", "public_health"),  # the symptoms first, then the stove
    ("电暖气着了 屋里全是烟", "fire"),
    ("两伙人在楼下干仗 手里都拿着家伙", "police"),  # northeastern 干仗, a fight
    ("一帮人围着一个小伙子打 快来", "police"),
    ("几个孩子翻进了废弃的蓄水池 水很深 没有大人", "children"),
    ("有个小孩爬到窗户外面的空调架上了", "children"),
    ("娃娃爬到工地的脚手架上玩 好高", "children"),
    ("路口那滩积水带电 刚才一只猫踩进去抽了一下", "power"),
    ("街上的水越来越高 已经漫进店里了 快来人", "urban_mgmt"),
    ("山洪冲进屋里了 奶奶还在一楼", "urban_mgmt"),
    ("楼道里充电的摩托车爆了 整层都是烟", "fire"),
    ("码头一个工人被钩子划了 血止伓住", "public_health"),  # Min 伓: 不
    ("阿公讲话讲伓清楚 一边手动伓了", "public_health"),
    ("几个小孩在防波堤上看浪 浪都打上来了 没大人", "children"),
    ("隔壁租户好几天木见人了 门口一股臭味", "police"),
    ("俺奶奶早上出门到现在木回来 她记性不好", "police"),  # Henan 木: 没
    ("my daughter never came home from school and there's no sign of her", "police"),
    ("坡上有个人躺起不动 喊他莫反应", "public_health"),  # Sichuanese 躺起, 莫
    ("路边有个大爷倒了 一直没起来", "public_health"),
    ("巴郎子在冰上跑 冰都裂了", "children"),  # Xinjiang 巴郎子, a boy
])
def test_the_46th_sessions_emergencies_in_our_words(shipped: Router, text: str, lead: str) -> None:
    """Session 46's four rounds (Lanzhou to Wuzhishan) in our words: children through ice, in canals and deep tanks,
    on breakwaters, brackets or cranes; sparks, smoke and a bang; floodwater under a door, into a garage, shops or a
    house; a board blown onto a car with more hanging; relatives not back in Sichuanese, Guizhou and Henan words; a
    child choking; exits chained; a worker fallen into a pit (a man, not a child); people shut in lifts; bags snatched,
    people slashed, fights; threats to jump (不活咧, English); skin scalded off, bleeding that will not stop (Min 伓,
    English); a stroke; neighbours found without breath or unseen with a smell; a stove's fumes told by the symptoms
    first; heaters, cylinders and a motorbike alight; a live puddle or wire; a man lying still who does not answer."""
    d = shipped.route(text)
    assert (d.report, d.lead, d.priority) == (True, lead, "emergency"), d


@pytest.mark.parametrize("text", [
    "刷到个视频 说湛江那边一个村被水淹了 大家出门小心",  # a city away seen on a phone
    "【视频】某地一栋楼着火 浓烟滚滚",  # somewhere, in a video
    "Just saw a news clip about a fire in a mall somewhere in the south, so sad, stay safe everyone",
    "Water outage notice: Saturday 8am to 2pm, blocks 4 to 7, please store some water",
    "专业疏通下水道 马桶 地漏 随叫随到 电话138****6621",  # a trade's advert
    "我外婆说她那阵在码头扛包 一天才五毛钱",  # a story of then, Cantonese 嗰阵
    "天冷得手都不好使了 打字都费劲",  # numb hands, nothing wrong
    "修水管的师傅可日能了 一会儿就弄好了",  # praise in Jin words
    "Thanks for sorting out the broken gate last week!",
    "今晚七点活动室开居民大会 每户来一个人",
    "刷到个视频 人家电梯里困了一个多小时 太吓人了",  # someone else's lift, on a phone
    "Saw a video of a bridge collapse in another city, scary",
    "忙死了 忙得脚底板冒火",  # soles on fire: a figure
    "社区活动室礼拜天开伐",  # Wu 伐: a question
    "少儿美术班招生 小班教学 报名从速",  # an advert
    "老早阿拉这里都是农田 现在全是高楼",  # Wu 老早: long ago
    "刷到视频 阿勒泰那边雪把车都埋了",
    "我老公说他加班加得要吐血了",
])
def test_the_46th_sessions_no_ticket(shipped: Router, text: str) -> None:
    """Session 46's non-reports in our words: news or videos of a city away, of somewhere or of someone else's lift
    (English too, however long), an English notice of a planned cut, adverts with a number or 报名从速, stories of then,
    praise and thanks for a repair, a meeting's notice, figures of numb hands, burning soles or coughing blood, a Wu
    question: none opens a ticket."""
    assert shipped.route(text).report is not True


@pytest.mark.parametrize("text", [
    "东门那个又坏了",
    "那个东西又不行了 谁来给瞅瞅",
    "那度又坏咗 几时有人嚟",
    "兀个东西又坏了 有人管没",
    "咯只东西又坏哒",
    "后院那块又那样了 咋整",
    "有人能来瞅一眼吗 就3号楼后头",
    "喂 有人吗 我们楼出问题了",
    "那个又坏了 有人来看一哈不",  # a southwestern 一哈: 一下
    "院子后头那个东西 有人来看看吗",
    "巷子口那儿又弄坏了 有人管么",
    "有人管管伐 讲了好几趟了",
    "涅个东西又不行了 谁来瞭一下",  # Jin 涅个: 那个, 瞭: look
    "葛个物事又坏脱了 阿有人来看看",  # Wu
    "有人吗 来看一下嘛",
    "那个又坏了 来个人看下撒",
    "喂 有冇人管下 真系顶唔顺",  # Cantonese: can't stand it
    "车库那个又不中了 有人来瞅瞅不",  # Henan 不中: not working
    "这块儿又不好使了 谁给瞅一下",  # northeastern 不好使
    "那个东西又整坏了 哪个来看下",  # southwestern 整坏
    "许个又坏了 有侬来看一下无",  # Teochew 许个, Wu and Minnan 侬
    "箇个东西又拐哩 来个人看下",  # Gan 箇个, 拐哩: broken
    "又唔得了 有人来望下吗",  # Cantonese 唔得, Hakka 望
    "成日都系咁 冇人理嘅咩",  # Cantonese: always like this, nobody cares
    "有人来看看吗 就在5号楼后头",  # a place is where, not what
    "门口那玩意儿又坏了 这找谁啊",
    "有没有人 我家那个又不行了",
    "门口那个又搞不成了 来个人瞧一哈",  # southwestern 搞不成, 瞧一哈
    "又是老样子 几时来弄",
])
def test_something_wrong_with_nothing_named_is_vague(shipped: Router, text: str) -> None:
    """A gate, 'over there', a place behind a building or 'our building' is where; 'who will come and look', 'is anyone
    in charge' and dialect placeholders (Jin 兀个, Xiang 咯只, 又那样了) say something is wrong, not what, and so do
    dialect pleas (来看一哈, 有人管管伐, 讲了好几趟) and places (院子后头, 巷子口那儿): asked, and for the street office
    to dispatch, never a likeness of characters to a lift or a lamp."""
    d = shipped.route(text)
    assert (d.report, d.gate, d.lead) == (None, "vague", "street_office"), d


@pytest.mark.parametrize("text", [
    "办事窗口的小姑娘一直在刷手机 叫了几遍都不理",
    "村干部只认熟人 我家的低保材料压了半年",
    "居委会主任经常不在办公室 去了三趟都找不着",
    "街道办的干部上班时间在办公室打牌",
    "村干部把救济粮都给了自己亲戚",
    "居委会的工作人员态度很差 把我赶出来了",
    "网格员收了表就没下文 问一句还嫌烦",
])
def test_officials_conduct_goes_to_the_inspection_office(shipped: Router, text: str) -> None:
    """An official on a phone at the window or at cards in working hours, favouring acquaintances or kin, never in
    the office, rude, or finding a question a bother: a complaint of conduct (作风), the inspection office's as the
    rulebook's choice says, not the service's own office."""
    d = shipped.route(text)
    assert (d.report, d.lead) == (True, "district_office"), d


@pytest.mark.parametrize(("text", "lead"), [
    ("单位分的房 房本等了八年也没下来", "housing"),
    ("干了一年 合同一直不签 老板说明天不用来了", "hrss"),
    ("有人冒充社区加我微信 让交手续费 我转过去了", "police"),
    ("招聘说包住 到了先让交两千押金 干了一周就把人撵了", "hrss"),
    ("饭店招服务员只要男的 女的简历都不收", "women"),
    ("导游说原价五千打折一千 回去一查是假的", "market"),
    ("一到晚上就跳闸 电工来了两回也没整明白", "power"),
    ("消防栓里没水 上次演练才发现 到现在都没整", "fire"),
    ("规定八点以后才能装修的好伐 七点就开始电钻了", "property"),
])
def test_the_46th_sessions_reports_are_never_dropped(shipped: Router, text: str, lead: str) -> None:
    """A deed never issued (单位分的房 is no game's 上分), a worker told not to come back (明天不用来了 is no matter
    done), a scam or a job advert's deposit or men only told (加微信, 招聘 beside 冒充, 手续费, 押金), a discount that
    was a fake, an electrician who could not find the fault (来了 is no thanks), a hydrant found dry at a drill and
    still not seen to, a complaint that ends 好伐: registered, with its matter's handler."""
    d = shipped.route(text)
    assert (d.report, d.lead) == (True, lead), d



@pytest.mark.parametrize(("text", "not_this"), [("他们俩吵架 一个说你出去了就莫回来了", "missing_person"),  # a quarrel
                                              ("一个人的手机掉下去了 卡在缝里", "people_trapped"),  # a phone fallen
                                              ("老人的钥匙掉进去了 够不着", "people_trapped")])
def test_the_46th_session_words_keep_their_bounds(shipped: Router, text: str, not_this: str) -> None:
    """Session 46's words keep their bounds: a quarrel's 'don't come back' is no one missing, a phone or keys fallen
    are no one fallen in, nor an emergency the model hears in 掉下去 (a phone stuck in a gap scored 0.68)."""
    d = shipped.route(text)
    assert d.category != not_this and (not_this != "people_trapped" or d.priority != "emergency"), d


@pytest.mark.parametrize(("text", "not_this"), [("养老院的护工态度很差 老人说慢点就不耐烦", "district_office"),
                                              ("工地有个工人从脚手架上摔下来了 腿在流血", "housing")])
def test_the_46th_session_second_rounds_words_keep_their_bounds(shipped: Router, text: str, not_this: str) -> None:
    """A care worker's manner is the service's matter, not an official's conduct; a worker hurt in a fall is an
    injury for the health committee, as our chat file has it, not a collapse."""
    assert shipped.route(text).lead != not_this


def test_a_traffic_jam_that_keeps_people_in_is_no_one_trapped(shipped: Router) -> None:
    """出不去 in a jam of tour coaches is a traffic matter, no one trapped (Min 伓 now reads as 不 and found it)."""
    assert shipped.route("景区大巴堵成一条龙 我们出不去").priority != "emergency"


@pytest.mark.parametrize(("text", "lead"), [
    ("有个老头掉进河里了 在水里扑腾", "fire"),  # a man in the river, no child
    ("someone just fell into the lake by the pavilion and is struggling", "fire"),
    ("a kid slipped off the jetty and can't get back out of the water", "children"),
    ("楼道里有烟 呛得睁不开眼", "fire"),
    ("工厂那边轰的一声 火光冲天 现在还在烧", "fire"),
    ("楼上好臭 一个礼拜没看见那个老伯了 敲门没人应", "police"),
    ("孩子把奶奶的降压药吃了一板 现在一直犯困", "public_health"),
    ("爷爷在厕所摔倒了 叫不起来", "public_health"),
    ("我姐说活着没意思 把自己锁在房间里不出来", "police"),  # a threat to her life, not a door locked
    ("火！火！二楼 快来人", "fire"),
    ("后院的仓房着了 里头还放着油桶", "fire"),  # an outbuilding alight
    ("火烛啊 二巷 快啲嚟", "fire"),  # Cantonese 火烛: fire
    ("真的着火了 不是开玩笑 三楼冒黑烟", "fire"),
    ("there's a guy lying by the bus stop bleeding from his head", "public_health"),
    ("他高原反应很严重 一直咳粉红色泡沫", "public_health"),
    ("一家人烤炭火 都头晕在吐 老人叫不醒", "public_health"),
    ("楼上臭了一个礼拜 敲门没人应 怕是走了在里头", "police"),
    ("天台上有个男仔企喺边度 话要跳落去", "police"),
    ("楼顶有人站在边上 一直往下看 叫他也不理", "police"),
    ("佢揸住把菜刀话要劏死我 我锁咗喺房度", "police"),
    ("仓库的铁闸锁死了 里面十几个工人出不来", "fire"),
    ("暴雨 水往店里灌 货都泡了", "urban_mgmt"),
    ("我爸又喝多了在打我妈 快来人 我拉不住", "women"),
    ("谢谢师傅修好了灯。还有，地下室那边在冒烟！", "fire"),  # thanks, then a fire
    ("谢谢修好水管 另外楼下有两个人拿着刀打起来了", "police"),  # a thank-you that turns to a fight
    ("多谢修好路灯 另外楼梯口个电箱啪啪响冒火星", "power"),
    ("地陷了 停车场塌下去一块 有辆车掉进去了", "housing"),
    ("孙子把洗洁精喝了 一直在吐", "public_health"),
    ("吃完烧烤一家人上吐下泻 孩子抽筋了", "public_health"),
    ("隔壁阿婆家冒浓烟 门锁着 人在里面", "fire"),
])
def test_the_47th_sessions_emergencies_in_our_words(shipped: Router, text: str, lead: str) -> None:
    """Session 47's three rounds (Yinchuan to Xining) in our words: people fallen into a river or a lake (a man: a
    rescue; a child: the children's office, as our chat file has it), smoke in a corridor, a bang and a fire still
    burning, outbuildings and homes alight (a Cantonese 火烛, a fire sworn no joke), neighbours unseen with a smell,
    children who swallowed pills or detergent, food poisoning with cramps, pink froth at altitude, a family dizzy by a
    stove, falls with no rousing, threats to one's life (behind a locked door, at a roof's edge, in Cantonese), knives
    and threats to kill, workers locked in, rain into a shop, a father beating a mother now, ground that swallows a car,
    and an emergency told after a thank-you that turns (还有，, 另外)."""
    d = shipped.route(text)
    assert (d.report, d.lead, d.priority) == (True, lead, "emergency"), d


@pytest.mark.parametrize("text", [
    "看比赛看得我脑瓜子冒烟 又输了",  # a figure of speech
    "Привет всем! Спасибо",  # a greeting in another script: no model of Chinese judges it
    "解放前我家就住这条巷子 那辰光一个院住十几户",  # Wu 那辰光: back then
    "奶奶讲旧时村里着过一场大火 全村人挑水救",  # long ago
    "这个月的电费单出来了么",
    "有没有人晓得社区医院打疫苗在几楼",
    "采菌子的季节到了 见手青一定要炒熟再吃",  # advice, no one poisoned
    "笑煞 我烧的鱼糊得像火灾现场",  # Wu 笑煞, and a cook's mess
    "社区卫生站礼拜日开门否",  # Wenzhou 否: a question
])
def test_the_47th_sessions_no_ticket(shipped: Router, text: str) -> None:
    """Session 47's non-reports in our words: figures (脑瓜子冒烟, 像火灾现场), a greeting in Cyrillic, stories of
    then (解放前, 那辰光, 旧时: no emergency head may raise them), Wu laughter (笑煞), questions (出来了么,
    有没有人晓得…几楼, 开门否), advice on mushrooms: no ticket and no emergency."""
    d = shipped.route(text)
    assert d.report is not True and d.priority != "emergency", d


@pytest.mark.parametrize("text", [
    "嬲到我想爆炸 部手机又死机",  # Cantonese 嬲: angry, a figure
    "老板话再唔出货佢就爆炸",
    "我记得八几年那次大水 水淹到二楼 后来修了大堤",
    "老人说很早以前这条河发过大水",
    "机场打车过来大概多少钱",
    "这个月的菜篮子补贴领了没",
    "[视频] 南方又淹了 咱这儿可没这事",
    "上回那栋楼的小火 后来查清楚是小孩玩打火机 大家看着点自家孩子",
])
def test_the_47th_sessions_figures_stories_and_questions_open_no_ticket(shipped: Router, text: str) -> None:
    """Figures in Cantonese (嬲到我想爆炸, 佢就爆炸), floods remembered (记得八几年, 很早以前), questions of fares and
    allowances, a video of the south with 'not here', a small fire of last time explained with a word to parents:
    no ticket (a flood remembered is asked about, with the hotline, as every story of an emergency's words is)."""
    assert shipped.route(text).report is not True


@pytest.mark.parametrize(("text", "lead"), [
    ("社区干部就会拍照留痕 问题一样没解决", "district_office"),  # formalism (形式主义)
    ("上面来检查了才打扫一下 平时根本没人管", "district_office"),
    ("街道办窗口那个人说话太难听了 问两句就凶", "district_office"),
    ("村干部收了人家的烟酒 那个违建就不查了", "district_office"),
    ("镇上的干部不给好处不给办事", "district_office"),
    ("诊所给孩子打针 胳膊肿了一大块 诊所说不关他们事", "health"),  # a clinic's harm denied: a medical dispute
    ("兄弟俩为了老房子天天吵 谁来劝劝", "mediation"),
    ("学校教室的暖气不热 孩子上课直哆嗦", "education"),  # the school's matter, not the heating company's
    ("公交站旁边那个井盖松了 车一压就响", "urban_mgmt"),  # the bus stop is where
    ("Our power goes off every night around 9, the whole block", "power"),
    ("The basketball hoop on the court is hanging off the backboard", "property"),
    ("Someone claiming to be from the bank called and asked for my SMS code", "police"),
    ("The people upstairs play loud music every night till 2", "environment"),
    # (a school's teachers: "our teachers", said by a teacher of a training school, is the labour bureau's, as our own
    # chat file labels it, and a model that reads English hears that too)
    ("Our school's teachers haven't been paid for two months", "education"),
    ("My employer keeps saying he won't sign a contract with me", "hrss"),
])
def test_the_47th_sessions_reports_go_to_their_handler(shipped: Router, text: str, lead: str) -> None:
    """Officials' formalism (拍照留痕, 检查了才扫), rude words, gifts taken or asked for; a clinic that denies an
    injection's harm; brothers at odds; a cold classroom; a manhole by a bus stop; English power cuts, a hoop, a bank's
    caller asking for a code, loud music, teachers unpaid, an employer with no contract: registered with their
    handler."""
    d = shipped.route(text)
    assert (d.report, d.lead) == (True, lead), d


@pytest.mark.parametrize(("text", "lead"), [
    ("供暖的事从十月反映到现在 社区推给热力 热力又推回社区", "district_office"),  # offices passing it round
    ("欠薪的事劳动监察让找镇里 镇里让找法院 转了一圈半年了", "district_office"),
    # a certificate sent from one office to the other and back is passed round and round: the inspection office's, as
    # handlers.md says and most writers label it (session 58; our own file's eight such rows were relabelled)
    ("开个居住证明 社区说找派出所 派出所说找社区", "district_office"),
    ("诊所打吊瓶把手背打肿了 诊所说跟他们没关系", "health"),
    ("小诊所给我打针 屁股化脓了", "health"),
    ("公园的柳树被人砍了好几棵 说要修停车场", "urban_mgmt"),  # trees cut: no violence
    ("有人在河边烧塑料边角料 黑烟滚滚 熏得睁不开眼", "ecology"),  # burning waste: pollution
    ("有人在林子边上乱埋坟 还在那烧纸", "civil_affairs"),
    ("宽带三天两头断 客服就会说已登记", "market"),
    ("健身房年卡刚办 老板卷铺盖跑了", "market"),
    ("The landlord put 8 beds in one room and rents them by the night", "public_security"),
    ("Power's been going out every evening this week", "power"),
    ("Water coming out of the tap is brownish", "water"),
    ("My landlord won't return my deposit, says the wall was dirty", "mediation"),
])
def test_the_47th_sessions_matters_go_to_their_handler_with_no_alarm(shipped: Router, text: str, lead: str) -> None:
    """Offices passing a matter round for months (推给…又推回, 让找…让找) go to the inspection office, but a
    certificate's run-around stays the street office's, as our chat file has it; a clinic's harm is a medical dispute;
    trees cut are no violence; waste burnt is pollution and paper burnt at graves a funeral matter, no fire; a
    complaint of 'registered' (已登记) and an owner run off (卷铺盖跑了) are registered; English group rental, power
    cuts, brown water, a deposit kept: registered, with their handler, and no emergency."""
    d = shipped.route(text)
    assert (d.report, d.lead) == (True, lead) and d.priority != "emergency", d


@pytest.mark.parametrize(("text", "lead"), [
    ("谢谢上次修好水管 另外单元门关不牢了 谁都能进来", "property"),  # thanks, then a door that will not shut
    ("Mosquitoes are terrible by the pond, is anyone going to spray?", "public_health"),  # asks for work
    ("招工的说包吃包住 去了才知道要先交两千押金", "hrss"),  # a job advert's words, then the deposit
    ("招聘的时候说月薪五千 进去以后只发了三千", "hrss"),
    ("养老金认证 人在这边 老家那边非让回去认证", "hrss"),  # the paper is here's matter, not news of there
    ("去年投诉的违建还在 系统里显示已办结 办结个鬼", "district_office"),
    ("I reported the broken lights and got a text saying 'resolved', nothing has changed", "district_office"),
    ("Square dancing music starts at 6am every day", "environment"),
    ("Water seeps under the balcony door whenever it rains", "property"),
    ("The shop charges more at the till than the price on the shelf", "market"),
    ("羊肉又涨价了 几家一起涨 是不是商量好的", "market"),  # 商量好的 is no 好的
])
def test_the_47th_sessions_reports_are_never_dropped(shipped: Router, text: str, lead: str) -> None:
    """A thank-you that goes on to a door that will not shut (关不牢), an English 'is anyone going to spray?' (asking
    for work, no invitation), a job advert's promise broken (去了才知道, 进去以后), a pension check the home province
    wants done there, a complaint 'closed' that was not (已办结, English 'resolved'), English square-dance music,
    seepage and till prices, a price rise 'agreed among them' (商量好的 is no acknowledgement): registered or asked
    about, never dropped, with their handler."""
    d = shipped.route(text)
    assert d.report is not False and d.lead == lead, d


@pytest.mark.parametrize(("text", "emergency"), [
    ("油烟机着火了 快来", True),  # the kitchen's smoke words keep a fire a fire
    ("灵棚那边烧纸把帐篷点着了 火很大", True),
    ("燃气灶火苗子窜起来 着火了", True),
    ("隔壁小孩整天没大人管 刚才爬到窗台上了", True),
    ("楼下烤串的油烟往上冒 家里全是味", False),  # smoke of cooking
    ("办白事的在空地上烧纸 烧了三天了", False),  # paper burnt at a funeral
    ("冬天燃气火苗子小得很 饭都煮不熟", False),  # a weak flame: supply
    ("隔壁小孩整天没大人管 饿了就来我家要吃的", False),  # neglect, no danger now
    ("我家猫把自己关柜子里了 叫了半天", False),  # a cat, no person
    ("楼道堆满纸箱 就怕烧起来", False),  # feared
])
def test_the_47th_sessions_words_keep_their_bounds(shipped: Router, text: str, emergency: bool) -> None:
    """Session 47's words keep their bounds: cooking smoke, paper burnt at a funeral, a gas stove's weak flame, a child
    left alone day after day, a cat shut in a cupboard, a fire feared are no emergencies, but the same words beside a
    fire or a child on a sill still are."""
    assert (shipped.route(text).priority == "emergency") is emergency



@pytest.mark.parametrize(("text", "lead"), [
    ("有个人要跳江 就在大桥上 劝不下来", "police"),
    ("菜市场有个老人家昏过克了", "public_health"),  # Guiyang 克: 去
    ("吃完寿宴一桌人都在呕 有个阿婆晕倒了", "public_health"),
    ("对面楼小孩爬到空调外机上去了 家里没人", "children"),
    ("隔壁孩子哭得好惨 大人还在打", "children"),
    ("电梯卡牢了 阿拉爷爷勒里面", "fire"),  # Wu 卡牢: stuck, 勒: 在
    ("救命 电梯停了 我在里面 3号楼", "fire"),
    ("台风天 楼顶那块铁皮随时跌落街", "housing"),  # Cantonese 跌落: fall down
    ("外墙瓷砖一块一块掉下来 下面是幼儿园门口", "housing"),
    ("后门走火门被锁住了 楼道里全是纸箱", "fire"),
    ("The toddler next door is alone on the balcony crying, the door is locked", "children"),
    ("男人拿着刀追着他老婆 快来", "women"),  # a knife at a wife: domestic violence, as the blind writers have it
    ("菜市场有人抢手机 还把人打了", "police"),  # not the market's
    ("夜市那边打成一片了 好多人流血", "police"),  # a brawl with blood, not only an injury
    ("车里锁着个小孩 太阳底下 车主找不到", "children"),  # the car's owner is not a missing person
    ("桥上有人跳下去了", "police"),
    ("喝醉的拿着酒瓶追人 在小区门口", "police"),
    ("孩子掉进小区后面的水坑里了 快", "children"),
    ("小孩站在窗台上踩着椅子往外探", "children"),
    ("老头拿衣架抽孩子 孩子哭得不行", "children"),
    ("工厂那边轰的一声 冒黑烟了", "fire"),  # a blast and smoke
    ("My son got lost at the mall near the station", "police"),
    ("他喝醉了拿着菜刀 我跟孩子躲在卧室", "women"),
    ("隔壁男的在踢门 他老婆在里面哭喊", "women"),
    ("刚才又晃了一下 墙裂了个大口子 大家都跑楼下来了", "housing"),  # an aftershock
    ("塔吊被风吹得直晃 好像要倒", "housing"),
    ("楼下烧烤摊的桌子现在摆满了消防通道 前两天救护车来了都进不来", "fire"),  # blocked now, and it happened
    ("楼顶有个小伙子坐在边上一直哭", "police"),
    ("我家老爷子有点痴呆 早上出去到现在还没回来", "police"),
    ("隔壁工作室在冒黑烟 门关着", "fire"),
    ("楼上好臭 好几天没见过那个独居老头了", "police"),
    ("My 5 year old is missing at the park, red jacket", "police"),
    ("工地的脚手架倒了 压住两个工人", "housing"),
    ("孩子站在那座烂木桥上 桥断了一半", "children"),
    ("几个学生吃了食堂的饭 又吐又拉 有个已经软了", "public_health"),
    ("老墙开始倒了 砖一块块往下掉", "housing"),
    ("KTV的安全门被锁起来了 里面有烟", "fire"),
    ("电梯关侬 阿嬷在里面", "fire"),  # Minnan 关侬: 关人
    ("小孩一个人跑到海边 浪很大 没看到大人", "children"),
    ("吃了海鲜全身起疹 喘不过气", "public_health"),
    ("The gas cylinder in the kitchen downstairs is hissing", "gas"),
    ("他又喝醉了 拿刀追我 我躲在邻居家", "women"),  # a husband's drunken knife: domestic violence
    ("前夫在门口踹门 说今天要弄死我", "women"),
    ("有人摸了楼道的铁门 给电了 倒在地上", "power"),  # northern 给电了: shocked
    ("隔壁老头好几天没出门 门口有臭味", "police"),
    ("七楼有人在喊救命 好像有烟", "fire"),
    ("切菜的时候手被菜刀切到了 血一直喷", "public_health"),  # a kitchen knife's cut: an injury, not violence
])
def test_the_48th_sessions_emergencies_in_our_words(shipped: Router, text: str, lead: str) -> None:
    """Session 48's round (Guiyang to Kashgar) in our words: someone about to jump from a bridge, a fainting in
    Guiyang's 昏过克, a banquet table vomiting, a child on an air conditioner's outdoor unit, a child beaten and
    crying now, a lift stuck with someone inside (in Wu, and with only 救命 and 在里面), sheet metal or tiles about to
    fall on a street, a fire door locked, a toddler alone on a locked balcony, a husband with a knife at his wife, a
    snatch with a blow, a brawl with blood, a child locked in a car whose owner cannot be found; and from the
    twenty-first round (Luoyang to Haikou): someone who jumped, a drunk chasing people with a bottle, a child in a
    pit of water or reaching out of a window from a chair, a child whipped with a hanger, a blast with black smoke, an
    English child lost, a drunk husband with a kitchen knife or kicking at a door his wife cries behind, an
    aftershock that cracked a wall, a crane about to fall, a fire lane blocked now (a 'the ambulance could not get
    in' of two days ago is no what-if), a young man crying on a roof's edge; and from the twenty-second (Nantong to
    Xiamen): an old man with dementia not back, black smoke from a workshop, a smell and a lone neighbour unseen, an
    English child missing, scaffolding fallen on workers, a child on a half-broken bridge, pupils poisoned with one
    gone limp, a wall starting to fall, a locked exit with smoke, a lift that shut someone in (Minnan 关侬), a child
    alone by big waves, an allergy with no breath, a hissing cylinder, a drunk husband's knife or an ex-husband's
    threat at the door, a shock from an iron door (给电了), a neighbour unseen for
    days with a smell, a cry for help with smoke, a hand cut by a kitchen knife and bleeding (no violence):
    registered at once as emergencies, with the handler who must come."""
    d = shipped.route(text)
    assert (d.report, d.lead, d.priority) == (True, lead, "emergency"), d


@pytest.mark.parametrize("text", [
    "看到视频 云南那边有个仓库着火了 好吓人",  # a video of somewhere else
    "视频：外省一个菜市场煤气爆炸",
    "Thanks to whoever cleared the ice off the steps this morning!",
    "阿有人礼拜六一道去蠡园白相",  # Wu: an invitation
    "谁有社区食堂的时间表",  # a question
    "我爸说他细个喺乡下 台风来之前全村都去祠堂避",  # Cantonese 细个: when he was small
    "My friend said the curry would set my mouth on fire",
    "这段视频是哪里的 水都淹到二楼了",  # a video asked about
    "社区卫生站礼拜天开门冒",  # Changde 冒: 吗
    "闷得人喘不上气 这雨什么时候下",  # the weather, no one choking
    "Saw the video of that warehouse fire, scary",
    "看下这条视频 外地有栋楼着火了",
    "我后生在船上做工 有次遇到台风 想返都惊",  # a story of one's youth
    "这张老照片是五十年代的码头",
    "明天去古镇 有没车顺路",  # a lift asked for
    "谁的钥匙掉在门口 交给保安了",  # a key found
])
def test_the_48th_sessions_no_ticket(shipped: Router, text: str) -> None:
    """Session 48's non-reports in our words: videos of a fire or a blast elsewhere (看到视频, 视频：), an English
    thank-you for ice cleared, a Wu invitation (一道去白相), a question for a timetable, a childhood remembered (细个),
    a mouth 'on fire' from curry, a video of a flood asked about, a Changde question (开门冒), sultry weather that
    leaves one breathless, a story of one's youth at sea, an old photograph, a lift asked for, a key handed to the
    guard: no ticket."""
    d = shipped.route(text)
    assert d.report is not True, d


@pytest.mark.parametrize(("text", "lead"), [
    ("网约车拼车还收全价 司机说不拼不走", "transport"),  # a shared ride complained of, no offer
    ("谢谢社区送的米，就是我们楼暖气到现在也没来", "housing"),  # thanks, but still no heating
    ("菜场打折的牛肉 买回去一闻都有味了", "market"),  # a discount complained of
    ("屋里冷得跟冰窖似的 晚上孩子冻醒", "housing"),
    ("社区那个办事员说话太冲 问两句就让自己上网查", "district_office"),
    ("网格员收了人家两瓶酒 就不管那个违建了", "district_office"),
    ("网格员从来没上过门 有事找不到人", "district_office"),
    ("区里转街道 街道转社区 转了半年没人管", "district_office"),
    ("反映了五次了 每次都说登记了 一直没人来", "district_office"),
    ("路灯的事反映了三回 每回都说记下了 到现在还是黑的", "district_office"),
    ("环保说找城管 城管说找环保 排污的事踢了一年", "district_office"),  # each sends it to the other
    ("听说有干部收了人家的钱帮人插队批廉租房", "district_office"),
    ("有人打电话说是我儿子在外地出事了 让赶紧汇钱", "police"),  # a scam here, whoever claims to be away
    ("老板欠了我三个月工钱 说等外地那边的货款到了再给", "hrss"),  # wages owed here, money expected from there
    ("谢谢物业上次修了灯，但这回楼道那盏又不亮了", "property"),  # thanks, but (但) again
])
def test_the_48th_sessions_reports_are_never_dropped(shipped: Router, text: str, lead: str) -> None:
    """A shared taxi ride charged in full, a thank-you that goes on to heating still not on (就是…到现在也没来), a
    discounted joint that smells, a home cold as an ice cellar, officials rude, taking gifts, never calling, passing a
    matter from district to street to community, or saying 'registered' five times, a scam call from 'away', wages
    owed until money comes from elsewhere, a thank-you that turns (但) to something wrong again, 'noted' said every
    time, two offices each sending a matter to the other, money taken to jump a queue: registered or asked about,
    never dropped, with their handler."""
    d = shipped.route(text)
    assert d.report is not False and d.lead == lead, d


@pytest.mark.parametrize(("text", "lead"), [
    ("垃圾桶满了 臭得要死 好几天没人收", "property"),  # 臭得要死 好几天: a figure, then days, no one dead
    ("包工头拿了钱人跑了 我们的工资都没给", "hrss"),  # a boss gone with the wages is no missing person
    ("老师上课打孩子的头", "education"),  # a teacher's conduct, the school's matter
    ("对门小孩每天被关在门外 哭到半夜", "children"),  # day after day: the children's office, not a rescue now
    ("The lift stopped between floors again, nobody inside this time", "property"),
    ("天然气没了 打火打不着", "gas"),  # a stove that will not light: no spark
    ("烧烤店炭火的烟一直往楼上窜", "environment"),  # barbecue smoke, no fire
    ("我表姐成天被她老公打 不敢报警 怎么帮她", "women"),  # long suffered, help asked: no alarm now
    ("卫健说找医保 医保说找卫健 补贴到现在没着落", "district_office"),  # each office sends to the other
    ("上班时间办公室几个人在斗地主", "district_office"),
    ("一套两居室住了二十多个人 天天半夜吵", "public_security"),  # group rental
    ("收了五块钱 墙上明明写的两块", "market"),
    ("卫生间顶上摸着湿乎乎的 还鼓起来个包", "property"),  # a leak from above
    ("台风后一棵大树倒在路中间 车过不去", "urban_mgmt"),  # a tree 倒在 the road is no one collapsed
    ("I bought a heater at a shop and it sparks every time I plug it in, they won't refund", "market"),
    ("楼上渗水 我家顶棚一块一块往下掉皮", "property"),  # plaster a leak brought down: no collapse
    ("老年食堂十块一顿 现在涨成十五了", "welfare"),  # 在涨 of a price is no water rising
])
def test_the_48th_sessions_matters_go_to_their_handler_with_no_alarm(shipped: Router, text: str, lead: str) -> None:
    """Words that sounded an alarm and were none: 'it stinks to death' before 'for days' (no one found dead), a
    contractor gone with the wages (no missing person), a teacher hitting a pupil (the school's matter), a child shut
    out every night (the children's office's, no rescue now), a lift stopped with no one inside, a stove that will not
    light, barbecue smoke, violence long suffered with help asked, offices sending a matter to each other, cards in
    working hours, twenty in a flat, a price above the one on the wall, a damp bulge in a ceiling, a tree fallen across
    a road, a heater that sparks (a refund refused), plaster a leak brings down, a canteen's price rise (在涨):
    registered with their handler, no emergency."""
    d = shipped.route(text)
    assert (d.report, d.lead) == (True, lead) and d.priority != "emergency", d


@pytest.mark.parametrize(("text", "lead"), [
    ("Someone chained up the fire exit on our floor, we can't get out that way", "fire"),
    ("单元门被人用木条钉死了 后门也锁着 整栋楼就剩一个门能走", "fire"),
    ("煤炉子没封好 一家三口早上起来迷迷糊糊的 老人直吐", "public_health"),  # fumes from a coal stove
    ("孙子把一颗纽扣电池吞下去了", "public_health"),
    ("河堤上有个姑娘坐了老半天 一直往河里看", "police"),
    ("柴房里发现一个人 都硬了", "police"),
    ("楼下那屋一股怪味 一个礼拜没见那老太太了 敲门也没动静", "police"),
    ("风把电线刮断了 电线耷拉到积水里了", "power"),
    ("有人在菜场门口抢老太太的金项链", "police"),
    ("大风刮倒的树压住一辆车 车里还有人", "fire"),
    ("河面上漂着一个侬 一动不动", "police"),  # Minnan and Wu 侬: someone
    ("家里火塘没人看 板壁烧黑了 烟往楼上窜", "fire"),
    ("谢谢物业上礼拜通了下水道 不过现在楼梯间冒烟了 不知道谁在烧东西", "fire"),  # thanks, then a turn to now
    ("有个老大爷在冰上趴着 喊他也没反应", "public_health"),
    ("楼下有人在喊 说门打不开 屋里有烟", "fire"),  # a cry behind a door with smoke: a fire, no beating
    ("两伙人在烧烤摊打起来了 有人躺地上流血", "police"),  # a brawl with a man down: the police lead
    ("我弟被骗到柬埔寨的园区 天天挨打 要交钱才放人", "police"),  # held abroad: no one trapped for the firemen
    ("小孩爬到小区的水塔上 下不来了 一直在哭", "children"),
    ("对门老太太三天没开门了 敲门也没人应", "police"),
    ("孩子喝了一口洁厕灵 一直在吐", "public_health"),
    ("柴房里有个人 硬了", "police"),
    ("A little girl is on the frozen pond and the ice is cracking", "children"),
    ("雪化了 水全灌进地下室了 住地下室的几户东西全泡了", "urban_mgmt"),
    ("楼上老头开了气没点着就出门了 楼道里气味好大", "gas"),
    ("The toddler upstairs is standing on the AC unit outside the window", "children"),
    ("我爸一个人住 打了一天电话都没人接 前天说胸口痛", "public_health"),
    ("隔壁两口子一直吵 刚才听到咣咣的声音 孩子在哭", "women"),
    ("台风把路边的大树刮倒了 压着一根电线", "power"),
    ("Smoke alarm is beeping on the 5th floor and there's a smell of burning", "fire"),
    ("她老公喝醉了拿皮带抽她 孩子在边上哭", "women"),  # a wife beaten: domestic violence
    ("河里有人在扑腾 好像腿抽筋了", "fire"),
    ("俩孩子自己在家 屋里冒烟了", "fire"),  # smoke where children are alone: the firemen's rescue
    ("地下通道旁边躺了个人 摸着冰凉 好像没气了", "police"),
    ("Bricks just fell off the outer wall of our block", "housing"),
    ("一个女孩被两个人拖上一辆面包车 在喊救命", "police"),
    ("单元门让电动车和杂物堵死了 只能侧身挤过去", "fire"),  # the one way out blocked
    ("He's dragging his wife down the stairs and kicking her", "women"),
    ("电梯关起三个人 按铃也没人应", "fire"),  # southwestern 关起: shut in
    ("电梯里有个娃自己困在里头了 一直在哭", "fire"),
    ("我家那口子喝醉了又动手了 快来人", "women"),
])
def test_the_49th_sessions_emergencies_in_our_words(shipped: Router, text: str, lead: str) -> None:
    """Session 49's rounds (Shuozhou to Yiwu, Anqing to Longgang) in our words: an English fire exit chained, a door
    nailed shut with one way out left, coal-stove fumes, a swallowed button battery, someone sitting long on a river
    bank looking down, a body found stiff, a smell and a neighbour unseen behind a silent door, a wire down in water,
    a snatch happening, a car pinned by a tree with someone inside, a body floating (Minnan 侬), smoke rising from a
    fire pit left alone, a thank-you that turns (不过) to smoke now, someone lying on the ice not answering, a cry
    behind a door with smoke, a brawl with a man down, a relative held and beaten in a scam compound abroad, a child
    up a water tower; an old woman behind a door unanswered for days, a child who drank toilet cleaner, a body stiff
    in a shed, English children on cracking ice or an AC unit, meltwater into a lived-in basement, gas left on unlit,
    a father alone not answering with chest pain, bangs and a child crying in a quarrelling home, a tree fallen on a
    wire, an English smoke alarm with a burning smell, a husband's belt, a swimmer struggling, smoke where children
    are alone, a body cold in an underpass, English bricks off a wall, a girl dragged into a van: registered at once
    as emergencies, with the handler who must come."""
    d = shipped.route(text)
    assert (d.report, d.lead, d.priority) == (True, lead, "emergency"), d


@pytest.mark.parametrize("text", [
    "大家千万别点那种兼职刷单的链接 都是骗人的",  # a warning to all, no loss told
    "今天爬山爬了三万步 腿都快断了",
    "气到我头壳冒烟 麻将又输了",  # Teochew 头壳: head
    "这个客户砍价砍得我要吐血",
    "It's so hot my feet are on fire lol",
    "The heating is back to normal, thanks for sorting it out",
    "☔☔ 又是雨",
    "住了一辈子窑洞 冬暖夏凉 还是窑里好",  # a preference, nothing still wrong
    "周六上午卫生院打疫苗 带好孩子的本子",  # a notice
    "Saw the news about the typhoon in Hainan, stay safe everyone",
    "我表姐在新加坡 讲那边也下大暴雨 路上都是水",  # a place away
    "抖音上那个视频看了没 有辆车冲进河里了",
    "Thank you to whoever put the benches by the pond!",
    "沙尘暴又来了 窗台上全是土",
    "这阵子天天下雨 衣服都晾不干",
    "回南天 地板滑 大家走路小心莫摔",
    "群里能不能发卖土鸡蛋的信息",  # asked about the group's rules, never registered
    "笑死 我家娃说要离家出走 走到楼下买了根冰棍就回来了",  # back at once: no one missing
    "那个着火的视频不是我们这的 别乱传",  # a rumour put down
    "火锅辣得我汗都冒烟了",
    "我们年轻那阵在矿上 遇到过冒顶 后来都救出来了",  # a story of one's youth
    "哪个晓得图书馆礼拜天开门冇",  # a question, asked before registering
])
def test_the_49th_sessions_no_ticket(shipped: Router, text: str) -> None:
    """Session 49's non-reports in our words: a warning to all not to click a scam link, legs walked to breaking,
    a head smoking with rage over mahjong, bargaining that makes one spit blood, English feet on fire, an English
    thank-you for a repair 'sorted out', rain again, a cave home preferred, a vaccination day's notice, English news
    of a typhoon, a storm in Singapore, a video asked about, English thanks to whoever put benches, a sandstorm, wet
    weather, care on a slippery floor, a question about what the group may carry: no ticket."""
    d = shipped.route(text)
    assert d.report is not True, d


@pytest.mark.parametrize(("text", "lead"), [
    ("群里那个理财链接大家别信 我已经让骗了五千", "police"),  # a warning, and a loss of one's own
    ("有人冒充物业在群里收钱 大家别信", "police"),  # a warning, and something done here
    ("崖画那边有人拿刀在石头上刻字", "culture"),
    ("古镇的老房子被拆了盖新楼", "culture"),
    ("刚在公交站叫人掏了包 钱包没了", "public_security"),
    ("小区积水一直没人清 听说隔壁小区有人得了登革热", "public_health"),  # wrong here, whatever is heard of there
])
def test_the_49th_sessions_reports_are_never_dropped(shipped: Router, text: str, lead: str) -> None:
    """A warning to all with a loss of one's own (让骗了) or something done here (有人冒充), rock paintings
    scratched, old houses of an old town torn down, a pocket picked at a bus stop: registered or asked about, never
    dropped, with their handler."""
    d = shipped.route(text)
    assert d.report is not False and d.lead == lead, d


@pytest.mark.parametrize(("text", "lead"), [
    ("厂里的货款还没回来 老板说工资先欠着", "hrss"),  # money not back is no one missing
    ("楼下饭店油烟机对着我家窗户 一到饭点呛得睁不开眼", "environment"),  # kitchen fumes, no fire
    ("去年在工地摔断了腿 老板说没合同不算工伤", "hrss"),  # an old injury, a work-injury claim
    ("楼上往下扔垃圾 砸下来把我车顶砸了个坑", "public_security"),  # thrown rubbish, no collapse
    ("公园的枯树枝挂在上面 风一吹就往下掉", "urban_mgmt"),  # dead branches, no collapse
    ("化工厂那边又放味了 臭鸡蛋味 嗓子难受", "ecology"),  # a plant's smell outdoors, no gas leak at home
    ("网上买的电水壶漏电 麻了一下 商家不给退", "market"),  # a product's fault, a refund refused
    ("楼上往下推窗台上的冰 砸到楼下的车", "public_security"),  # thrown down, no collapse
    ("王大爷的儿子在外地好几年没回来了 老人一个人吃冷饭", "welfare"),  # years away is no one missing
    ("公交站牌被车撞倒了 躺在地上好几天了", "transport"),  # a sign lying on the ground, no one collapsed
    ("风刮断的树枝挂在电线上 一直没人来清", "urban_mgmt"),  # branches on a wire: the trees' office, no alarm
    ("村里干部办事要先送条烟 不送就拖着", "district_office"),  # officials' conduct: the inspection office
    ("居委会主任态度老横了 问一句就让自己上网查", "district_office"),
    ("这事反映三回了 物业推社区 社区推街道 没一个人管", "district_office"),  # left unhandled, passed round
    ("送来的液化气罐阀门是坏的 拧不紧", "market"),  # a faulty cylinder, no leak told
    ("城边那几户还在烧散煤 烟呛得嗓子疼", "ecology"),  # coal smoke, no fire
    ("街道那个办事员态度好差 问两句就不耐烦", "district_office"),
    ("日间照料中心的护工态度很差 老人说话慢一点就不耐烦", "welfare"),  # a service's staff: the service's handler
])
def test_the_49th_sessions_matters_go_to_their_handler_with_no_alarm(shipped: Router, text: str, lead: str) -> None:
    """Words that sounded an alarm and were none: takings not back (no missing person), kitchen fumes that sting the
    eyes (no fire), a leg broken at work a year ago with the injury claim refused, rubbish thrown down onto a car, dead
    branches that fall in the wind, a chemical plant's smell, a kettle that leaks current, ice pushed down, a son
    years away, a bus-stop sign lying on the ground, branches on a wire, officials who want cigarettes or are rude,
    a complaint passed round with no one acting: registered with their handler, no emergency."""
    d = shipped.route(text)
    assert (d.report, d.lead) == (True, lead) and d.priority != "emergency", d


@pytest.mark.parametrize(("text", "lead"), [
    ("三楼那户门口臭了好几天 敲门也没人应 就一个老太太住", "police"),  # a smell, a silent door, someone alone
    ("火！！ 菜市场后头", "fire"),  # a bare cry of fire
    ("厂里有个师傅的手卷进机器里了 快来人", "public_health"),
    ("隔壁楼的竹棚架倒了", "housing"),  # Cantonese 棚架: scaffolding
    ("先不说停车的事了 现在楼下车棚烧着了", "fire"),  # (Cantonese 烧紧 reads 烧着: burning now)
    ("My brother went fishing alone this morning and his phone is off, it's dark now", "police"),
    ("The hallway is filling with smoke and nobody's answering next door", "fire"),  # smoke before a silent door
    ("雨太大了 水已经漫到卧室了", "urban_mgmt"),
    ("两个小孩在鱼塘边的烂泥里玩 一踩就陷下去", "children"),
    ("后山那边地面陷下去一大块 旁边几家的墙在裂", "housing"),  # the ground gone and walls cracking now
    ("我爷爷有点糊涂 在菜场一转身人就不见了", "police"),
    ("小孩一个人在码头边上跑 家里人都不在", "children"),
    ("孩子坐在阳台栏杆上 下面就是河", "children"),  # a child on a railing: the children's subcommittee
])
def test_the_50th_sessions_emergencies_in_our_words(shipped: Router, text: str, lead: str) -> None:
    """Session 50's round (Chaoyang to Gejiu) in our words: a smell and a silent door where someone lives alone, a
    bare cry of fire, a hand caught in a machine, scaffolding down, a shed burning after an ordinary matter put aside,
    an English friend alone with the phone off after dark, English smoke filling a hallway, water up to the bedroom,
    children where the mud swallows a foot, the ground sunk and walls cracking, an old man gone in a turn, a child
    alone on a quay, a child on a railing over a river: registered at once as emergencies, with the handler who must
    come."""
    d = shipped.route(text)
    assert (d.report, d.lead, d.priority) == (True, lead, "emergency"), d


@pytest.mark.parametrize("text", [
    "朋友圈里说城南那边有栋楼着火了 大家小心用电",  # a building somewhere, seen on a phone
    "Thanks for the notice about the power cut tomorrow",
    "房子出租 三楼朝南 家电齐全 拎包入住",  # an advert
    "加了一天班 累成狗 腰杆都断了",  # a figure of speech
    "转 外省有个小区电梯里抽烟 整栋楼喷淋全开了",  # 转 and a space: forwarded
])
def test_the_50th_sessions_no_ticket(shipped: Router, text: str) -> None:
    """Session 50's non-reports in our words: news of a building on fire somewhere told on a phone, an English
    thank-you for a notice, a flat to let, a back 'broken' by a day's work, a message forwarded with 转: no ticket."""
    d = shipped.route(text)
    assert d.report is not True, d


@pytest.mark.parametrize(("text", "lead"), [
    ("三年级的作业天天写到十一点 天天如此", "education"),  # every day: a school's load, no parent's sigh
    ("Thanks for sorting that out! Now the bus stop by the gate has no sign and the No. 3 just drives past",
     "transport"),  # a thank-you that turns to a new matter
])
def test_the_50th_sessions_reports_are_never_dropped(shipped: Router, text: str, lead: str) -> None:
    """Homework late every day, an English thank-you that turns to a bus stop with no sign: registered or asked
    about, never dropped, with their handler."""
    d = shipped.route(text)
    assert d.report is not False and d.lead == lead, d


def test_a_little_water_is_no_laugh(shipped: Router) -> None:
    """一哈哈 is a southwestern 'a little' (一哈哈水), no laughter: a low water pressure is never dropped as chat."""
    d = shipped.route("我家住顶楼 水压不够 每天就晚上有一哈哈水")
    assert d.report is not False and d.lead == "water" and d.gate != "chat", d


@pytest.mark.parametrize(("text", "lead"), [
    ("幼儿园老师把孩子关小黑屋罚站", "education"),  # a punishment, no one trapped
    ("拉砂石的车装太满 一路走一路往下掉石子", "transport"),  # a load falling off a truck, no collapse
    ("河边的柳树枝被风吹得往下掉", "urban_mgmt"),  # branches, no collapse
    ("电梯卡在十楼十一楼中间 里头没人 已经停一上午了", "property"),  # stuck between floors, no one inside
    ("有人养的狗进电梯不戴嘴套 小孩吓哭了", "public_security"),  # a dog unmuzzled, no one trapped
    ("火锅店的鸭肠泡得发白 怕是泡了药", "market"),  # food soaked white, no body in water
    ("楼上漏水把我家柜子都泡胀了", "property"),  # a cupboard swollen, no body in water
    ("有人又从楼上扔酒瓶 昨天差点砸到人", "public_security"),  # a near miss yesterday
    ("街道推城管 城管推物业 物业又推街道 路灯坏了三个月", "district_office"),  # passed round, left unhandled
    ("城管收摊的时候把一个卖菜的阿姨推倒了", "district_office"),  # an official's conduct
    ("村干部天天开着公车接孩子", "district_office"),
    ("厂里要搬去外省 不跟着走就一分补偿都没有", "hrss"),
    ("我们村外嫁女的分红一分都没有", "women"),
    ("感谢社区帮忙办好了证明 顺便说一下 楼后面的公厕好久没人扫了", "urban_mgmt"),  # the matter after 顺便说一下
    ("老街那排骑楼要拆了 这些都是老物件 能不能保留", "culture"),
    ("我爸被人忽悠签了以房养老 房子差点没了", "police"),
    ("村里推出去的办事员一口一个不归我们管", "district_office"),
])
def test_the_50th_sessions_matters_go_to_their_handler_with_no_alarm(shipped: Router, text: str, lead: str) -> None:
    """Words that sounded an alarm and were none, and matters that went astray: a child shut in a dark room as a
    punishment, stones off a truck, branches in the wind, a lift stuck with no one inside, an unmuzzled dog in a lift,
    tripe soaked white, a swollen cupboard, a bottle that nearly hit someone yesterday; a matter passed round between
    offices, an enforcer who pushes a hawker down, an official car on private errands, a factory moving with no
    compensation, married-out daughters denied dividends, the matter after 顺便说一下, arcades to be pulled down, a
    house-for-pension scam, a clerk for whom nothing is ever theirs: registered with their handler, no emergency."""
    d = shipped.route(text)
    assert (d.report, d.lead) == (True, lead) and d.priority != "emergency", d


@pytest.mark.parametrize(("text", "lead"), [
    ("我妈刚才突然说话不清楚 嘴歪了", "public_health"),  # a stroke's signs, sudden
    ("老伴一下子半边身子动不了了 叫也不太应", "public_health"),
    ("他把我锁在屋里 说今晚要打死我 我偷偷发的", "women"),  # locked in and threatened
    ("楼梯间的防火门被锁死了 里面还有人在拍门", "fire"),  # an exit locked with people behind it
    ("有人拿晾衣杆挑东西 杆子碰到电线了 人倒地上了", "power"),
    ("隔壁出租屋一股臭味 好多苍蝇 那人好几天没出过门", "police"),  # a death feared
    ("There's a big fight outside the bar, people throwing bottles", "police"),
    ("My mum fell on the steps and can't walk, her ankle is swollen", "public_health"),
    ("The back exit of the karaoke bar is locked from outside and people are inside", "fire"),
])
def test_the_50th_sessions_second_round_emergencies(shipped: Router, text: str, lead: str) -> None:
    """Session 50's second round (Tieling to Cixi) in our words: sudden slurred speech or half a body gone weak, a
    woman locked in and threatened with death, a fire door locked with people behind it, a pole against a wire, a
    smell and flies where someone has not come out for days, an English brawl with bottles, an English fall and
    'can't walk', an English exit locked from outside: registered at once as emergencies, with the handler who must
    come."""
    d = shipped.route(text)
    assert (d.report, d.lead, d.priority) == (True, lead, "emergency"), d


@pytest.mark.parametrize("text", [
    "Saw on Douyin there was a big fire at a mall somewhere, scary",  # news on a phone
    "Which bus goes to the train station?",  # a question
    "Thanks so much for helping with the broken gate last week!",  # thanks for help with a thing once broken
    "谁家有多的纸箱 借我两个搬家用",  # asking to borrow
    "基金又跌了 气到我爆炸",  # a figure of speech
    "我老婆说我打游戏打得眼都冒火了",  # a game, and eyes 'on fire'
    "上回电梯困人那次 多谢消防来得快",  # thanks for a rescue past
])
def test_the_50th_sessions_second_round_no_ticket(shipped: Router, text: str) -> None:
    """Of session 50's second round, in our words: English news seen on Douyin, an English question which bus goes
    where, an English thank-you for help with something broken, a neighbour asking to borrow boxes, rage that
    'explodes' over a fund, eyes 'on fire' over a game, thanks for a lift rescue long over: no ticket."""
    d = shipped.route(text)
    assert d.report is not True, d


@pytest.mark.parametrize(("text", "lead"), [
    ("在直播间买了个保健品 花了三千 现在卖家联系不上了", "market"),  # a live-stream sale and a seller gone
    ("谢谢物业把路灯修好了 顺便说一句 车库坡道结冰了 好几辆车打滑", "property"),  # the matter after 顺便说一句
])
def test_the_50th_sessions_second_round_reports_are_never_dropped(shipped: Router, text: str, lead: str) -> None:
    """A live-stream purchase whose seller cannot be reached is a loss, no offer; a thank-you that turns (顺便说一句)
    to ice on a ramp: registered or asked about, never dropped, with their handler."""
    d = shipped.route(text)
    assert d.report is not False and d.lead == lead, d


@pytest.mark.parametrize(("text", "lead"), [
    ("Smoke is pouring out of the kitchen next door and the alarm won't stop", "fire"),
    ("我奶奶早上上山采蘑菇 到这会还没回来 手机打不通", "police"),  # not back, the phone unanswered
    ("河里冲下来一个人 一动不动", "police"),  # a body carried down a river
    ("好大一股焦味 不晓得哪里来的 满楼道都是", "fire"),  # a burning smell from nowhere seen
    ("老房子的墙往外歪了 老人还在屋里睡", "housing"),  # a wall leaning out with people inside
    ("雨太大 水都进堂屋了", "urban_mgmt"),
    ("商场的安全通道被货堆死了 里面全是人", "fire"),  # an exit blocked dead, a crowd inside
    ("厨房那根燃气软管断了 气嗤嗤往外冒", "gas"),
    ("楼下配电箱泡在水里了 有人在旁边蹚水", "power"),  # a live box under water, someone wading
    ("隔壁男人又喝醉了打他婆娘 听着在砸东西", "women"),  # 婆娘: a wife
])
def test_the_50th_sessions_third_round_emergencies(shipped: Router, text: str, lead: str) -> None:
    """Session 50's third round (Benxi to Changshu) in our words: English smoke pouring out, an old woman not back
    from the hills with her phone unanswered, a body carried down a river, a burning smell from nowhere seen, a wall
    leaning over sleepers, water into the main room, an exit blocked dead before a crowd, a gas hose broken and
    hissing, a distribution box under water beside someone wading, a drunk beating his wife: registered at once as
    emergencies, with the handler who must come."""
    d = shipped.route(text)
    assert (d.report, d.lead, d.priority) == (True, lead, "emergency"), d


@pytest.mark.parametrize("text", [
    "高价收头发 上门收 现金结算",  # an advert
    "小辰光看到过仓库着火 一整排都烧光了",  # Wu 小辰光: a childhood memory
    "社区医院礼拜天上班伐",  # a Wu question
    "打雷打得跟放炮一样 娃都吓哭了",  # thunder like blasting: weather
])
def test_the_50th_sessions_third_round_no_ticket(shipped: Router, text: str) -> None:
    """Of session 50's third round, in our words: hair bought at the door, a fire seen in childhood (小辰光), a Wu
    question about opening hours, thunder 'like blasting': no ticket."""
    d = shipped.route(text)
    assert d.report is not True, d


@pytest.mark.parametrize(("text", "lead"), [
    ("孩子在托班被关小黑屋 回家一直做噩梦", "education"),  # nightmares the matter caused, no dream told
    ("我妈被人拉进一个炒股群 投了三万 现在提不出来", "police"),  # a loss, no fund's swing
])
def test_the_50th_sessions_third_round_reports_are_never_dropped(shipped: Router, text: str, lead: str) -> None:
    """A child shut in a dark room who has nightmares since, a mother drawn into a share-tip group whose money
    cannot be taken out: registered or asked about, never dropped, with their handler."""
    d = shipped.route(text)
    assert d.report is not False and d.lead == lead, d


@pytest.mark.parametrize(("text", "lead"), [
    ("拆迁款找村里 村里推镇上 镇上推区里 一年了", "district_office"),  # pushed round between offices
    ("村干部把低保名额给了他亲戚", "district_office"),  # an official's favour to kin
    ("没签合同 干活受伤了厂里不认", "hrss"),  # an injury the employer disowns: a labour dispute, no alarm
    ("老祠堂屋顶塌了一角好几年了 没人修", "culture"),  # fallen years ago: heritage left unrepaired
    ("麦收完有人在地里烧麦秸 烟大得很", "ecology"),  # straw burning, no fire
])
def test_the_50th_sessions_third_round_matters_with_no_alarm(shipped: Router, text: str, lead: str) -> None:
    """A compensation pushed between village, town and district, an allowance given to an official's kin, an
    injury an employer disowns, a hall's roof fallen years ago, straw burnt after the harvest: registered with their
    handler, no emergency."""
    d = shipped.route(text)
    assert (d.report, d.lead) == (True, lead) and d.priority != "emergency", d


@pytest.mark.parametrize(("text", "lead"), [
    ("a guy is hitting a kid with a stick by the bins right now", "children"),  # English: a child beaten now
    ("后墙歪得吓人 裂缝还在往大走 下面天天有人过", "housing"),  # a wall leaning, its crack still growing
    ("村东头的烤房着了 烟大得很", "fire"),  # a curing shed caught fire (…着了)
    ("桥洞底下有个老汉躺着不动弹了", "public_health"),  # someone lying still (不动弹)
    ("两伙人在菜市场门口拿棍子打起来了", "police"),  # two gangs fighting
    ("楼下储藏室有个人躺着一动不动 一股味儿不对", "police"),  # still, and a smell: a death feared
])
def test_the_51st_sessions_emergencies_in_our_words(shipped: Router, text: str, lead: str) -> None:
    """Session 51's round (Puyang to Chuxiong) in our words: a child beaten now (in English), a wall leaning with
    its crack still growing over a path, a curing shed that caught fire, an old man lying still, two gangs fighting,
    someone lying still beside a smell: registered at once as emergencies, with the handler who must come."""
    d = shipped.route(text)
    assert (d.report, d.lead, d.priority) == (True, lead, "emergency"), d


@pytest.mark.parametrize("text", [
    "虚惊一场 楼梯间的烟是有人在楼下烤红薯 不是着火",  # an alarm called off
    "帮忙转发：外省一个老人走失了 穿灰色外套 有线索请联系家属",  # forwarded, of elsewhere
    "昨天跑了个全马 累得半死 差点死掉",  # a race run, a figure of speech
    "家里多出来一辆儿童推车，啥人要",  # Wu 啥人要: given away
    "Thanks to whoever returned my wallet to the guard, so kind of you",
    "The plumber came this morning and it's all dry now. Thank you!",
    "考上大学了，开心到爆炸",  # happy 'to bursting'
    "社区卫生站礼拜六上不上班",  # opening hours asked
    "哪位知道社保卡咋在网上补办啊，教教我",  # how it is done, asked of neighbours
])
def test_the_51st_sessions_no_ticket(shipped: Router, text: str) -> None:
    """Of session 51's round, in our words: a false alarm called off (虚惊一场) even where the models hear a fire,
    a forwarded notice of someone lost elsewhere, a marathon that 'nearly killed' its runner, a pram given away, two
    English thank-yous (to whoever did a kindness; 'all dry now'), joy 'to bursting', and questions to neighbours
    about opening hours or how a thing is done, which a report head sure of the matter does not register: no
    ticket."""
    d = shipped.route(text)
    assert d.report is not True, d


@pytest.mark.parametrize(("text", "lead"), [
    ("护士给我妈打针拿错药了 还不承认", "health"),  # 拿错 of a drug is no parcel picked up wrongly
    ("养老服务站建好了 可一直锁着门 老人进不去", "welfare"),  # built, and shut since
])
def test_the_51st_sessions_reports_are_never_dropped(shipped: Router, text: str, lead: str) -> None:
    """A nurse who gave the wrong drug and denies it, an old people's centre built and locked ever since:
    registered or asked about, never dropped, with their handler."""
    d = shipped.route(text)
    assert d.report is not False and d.lead == lead, d


@pytest.mark.parametrize(("text", "lead"), [
    ("夜市大排档天天划拳划到一点多", "environment"),  # drinking games at night: noise
    ("楼下消防栓拧开一滴水都没有", "fire"),  # a dry hydrant: a fire hazard, no water cut
    ("工地上好多人不戴安全帽就上架子", "housing"),  # a site's safety
    ("医院住院的钱回老家报销 说材料不全", "hrss"),  # medical costs reimbursed
    ("城管说是供电的事，供电说是城管的事，路灯坏了半年", "district_office"),  # pushed between two offices
    ("他亲戚一来就给办好了 我跑了四趟都不行", "district_office"),  # favours to kin
    ("单位知道我怀孕了就要我辞职", "women"),  # dismissed for a pregnancy
    ("学校后面 井盖少了一块", "urban_mgmt"),  # 后面: where, not what
    ("说是招工要先交押金 我交了两千块 人就不见了", "police"),  # a swindler gone, no missing person
    ("医生护士都叫不应 急诊等了三个钟头", "health"),  # staff who do not answer, no one unconscious
    ("我爸卧床好几年起不来 身份证过期了能上门办吗", "police"),  # bedridden for years: no alarm
])
def test_the_51st_sessions_matters_with_no_alarm(shipped: Router, text: str, lead: str) -> None:
    """Drinking games at a night stall, a dry hydrant, a site without helmets, a hospital bill to reimburse, a
    matter pushed between two offices, favours to kin, a dismissal for a pregnancy, a manhole cover behind a
    school, a swindler who vanished with the money, staff no one can call in a casualty ward, an ID card for a man
    bedridden for years: registered with their handler, no emergency."""
    d = shipped.route(text)
    assert d.report is not False and d.lead == lead and d.priority != "emergency", d


@pytest.mark.parametrize(("text", "lead"), [
    ("车间有人胳膊让机器绞住了 快来人", "public_health"),  # caught in a machine (让: passive)
    ("谢谢昨天来修灯 另外楼下有个阿伯晕倒在门口了 快来", "public_health"),  # a thank-you, then someone down
    ("那个阿婆一个礼拜没出过门 门口好臭 还有苍蝇", "police"),  # a smell and flies, a week unseen
    ("说暖气的事呢 等等 五楼着了 好大的烟", "fire"),  # a floor on fire (五楼着了)
    ("困在电梯 我和孩子 2栋 快来", "fire"),  # trapped in a lift, no 里
    ("小孩掉进水沟了 水好急", "children"),  # a child in a ditch
    ("有个人坐在楼顶边上 说不想活了", "police"),  # on a roof's edge
])
def test_the_51st_sessions_second_round_emergencies(shipped: Router, text: str, lead: str) -> None:
    """Session 51's second round (Panjin to Jinchang) in our words: an arm caught in a machine (让, passive), an old
    man fainted at the door after a thank-you, a week unseen behind a smell and flies, a floor on fire said in
    passing, a lift someone is trapped in said without 里, a child in a ditch, someone on a roof's edge: registered at
    once as emergencies, with the handler who must come."""
    d = shipped.route(text)
    assert (d.report, d.lead, d.priority) == (True, lead, "emergency"), d


@pytest.mark.parametrize("text", [
    "社区医院礼拜天开不开门",  # opening hours asked
    "防火小知识：发现起火先断电 再拨119",  # a notice's advice
    "单位组织去草原 谁有攻略",  # asked of neighbours
    "打了一晚上麻将 脑袋嗡嗡的",  # a head buzzing after a game
    "See you all at the lantern festival tonight!",
])
def test_the_51st_sessions_second_round_no_ticket(shipped: Router, text: str) -> None:
    """Of session 51's second round, in our words: opening hours asked (开不开门), a notice headed 小知识, a trip's
    tips asked for, a head buzzing after mahjong, an English 'see you all at…': no ticket."""
    d = shipped.route(text)
    assert d.report is not True, d


@pytest.mark.parametrize(("text", "lead"), [
    ("换了物业公司 以前预交的物业费不认了 这钱找谁要", "property"),  # 找谁要 is no offer
    ("谢谢上回修水管的师傅 另外楼下路灯也不亮了", "urban_mgmt"),  # 亮了 inside 不亮了 is nothing done
])
def test_the_51st_sessions_second_round_reports_are_never_dropped(shipped: Router, text: str, lead: str) -> None:
    """Prepaid fees a new property company will not honour (找谁要, no 'who wants it'), a thank-you that turns to a
    street light out (也不亮了, no 亮了): registered or asked about, never dropped, with their handler."""
    d = shipped.route(text)
    assert d.report is not False and d.lead == lead, d


@pytest.mark.parametrize(("text", "lead"), [
    ("老人走了 殡仪馆收费乱七八糟的", "civil_affairs"),  # a funeral's fees: no death found
    ("山路上落石好多 堆在路边没人清", "transport"),  # rocks lying by the road
    ("拉煤的大车跑得飞快 车上还往下掉煤", "transport"),  # a truck's load
    ("接个电话说是社保局的 让我妈交钱激活卡", "police"),  # a scam call
    ("网上买东西 付了三百块就被拉黑了", "police"),  # paid and blocked
    ("社区那个主任说话可冲了 问个事就吼人", "district_office"),  # an official's manner
    ("村里推到镇上 镇上又推回村里 一年没结果", "district_office"),  # pushed between offices
    ("老鼠从下水道钻出来 厨房里都有了", "public_health"),  # pests, no drain
    ("一个院子住了二十多个工人 天天吵", "public_security"),  # a crowded rental
])
def test_the_51st_sessions_second_round_matters_with_no_alarm(shipped: Router, text: str, lead: str) -> None:
    """A funeral's fees after an old man passed away, rocks lying by a mountain road, a coal truck shedding its load,
    a scam call in an office's name, money paid and the buyer blocked, an official's rude manner, a matter pushed
    from village to town and back, rats coming up from the drains, twenty workers in one courtyard: registered with
    their handler, no emergency."""
    d = shipped.route(text)
    assert d.report is not False and d.lead == lead and d.priority != "emergency", d


@pytest.mark.parametrize(("text", "lead"), [
    ("打包机把他胳膊卷住了 拉不出来", "public_health"),  # a machine that caught an arm (把)
    ("谢谢送的煤 对了 隔壁屋里一股煤烟味 敲门没人应", "public_health"),  # stove fumes behind a silent door
    ("the basement is flooding and the water is getting deeper fast", "urban_mgmt"),
    ("山路上一辆车翻下去了 人还在里面", "fire"),  # a car gone over, someone inside
    ("有个男的拎着汽油桶在门口 说要点火", "police"),  # a threat with petrol
    ("后坡的泥石一直往下冲 下面住着人", "housing"),  # a slope sliding onto homes
    ("渔船翻了 有人在水里", "fire"),  # a boat overturned
    ("有人喝醉了拿酒瓶砸人 满头是血", "police"),  # a drunk hitting with a bottle: the cause decides
])
def test_the_51st_sessions_third_round_emergencies(shipped: Router, text: str, lead: str) -> None:
    """Session 51's third round (Liaoyuan to Fangchenggang) in our words: an arm caught by a packing machine, stove
    fumes behind a door no one answers after a thank-you, English water rising fast in a basement, a car gone over
    with someone inside, a man with a petrol can threatening to set a fire, a slope sliding onto homes, a boat
    overturned with people in the water, a drunk striking with a bottle: registered at once as emergencies, with
    the handler who must come."""
    d = shipped.route(text)
    assert (d.report, d.lead, d.priority) == (True, lead, "emergency"), d


@pytest.mark.parametrize("text", [
    "天冷了 大家生炉子记得开窗 别中毒了",  # advice to all
    "刚才那股煤气味是我家在炒辣椒 莫慌莫慌",  # an all-clear
    "去年雨季那场大水 淹到半人高 现在想起都怕",  # remembered
    "上个月塌方那段路已经修通了 辛苦修路的师傅",  # thanks for a road reopened
    "看了场恐怖片 吓得一晚上睡不着",  # a film, no neighbour's noise
])
def test_the_51st_sessions_third_round_no_ticket(shipped: Router, text: str) -> None:
    """Of session 51's third round, in our words: advice to everyone (大家…记得), a gas smell that was cooking (莫慌
    莫慌), a flood remembered (想起都怕), thanks for a road reopened (修通了), a horror film that kept one awake: no
    ticket."""
    d = shipped.route(text)
    assert d.report is not True, d


@pytest.mark.parametrize(("text", "lead"), [
    ("谢谢物业修灯 哎不对 楼道里一股煤气味 好大", "gas"),  # a thank-you that turns (哎不对) to gas
    ("招工广告说月薪八千 去了才知道要交两千培训费", "hrss"),  # 要交 is no job advert's offer
])
def test_the_51st_sessions_third_round_reports_are_never_dropped(shipped: Router, text: str, lead: str) -> None:
    """A thank-you that turns (哎不对) to a gas smell, a job advert that asks for a fee once you come: registered or
    asked about, never dropped."""
    d = shipped.route(text)
    assert d.report is not False and d.lead == lead, d


@pytest.mark.parametrize(("text", "lead"), [
    ("他又打我 我躲在楼上邻居家 他在外面砸门", "women"),  # hiding from a man at the door
    ("他喝多了要掐我 我跑出来了", "women"),  # a husband's hands at her throat
    ("楼梯间发现一个人 没气了 身子都凉了", "police"),  # a body found
    ("我爸吃了山上采的菌子 一直吐 还说胡话", "public_health"),  # wild mushrooms
    ("停车场车里锁着个小孩 太阳晒着 找不到车主", "children"),  # a child locked in a car
])
def test_the_51st_sessions_fourth_round_emergencies(shipped: Router, text: str, lead: str) -> None:
    """Session 51's fourth round (Lüliang to Haining) in our words: a woman hiding from a man who batters the door,
    a drunk husband's hands at her throat, a body found cold, wild mushrooms with vomiting and raving, a child
    locked in a car in the sun: registered at once as emergencies, with the handler who must come."""
    d = shipped.route(text)
    assert (d.report, d.lead, d.priority) == (True, lead, "emergency"), d


@pytest.mark.parametrize("text", [
    "甚时候交物业费",  # Shanxi 甚时候: when, asked
    "孩子这次考试考砸了 我快吐血了",  # a figure of speech
    "haha the cat jumped into the laundry basket and vanished",  # English, a pet's game
])
def test_the_51st_sessions_fourth_round_no_ticket(shipped: Router, text: str) -> None:
    """Of session 51's fourth round, in our words: when a fee is paid asked in Shanxi words, a parent 'spitting
    blood' over an exam, an English pet that 'vanished' with a laugh: no ticket."""
    d = shipped.route(text)
    assert d.report is not True, d


@pytest.mark.parametrize(("text", "lead"), [
    ("电视上卖的那种保健品 我妈买了一堆 一点用没有", "market"),  # bought from an advert: a loss here
    ("有人仿冒我们厂的牌子在网上卖", "market"),  # 仿冒 is no offer
])
def test_the_51st_sessions_fourth_round_reports_are_never_dropped(shipped: Router, text: str, lead: str) -> None:
    """A mother's health products bought from a TV advert, a brand counterfeited online: registered or asked about,
    never dropped, with their handler."""
    d = shipped.route(text)
    assert d.report is not False and d.lead == lead, d


@pytest.mark.parametrize(("text", "lead"), [
    ("山洪冲进院子里了 堂屋门都推不开", "urban_mgmt"),  # a flash flood into a yard
    ("the water in our garage keeps rising fast", "urban_mgmt"),  # English, the water first and rising after
    ("My friend said goodbye to everyone in the group chat and now won't answer his phone", "police"),
    ("Our daughter, 6, disappeared from the park by the lake twenty minutes ago", "police"),  # English, a child gone
    ("Boxes and bikes are piled all the way up the fire stairs in block 4", "fire"),  # an exit blocked (English)
    ("两条野狗把个小孩按倒在地上咬", "children"),  # dogs on a child
    ("煨桑的火星子把草垛点着了 火越来越大", "fire"),  # an offering's sparks that did set something alight
])
def test_the_52nd_sessions_emergencies_in_our_words(shipped: Router, text: str, lead: str) -> None:
    """Session 52's round (Yushu to Guoluo) in our words: a flash flood into a yard, water rising fast told in
    English with the water named first, a goodbye to everyone and a phone not answered, a child gone from a park,
    boxes piled up the fire stairs, dogs on a child, an incense offering's sparks that set a haystack alight: registered
    at once as emergencies, with the handler who must come."""
    d = shipped.route(text)
    assert (d.report, d.lead, d.priority) == (True, lead, "emergency"), d


@pytest.mark.parametrize("text", [
    "火锅太辣了 舌头都要着火了",  # a figure: a tongue 'on fire'
    "早上煨桑 整条街都是柏枝的香味",  # incense of a Tibetan morning offering, no fire
    "那声雷吓得我以为天塌下来了",  # the sky 'falling', a figure
    "看视频了没 外省有个商场着火了 太吓人了",  # did you see the video: of elsewhere
])
def test_the_52nd_sessions_no_ticket(shipped: Router, text: str) -> None:
    """Of session 52's round, in our words: a tongue 'on fire' from chillies, the smoke of a morning incense offering
    (煨桑), a thunderclap that made the sky 'fall', a video of a fire elsewhere asked about (看视频了没): no ticket."""
    d = shipped.route(text)
    assert d.report is not True, d


@pytest.mark.parametrize(("text", "lead", "priority"), [
    ("谢谢你们把路灯修好了。还有后院那根电线掉在地上 刚才还在冒火花", "power", "emergency"),  # thanks, then 。还有
    ("隔壁小人爬到四楼窗门外头的空调架子上去了", "children", "emergency"),  # Wu 小人: a child out on a bracket
    ("几个孩子在水库冰面上玩 掉进去一个", "children", "emergency"),  # a child through the ice
])
def test_the_52nd_sessions_rules_alone_hear_them(router: Router, text: str, lead: str, priority: str) -> None:
    """With the rules alone (``WHISTLE_MODEL=none``), where the starter used to cover for them: a thank-you whose next
    sentence opens with 还有 turns to a new matter (a wire down and sparking); a child out on an air conditioner's
    bracket, a child through the ice."""
    d = router.route(text)
    assert (d.report, d.lead, d.priority) == (True, lead, priority), d


def test_a_night_of_cards_names_no_number_plate(router: Router) -> None:
    """一晚上牌 (a whole night of cards) holds 上牌 (putting on number plates): no driving-licence matter."""
    assert router.route("他们几个打了一晚上牌").category != "driving_test"
    assert router.route("新车上牌要去哪里办").category == "driving_test"


@pytest.mark.parametrize(("text", "lead"), [
    ("孩子报的作文辅导班 钱交了半年 机构跑路了", "education"),  # an essay class is a business, no essay told
    ("新来的社工讲好来看阿婆 一直没来", "welfare"),  # someone new in a post: no newcomer's hello
])
def test_the_52nd_sessions_reports_are_never_dropped(router: Router, shipped: Router, text: str,
                                                      lead: str | None) -> None:
    """An essay class paid for and vanished (作文 of a class, not of an essay told), a new social worker who never came
    (新来的 of a post, not a newcomer's hello): never dropped, by the rules alone or with the starter."""
    for r in (router, shipped):
        d = r.route(text)
        assert d.report is not False and lead in (None, d.lead), d


@pytest.mark.parametrize(("text", "lead"), [
    ("在网上买了两斤牛肉干 钱付了就把我删了", "police"),  # paid, then blocked: fraud
    ("有人扫二维码给庙里募捐 庙里说根本没这回事", "police"),  # a false collection
    ("我们安置点好多人没做过包虫病筛查", "public_health"),  # echinococcosis screening, disease control
    ("家里养的羊得了布病 人会不会传上", "public_health"),  # brucellosis
    ("小卖部把香烟卖给小学生", "children"),  # cigarettes sold to children
    ("Joined a swimming club with a membership card, they shut last week and nobody answers", "market"),
    ("厂里女工跟男的干一样的活 工资比男的少一半", "women"),  # half the pay for the same work
])
def test_the_52nd_sessions_matters_go_to_their_handler(shipped: Router, text: str, lead: str) -> None:
    """Of session 52's round, in our words: money paid and the seller gone, a false collection by QR code, a disease
    of livestock (布病, 包虫病, 鼠疫), cigarettes sold to children, a membership card of a club that shut, women paid
    half for the same work: registered or asked about with their handler."""
    d = shipped.route(text)
    assert d.report is not False and d.lead == lead, d


@pytest.mark.parametrize(("text", "lead"), [
    ("风筝挂到高压线上了 有个孩子还拽着线", "power"),  # a kite on a power line, a child holding its string
    ("河滩上冲上来个人 一动不动", "police"),  # someone washed up
    ("楼下那家把孩子关门外了 零下二十度 冻得直哭", "children"),  # a child shut out in the frost
    ("三轮车翻了 司机压在下面了", "fire"),  # someone pinned under
    ("停车场有个小孩自己在车上 车门锁着 没见大人", "children"),  # a child locked in a car, whatever the weather
    ("对门的老太太在家没了 好几天才发现 楼道里一股味", "police"),  # found dead at home after days
    ("The campsite is on fire, tents burning near the road", "fire"),
])
def test_the_52nd_sessions_second_round_emergencies(shipped: Router, text: str, lead: str) -> None:
    """Session 52's second round (Hanting to Alxa) in our words: a kite on a power line with a child holding the
    string, someone washed up, a child shut out in the frost, a driver pinned under, a child locked in a car, an old
    woman found dead at home after days, tents burning (English): emergencies, with the handler who must come."""
    d = shipped.route(text)
    assert (d.report, d.lead, d.priority) == (True, lead, "emergency"), d


def test_the_52nd_sessions_second_round_figures(shipped: Router) -> None:
    """A head 'on fire' in the sun is a figure, no fire; a load under an overturned cart, or a man held down in a
    fight, is no one trapped."""
    assert shipped.route("晒得我脑袋都要着火了").report is not True
    assert shipped.route("三轮车翻了 一车西瓜压在下面").category != "people_trapped"
    assert shipped.route("两个人打架 一个被人压在底下打").category != "people_trapped"  # a fight, no one trapped


@pytest.mark.parametrize(("text", "lead"), [
    ("A little boy is being dragged out by the waves at the beach", "children"),
    ("The gas cylinder under the sink is leaking, we can smell it and hear it hiss", "gas"),
    ("渔船昨天出海 到现在联系不上", "police"),  # a boat out and not heard from
    ("河水涨上来了 水往屋里进", "urban_mgmt"),  # water coming into the house
    ("渠开口子了 水都进屋了", "urban_mgmt"),  # a channel breached
    ("雪太大 车陷在路上了 两个人在车里出不来", "fire"),  # people in a car stuck in the snow
    ("铲雪车从雪堆里刨出来一个人", "police"),  # someone dug out of a snowbank
    ("隔壁老房子山墙往外歪 一直在掉砖", "housing"),  # an old wall leaning out and shedding bricks
])
def test_the_52nd_sessions_third_round_emergencies(shipped: Router, text: str, lead: str) -> None:
    """Session 52's third round (Yueqing to Cangnan) in our words: a child dragged out by waves and a gas cylinder
    leaking (English), a fishing boat not heard from, water coming into a house or through a breached channel, people
    in a car stuck in the snow, someone dug out of a snowbank, an old wall leaning out and shedding bricks (an old
    house's cracks alone stay a renovation matter): emergencies, with the handler who must come."""
    d = shipped.route(text)
    assert (d.report, d.lead, d.priority) == (True, lead, "emergency"), d


def test_the_52nd_sessions_third_round_no_alarm(shipped: Router) -> None:
    """Sun 'hot enough to smoke' is a figure; an old house's widening cracks, nothing falling, are no emergency."""
    assert shipped.route("晒到冒烟了 出门都不想").report is not True
    assert shipped.route("我家是老房子 墙上裂缝越来越大 想问问能不能鉴定").priority != "emergency"


@pytest.mark.parametrize(("text", "lead"), [
    ("厂房顶上蹲着个人 嚷着要跳 下面好多人看", "police"),  # someone on a roof who says they will jump
    ("大桥护栏外头坐着一个人 半天不动", "police"),  # someone outside a bridge's railing
    ("孩子去掏鸟窝被马蜂蛰了 脸都肿了 一直发抖", "public_health"),  # stung, and trembling
    ("喜宴上好几个客人都吐了 有个老人晕过去了", "public_health"),  # many guests vomiting, one fainted
    ("楼上的瓷砖一块块往下掉 下面就是幼儿园门口", "housing"),  # tiles falling onto a crowd's way
    ("外墙皮大块大块往下掉 底下全是赶集的人", "housing"),  # plaster falling over a market crowd
    ("小孩爬到三米高的柴垛上 下不来了", "children"),  # a child up high who cannot get down
    ("孩子在飘窗上蹦 窗户大开着 十二楼", "children"),  # a child on a bay window, the window open
])
def test_the_53rd_sessions_emergencies_in_our_words(shipped: Router, text: str, lead: str) -> None:
    """Session 53's round (Mishan to Jiangyin) in our words: someone on a roof saying they will jump or outside a
    bridge's railing, wasp stings with trembling, a banquet's guests vomiting and collapsing, tiles or plaster
    falling in pieces onto a crowd below, a child up high who cannot get down or on an open bay window: emergencies,
    with the handler who must come, the rules' words alone hearing them."""
    d = shipped.route(text)
    assert (d.report, d.lead, d.priority) == (True, lead, "emergency"), d
    assert Router(shipped.rulebook).route(text).priority == "emergency"


@pytest.mark.parametrize("text", [
    "枫叶全红了 后山红彤彤一片 周末去拍照",  # red leaves, no fire
    "Everyone says my dumplings are 'on fire' lol",  # a figure, laughed at
    "Thank you so much for the mooncakes for the elderly, grandma loved them!",  # thanks for a kindness
])
def test_the_53rd_sessions_no_ticket(shipped: Router, text: str) -> None:
    """A mountain red with flowers or leaves is no fire; an English figure that ends laughing is chat; thanks for
    gifts or a visit are thanks, whatever matter's word (the elderly) is in them."""
    assert shipped.route(text).report is not True


def test_the_53rd_sessions_dances_and_plaster_keep_their_bounds(shipped: Router) -> None:
    """To 'jump' a square dance on a roof is no suicide; plaster falling in a corridor with nobody below, or a
    corridor 'full of' adverts, is no collapse; a fire told beside a red mountain is still a fire."""
    assert shipped.route("几个老姐妹在楼顶上说要跳广场舞 嫌广场太挤").priority != "emergency"
    assert shipped.route("楼道墙皮一块块往下掉 都是人家贴的小广告").priority != "emergency"
    assert shipped.route("后山红彤彤一片 好像着火了 还冒烟").priority == "emergency"


@pytest.mark.parametrize("text", [
    "卖粮那家磅秤不准 在家称好的两百斤 到他那就剩一百八",  # 称好的: weighed, no 好的 of assent
    "俺想开个无犯罪证明 给国外那边用 派出所说不归他们开",  # a paper wanted abroad, an office here
    "想和外国籍对象登记结婚 民政局说材料不全 咋办",  # one's own registration
])
def test_the_53rd_sessions_reports_are_never_dropped(shipped: Router, text: str) -> None:
    """A short weight told with 称好的, and one's own errand for a paper or a registration that a place abroad
    wants, are reports here (registered, or asked about), never taken for an acknowledgement or news of there."""
    assert shipped.route(text).report is not False


@pytest.mark.parametrize(("text", "lead"), [
    ("My grandson's class has fifty-eight kids crammed into one room", "education"),
    ("They charged me 80 yuan to park for two hours at the scenic spot, no price sign anywhere", "market"),
    ("Someone keeps stealing the parcels from our doorstep, three gone this month", "public_security"),
    ("The driver on route 3 skipped our stop twice this week and just waved at us", "transport"),
    ("The couple next door scream at each other every night and bang on our shared wall", "mediation"),
    ("Our radiators have been lukewarm all week and the heating company never picks up", "housing"),
    ("The old lady in 2-302 lives alone and hasn't been eating properly, her son is abroad", "welfare"),
    ("The doctor at the township clinic gave my son the wrong dose and they won't admit it", "health"),
])
def test_the_54th_sessions_english_reports_reach_their_handler(shipped: Router, text: str, lead: str) -> None:
    """English reports the rules' English words found nothing in (a crowded class, a parking fee with no price sign,
    parcels stolen) went unsure to the street office: the chat model, which learnt English from the rounds, reads
    English now; the rules' words stand where they are sure."""
    d = shipped.route(text)
    assert d.lead == lead and d.report is not False


@pytest.mark.parametrize("text", [
    "In case the water is ever cut at the weekend, who should we phone?",
    "In case there's ever a power cut at night, who do we ring? Just asking ahead, everything's fine now",
    "Should there be a typhoon warning, where does the village gather?",
    "Thanks so much for sorting the gate, the new lock works great",
])
def test_the_54th_sessions_english_what_ifs_and_thanks_make_no_ticket(shipped: Router, text: str) -> None:
    """A what-if asked in English of an ordinary matter (in case…, should there be…) is a what-if, as one of an
    emergency is: a model that hears the matter in it does not register it; thanks for a thing mended are thanks."""
    assert shipped.route(text).report is not True


@pytest.mark.parametrize("text", ["thanks but the lift is still broken", "Thanks. The lift is still broken",
                                  "thank you, the lift broke down again"])
def test_the_54th_sessions_english_thanks_with_a_problem_now_are_registered(shipped: Router, text: str) -> None:
    """The report head learnt English thanks as chat and scored these 0.03-0.06: it doubts an English report only
    when the words name the matter alone (thanks, the bus tips worked), not what is wrong with it too."""
    assert shipped.route(text).report is True


@pytest.mark.parametrize(("text", "lead"), [
    ("有人掉到水库里了 他不会游泳 快来人", "fire"),  # fell in, cannot swim: a drowning
    ("两个工人在基坑里被埋住了", "housing"),  # buried on a building site: a collapse
    ("水库边上浮着个东西 像是个人", "police"),  # something floating that looks like a person
    ("两个学生昨晚到现在还没找到", "police"),  # not found since last night
    ("我爸说好中午该回来了 到现在联系不上", "police"),  # overdue and unreachable
    ("个仔六点放学 而家八点仲未返 电话打唔通", "police"),  # Cantonese: school out at six, not back at eight
    ("暴雨 水灌进店里了 已经淹到小腿", "urban_mgmt"),  # a flood into a shop, calf-deep
    ("The fire exit at the back of the karaoke bar has been chained shut all week and it's packed every night",
     "fire"),
])
def test_the_54th_sessions_emergencies_in_our_words(shipped: Router, text: str, lead: str) -> None:
    """The thirty-seventh round's missed emergencies, in our words: someone fallen into a reservoir who cannot
    swim, workers buried in a pit, a thing floating that looks like a person, children not found since last night or
    not back from school with the phone unanswered, a husband overdue who cannot be reached, water calf-deep in a
    shop, an English fire exit chained shut said thirty letters after 'exit'."""
    d = shipped.route(text)
    assert (d.lead, d.priority) == (lead, "emergency")


@pytest.mark.parametrize("text", ["冷得我牙齿直打架", "今天在家杀了条草鱼 血流了一地 腥死了",
                                  "拉沙子的车跑得飞快 车斗里一路往下掉沙"])
def test_the_54th_sessions_no_alarm(shipped: Router, text: str) -> None:
    """Teeth that 'fight' in the cold are no fight; a fish's blood on the floor is no one bleeding; sand shed from a
    truck is a thing that fell, which no emergency head raises."""
    assert shipped.route(text).priority != "emergency"


def test_the_54th_sessions_a_nurses_wrong_medicine_is_a_report(shipped: Router) -> None:
    """拿错 is a lost-and-found word (someone took the wrong bag); a nurse who gave the wrong medicine (拿错了药) is
    a matter for the health bureau, not an offer among neighbours."""
    d = shipped.route("医院护士拿错了药 我妈输了半瓶才发现")
    assert d.report is not False and d.lead == "health"


@pytest.mark.parametrize(("text", "lead"), [
    ("有个男的坐在桥栏杆上 一直往下看 叫他也不理", "police"),  # on a railing looking down, unanswering
    ("对面6楼窗台上站了个小孩 窗户开着", "children"),
    ("小孩掉进工地那个积水坑里了", "children"),
    ("路灯杆倒了 电线泡在积水里", "power"),
    ("我爸喘不过气 嘴唇都紫了", "public_health"),  # breathless and blue
    ("老街那边冒浓烟 好像是一排老房子", "fire"),  # smoke, and what it comes from
    ("电焊的火星掉到纸箱上 已经着了", "fire"),
    ("河水漫到街上 一楼店铺全进水了", "urban_mgmt"),
    ("楼道被杂物堵死了 人下不去", "fire"),  # a stair blocked dead: no way out
    ("两个人在江心洲上钓鱼 水涨上来了 回不来了", "fire"),  # cut off by rising water
    ("我家伢儿出去四个钟头了 电话打不通", "police"),
    ("老人上山砍柴 到现在还没下来 电话打不通", "police"),
])
def test_the_54th_sessions_thirty_eighth_round_emergencies_in_our_words(shipped: Router, text: str,
                                                                       lead: str) -> None:
    """The thirty-eighth round's missed emergencies, in our words: someone on a railing or a wall looking down who
    cries or will not answer; a child standing on a sill (Wu 小人 too) or fallen into a pit of water; a wire lying in
    water; breathless with blue lips; smoke said to come from houses; sparks that have caught; a flood into shops;
    a stair blocked dead; anglers cut off on a river island; a child out for hours or an old man not down from the
    hill, unreachable."""
    d = shipped.route(text)
    assert (d.lead, d.priority) == (lead, "emergency")


@pytest.mark.parametrize("text", ["新装的水表一直在跳 装表的说没问题", "电动车刚买就刹不住 卖车的讲没得事",
                                  "给孩子办入学证明 跑了三趟还缺东西 学籍在老家那边"])
def test_the_54th_sessions_reports_are_never_dropped(shipped: Router, text: str) -> None:
    """An all-clear given by the one who did the job (卖车的讲没得事, 送气的讲没得事) clears nothing, as the shop's
    or the property's does; being turned away for a paper still missing (跑了三趟还缺东西) is an errand here,
    whichever place far away holds the rest."""
    assert shipped.route(text).report is not False


@pytest.mark.parametrize(("text", "lead"), [
    ("管理费的事下回再说 楼下煤气臭得要死 谁家在漏", "gas"),  # a gas smell after a fee, said as a stink
    ("Lost my walking partner near the summit, she hasn't answered her phone in two hours and it's getting dark",
     "police"),
    ("山上有三个驴友下不来了 天黑了 手机快没电", "fire"),  # hikers who cannot get down: a rescue
    ("田埂边的沟里有个人趴着 人都僵了", "police"),  # someone stiff in a ditch: a death found
    ("老公吃了山上捡的野菇 吐了好几回 人都软了", "public_health"),  # wild mushrooms, vomiting, limp
    ("采茶的在山坳里看见一个人 没气了", "police"),
    ("工业区那个仓库冒好大的黑烟", "fire"),  # a warehouse pouring black smoke
    ("有个男的在大桥上哭 鞋都脱了 一直往下看", "police"),  # shoes off on a bridge, looking down
])
def test_the_55th_sessions_emergencies_in_our_words(shipped: Router, text: str, lead: str) -> None:
    """The thirty-ninth round's missed emergencies, in our words: a gas smell said as a stink (臭得要死) after a
    fee put off; a hiking partner unanswering at dusk, in English; hikers who cannot get down (Wu 下弗来 too); a body
    stiff in a ditch or found with no breath; wild mushrooms (野菇) and vomiting until limp; a warehouse pouring black
    smoke; someone crying on a bridge with their shoes off, looking down."""
    d = shipped.route(text)
    assert (d.lead, d.priority) == (lead, "emergency")


@pytest.mark.parametrize("text", [
    "医保报销的材料交了三个月 一分钱都没回来",  # money not back is no one missing
    "The lift in block 2 stopped between floors last night, nobody was in it, still not fixed",
    "楼上阳台掉下来一个花盆 差一点砸到人",  # a near miss: feared, not an emergency now
    "祠堂屋顶塌了一角 没人修 再不修就没了",  # a roof corner fallen long since, nobody under it
    "孩子出生锁骨骨折 医院说是正常情况",  # a dispute with a hospital, not an injury now
    "电梯按了没反应 一直停在五楼 两天了",  # a button with no response is no one unconscious
    "拉石头的车撒了一路石子 我车玻璃都崩裂了",
    "刚接到电话说我女儿在学校打伤了人 要我马上转钱 我打给女儿才知道是骗子",  # a scam call, no fight
    "那几家饭店后厨全是明火 灭火器一个都没有",  # a hazard, not a fire
    "砖窑烟从早冒到晚 衣服晒外面都熏黑了",  # smoke all day from a kiln: pollution
])
def test_the_55th_sessions_no_false_alarm(shipped: Router, text: str) -> None:
    """Things the thirty-ninth round's writers did not call emergencies and the rules did: money that never came
    back (没回来 is a missing person's word), a lift stopped with nobody inside (in English), a flowerpot that
    nearly hit someone, an old roof corner fallen with nobody in danger, a birth injury the hospital calls normal, a
    lift button with no response (没反应), gravel shed on a road (路石, close to 落石), a scam call that says a
    child hurt someone, open flames in kitchens, a kiln's smoke from morning to night. Each is still a report."""
    d = shipped.route(text)
    assert d.priority != "emergency" and d.report is not False


@pytest.mark.parametrize("text", ["谢谢物业把下水道通了，就是通完厨房那股味还在",
                                  "村里的祠堂常年锁着，想借来办个活动都借不到"])
def test_the_55th_sessions_thanks_and_locked_halls_are_reports(shipped: Router, text: str) -> None:
    """A thank-you that goes on to a smell still there (味还在) is a report, as one that says 还是臭 is; a hall kept
    locked all year round (常年锁着) is a complaint, whatever invitation to rehearse is said beside it."""
    assert shipped.route(text).report is True


@pytest.mark.parametrize("text", ["刚才那个烟是楼下在熏腊肉，大家莫慌", "刚才说的煤气味，是我家在炒辣椒，不好意思哈",
                                  "18年山竹那回，河边的树倒了一大片，后来大家一起种回去了"])
def test_the_55th_sessions_alarms_explained_and_years_told_make_no_ticket(shipped: Router, text: str) -> None:
    """Whoever raised an alarm a moment ago explains it and calms all (刚才那个烟是…莫慌): no ticket; a typhoon's
    year named before 那回 is a time told (18年山竹那回), as 18年那回 is."""
    assert shipped.route(text).report is not True


@pytest.mark.parametrize("text", ["刚才那个烟是三楼着火了 莫慌", "刚才说的是楼下着火了 别慌 快下楼"])
def test_the_55th_sessions_an_alarm_explained_as_a_fire_is_one(shipped: Router, text: str) -> None:
    """An explanation that names the fire itself, or calls all to leave, stays an emergency."""
    assert shipped.route(text).priority == "emergency"


@pytest.mark.parametrize(("text", "lead"), [
    ("接到个电话说是京东客服 要给我退款 叫我下载个软件", "police"),
    ("我妈手机上被装了个软件 卡里的钱全被转走了", "police"),
    ("一个群天天拉人投资民宿众筹 我舅投了三万 现在群主不说话了", "police"),
])
def test_the_55th_sessions_frauds_reach_the_police(shipped: Router, text: str, lead: str) -> None:
    """A caller who says he is customer service and wants an app installed; money transferred out of a card; a
    crowd-funding group whose host fell silent after the money went in: frauds, for the police."""
    d = shipped.route(text)
    assert d.lead == lead and d.report is not False


@pytest.mark.parametrize(("text", "lead"), [
    ("楼道里堆满了竹子 三楼的人根本下不来", "fire"),  # a stair stacked full: no way down
    ("整栋楼都是液化气味 好几家都闻到了", "gas"),
    ("细伢一个人跑到水塘边上去了 那水很深", "children"),  # a child alone by deep water
    ("东门那片发大水了 一楼都淹了 有个老太还没出来", "urban_mgmt"),  # flooded, someone not out
    ("My neighbour was bitten by a snake in the tea field, her ankle is swelling up", "public_health"),
    ("我阿公在田里倒了 叫弗醒", "public_health"),  # Wu 叫弗醒: will not wake
    ("河滩石头上趴着个人 一动不动 好像没气了", "police"),
    ("桥上有个小伙子 一直哭 身子往外探", "police"),
])
def test_the_55th_sessions_fortieth_round_emergencies_in_our_words(shipped: Router, text: str, lead: str) -> None:
    """The fortieth round's missed emergencies, in our words: a stair stacked full so those above cannot get down;
    a smell of bottled gas (液化气味); a child alone by deep water; a flood with someone not out yet; a snakebite, in
    English; someone fallen who will not wake (Wu 叫弗醒, 叫否醒); someone face down and still, with no breath; someone
    crying on a bridge, leaning out."""
    d = shipped.route(text)
    assert (d.lead, d.priority) == (lead, "emergency")


@pytest.mark.parametrize("text", ["烧菜烧糊了 差点把厨房点着 哈哈 以后不进厨房了",
                                  "My head is literally on fire after these exams 😂", "烦死了 我家两个娃从早吵到晚",
                                  "你们看这视频 北方那边发大水 车都漂起来了"])
def test_the_55th_sessions_figures_and_sighs_make_no_ticket(shipped: Router, text: str) -> None:
    """A kitchen that nearly caught fire, laughed about after; a head 'on fire' after exams; one's own children
    squabbling all day, sighed over; a video of a flood in another part of the country: no ticket."""
    assert shipped.route(text).report is not True


@pytest.mark.parametrize("text", ["小区消防栓里没水，上次演练的时候就没水", "外地来收茶叶的用假钞 好几户都收到了"])
def test_the_55th_sessions_reports_beside_notice_and_ack_words_are_kept(shipped: Router, text: str) -> None:
    """A hydrant found dry at a drill (演练的时候就没水) is dry still: a report, not a drill's notice; counterfeit
    notes taken (收到了 beside 假钞) are a fraud, not an acknowledgement."""
    assert shipped.route(text).report is True


@pytest.mark.parametrize(("text", "lead"), [("水龙头一开出来的是黄色的 放了好久还是这样", "water"),
                                           ("爬到九楼我妈歇了三回 那个铁盒子又不动了", "property")])
def test_the_55th_sessions_matters_named_without_their_word(shipped: Router, text: str, lead: str) -> None:
    """Tap water coming out yellow is the water company's, whatever shop sold the tap; a climb to the ninth floor
    with three rests, and the 'iron box' stopped again, is the lift."""
    d = shipped.route(text)
    assert d.lead == lead and d.report is True


def test_the_55th_sessions_a_wu_question_is_asked() -> None:
    """伐 ends a Wu question as 吗 does: 卫生服务站中午休息伐 asks, it complains of nothing."""
    router = Router(load_rulebook())
    assert router.route("社区卫生服务站中午休息伐").report is None


@pytest.mark.parametrize(("text", "lead"), [
    ("修路把电缆挖断了 线头就露在外面 边上还有小孩", "power"),
    ("车库里有烟冒上来 呛得很", "fire"),
    ("走廊全系烟 楼梯都睇唔到", "fire"),  # Cantonese and Hakka 系: is
    ("河水漫上来了 沿河那排房子一楼全部淹了", "urban_mgmt"),
    ("夜市那边一伙人拿着棍子对打", "police"),
    ("后山有山火 风往村子这边吹", "fire"),
    ("小孩掉入工地的泥浆池了", "children"),
    ("厂里砰的一声 然后好大的火", "fire"),
    ("有人站在楼顶要跳", "police"),
    ("河沟里有一个人 不会动了 身上冷冷的", "police"),
    ("隔壁那个又在拍某 拍甲哀哀叫", "women"),  # Minnan 拍某: beating his wife
    ("有个人游出去回不来了 在水里扑腾", "fire"),
])
def test_the_55th_sessions_forty_first_round_emergencies_in_our_words(shipped: Router, text: str,
                                                                       lead: str) -> None:
    """The forty-first round's missed emergencies, in our words: a cable dug through with its ends bare; smoke coming
    up from a basement or garage; a stair 'all smoke' in Cantonese and Hakka (全系烟); ground floors flooded all
    along a river; a fight with sticks; a hill fire (山火, a word no list had); a child fallen into a slurry pit
    (掉入, Minnan 跋落去); a bang and then a great fire; someone on a roof about to jump; someone in a ditch who
    does not move and is cold; a wife being beaten, in Minnan; a swimmer who cannot get back."""
    d = shipped.route(text)
    assert (d.lead, d.priority) == (lead, "emergency")


@pytest.mark.parametrize("text", ["老公把我的花瓶打碎了 心疼死了", "无代志了 是阮灶脚烧焦一锅饭 免惊",
                                  "明天考试 今晚紧张得火烧屁股"])
def test_the_55th_sessions_no_ticket_for_broken_vases_and_burnt_rice(shipped: Router, text: str) -> None:
    """A vase a husband broke is no beating; 'nothing's wrong now' in Minnan (无代志了) calls off a burnt pot; a fire
    'burning the bottom' (火烧屁股, 火烧尻川) is hurry, no fire."""
    assert shipped.route(text).report is not True


@pytest.mark.parametrize("text", ["村里有人搞什么茶叶基金 说投十万一年分红三万 我叔已经投了",
                                  "楼下直播间半夜还在喊家人们 喊到两点 睏不去", "招聘写的月薪七千 去了才两千五"])
def test_the_55th_sessions_reports_that_sound_like_chat_or_offers_are_kept(shipped: Router, text: str) -> None:
    """A 'fund' promising a fifth a year (a scheme, no fund's swing sighed over); a live-stream room shouting at
    night (直播间 beside a sleepless night is no shop's offer); a job advert whose pay shrank once one went: reports."""
    assert shipped.route(text).report is True


def test_the_56th_sessions_dialect_words_read_as_mandarin() -> None:
    """The normal form reads more Hokkien, Min Dong, Wu and Hakka as the Mandarin the rules are written in: people
    who 相拍 or 拍起来 fight, but a video that 拍起来好看 is still filmed; 犹咧 is still at it, 无看着 lost from
    sight, 跋落 a fall; Fuzhou 丈夫侬 is a man and 伲囝 a child; Hakka 𠊎 is I and 细人 a child."""
    assert normalize("两个丈夫侬拍起来了") == "两个男人打起来了"
    assert normalize("这段视频拍起来好看") == "这段视频拍起来好看"
    assert normalize("水犹咧涨 到膝头了") == "水还在涨到膝盖了"
    assert normalize("伊一下就无看着矣") == "他一下就不见了"
    assert normalize("阿伯跋落水沟") == "阿伯摔下水沟"
    assert normalize("𠊎屋下个细人") == "我屋下个小孩"
    assert normalize("伲囝今旦发烧") == "小孩今天发烧"
    assert normalize("格瓦斯") == "格瓦斯"


@pytest.mark.parametrize(("text", "lead"), [
    ("菜市场门口两个丈夫侬拍起来了 有一个头上在流血", "police"),
    ("仓库后面两个工人相拍 一个手里拿着柴刀", "police"),
    ("阿公喷药了后倒落去 嘴口吐白泡", "public_health"),
    ("阮囝仔佇菜市场一下就无看着矣 五岁 穿红衫", "police"),
    ("鱼塘里浮一个人", "police"),
    ("小孙子吃了虾以后 嘴唇肿起来 喘不过气", "public_health"),
    ("My roommate swallowed a lot of pills and won't open her door", "police"),
    ("我弟发了条朋友圈说对不起大家 现在手机关机了", "police"),
    ("我爸坐错车了 说在一个不认得的地方 电话现在打不通", "police"),
])
def test_the_56th_sessions_emergencies_in_our_words(shipped: Router, text: str, lead: str) -> None:
    """The forty-second round's missed emergencies, in our words: a fight said in Min (拍起来, 相拍) with blood or a
    machete; a sprayer fallen and foaming (Hokkien 倒落去, 吐白泡); a child lost from sight in a crowd (无看着); a
    body floating in a pond (Hokkien 浮一个人); lips swollen and no breath after eating; an overdose behind a door,
    in English; a farewell post and a phone switched off; an old man on the wrong bus, unreachable."""
    d = shipped.route(text)
    assert (d.lead, d.priority) == (lead, "emergency")


@pytest.mark.parametrize("text", ["瓦斯罐一直咻咻响 阀门关了犹咧漏", "做大水矣 水入厝到膝头 犹咧涨"])
def test_the_56th_sessions_hissing_gas_and_rising_water_are_emergencies(shipped: Router, text: str) -> None:
    """A gas bottle hissing (咻咻) and still leaking, and water in the house to the knee and still rising, said in
    Hokkien, are emergencies once 犹咧 reads as 还在."""
    assert shipped.route(text).priority == "emergency"


def test_the_56th_sessions_a_lorry_bound_elsewhere_is_a_report_here(shipped: Router) -> None:
    """A place a lorry is bound for (往福建那边运木头的车) is no news from there: the overloaded lorry passes here."""
    assert shipped.route("往福建那边运木头的车 超载得厉害 天天从村口过 看着心惊").report is True


def test_the_56th_sessions_a_childhood_fall_is_told(shipped: Router) -> None:
    """A fall in one's childhood told in Hokkien (细汉的时…跋落去) is a story, no ticket."""
    assert shipped.route("阮细汉的时佇溪边跋落去过一摆 阿公共阮拖起来").report is not True


@pytest.mark.parametrize(("text", "lead"), [
    ("小人一个人爬到窗台外面了 屋里没大人 六楼", "children"),
    ("孙子食了花生 脸肿起来了 喘否过气", "public_health"),
    ("伊食醉了 门锁起来拍我 我躲在房间 救命", "women"),
    ("隔壁阿伯又在拍老婆 女的一直哭 碗都摔了", "women"),
    ("We were kayaking and my brother got stuck under a rock, we can't pull him out", "fire"),
    ("雨太大 水从水沟里漫到好几户人家屋里 床都浸了", "urban_mgmt"),
])
def test_the_56th_sessions_forty_third_round_emergencies_in_our_words(shipped: Router, text: str, lead: str) -> None:
    """The forty-third round's missed emergencies, in our words: a child (Wu 小人) on a window ledge with nobody home;
    a face swollen and no breath after eating (Wenzhou 喘否过气); a drunk husband beating her behind a locked door
    (Hokkien 食醉, 拍我) and a neighbour beating his wife (拍老婆); someone pinned under a rock in a river, in English;
    water spilling into several homes."""
    d = shipped.route(text)
    assert (d.lead, d.priority) == (lead, "emergency")


@pytest.mark.parametrize("text", [
    "我们做小孩的时候哪有校车 走一个钟头山路去上学",
    "还记得当年糖厂失火 烧了两天两夜 我爸去救火 手上现在还有疤",
    "这个娃哭得整栋楼都要塌了 哈哈",
])
def test_the_56th_sessions_childhoods_scars_and_figures_make_no_ticket(shipped: Router, text: str) -> None:
    """A childhood told (做小孩的时候), a fire of long ago whose scar is still there (现在还有疤 is no trouble now),
    and a baby crying 'fit to bring the building down' make no ticket."""
    assert shipped.route(text).report is not True


def test_the_56th_sessions_a_child_who_cannot_find_a_teacher_is_not_missing(shipped: Router) -> None:
    """A child who wants to learn and cannot find a teacher (小孩想学都找不着老师) is not a missing child."""
    d = shipped.route("村里的木偶戏没人教了 小孩想学都找不着老师")
    assert d.priority != "emergency" and d.report is True


def test_the_56th_sessions_a_wu_child_and_a_villain() -> None:
    """Wu 小人 is a child; a villain (卑鄙小人), a comic (小人书) and a poisonous mushroom's visions (看见小人) keep it;
    Hokkien 拍我 is 打我, but a photograph (拍我家) and a pat (拍拍我) stay."""
    assert normalize("小人爬到窗台上") == "小孩爬到窗台上"
    assert normalize("卑鄙小人 小人书 看见小人") == "卑鄙小人小人书看见小人"
    assert normalize("他食醉了拍我") == "他喝醉了打我"
    assert normalize("拍我家门口 拍拍我") == "拍我家门口拍拍我"


@pytest.mark.parametrize(("text", "lead"), [
    ("山脚下草丛里发现一个人 身上都臭了", "police"),
    ("A small boy is walking alone along the highway, maybe four, crying, no adults anywhere", "children"),
    ("Three kids are playing at the edge of the reservoir by the dam, no adults anywhere", "children"),
    ("I haven't seen her for two days and nobody answers her door, she lives alone", "police"),
    ("沿街一排店面水都进去了 河水还在漫", "urban_mgmt"),
    ("吃完喜酒好多人呕 有几个站都企唔稳", "public_health"),
    ("楼下那间好臭 门反锁 好几日没见里面的人出来", "police"),
    ("Our raft capsized below the weir, two of us are holding onto rocks in the water", "fire"),
    ("老房子的瓦片一直掉 下面就是学校门口", "housing"),
    ("The air conditioner bracket on the third floor snapped and the unit is dangling over the sidewalk", "housing"),
])
def test_the_56th_sessions_forty_fourth_round_emergencies_in_our_words(shipped: Router, text: str, lead: str) -> None:
    """The forty-fourth round's missed emergencies, in our words: a body found that smells; English children alone
    by a highway or deep water with no adults; an English neighbour unseen for days who answers no knock; shops
    flooded with the river still spilling; a banquet's guests vomiting and unsteady (Cantonese 企唔稳); a locked
    room that stinks, its tenant unseen for days (日 as 天); an English raft capsized with people on the rocks;
    tiles falling onto a school gate; an English air conditioner dangling over the pavement."""
    d = shipped.route(text)
    assert (d.lead, d.priority) == (lead, "emergency")


@pytest.mark.parametrize("text", [
    "捡到一串钥匙 放在保安室了 谁的去拿",
    "谁家孩子把水壶落在篮球场了 我放门卫那里了",
    "快手看到外省有人被困电梯 吓死人",
    "There was a big fire in Guangzhou on the news, our relatives there are all fine",
    "今仔日烧甲欲冒烟",
    "组长催到我头壳冒火",
])
def test_the_56th_sessions_lost_property_news_and_figures_make_no_ticket(shipped: Router, text: str) -> None:
    """Lost property kept for its owner (捡到…放在保安室) is a notice; a video or English news of elsewhere is no
    emergency here; Hokkien 烧甲欲冒烟 (hot) and 催到我头壳冒火 (hurried) are figures."""
    assert shipped.route(text).report is not True


def test_the_56th_sessions_a_hall_locked_all_year_is_a_report(shipped: Router) -> None:
    """A hall locked all year round (一年到头锁门) that cannot be borrowed for a rehearsal is a complaint, not an
    invitation to rehearse."""
    assert shipped.route("村里的活动室一年到头锁门 想借来排练腰鼓都借不到").report is True


def test_the_56th_sessions_a_branch_over_the_sidewalk_is_no_collapse(shipped: Router) -> None:
    """A branch hanging over the sidewalk is the city's to cut, a report and no collapse; an air conditioner or a
    railing hanging there is one."""
    d = shipped.route("A tree branch cracked in the storm and is hanging over the sidewalk")
    assert d.priority != "emergency" and d.report is True


def test_the_56th_sessions_a_house_that_smokes_is_a_fire(shipped: Router) -> None:
    """A house (屋头) that smokes is a fire, though 头壳冒烟 (a head 'smoking') is a figure: 头壳 reads as 脑壳,
    never as 头, or the figure's words would take in 屋头冒烟."""
    d = shipped.route("隔壁阿婆屋头冒烟 门锁着 喊不应")
    assert (d.lead, d.priority) == ("fire", "emergency")


@pytest.mark.parametrize("text", ["被蜜蜂蛰了一下 有点肿", "孩子在窗台上玩 窗户关着的"])
def test_the_56th_sessions_a_mild_sting_and_a_shut_window_are_no_emergency(shipped: Router, text: str) -> None:
    """A bee sting 'a little swollen' and a child playing on a sill behind a shut window are no emergency; a sting
    with a swollen face and no breath, a snakebite however mild, and a child standing on the sill are."""
    assert shipped.route(text).priority != "emergency"


@pytest.mark.parametrize("text", ["孩子被蜜蜂蛰了 脸肿起来了 喘不过气", "被蛇咬了一口 有点肿",
                                  "孩子站在窗台上 窗户关着的 在扒窗"])
def test_the_56th_sessions_a_bad_sting_a_snakebite_and_a_child_on_the_sill_are(shipped: Router, text: str) -> None:
    """The other side of the line above: each stays an emergency."""
    assert shipped.route(text).priority == "emergency"


def test_the_57th_sessions_hokkien_and_teochew_words_read_as_mandarin() -> None:
    """The typhoon (风台), a Teochew child (孥囝), a window (窗仔), home (到厝) and 无 before coming back, answering
    or being there (到今无转, 电话无接, 大人拢无伫咧) read as the Mandarin the rules are written in; a notice not
    passed on (通知无转) and contactless (无接触) stay as they are, and 落水 where the washing comes in is rain."""
    assert normalize("风台过了") == "台风过了"
    assert normalize("孥囝爬出窗仔") == "小孩爬出窗"
    assert normalize("阿公到今无转 电话也无接") == "阿公到今没回电话也没接"
    assert normalize("还无到厝") == "还没到家"
    assert normalize("大人拢无伫咧") == "大人都不在"
    assert normalize("通知都无转") == "通知都无转"
    assert normalize("无接触配送") == "无接触配送"
    assert normalize("落水了 快收衫") == "下雨了快收衫"


@pytest.mark.parametrize(("text", "lead"), [
    ("有个孥囝爬到窗仔外面 站在四楼的雨篷上", "children"),
    ("阿嬷透早去菜园 到今无转 电话也无接 伊八十几了", "police"),
    ("阮孥囝放学一点钟了还无到厝 老师讲早就走了", "police"),
    ("风台来 隔壁旧厝的墙都倒了 屋顶整片吹走", "housing"),
    ("溪水漫堤了 下面几户屋全进水", "urban_mgmt"),
    ("My son is having an asthma attack and the inhaler ran out, he can't breathe", "public_health"),
    ("孥囝爬去天台水箱边仔 大人拢无伫咧", "children"),
])
def test_the_57th_sessions_forty_fifth_round_emergencies_in_our_words(shipped: Router, text: str, lead: str) -> None:
    """The forty-fifth round's missed emergencies, in our words: a Teochew child (孥囝) out of a window (窗仔); a
    grandmother not back (到今无转) and not answering (无接); a child not home (无到厝) after school; a wall down and
    a roof blown off whole after a typhoon (风台); a river over its bank (漫堤) into homes; an asthma attack with the
    inhaler empty, in English; a child by a rooftop tank with no grown-up there (无伫咧)."""
    d = shipped.route(text)
    assert (d.lead, d.priority) == (lead, "emergency")


@pytest.mark.parametrize("text", [
    "在超市碰到老朋友 十几年没见了",
    "刚才那只走丢的猫 主人已经抱回去了 大家不用找了",
    "落水了 快收衫",
    "日头炎到我整个人要烧起来",
    "【转】外省那边暴雨 车都漂起来了 视频吓人",
])
def test_the_57th_sessions_a_friend_met_a_cat_found_rain_and_forwarded_news_make_no_ticket(
        shipped: Router, text: str) -> None:
    """An old friend met at a supermarket, a lost cat taken home (大家不用找了), rain with the washing to bring in
    (落水了 快收衫), a hot sun 'setting me on fire', and news forwarded (【转】) make no ticket."""
    assert shipped.route(text).report is not True


def test_the_57th_sessions_a_forwarded_call_to_run_is_an_emergency(shipped: Router) -> None:
    """A forwarded message is someone else's words, asked about; one that calls everyone to run is passed on as an
    emergency all the same."""
    d = shipped.route("转发：3栋着火了 大家快跑")
    assert (d.report, d.priority) == (True, "emergency")


def test_the_57th_sessions_a_friend_met_then_a_hazard_is_a_report(shipped: Router) -> None:
    """Someone met (碰到老同学) before a problem is named is still the problem's report."""
    assert shipped.route("在公园碰到老同学聊了半天 对了 公园滑梯的铁皮翘起来了 割到小孩的手").report is True


def test_the_57th_sessions_fuzhou_words_read_as_mandarin() -> None:
    """Fuzhou 侬 is a person after the words that count or name one (有侬, 毛侬, 一个侬), not Wu's 侬 for you (侬好);
    毛 is 没 before coming back or answering (毛转来, 毛侬应), not hair (毛病, 金毛); 依公 is 阿公 but 依公司 stays;
    Hokkien 我囝 is my child, and 边边 the edge."""
    assert normalize("船上还有侬") == "船上还有人"
    assert normalize("敲门毛侬应") == "敲门没人应"
    assert normalize("我依公涨潮了还毛转来") == "我阿公涨潮了还没回来"
    assert normalize("侬好") == "侬好"
    assert normalize("电表有毛病 大金毛") == "电表有毛病大金毛"
    assert normalize("依公司规定") == "依公司规定"
    assert normalize("我囝发烧") == "我孩子发烧"
    assert normalize("坐在楼顶边边") == "坐在楼顶边上"


@pytest.mark.parametrize(("text", "lead"), [
    ("电线垂到三轮车棚上了 里面有人在", "power"),
    ("过道堆满纸箱 整个堵死了 楼上闻到焦味", "fire"),
    ("安全出口被货架堵住了 还上了锁", "fire"),
    ("孙子跟同学去江边钓鱼 天都黑了还联系不上", "police"),
    ("我依嬷早起去赶海 到现在还毛转来", "police"),
    ("渔船边有侬掉海里了", "fire"),
    ("水往厝里灌 床脚都泡了", "urban_mgmt"),
    ("My grandma fell on the stairs and can't move, there's blood on the floor", "public_health"),
    ("A boy is in the water by the pier and going under", "children"),
    ("Two kids are climbing the crane on the building site", "children"),
    ("有个阿伯坐在天台边边 一直哭", "police"),
])
def test_the_57th_sessions_forty_sixth_round_emergencies_in_our_words(shipped: Router, text: str, lead: str) -> None:
    """The forty-sixth round's missed emergencies, in our words: a wire down on a shed with people in it; a blocked
    stair and a smell of burning; an exit blocked and locked; a child unreachable after dark; a grandmother not back
    from the shore (Fuzhou 毛转来); someone fallen into the sea (有侬); water pouring into a house (往厝里灌); a fall
    with blood and no moving, a child going under, children climbing a crane, in English; someone crying on a
    rooftop's edge (边边)."""
    d = shipped.route(text)
    assert (d.lead, d.priority) == (lead, "emergency")


@pytest.mark.parametrize("text", [
    "上面那个讲漏水的 是几号楼啊",
    "The video of the flooded tunnel going around is from another province, not ours",
    "Thanks to the workers for clearing the blocked gutter this morning!",
    "想起来98年发大水 我们村淹到屋顶 全家坐在门板上漂了一夜",
    "我外甥在外地打工 两年没回来过年了",
])
def test_the_57th_sessions_asked_of_another_news_thanks_and_memories_make_no_ticket(
        shipped: Router, text: str) -> None:
    """A question about someone else's message (上面那个讲…的 是几号楼), a video from elsewhere in English, thanks
    for clearing a gutter, a flood remembered (想起来98年…), and a nephew who has not come home for New Year make
    no ticket."""
    assert shipped.route(text).report is not True


@pytest.mark.parametrize("text", [
    "网上买的茶叶 收到跟视频里的不一样 全是碎末",
    "不是着火 是后面的厂天天烧垃圾 黑烟呛死人",
    "有侬来看下吗",
])
def test_the_57th_sessions_goods_not_as_shown_and_burning_on_purpose_are_heard(shipped: Router, text: str) -> None:
    """Goods not as the video showed them are a loss here, whatever the video; smoke that is 'no fire' but rubbish
    burnt every day is a complaint; someone asked to come and look, in Fuzhou (有侬来看), is asked what about, as
    有人来看下吗 is. None is dropped."""
    assert shipped.route(text).report is not False


def test_the_57th_sessions_trees_cut_down_are_no_one_hurt(shipped: Router) -> None:
    """A windbreak 'cut down by someone' (被侬砍了一大片) is trees felled, no one hacked: no emergency."""
    d = shipped.route("海边的防风林被侬砍了一大片")
    assert d.priority != "emergency" and d.report is True


def test_the_57th_sessions_cantonese_and_teochew_words_read_as_mandarin() -> None:
    """Cantonese 郁 is to move (唔郁, 冇郁得), 细仔 and 细妹 a small child, 出紧 giving off now, 畀电 held by the
    current, 入水 water coming in (收入水平 stays an income); Teochew 底块 is where, 食药 pills (食药监局 stays)."""
    assert normalize("个人浮喺水面唔郁") == "个人浮在水面不动"
    assert normalize("半边手冇郁得") == "半边手动不了"
    assert normalize("车里面锁住个细仔") == "车里面锁住个小孩"
    assert normalize("窗口出紧烟") == "窗口在冒烟"
    assert normalize("畀电电住") == "被电电住"
    assert normalize("堤边啲屋已经入水") == "堤边些屋已经进水"
    assert normalize("收入水平") == "收入水平"
    assert normalize("大人唔知去底块") == "大人不知去哪里"
    assert normalize("食药监局") == "食药监局"


@pytest.mark.parametrize(("text", "lead"), [
    ("先唔讲停车费 5座有烟从窗口出嚟 快啲", "fire"),
    ("阿嬷食错药 而家呕个不停 脸青青", "public_health"),
    ("细仔爬出阳台栏杆外面 好危险", "children"),
    ("河边有人被水卷走 冇见上来", "fire"),
    ("好大烟 楼梯冇法出去", "fire"),
    ("超市门口架车入面锁住个细妹 车窗关晒", "children"),
    ("My son was in the lobby five minutes ago and now he's gone, please help", "police"),
    ("佢发信息话要食药走 打佢电话冇人接", "police"),
    ("江边有条尸浮住", "police"),
    ("有个男人拉住个细仔往车上拖", "children"),
    ("工地宿舍出紧黑烟 仲有人喺入面瞓觉", "fire"),
    ("阿伯喺田边畀电电住 仲未放手", "power"),
    ("阿公跌落坑 躺住冇郁 叫佢都冇应", "public_health"),
    ("佢又打我 锁住门唔俾我出 救我", "women"),
    ("两条村嘅人打起上嚟 砖头乱飞", "police"),
    ("山泥倾落嚟 墙都推歪咗 屋里还有老人", "housing"),
    ("细蚊仔跌落河 冇见佢上来", "children"),
    ("我哋被人锁喺天台 门打唔开", "fire"),
])
def test_the_57th_sessions_forty_seventh_round_emergencies_in_our_words(shipped: Router, text: str, lead: str) -> None:
    """The forty-seventh round's missed emergencies, in our words, most in Cantonese, Teochew and Hakka: smoke out
    of a window, the wrong pills and vomiting, a child outside a balcony railing, someone swept away, thick smoke
    and no way out, a child locked in a car, an English child gone, a message about taking pills to go, a body
    floating (浮住), a child dragged to a car, a dormitory giving off smoke (出紧) with people asleep, a man held by
    the current (畀电电住), a fall and no answer (冇郁, 冇应), a partner beating her behind a locked door, villages
    fighting, a wall pushed askew by a slide with an old man inside, a kid (细蚊仔) fallen in a river, people locked
    on a roof."""
    d = shipped.route(text)
    assert (d.lead, d.priority) == (lead, "emergency")


@pytest.mark.parametrize("text", [
    "今晡日热到头那冒烟",
    "冷气开到最大都冇用 地球要烧起来了",
    "头先以为着火 原来系隔篱阿婆烧衣纸",
    "今晡日又落水 衫晒唔干",
])
def test_the_57th_sessions_hakka_figures_rain_and_offerings_make_no_ticket(shipped: Router, text: str) -> None:
    """A Hakka head (头那) 'smoking' in the heat, the earth 'about to burn', a fire feared that was offerings burnt
    (原来系…烧衣纸), and rain again with the washing wet make no ticket."""
    assert shipped.route(text).report is not True


@pytest.mark.parametrize("text", [
    "多谢物业上次通咗渠 想问下球场啲灯几时整",
    "健身房办咗张卡 而家转让 新老板冇认",
])
def test_the_57th_sessions_a_thanks_that_asks_on_and_a_card_refused_are_reports(shipped: Router, text: str) -> None:
    """A thank-you that goes on to ask when another thing is fixed (想问下…几时整), and a prepaid card the new owner
    refuses (Gou-lou 冇认), are reports."""
    assert shipped.route(text).report is not False


def test_the_57th_sessions_a_girl_over_a_bridge_railing_is_a_suicide_risk(shipped: Router) -> None:
    """A young woman (妹子) over a bridge's railing stays the police's: only a balcony's railing makes a child's
    danger of it."""
    d = shipped.route("桥上有个妹子翻到栏杆外面 一直在哭")
    assert (d.lead, d.priority) == ("police", "emergency")


def test_the_57th_sessions_more_cantonese_hakka_and_min_words_read_as_mandarin() -> None:
    """Cantonese 火烛 is a fire, 入屋 into the house (渗水入屋 only seeps), 晕去 a faint (头晕去卫生站 is dizzy and
    gone to the clinic), 爬唔起身 cannot get up; Hakka 偃 is I (偃旗息鼓 stays) and 转屋 home; Min 无回 not back,
    乌烟 black smoke (乌烟瘴气 stays)."""
    assert normalize("三楼火烛") == "三楼着火"
    assert normalize("水入屋了") == "水进屋了"
    assert normalize("窗台渗水入屋") == "窗台渗水到屋里"
    assert normalize("热到晕去") == "热到晕过去"
    assert normalize("头晕去卫生站") == "头晕去卫生站"
    assert normalize("偃个孙冇转屋") == "我个孙没回家"
    assert normalize("偃旗息鼓") == "偃旗息鼓"
    assert normalize("阿公四个钟无回") == "阿公四个钟没回"
    assert normalize("冒乌烟 乌烟瘴气") == "冒黑烟乌烟瘴气"


@pytest.mark.parametrize(("text", "lead"), [
    ("车间有个工人手畀机器卷入去 出好多血", "public_health"),
    ("工地有人热到晕去 一直抽筋", "public_health"),
    ("5栋有烟 好呛 唔知边度烧", "fire"),
    ("阿婆出去买菜五个钟无回 伊有老人痴呆", "police"),
    ("水入屋了 阿公喺床上落唔到", "urban_mgmt"),
    ("隔篱个细路俾佢老豆打 喊到好惊", "children"),
    ("偃个孙放学冇转屋 到处寻都冇", "police"),
    ("脚手架倒咗 有工人压住", "housing"),
    ("对面屋冒乌烟 冇人在屋", "fire"),
    ("阿公行出去唔见了 八十几岁 着灰色衫", "police"),
    ("细妹喺河边玩 一转头就唔见人", "police"),
    ("阿嬷跌喺厕所爬唔起身", "public_health"),
])
def test_the_57th_sessions_forty_eighth_round_emergencies_in_our_words(shipped: Router, text: str, lead: str) -> None:
    """The forty-eighth round's missed emergencies, in our words: a hand caught in a machine and bleeding, a worker
    fainted in the heat and cramping, smoke and nobody knows where it burns, an elder with dementia not back, water
    in the house and an elder who cannot get down, a child beaten and crying out, a grandchild not home from school
    (Hakka 转屋, 寻), a worker pinned under fallen scaffolding, black smoke from a house nobody is in, an elder
    walked out and gone, a child gone at a turn of the head, a fall and no getting up (爬唔起身)."""
    d = shipped.route(text)
    assert (d.lead, d.priority) == (lead, "emergency")


@pytest.mark.parametrize("text", [
    "我老公打鼻鼾好似打雷咁",
    "头先仲以为火烛 原来系隔离烧腊铺烧猪",
    "今日热到要死 马路都冒烟",
    "My aunt sent a video of a flood in another province, so sad",
])
def test_the_57th_sessions_snores_roast_pork_heat_and_a_relatives_video_make_no_ticket(
        shipped: Router, text: str) -> None:
    """A husband's snoring (打鼻鼾), a 'fire' that was a roast-meat shop, a road 'smoking' in the heat, and a video a
    relative sent from elsewhere make no ticket."""
    assert shipped.route(text).report is not True


@pytest.mark.parametrize("text", [
    "有人冒认亲戚加微信借钱 我阿妈转了三千过去",
    "收购商压价压到两毛一斤 几个老板串通好的",
])
def test_the_57th_sessions_money_sent_and_prices_fixed_are_not_dropped(shipped: Router, text: str) -> None:
    """Money sent to someone met on WeChat (转了三千过去) is a loss, whatever was offered; buyers 'agreed among
    themselves' (串通好的) is no acknowledgement (好的)."""
    assert shipped.route(text).report is not False


def test_the_57th_sessions_cantonese_choking_flooding_and_dusk_read_as_mandarin() -> None:
    """Cantonese 哽亲 is choking and 唔透得气 no breath, 入晒水 and 浸晒 water all through, 条片 a clip, 崩落嚟 a
    slope giving way, 天都乌了 dark already; 出唔到 is left as it is (塞到出唔到 is traffic, no one trapped)."""
    assert normalize("食花生哽亲 唔透得气") == "食花生噎到透不过气"
    assert normalize("地下车库入晒水") == "地下车库全进水"
    assert normalize("一楼浸晒 老人出唔到") == "一楼全浸了老人出不到"
    assert normalize("日日塞到出唔到") == "日日塞到出不到"  # (traffic: 出唔到 is no one trapped)
    assert normalize("天都乌了") == "天都黑了"


@pytest.mark.parametrize(("text", "lead"), [
    ("鱼塘边个草堆度有个人 死咗 好臭", "police"),
    ("细路仔爬上货场啲钢管 啲钢管开始滑", "children"),
    ("隔篱阿伯几日冇出声 敲门冇人应", "police"),
    ("落大雨 地下室入晒水 啲电瓶车浸紧", "urban_mgmt"),
    ("个仔食糖哽亲 唔透得气", "public_health"),
    ("后山烧山 风好大 就快烧到村", "fire"),
    ("喷农药个阿婶中毒了 呕到企唔稳", "public_health"),
    ("市场门口倒了个阿伯 唔郁", "public_health"),
    ("屋后山泥崩落嚟 墙开始裂", "housing"),
    ("阿婆出去摘菜冇返 天都乌了 佢有啲糊涂", "police"),
    ("果园后面见到个死人", "police"),
    ("河水涨入屋 一楼浸晒 阿公出唔到", "urban_mgmt"),
    ("A man just got hit by a car outside the school, he's lying there bleeding", "public_health"),
])
def test_the_57th_sessions_forty_ninth_round_emergencies_in_our_words(shipped: Router, text: str, lead: str) -> None:
    """The forty-ninth round's missed emergencies, in our words, most in Cantonese and Hakka: a body that stinks
    (死咗), a child on stacked pipes that slide, a neighbour silent for days who answers no knock, a basement taking
    water (入晒水, 浸紧), choking (哽亲), a hill fire nearly at the village, pesticide poisoning, an old man down and
    not moving, a slope giving way (崩落嚟), an elder not back at dusk (冇返, 天都乌了), a body seen, a ground floor
    flooded with an old man inside (出唔到), an English road accident."""
    d = shipped.route(text)
    assert (d.lead, d.priority) == (lead, "emergency")


def test_the_57th_sessions_a_lost_dog_is_no_missing_person(shipped: Router) -> None:
    """A dog lost for two days (走失) is asked after, no missing person and no emergency."""
    assert shipped.route("有冇人见到一只白色唐狗 走失两日了").priority != "emergency"


def test_the_57th_sessions_a_dead_rat_that_stinks_is_no_death(shipped: Router) -> None:
    """'Someone said a rat died in there, it stinks' names a dead animal, no person: no death found."""
    assert shipped.route("有人说死了一只老鼠在夹层里 好臭").priority != "emergency"


def test_the_58th_sessions_hainanese_child_and_hakka_rain_read_as_mandarin() -> None:
    """Hainanese 侬仔 (细侬仔) is a child; Hakka and Cantonese 一阵落水 is a shower of rain, no one fallen in."""
    assert normalize("海边有个细侬仔") == "海边有个小孩"
    assert normalize("一阵日头一阵落水") == "一阵日头一阵下雨"


@pytest.mark.parametrize(("text", "lead"), [
    ("江水涨得好快 下面那几户已经进水了", "urban_mgmt"),
    ("隔壁阿伯几天没出门 从窗口看他躺在地上不动", "public_health"),
    ("几个小孩爬上工地的木料堆 木头在摇 快冧了", "children"),
    ("那个男人喝了酒 抓着他老婆头发往外拖", "women"),
    ("楼下那间房好臭 好几天没见过那个租客 门从里面锁着", "police"),
    ("烧荒的火过了山头 往我们村这边来", "fire"),
    ("沙滩上躺着一个人 浪冲上来都不动", "police"),
    ("细侬仔在河边玩 被水冲走了", "children"),
])
def test_the_58th_sessions_fiftieth_round_emergencies_in_our_words(shipped: Router, text: str, lead: str) -> None:
    """The fiftieth round's missed emergencies, in our words: a river rising into homes, an old man seen lying on
    the floor, children on a swaying pile of timber (冧), a wife dragged by the hair, a stink and a tenant unseen for
    days behind a locked door, a grass fire coming this way, a body the waves do not move, a child swept away."""
    d = shipped.route(text)
    assert (d.lead, d.priority) == (lead, "emergency")


@pytest.mark.parametrize("text", [
    "以前这里是一片荒地 现在又种上树了 好看",
    "今晚的比赛打起来了 好精彩",
    "看到网上有段视频 深圳有个仓库着火 好吓人",
    "阿婆煮了糖水 有冇人嚟食",
    "这几天一阵落水一阵出太阳",
    "谢谢燃气师傅 上回漏气的阀门已经换好了 现在都没问题",
])
def test_the_58th_sessions_again_a_match_a_video_an_invitation_rain_and_a_part_replaced_make_no_ticket(
        shipped: Router, text: str) -> None:
    """Trees planted again, a match that heats up (打起来), a video of a fire in a city away, sweet soup offered (有冇人
    嚟食: anyone coming?), sun and showers, thanks for a valve replaced: no ticket."""
    assert shipped.route(text).report is not True


@pytest.mark.parametrize(("text", "lead"), [
    ("健身房办了卡 现在老板失联了 卡里还有三千", "market"),
    ("煤气火苗细细的 烧个水要好久", "gas"),
    ("楼下的消防栓被人打开放水 地上全是水", "fire"),
    ("去办事大厅问低保 上班时间总找不到人", None),
])
def test_the_58th_sessions_an_owner_gone_a_thin_flame_a_hydrant_opened_and_an_empty_office_are_no_emergency(
        shipped: Router, text: str, lead: str | None) -> None:
    """A gym's owner gone with the cards (失联), a thin gas flame (火苗细细), a hydrant someone opened (被人打开), an
    office where no one is ever found (总找不到人): registered, none an emergency."""
    d = shipped.route(text)
    assert d.report is True and d.priority != "emergency" and lead in (None, d.lead), d


def test_the_58th_sessions_a_train_coming_is_no_fire(shipped: Router) -> None:
    """火车往村这边来了 is a train, no fire coming."""
    assert shipped.route("火车往村这边来了").priority != "emergency"


def test_the_58th_sessions_a_matter_sent_from_office_to_office_is_the_inspection_offices(shipped: Router) -> None:
    """Sent from the town to the village and back (镇里说去村里 村里说回镇里): passed round, the inspection office's."""
    d = shipped.route("开个无房证明 镇里说去村里 村里说回镇里 跑了三趟")
    assert (d.report, d.lead) == (True, "district_office")


def test_the_58th_sessions_toneless_pinyin_reads_as_chinese() -> None:
    """Pinyin typed for want of a Chinese keyboard (dian ti guan le ren, kuai lai) reads as the words it spells, in
    compounds no English word holds."""
    assert normalize("dian ti guan le ren, kuai lai") == "电梯关了人,快来"
    assert normalize("tingdian le, xiexie") == "停电le,谢谢"  # (le alone is too short to read)


@pytest.mark.parametrize(("text", "lead"), [
    ("后山有人烧荒 火跑到山上去了 杉树林都着了", "fire"),
    ("dian ti kun zhu le, li mian you ren, kuai lai", "fire"),
    ("孙仔畀狗咬咗 咬到手 好多血", "public_health"),
    ("小孩被热水烫到 手上起了好多水泡", "public_health"),
    ("My dad is stuck in the office lift between floors", "fire"),
    ("砍柴砍到自己的腿 血流不止", "public_health"),
])
def test_the_58th_sessions_fifty_first_round_emergencies_in_our_words(shipped: Router, text: str, lead: str) -> None:
    """The fifty-first round's missed emergencies, in our words: a hill fire in the woods, a lift with someone inside
    typed in pinyin, a dog's bite bleeding hard, a scald that blisters, an English lift stuck in an office; and a man
    who cut himself chopping wood is hurt, no one attacked."""
    d = shipped.route(text)
    assert (d.lead, d.priority) == (lead, "emergency")


@pytest.mark.parametrize("text", [
    "听说邻县有个小孩掉水塘里了 大家看好自己家小孩",
    "救命 这个酸笋好好吃",
    "我老公做饭 厨房像打仗一样 救火啊哈哈",
    "新开的奶茶店 扫码进群送一杯",
])
def test_the_58th_sessions_a_warning_heard_praise_a_joke_and_an_advert_make_no_ticket(shipped: Router,
                                                                                      text: str) -> None:
    """A child fallen in somewhere else, heard of and passed on as a warning; 救命 over a tasty dish; 救火 laughed at
    over a husband's cooking (a kitchen like a battlefield); a shop's scan-to-join offer: no ticket."""
    assert shipped.route(text).report is not True


@pytest.mark.parametrize(("text", "lead"), [
    ("开个证明 派出所话要村委盖章 村委话要派出所先开", "district_office"),
    ("医院把我妈的病看错了 现在要讨个说法", None),
    ("公益岗位招聘 名单早就内定了 走过场而已", None),
    ("谢谢物业把水管修好了 就系修完以后楼道的灯被拆了没装回去", None),
])
def test_the_58th_sessions_a_referral_back_a_misdiagnosis_a_fixed_hiring_and_a_thanks_then_a_loss_are_reports(
        shipped: Router, text: str, lead: str | None) -> None:
    """One office sends to the other, which sends back (the inspection office's); a hospital's mistake (把…看错了: no
    message of one's own taken back); a hiring fixed in advance (no job offered); a thank-you that turns (就系) to a
    lamp taken away and not put back: registered."""
    d = shipped.route(text)
    assert d.report is True and lead in (None, d.lead), d


@pytest.mark.parametrize("text", ["网购的腊肉收到全发霉了", "电视广告讲这个酒包治百病 我爸信了 一箱一箱买"])
def test_the_58th_sessions_goods_come_spoilt_and_an_advert_believed_are_never_dropped(shipped: Router,
                                                                                      text: str) -> None:
    """Goods that come spoilt (收到全发霉了: no receipt acknowledged) and a television advert a father believed and
    bought from: a loss here, registered or asked, never dropped."""
    assert shipped.route(text).report is not False


@pytest.mark.parametrize(("text", "lead"), [
    ("河边几个细路在游泳 有一个被冲走了", "children"),
    ("There's an old man lying on the pavement, breathing but he won't respond", "public_health"),
    ("个女成晚冇返 手机关机 先十三岁", "police"),
    ("我老妈去菜地之后就冇返 电话打唔通 天都黑了", "police"),
    ("有个后生仔喺桥上 翻过栏杆", "police"),
    ("厂里有个储罐冒黄烟 好呛 工人都在咳", "fire"),
    ("鱼塘边有个人 已经没气了", "police"),
    ("楼道好臭 好似煤气 整层都是这个味", "gas"),
])
def test_the_58th_sessions_fifty_second_round_emergencies_in_our_words(shipped: Router, text: str, lead: str) -> None:
    """The fifty-second round's missed emergencies, in our words: a swimmer carried off, an English man breathing
    but not responding, a girl out all night with her phone off, a mother not back at dark, someone over a bridge's
    railing, a tank giving off smoke with workers coughing, someone found not breathing, a smell like gas."""
    d = shipped.route(text)
    assert (d.lead, d.priority) == (lead, "emergency")


@pytest.mark.parametrize(("text", "lead"), [
    ("小卖部卖烟给小学生", "children"),
    ("天光四点隔壁的公鸡就开始叫 日日如此", "environment"),
    ("There's a wasp nest under our window", "public_health"),
    ("猪场的粪水排落水沟 臭到村口", "ecology"),
    ("管道燃气开户要等一个月 我屋都装修好了", "gas"),
    ("茶厂请人摘茶 讲好日结 做咗十日都未见钱", "hrss"),
    ("消防栓开出来没水 上次演习先知道", "fire"),
    ("老旧小区改造 街道推给住建 住建又推回给街道", "district_office"),
])
def test_the_58th_sessions_fifty_second_round_reports_go_to_their_handler(shipped: Router, text: str,
                                                                           lead: str) -> None:
    """Cigarettes sold to pupils (the children's committee, as most writers label it), a rooster before dawn, an
    English wasps' nest, slurry drained into a ditch (排落水沟: no one fallen in), a gas account slow to open beside
    a flat done up (装修好了: nothing repaired), pickers unpaid (未见钱: no job offered), a hydrant dry at a drill
    gone by (no drill announced), a matter pushed back and forth: registered with their handler, none an emergency."""
    d = shipped.route(text)
    assert (d.report, d.lead) == (True, lead) and d.priority != "emergency", d


@pytest.mark.parametrize("text", ["饿到个胃着火", "落水了 快收衫"])
def test_the_58th_sessions_a_hungry_figure_and_rain_make_no_ticket(shipped: Router, text: str) -> None:
    """A stomach 'on fire' with hunger is a figure; 落水了 快收衫 is rain and the washing: no ticket."""
    assert shipped.route(text).report is not True


@pytest.mark.parametrize(("text", "lead"), [
    ("有人在撬我家的门 我一个人在家 好怕", "police"),
    ("吃了山上采的野菌 一家人都在吐", "public_health"),
    ("对门冒好浓的黑烟 敲门没人应", "fire"),
    ("楼顶的瓦片不停掉下来 下面是人行道 学生放学都走这里", "housing"),
    ("商场里找不到我的女儿 五岁 穿白裙子", "police"),
    ("小孩放鞭炮点着了门口的柴堆", "fire"),
    ("在市场找不到我个侬仔 三岁", "police"),
])
def test_the_58th_sessions_fifty_third_round_emergencies_in_our_words(shipped: Router, text: str, lead: str) -> None:
    """The fifty-third round's missed emergencies, in our words: a break-in with someone alone at home, wild
    mushrooms and a family vomiting, a neighbour's home pouring black smoke, tiles falling again and again over a
    walkway, a child not found told with an age or clothes (个侬仔: a child, no Fuzhou person), a pile lit by
    firecrackers."""
    d = shipped.route(text)
    assert (d.lead, d.priority) == (lead, "emergency")


@pytest.mark.parametrize("text", [
    "Thanks for fixing the gate! By the way the corridor light on 5F is out again",
    "有人在村里开会讲投资养老项目 一年翻一倍 好多老人都交了钱",
    "公益岗位 名额全给了熟人 面试都没有",
    "网上有人卖茶叶 用了我们合作社的牌子",
])
def test_the_58th_sessions_a_thanks_by_the_way_a_fund_a_fixed_hiring_and_a_borrowed_name_are_reports(
        shipped: Router, text: str) -> None:
    """English thanks that go on 'by the way' to another fault; a fund that doubles in a year with money paid (no
    market's swing told); places given to acquaintances (no job offered); goods sold online under our name (no
    advert): registered."""
    assert shipped.route(text).report is True


def test_the_58th_sessions_someone_elses_fire_seen_on_a_phone_makes_no_ticket(shipped: Router) -> None:
    """抖音刷到别人家着火: someone else's fire seen on a phone, no ticket."""
    assert shipped.route("抖音刷到别人家着火 消防车好快").report is False


@pytest.mark.parametrize("text", ["都发登革热预警了 也不见人来喷药 蚊子多到不行",
                                  "网上买的粽子说是手工包 收到明显是机器的"])
def test_the_58th_sessions_a_warning_unheeded_and_goods_not_as_described_are_never_dropped(shipped: Router,
                                                                                           text: str) -> None:
    """A dengue warning out and no one come to spray (预警了也不见人来: no warning passed on); goods that came
    plainly not as described (收到明显是…: no receipt acknowledged): registered or asked, never dropped."""
    assert shipped.route(text).report is not False


def test_the_58th_sessions_a_bag_stuck_in_the_lift_door_is_no_one_trapped(shipped: Router) -> None:
    """English 'my bag got stuck in the lift door' names a thing stuck, no one trapped: no emergency; 'my son is
    stuck in the lift' still is one."""
    assert shipped.route("My bag got stuck in the lift door this morning").priority != "emergency"
    assert shipped.route("My son is stuck in the lift").priority == "emergency"


@pytest.mark.parametrize(("text", "lead"), [
    ("佢又郁手打我 我匿咗喺冲凉房锁住门", "women"),  # Cantonese: he hits me again, I hide locked in the bathroom
    ("车位嘅事迟啲先讲 而家二楼走廊有火 快啲", "fire"),  # a fire in the corridor, beside a parking space
])
def test_the_59th_sessions_emergency_head_heard_the_rounds(shipped: Router, text: str, lead: str) -> None:
    """The starter's emergency head now learns from the rounds written blind as well as our file: it hears the
    emergencies the rules' words miss in the ways the rounds' writers tell them (here in Cantonese), and raises
    them."""
    d = shipped.route(text)
    assert (d.report, d.lead, d.priority) == (True, lead, "emergency"), d
    assert d.raised, d  # the model's hearing, not the rules' words


@pytest.mark.parametrize(("text", "lead"), [
    ("隔壁厂在烧边角料 黑烟往屋里灌", "ecology"),  # someone burning waste on purpose: no fire
    ("谁家在烧垃圾 烟都飘到三楼了", "ecology"),
    ("楼上漏水到我家 去敲门没人应", "property"),  # a leak, the neighbour out: nobody feared for, nor elder care
    ("卫生间顶上渗水 楼上敲门没人应", "property"),
    ("花盆从楼上掉下来砸中我的车", "public_security"),  # a thing onto a car, nobody hit
    ("纸箱堆在配电箱旁边 挨着就是煤气罐", "fire"),  # a hazard told by where things are kept
])
def test_the_59th_sessions_hazards_the_head_learnt_from_the_rounds_does_not_raise(shipped: Router, text: str,
                                                                                  lead: str) -> None:
    """Learnt from the rounds, the emergency head hears more, and more of what is no emergency: smoke from what
    someone burns on purpose, a leak whose neighbour does not answer the door, a thing fallen onto a car with
    nobody hit, a hazard told by where things are kept are registered with their handler, never raised (the rules'
    own words still make emergencies of them when a fire, a smell or someone hurt is said)."""
    d = shipped.route(text)
    assert (d.report, d.lead) == (True, lead) and d.priority != "emergency", d


def test_the_59th_sessions_anger_in_the_heart_is_a_figure(shipped: Router) -> None:
    """心头一直冒火 is anger, masked as a figure before the rules and the models look: no fire."""
    from rules.normalize import unsaid

    assert "冒火" not in unsaid(normalize("我心头一直冒火 这个月物业费又涨了"))
    assert shipped.route("我心头一直冒火 这个月物业费又涨了").priority != "emergency"
    assert shipped.route("我心里好慌，楼下冒火了").priority == "emergency"  # fear beside a fire


def test_the_59th_sessions_two_words_and_a_row_of_emoji_are_no_emergency_of_the_models(shipped: Router) -> None:
    """⚽⚽⚽ 赢咗！！ (we won!) was ticketed as a fire: the emergency head learnt that !! is urgent. A message of
    fewer than four letters or characters besides its emoji and punctuation is raised by the rules' words alone."""
    d = shipped.route("⚽⚽⚽ 赢咗！！")
    assert d.report is not True and d.priority != "emergency", d
    assert shipped.route("🔥🔥🔥 救命！！").priority == "emergency"


@pytest.mark.parametrize(("text", "lead"), [
    ("阿爷锯木割到脚 血止唔到", "public_health"),  # bleeding that will not stop (止唔到)
    ("后山泥石冲落来 压住三间屋", "housing"),  # a slope come down onto homes
    ("有个男人喺巷口拎住个细路打 打到流血", "children"),  # a child beaten bloody in the street
    ("阿嫲有老人痴呆 今朝出去到而家都冇返 着红色外套", "police"),  # dementia, out since morning, what she wore
    ("个女喺商场一转身就唔见咗 四岁 着粉红色衫", "police"),  # a child gone, told by age and clothes
    ("水浸到成条村 啲车都浮起身", "urban_mgmt"),  # cars afloat
    ("个仔食完烧烤 呕到冇力 脸都白晒", "public_health"),  # vomiting until weak and pale after a meal
    ("仓库后门俾纸箱堵死 入面啲工人出唔到", "fire"),  # an exit blocked with people inside
    ("Someone is screaming for help inside the locked garage", "fire"),
    ("河堤塌落去一段 旁边几间屋墙都裂开", "housing"),  # a bank fallen in, walls cracking beside it
    ("河边有具尸体漂上来", "police"),  # a body washed up
    ("外墙啲瓷砖一块块跌落嚟 下面成班细路喺度玩", "housing"),  # tiles falling where children play
])
def test_the_59th_sessions_emergencies_of_round_55_in_our_words(shipped: Router, text: str, lead: str) -> None:
    """Round 55's missed emergencies in our words (Cantonese and Hakka, mostly): bleeding that will not stop, a slope
    onto homes, a child beaten bloody, an elder with dementia or a child gone told by age and clothes, cars afloat,
    vomiting until weak and pale, an exit blocked with workers inside, English screaming for help from inside, a bank
    fallen in with walls cracking, a body washed up, tiles falling where children play."""
    d = shipped.route(text)
    assert (d.report, d.lead, d.priority) == (True, lead, "emergency"), d


@pytest.mark.parametrize("text", [
    "我外婆讲98年发大水 成条村都浸晒",  # an elder's story of a year long past
    "I thought the kitchen was on fire but it was just my toast",  # a false alarm, said so
    "上次电梯困人嗰单物业处理得好快，要赞下",  # that time (嗰单), praised
    "今日好晒 喺外面站一下就冒烟",  # the heat, a figure
    "谁家有用不完的毛线 想给老人织围巾",  # spare things asked of neighbours
    "专业清理屋顶落叶 价格优惠 有需要联系",  # an advert
])
def test_the_59th_sessions_stories_false_alarms_figures_and_adverts_make_no_ticket(shipped: Router, text: str) -> None:
    """An elder telling of a flood in 98, an English 'I thought it was on fire but it was just…', a Cantonese 'that
    time' (嗰单) praised, standing a moment outside 'and smoking' in the heat, spare things asked of neighbours, and an
    advert are no tickets."""
    assert shipped.route(text).report is not True


def test_the_59th_sessions_an_elder_fainted_and_a_scar_still_there(shipped: Router) -> None:
    """An elder fainted (外公喺公园度晕咗: 晕咗 alone is often a figure) is an emergency; a scar still there from a fire
    of that year (那疤到现在还在) is a story, no ticket. Both had flipped as the starter was retrained."""
    d = shipped.route("外公喺公园度晕咗")
    assert (d.report, d.lead, d.priority) == (True, "public_health", "emergency"), d
    assert shipped.route("那年仓库着大火 我爸去救火 手上那疤到现在还在").report is not True
