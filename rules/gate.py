"""Is this message a report? The gate before a ticket is opened.

A community room carries more than reports: greetings, thanks to the staff, "收到", forwarded notices,
questions about an event, emoji. The gate judges each message from its words and from what the
classifier found in it:

* **a report** (``True``) when it names a matter specifically or says something is wrong (坏了, 没人管,
  一直, 投诉 ...), or is long enough to be one; an emergency always is;
* **not a report** (``False``) when it is only social (greeting, thanks, acknowledgement, chit-chat),
  a thank-you for something fixed, a forwarded notice or news, an offer among neighbours (something for
  sale or found, a shared ride, an advert with a phone number), a question with no matter in it, or no
  words at all;
* **unsure** (``None``) otherwise: a short message with no sign either way. The bot asks.

It never turns away a message that names a matter and says something is wrong with it: on the city
letters of the evaluation set (every one a report) it says "not a report" for none.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from typing import NamedTuple

import ahocorasick_rs

from rules.classifier import SCAN, Classification
from rules.normalize import english as in_english
from rules.normalize import normalize, unsaid
from rules.rulebook import Intake
from rules.sieve import Sieve

REPORT, EMERGENCY, UNSURE = "report", "emergency", "unsure"
STORY = "story"  # unsure as well: a story told or a time long past; asked about, never registered on a model's word
WHAT_IF = "what_if"  # unsure as well: a what-if asked (要是着火了往哪跑); asked about, never on a model's word
VAGUE = "vague"  # unsure as well: something is wrong, but with what is not said (那个东西又坏了); the bot asks what
AFTERMATH = "aftermath"  # a report: a danger over and done with, and a complaint of what came after (抢救过来了…
# 医院说跟他们没关系): for the matter's ordinary handler, never an emergency
FEARED = "feared"  # a report: the matter is there now, the harm its urgent words name only feared (树枝断了吊着，怕砸到
# 人) or missed by a hair (差一点砸到人): for its handler, never an emergency
GREETING, THANKS, ACK, CHAT = "greeting", "thanks", "ack", "chat"
DONE = "done"  # no report: the matter is done, said with no thanks (不用处理了): for its handler in its thread
NOTICE, QUESTION, NOISE, OFFER = "notice", "question", "noise", "offer"
_ONE_WORD_DROPS = frozenset((OFFER, GREETING))  # no report by one word: see Gate.judge
MATTER_CLAUSE = 4  # characters: rule evidence this long is a phrase of a matter (see Gate.judge)
ASIDE = "aside"  # the finder's kind of words said aside (a story, a joke, an invitation, a sigh): not a judgement
HELP, PROGRESS = "question_help", "question_progress"  # questions the bot can answer itself
KINDS = (REPORT, EMERGENCY, UNSURE, STORY, WHAT_IF, VAGUE, AFTERMATH, FEARED, GREETING, THANKS, ACK, CHAT, DONE, NOTICE,
         QUESTION, NOISE, OFFER, HELP, PROGRESS)  # every kind of judgement (each has its words in the catalogue)
LONG = 30  # characters: a message this long that is neither social nor a notice is taken as a report

_GREETINGS = ("你好", "您好", "大家好", "早上好", "早安", "上午好", "中午好", "下午好", "晚上好", "晚安", "在吗",
              "在不在", "有人吗", "hello", "新年快乐", "节日快乐", "中秋快乐", "春节快乐", "快乐", "祝大家", "祝各位",
              "欢迎", "新搬来", "新来的", "身体健康", "万事如意", "过年好", "拜年", "拜个早年", "拜早年", "拜个晚年")
_THANKS = ("请大家吃", "乐得", "乐坏了", "高兴坏了", "人怪好的", "人真好", "人非常好", "人灰常好", "下次还来住",
           "好得很", "蛮好听", "真好听", "走运",
           "点个赞", "夸一下", "得夸", "谢谢", "感谢", "多谢", "做得蛮好", "做得好", "做得不错", "多亏", "幸亏有",
           "蛮方便", "挺方便", "很方便", "真方便", "谢了", "辛苦了", "辛苦", "点赞", "给力", "效率真高", "效率高",
           "可日能", "真日能", "不赖不赖",  # (Jin 日能: able)
           "好评", "感恩", "thanks", "thank", "太好了", "真棒", "为你们", "效率可以", "效率还可以", "效率还行",
           "效率挺高", "好事", "讲得挺好", "讲得好", "讲得真好", "受教育了", "人蛮好", "好耐心", "很耐心", "蛮耐心",
           "真是好人", "是个好人", "大好人", "锦旗", "请大家喝", "速度可以",
           "速度挺快", "麻烦了", "麻烦你了", "麻烦您了", "麻烦你们了", "麻烦大家了", "服务不错", "服务真好", "挺不错",
           "真不错", "来得蛮快", "来得快", "来得很快", "来得挺快", "挺客气", "很客气", "蛮客气", "挺负责", "很负责",
           "蛮负责", "人不错", "人挺好", "强多了", "比去年强", "好多了")
_ACKS = ("收到", "好的", "好滴", "知道了", "明白", "了解", "嗯嗯", "ok", "okay", "好吧", "没问题", "对的", "是的",
         "看到了", "好嘞", "好咧", "得嘞", "好叻")
_EXACT = frozenset({"好", "对", "行", "是", "嗯", "哦", "可以", "hi", "yes", "no", "1", "2", "3"})  # alone only
# the same in English, the whole message (normalised: no spaces, lower case, no punctuation)
_EXACT_EN = {**dict.fromkeys(("hi", "hello", "hey", "hieveryone", "helloeveryone", "hiall", "helloall", "goodmorning",
                              "goodmorningeveryone", "goodevening", "goodnight", "happynewyear"), GREETING),
             **dict.fromkeys(("thanks", "thankyou", "thx", "thanksalot", "thankyousomuch", "thanksforyourhelp",
                              "thankyouforyourhelp", "manythanks"), THANKS),
             **dict.fromkeys(("ok", "okay", "noted", "gotit", "received", "sure", "allright", "alright"), ACK)}
# English said only to be social, greetings and thanks together (normalised: no spaces): nothing else in it
_SOCIAL_EN = Sieve(r"(?:hello|hi|hey|dear|salaam|salam|assalamu?|alaikum|alaykum|inshallah|mashallah|"
                   r"everyone|everybody|all|guys|folks|neighbou?rs?|good(?:morning|"
                   r"afternoon|evening|night)|thank(?:s|you)?|thx|so|very|much|alot|really|again|for|the|your|"
                   r"help|support|hard|work|you|have|a|nice|great|lovely|weekend|day|holiday)+")
_CHAT = ("进八强", "进四强", "进决赛", "夺冠了", "拿了冠军", "得了冠军",  # (村BA进八强了: a win, no report)
         "好听", "听不腻", "雾好大", "雾太大了", "大雾天",
         "唠会嗑", "唠唠嗑", "唠嗑", "拿了一等奖", "拿了二等奖", "拿了三等奖", "拿奖了", "得奖了",
         "好热闹", "舒坦", "最舒服", "最安逸", "最巴适", "最惬意", "最自在",
         "狼人杀", "剧本杀", "发群里了", "一起去", "笑死", "谝", "闲传", "羡慕", "群名", "你们去不",
         "去不去", "求推荐", "火得一塌糊涂", "火得不得了", "生意火爆", "最好消息", "最好的消息",
         "被窝都出不来", "出不了被窝", "老话", "又要等一年了", "舒服多了", "清净多了",
         "望眼欲穿", "老同学", "小学同学", "没回来过年", "没回家过年", "不回来过年", "回不来过年",  # (family far away)
         "一眼就认出来",
         "哈哈", "呵呵", "嘿嘿", "嘻嘻", "天气", "真好", "好香", "好美", "好看", "吃了吗",
         "吃饭了", "早点休息", "太可爱了", "不用跑营业厅", "网上就能交", "能微信交了", "微信就能交",
         "手机上就能交", "好可爱", "真可爱", "是不是只有我", "晒太阳", "投个票", "投票",
         "有没人来饮", "有没人来喝", "有没人来吃", "有没人来食",  # (煲咗糖水 有冇人嚟饮: come and have some)
         "还没睡的",
         "拉进", "拉我进", "拉进来", "进群", "加群", "拉个群", "唠嗑", "老铁们", "舍不得", "白相", "开黑", "王者",
         "打游戏",
         "吃鸡", "上分", "焯水", "出锅", "下锅", "菜谱", "国足", "球赛", "五排", "排位", "别见怪",
         "热得要疯", "热疯了",
         "热死了", "冷死了", "热死人", "冷死人", "热得要命", "冷得要命", "气死我了", "气死了", "好吃", "群主", "好乖",
         "韵味十足", "是一绝", "真是一绝", "味道一绝", "够味",
         "晒不干", "晾不干", "都不干", "整天下雨", "又下雨", "又是雨", "下雨了", "回南天", "黄风又来", "沙尘暴又来",
         "又刮黄风", "梅雨", "雨下个不停", "雨一直下", "阵下雨",
         "别发广告", "不要发广告", "别再发广告", "少发广告", "别在群里发", "黄梅天", "晒勿干",
         "又胖了", "长胖了", "减肥", "的一天", "上班去了", "上班去啦", "躺平", "deadline", "摸鱼",
         "永远的神",
         "真乖", "闹猛", "股票", "炒股", "心态崩", "打工人", "老毛病", "歇两天就好", "不想动弹", "懒得动弹",
         "免打扰", "帮我带", "大家别理", "乱按发的", "发砍一刀", "帮砍一刀", "帮我砍一刀", "名不虚传",
         "冻成狗", "冻成冰雕", "冻成冰棍", "堵成狗", "堵成球", "嘚瑟", "拿第一", "拿了第一", "抽卡", "原神")
_NOTICES = ("小知识", "小常识", "请大家提前安排", "期间暂停使用", "注意路滑", "家长看好", "家长们看好",
            "群公告", "培训笔记", "分享给大家", "小知识】", "小常识】", "安全知识", "防火知识", "小贴士", "已登记",
            "您反映的", "请家长提醒",
            "温馨提示", "特此通知", "特此公告", "敬请谅解", "敬请留意",
            "敬请关注", "通知】", "公告】", "告居民书", "致居民", "友情提醒", "重要提醒", "好消息", "气象台", "预警",
            "演练", "演习", "欢迎参加", "欢迎大家参加", "全体成员", "街道通知", "社区通知", "物业通知", "居委会通知",
            "谢谢理解", "敬请理解", "消防培训", "安全培训", "已安排", "请保持电话畅通", "深表歉意", "带来不便",
            "我们已经安排", "我们会安排", "@所有人", "提醒】", "提示】", "通告】", "须知】", "请放心乘坐", "请放心使用",
            "随时私我", "我是物业客服", "我们已经派人", "年检已完成", "请大家配合", "请各位配合", "感谢大家配合",
            "感谢配合", "有问题随时找我", "入户走访", "相互转告", "填一下问卷", "填一下这个问卷",
            "填个问卷", "请知悉")
_NOTICE_HINTS = ("带好", "接种本", "小孩的本子", "孩子的本子", "宝宝的本子", "请各楼栋长", "业主大会", "要报名的",
                 "免费体检", "改到周", "活动日",
                 "转给有需要", "别送错", "千万别", "别转账", "请家长", "提醒孩子", "请绕行", "封闭施工",
                 "家中留人", "入户安检", "请提前", "届时", "转发",
                 "的通知", "通知:", "公告:", "请广大", "请各位", "预计恢复", "计划停", "将于", "【", "现将",
                 "有关事项", "新闻", "提醒下", "提醒一下", "提醒大家", "大家注意", "扩散", "注意防范", "会停",
                 "提前接", "存一下", "有事打", "通知过了", "已经通知过", "家里留人", "来转转", "减少外出", "计划检修",
                 "做好准备", "通知是真的", "有需要的", "可以去", "留个人", "例行保养", "请走楼梯", "谢谢配合",
                 "请大家配合", "请配合", "请携带", "请各家", "检查卫生", "带身份证", "医保卡", "岁以上", "定于",
                 "张贴", "有异议", "会议室", "派个代表", "派一名代表", "通知到位", "召开", "开课", "有兴趣的",
                 "别上当", "大家别信", "从来不会", "别开门", "请带好", "注意时间", "接种日", "报名找", "派一个代表",
                 "请各户", "义诊", "带户口本", "带上户口本", "各位家长", "请带一", "派代表", "免费", "不要随便转账",
                 "转一下", "发的提醒", "提前打个招呼", "见谅",
                 "别随便转账", "每家带", "找他的去",
                 "每户带", "欢迎大家", "联欢", "想参加的", "在活动室", "大家提醒", "别给陌生人转账", "居民大会",
                 "每户来一个人", "每户来个人", "每家来一个人", "每家来个人", "报名从速", "小班教学", "欢迎报名")
# at the start: a forwarded message
_FORWARDED = ("转发", "转自", "转:", "fw:", "fwd:", "求转发", "帮忙转发", "帮转", "请转发", "帮忙扩散", "求扩散",
              "转个视频", "转一个视频", "转条视频", "转段视频", "转个新闻", "转】", "转]")
# 转 and a space first: forwarded (not 转 200块, money sent)
_FORWARD_MARK = re.compile(r"\s*转\s+(?![0-9零一二两三四五六七八九十百千万几]+(块|元|万|千))")
_STORY = ("念叨念叨", "跟大伙念叨", "跟大家念叨", "唠唠嗑", "唠个嗑", "谝个闲传", "谝一谝", "给大家讲个", "说个趣事",
          "分享一下今天", "讲个事儿听", "跟大家讲个", "讲个事")  # a story told to neighbours
# a story of long ago: the troubles it names are over
_PAST = ("说以前", "讲以前", "现在讲起来",
         "那年", "那会儿哪", "说那会儿", "我那会儿", "俺那会儿", "那会儿我", "年那会儿", "小时候", "当年",
         "我那时候", "俺那时候", "额那时候", "我那阵", "俺那阵", "他那阵", "她那阵",  # (Cantonese 嗰阵: 那阵)
         "老早阿拉", "老早我们", "老早伲", "老早吾", "老早屋里", "想起都惊", "想起都怕",  # (Wu 老早: long ago)
         "爷爷讲那", "爷爷说那", "奶奶讲那", "奶奶说那", "外婆讲那", "外公讲那",  # (told of that night)
         "细个在", "细个嗰阵", "细个时", "细个那阵", "后生那阵",
         "年轻那阵", "年轻那会",  # (Cantonese 细个: small; 喺 reads 在, 嗰 那)
         "年那次", "后生在", "谂返都惊", "想返都惊", "老照片",  # (14年那次: a year named, that time)
         "那才叫", "年轻时", "年轻的时候", "后生时", "后生的时候", "刚嫁过来那", "年轻辰光", "小辰光",
         "那辈儿", "变化大得很",
         "想当年", "现在想想", "现在想起来",
         "现在说起来", "说起来还后怕",
         "说起来都后怕", "想起来还后怕", "想起来都后怕", "想起来都怕", "我们那时候", "那时候住",
         "现在好太多了", "现在好多了", "变化太大了", "变化真大", "变化好大", "做个纪念", "留个纪念",
         "还记得", "记不记得", "历史老长", "历史可长", "有年头了", "过得真快",
         "过得好快", "过得太快", "早年", "早些年", "那时候都没", "那时候还没", "那时候哪有", "那时候连",
         "老早的事", "那个年代", "以前的事了", "好多年前", "很多年前", "好些年前", "年前的事",
         "解放前", "那辰光", "讲旧时", "说旧时", "细汉时", "细汉的时", "细个时候", "细时候", "做小孩的时候",
         "细时候", "小辰光",  # (Wu 那辰光 and 小辰光, Teochew 细汉, Hakka 细个, Xiang 细时候: young)
         "说很早以前", "讲很早以前")  # (老人说很早以前…: told; a letter's 很早以前就有句话 is no story)
# a year long past beside an emergency's words (九八年发大水…, 八几年井下冒顶): a story, not an alarm (a letter may
# tell of a decade before it complains, so only an alarm's words are set aside by it)
_BARE_YEAR = Sieve(r"[0-9零一二三四五六七八九〇]{2}年")
# who a time gone by happened to, opening its telling (我们七几年…, 我前年…, 俺家去年…)
_TELLER = r"(?:还记得|我记得|记得)?(?:我们家|我家|俺家|我们|俺们|咱们|我|俺|咱)?"  # (记得九几年那次…: remembered)
# (or an elder telling it: 我阿爷讲94年水浸…)
_TELLER += r"(?:(?:阿爷|阿嫲|阿公|阿婆|阿嬷|爷爷|奶奶|外公|外婆|姥姥|姥爷|老人家|老一辈|老辈人)(?:讲|说|话|讲过|说过))?"
_YEAR_AGO = Sieve(_TELLER +
                  # (a year told with the time in it first: 16年莫兰蒂那次 is a time, where 16年 alone may be a date)
                  r"(?:[0-9零一二三四五六七八九〇]{2}年[^。,，!！]{0,6}那会儿?|[0-9零一二三四五六七八九〇]{2}年[^。,，!！]{0,6}(那场|那次|那回)"
                  r"|^(?:19|一九)?[0-9零一二三四五六七八九〇]{2}年(?![前后底初的建盖修买造装])"
                  r"|(?<=[讲说话])(?:19|一九)?[0-9零一二三四五六七八九〇]{2}年(?![前后底初的建盖修买造装])"
                  r"|^(?:想起来?|说起来?|讲起来?)(?:19|一九)?[0-9零一二三四五六七八九〇]{2}年"  # (想起来99年发大水…)
                  r"|[五六七八九]几年|[五六七八九]十年代|前几年|那几年|头几年|那阵子|那年冬天|那年夏天|老早(?=我们|咱们|那会)"
                  # or opening with a year or two ago as the time it happened (前年落大水的时候…)
                  r"|^(?:前年|去年|大前年)[^,.!?。，！？]{0,8}(?:的时候|那会儿?|那次|那回)"
                  # or with some decades ago (十几年前我们这胡同发过一回大水)
                  r"|^(?:十几|几十|[二三四五六七八九]十[几多]?|二十|十多)年前)")
# asking after one already reported (刚才说走失的那个大爷找着了没): no new report
_FOUND_YET = Sieve(r"(找着|找到|找回来?)(了|人)?(没|没有|吗|么|冇|未)[?？啊呀呢]*$")
# opening a message: then, not now (以前这条街全是青石板路)
_BEFORE = ("以前", "从前", "很久以前", "好久以前", "旧时", "老早以前")
# happening now: an emergency's words beside them are no story of long ago (当年修的围墙今天塌了)
_NOW = ("今天", "今早", "今晚", "刚才", "刚刚", "正在", "快来", "快点", "救命", "还在", "赶紧", "马上", "现在还",
        "现在又", "现在正")
# a story still told today (老人们现在还在说, 到现在还常提起): no word of now about the danger itself
_STILL_TOLD = re.compile(r"(现在|如今|到现在|至今)?还(在|常|经常|老|总|时不时)?(说|讲|念叨|提|聊|摆)(起|这|那|呢|$)"
                         # a scar still there (手上现在还有疤): the wound is long past
                         r"|(现在|如今|到现在|至今)(都)?还(留着|有|留了)(个|块|道|一道|一块)?(疤|伤疤|疤痕)"
                         r"|(疤|伤疤|疤痕)[^。!?，,]{0,3}(现在|如今|到现在|至今)(都)?还在")
# a sigh that takes the words back (这工资…唉 算了不说了): venting, not yet a report
_VENT = ("算了不说了", "不说了不说了", "算了算了不说", "唉算了", "算了不提了", "算了算了不提", "不提了不提了")
# a danger of a time gone by that ended well: fixed since, never again, praised (…好在今年排水沟修好了;
# 后来排水改了就再没淹过，这个要点赞): told, no report
_ENDED_WELL = Sieve(r"(好在|幸好|幸亏|后来|现在|今年)[^。!?]{0,12}"
                    r"(修好了|改好了|弄好了|治好了|解决了|搞好了|整好了|换了新的|换新了|换了个新的)"
                    r"|再(也)?(没|没有|冇|无)[^。!?，,]{1,3}过|点赞|点个赞")
# a body part said to smoke or burn (打游戏打得手都冒烟了, 气得我头顶冒烟): a figure of speech, no fire
_FIGURE = Sieve(r"(?:(感觉自己|手|手指|手指头|脑子|脑袋|脑壳|头壳|脑瓜子|脑瓜|脑门|七窍|头|头顶|嗓子|喉咙|眼睛|腿|脚|"
                r"键盘|嘴|嘴巴|舌头)"
                r"(都|也)?(要|快|直|在)?"
                r"(冒烟|着火|起火|冒火|烧起来))"
                # or legs walked till they break, a rage or a bargain that makes one spit blood (腿都要断了,
                # 砍得我要吐血)
                r"|(?:腿|脚|腰|脚杆|腿杆|腰杆)(都|也)?(要|快)(断了|断掉了|废了)"
                # (a day's work or walk first: 上了一天班 累成狗 脚杆都断了)
                r"|(?:累|走|站|跑|爬|逛|上班|干活)[^。!?]{0,10}(?:腿|脚|腰|脚杆|腿杆|腰杆)(都|也)(断了|断掉了|废了)"
                # (a race run till one nearly dies: 跑了个半马 吃力煞 差点死脱)
                # (a head buzzing and 'bursting' after a long game: 打了一下午麻将 脑瓜子嗡嗡的 要炸了)
                r"|(?:脑瓜子|脑袋|脑壳|脑瓜|头)(?:都)?(?:嗡嗡的?|要炸了|快炸了)"
                # (thunder like blasting: weather, no mine)
                r"|(?:雷|打雷)[^。!?]{0,6}(?:跟|像|和)放炮"
                # (a horror film that kept one awake: no neighbour's noise)
                r"|(?:恐怖片|鬼片|恐怖电影)[^。!?]{0,12}(?:睡不着|吓)"
                r"|(?:考|成绩|分数|作业)[^。!?]{0,12}(?:要|快)吐血"
                r"|(?:跑了个?|跑完|爬完|骑完)[^。!?]{0,8}(?:半马|全马|马拉松|越野|十公里|山)[^。!?]{0,10}差点(?:死脱|累死|死掉|挂了|没命)"
                r"|(?:气|砍|累|忙|亏|赔)得(我)?(都|也)?(要|快)?吐血"
                r"|(?:my)?(?:feet|legs|head|brain|throat|mouth|tongue|hands|back)(?:are|is)onfire"
                # or a death sworn to (冻死也不回来, 饿死都不吃他家的): stubbornness, no danger
                r"|(?:冻死|饿死|累死|热死|渴死|穷死)(也|都)(不|要|得)|杀了我吧|(不吃|不恰|不喝)就要命"
                # or a crowd, a heat, a joke that nearly did for one (差点没把俺挤扁)
                r"|差点没把(我|俺|人|咱)(挤|热|冻|笑|累|晒)(扁|死|坏|晕|化)")
# come along? (今晚活动室狼人杀 来不来): an invitation names a place, not a problem
_COME_ALONG = Sieve(r"(?<![从向本原])来不来")  # (抄表的从来不来: never comes)
_INVITE = ("来不来", "去不去", "你们去不", "一起去", "缺两个人", "缺一个人", "三缺一", "约起来", "组个局",
           "来活动室", "到活动室来", "有没有一起", "越多越热闹", "一起报个班", "一起报班", "人多便宜",
           "记得来", "记得参加", "准时参加", "欢迎带娃", "欢迎带孩子", "有人来伐", "有人来吗", "有没有人来",
           "点集合", "门口集合", "下棋不", "下象棋不", "打牌不", "打扑克不", "打麻将不", "跳舞不", "钓鱼不", "爬山不",
           "喝茶不", "遛弯不", "集合排练", "集合彩排", "来排练", "排练节目", "一道去", "一道白相")
# (下午下象棋不: the Henan and northern way to ask along)
_JOKES = ("猜个谜", "猜谜", "答对发红包",
          "说个笑话", "讲个笑话", "笑话一则", "段子", "开个玩笑", "开玩笑的", "信不信", "说个好笑的", "讲个好笑的",
          "说件好笑的", "吹牛哦", "吹牛呢", "吹牛皮", "在吹牛", "打工魂")  # (打工人打工魂: a worker's joke)
JOKES = frozenset(_JOKES)  # a joke or a boast said in so many words: no emergency, whatever a model hears in it
# an emergency's words laughed about (笑死 昨晚看剧…拿刀那段): no emergency
_LAUGHING = ("笑死", "笑死我了", "笑煞", "笑死脱", "哈哈哈", "笑不活了", "笑疯了", "笑喷了", "笑出猪叫", "笑到肚",
             "笑得肚子", "🤣",
             "😄", "逗死了", "逗死我了", "啊哈哈", "呀哈哈")  # (northern 逗: funny; 救火啊哈哈: a cry, laughed at)
# a call to run or to call for help: beside it, laughter (笑死 楼下真着火了 快跑) sets no emergency aside
_CALL_TO_RUN = ("快跑", "赶紧跑", "快逃", "快出来", "快下楼", "快撤", "快报警", "快打119", "快打110", "快打120",
                "快叫救护车", "救命啊")
_CALL_TO_RUN_EN = Sieve(r"\b(?:get out now|get out!|everyone out|evacuate|call (?:119|110|120|911|an ambulance|"
                        r"the fire brigade|the police)|help!)")


def calls_to_run(text: str) -> bool:
    """Return whether ``text`` calls everyone to run or to call for help: beside an emergency's words, no laughter
    sets them aside and no model's doubt asks about them first.

    >>> calls_to_run("笑死 楼下真着火了 快跑"), calls_to_run("lol the kitchen is on fire, get out now")
    (True, True)
    >>> calls_to_run("lol my code is on fire today")
    False
    """
    return any(w in text for w in _CALL_TO_RUN) or bool(_CALL_TO_RUN_EN.search(text.lower()))


def of_a_place_away(evidence: tuple[str, ...]) -> bool:
    """Return whether a notice's ``evidence`` names a province, a great city or a country away (刷到抖音三亚, 台湾那边):
    news of that place, which no model's hearing an emergency in it makes a report of here.

    >>> of_a_place_away(("刷到", "刷到抖音三亚")), of_a_place_away(("刷到个视频", "不知道是哪里的"))
    (True, False)
    """
    return any(_PLACE_NAMED.search(w) for w in evidence)


# what says a story's harm is long healed (现在早好了, 早就没事了): told of then, whatever the words of it sound like
_WELL_NOW = Sieve(r"现在(早|都|早都|早就|已经)?(好了|没事了?|全好了|痊愈了|利索了)|早(就|都)(好了|没事了|痊愈了)")


def well_now(text: str) -> bool:
    """Return whether ``text`` says the harm it tells of is healed now: a story's alarm that no model may take for one
    of now.

    >>> well_now("那年在工地上摔断了腿 躺了三个月 现在早好了"), well_now("摔断了腿 现在动不了")
    (True, False)
    """
    return bool(_WELL_NOW.search(text))


# a story's words of a time long gone: a childhood, a youth, decades back, a generation ago (小时候, 想当年, 八几年,
# 好多年前, 俺爷那辈儿)
_LONG_GONE = re.compile(r"小时候|当年|那个年代|(年轻|后生)(的)?时|早(些)?年|老早的事|以前的事了|我们那时候|"
                        r"(好|很|好些)多?年前|年前的事|那才叫|^[五六七八九]几年|[讲说][五六七八九]几年|年代|那辈|细时候|"
                        r"解放前|那辰光|小辰光|旧时|细汉(的)?时|细个时候|做小孩(的)?时候|很早以前")


def long_gone(evidence: tuple[str, ...]) -> bool:
    """Return whether a story's ``evidence`` (the gate's) tells of a time long gone, not of a week or a year ago: no
    model's emergency head may take what it tells for a danger now.

    >>> long_gone(("想当年", "那才叫")), long_gone(("八几年",)), long_gone(("上个月那回",))
    (True, True, False)
    """
    return any(_LONG_GONE.search(w) for w in evidence)


# what says an emergency's words happen now or again, said right before them (今天又着火了, 正在冒烟, 刚刚起火)
_NOW_BEFORE = Sieve(r"(今天|今早|今晚|刚才|刚刚|刚|现在|正在|又|还在)(又|在|正在|又在)?$")


def said_now(text: str, words: tuple[str, ...]) -> bool:
    """Return whether one of an emergency's ``words`` in ``text`` is said to happen now or again, right before it
    (今天又着火了, 正在冒烟): a story of then beside it (去年那家着过火) is no reason for a model's doubt to ask first.

    >>> said_now("去年那家着过火 今天又着火了", ("着火",)), said_now("去年楼下着过一次火 吓死人", ("着火",))
    (True, False)
    """
    return any(_NOW_BEFORE.search(text[max(0, i - 4):i]) for w in words if w
               for i in (m.start() for m in re.finditer(re.escape(w), text)))


# a habit (总在, 经常, 天天): what happens again and again, with no word that it happens now (一整天 is how long)
_HABIT = Sieve(r"总在|总是|经常|老是|天天|每天|三天两头|动不动|隔三差五|成天|(?<!一)整天|一天到晚|常常|时常")


def habitual(text: str) -> bool:
    """Return whether ``text`` tells of a habit, and of nothing happening now: no model's emergency head makes an
    emergency of it (the rules' own words still do).

    >>> habitual("有个男的总在幼儿园门口拿糖哄小朋友"), habitual("他经常打孩子 现在又在打")
    (True, False)
    """
    return _HABIT.search(text) is not None and not any(w in text for w in _NOW)


# a thing dropped (手机掉下去了, 钥匙掉进缝里了), and someone who fell (孩子掉下去了, 人掉进去了)
_THING_FELL = Sieve(r"(手机|钥匙|钱包|耳机|眼镜|帽子|衣服|鞋|拖鞋|袜子|玩具|皮球|戒指|项链|手表|东西|快递|包裹|"
                    r"衣架|毛巾|被子|床单|盆|花盆)[^。，,]{0,4}掉(下去|进去|进|到|下来)"
                    # or a truck's load shed on the road (车上还往下掉煤)
                    r"|(车上|车斗|车厢|车屁股)[^。，,]{0,4}掉(煤|沙|土|渣|石子|碎石|砖|货|水泥|泥)"
                    # or something thrown or fallen onto a car, with nobody hit (砸到楼下的车)
                    r"|砸(到|中|坏|在|了)[^。，,]{0,4}(车|汽车|车子|车窗|车顶|挡风玻璃|电动车)")
# (人的手机掉了: a thing)
_SOMEONE_FELL = Sieve(r"(人|孩子|小孩|娃|老人|老汉|老头|老太|大爷|他|她|小朋友)[^。，,的]{0,4}(掉|摔|跌|落)"
                      r"|砸(到|中|伤|着)[^。，,]{0,4}(人|孩子|小孩|老人|头|脑袋|行人)")


def a_thing_fell(text: str) -> bool:
    """Return whether ``text`` tells of a thing dropped and of nobody falling: no model's emergency head makes an
    emergency of it (a phone stuck in a gap scored 0.68), and the rules' own words still do.

    >>> a_thing_fell("手机掉下去了 卡在缝里"), a_thing_fell("孩子去捡手机 人掉下去了"), a_thing_fell("有人掉下去了")
    (True, False, False)
    >>> a_thing_fell("一个人的手机掉下去了"), a_thing_fell("孩子从阳台上掉下去了"), a_thing_fell("拉煤的车上还往下掉煤")
    (True, False, True)
    >>> a_thing_fell("楼上往下推冰 砸到楼下的车"), a_thing_fell("楼上扔砖头 砸到车 又砸到人了")
    (True, False)
    """
    return _THING_FELL.search(text) is not None and _SOMEONE_FELL.search(text) is None


# smoke from what someone is cooking, smoking, burning as offerings or burning on purpose (在熏腊肉, 烧纸, 有人烧塑料),
# and no fire said
_KITCHEN_SMOKE = Sieve(r"熏腊肉|熏肉|熏腊|熏香肠|熏鱼|烧纸|烧香|上香|烤肉|烧烤|炒辣椒|炒菜|煎鱼|做饭"
                       r"|(有人|人家|谁家|哪家|厂|工厂|作坊|废品站|收废品的)[^。，,]{0,8}烧(塑料|垃圾|秸秆|麦秸|稻草|"
                       r"边角料|轮胎|电线|胶皮|废料|散煤)")
_FIRE_SAID = Sieve(r"着火|起火|失火|火苗|烧起来|烧着了|明火|火光|快来|救命")


def kitchen_smoke(text: str) -> bool:
    """Return whether ``text`` says whose cooking, smoking or offering a smell or smoke comes from, and names no
    fire: no model's emergency head makes an emergency of it, and the rules' own words still do.

    >>> kitchen_smoke("隔壁在熏腊肉 一股焦糊味 烟往上冒"), kitchen_smoke("隔壁熏腊肉 把棚子烧起来了")
    (True, False)
    >>> kitchen_smoke("有人在河边烧塑料 黑烟滚滚"), kitchen_smoke("有人烧稻草 火往房子这边跑了 快来人")
    (True, False)
    """
    return _KITCHEN_SMOKE.search(text) is not None and _FIRE_SAID.search(text) is None


# a hazard told by where something is kept (柴火堆在电线底下，旁边就是液化气罐): a risk, nothing happening, unless a
# fire, smoke, a spark, a smell or a way out blocked with people inside is said
_PLACED = Sieve(r"(堆在|放在|摆在|码在|靠在|堆到|放到)[^。!?]{0,10}(底下|下面|旁边|边上|隔壁|上面)|旁边就是|挨着就是")
_NOW_AT_RISK = Sieve(r"着火|着了|冒烟|起火|火苗|烧起来|火花|火星|爆|漏气|味|出不来|出不去|走不出|困|救命|快来")


def a_hazard_placed(text: str) -> bool:
    """Return whether ``text`` tells of a hazard by where something is kept, and of nothing happening: no model's
    emergency head makes an emergency of it, and the rules' own words still do.

    >>> a_hazard_placed("柴火堆在电线底下，旁边就是液化气罐"), a_hazard_placed("柴火堆在电线底下 已经冒烟了")
    (True, False)
    """
    return _PLACED.search(text) is not None and _NOW_AT_RISK.search(text) is None


# a door knocked on over a leak that nobody answers (楼上漏水 敲门没人应): the neighbour is out, nobody is feared for,
# unless a smell, smoke, gas, a fall or a burst pipe pouring is said
_LEAK = Sieve(r"漏水|渗水|滴水|漏到|渗到|往下滴|往下渗|天花板湿|顶上漏|楼上漏")
_UNANSWERED = Sieve(r"敲门|敲不开|喊不应|叫不应|没人应|冇人应|无人应|没人开|没人在家|不在家|找不到人|联系不上")
_FEARED_FOR = Sieve(r"味|烟|煤气|燃气|火|晕|倒在|倒地|摔|躺|救命|爆|哗哗|淹|老人|一个人住|独居|好几天")


def knocked_over_a_leak(text: str) -> bool:
    """Return whether ``text`` tells of a leak and a neighbour who does not answer the door, and of nothing that
    fears for anyone: no model's emergency head makes an emergency of it, and the rules' own words still do.

    >>> knocked_over_a_leak("厨房顶上漏水 楼上那家敲不开门 喊不应"), knocked_over_a_leak("楼上漏水 敲门没人应 一股臭味")
    (True, False)
    """
    return _LEAK.search(text) is not None and _UNANSWERED.search(text) is not None and \
        _FEARED_FOR.search(text) is None



def unraised(text: str) -> bool:
    """Return whether ``text`` tells of something no model's emergency head makes an emergency of, though the rules'
    own words still do: a habit, a thing that fell, kitchen or burning smoke, a leak's unanswered knock, a hazard
    told by where things are kept.

    >>> unraised("楼上漏水 敲门没人应"), unraised("楼下有人晕倒了")
    (True, False)
    """
    return habitual(text) or a_thing_fell(text) or kitchen_smoke(text) or knocked_over_a_leak(text) or \
        a_hazard_placed(text)

# laughter beside no problem is chit-chat (not 😂: residents complain with it); beside an emergency's words it is not
# enough to set them aside
_GIGGLE = ("哈哈",)
# among neighbours: for sale, given away, found, shared; an advert
# how a scam went, or a job advert's deposit or its men only: told, no offer of one's own
_SCAMMED = ("冒充", "假冒", "假装", "骗去", "骗走", "骗了", "被骗", "说是社区的", "说是街道的", "说是居委会的",
            "手续费", "转过去了", "交押金", "先让交", "先要交", "要交五千", "把人撵了", "回去一查", "一查才知道",
            "一查是", "只要男的", "只招男的", "简历都不收", "先交", "去了才知道", "进去以后", "进去后才",
            "收全价", "多收", "乱收费", "坑人", "骗人", "撮人", "黑心", "变质", "有味了", "有味儿了", "新贴",
            "联系不上了", "卖家跑了", "拉黑了", "把我拉黑", "提不出来", "取不出来", "被拉进", "翻一倍", "都交了钱")
_OFFERS = ("有小礼品", "送小礼品", "车顺路", "顺路车", "谁的钥匙", "交给保安了",  # a lift asked for, a key found
           "高价收", "上门收", "现金结算", "借阿拉", "借我两", "借我用", "谁家有多的", "谁家有多余的",
           "谁家有用不完的", "谁屋有用不完的", "谁家有不用的", "谁屋有不用的", "谁家有闲置的",
           "哪个屋头有多的", "啥人屋里有多的",
           "有优惠", "房屋出租", "房子出租", "有房出租", "家具齐全", "家电齐全", "新开业", "开业大吉", "半价优惠",
           "拎包入住", "高价回收",
           "可以过来看看", "欢迎选购", "随叫随到", "价格公道", "价钱公道", "有需要揾我", "有需要找我", "专业疏通",
           "有需要联系", "有需要请联系", "价格优惠",
           "帮忙点一下", "帮忙砍一刀",
           "帮忙转发一下", "有空房", "还有空房",
           "砍一刀", "链接在下面", "手慢无", "直播间", "代售", "自家炒的", "自家种的",
           "出售", "转让", "闲置", "九成新", "八成新", "自提", "包邮", "有意者", "有意私聊", "私聊", "代购", "团购",
           "接龙", "拼单", "拼车", "顺风车", "捡到", "失物招领", "谁丢了", "谁掉了", "失主", "来认领", "欢迎咨询",
           "谁要来拿", "谁要就来拿", "免费送", "谁看见一只", "谁看到一只", "谁看见一个", "谁在楼下看见", "哪个丢了",
           "要的来", "看到了说一声", "看见了说一声", "联系电话", "电话咨询", "招聘", "招租", "送人",
           "挂保安亭", "放保安亭", "在门卫那", "在门卫处", "放在门岗", "交到门岗", "放门岗", "在门岗那", "在门岗处",
           "在门岗放着", "门岗放着",
           "加v", "加微信", "加我微信", "日入", "日赚", "招代理", "动动手指", "大酬宾", "开业酬宾", "充值送",
           "在保安亭", "保安亭了", "来保安亭",
           "放保安室", "放门卫", "出租:", "月租", "求租", "好便宜", "真便宜", "必有重谢", "有看到的请联系", "请联系我",
           "启事", "谁看见了说一声", "着了吱一声", "到了吱一声", "见了吱一声",
           "有人看到没", "有人看见没", "谁瞅着了", "谁瞅见了", "有人捡到没",
           "猫丢了", "狗丢了", "借用", "借一下", "哪位邻居有", "谁家有", "跑丢了", "联系我",
           "来拿一下", "放错", "拿错", "哪家丢了", "谁家丢了", "大家快去", "单间转租", "房间转租", "急转租", "押一付一",
           "包水电", "直租",
           "免费量", "免费测", "可以打折", "打折", "报个名", "直播卖", "帮忙点个赞", "有空的来", "谁有空的",
           "有空的邻居", "门卫室", "招临时工", "猫走失", "狗走失", "项圈", "急售", "中介勿扰", "电话见图",
           "谁家看见一只", "谁家看到一只", "哪个看到一条", "哪个看到一只", "谁看到一条", "谁看见一条",
           "日结", "有需要的找我", "有哪个要", "谁要", "啥人要", "有要的", "看到的麻烦", "麻烦说一声", "找一只")
# 楼长通知: … a notice says so first, or its title does (关于开展…的通知)
_HEADED = Sieve(r"^[^,.!?:]{0,12}(通知|公告|告示|提示|提醒|小知识|小常识|科普)[:]|^关于[^,.!?:]{2,40}的(通知|公告)")
# a worry about what may come (不晓得暖气够不够热，有点担心): asked about, never registered unasked
_WORRY = Sieve(r"(有点|有些|好|真|挺|蛮|就是)?(担心|发慌|心慌|慌|毛焦火辣|焦虑|发愁|犯愁|就遭了|就惨了|就麻烦了)")
_AHEAD = Sieve(r"(不晓得|不知道|不知|会不会|够不够|能不能|要不要|以后|明年|今年冬天|今年夏天|到时候|将来|怕是|"
               r"就怕)")
# words that turn from one matter to another (然后还有个事, 另外还有一件事想反映一下:)
_ANOTHER_MATTER = Sieve(r"(然后|另外|还有|顺便|对了|再就是)[，,、 ]*(还有|再说|再反映|说)?[ ]*(个|一个|件|一件)"
                        r"(别的|其他的?)?(事|事情|问题)[ ]*(想|要)?(跟大家|跟你们|给大家)?(说|反映|讲|问)?"
                        r"(一下|下)?[，,:：。.!！ ]*"
                        # or asked in passing (顺便说一哈, 另外反映一下)
                        r"|(顺便|另外|对了)[，,、 ]*(说|讲|反映|提)(一下|一哈|一声|一句|下)[，,:：。.!！ ]*")
_LEFT_AT = frozenset({"门卫室", "保安室", "传达室", "值班室"})  # of the offers' words, places things found are left at
_WHAT_IF = Sieve(r"^.{0,6}?(万一|假如|假设|如果|要是)")  # (想问一下)万一…？ a what-if, asked
# what to do first, asked (先打120还是先找社区), or advice (先按警铃再打电话, 大家记住): after a what-if, no alarm
_FIRST_OR = Sieve(r"先[^,.!?。，！？\s]{1,10}还是")
# after a what-if, a question however it ends (往哪跑, 咋下去, 应该先做什么, 有没有培训)
_HOW = Sieve(r"咋|怎么|怎样|如何|哪|(做|干|弄|搞)(啥|什么)|有没有|(打|找|叫|联系)(什么|啥|哪个|谁)")
_WHAT_TO_DO = Sieve(r"先[^,.!?。，！？\s]{1,10}(再|然后)|(大家|都|一定)(要)?(记住|记得|注意)")
# how long a matter has lasted (电梯停五天了) says something is wrong; how long one has lived or worked (住了三十年了)
# does not
_DURATION = Sieve(r"(?<![住干活待呆做教一二两三四五六七八九十几多半])(?<![住干活待呆做教]了)"
                  r"[一二两三四五六七八九十几多半]+(天|周|个?星期|个?礼拜|个月|年)了")
# at the start: for sale, given away or lost (出一台冰箱, 送几盆多肉, 丢了个保温杯; not 进进出出一个月)
# (a trade's advert opens with what it does: 专业疏通, 专业防水补漏; beside a phone number, no leak is reported)
_SALE = Sieve(r"(出|卖|送)[一两几个][台个辆套张只件盆本]?|丢了一?[个把串只件]|"
              r"专业(疏通|开锁|换锁|维修|防水|补漏|清洗|搬家|保洁|回收|安装|上门|改水电|水电|通下水|灭蟑|除甲醛)")
# a choice asked between two (是在卫生站打还是去医院打, 是今天还是明天): 还是 is "or", and it is a question
_CHOICE = Sieve(r"是(在|去|到|要|找|用)[^,.!?。\s]{1,10}还是(在|去|到|要|找|用)")
# 还是 in praise of what one likes best (水席还是老店那家得劲, 还是老家的好吃): no "still"
# an answer to a poll typed in the room (选B, 我投第二个方案, 我也选2): the poll counts it, it reports nothing
_VOTE = Sieve(r"(我|俺)?(也)?(选|投|投给|投票给)(第?[一二三四五1-5](个|号)?(方案|选项)?|[a-e](选项)?(?![a-z])|"
              r"方案[一二三四五1-5a-e])"
              # or a side taken in a discussion (我赞成把活动室搬到一楼), not support for a complaint (我支持举报)
              r"|(我|俺)(也)?(投票)?(赞成|同意|支持)(?![^,.!?。，！？]{0,8}(举报|投诉|报警|查处|处理|曝光))")
# an opinion about how a place has changed (我认为古城的酒吧太多了 没得以前的味道了): chat
_CHANGED = Sieve(r"(我|俺)(认为|觉得|感觉)[^。]{0,20}"
                 r"(没(得|有)?以前的(味道|感觉|样子|韵味)|太商业化|商业化了|变味了|保留原样|保持原样|原汁原味)")
# agreement with what someone said (楼长说的在理，咱都得配合): no complaint
_AGREE = Sieve(r"(?:(?:老哥|大哥|大姐|老弟|兄弟|老妹)?"
               r"(楼长|主任|书记|网格员|你|您|侬|大家|他|她|楼上|楼主|层主|老哥|大姐|大哥)(说|讲)(的|得)"
               r"(在理|对|有道理|没错|是)|^(对头|对的|是的|没错|对对|就是就是)[,，!！]|^(同意|赞同|支持|附议)楼上"
               r"|^(支持|赞成|同意|附议|顶)[!！]+)")
# an opinion that accepts something (俺觉得物业费涨点也行 只要服务好就中): no complaint
_FINE_BY_ME = Sieve(r"(我|俺|咱|我们|俺们|咱们)(觉得|看|认为|感觉)[^。!?]{0,12}"
                    r"((?<![不没])值|弄得中|挺好|还不错|不赖|也行|也可以|也没啥|也没事|没啥问题|可以接受|能接受|无所谓|也正常|很正常|挺正常|"
                    r"不算贵|不贵|方便多了|好多了|强多了|舒服多了|安逸多了|得劲多了|也?能理解|可以理解|"
                    r"比(老的|以前的?|原来的?|旧的|之前的?)(强|好)(多了)?)"
                    # or a verdict summed up (总的来说还凑合)
                    r"|(总的来说|总体来说|总的说来?|总的讲)[^。!?]{0,3}(还|也)?(凑合|可以|还行|不错)"
                    # or a fair word put in (讲句公道话，物业还是进步了), or settled in well (住得挺习惯)
                    r"|(说|讲)句公道话[^。!?]{0,24}(进步|还是不错|挺好|还行|改善|好多了|好太多|好很多|强多了|强太多)|住得(挺|还|蛮|很|都)?(习惯|惯|舒服|安逸)")
# a parent's sigh over homework done late (要疯了，娃的作业写到十一点还没写完): chat, unless the school is blamed
_ESSAY_CLASS = re.compile("作文(培训|辅导|补习)?(班|课|机构|学校)")  # a class of essay writing, a business like any
_HOMEWORK_WORDS = ("作业", "作文", "应用题", "数学题", "道题", "功课", "练习册", "口算")
_TASTY = ("好好食", "好好吃", "太好吃", "太好食", "好食到", "好吃到", "香到", "好正")  # 救命 呢个酸嘢好好食: praise
_HOMEWORK = Sieve(r"(作业|作文)[^。!?]{0,12}(写到|做到|弄到|写了)[^。!?]{0,6}(点|半夜|凌晨)[^。!?]{0,12}"
                  r"|(要疯了|崩溃|血压|头大|心累|抓狂)[^。!?]{0,16}(" + "|".join(_HOMEWORK_WORDS) + ")")
# a game played or money in the markets, told with no matter the rules know (吃鸡又被人一枪爆头, 基金又绿了)
# (矿上分的房, 村上分红: shares handed out, no ranking climbed)
_PLAYED = Sieve(r"吃鸡|王者荣耀|王者里|打王者|和平精英|打机|开黑|上分(?![红钱地粮配房]|的(钱|房|地|宿舍))|排位赛?|队友|"
                r"这把|这局|抽卡|原神|基金|股票|炒股|大盘|连跪|被秒")
_BLAMED = Sieve(r"老师|学校|布置|太多|减负|投诉|反映|留这么多|留那么多|天天如此|每天如此|天天这样|每天都这样")
# what water or a fall reached (滴到, 砸坏了), said before a thing
_REACHED = r"(滴|漏|砸|淋|泡|溅|掉|喷|烧|摔)(到|在|进|坏)了?[^,.!?，。]{0,4}"
# a shop's opening offer (新开的理发店开业八折，欢迎来剪头): an advertisement, no complaint
_ADVERT = Sieve(r"(新开|开业|开张)[^。!?]{0,10}(八折|九折|七折|打折|优惠|酬宾|半价|特价)"
                r"|(新店|新开|开业|开张)!?[^。?]{0,12}满[0-9]+减[0-9]+"
                r"|欢迎(大家)?(来|光临|捧场)"
                r"|(扫码|进群|加群|关注)[^。!?，,]{0,4}(送|领|抽奖)")  # (扫码进群送饮料一瓶)
# a day's check-in (打卡，今天走了一万二千步): chat, when nothing is wrong
_CHECK_IN = Sieve(r"(每日|今日)?(打卡|签到)(啦|了)?[,，!！~～:：]")
# content at home whatever the weather (在家喝茶最舒服): chat
_COSY = Sieve(r"(在家|窝在家里?|宅在家里?|待在家里?|躲在家里?|在屋头|在屋里)[^,.!?。，\s]{0,6}"
              r"(最|真|好|蛮|挺)(舒服|安逸|巴适|惬意|得劲|自在|享受)")
# asked of the chat group itself (这个群能不能别发广告了): how the group talks, no matter to hand on
_OUR_GROUP = Sieve(r"^(这个|咱们?|我们|俺们|本|这)?群(里|里面|内)?[^。!?]{0,6}(别|不要|莫|少|禁止|不准)"
                   r"(再|老|总|老是|总是|一直)?(发|刷|转|晒|拉)")
# praise of a thing as the best around (暖气是全克拉玛依最热的): no complaint
_BEST = Sieve(r"是(全|整个)[^。，,!?]{1,8}最(热|好|暖和|干净|漂亮|便宜|安全|方便|好吃)的")
# an answer to a neighbour's question, addressed as such (回楼上的：在三楼那个小卖部买; 回复楼上：去社区医院就行):
# where to go or whom to ask, nothing wrong (回楼上：我们楼也停水了 is a report)
_ANSWER = Sieve(r"(回复?|答复?|@)楼上(的|那位|那个)?(朋友|邻居|姐|哥|阿姨|大爷)?[:,]?"
                r"([^,.!?。]{0,8}?(在|去|到|找|打|问|可以|直接|一般|通常|平时)|((那|这)(个|只|条|家|辆|位|些))?[^,.!?。]{1,8}(?<![也还])是)"
                r"|(楼上|上面)(那个|那位|的)?问[^,.!?。]{1,8}的[:,]?"
                # or an answer headed to someone by name that tells where to go (回复 @老李头：对，得去街道开)
                r"|^(回复|回)@[^@:：,，]{1,10}[:：](不是的|不是|不对|是的|对的)[,，]"
                r"|^@[^@\s]{1,8}\s*(你|您)(说|问|讲)(的|那|这)|^(楼上|楼下)(讲|说)的(那|这)(间|个|家|条|位)"
                r"|^(回复|回)@[^@:：,，]{1,10}[:：](对|是的|没错|嗯)?[,，]?[^,.!?。]{0,12}(得|要|可以|直接)?"
                r"(去|到|找|在)"
                # (@李叔 充电桩在3号院东头: a neighbour addressed as kin, told where)
                r"|^@[^@:,]{0,6}(叔|姨|哥|姐|伯|婶|爷|奶|妹|弟|老师)[:,]?[^,.!?。]{0,12}(在|去|到|找)"
                r"|(楼上|上面)(那个|那位)?问的(那个|事|问题)?"
                # or a neighbour's question relayed and answered (楼上问什么时候来暖气 十一月十五)
                r"|^(楼上|楼下|上面|前面)(的|那个|那位)?问(的)?[^,.!?。]{1,10}(什么时候|几点|哪里|在哪|怎么办|怎么交|找谁)"
                # or what was asked relayed with its answer (楼下问停电 讲是线路检修; 楼上的问燃气 燃气公司讲…)
                r"|^(楼上|楼下|上面|前面)(的|那个|那位)?问[^,.!?。，\s]{1,6}\s*[^,.!?。，]{0,6}(讲|说)"
                # or an answer to someone named (@李姐 停水是因为…; 你讲的社保窗口在二楼)
                r"|@[^@\s]{1,8}\s*[^,.!?。]{0,12}(是因为|因为)|@[^@\s]{1,8}\s*(没|不是|冇)[^,.!?。]{0,10}是|[^,.!?。]{0,4}?你(讲|说|问)的[^,.!?。]{1,10}(在|是)"
                # or what an office said when asked (我刚问了物业 他们说…下午四点来水)
                r"|我?(刚|刚刚|刚才|已经)?(问|打电话问)(了|过)(物业|社区|居委会|客服|水务|供电所|自来水公司|燃气公司)"
                r"[^,.!?。]{0,4}(他们|她|他|人家)?(说|讲)"
                # or an office's answer passed on (停电的事供电所回电话了 说是线路检修)
                r"|[^,.!?。]{0,8}(物业|社区|居委会|客服|水务|供电所|自来水公司|燃气公司|供电局|电力公司)回(电话|复|消息)了"
                r"[^,.!?。]{0,4}(说|讲)"
                # or what someone said corrected or agreed with (他讲的不对 垃圾车是七点来; 他说的没错 去物业登记)
                r"|^(他|她|你|楼上|楼下)(的)?(讲|说)的?(不对|不是|错了|没错|对的|是对的|对(?![面着]))"
                # or how to go about something, told (补办去派出所户籍窗口 带户口本就行): advice, nothing wrong
                r"|.*(去|到|找|带|拿)[^,.!?。？，]{1,12}(就行|就可以|就好|就成|就中)(了|啦|哈|哦|喔)?$"
                # or what to bring, told (要带身份证原件 还有租房合同 我上个月办的)
                r"|^(要|得|需要|记得)带[^,.!?。]{0,8}(原件|复印件|证件|身份证|户口本|照片|合同|材料)"
                # or that it is not at one's own home (不是我家 我家没漏水 是隔壁单元的)
                r"|^不是(我家|我们家|俺家|我们楼|我们单元|我们这)"
                # or a neighbour telling the one who asked that it is not so at theirs (楼上的 我家没停水)
                r"|^(楼上|楼下|上面)(的|那位|那个)?[,，\s]*(我家|我们家|我们这|我这|我们楼|我们这栋|我们单元)(也)?"
                r"(没|没有|冇|不)")  # 楼上那个问电梯的：是礼拜三来人检修
# how one fixed the same thing at home, offered to try (…拿吹风机对着吹半个钟头就通了，你试试): advice, nothing wrong
_TRY_IT = Sieve(r"(就通了|就好了|就行了|就没事了|就化开了|就化了)[^。]{0,6}(你|您|你们)?(也)?(可以)?"
                r"试(试|一下|一试)(看)?"
                r"[。!！~～]*$")
# an English answer to someone's question (@the lady asking about the clinic: it's open 8 to 5)
_ANSWER_EN = Sieve(r"\s*(?:(?:re:?\s*)?@\S+[^:]{0,40}:|"
                   r"@\S+\s+(?:(?:yes|yeah|yep|no|nope|sure)[,.!]?\s+)?"
                   r"(?:you can|you could|you just|just go|try)\b|"
                   # (or one that opens with a yes or a no to someone named: @Mr Liu yes the station does…)
                   r"@[^\s,:]+(?:\s[^\s,:]+)?[,:]?\s+(?:yes|yeah|yep|no|nope)\b[,.!]?\s+(?:the|it|they|you)\b|"
                   r"to (?:the )?[a-z ]{0,30}(?:asking|who asked)\b|"
                   r"(?:to answer|answering|reply(?:ing)? to|in reply to) (?:the|your|that|this)\b[a-z ]{0,25}"
                   r"\bquestion|"
                   r"(?:someone|somebody|you) asked (?:about|where|when|what|if)\b|"
                   r"@\S+(?:\s+[a-z]+)?\s+(?:the|it'?s|it is)\b[^.?!]{0,40}\b(?:is|are) (?:right |just )?"
                   r"(?:on|at|in|open|closed|next to|behind|after|before|opposite|across|no\.? ?\d+|number \d+)\b|"
                   r"(?:reply(?:ing)? to|answer(?:ing)? to) @?[a-z]+(?: [a-z]+)? ?:|"
                   r"(?:reply(?:ing)? to|answer(?:ing)? to|re:?) "
                   r"(?:mr|mrs|ms|miss|dr|auntie|uncle)\.? ?[a-z]+ ?:|"
                   # (or a reply to someone's question named before a colon: Re 李姐's question about the fee:)
                   r"re:?\s+[^:@]{1,30}'s (?:question|post|message)\b[^:]{0,40}:)")
# sent from one office to another and back (社区说去街道 街道说去社区; 物业让找社区，社区又让找物业)
_PASSED = Sieve(r"([\u4e00-\u9fff]{2,3})(说|让|叫)(我)?(去|找|归)([\u4e00-\u9fff]{2,3})[^。]{0,6}"
                r"\5(又|就)?(说|让|叫)(我)?(去|找|归)\1")
_PREFER = Sieve(r"还是[^,.!?。\s]{0,8}(得劲|好吃|香|地道|正宗|好喝|舒服|巴适|好耍|有味道|里手|一绝|够味|不错|"
                r"有名|韵味|划算|合算|实惠|抵|中(?![\u4e00-\u9fff]))"
                # or now said to be better than then (…现在想起来都怕，还是现在好)
                r"|还是(现在|如今|这会儿?|今天)[^,.!?。\s]{0,3}(好|强)"
                # or one's own way of living at the end (窑洞冬暖夏凉 还是窑里好), never 还是不好
                r"|还是(?![不没])[^,.!?。\s不没]{1,6}(好|强)[啊呀哦啦吧呢嘛!！~。.]*$")
_PHONE = Sieve(r"1[3-9][0-9][0-9x*]{4,8}")
# a number given to be looked into, or warned of
_LOOK_INTO = Sieve(r"查一下|查查|查下|举报|骗子|骗人|诈骗|报警|小心|打钱|别上当")
# questions that ask neighbours for what someone knows (opening hours, places left, how it is done, who knows), never
# a complaint put as a question (咋不开了？, 能喝吗这; 开不开, which Wu 开弗开 reads as, is as often 'will not open'): a
# report head trained on matters hears only the matter (Changde 冒: 吗; Wu 哪能: how; Hakka 有冇人晓得)
_ASKING = ("上不上班", "上班不", "开门不", "营业不", "办公不", "开门伐", "上班伐", "开伐", "开门冇",
           "开门否", "开否", "开门冒", "开冒", "歇不歇", "哪位知道", "哪位晓得", "哪能弄", "教教俺", "教教我",
           "有名额不", "名额不", "还收不收", "收人不", "招人不", "周几", "星期几", "礼拜几", "开不开门", "谁有攻略",
           "求攻略", "有攻略吗", "交哪点", "哪点交", "哪点办", "甚时候交", "什么时候交", "啥时候交",
           "有谁知道", "有人知道", "有知道的没", "有知道的吗", "有没人晓得", "有没有人晓得", "有人晓得", "哪个晓得",
           "边个知")
_QUESTIONS = (*_ASKING, "有伐", "能伐", "可以伐", "休息伐", "开门伐", "上班伐",  # (not 在伐: 有人在伐树, felling)
              # (Wu 伐: 吗; 好伐 and 对伐 end a complaint as often as a question)
              # (Wu X弗X, read as 开不开; 来不来 invites, 是不是 and 能不能 complain as often)
              "开弗开", "查弗查",
              "再发一遍", "再发一下", "再发一次", "重新发一下",  # (a notice asked for again)
              "要不要预约", "要啥条件", "啥条件", "什么条件", "有没有链接", "请问", "问一下", "问问", "想问",
              "咨询", "几点", "什么时候", "啥时候", "几时", "哪里", "在哪", "哪儿", "怎么", "如何", "能否", "是否",
              "吗", "呢",
              "?", "有没有人", "谁知道", "哪家", "推荐", "真的假的", "还是在", "开不开",
              "是不是要",
              "要不要带", "有没有啥", "啥子时候", "是真的还是", "是不是真的", "是不是骗",
              "来着", "找谁报名", "咋办", "咋整", "咋弄", "要带啥", "带什么",
              "什么材料", "啥材料", "哪些材料", "是不是假的", "咋交", "能交不", "咋缴", "咋申请", "咋办理", "咋报名",
              "几号", "到了没", "好多钱", "多少钱一斤", "大概多少钱", "要多少钱", "开什么课", "领了没",
              "领了吗", "领到没",  # 截止到几号, 车票都抢到了没: asked
              "问下", "是不是下礼拜",
              "是不是下个月", "是不是下周", "是不是明天", "是不是今天", "是不是这周", "几钱", "几多钱",
              "能进不", "在没得", "有人在没", "啥地方去了",  # 几钱一斤 (how much: a southern word)
              "在几楼", "出来了么", "出来了没", "几蚊", "有否", "在否",  # (Cantonese 几蚊; Wenzhou 否: 吗)
              "吃么斯", "么斯时候", "时间表", "时刻表",  # (Wuhan 么斯: 什么)
              "在哪点", "甚时候")  # (Yunnan 哪点: where; Shanxi 甚: 什么)
QUESTIONS = frozenset(normalize(w) for w in _QUESTIONS)  # a question's own words
ASKING = frozenset(normalize(w) for w in _ASKING)
_HELP = ("怎么反映", "如何反映", "怎么报修", "如何报修", "怎么投诉", "如何投诉", "怎么登记", "怎么用", "怎么报",
         "在哪反映", "在这里反映", "怎么提")
_PROGRESS = ("进度", "处理得怎么样", "怎么样了", "有结果了吗", "有人管吗", "处理了吗", "修了吗", "到哪一步",
             "status", "progress", "anyupdate", "anynews")  # what's the status of my reports?
_FIXED = ("修通了", "找着了", "找到了", "不用找了", "不用再找了", "别找了", "莫找了", "不要再找了",
          "疏通好了", "处理完了", "掏完了", "没味儿了", "退晒水", "修好了", "修好",
          "抽干了", "已经换好", "已换好",  # (上次漏气那个阀已经换好: the part replaced)
          "解决了", "已解决", "处理好了", "搞定",
          "弄好了", "换好了", "赔好了", "修复了", "已经好了", "已经亮了", "修过了", "有人来补了",
          "已经回来啦", "已经回来了",
          "正常了", "扑灭了", "来电了", "来水了", "已经恢复", "恢复供电了", "恢复供水了", "恢复供气了",
          "有水了", "人没事", "不用再跟", "不用跟了", "不用再管", "处理了", "装好了", "完工了", "不用再打", "补好了",
          "不用打电话了", "火灭了", "已经灭了", "没人受伤", "没有人受伤", "让派出所带走了", "被派出所带走了",
          "让警察带走了", "被警察带走了", "填上了", "填平了", "填好了", "补上了", "给换了", "给修了",
          "堵好了", "不漏了", "商量好了", "不用社区管", "不用报了", "盖好了", "盖上了", "追回来", "工资发了",
          "补贴发了", "分红发了", "盖上新的", "换上新的", "换了新的", "做好了", "一滴都没漏", "通好了",
          "换了就好", "人都出来了", "都救出来了", "已经来了", "来换了", "就来修了", "找回了", "通开了",
          "找回来了", "已经找回", "清走了", "拖走了", "运走了", "捞起来了", "捞上来了", "救上来了", "不用来了",
          "已经救出", "寻见了", "已经打掉了", "辟谣", "就回来了", "说没漏", "讲没漏", "已经送医院", "不是出事",
          "已经接去医院", "接克医院了")  # done
# said to be done, in stronger or weaker words
_RESOLVED = ("已经修通", "换新的了", "全换新了", "给说法了", "扶起来了", "扶好了",
             "搞好了", "整好了", "恢复了", "来了", "来气了", "退回来了", "清理了", "清理干净", "亮了", "通了", "抽干了",
             "没事了", "找到", "热乎了", "处得挺好", "处得很好", "和好了",
             "暖和了", "热了", "能用了", "好用了", "申请到", "办好了", "批下来了", "恢复得挺好", "恢复得很好",
             "莫得事了", "不滴了", "一点事没有", "有用", "很有帮助", "终于能", "总算", "终于把", *_FIXED)
# an emergency told as news from elsewhere, or as a rumour asked about: the words are someone else's; on
# television or in the news it is always elsewhere
_ON_THE_NEWS_EN = ("sawonthenews", "sawitonthenews", "seenonthenews", "sawinthenews", "watchingthenews", "newsclip",
                   "onthenews", "inthenews",
                   "newsvideo", "sawthevideo", "watchedthevideo", "sawavideo", "sawthisvideo", "sawthenews",
                   "seenthenews", "readthenews", "sawonweibo", "sawitonweibo", "sawondouyin", "sawitondouyin",
                   "sawontiktok", "sawitontiktok", "sawonxiaohongshu",
                   "stopforwarding", "stopsharingit", "stopsharingthis", "sentavideo", "sentmeavideo",
                   "sharedavideo")
# a video seen, shown or asked about (看到视频, 视频：, 呢条视频): news, of this very place too
_VIDEOS = ("看到视频", "看到个视频", "看到一个视频", "刷到视频", "视频:", "这段视频", "视频是哪", "视频系哪",
           "这条视频",
           "呢条视频", "那个视频看了", "那个视频看到", "抖音上那个视频", "那个视频你们", "视频不是我们", "视频不是咱",
           "看视频没", "看视频了没", "看了视频没", "看到视频没", "看见视频没")  # (asked: did you see the video)
_SCREEN = ("我们这也要", "咱们这也要", "额们这也要", "俺们这也要", "新闻", "电视剧", "电视里", "电视上", "节目",
           "视频里", "看了个视频", "看了一个视频", *_VIDEOS, *_ON_THE_NEWS_EN,
           "刷到个视频", "电影里", "电影", "梦见", "梦到", "梦里", "做梦被", "做了个梦", "做噩梦", "希望都平安",
           "希望大家平安", "祈祷", "祈福", "保佑", "追剧", "看剧", "剧里", "小说", "灾难片", "片子里", "纪录片",
           "动画片", "看了个恐怖片", "套戏", "特效",
           "看了恐怖片", "看恐怖片", "套鬼片", "看鬼片", "个鬼片", "世界杯", "欧洲杯", "欧冠", "加时了", "点球大战",
           "看了部", "看了一部", "看咯部", "看的剧", "游戏里", "作文", "部剧", "刑侦剧", "悬疑剧", "古装剧", "电视讲",
           "这集", "这一集",
           "电视说",
           "那边的朋友", "那边的亲戚", "那边的家人",
           "是外地的", "安全教育", "安全课", "防溺水安全", "老家那边",
           "我的世界", "王者荣耀", "和平精英", "原神", "蛋仔派对",  # a game (not 在打游戏: minors gaming all night)
           "mc里", "韩剧", "泰剧", "日剧", "美剧", "港剧", "台剧", "短剧", "语剧", "连续剧", "tvb剧", "看《", "睇《")
# of the screen's words, news and videos: of this very place too (新闻上看到我们小区…), where a drama or a dream is not
_NEWS = frozenset(("新闻", "电视里", "电视上", "电视说", "电视讲", "视频里", "看了个视频", "看了一个视频", "刷到个视频",
                   *_VIDEOS, *_ON_THE_NEWS_EN))
# the set fails while one watches (有线电视…看个新闻都断断续续, 看新闻就马赛克): no news is told
_DREAMS = frozenset({"梦见", "梦到", "梦里", "做梦被", "做了个梦", "做噩梦"})
_HAUNTED = Sieve(r"(吓|害|闹|吵|搞|弄|整)(得|的)[^，。,.!?]{0,10}(做噩梦|做恶梦|梦里|梦到|做梦)"
                 # (…回家一直做噩梦: nightmares since)
                 r"|(回家|回来|晚上|夜里|天天|每晚)[^，。,.!?]{0,4}(一直|老是|总是|天天)?(做噩梦|做恶梦)")
_QUOTED = Sieve(r"[「『“\"][^」』”\"]{1,80}[」』”\"]")  # a message quoted at the start of a reply
_TURN_NOW = Sieve(r"(说着呢|正说着|说着说着|话还没说完|刚说完|这时候|这会儿)")  # the talk turns to now
_STAGED = Sieve(r"(排|演|编|准备|出|报|彩排|留|上)(个|几个)?节目")  # a show put on (排节目), not one watched
# films once watched at a place (在里面看过电影): a memory of the place, no film told of
_FILMS_THERE = Sieve(r"(里面|里头|那里|那儿|在那)[^。!?，,]{0,6}(看过|放过)[^。!?，,]{0,2}电影")
_WATCHING = Sieve(r"看个?(新闻|电视|节目)(都|就|的时候|时|老|总|一直|也|断|卡|花|没信号)")
_MEDIA = ("网上说", "网上看到", "抖音上", "朋友圈", "群里说", "群里看到", "群里这个", "群里的通知", "刷到", "刷视频",
          "刷抖音", "手机上看", "快手上", "微博上",
          "听说", "听讲", "听人讲", "听人说",
          "朋友说", "朋友话", "听朋友说", "网上那个", "网上的视频", "那个视频", "的视频是", "手机上看到",
          "手机上看见", "手机里看到", "新闻里看到", "[视频]", "【视频】", "个视频", "看这视频", "看这个视频", "看视频",
          "sawavideo", "watchedavideo", "抖音看到", "快手看到", "视频号上",
          "sawaclip", "段视频", "条视频")
# words that hold a social word and say nothing social: a state (还好好的), a parcel never received, a karaoke bar
_NOT_SOCIAL = ("好好的", "没收到", "无收到", "冇收到", "未收到", "没有收到", "收不到", "不收到", "卡拉ok", "不明白",
               "没得收到", "莫得收到", "都没收到", "老收到", "总收到", "经常收到", "又收到", "天天收到", "没人投票",
               "没投票", "不让投票", "修好的", "弄好的", "搞好的", "称好的", "秤好的", "量好的", "算好的", "讲好的",
               "谈好的", "约好的", "签好的", "定好的", "装好的", "串通好的",
               "收到全", "收到都", "收到就", "收到已经", "收到时", "收到的时候", "收到明显", "收到才发现",
               # (自家秤上称好的: weighed, no 好的 said; 收到全胀袋了: goods come spoilt, no receipt acknowledged)
               "饭辛苦", "很辛苦", "太辛苦", "好辛苦", "挺辛苦", "辛苦得很", "过得辛苦", "日子辛苦",  # (煮饭辛苦: hard)
               "一哈", "哈喇", "新来的门岗", "新来的保安", "新来的物业", "新来的管家", "新来的房东", "新来的老师",
               "新来的网格员", "新来的社工", "新来的书记", "新来的主任", "新来的医生", "新来的司机", "新来的领导",
               "早上好几", "早上好多", "早上好像", "晚上好几", "晚上好多", "晚上好像")  # (好几台车: many, no greeting)
# (来看一哈: Sichuan 一下, no laugh; 哈喇味: rancid; 新来的门岗: someone new, no newcomer's hello)
# someone else's mistake (医院把我爸的病看错了), no message of one's own taken back
_MISREAD = Sieve(r"(把|将|给)[^。，,]{1,10}看错了|病[^。，,]{0,2}看错了|看错了?病")
_TAKEN_BACK = ("我弄错了", "我搞错了", "发错了", "看错了", "说错了", "是误会", "原来是游戏", "原来是物业", "原来是演练",
               "原来是培训", "搞清楚了", "弄清楚了", "是我自己家")  # so, whatever problem it names
# an alarm called off, or a message taken back: nothing to report
_ALL_CLEAR = ("一点事都没", "一点事没有", "以为着火了", "以为起火了", "以为失火了",
              "吓到大家了", "吓着大家了", "大家别再传了", "别再传了",
              "莫担心", "别担心", "不用担心", "原来是我", "原来是电池", "大家别紧张", "别紧张", "虚惊一场", "大家放心",
              "莫慌莫慌", "别慌别慌", "无代志了", "没代志了",
              "不是真着火", "误报", "没事没事", "大家别慌", "冇得事", "没得事", "莫得事", "没事了", "是演习",
              "直接挂了", "没上当", "想想还后怕", "想起来还后怕", "想起来都后怕", "后来醒了", "醒过来了", "救过来了",
              "抢救过来了", "不是着火", "不是起火", "是人家烧纸", "放心了", "放心吧", "查清楚了", "还好我在",
              "幸好没信", "还好没信", "幸亏没信", "好在没信", "还当真了",
              *_TAKEN_BACK)
# one's own children noisy or fighting (吵死了 我家两个小鬼从早打到晚): a parent's sigh (siblings among themselves,
# sighed over first), not a child hurt or frightened by anyone else, nor neighbours' children
_OWN_KIDS = Sieve(r"^(?!.*(被|让|叫|给|老师|狗|人家|楼上|楼下|隔壁|邻居|对门|对面))"
                  r"(吵死了?|烦死了?|头疼|头大|头都大了|受不了)[^。!?]{0,3}"
                  r"(我家|我屋里|我屋|俺家|我们家|阮厝)(两个|几个|三个)(小鬼|孩子|小孩|娃|熊孩子|小的|崽|伢|囡)"
                  r"[^。!?]{0,6}(打架|吵架|打到晚|吵到晚|闹到晚|打来打去|吵来吵去)")
# an alarm of a moment ago explained by whoever raised it, calming all or sorry (刚才那个烟是隔壁在烧纸，莫慌)
_EXPLAINED = Sieve(r"^(刚才|刚刚)(那个|那阵|说的|讲的|群里|发的)[^。!?]{0,14}(是|系)"
                   r"(?![^。!?]{0,20}(着火|起火|失火|烧起来|烧着|漏气|在漏|困|晕|倒|血))[^。!?]{0,20}"
                   r"(莫慌|别慌|不要慌|不用慌|莫怕|别怕|不好意思|抱歉|对不住|对不起|sorry)")
ALL_CLEAR = frozenset(_ALL_CLEAR)  # an alarm called off in so many words (虚惊一场): none, whatever a model hears in it
# a cry for help and nothing else named, said with tears or laughter (救命啊😭): exasperation as often as danger
_EXCLAIM = frozenset({"救命", "救命啊", "救救我", "救救我们", "快来人", "来人啊"})
_TEARS = ("😭", "😂", "🤣", "哈哈")
# a notice's advice (温馨提示…注意防火): an emergency's words in it are a warning, not a report
_ADVICE = ("注意", "谨防", "预防", "防范", "请勿", "切勿", "严禁", "保持通风", "关好", "提高警惕", "不要", "立即拨打",
           "先断电", "再拨", "记得", "一定要",
           "及时拨打", "第一时间拨打", "捂住口鼻", "别坐电梯", "不要乘电梯", "先关燃气", "先关电闸", "弯腰", "莫让",
           "别让")
# advice to everyone, with nothing said to happen (天冷了 大家烧炉子记得开窗通风 别煤气中毒了)
_ADVICE_TO_ALL = Sieve(r"(大家|各位|大伙|家人们|邻居们)[^。!?]{0,12}(记得|一定要)")
_SENSED = Sieve(r"闻到|看到|看见|听到|听见|味|烟|声")  # something sensed now: an event, not advice
ADVICE = frozenset(_ADVICE)  # advice in so many words: a notice of what to do, whatever a model hears in it
# an all-clear someone else gave (老板说没得事), and a resident who doubts it (我觉得不对劲)
_RELAYED = Sieve(r"[^,.!?。\s]{1,6}(说|讲|讲话|话)")
_DOUBT = ("不对劲", "不放心", "不太对", "有没有人管", "还是有", "还在", "我觉得", "我看不像", "不像没事")
_HERE = ("我们这", "咱们这", "咱这", "俺们这", "额们这", "我们小区", "咱小区", "咱们小区", "本小区", "我们楼",
         "我们单元", "我们村", "我们这片")  # heard of, but here: 听说我们这片要改造了，是真的吗
_OWN_PLACES = frozenset(("我们小区", "咱小区", "咱们小区", "本小区", "我们楼", "我们单元", "我们村"))  # of _HERE: named
_ELSEWHERE = ("外省", "外地", "另一个区", "另一个小区", "别的小区", "隔壁小区", "其他小区", "别的区", "别的地方",
              "国外", "有个小区", "有个村", "有个厂", "有个楼", "有栋楼", "有幢楼", "隔壁镇", "别的镇", "隔壁县",
              "外县", "真的假的",
              "莫乱传", "别乱传", "不要乱传",  # (a rumour put down)
              "南方又", "北方又", "南方那边", "北方那边",  # (南方又淹了: the south, not 南方电网)
              "是真的吗", "是真的还是", "隔壁市", "外市", "别的城市", "其他城市",
              "澳门那边", "香港那边", "节目", "视频里", "不是咱这", "不知道是哪的", "不知道是哪里的",
              "不知道是哪儿的", "不晓得是哪的", "不晓得是哪里的", "有个地方", "系不系真", "是不是真", "别处",
              "不是我们这", "某地", "某市", "某县", "某省", "某镇", "人家的电梯", "人家电梯", "人家小区", "人家那边",
              "inanotherprovince", "inanothercity", "inanothercountry", "somewhereelse")
# shut and kept shut (修好了一直锁着门, 祠堂常年锁着): a problem now, whatever else is said beside it
_SHUT_STILL = ("一直锁着", "锁着不开", "一年到头锁着", "常年锁着", "长年锁着", "整年锁着", "一年到头锁门", "常年锁门")
# a problem now: these keep a thank-you or a notice a report ("谢谢，但是电梯又坏了")
_CURRENT = ("又", "能不能来", "还是", "还没", "仍然", "依然", "但是", "可是", "不过", "怎么还", "再次", "没修好",
            "没解决",
            *_SHUT_STILL, "一直关着", "一直没开",
            "味还在", "味道还在",  # (抽完…那股味还在: not done)
            "演习的时候就", "演练的时候就", "演习时就", "演练时就",  # (去年演习的时候就没水: and still)
            "未解决", "没通知", "不通知", "没有通知", "未通知", "也不说", "投诉", "举报", "怎么回事", "歧视", "限男性",
            "女的不要", "不要女的", "从来没见过", "从没见过", "一次都没来", "从来没来过", "没人来过", "都没来过",
            "才发现", "收不到", "传不到", "没人管", "说了不好使", "说了也不好使",
            "几回了不好使", "几次了不好使", "说都不好使", "说啥都不好使", "没整明白", "没弄明白", "都未整", "都没整",
            "演习先发现", "演练先发现", "到现在也没来", "到现在都没来", "到现在也没人", "到现在都没人",
            "到现在还不来")
# (上回演练才发现的: found out at a drill or a notice, now; 说了不好使: said, and no use; 手都不好使了: numb hands, no
# problem)
# not "again" of happy again, warm again
_WELL_AGAIN = r"(?<!happy )(?<!fine )(?<!well )(?<!normal )(?<!smiling )(?<!warm )(?<!working )"
_CURRENT_EN = re.compile(r"\b(?:but|still|(?<!working )(?<!works )(?<!running )(?<!is on )" + _WELL_AGAIN +
                         r"again|broken|broke down|"
                         r"not (?:fixed|working|solved|repaired)|"
                         r"(?:isn|doesn|hasn|wasn|won|haven|didn|aren|weren)'?t (?:fixed|working|solved|repaired)|"
                         r"leaking|"
                         r"keeps? (?!talking|saying|telling|asking|recommending|posting|sharing|laughing)\w+ing|"
                         r"(?:nobody|no one|no-one) (?:has |have |had )?(?:\w+ed|come|came)|"
                         # how long it has been wrong (for two weeks, for over a week), not how long one stays (I'm
                         # here for two weeks)
                         r"(?<!here )(?<!staying )(?<!visiting )(?<!stay )(?<!trip )"
                         r"for (?:over |more than |almost |nearly |about )?(?:a |(?!next |this |the )\w+ )?"
                         r"(?:days|weeks?|nights|months?)|"
                         r"(?:been|went|gone) (?:out|off)|out since|off since)\b")
_QUICK_Q = re.compile(r"^\s*(?:quick|small|silly|random) (?:q|qn|question)\b\W*")


def _asked_en(text: str) -> bool:
    """Return whether an English message asks: it starts with a question's word, or a sentence of it that ends
    in ``?`` does (Hi all, we're here for two weeks. Any tips for seafood?).

    >>> _asked_en("Hi all, we are here for two weeks. Any tips for seafood?"), _asked_en("The lift is broken?!")
    (True, False)
    >>> _asked_en("Passing through on my way north, any tips for noodles?")  # asked after a comma
    True
    >>> _asked_en("We don't want a fight, can someone talk to them?")  # asked to do something: a request
    False
    """
    lower = _QUICK_Q.sub("", _unadorned(text).lower())  # (Quick q — when does…?)
    return bool(_ASKED_EN.match(lower)) or any(
        _ASKED_EN.match(s) or (_ASKED_EN.match(clause := s.rsplit(", ", 1)[-1]) and not _ASKED_TO_EN.match(clause))
        for s in re.split(r"(?<=[.!?])\s+", lower) if s.endswith("?"))


def _unadorned(text: str) -> str:
    """Return ``text`` without the spaces, emoji and other symbols around it (…around here? 🙏 ends in ``?``).

    >>> _unadorned(" Does anyone know a tutor? 🙏 ")
    'Does anyone know a tutor?'
    """
    end = len(text)
    while end and unicodedata.category(text[end - 1])[0] in "SMCZ":
        end -= 1
    return text[:end].strip()


_WHEN_EN = frozenset({"but", "still", "again"})  # of those, the words that say when, not what is wrong
_LATIN = Sieve(r"[A-Za-z]{3}")
_HAN = Sieve(r"[\u3400-\u9fff\uf900-\ufaff]")  # a Chinese character: a message without one is English (or emoji)
# whom to complain to, asked after a matter named (…I paid a whole year in advance. Where can I complain?): a report
_COMPLAIN_TO_EN = Sieve(r"\b(?:where|who|whom) (?:can|do|should|could|would) (?:i|we) "
                        r"(?:complain|report (?:this|it)|talk to|turn to|go to complain)\b")
# a request put as a question after a comma (…, can someone talk to them?): asked to do something, not asked about
_ASKED_TO_EN = Sieve(r"(?:can|could|would|will) (?:someone|somebody|anyone|anybody|you)\b|please\b")
# asked of neighbours
_RECOMMEND_EN = Sieve(r"\b(?:know|recommend|suggest|recommendation|suggestions?|tips?|advice|wondering)\b")
# an English message that says it passes news on (News: …, FYI …, Reminder: …): a notice, unless something is wrong
_NOTICE_EN = Sieve(r"\s*[\[(【]?(?:just )?(?:a )?(?:(?:planned |scheduled )?(?:power|water|gas|electricity|heating)"
                   r"(?: cut| outage| shut-?off| shutdown| maintenance)? (?=notice|reminder|announcement))?"
                   r"(?:good news|news|fyi|notice|reminder|announcement|heads[ -]up|"
                   r"psa|"
                   r"forwarding|forwarded|"
                   r"fwd|fw|(?:just )?sharing|passing (?:this |it )?on)\b[\])】]?\s*[:,!-]?")
# a question asked in English first, then said again in Chinese (Is the class still on? 课还开吗)
_ASKED_EN_FIRST = Sieve(r"\s*[A-Za-z][^\u3400-\u9fff?]{15,}\?\s*[\u3400-\u9fff][^A-Za-z]*$")
_LAUGH_EN = Sieve(r"\s*(lol|lmao|rofl|haha+|hehe+)\b")  # an English message that opens laughing
_LAUGHED_EN = Sieve(r"\b(lol|lmao|rofl|haha+|hehe+)[\s!.~]*$")  # ... or ends so ('on fire' today ... lol)
_ASKED_EN = Sieve(r"(?:(?:hey|hi|hello)[,!]?\s+)?(?:is|are|does|do|did|when|who|what|which|will|would|can|could|"
                  r"has|have|why|how|where|any|anyone|if|"
                  r"anybody|someone|somebody|if there'?s ever|in case|quick question|if (?:\w+ ){1,4}ever|"
                  r"(?:just )?wondering (?:if|whether))\b")
# thanks for something done, in English (thanks for fixing the lights!): no report, unless something is wrong still
_WORKS_AGAIN_EN = (r"(?:working|works|running|is on|are on) (?:again|now|fine)|back on|back to normal|since the repair|"
                   r"(?:is|are|'s|'re) (?:all )?(?:warm|hot|bright|clean|quiet|dry|clear) (?:now|again)")
_THANKED_EN = Sieve(r"\b(?:thanks?|thank you|thx|grateful)\b.*\b(?:fix|fixed|fixing|repair\w*|sort\w*|helped|help|"
                    r"helping|"
                    r"clean\w*|solv\w*|shovel\w*|clear\w*|plough\w*|plow\w*|grit\w*|" + _WORKS_AGAIN_EN + r")\b"
                    # or the thing done told first (the plumber came and fixed the leak. Thanks to…)
                    r"|\b(?:fixed|repaired|sorted|cleaned|solved|unblocked|replaced|" + _WORKS_AGAIN_EN + r")\b.*"
                    r"\b(?:thanks?|thank you|thx|grateful)\b"
                    # or to someone for a kindness done (thanks so much to the lady who walked me home): said with
                    # more than a bare "thanks to", which is as often said of a culprit
                    r"|\b(?:thanks (?:so much|a lot|again)|thank you(?: so much| again)?|many thanks|big thanks|"
                    r"huge thanks) to (?:the|that|this|our|my) (?:kind |lovely |nice |sweet |young |old )?"
                    r"(?:lady|ladies|man|men|guy|guys|woman|women|gentleman|person|people|neighbou?rs?|uncle|"
                    r"auntie|aunty|aunt|granny|grandpa|boy|girl|kids?|stranger|driver|volunteers?|staff|guard|"
                    r"cleaner|doctor|nurse|teacher)s? (?:who|that) "
                    r"(?:\w+ed|found|gave|took|brought|drove|held|kept|sent|lent|showed|told|paid|came|ran|stayed|caught|fed|taught|bought|made|got)\b"
                    # or to whoever did a good thing (thank you to whoever set up the book corner!)
                    r"|\b(?:thanks?|thank you)(?: so much| again)? to whoever (?:set|put|fixed|cleaned|organi[sz]ed|"
                    r"carried|returned|handed|helped|"
                    r"made|started|planted|added|brought|repaired|shovel\w*|clear\w*)\b"
                    # or for a kindness given (thank you to the committee for the Spring Festival gifts!)
                    r"|\b(?:thanks?|thank you|thx)\b[^.!?]{0,40}\bfor (?:the|your|all the|our)\b[^.!?]{0,30}"
                    r"\b(?:gifts?|presents?|visits?|dumplings|mooncakes|zongzi|care packages?|flowers|meals?|dinner|"
                    r"lunch|party|parties|concert|show|performance|celebration|warm welcome)\b")
_SOCIAL_MARK_EN = re.compile(
    r"\b(?:(?P<laugh>(?:lol|lmao|rofl|haha+|hehe+)\b(?!\W{0,3}i'?m (?:literally |so )?dying))|"
    r"(?P<informed>(?:thanks?|thank you|thx) for (?:the|your) "
    r"(?:info|information|tip|tips|heads[ -]up|reminder|update|notice|announcement|warning|notification))|"
    r"(?P<thanks>thank you|thanks|thx)|"
    r"(?P<invite>free [a-z ]{0,20}(?:checks?|check-ups?|screenings?|classes|lessons|sessions|workshops?|"
    r"consultations?)\b|see you (?:all|everyone) (?:at|on|there|tomorrow|tonight)\b|anyone up for|anyone "
    r"(?:want(?:s)? to|wanna) join|who wants to|join us|all welcome|beginners welcome|everyone welcome|"
    r"all ages welcome|"
    r"come along|neighbou?rs (?:are )?(?:very |most |more than )?welcome|"
    r"would love to (?:see|join|come|watch|attend|learn)|who'?s in for|anyone going to"
    r"(?! (?:fix|spray|repair|clean|do|deal|sort|come|look|check|stop|remove|collect|cut|clear|empty|pick|change|"
    r"replace)\b)|count me in|"
    r"(?:want|wanna|like) to share a (?:taxi|cab|ride|car)\b)|"
    r"(?P<offer>lost:|found:|"
    r"(?:someone|somebody) left (?:a|an|their|his|her) [a-z -]{1,30} (?:at|in|on|by|near) [^.?!]{0,60}"
    r"\bi (?:hung|put|left|moved|handed|placed|took) (?:it|them)\b|"
    r"found (?:a|an|one|two|a pair of|some|this|someone'?s)\b[^.?!]{0,90}\b(?:left (?:it|them)|"
    r"handed (?:it|them)|gave (?:it|them)|it'?s with|it is with|pick it up|to claim)|for sale|giving away|"
    r"free to a good home|please dm|pls dm|plz dm|dm me|pm me|wechat me\b|msg me|message me|text me|ping me|hit me up|"
    r"to claim it|"
    r"if (?:anyone|anybody|someone|somebody|you) (?:sees?|finds?|spots?) (?:it|them)\b|"
    r"in case (?:anyone|anybody|someone|somebody) (?:sees?|finds?|spots?) (?:it|them)\b|"
    r"(?:lmk|let me know|tell me) if (?:you|u|anyone|someone) (?:see|sees|saw|find|finds|found|spot|spots)|"
    r"anyone selling|selling (?:a|my|our) |want to buy|looking to buy|wtb|(?:happy|glad) to (?:help|teach) "
    r"(?:any|anyone|with)\b)|"
    r"(?P<praise>10/10|all (?:good|sorted|fixed|fine) now|(?:so|very|really|just) (?:happy|glad) to be (?:home|back)\b|"
    r"(?:good|great) to be (?:home|back)\b|agree with (?:the|you|him|her|what|everyone|everybody)\b|"
    r"what an? (?:beautiful|lovely|gorgeous|amazing|stunning|wonderful) "
    r"(?:city|place|town|village|view|day|evening|morning)\b|(?:is|are|looks?) (?:so |really |very )?"
    r"(?:pretty|beautiful|lovely|gorgeous|stunning) (?:today|tonight|this morning|now)\b|"
    r"the (?:sunset|sunrise|view) (?:from|over|at|tonight|today)\b|"
    r"(?:got|has been|have been|was|were|'?s been) (?:fixed|repaired|sorted)\b(?! yet)"
    r"(?![^.!?]{0,40}\b(?:but|again|still|not)\b)|(?:it'?s|has) been (?:totally |completely |pretty )?"
    r"(?:fine|good|ok|okay|quiet) since|(?:is|are) (?:fine|ok|okay) now|love it\b|"
    r"(?:was|were) (?:super|so|very|really) (?:kind|helpful|nice|friendly|smooth)|is a saint|would recommend|"
    r"would rent again|"
    r"shout ?out to|"
    r"kudos|congrats|congratulations|amazing|(?:are|is) to die for|loving it\b|delicious|"
    r"(?:so |very |super )?(?:yummy|tasty)\b|"
    r"awesome|so cool\b|friendliest|(?:it'?s )?growing on me|"
    r"nicest neighbou?rhood|you'?re the best|you are the best|"
    r"so (?:sweet|kind|nice|thoughtful) of|"
    # (insane is praise of a show, not of dust: "the dust is insane" complains)
    r"was (?:insane|epic|lit|fire)\b|is (?:epic|lit|fire)\b|(?:were|are) (?:insane|epic|lit|fire)(?=\s*!)|i'?m dead\b|"
    r"(?:is|such) a (?:great|lovely|wonderful|good) (?:community|neighbourhood|neighborhood)|"
    r"(?:is|are) (?:so |really |just )?magical|love this (?:place|town|city|neighbourhood|neighborhood)|"
    r"(?:was|were) going to complain|"
    r"fantastic|loved it|(?<!not )so good|(?:is|are) (?:much |so |way "
    r")?(?:better|cleaner|nicer|cheaper) than|(?:are|is) the best|"
    r"(?:is|are) so much (?:better|cleaner|nicer|fresher|quieter|clearer) (?:today|now|this \w+)\b(?! but)|"
    r"(?:very |really |so )?well organi[sz]ed|quick and easy|highly recommend|recommend!)|"
    r"(?P<greet>happy (?:mid-?autumn|moon|spring|chinese new|lunar new|new year|dragon boat|national day|lantern|"
    r"holidays|festival|tet)|merry (?:christmas|xmas)|happy (?:birthday|bday|anniversary)\b|"
    r"(?:will|gonna|i'?ll) miss (?:you|u) all\b|"
    r"season'?s greetings|good ?(?:morning|afternoon|evening|night) "
    r"(?:all|everyone|everybody|neighbou?rs|folks)|(?:hi|hello|morning) "
    r"(?:all|everyone|everybody|neighbou?rs|folks)|just moved in|looking forward to (?:meeting|getting to know)|"
    r"nice to meet you|i'?m new here|good morning from|welcome (?:to )?(?:the|our) new neighbou?rs?|tashi delek|"
    r"eid mubarak|happy eid|ramadan kareem|happy diwali)|"
    r"(?P<story>fun story|funny story|crazy times|good old days|those were the days|back in the day|"
    r"such (?:good |fond |sweet )?memories|brings back (?:so many |such )?memories|"
    r"(?:so )?glad (?:that'?s|it'?s|that is|it is) (?:all )?(?:behind us|over now)|"
    r"back when i (?:lived|was living|worked|studied) (?:in|at)\b|crazy to think (?:about|that|of)\b|"
    r"(?:so )?surreal to (?:finally )?(?:be|see|visit|stand)\b|^back in (?:19|20)\d\d\b|"
    r"^(?:many |a few |some |\d+ )?years ago\b|"
    r"(?:grandma|grandpa|granny|grandmother|grandfather|nana|mum|mom|dad) (?:says|said|told me)\b"
    r"[^.!?]{0,60}\bused to\b)|"
    r"(?P<joke>hilarious\b|that (?:scream|screaming|noise|bang|shout|yell)(?: earlier| last night| just now)? was "
    r"(?:me|us)\b|i'?m going crazy (?:with|over)\b|"
    r"just a joke|\bjk\b|just kidding|(?:almost |nearly )?died laughing|here'?s a joke|joke of the day|"
    r"(?:^|i'?m (?:literally |so )?)(?:starving|dying of hunger)|"
    r"i'?m (?:literally |so )?dying to (?:try|see|go|know|meet|visit|eat|taste|hear|watch|get)\b|"
    r"i'?m (?:literally |so )?dying (?:on|at|of boredom|of laughter|laughing)|i'?m (?:literally |so )?dying for "
    r"(?:a|an|some)\b|(?:boss|mum|mom|wife|husband|teacher|coach|dad|mother|father) (?:is )?(?:gonna|going to) kill "
    r"me\b|"
    r"i'?m (?:literally |so )?dying(?: here| rn| over here)?(?=\W{0,3}(?:😂|🤣|😹|lol|lmao|haha))|"
    r"(?:lol|lmao|haha+)\W{0,3}i'?m (?:literally |so )?dying|"
    r"i thought i was (?:gonna|going to) die(?=[^.!?]{0,40}(?:😂|🤣|😹|\blol|\blmao|\bhaha))|"
    r"(?:is|are) killing me(?=[^.!?]{0,80}(?:😂|🤣|😹|\blol|\blmao|\bhaha))|"
    r"(?:the |this )(?:heat|cold|humidity|weather|jet lag|altitude) is killing me|(?:nearly|almost) froze to death)|"
    # greetings typed as pinyin (guo nian kuai le, jia you!, xie xie): social, when the rules find no matter (wo jia
    # you ting dian le is 我家又停电了)
    r"(?P<pinyin>(?:xin|guo|jie|sheng|zhong|chun|duan|yuan)\s?(?:nian|ri|qiu|jie|wu|dan|xiao)\s?kuai\s?le|"
    r"yi\s?qi\s?jia\s?you|jia\s?you\W*$|xie\s?xie|gong\s?xi\s?fa\s?cai|da\s?jia\s?hao|(?:zao|wan)\s?shang\s?hao|zao\s?an|wan\s?an|"
    r"ni\s?hao|nin\s?hao)|"
    # an opinion of how a thing looks (I think the old arcades are beautiful): chat, when no matter is named
    r"(?P<opinion>i (?:really )?think (?:the|our|this|these|those|it)\b[^.?!]{0,60}\b(?:beautiful|lovely|gorgeous|"
    r"charming|pretty|wonderful)|(?:are|is|looks?) (?:so |really |very |quite )?"
    r"(?:beautiful|lovely|gorgeous|charming)|i (?:really )?think (?:the|our|this|these|it)\b[^.?!]{0,60}\b"
    r"(?:is|are) (?:really |so |very )?(?:fine|ok|okay|good|great|reasonable|fair|nice|lovely)\b(?!,? but)))")
# the social marks that say a message is social although it names a matter (a "thanks" does not: what it names may
# be still to do; one that goes on to such a mark is looked past, thanks so much… so sweet of the committee!, unless
# something else is said to be wrong: Thanks! Also the water is off…)
_WITH_A_MATTER_EN = frozenset({"offer", "praise", "greet", "informed", "joke", "opinion", "story"})


def _social_mark_en(lower: str, past_thanks: bool) -> re.Match[str] | None:
    """Return the first social mark in ``lower`` (an English message, lower-cased); ``past_thanks``: look past a
    thank-you to a later mark, unless something else is said to be wrong (:data:`_WITH_A_MATTER_EN`).

    >>> _social_mark_en("thanks so much, so sweet of the committee!", past_thanks=True).lastgroup
    'praise'
    >>> _social_mark_en("thanks! also the water is off, amazing", past_thanks=True).lastgroup
    'thanks'
    """
    past_thanks = past_thanks and not _NEXT_EN.search(lower)
    return next((m for m in _SOCIAL_MARK_EN.finditer(lower) if not (past_thanks and m.lastgroup == "thanks")), None)


# what a fix was done to (fixed the leaking pipe): the thing, not something still wrong
_FIXED_THING_EN = re.compile(r"\b((?:fix|fixed|fixing|repaired|repairing|unblocked|unblocking|sorted|sorting out|"
                             r"sorted out|clearing|cleared|clearing out|cleared out|helping with|help with|"
                             r"helped with)\s+"
                             r"(?:the|our|my|that|this|a)\s+)(?:\w+ing|broken|cracked|blocked|loose|faulty|damaged)\b"
                             # or said to have been (the leaking pipe in our stairwell got fixed)
                             r"|\b((?:the|our|my|that|this)\s+)(?:\w+ing|broken|cracked|blocked|loose|faulty|damaged)\b"
                             r"(?=(?:\s+[\w']+){1,5}?\s+(?:got|was|were|has been|have been)\s+"
                             r"(?:fixed|repaired|sorted|unblocked|replaced)\b)")


def _thing(fixed: re.Match[str]) -> str:
    """Return a fix's thing said plainly (the leaking pipe: the thing pipe), for :data:`_FIXED_THING_EN`."""
    return f"{fixed.group(1) or fixed.group(2)}thing"


# what once was and is no more (why did they stop the free classes?): a complaint, not an invitation
_ENDED_EN = Sieve(r"\b(?:why did (?:they|you) stop|stopped|cancell?ed|want (?:them|it) back|"
                  r"bring (?:them|it) back)\b")
# a fix passed on with word that nothing needs doing (…got fixed today, no need to report it again): no report
_NO_NEED_EN = Sieve(r"\b(?:fixed|repaired|sorted|cleared|unblocked|back on)\b.*"
                    r"\bno need to (?:report|call|tell)\b"
                    # or working again and fixed, told as news (lift in bldg 2 is working again btw, they fixed it)
                    r"|\b(?:is|are) working again\b[^.?!]{0,30}\b(?:fixed|repaired) (?:it|them)\b"
                    # or a supply back on, told to someone who asked (@陈婆婆 the water's back on now)
                    r"|\b(?:water|power|electricity|gas|heating)(?:'s| is) back on\b"
                    r"(?: [^.?!,]{0,24})? (?:now|all good)\b"
                    r"(?![^.?!]{0,20}\bbut\b)"
                    # or back now, told to all (The water is back now in our building, no worries guys)
                    r"|\b(?:water|power|electricity|gas|heating|hot water|lift|elevator|internet|wifi)"
                    r"(?:'s| is| are) back(?: on)? (?:now|already)\b(?![^.?!]{0,40}\b(?:but|off|again)\b)")
_DRILL_EN = Sieve(r"\b(?:fire|evacuation|emergency|earthquake) drill\b")  # a drill announced: a notice
_REQUEST_EN = Sieve(r"\?|\b(?:please|can someone|could someone|can anyone|could anyone|can you|could you)\b")
# after the thanks: something else wrong
_NEXT_EN = Sieve(r"\b(?:also|another|by the way|btw|" + _WELL_AGAIN + r"again|"
                 r"(?<!fill )(?<!filled )(?<!filling )(?<!find )(?<!found )(?<!figure )(?<!figured )"
                 r"(?<!sort )(?<!sorted )(?<!help )(?<!helped )(?<!helping )(?<!work )(?<!worked )(?<!check )"
                 r"(?<!hand )(?<!handed )(?<!point )(?<!pointed )(?<!carry )(?<!carried )(?<!sorting )"
                 r"(?<!finding )(?<!figuring )(?<!checking )(?<!working )(?<!carrying )(?<!handing )(?<!filling )"
                 r"(?<!sun )(?<!sun is )(?<!lotus )(?<!flowers )(?<!blossoms )(?<!blossom )(?<!stars )"
                 r"(?<!moon )(?<!sort it )(?<!sorted it )(?<!sorting it )(?<!sort that )(?<!sorted that )"
                 r"(?<!sorting that )(?<!figured it )(?<!sorted this )(?<!sorting this )out|"
                 r"off|leak\w*|smell\w*|nois\w*|blocked|"
                 r"blockage|stuck|dead|missing|cracked|flood\w*|fire|smoke|has no|have no|drives past|drove past|"
                 r"doesn't stop|does not stop)\b")
# something is wrong: enough to make a message about an unnamed matter a report
# nobody heeds it, said of no matter (有冇人管下啊, 讲了几遍了): a complaint, and of what is not said
_NOBODY_HEEDS = ("有没人管", "有没人理", "有没有人理", "没人理", "无人管", "没人回", "说了几遍", "讲了几遍",
                 "说了多少遍", "讲了多少遍", "有没有管事的", "莫得用", "都没用", "不知找谁", "不知道找谁", "讲了好几趟",
                 "说了好几趟", "讲了好几次", "说了好几次", "反映了好几次", "讲咗好耐", "讲咗好多次", "讲咗几次")
# something is wrong, or someone is asked to come and look, with nothing said of what (有人来看下吗, 兀个又坏咧,
# 有人管没): a problem, and one that names no matter (see _MATTERLESS)
_SOMETHING_WRONG = ("有人来看下", "有没有人来看", "有人能来看", "谁来看一下", "有人能来瞅", "谁能来看", "谁能来瞅",
                    "哪个来看", "有人来瞅", "坏咧", "又那样了", "又介样了", "有人管没", "有人管伐", "有莫得人管",
                    "有没得人管", "出问题了", "有人来看看", "有人来看一下", "来看一哈", "有人管管", "有人管无",
                    "有人管么", "有人管吗", "有没人来看", "不灵了", "弄坏", "来看一下嘛", "来看下嘛", "来看一下撒",
                    "来个人看下", "来个人看看", "谁来瞭", "来瞭一下", "坏脱了", "日塌了", "还那样", "有人来望下",
                    "来望一下", "拐哩", "又不得了", "有侬来看", "又不中", "又不好使", "整坏了", "谁来看看",
                    "谁给瞅", "来个人瞅", "处理一下", "瞧一哈", "来瞧一下", "搞不成了", "又是了样", "又是这样",
                    "啥辰光来弄", "几时来弄", "几时先搞", "几时先整", "几时先嚟", "几时整", "几时修",
                    "什么时候修", "啥时候修")
# (一哈: a southwestern 一下; Teochew 有冇人来睇 reads 有没人来看; Wu 坏脱, Xinjiang 日塌, Gan 拐哩, Cantonese 又唔得了:
# broken, as Henan 不中 and northeastern 不好使 (not working) and southwestern 整坏 (made broken); Jin 瞭, Hakka 望,
# northeastern 瞅: look; Wu and Minnan 侬: someone)
_PROBLEMS = (*_NOBODY_HEEDS, "没号", "坏了", "坏掉", "不行了", "拿错药", "拿错了药", "药拿错", "把药拿错", "不承认",
             "不亮了", "找谁要", "叫学生", "拉学生", "骗学生", "一个人收",
             "才知道要交", "先知要交", "要先交", "仿冒",
             "假钞", "假币", "睏不去", "睏袂去", "睏唔去", "直播间讲是", "直播间说是", "去了才", "到手才",
             *_SHUT_STILL, "都借不到", "不亮", "不热",
             "不通", "不动", "不出", "没水", "没电",
             "没气", "没人管",
             "随便进出", "随意进出", "没人值班", "无人值守", "不认账", "不认卡", "新老板不认", "就不认了",
             "也没下来", "还没下来", "都没下来", "说停就停", "说关就关", "说拆就拆", "一直不签", "不签合同",
             "补偿没有", "没有补偿", "没给补偿", *_SOMETHING_WRONG, "走过场", "内定", "讨个说法", "讨说法",
             "要个说法", "给个说法", "整栋楼都听到", "整栋都听到", "未见钱", "没见钱", "不见钱", "没人听",
             "预约不到", "约不到",
             "没装回去", "没装回", "没放回去", "胀袋", "给了熟人", "连面试都没", "冒用", "盗用", "又搞起来",
             "用了我们", "不见人来",
             "霸住", "霸占", "不关他事", "不关她事",
             "没人修", "没人处理", "没人收", "没人清理", "没人清", "没人来", "不管", "不处理", "希望", "尽快", "麻烦",
             "帮忙",
             "关不牢", "锁不牢", "关不严", "关不拢",
             "能不能", "可不可以", "为什么", "凭什么", "没公开", "不公开", "没有公开", "暗箱操作", "管不住", "管不了",
             "一直", "总是", "老是", "每天", "每日", "经常", "整天", "好几天",
             "好多天", "几天了", "多久了", "要等多久", "一个多月", "天天被", "天天都", "占着", "贴条", "合法吗",
             "违法吗", "合理吗",
             "合不合法", "是不是合法",
             "合规矩吗", "合规吗", "合不合规矩",
             "受不了", "太吵", "吵死", "吵得", "这么吵", "睡不着", "睡不到觉", "成问题", "臭",
             "脏", "乱", "危险",
             "隐患", "差点", "漏", "堵", "裂", "塌", "掉下", "破了", "烂了", "噪音", "严重", "扰民", "乱收费",
             "拖欠", "没收到", "都么收到", "另外收钱", "要另外收", "不送到", "推销", "报案",
             "违规", "违法", "私自", "被偷", "偷了", "小偷", "偷东西", "偷走", "偷电", "偷拍", "偷偷",
             "偷车", "偷拿", "偷倒", "偷排", "偷盗", "偷装", "偷挖", "偷运", "偷钓", "偷接", "丢了", "被人", "占了",
             "占用", "安全", "出不来", "进不去",
             "骚扰", "欺负", "打人", "骂人", "晃动", "异响", "冒水", "冒烟", "积水", "坑", "黑乎乎", "看不见",
             "摔", "伤", "咬", "有人在", "有人把", "到处", "满了", "太多", "太少", "太差", "太贵", "不给",
             "不退", "不让", "不理", "欠我", "欠了", "假货",
             "不合理", "不公平", "矛盾", "诉求", "请求", "要求", "呼吁", "反映", "有没有人管", "没有人管",
             "打不通", "没人接", "骗了我", "骗老人", "骗钱", "呃人", "呃钱", "不要处方", "被拉黑",
             "拉黑了", "上当了",
             "跑路",
             "老板跑了", "人跑了", "卷钱跑", "卷铺盖跑",
             "跑没影", "卷款", "提不出来", "刷单", "说好的", "也没让", "交了也没", "不公示", "没公示", "未公示",
             "暗箱操作", "内定", "就关门", "关门转让", "人也找不着", "人找不着了",
             "马赛克", "断断续续", "时断时续", "卡顿", "没人换", "没人弄", "没人问", "太麻烦", "写错", "滴答", "还在滴",
             "一直滴", "鼓起来", "墙出水", "墙在出水", "墙一直出水", *_CURRENT)
# said of reporting or helping, not of what is wrong
_ABOUT_REPORTING = frozenset({"反映", "投诉", "报修", "举报", "帮忙"})
# 谢谢，就是…: but (but not 但愿, 但凡)
_TURN = Sieve("现在是|另外|还有个|还有一个|还有就是|还有,|[。!]还有|但是|但(?![愿凡])|可是|不过|就是|就系|顺便|对了|"
               "哎不对|不对不对|等等|依家|而家|想问下|想问一下|再问下")
# (Cantonese 依家, 而家: now; 。还有 opens a sentence of another matter; 想问下 asks after another)
_SHOULD = frozenset("要得应")  # after 还是: what one should do (还是要开窗), not a trouble still there
_HAPPENING = ("刚才", "刚刚", "快来", "救命")  # happening now (not 正在 or 赶紧: a notice's words too)


def _seen_now(t: str) -> bool:
    """Return whether ``t`` says something is seen happening just now (刚才路过…在冒黑烟): with an emergency's words,
    the report, whatever notice it is told beside.

    >>> _seen_now("社区通知上没写清楚,还有刚才路过窑房看到后窗在冒黑烟"), _seen_now("正在开展燃气安全检查")
    (True, False)
    """
    return any(w in t for w in _HAPPENING)


def _without(words: tuple[str, ...], word: str) -> tuple[str, ...]:
    """Return ``words`` with ``word`` left out (还是 set aside when it asks or advises).

    >>> _without(("还是", "又"), "还是")
    ('又',)
    """
    return tuple(w for w in words if w != word)


_OFTEN = ("又", "一直", "总是", "老是", "每天", "每日", "经常", "整天")  # how often, said of anything: no problem named
_FILLER_CHARS = (r"了啊呀哦的啦吧呢嘛哈们吗呗~～…·、，。！？!?,.:;：；\"'“”‘’()（）\[\]【】<>《》"
                 r"\-—_+=*#@&%$^|/\\0-9")
_FILLER = re.compile(f"[{_FILLER_CHARS}]")
_ALNUM = Sieve(r"[^\W_]")  # a letter or a digit of any script (what str.isalnum says)
_LETTERS_ONLY = Sieve(f"[a-z{_FILLER_CHARS}]+")  # what the English social words can be, filler between
# a matter named only by a word that stands for any (那个东西, 这事), and the words around a complaint that name
# nothing (到底有没有人管): with them and the problem's own words gone, a message that names no matter is vague
_PLACEHOLDERS = ("这个东西", "那个东西", "这个事情", "那个事情", "这件事情", "那件事情", "这件事", "那件事", "这玩意儿",
                 "那玩意儿", "这玩意", "那玩意", "这些", "那些", "这个", "那个", "这事", "那事", "东西", "事情", "事儿",
                 "问题", "情况", "它", "兀个东西", "兀个", "咯只东西", "咯只", "那块", "这块", "那个事", "这个事",
                 "说的事", "讲的事", "涅个东西", "涅个", "葛个物事", "葛个", "物事", "勒个",
                 "个个东西", "这块儿", "那块儿", "许个",
                 "那一坨", "这一坨")  # (Jin 兀个, Xiang 咯只, Gan 箇个, Teochew 许个)
# said of anything wrong, naming no matter (坏了, 没人管, 一直); 臭, 漏, 吵 and 没水 name one
# (in the normal form, as the gate finds them: 有侬来看 is 有人来看)
_MATTERLESS = frozenset(normalize(w) for w in (*_NOBODY_HEEDS, "坏了", "坏掉", "不行了", "不动", "没人管", "没人修",
                         "没人处理", "没人来",
                         "没人弄", "没人问", *_SOMETHING_WRONG,
                         "不管", "不处理", "希望", "尽快", "麻烦", "帮忙", "能不能", "可不可以", "为什么", "凭什么",
                         "一直", "总是", "老是", "每天", "每日", "整天", "经常", "好几天",
                         "好多天", "几天了", "多久了", "要等多久",
                         "一个多月", "受不了", "严重", "太差", "有没有人管", "没有人管", "反映", "诉求", "请求", "要求",
                         "呼吁", "破了", "烂了", "危险", "有人在", *_CURRENT))
_FRAME = re.compile("|".join(sorted((  # longest first: 这样 before 这
    "烦死", "气死", "烦人", "无语", "服了", "真是的", "哎呀", "唉", "哎", "烦", "急死", "愁死", "死了",
    "到底", "究竟", "有没有", "是不是", "什么", "就在", "找谁", "家", "能把",
    "人管", "处理", "解决", "看看", "看一下", "来修", "修一下", "赶紧", "快点",
    "还要", "怎么", "我家", "我们", "家里", "今天", "昨天", "现在", "这次", "这回", "一下", "老样子", "样子", "这样",
    "那样", "这么", "那么", "反映了", "几天", "好久", "的是",
    "呢度", "真系", "没眼看", "乜都", "实在", "群里", "天天有事", "有事", "看",  # (这边, 那边: _WHERE's)
    "派个人", "派人", "好多事", "啥事", "么子事", "么子", "出来说句话", "说句话", "帮忙", "能", "额们", "反映",
    "几时", "什么时候", "啥时候", "一眼", "瞅", "给",  # (谁来给瞅一眼, 几时来个人看一下: asked to come, nothing named)
    "咋整", "怎么办", "搞哪样", "哪样", "吗", "嘛", "伐", "哒", "咧", "呢", "哦", "恁", "只",  # (Xiang 咯只: 了只)
    "喂", "有人吗", "一哈", "么", "上回", "上次", "说的", "咋样了", "怎么样了", "格", "搞成", "㗎", "啵",
    "快", "可", "成", "哪", "系",  # (Cantonese 系 咁 㗎, Jianghuai 可有人管: asks)
    "顶不顺", "哈子", "哈", "撒", "瞭", "阿", "勒点",  # (顶唔顺: can't stand it; Hubei 哈子, Jin 瞭: look; Wu 阿: 吗)
    *"这那咋谁都也就才再又还真太好很挺蛮是不没有人管呀啦嘞咯哇喂修弄搞来去了下说讲无阮个一"),
    key=len, reverse=True)))
_WHERE = re.compile(r"[0-9一二三四五六七八九十]+(号楼|号栋|栋|幢|号院|座|单元|层|楼|号|室)|"
                    r"楼上|楼下|门口|地下室|地库|车库|院子里|这里|那里|这边|那边|这度|那度|[东南西北]门|[东南西北]边|大门|后门|侧门|正门|"
                    r"[0-9一二三四五六七八九十]+排|最?[东南西北]头|后头|前头|后边|后面|旁边|对面|[前后]院|"
                    r"(我们|咱们|咱|俺们|额们)(楼|单元|小区|院)|巷子?[口尾头里]|院子|这点|那点|[兀这那]搭|这儿|那儿|果度|嗰度|呢度|果边|呢边")
_ADDRESS = re.compile(r"(大家|各位|你们|您|你|我们|我|同志|工作人员|社区|物业|居委会|街道)|"
                      r"[\u4e00-\u9fff]?(书记|主任|师傅|阿姨|叔叔|大姐|大哥|老师|网格员|姐|哥)")


# what makes a danger over and done with a complaint still (the clinic says it has nothing to do with them)
_GRIEVANCE = ("没关系", "不关他们", "不关我们", "不负责", "不认账", "推卸", "讨个说法", "要个说法", "讨说法", "没人管",
              "不管不问", "不赔", "不给赔", "赔偿", "找谁负责", "谁负责",
              "故意烧", "天天烧", "天天都在烧", "每天都烧", "每天烧")  # (不是着火 是故意烧的: burning, on purpose)
# a gate word inside a word that means otherwise: 心脏 is no dirt (脏), 伤心 no wound, 臭豆腐 no smell, 不管用 no
# neglect, 没收到 no acknowledgement, 想报个名 no sign-up list offered, 交了月租 no flat to let
_INSIDE = {"脏": ("心脏", "肝脏", "肾脏", "内脏", "脏器"), "伤": ("伤心", "悲伤", "忧伤", "伤感", "伤脑筋", "感伤"),
               "臭": ("臭豆腐", "臭美", "臭小子", "臭棋", "臭鳜鱼"),
               "不管": ("不管用", "不管怎么", "不管咋", "不管是", "不管多", "不管啥", "不管什么", "不管谁"),
               "吃饭了": ("没地方吃饭了", "没得地方吃饭了", "没处吃饭了"),
               "收到": ("没收到", "未收到", "没有收到", "不收到", "收到短信", "收到条短信", "收到一条", "收到个电话",
                        "收到电话", "收到信息", "收到微信", "收到一个电话", "收到货", "收到的", "收到系", "收到是"),
               "哈哈": ("打哈哈", "一哈哈"), "报个名": ("想报个名", "要报个名"),
               # a drill gone by that showed a fault (上次演习先知道消防栓冇水): no drill announced
               "演习": ("上次演习", "上回演习", "演习时", "演习的时候", "演习才", "演习先"),
               "预警": ("预警了也", "预警了都", "预警了还"),  # (都发预警了也不见人来喷药: a complaint)
               "好的": ("商量好的", "说好的", "讲好的", "约好的", "谈好的", "定好的"),  # agreed, no acknowledgement
               # 客服就会说已登记: a complaint of it
               "已登记": ("说已登记", "讲已登记", "回已登记", "只会说已登记", "一句已登记"),
               "月租": ("交了月租", "交的月租", "付了月租", "交月租", "月租都交了", "月租照交", "说月租", "讲月租",
                        "套餐月租"),  # (说月租十八，实际扣了八十: a charge complained of)
               "没电": ("手机没电", "手机快没电", "电池没电", "快没电了"),
               "不过": ("养不过来", "忙不过来", "顾不过来", "吃不过来", "用不过来", "说不过", "打不过", "比不过"),
               "不是着火": ("是不是着火",), "不是起火": ("是不是起火",),  # a question, not an all-clear
               "联系我": ("没一个人联系我", "没人联系我", "没有人联系我", "也不联系我", "都没联系我"),
               # asking for work, or a job fair, is no job advert
               "招聘": ("有没有啥招聘", "有没有招聘", "有啥招聘", "哪里有招聘", "哪有招聘", "招聘会"),
               # 麻烦了 thanks for the trouble taken; 太麻烦了 complains (and says 太麻烦 for itself)
               "麻烦": ("麻烦了", "麻烦你了", "麻烦您了", "麻烦你们了", "麻烦大家了", "麻烦问"),  # 麻烦问下: asks
               "麻烦了": ("太麻烦了", "好麻烦了", "真麻烦了", "很麻烦了", "更麻烦了", "就麻烦了", "可麻烦了"),
               "不让": ("让不让人活",),  # 这天还让不让人活: a figure of speech
               "看不见": ("对面楼都看不见", "对面都看不见", "对面楼看不见"),  # fog, said of the weather
               "还没": ("谁还没睡", "还没睡呢", "还没睡吧", "还没吃饭", "还没吃呢"),  # asked of friends at night: chat
               # 能不能拉我进群: chit-chat; 能不能带狗进去: whether it is allowed, asked
               "能不能": ("能不能拉", "能不能加我", "能不能把我拉", "群里能不能", "能不能带"),
               "段子": ("荤段子", "黄段子"),  # told by a boss to a woman at work: harassment, no joke
               # asking whether anyone saw; others who saw it (好几个人看到了) tell of a matter, no reply
               "看到了": ("谁看到了", "看到了吗", "看到了没", "有没有看到了", "人看到了", "都看到了"),
               "转让": ("贴了个转让", "贴了转让", "贴着转让", "贴个转让"),  # a shop gone, its notice left: no sale
               "坑": ("坑爹", "队友坑", "坑队友", "地坑院"),  # cheated at a game, a Henan cave courtyard: no pothole
               # a village's shares handed out (村上分红, 队上分钱): no game's ranking climbed
               "上分": ("上分红", "上分钱", "上分地", "上分粮", "上分配", "上分房", "上分的钱", "上分的房", "上分的地",
                        "上分的宿舍"),
               # told not to come back to work (明天不用来了): dismissed, no matter done
               "不用来了": ("明天不用来了", "明天就不用来了", "说不用来了", "让我不用来了", "叫我不用来了"),
               "太多": ("消息太多", "群消息太多"),  # the group's chatter is no handler's matter
               "摔": ("看摔跤", "摔跤比赛", "摔跤表演", "小心莫摔", "小心别摔", "小心不要摔",
                      "当心摔"),  # a sport, a care
               "漏": ("天漏了",),  # a figure of rain
               # a wire or a bike pulled in, no one added to a group
               "拉进": ("拉进去", "拉进屋", "拉进家", "拉进房", "拉进楼", "拉进门"),
               "塌": ("塌陷湖",),  # a lake park made of a coal mine's subsidence (Xuzhou) is a place, not a collapse
               "好听": ("说得好听", "说的好听", "讲得好听", "讲的好听", "不好听", "话好听"),  # said of empty promises
               "点赞": ("转发点赞", "集赞", "让家长点赞", "逼着点赞"),  # likes demanded are no thanks
               # come out, up, in: something became so (墙皮泡起来了, 水漫上来了), nothing came back
               # (来了三趟了: come in vain, again and again)
               "来了": ("起来了", "出来了", "过来了", "进来了", "下来了", "上来了", "开来了",
                        *(f"来了{n}{u}" for n in ("两", "三", "四", "五", "几", "好几", "十几", "2", "3", "4", "5")
                          for u in "趟次回遍")),
               # asked for or asked about, not done (先把漏水解决了吧, 修好了没)
               "解决了": ("解决了吧", "解决了没", "解决了吗", "解决了再", "解决了才"),
               "修好了": ("修好了吗", "修好了没", "修好了再", "修好了吧", "装修好了"),  # (都装修好了: a flat done up)
               "修好": ("修好了吗", "修好了没", "没修好", "修好了吧", "装修好")}


def _said(words: tuple[str, ...], t: str) -> tuple[str, ...]:
    """Return the gate words of ``t`` said for themselves, not only inside a word that means otherwise.

    >>> _said(("脏", "坏了"), "心脏不好，电梯坏了"), _said(("脏",), "心脏不好，楼道好脏")
    (('坏了',), ('脏',))
    """
    kept = []
    for w in words:
        inside = _INSIDE.get(w)
        if inside is None or t.count(w) > sum(t.count(x) * x.count(w) for x in inside):
            kept.append(w)
    return tuple(kept)


def _among(words: tuple[str, ...], found: tuple[str, ...]) -> tuple[str, ...]:
    """Return the ``words`` that are among those ``found`` in a text, in the order of ``words``.

    >>> _among(("哈哈", "笑死"), ("笑死",)), _among(("哈哈",), ())
    (('笑死',), ())
    """
    return tuple(w for w in words if w in found) if found else ()


def _long_ago(t: str) -> tuple[str, ...]:
    """Return the words that tell of long ago near the start of ``t`` (小时候, 当年, a message opening with 以前),
    or of a time gone by that ended well (上个礼拜停电那回 好在…).

    >>> _long_ago("以前这条街全是青石板路"), _long_ago("电梯又坏了")
    (('以前',), ())
    >>> _long_ago("上个礼拜停电那回 好在没几个钟头就来了"), _long_ago("八几年那回发大水"), _long_ago("19年交的房")
    (('上个礼拜停电那回 好在',), ('八几年',), ())
    >>> _long_ago("我阿爷讲94年水淹成条街撑艇出入")
    ('我阿爷讲94年',)
    """
    # 那年轻人 is that young man, not that year; 拜个早年 a new year wished early, no early years
    head = t[:LONG].replace("那年轻", "那").replace("拜个早年", "拜年").replace("拜早年", "拜年")
    # a message that opens with a year long past told as a time (八几年那回, 98年那次; not 19年交的房 alone)
    # (…现在说工龄接不上 找谁啊: asks about a matter of now)
    year = (y.group(0),) if (y := _YEAR_AGO.match(t)) and not _BARE_YEAR.fullmatch(y.group(0)) and \
        not _HOW.search(t) else ()
    return (*(w for w in _PAST if w in head), *(("以前",) if t.startswith(_BEFORE) else ()),
            *((then.group(0),) if (then := _THAT_TIME.search(head)) else ()), *year)


def _gone_by(t: str, words: tuple[str, ...]) -> str | None:
    """Return the word of a time gone by that every one of an emergency's ``words`` in ``t`` is told of: said before
    it in the same sentence, within twenty characters, with no word of now between (上个礼拜…腿都摔断了); else ``None``.

    >>> _gone_by("上个礼拜一个老人家晚上踩空腿都摔断了", ("摔断",)), _gone_by("昨晚开始发烧现在晕倒了", ("晕倒",))
    ('上个礼拜', None)
    """
    told = []
    for w in words:
        if (i := t.find(w)) < 0:
            return None
        before = re.split(r"[。!?！？]", t[max(0, i - 20):i])[-1]
        then = None
        for m in _GONE_BY_RX.finditer(before):
            then = m
        # (a word of now, or the talk turning to another matter between: 上次我冇赶上 还有就是对门…煤气味)
        if then is None or any(n in before[then.end():]
                               for n in (*_NOW, "现在", "还有就是", "还有个事", "另外", "对了")):
            return None
        told.append(then.group(0))
    return told[0] if told else None


# a harm missed by a hair (差一点砸到人, 险些撞到): the matter is reported, no one was hurt
_NEAR_MISS = Sieve(r"(差一点|差点儿?|险些|幸好没|还好没|好在没)[^。，,!！]{0,4}(砸到|砸着|砸中|撞到|撞着|伤到|打到)")
# a fear said just before a harm (怕砸到人, 担心倒下来砸到车, 生怕掉下来, 哪天砸到人): the harm has not come
_FEAR = Sieve(r"(?:怕|担心|生怕|就怕|恐怕|哪天|迟早|早晚)[^,.!?;。，！？；\s]{0,6}$")


def _feared(t: str, words: tuple[str, ...]) -> tuple[str, ...]:
    """Return the fears and ``words`` when every one of ``words`` is said in ``t`` only as a harm feared, else
    ``()``: the danger has not come.

    >>> _feared("那棵树枝丫断了半边吊着,怕砸到人", ("砸到人",)), _feared("树倒了砸到人了,怕出事", ("砸到人",))
    (('怕', '砸到人'), ())
    >>> _feared("风一吹就晃,怕倒下来砸到人", ("砸到人",))
    ('怕倒下来', '砸到人')
    """
    told: list[str] = []
    for word in words:
        fears = [_FEAR.search(t, max(0, m.start() - 8), m.start()) for m in re.finditer(re.escape(word), t)]
        if not fears or not all(fears):
            return ()
        told += [*(f.group(0) for f in fears if f), word]
    return tuple(dict.fromkeys(told))


# what a danger of a time gone by left behind, seen today (今早地上还有血, 今天楼道里一地碎玻璃)
_TRACES = re.compile(r"(今天|今早|今早上|今儿)[^。，,!?]{0,6}(还有|还留着|都是|一地|一滩|全是)(血迹|血|碎玻璃|玻璃渣)")


def _then_and_still(t: str, words: tuple[str, ...], hits: dict[str, tuple[str, ...]]) -> Judgement | None:
    """Return the judgement of an emergency's ``words`` told of a time gone by with what is still wrong after it
    (上个礼拜一个老人家踩空腿都摔断了…盖子到现在都没装): that complaint, registered, no emergency; ``None`` when the
    danger is said now, is there still (…电线耷拉在弄堂里…小孩还在边上玩) or is over (for :meth:`Gate._told`), or
    nothing is still wrong. ``hits``: the gate's words in ``t``.

    >>> _then_and_still("上个礼拜老人掉进窨井腿都摔断了盖子到现在都没人装", ("摔断",), {}).kind
    'aftermath'
    >>> _then_and_still("昨天吹断的电线耷拉在巷子里还在冒火花", ("冒火花",), {}) is None
    True
    """
    if not (then := _gone_by(t, words)) or said_now(t, words) or _OVER_THEN.search(t):
        return None
    if (turn := _TURN.search(t, t.find(then) + len(then))) and turn.start() < t.find(words[0]):
        return None  # 感谢上回修水管 不过今日后楼梯冒烟: the danger comes after a turn from then, and is now
    after = _TRACES.sub("", t[t.find(words[0]):])  # (今早地上还有血: what it left, not the danger now)
    if any(w in after for w in _NOW if w != "现在还"):  # (还在, 正在, 刚才…: the danger is there still)
        return None
    still = ([w for w in hits.get("current", ()) if w != "又"] or [m.group(0) for m in _STILL.finditer(t)] or
             [w for w in hits.get("problem", ()) if t.find(w, t.find(words[0]) + 1) >= 0])
    return Judgement(True, AFTERMATH, (then, *still)) if still else None


def _wrong_after(t: str, done: tuple[str, ...], named: list[str]) -> tuple[str, ...]:
    """Return the problem words ``named`` in ``t`` after the last word saying something was done: a thank-you for
    one fix that goes on to another matter (…修好了，谢谢！现在是公交站牌撞歪了，也没人管) reports it.

    >>> _wrong_after("路灯修好了谢谢,现在是站牌歪了也没人管", ("修好了",), ["没人管"])
    ('没人管',)
    >>> _wrong_after("上次反映的漏水修好了,谢谢", ("修好了",), ["反映"])
    ()
    >>> _wrong_after("补好了,一滴都勿漏了", ("补好了",), ["漏"])  # no other matter turned to
    ()
    """
    end = max((t.rfind(w) + len(w) for w in done if w in t), default=-1)
    turn = _TURN.search(t, end) if end >= 0 else None  # 现在是, 另外, 不过: the message goes on to another matter
    return tuple(w for w in named if w not in _ABOUT_REPORTING and t.find(w, turn.end()) >= 0) if turn else ()


def _told_story(t: str, current: tuple[str, ...], problems: tuple[str, ...] = (),
                aside: tuple[str, ...] | None = None) -> tuple[str, ...]:
    """Return the words that open a story told to neighbours at the start of ``t`` (跟大伙念叨念叨) or tell of long
    ago (小时候, 那会儿), or ``()`` when it says something is wrong: a story's "but" (不过) is no problem still there,
    but 还没 or 又 is; a story told today may not name ``problems`` either, one of long ago may.

    >>> _told_story("跟大伙念叨念叨，今天去公园了，不过人太多", ("不过",))
    ('念叨念叨', '跟大伙念叨')
    >>> _told_story("跟大伙念叨念叨，电梯又坏了", ("又",)), _told_story("小时候在井边玩差点掉下去", (), ("差点",))
    ((), ('小时候',))

    ``aside``: the gate's words of asides the text holds (:class:`Gate`), when they were looked for: none of a
    story's or of long ago's among them, and no 以前 to open it, is no story.
    """
    if aside is not None and not aside and not t.startswith(_BEFORE) and not _THAT_TIME.search(t[:LONG]) and \
            not _YEAR_AGO.match(t):  # (with no aside said, of long ago's words only a year opening it may be there)
        return ()
    head = t[:LONG]
    story = tuple(w for w in _STORY if w in head)
    past = _long_ago(t)
    but = {"不过", "但是", "可是"}
    if past and "还是" in current and 0 <= t.find("的时候") < t.find("还是"):
        current = tuple(w for w in current if w != "还是")  # (…搬进来的时候，楼下还是一片菜地: then, not now)
    if past and not set(current) - but:
        return (*story, *past)
    return story if story and not {*current, *problems} - but else ()


# a building, unit or flat of the community named (3号楼502, 5栋2单元): the matter is here, wherever the teller is
_OUR_PLACE = Sieve(r"\d+(?:号楼|栋|幢|单元|号院)|\d+-\d+-\d+")
# an emergency of days ago, over then (上个礼拜…起火，好在扑灭了): told before what is wrong now
_GONE_BY = (r"(昨晚|昨天|昨夜|前晚|上个?礼拜|上个?星期|上周|上个月|前几天|前两天|前些天|前些年|前天|去年|"
            r"旧年|上年(?!纪)|"
            r"上次|上回|几年前|前几年|多年前|前年|大前年|(?:十|二十|三十|十几|二十几|几十)年前)")
# asked how a matter of a time gone by turned out (那事后来咋样了)
_HOW_IT_WENT = Sieve(r"后来(咋样|怎么样|怎样|如何|咋个样|点样)(了|啦|嘞)?")
_GONE_BY_RX = re.compile(_GONE_BY)  # (compiled once: a module-level re call looks it up in a cache each time)
_TOLD_GONE_BY = Sieve(_TELLER + _GONE_BY)  # a time gone by opening a message, told by whom it happened to
# what one has done since (那以后再也不接陌生电话了): a lesson drawn, nothing to fix
_SINCE_THEN = Sieve(r"(那以后|那之后|从那以后|从那之后|打那以后|那次以后|那次之后|自那以后|那回以后)[^。!?]{0,4}"
                    r"再(也)?(不|没|不敢|没敢)")
_OVER_THEN = Sieve(_GONE_BY + r"[^。!?]{0,30}(扑灭了|灭掉了|救出来了|救过来了|救上来了|捞上来了|"
                   r"拉上来了|抢救过来了|送医院了|没出大事|"
                   r"好在没人受伤|幸好没人受伤|没人受伤|没有人受伤|好在没人|幸好没人|差点烧起来|差点着火|差点起火|"
                   r"人是没事|人后来是出来了|人后来出来了|人已经出来了|人都出来了|人[^。，,]{0,6}就出来了|"
                   r"人没事|没伤着人|没伤到人|幸好现在没事|现在没事了?$|抓着了|抓到了|被抓了|抓住了|落网了|"
                   r"想想都后怕|想起来都后怕|想起来还后怕|想想都怕|想起来都怕|好在都过去了|好在已经过去了|"
                   # or those who came thanked for it (上次电梯困人那次 多谢消防好快来到)
                   r"(谢谢|多谢|感谢)(消防|物业|民警|警察|医生|救援队|大家|师傅|邻居|保安|你们))"
                   # or the danger named as the time things went wrong (昨晚火灾之后楼道烧黑了，灯也坏了)
                   r"|" + _GONE_BY + r"的?(火灾|着火|起火|失火|大火|那场火|那把火|水淹|淹水|水灾)"
                   r"(之后|以后|过后|后)")
# a time gone by told as "that time", and how it ended well (上个礼拜停电那回 好在没几个钟头就来了): a story
_THAT_TIME = Sieve(_GONE_BY + r"[^。!?，,]{0,12}(那回|那次|那一回|那一次|那事|那件事|那个事|那桩事|的事|那单|那一单)"
                   r"[^。!?]{0,20}(好在|幸好|幸亏|多亏|还好|点赞|点个赞|处理得|处理的|后来(咋样|怎么样|怎样|如何)|道了歉|"
                   r"道过歉|赔了不是|不提了|谢谢|多谢|感谢)")
# the one blamed saying it is nothing (老板说没事, 物业讲没问题): said just before an all-clear's words
_THEY_SAY = Sieve(r"(老板|店家|商家|他们|他|她|物业|厂里|厂家|对方|人家|店里|医生|大夫|护士|"
                  r"[\u4e00-\u9fff]{2,3}的)"  # (or someone named by the work: 送气的讲没得事, 修车的说没问题)
                  r"(还|就|却|竟然|倒)?(说|讲)(是)?$")
# a message told to say thank you at its end (…就是想说一声谢谢), long or not
_THANKS_END = Sieve(r"(就是|只是|主要是|特地|专门)?(想|要)(说|讲|道)(一)?(声|句|个)?(谢谢|感谢|多谢)"
                    r"[^。!?]{0,8}[。!！~～]*$")
# a time gone by told, then a warning to all (去年腊月…着过一回火…大伙冬天用电褥子都小心点吧): a story
_WARNED = Sieve(r"(大伙|大家|各位|邻居们|街坊们?|老少爷们)[^。!?]{0,16}(小心|注意|当心|留神|留心|看着|看好|管好)"
                r"(点|些|一点|一些)?[^。!?，,]{0,6}(吧|啊|哈|哦|呀|喔)?[。!！~～]*$")  # (…大家都看着点自家伢)
# what is still wrong after a danger over (墙到现在还黑着, 没人管)
_STILL = re.compile(r"(到现在|现在|至今|如今)(还|都|也)|没人管|还(黑|臭|脏|坏|没|是|在|有)|(都|也)坏了|"
                    r"(几时|什么时候|啥时候|谁)(有人)?(来|能|才能)(修|整|弄|换|处理|管)|三天两头|隔三差五|(老是|总是|又)坏")
# a fix granted before the complaint (修是修好了，赔钱的事一直扯皮): the matter goes on
_GRANTED = Sieve(r"(修|来|弄|搞|换|补|处理|解决)是\1(好|过)?了")
# screen words that name another place (not a screen or a dream), and the words that put the matter on this side
_AWAY = frozenset({"老家那边", "那边的朋友", "那边的亲戚", "那边的家人", "是外地的"})
# a caller, a car or a person from away (号码是外地的, 外地老板)
_FROM_AWAY = re.compile(r"(号码|电话|手机号|口音|车牌|牌照)(是|都是|也是)?外地|"
                        r"外地(的)?(老板|人|公司|商人|客商|老乡|车|户口|户籍)|"
                        # or whom someone takes one for (司机看我们是外地的，绕路): who, not where
                        r"(是|当|以为)(我们|我|咱|俺)?(是)?外地(的|来的)|"
                        # or where one's family lives (儿子媳妇都在外地): who is away, not where the matter is
                        r"(儿子|女儿|儿女|孩子|子女|媳妇|女婿|老伴|家里人|亲戚)[^,.!?，。]{0,4}(都|也)?在外地")
# the matter on this side: come here, moved here, back from there (刚从老家那边转回来: where one came from)
_THIS_SIDE = Sieve(r"(到|在|来|回)这边|搬(迁)?(过来|来了)|搬到这|"
                   r"从(老家|外地|那边)[^,.!?，。]{0,4}(转|搬|调)?回来|"
                   # or a paper issued here that home wants (想开个居住证明 老家那边要用)
                   r"开[^,.!?，。]{0,10}证明|"
                   # or a paper the home province wants done there (黑龙江那边非让回去认证): a matter of the one here
                   r"(非|非要|要|让|叫)(我|俺|我们)?回去(认证|办|开|签|盖|补)|"
                   # or one's own errand for a paper or a registration, whoever wants it there (想跟韩国籍对象登记结婚
                   # 民政说材料不全): the office is here
                   r"(想|要|准备|打算)[^,.!?，。]{0,10}(登记|办理|申请|办证|公证|认证)|材料不全|手续不全|"
                   # or turned away here for what was missing (跑了两趟还缺东西)
                   r"跑了[^,.!?，。]{0,3}(趟|回|次)[^,.!?，。]{0,4}(还|都|又)?(缺|差|少|不齐)")


# English for a what-if (if there's ever a gas leak, who do we call?) and for a danger of days ago now over
_IF_EN = Sieve(r"\b(?:what if|in case|if|should there)\b")
# a what-if supposed in so many words (not a bare "if": is it normal if the lift stops…? asks of now)
_SUPPOSED_EN = Sieve(r"\b(?:what if|in case|should there|if (?:\w+ ){0,4}ever)\b")
_GONE_BY_EN = Sieve(r"\b(?:yesterday|last (?:night|week|month|year|winter|summer|spring|autumn|fall)|"
                    r"(?:on|last) (?:mon|tues|wednes|thurs|fri|satur|sun)day|"
                    r"the other day|earlier today|this morning|"
                    r"(?:\w+ )?(?:years?|summers?|winters?|months?) ago|back in the day|back in the '?\d0s|"
                    r"when i was (?:a kid|a child|little|young|a student|at school|in school)|"
                    r"when i (?:studied|lived|worked|was studying|was living)|(?:back )?in (?:19|20)\d\d)\b")
_OVER_EN = Sieve(r"\ball (?:good|fine|ok|okay) now\b|"
                 r"\bthis (?:year|winter|summer|time)(?: it'?s| is| has been)? (?:ok|okay|fine|good)"
                 r"(?: so far)?\b|"
                 r"\b(?:is|are|was|were) (?:fine|ok|okay|safe|stable|recovering|out of danger|back home|"
                 r"doing well)\b|\b(?:really|very|so|still|forever|always) (?:impressed|grateful|thankful)\b|"
                 r"\b(?:was|were) (?:put out|rescued|saved|found safe)\b|\bhope (?:it'?s|it is|things are) "
                 r"better\b|\bhope it (?:doesn'?t|does not|won'?t|will not) happen again\b|"
                 r"\b(?:no one|nobody) (?:was |got )?(?:hurt|injured)\b|\b(?:everyone|everybody|all) got out\b|"
                 # a story told as one of old times (…had to wade to class haha, crazy times), or of a home left
                 # since (so glad we moved here)
                 r"\bso (?:glad|happy) (?:we|i) (?:moved|left)\b|"
                 r"\b(?:crazy|wild|mad|fun|good old|good) (?:times|days|stories)\b|\bthose were the days\b|"
                 r"\bback in the day\b|\bthis (?:is|was) nothing\b|\bnothing compared to\b|"
                 # or one glad it is all put right since (…glad they rebuilt it so well)
                 r"\bglad (?:they|it|everything|the [a-z]+)\b[^.!?]{0,30}\b(?:rebuilt|restored|so nice|nicer)\b|"
                 # a story that ends wishing everyone well (…scary stuff. Stay safe everyone.)
                 r"\bstay safe(?:,? (?:everyone|everybody|all|guys|folks|neighbou?rs))?[.!]*\s*$|"
                 # or that the place one lives in now is better (…crazy times. glad this place is better)
                 r"\bglad (?:this|the new|our new) (?:place|dorm|building|flat|apartment|estate) is "
                 r"(?:better|safer)\b")



def _what_if(t: str, hits: dict[str, tuple[str, ...]], current: tuple[str, ...] | list[str]) -> Judgement | None:
    """Return the judgement of a what-if (要是, 万一 near the start of ``t``) that says nothing is wrong now: one asked
    (先打120还是先找社区, 往哪跑, 走楼梯还是等着: 还是 after 要是 is "or") is asked about, one that advises (先按警铃
    再打电话，大家记住) is a notice; ``None`` otherwise. ``hits`` and ``current``: the gate's words in ``t``.

    >>> _what_if("要是半夜停电了电梯里的人咋出来", {}, ()).kind, _what_if("要是电梯困人了先按警铃再打电话", {}, ()).kind
    ('what_if', 'notice')
    >>> _what_if("电梯要是坏了", {}, ()) is None, _what_if("要是再不修还没人管咋办", {}, ("还没",)) is None
    (True, True)
    """
    if not _WHAT_IF.match(t) or [w for w in current if w not in ("还是", "又")]:
        return None
    asked = (*hits.get(QUESTION, ()), *(m.group(0) for m in (_FIRST_OR.search(t), _HOW.search(t)) if m),
             *(("还是",) if "还是" in t else ()))
    if asked:
        return Judgement(None, WHAT_IF, asked)
    if told := _WHAT_TO_DO.search(t):
        return Judgement(False, NOTICE, (told.group(0),))
    return None


def _first_said(lower: str, words: tuple[str, ...]) -> int:
    """Return where the first of ``words`` is said in the lower-cased English ``lower`` (its length, if none is): a
    word found as written out, there is a fire, may be said there's a fire."""
    return min((i for w in words for said in (w, w.replace(" is ", "'s ", 1)) if (i := lower.find(said)) >= 0),
               default=len(lower))


def _what_if_en(lower: str, words: tuple[str, ...], conditions: Sieve = _IF_EN) -> Judgement | None:
    """Return the judgement of a what-if asked in the lower-cased English ``lower``, a matter's ``words`` said inside
    the clause of one of the ``conditions`` (if there's ever a gas leak, …?) and not after it (if anyone is home,
    there's a fire…); ``None`` otherwise.

    >>> _what_if_en("in case there's ever a power cut at night, who do we ring?", ("power cut",), _SUPPOSED_EN).kind
    'what_if'
    >>> _what_if_en("is it normal if the lift stops between floors?", ("lift",), _SUPPOSED_EN) is None
    True
    """
    first = _first_said(lower, words)
    if (cond := conditions.search(lower)) and cond.start() < first and (ask := lower.find("?", first)) >= 0 and \
            not re.search(r"[.!?,;]", lower[cond.start():first]) and not re.search(r"[.!;]", lower[first:ask]):
        return Judgement(None, WHAT_IF, (cond.group(0),))
    return None


def _told_en(text: str, words: tuple[str, ...]) -> Judgement | None:
    """Return the judgement of an English message whose emergency ``words`` report none now: a what-if asked
    (asked about, never registered unasked) or a danger of days ago now over (no report); ``None`` otherwise.

    >>> _told_en("Just wondering, if there's ever a gas leak, who should we call first?", ("gas leak",)).kind
    'what_if'
    >>> _told_en("The man who collapsed yesterday is fine now. Thanks to all who helped.", ("collapsed",)).report
    False
    >>> _told_en("If there's a fire at night, what do we do?", ("there is a fire",)).kind
    'what_if'
    >>> _told_en("Gas leak in block 3! What do we do if it spreads?", ("gas leak",)) is None
    True
    >>> _told_en("Last night my dad was fine, now he collapsed and won't wake up", ("collapsed",)) is None
    True
    """
    # a memory, or gratitude that lasts, not something still wrong
    lower = text.lower().replace("still remember", "remember").replace("still grateful", "so grateful") \
        .replace("still thankful", "so thankful")
    told_then = _GONE_BY_EN.search(lower)
    if [m for m in _CURRENT_EN.finditer(lower) if m.group(0) not in ("again", "but") and
            not m.group(0).startswith("went ") and  # how long it lasted, in a story of then (stuck for two days)
            not (m.group(0).startswith("for ") and told_then and told_then.start() < m.start())]:
        return None  # still, not working: something is wrong now (nobody was hurt but it scared us: nothing is)
    if what_if := _what_if_en(lower, words):
        return what_if
    first = _first_said(lower, words)
    # the danger named, then over (collapsed yesterday … is fine now), never one after the all-clear (was fine
    # last night, now he collapsed)
    if (gone := _GONE_BY_EN.search(lower)) and (over := _OVER_EN.search(lower, gone.start())) and \
            (over.start() > first or not re.search(r"\b(?:now|suddenly|again)\b",
                                                   re.sub(r"^\s*now\b", "", lower[over.end():]))):
        return Judgement(False, THANKS if _SOCIAL_MARK_EN.search(lower) else CHAT, (gone.group(0), over.group(0)))
    return None


_NOT_HERE = "(儿|里|边|块)?(可|倒|就|都|还)?(没|没有|冇)(这事|这种事|这回事|这个事)"


# a warning to all not to click, believe or pay (大家别点群里那种链接), with nothing told of anyone here doing or
# losing anything (有人冒充…, 挨家敲门, 我已经让骗了, 我室友刷了: a report): advice, no report
_WARNING = Sieve(r"(大家|各位|大伙|邻居们|街坊们?|家人们)[^。!?，,]{0,4}(千万|一定|可)?(别|不要|莫|切勿|不能)"
                 r"(点|信|扫|接|加|转账|上当|下载)")
_EVENT_TOLD = Sieve(r"有人|个人|冒充|敲门|挨家|上门|跑了|刷了|转了|被|让骗|叫骗|我|俺|阮|咱")
# a loss of one's own told (欠了俺, 骗了我, 让汇钱): the matter is here, whoever or whatever is away
_OWN_LOSS = Sieve(r"(欠|骗|坑|拖)(了|哒|咗)?(俺|我|我们|俺们|阮)|(被|让|叫)(人)?(骗|坑)了|(汇钱|转钱|打钱|转账|汇款)|"
                  r"口音不对")


def _wrong_before(t: str, elsewhere: tuple[str, ...], problems: tuple[str, ...]) -> bool:
    """Return whether a problem is told before the first word of a place away: a matter here, whatever is heard of
    there after it (小区积水没人清，听讲隔壁小区有人得了登革热).

    >>> _wrong_before("小区积水没人清,听讲隔壁小区有人得了登革热", ("听讲", "隔壁小区"), ("积水",))
    True
    >>> _wrong_before("听说隔壁小区又积水了", ("听说", "隔壁小区"), ("积水",))
    False
    """
    said = [i for w in elsewhere if (i := t.find(w)) >= 0]
    first = min(said, default=-1)
    return any(0 <= t.find(p) < first for p in problems if p not in _OFTEN)


def _told_elsewhere(hits: dict[str, tuple[str, ...]], t: str) -> tuple[str, ...]:
    """Return the words that say a message tells of something elsewhere (on television, in the news, or heard
    of another place), or ``()``; watching the news on a set that fails is no news told (看个新闻断断续续)."""
    # 不是咱这边吧, 咱这儿可没这事: not here
    here = [w for w in hits.get("here", ()) if f"不是{w}" not in t and not re.search(re.escape(w) + _NOT_HERE, t)]
    if (ours := _OUR_PLACE.search(t)) and not here:  # 他住3号楼502: whoever is away, the matter is here
        here = [ours.group(0)]
    # a nightmare the matter caused (吓得孩子一晚上做噩梦) is no dream told
    screen = [w for w in hits.get("screen", ()) if (w not in _DREAMS or not _HAUNTED.search(t)) and
              (w != "节目" or not _STAGED.search(t)) and (w != "电影" or not _FILMS_THERE.search(t))]
    # a set that water or a fall reached (滴到电视上, 砸坏了电脑) is a thing in the home, no screen watched
    screen = [w for w in screen if not re.search(_REACHED + re.escape(w), t)]
    screen = [w for w in screen if w != "电视说" or "有线电视说" not in t]  # the cable company said: no screen watched
    screen = [w for w in screen if w != "作文" or not _ESSAY_CLASS.search(t)]  # an essay class paid for: no essay told
    if screen and _BOUGHT_HERE.search(t):  # 电视上那个药酒广告，我爹买了几千块的: a loss here, whatever was shown
        screen = []
    if _OUR_PLACE.search(t) or any(w in _OWN_PLACES for w in here):  # 新闻上看到我们小区3号楼着火了: here, on the news
        screen = [w for w in screen if w not in _NEWS]
    if _THIS_SIDE.search(t) or _FROM_AWAY.search(t):  # 老家那边说要到这边办; 号码是外地的: the matter is here
        screen = [w for w in screen if w not in _AWAY]
    # 外地 naming who (外地老板, 外地人), not where: the matter is here
    away = [w for w in hits.get("elsewhere", ()) if w != "外地" or "外地" in _FROM_AWAY.sub("", t)]
    if hits.get("media") and not away and (seen := _SEEN_THERE.search(t) or _HEARD_THERE.search(t)) and \
            not _GO_SEE.search(t) and \
            not calls_to_run(t):
        away = [seen.group(0)]  # 抖音上看到四川那边…: a place named (…东门那边着火了 快去看看: here)
    # (…说是韩国那边的，让赶紧汇钱; 老板欠了俺工钱，说等韩国那边的钱: a loss here, whoever speaks of there)
    if not away and not here and not _OWN_LOSS.search(t) and not _THIS_SIDE.search(t) and \
            (theirs := _THEIRS.search(t) or _PLACE_THERE.search(t)) and \
            (named := _PLACE_NAMED.search(t)) and not calls_to_run(t):
        return (named.group(0), theirs.group(0))  # 我表哥在吉林 说他们那停了三天水: told of a place named
    if (screen and not _WATCHING.search(t)) or (hits.get("media") and away and not here and not _COME_HERE.search(t)):
        return (*screen, *hits.get("media", ()), *away)
    if not here and (from_away := _FROM_AWAY_EN.search(t)):
        return (from_away.group(0),)  # the video of the flooded tunnel going around is from another province
    return ()


# money sent to whoever asked (转了五千过去, 汇了两万给他): a loss, whatever was offered
_SENT_MONEY = Sieve(r"(转|汇|打)了[一二两三四五六七八九十几百千万0-9]+(块|元|万|千|百)?(钱)?"
                    r"(过去|给他|给她|给对方|进去)")


# someone met again (碰到老同学, 遇到小学老师): told, with nothing wrong said, wherever it was
_MET = Sieve(r"(遇到|碰到|碰见|遇见|撞见|见到)了?(我的|我们的|以前的|当年的)?"
             r"(老同学|小学同学|初中同学|高中同学|大学同学|老朋友|老战友|老邻居|老熟人|发小|小学老师|初中老师|高中老师|班主任|老同事)")


# a video or a photo said to be going around, or to be from somewhere (not from our own building): news from away,
# in English (normalised: no spaces)
_FROM_AWAY_EN = Sieve(r"(?:video|clip|footage|photos?|pictures?)[a-z',]{0,40}?"
                      r"(?:goingaround|(?:is|was|are|were|'s)from(?!our|my|this|here|the(?:building|estate|block)))")


# lost property found and kept for its owner (捡到一串钥匙 放在保安室, 谁家孩子把书包落在凉亭里了 我放小卖部了):
# a notice
_LOST_PROPERTY = Sieve(r"(捡到|拾到|拾着|捡着|执到|落在|丢在|忘在|掉在)[^。]{0,16}(放在|放到|放|交到|交给|搁在|存在)了?"
                       r"[^。，,]{0,3}(小卖部|保安室|保安亭|门卫|物业|传达室|服务台|前台|警务室|我这|我家)")


# asked of a message above (上面那个讲电梯的 是几栋啊, 刚才说漏水的那家 物业上去了吗): someone else's report
_ABOVE = Sieve(r"(?:上面|楼上|刚才|刚刚)(?:那个|那位|这个)?(?:人)?(?:讲|说|发)[^。!?]{1,10}的[^。!?]{0,14}"
               r"(?:吗|嘛|没|呢|啊|\?|几栋|几号|哪)")


# goods not as a video or a livestream showed them (直播间买的紫菜…跟视频里的不一样): bought, and a loss here
_AS_SHOWN_NOT = r"(跟|和|与)(视频|直播|直播间|图片|广告|宣传)(里|上|中)?(的|说的|讲的)?(不一样|不符|差太多|两回事)"


# something bought by one's own from what a screen showed (我爹买了几千块的): a loss here
_BOUGHT_HERE = Sieve(r"(信了|当真了|相信了)[^。]{0,6}(一箱一箱|一盒一盒|一瓶一瓶|成箱|大把)?(地)?(买|订|囤)|"
                     r"(我|俺|我爹|我爸|我妈|俺爹|俺娘|我家老人|老人)[^。，,]{0,4}(买了|花了|交了)[^。，,]{0,6}"
                     r"(块|千|万|元|一堆|好多|不少)|收到[^。，,]{0,4}(一尝|一看|一试|一用|明显|发现|才发现)|" +
                     _AS_SHOWN_NOT)
_NOT_AS_SHOWN = Sieve(_AS_SHOWN_NOT)  # (one sieve, its prefilter first, on every message the gate reads)


# a province or a great city seen on a phone (看到广东那边, 刷到厦门的视频): news of somewhere named, not of here (the
# market 那边 seen on a phone may be this community's: no common noun is a place away)
_PLACES = ("北京", "天津", "上海", "重庆", "河北", "山西", "辽宁", "吉林", "黑龙江", "江苏", "浙江", "安徽", "福建",
           "江西", "山东", "河南", "湖北", "湖南", "广东", "海南", "四川", "贵州", "云南", "陕西", "甘肃", "青海",
           "台湾", "内蒙", "广西", "西藏", "宁夏", "新疆", "香港", "澳门", "东北", "南方", "北方", "西北", "广州",
           "深圳", "成都", "杭州", "南京", "武汉", "西安", "兰州", "厦门", "福州", "长沙", "郑州", "济南", "青岛",
           "大连", "沈阳", "哈尔滨", "长春", "石家庄", "太原", "合肥", "南昌", "昆明", "贵阳", "南宁", "海口",
           "三亚", "拉萨", "西宁", "银川", "乌鲁木齐", "呼和浩特", "呼市", "苏州", "无锡", "宁波", "温州", "东莞",
           "佛山", "珠海", "汕头", "揭阳", "泉州", "徐州", "洛阳", "国外", "日本", "韩国", "美国", "首尔", "马来西亚",
           "新加坡", "印尼", "泰国", "菲律宾", "澳洲", "加拿大", "英国",
           # more cities of a province's second rank, as often in the news (not 中山, 黄山, 大理: a road, a mountain,
           # marble)
           "唐山", "保定", "邯郸", "廊坊", "沧州", "秦皇岛", "张家口", "承德", "大同", "包头", "鄂尔多斯", "鞍山",
           "抚顺", "丹东", "锦州", "营口", "齐齐哈尔", "大庆", "牡丹江", "佳木斯", "常州", "南通", "扬州", "镇江",
           "盐城", "淮安", "连云港", "嘉兴", "湖州", "绍兴", "金华", "台州", "舟山", "义乌", "芜湖", "蚌埠", "安庆",
           "阜阳", "莆田", "漳州", "赣州", "九江", "景德镇", "上饶", "淄博", "烟台", "潍坊", "威海", "临沂", "济宁",
           "日照", "开封", "新乡", "南阳", "信阳", "商丘", "宜昌", "襄阳", "十堰", "荆州", "株洲", "湘潭", "衡阳",
           "岳阳", "常德", "湛江", "茂名", "惠州", "江门", "肇庆", "韶关", "梅州", "潮州", "清远", "桂林", "柳州",
           "北海", "绵阳", "宜宾", "泸州", "南充", "乐山", "自贡", "遵义", "丽江", "宝鸡", "咸阳", "延安", "榆林",
           "天水", "酒泉", "喀什", "伊犁", "克拉玛依", "日喀则", "昆山", "晋江", "三门峡", "平顶山", "阿勒泰", "阿克苏",
           "和田", "库尔勒", "吐鲁番", "哈密", "石河子", "奎屯", "塔城")
# someone told of where they are (说他们那停水了, 话佢哋嗰度停电): beside a place named, news of elsewhere
_THEIRS = Sieve(r"(说|讲|话)[^,.!?。，]{0,6}((他们|她们|佢哋|佢地)"
                r"(那|那儿|那边|那里|嗰度|嗰边|公司|单位|小区|村|楼|厂)|那边)")
_PLACE_NAMED = Sieve("|".join(_PLACES))
# 美国𠮶边又落大雪: over there (往浙江那边拉毛竹的车: where a lorry seen here is bound, not where the matter is)
_PLACE_THERE = Sieve("(?<![往去到向])(" + "|".join(_PLACES) + ")(那边|𠮶边|嗰边|嗰度|那里|那儿)"
                     "(?!流过来|流下来|飘过来|吹过来|过来的)")  # (江西那边流过来的溪水: the stream is here)
_SEEN_THERE = Sieve(r"(看到|看见|刷到|看|系|是)[^,.!?。，]{0,3}?(" + "|".join(_PLACES) + r")|(" +
                   "|".join(_PLACES) + r")[^,.!?。，]{0,8}(视频|新闻)|(视频|新闻)(里|上|中|说|讲)?[^,.!?。，]{0,2}?(" +
                   "|".join(_PLACES) + r")"
                   r"|(抖音|快手|视频号|网上|微博)[^,.!?。，]{0,3}(看到|刷到|看见)(人家|别人|外地|外面)")
# (有段视频 深圳有个仓库着火: the place told just after the video; 抖音看到人家山里着火: someone else's)
_GO_SEE = Sieve(r"快去|快来|赶紧|快点")  # (or a call to run: calls_to_run)
# heard of somewhere, with a warning to all (听说苍南那边有个小孩掉河里了，大家看好自家小孩): a place away, named or
# not (not 听说我们楼那边, 听说3栋有个老人摔倒了; 听说牛河梁那边有人偷挖, with no warning, may be here)
_HEARD_THERE = Sieve(r"(听说|听讲|听人讲|听人说|听人话)"
                     r"(?!(我们|咱|我家|俺|阮|我哋|小区|楼|栋|村口|隔壁|对面|[0-9一二三四五六七八九十]))"
                     r"[^。，,!?]{2,8}有(个|一个|人|只)[^。]{0,20}(大家|各位)[^。，,]{0,4}"
                     r"(看好|睇好|看紧|注意|小心|当心)")
# someone asked to come and act here (几时来喷药): news of elsewhere beside it is why, not what is told
_COME_HERE = Sieve(r"(几时|什么时候|啥时候|哪天|快)(来|过来)|来(喷个?药|打个?药|消杀|修|处理|看看|灭蚊)")


# asked to look at or see to something (看一下, 处理下, 来修): with a matter named, thanks said beside it are said in
# advance (麻烦物业看一下谢谢; the Cantonese 唔该, thanks and please both, reads 谢谢 in the normal form)
_ASKED_TO = Sieve(r"(看一?下|处理一?下|帮忙(看|处理|修)|来(看|修|处理)|修一?下|管一?下|解决一?下|查一?下)")


def _longest_first(words: Iterable[str]) -> list[str]:
    """Return ``words`` longest first, equals in the order of their characters: never a set's order, which changes
    with each process's hash seed (那事 and 事儿 taken out of 那事儿 in either order leave 儿 or 那, and so a
    message was vague in one process and a report in the next).

    >>> _longest_first({"事儿", "那事", "那个事情"})
    ['那个事情', '事儿', '那事']
    """
    return sorted(words, key=lambda w: (-len(w), w))


def _letter(c: str) -> bool:
    """Return whether ``c`` is an ASCII letter."""
    return c.isascii() and c.isalpha()


class _Finder:
    """Finds the words of several lists in one Aho-Corasick pass (a list is a kind; a word may be in several);
    the words of ``raw`` kinds are all those in the text, even inside another word."""

    def __init__(self, lists: dict[str, tuple[str, ...]], raw: frozenset[str] = frozenset()) -> None:
        owners: dict[str, list[str]] = {}
        for kind, ws in lists.items():
            for w in ws:
                owners.setdefault(w, []).append(kind)
        self._words = list(owners)
        self._kinds = [tuple(owners[w]) for w in self._words]
        # the kinds to check, word by word, when a word is found that may be only inside another (脏 in 心脏)
        self._doubts = [tuple(k for k in owners[w] if k not in raw) if w in _INSIDE else () for w in self._words]
        self._matcher = ahocorasick_rs.AhoCorasick(self._words, implementation=SCAN)
        # a word of two English letters inside a run of them (ok in smoke, hi in this) is no word said; the text is
        # normalised without spaces, so a longer word (status in whatsthestatusof) may stand between two others
        self._latin = [w.isascii() and w.isalpha() and len(w) <= 2 for w in self._words]

    def __call__(self, t: str) -> dict[str, tuple[str, ...]]:
        """Return ``{kind: words}`` of every word said in the normalised text ``t`` (not only inside a word that
        means otherwise, see :func:`_said`).

        >>> _Finder({"problem": ("坏了", "脏"), "thanks": ("谢谢",)})("心脏不好，电梯坏了，谢谢")
        {'problem': ('坏了',), 'thanks': ('谢谢',)}
        >>> _Finder({"problem": ("脏",), "thanks": ("谢谢",)})("心脏不好")
        {}
        >>> _Finder({"ack": ("ok",)})("工厂的smoke好大"), _Finder({"ack": ("ok",)})("ok收到")
        ({}, {'ack': ('ok',)})
        """
        found: dict[str, list[str]] = {}
        doubted: set[str] = set()
        for index, start, end in self._matcher.find_matches_as_indexes(t, overlapping=True):
            if self._latin[index] and start > 0 and end < len(t) and _letter(t[start - 1]) and _letter(t[end]):
                continue  # an English word inside another (ok in smoke, broken): not said
            word = self._words[index]
            for kind in self._kinds[index]:
                seen = found.get(kind)
                if seen is None:
                    found[kind] = [word]
                elif word not in seen:
                    seen.append(word)
            doubted.update(self._doubts[index])
        if not doubted:
            return {k: tuple(v) for k, v in found.items()}
        # a kind whose every word was only inside another word (点赞 in 转发点赞) was not said at all
        return {k: said for k, v in found.items() if (said := _said(tuple(v), t) if k in doubted else tuple(v))}


class Judgement(NamedTuple):
    """The gate's answer: ``report`` (``True``, ``False`` or ``None`` when unsure), the ``kind`` of
    message, and the ``evidence``: the words that decided."""

    report: bool | None
    kind: str
    evidence: tuple[str, ...] = ()


class Gate:
    """Judges messages with the built-in word lists and the rulebook's ``intake`` additions."""

    def __init__(self, intake: Intake | None = None, places: tuple[str, ...] = ()) -> None:
        """``places``: the names of the community's grids and estates (a place is where, not what is wrong)."""
        extra = intake or Intake()

        def words(*lists: tuple[str, ...]) -> tuple[str, ...]:
            seen = dict.fromkeys(normalize(w) for lst in lists for w in lst)
            return tuple(w for w in seen if w)

        self._greetings = words(_GREETINGS, extra.greetings)
        self._thanks = words(_THANKS, extra.thanks)
        self._acks = words(_ACKS)
        self._chat = words(_CHAT)
        self._social = _longest_first({*self._greetings, *self._thanks, *self._acks, *self._chat})
        lists = {THANKS: self._thanks, GREETING: self._greetings, CHAT: self._chat, ACK: self._acks,
                 "resolved": words(_RESOLVED), NOTICE: words(_NOTICES, extra.notices), "hint": words(_NOTICE_HINTS),
                 QUESTION: words(_QUESTIONS), HELP: words(_HELP), PROGRESS: words(_PROGRESS), OFFER: words(_OFFERS),
                 "current": words(_CURRENT), "problem": words(_PROBLEMS, extra.problems), "media": words(_MEDIA),
                 "screen": words(_SCREEN), "clear": words(_ALL_CLEAR), "here": words(_HERE),
                 "elsewhere": words(_ELSEWHERE),
                 # asides, as written (not normalised): looked for in the same pass, not one by one
                 ASIDE: tuple(dict.fromkeys((*_STORY, *_PAST, *_JOKES, *_LAUGHING, *_GIGGLE, *_INVITE, *_VENT)))}
        self._find = _Finder(lists, raw=frozenset({ASIDE}))
        self._find_current = _Finder({"current": lists["current"]})  # all a letter needs of the whole text
        self._forwarded = tuple(normalize(w) for w in _FORWARDED)
        self._places = tuple(_longest_first({n for w in places if len(n := normalize(w)) >= 2}))

    def matter(self, text: str) -> str:
        """Return the part of ``text`` to route: after a thank-you (or word that something is done) for one matter
        that turns to another in words that say so (…修好了谢谢物业，然后还有个事：…), that other matter; else
        ``text`` (the whole message is kept as the ticket's text either way).

        >>> gate = Gate()
        >>> gate.matter("楼道灯修好了谢谢物业，然后还有个事，楼上天天半夜剁骨头")
        '楼上天天半夜剁骨头'
        >>> gate.matter("电梯坏了，还有个事，楼道灯也不亮")  # no thank-you before: both are the report
        '电梯坏了，还有个事，楼道灯也不亮'
        """
        turn = _ANOTHER_MATTER.search(text)
        if turn is None or len(text) - turn.end() < 6:
            return text
        hits = self._find(unsaid(normalize(text[:turn.start()])))
        return text[turn.end():] if hits.get(THANKS) or hits.get("resolved") else text

    def judge(self, text: str, found: Classification) -> Judgement:
        """Return the :class:`Judgement` of ``text``, given what the classifier ``found`` in it.

        >>> from rules import Classifier, load_rulebook
        >>> book = load_rulebook(); gate, classifier = Gate(book.intake), Classifier(book)
        >>> [gate.judge(t, classifier.classify(t)).report for t in ("谢谢物业，电梯修好了", "3号楼电梯又坏了")]
        [False, True]
        """
        judged = self._judge(text, found)
        top = found.top
        if judged.report is False and judged.kind in _ONE_WORD_DROPS and len(judged.evidence) == 1 and \
                top is not None and top.strong and not top.alike and top.longest >= MATTER_CLAUSE:
            # one word of an offer or a greeting beside a matter the rules met in a phrase of its own (切割机从早响
            # beside 直播间, 是骗子吧 beside 加微信): asked, never dropped
            return Judgement(None, UNSURE, judged.evidence)
        return judged

    def _judge(self, text: str, found: Classification) -> Judgement:
        """Return the :class:`Judgement` of ``text`` by its words (see :meth:`judge`)."""
        t = found.norm if found.norm or not text else unsaid(normalize(text))
        if (quoted := _QUOTED.match(t)) and len(t) - quoted.end() >= 6:
            # 「@物业：已安排人处理」处理个啥，垃圾桶满出来两天了: the answer to a quote is what is said
            t = t[quoted.end():]
        if not _ALNUM.search(t):
            return Judgement(False, NOISE)
        if len(t) <= 6 and (t in _EXACT or _FILLER.sub("", t) in _EXACT):
            return Judgement(False, ACK, (t,))
        if _LETTERS_ONLY.fullmatch(t):  # English words and filler alone (a Chinese character ends the look early)
            plain = _FILLER.sub("", t)
            if (english := _EXACT_EN.get(plain)) is not None:  # "Hi everyone!", "Thank you", "OK"
                return Judgement(False, english, (t,))
            if _SOCIAL_EN.fullmatch(plain):  # "Hello everyone, thanks for the help!"
                return Judgement(False, THANKS if "th" in plain else GREETING, (t,))
        # English words in it: the English looks apply (three letters in a row are in the text's ASCII part too,
        # which is short in a Chinese letter: looked at there first)
        latin = bool(text) and _LATIN.search(text.encode("ascii", "ignore").decode()) is not None and \
            _LATIN.search(text) is not None
        # (English counted in words: a thank-you of twenty words is 90 letters)
        if latin and len(text.split()) < LONG and len(t) < 8 * LONG and \
                (done := _THANKED_EN.search(lower := _FIXED_THING_EN.sub(_thing, text.lower()))) \
                and not _CURRENT_EN.search(lower) and not _NEXT_EN.search(lower, done.end()) and \
                not (found.urgent or found.emergency):
            return Judgement(False, THANKS, (done.group(0),))  # "thanks for fixing the lights!"
        if latin and (done := _NO_NEED_EN.search(text.lower())) and \
                not (found.urgent or found.emergency):
            return Judgement(False, THANKS, (done.group(0),))  # "…got fixed today, no need to report it again"
        strong = found.top is not None and found.top.strong
        if latin and not (found.urgent or found.emergency) and \
                (lower := text.lower()) and \
                (marked := _social_mark_en(lower, past_thanks=found.top is not None)) and \
                (found.top is None or marked.lastgroup in _WITH_A_MATTER_EN or
                 (marked.lastgroup == "laugh" and not strong) or
                 (marked.lastgroup == "invite" and not _NEXT_EN.search(lower))) and \
                not (marked.lastgroup == "invite" and _ENDED_EN.search(lower)) and \
                not [w for w in _CURRENT_EN.findall(lower) if w not in _WHEN_EN] and \
                (marked.lastgroup != "thanks" or not _REQUEST_EN.search(lower)) and \
                (marked.lastgroup != "greet" or not (_NEXT_EN.search(lower) or (strong and "?" in lower))) and \
                not (marked.lastgroup == "greet" and len(text.split()) >= LONG):
            # ("Hi all, my cat is missing"; "Hi all, sorry for the long message…" and a matter told at length, one
            # the rules know or not: a greeting only opens it)
            # no matter named, and a laugh, a thank-you, an invitation or a lost-and-found note (lol, thanks to
            # everyone who helped me carry my sofa, anyone up for badminton?, Lost: black wallet… please DM)
            # (a thing found or sold names no matter where it was found: near the basketball court)
            return Judgement(False, {"laugh": CHAT, "thanks": THANKS, "informed": THANKS, "invite": CHAT,
                                     "offer": OFFER, "praise": THANKS,
                                     "greet": GREETING, "story": CHAT, "joke": CHAT, "opinion": CHAT,
                                     "pinyin": GREETING}[
                marked.lastgroup or "laugh"], (marked.group(0),))
        if latin and (drill := _DRILL_EN.search(lower := text.lower())) and \
                not _CURRENT_EN.search(lower):
            return Judgement(False, NOTICE, (drill.group(0),))  # "fire drill tomorrow 10am, don't panic"
        if latin and (passed_on := _NOTICE_EN.match(lower := text.lower())) and \
                not _CURRENT_EN.search(lower) and not (found.urgent or found.emergency):
            return Judgement(False, NOTICE, (passed_on.group(0).strip(" :,!-"),))  # "News: a marathon on Sunday"
        # (English counted in words, two characters' worth each: a question of 25 words is no letter)
        size = len(t) if not t.isascii() else 2 * len(text.split())
        hits = self._find(t) if size < 3 * LONG else self._find_current(t)
        if (found.urgent or found.emergency) and text and \
                (laugh := _LAUGH_EN.match(text.lower()) or _LAUGHED_EN.search(text.lower())) and \
                not _CURRENT_EN.search(text.lower()) and not hits.get("current") and \
                not calls_to_run(text) and not calls_to_run(t):
            return Judgement(False, CHAT, (laugh.group(1),))  # "lol my code is on fire today": a figure of speech
        if found.urgent or found.emergency:
            if {w.rstrip("!！") for w in (*found.matched, *found.urgent)} <= _EXCLAIM:
                # 王者荣耀又被拆水晶 救命啊, 这道数学题…救命: a cry over a game or over homework
                if cried := ((played.group(0),) if (played := _PLAYED.search(t)) else
                             tuple(w for w in (*_HOMEWORK_WORDS, *_TASTY) if w in t)):
                    return Judgement(False, CHAT, cried)
                if any(e in t for e in _TEARS):
                    return Judgement(None, UNSURE, found.matched)  # 又要给我介绍对象 救命啊😭: asked, with the hotline
            if not found.emergency and (feared := _feared(t, found.urgent)):
                return Judgement(True, FEARED, feared)  # 枝丫断了半边吊着，怕砸到人: the tree now, the harm feared
            told = self._told(t, hits, (*found.urgent, *found.matched)) if size < 3 * LONG else None  # (news of a
            # flood elsewhere, in English too)
            if latin and not told:
                told = _told_en(text, (*found.matched, *found.urgent))
            if told is None:
                told = _then_and_still(t, found.urgent or found.matched, hits)
            return told or Judgement(True, EMERGENCY, found.urgent or found.matched)
        current, problems = hits.get("current", ()), hits.get("problem", ())
        if chat := hits.get(CHAT):  # a problem word inside chat's words is not said (塌 in 火得一塌糊涂)
            problems = tuple(p for p in problems if not any(p in w and p != w for w in chat))
        if "还是" in current and all(t[m.end():m.end() + 1] in _SHOULD for m in re.finditer("还是", t)):
            # 还是要开窗透风, 还是得去: advice of what one should do, no trouble that stays
            current, problems = _without(current, "还是"), _without(problems, "还是")
        if latin and (still := _CURRENT_EN.findall(text.lower())):
            current = (*current, *still)  # "thanks, but the lift is still broken": a problem now, in English words
            # and what is wrong, said in English (broken, leaking, nobody has come): "Why is the lift broken again?"
            # complains, as 电梯怎么又坏了 does
            problems = (*problems, *(w for w in still if w not in _WHEN_EN))
        if passed := _PASSED.search(t):  # 社区说去街道，街道说去社区: sent back and forth (推诿) is a complaint now
            current, problems = (*current, passed.group(0)), (*problems, passed.group(0))
        if shown := _NOT_AS_SHOWN.search(t):  # …跟视频里的不一样: goods not as shown, whatever the video
            problems = (*problems, shown.group(0))
        if sent := _SENT_MONEY.search(t):  # …要捐款修祖祠 阿爸转了五千过去: money gone to whoever asked
            problems = (*problems, sent.group(0))
        if (vote := _VOTE.match(t)) and not current:
            return Judgement(False, CHAT, (vote.group(0),))  # 选B，支持加装电梯; 我投第二个方案: an answer to a poll
        if (fine := _FINE_BY_ME.search(t) or _BEST.search(t) or _CHECK_IN.match(t) or _AGREE.match(t) or
                _COSY.search(t) or _OUR_GROUP.match(t)) and \
                not [w for w in (*current, *problems) if w not in fine.group(0) and w not in _OFTEN]:
            # (总体还是进步了: its own 还是; 他讲得对，还是要经常开窗: how often, nothing wrong)
            return Judgement(False, CHAT, (fine.group(0),))  # 我觉得涨点也行: an opinion that accepts it
        if any(w in t for w in _HOMEWORK_WORDS) and (sigh := _HOMEWORK.search(t)) and not _BLAMED.search(t) and \
                not found.emergency:
            return Judgement(False, CHAT, (sigh.group(0),))  # 作业写到十一点还没写完: a parent's sigh, nothing to fix
        if (own := _OWN_KIDS.search(t)) and not current and not found.emergency:
            return Judgement(False, CHAT, (own.group(0),))  # 吵死了 我家两个小鬼从早打到晚: a parent's sigh
        if (found.top is None or found.top.alike) and not found.emergency and (played := _PLAYED.search(t)) and \
                not any(w in t for w in _SCAMMED):  # (拉进炒股群…提不出来: a loss, no fund's swing)
            return Judgement(False, CHAT, (played.group(0),))  # 吃鸡又被人爆头, 基金又绿: a game, a fund
        if (kept := _LOST_PROPERTY.search(t)) and not current and not found.emergency:
            return Judgement(False, NOTICE, (kept.group(0),))  # 捡到一串钥匙 放在保安室: kept for its owner
        if ("开" in t or "欢迎" in t) and (advert := _ADVERT.search(t)) and not current and not problems:
            return Judgement(False, CHAT, (advert.group(0),))  # 新店开业八折，欢迎来: an advertisement
        if (changed := _CHANGED.search(t)) and not current and all(p in changed.group(0) for p in problems):
            return Judgement(False, CHAT, (changed.group(0),))  # 我认为…没得以前的味道了: an opinion, nothing to fix
        if (t.lstrip("【[(（").startswith(self._forwarded) or (text and _FORWARD_MARK.match(text))) and not current:
            return Judgement(False, NOTICE, (t[:3],))  # forwarded (转 外地…): its words are someone else's
        if text and not _HAN.search(t) and (over := _told_en(text, ())) is not None and over.report is False:
            return over  # Last winter I saw fire engines at building 6. Glad everyone got out…
        if size >= 3 * LONG:
            # a letter: only a notice or a story is not a report, and neither names a problem
            notice = self._find(t[:LONG]).get(NOTICE)  # a notice says so at its start
            if notice and not current and not (found.emergency and _seen_now(t)):
                return Judgement(False, NOTICE, notice)
            if story := _told_story(t, current):
                return Judgement(None, STORY, story)  # 跟大伙念叨念叨…: asked about, never registered unasked
            return Judgement(True, REPORT, found.matched)
        if lasted := _DURATION.search(t):
            problems = (*problems, lasted.group(0))
        # 还是 between choices (是在楼上还是在楼下吗, 咸的还是甜的 投个票) is "or", not "still"
        choice = _CHOICE.search(t) if "还是" in current else None
        if "还是" in current and ((hits.get(QUESTION) and (t.endswith(("吗", "?", "呢", "啊")) or "还是在" in t))
                                 or "投票" in t or "投个票" in t or choice or _PREFER.search(t)):
            current, problems = _without(current, "还是"), _without(problems, "还是")
            if choice:
                hits[QUESTION] = (*hits.get(QUESTION, ()), choice.group(0))
        notice, hints = hits.get(NOTICE, ()), hits.get("hint", ())
        if headed := _HEADED.match(t):
            notice = (*notice, headed.group(0))
        if ((notice and not current) or (len(hints) >= 2 and not problems)) and \
                not (found.emergency and _seen_now(t)):
            # (…社区通知上没写清楚 还有就是刚才路过窑房看到后窗在冒黑烟: the emergency seen just now is the report)
            return Judgement(False, NOTICE, notice or hints)
        if (elsewhere := _told_elsewhere(hits, t)) and not [w for w in current if w != "又"] and \
                not _wrong_before(t, elsewhere, problems):  # 新闻说外省又发大水了
            return Judgement(False, NOTICE, elsewhere)
        taken_back = [w for w in hits.get("clear", ()) if w in _TAKEN_BACK]
        # problems beyond how often (一直, 老是), and beyond a 差点 said beside an all-clear, with what nearly
        # happened (差点摔…没事没事)
        named = [p for p in problems if p not in _OFTEN and not (
            hits.get("clear") and (p == "差点" or re.search("差点儿?[^,.!?。，]{0,2}" + re.escape(p), t)))]
        # (an all-clear the one blamed gives, 老板说没事, clears nothing)
        cleared = [w for w in hits.get("clear", ()) if not _THEY_SAY.search(t[:max(t.find(w), 0)][-8:]) and
                   not (w == "看错了" and _MISREAD.search(t))]
        if cleared and not current and (not named or taken_back):  # 刚才说的漏水是我看错了
            return Judgement(False, ACK, tuple(cleared))
        # laughter beside no problem is chit-chat, but 笑死，三天没人收垃圾 is a report
        aside = hits.get(ASIDE, ())
        if not current and (jokes := (*_said(_among(_JOKES, aside), t),
                                      *(() if problems else _said(_among((*_LAUGHING, *_GIGGLE), aside), t)),
                                      *(() if problems or strong or not (laugh := _LAUGH_EN.match(text.lower()))
                                        else (laugh.group(1),)))):
            return Judgement(False, CHAT, jokes)
        phone = number if (number := _PHONE.search(t)) and not _LOOK_INTO.search(t) else None  # (这个号码你们查一下)
        offers = (*hits.get(OFFER, ()), *(m.group(0) for m in [phone, _SALE.match(t)] if m))
        # something found or for sale says 丢了 or names a thing (安全座椅); a problem besides is still a report,
        # unless the offer is plain from two of its words (八成新, 自提)
        other = [p for p in problems if not any(p in o for o in offers)]
        # (one word of a place things are left at, 门卫室, beside a matter named is no offer: 保安天天在门卫室睡觉)
        # (加微信 beside 冒充 or 骗 tells how a scam went: 有人冒充我堂哥加微信借钱, 装客服加微信骗去三千)
        if offers and not current and not any(w in t for w in _SCAMMED) and not _SENT_MONEY.search(t) and \
                (len(offers) >= 2 or (not other and not (strong and offers[0] in _LEFT_AT))):
            return Judgement(False, OFFER, offers)
        if (answer := _ANSWER.match(t)) and not current and \
                all(f"不{p}" in t or f"不是{p}" in t or f"没{p}" in t for p in problems if p not in _OFTEN):
            return Judgement(False, CHAT, (answer.group(0),))
        if (tried := _TRY_IT.search(t)) and not current:
            return Judgement(False, CHAT, (tried.group(0),))
        if text and (answer := _ANSWER_EN.match(text.lower())) and not _CURRENT_EN.search(text.lower()):
            return Judgement(False, CHAT, (answer.group(0).strip(),))
        if what_if := _what_if(t, hits, current):  # 万一地震了往哪里跑？ a worry, asked
            return what_if
        if (worry := _WORRY.search(t)) and (ahead := _AHEAD.search(t)) and not current and not named:
            return Judgement(None, UNSURE, (worry.group(0), ahead.group(0)))
        if (acked := [w for w in hits.get(ACK, ()) if not any(w in n and n in t for n in _NOT_SOCIAL)]) and \
                ("通知" in t or "公告" in t) and not current and not problems:
            return Judgement(False, ACK, tuple(acked))  # "停水通知收到了" (not 通知…都莫得收到)
        short = len(t) < LONG
        if short and not strong:
            if help_ := hits.get(HELP):
                return Judgement(False, HELP, help_)
            if progress := hits.get(PROGRESS):
                return Judgement(False, PROGRESS, progress)
        # a social word inside a problem word is not said (好的 in 说好的…就来了一回)
        inside = (*problems, *(w for w in _NOT_SOCIAL if w in t))  # (…刚刚还好好的, 根本没收到, 卡拉ok)
        social = [(k, said) for k in (THANKS, GREETING, CHAT, ACK) if k in hits
                  and (said := tuple(w for w in hits[k] if not any(w in p and w != p for p in inside)))]
        # (a word that something is done inside a problem word is not said: 亮了 in 也不亮了)
        resolved = tuple(w for w in hits.get("resolved", ()) if not any(w in p and w != p for p in problems))
        # done, said plainly with no thanks: 漏水已经修好了, 不用再跟了, 停水那事解决了，刚来水了
        fixed = ("已经" in t or "不用" in t or len(resolved) >= 2 or any(t.count(w) >= 2 for w in resolved)) and \
            any(w in _FIXED for w in resolved)  # (来水了来水了！: said twice, it is done)
        thanked = [(k, w) for k, w in social if k != CHAT or not problems]  # 拉进…提不出来了 is no thank-you
        # a matter named after the thanks and a turn (谢谢，就是楼下饭店的油烟…) is reported
        specific = [*named, *(w for c in found.candidates if c.strong for w in c.matched)]
        if (thanked or fixed) and resolved and not current and len(t) < 2 * LONG and \
                not _wrong_after(t, resolved, specific) and not _GRANTED.search(t):
            return Judgement(False, THANKS if thanked else DONE, (*(thanked[0][1] if thanked else ()), *resolved))
        question = hits.get(QUESTION)
        # (a thanks word inside a problem word is none: 年纪大了煮饭辛苦)
        thanks = next((said for kind, said in social if kind == THANKS), ())
        if thanks and short and not named and not current and not question and \
                not (strong and _ASKED_TO.search(t)) and \
                not _wrong_after(t, thanks, specific):  # 唔该物业睇下 (please, property, have a look): a request
            return Judgement(False, THANKS, thanks)  # a thank-you may name the matter (保安大哥半夜还在巡逻)
        if social and short and not strong and not named and \
                not (question and found.top is not None and not found.top.alike) and \
                not (social[0][0] == THANKS and _wrong_after(t, social[0][1], list(current))):
            # 猫又来晒太阳了，太可爱了 (but not 电梯是不是要等过年哈; a likeness of characters names no matter; nor
            # a thank-you that turns to something wrong again: 谢谢上次修了水管，但这回热水器又开始滴了)
            return Judgement(False, social[0][0], social[0][1])
        if short and (above := _ABOVE.match(t)) and not [w for w in current if w != "还没"]:
            return Judgement(False, QUESTION, (above.group(0),))  # 上面那个讲电梯的 是几栋啊: of another's message
        if short and not problems and question:
            # a question about a matter, even in generic words (低保怎么申请, 规划图上是公园咋个在修高楼), may be
            # for a handler to answer: ask before registering; a question about nothing the rules know is not
            return Judgement(None, UNSURE, question) if found.top is not None else Judgement(False, QUESTION, question)
        # asked in English, unless a matter ends asking whom to complain to (registered at once)
        # (English with a Chinese word or two is English: Is the 社区 reading room open on Sundays?)
        asked_en = (not _HAN.search(t) or in_english(text, t) or bool(_ASKED_EN_FIRST.match(text))) and \
            _asked_en(text) and \
            not (strong and _COMPLAIN_TO_EN.search(text.lower()))
        if asked_en and (_unadorned(text).endswith("?") or
                 (found.top is None and "?" in text and _RECOMMEND_EN.search(text.lower()))) and \
                not set(current) - _WHEN_EN:  # "Will the water be off again tomorrow?" asks; "…broken again?" does not
            # asked in English (Is anyone fixing the lift…?): about a matter, asked before registering, as in Chinese;
            # about nothing the rules know, no report, if the message opens with the question (a question after a
            # story, …the owner won't sign a contract. Who do I ask?, is asked about, never dropped)
            if found.top is None and _ASKED_EN.match(
                    opening := re.split(r"(?<=[.!?])\s+", text.strip().lower())[0]) and opening.endswith("?"):
                return Judgement(False, QUESTION, ("?",))
            # (in case there's ever a power cut, who do we ring?: a what-if, which no model's word registers)
            return _what_if_en(text.lower(), found.matched, _SUPPOSED_EN) or Judgement(None, UNSURE, ("?",))
        if asked_en and "?" in text and \
                not _CURRENT_EN.search(text.lower().rsplit("?", 1)[1]) and not set(current) - _WHEN_EN:
            # a question, then words beside it that say nothing is wrong (…at the community centre? my son needs to
            # print a form): asked before registering, never dropped (…look at the thing by the door please? Thanks)
            return _what_if_en(text.lower(), found.matched, _SUPPOSED_EN) or Judgement(None, UNSURE, ("?",))
        if short and not strong and not problems and not self._remainder(t):
            return Judgement(False, ACK)
        if not problems and not current and not (strong and len(t) >= LONG) and \
                (invited := tuple(w for w in _among(_INVITE, aside) if w != "来不来" or _COME_ALONG.search(t))):
            # (…一起去赶海，顺便讲一下，302被二房东隔成了八间: a report; 抄表的从来不来: no invitation)
            return Judgement(False, CHAT, invited)
        if not problems and not current and not found.emergency and (met := _MET.search(t)) and \
                len(t) - met.end() <= 16 and not _TURN.search(t, met.end()):
            # 在菜市场碰到小学老师 还那么精神: someone met, not a market (…对了 滑梯的铁皮翘起来了: a report)
            return Judgement(False, CHAT, (met.group(0),))
        if not current and (grateful_end := _THANKS_END.search(t)):
            return Judgement(False, THANKS, (grateful_end.group(0),))  # 前年刚搬来…就是想说一声谢谢
        if not current and _TOLD_GONE_BY.match(t):  # a time gone by told
            if (since := _SINCE_THEN.search(t)) and not [p for p in problems if t.find(p, since.start()) >= 0]:
                # …那以后再也不接陌生电话了: a lesson drawn, asked about (…那以后再也没人管过: a complaint)
                return Judgement(None, STORY, (since.group(0),))
            if warned := _WARNED.search(t):
                return Judgement(None, STORY, (warned.group(0),))  # to warn all: asked about
            if ended := _ENDED_WELL.search(t):
                return Judgement(False, THANKS, (ended.group(0),))  # 前几年一下雨就积水…再也没积过水: ended well
        if story := _told_story(t, current, problems, aside):
            return Judgement(None, STORY, story)  # a story told (跟大伙念叨念叨…) names matters in passing
        if not current and not problems and (vented := _among(_VENT, aside)):
            return Judgement(None, UNSURE, vented)  # a sigh (…唉 算了不说了) may be a report: asked, never registered
        if (warning := _WARNING.search(t)) and not current and not found.emergency and not _EVENT_TOLD.search(t):
            return Judgement(False, NOTICE, (warning.group(0),))  # 大家别点群里刷单的链接，都是骗子: a warning
        if (figure := _FIGURE.search(t)) and not [w for w in current if w != "又"] and \
                not (strong and found.top is not None and not found.top.emergency) and \
                all(p in figure.group(0) or p == "又" for p in problems):  # (又去钓鱼了…冻死也不回来: again, no fault)
            return Judgement(False, CHAT, (figure.group(0),))
        if short and not strong and problems and not self._named(t, problems):
            # something is wrong, but not said with what (那个东西又坏了, 这个事情到底有没有人管): asked what it is
            return Judgement(None, VAGUE, tuple(w for w in _PLACEHOLDERS if w in t) or problems)
        if not found.emergency and (near := _NEAR_MISS.search(t)):
            return Judgement(True, FEARED, (near.group(0),))  # 西瓜皮从楼上掉下来 差一点砸到人: the harm missed
        if not strong and set(problems) == {"又"}:
            return Judgement(None, UNSURE, problems)  # again, and nothing wrong named (现在又种回树了): asked
        if strong or problems:
            return Judgement(True, REPORT, (*(found.matched if strong else ()), *problems))
        if len(t) >= LONG:  # a long message is a report, unless it names nothing and chats (念叨念叨…哈哈哈), or names
            # nothing in English (Inshallah next year business better): asked, as a short one is
            return Judgement(None, UNSURE, social[0][1] if social else ()) \
                if found.top is None and (social or not _HAN.search(t)) else Judgement(True, REPORT)
        return Judgement(None, UNSURE, found.matched)

    def _told(self, t: str, hits: dict[str, tuple[str, ...]], said: tuple[str, ...] = ()) -> Judgement | None:
        """Return the judgement of an emergency's words that are not a report of one happening here: news
        from elsewhere or a rumour asked about (新闻说外省…, 群里说…是真的假的), or one over and done with
        (火已经扑灭了); ``None`` for an emergency to report. Never when something is wrong now (但是, 还没).
        ``hits`` are the gate's words in ``t`` (:class:`_Finder`); ``said``, the emergency's own words (a thank-you
        that turns to them, 谢谢修好路灯 另外…拿刀打起来了, is no thank-you)."""
        now = [w for w in hits.get("current", ()) if w != "又" and
               not (w == "还是" and (_FIRST_OR.search(t) or _PREFER.search(t)))]
        if what_if := _what_if(t, hits, now):
            return what_if
        if (over := _OVER_THEN.search(t)) and "又" not in t[over.end():] and \
                (still := now or [m.group(0) for m in _STILL.finditer(t, over.end())] or
                 [w for w in hits.get("problem", ()) if t.find(w, over.end()) >= 0]):  # …但这电梯能不能换个新的
            # 上个礼拜电瓶车起火，好在扑灭了，现在车还在楼道充电: the danger is over, what is wrong now is the report
            return Judgement(True, AFTERMATH, (over.group(0), *still))
        if over and "又" not in t[over.end():] and not now:  # 去年发大水那次…幸好现在没事: over, and nothing wrong now
            ended = _ENDED_WELL.search(t, over.start())
            return Judgement(False, THANKS, (over.group(0), ended.group(0))) if ended else \
                Judgement(None, STORY, (over.group(0),))  # (…现在想起来还后怕: remembered, asked with the hotline)
        if now:
            return None
        if (explained := _EXPLAINED.search(t)) and not calls_to_run(t) and "快来" not in t and \
                "救命" not in t:
            return Judgement(False, ACK, (explained.group(0),))
        if (notice := hits.get(NOTICE)) and (advice := [w for w in _ADVICE if w in t]) and not _seen_now(t):
            return Judgement(False, NOTICE, (*notice, *advice))  # 【温馨提示】冬季取暖注意一氧化碳中毒: advice
        if (to_all := _ADVICE_TO_ALL.search(t)) and not _seen_now(t) and not calls_to_run(t) and \
                not any(w in t for w in _HAPPENING) and not _EVENT_TOLD.search(t) and not _SENSED.search(t):
            return Judgement(False, NOTICE, (to_all.group(2),))  # 天冷了 大家烧炉子记得开窗通风: advice to all
        if (t.lstrip("【[(（").startswith(self._forwarded) and not calls_to_run(t)) or "演习" in t or "演练" in t:
            # forwarded, or a drill: someone else's words, asked about (转发: 3栋着火了 快跑: a call to run, passed on)
            return Judgement(None, UNSURE, (t[:3],))
        # what was said before the talk turns to now (…老师说作文写跑题了…唉说着呢楼下老张倒在花坛边上) is no
        # news of what comes after it
        told = t[turn.end():] if (turn := _TURN_NOW.search(t)) else t
        if elsewhere := _told_elsewhere(hits if told is t else self._find(told), told):
            return Judgement(False, NOTICE, elsewhere)
        if (past := _long_ago(t) or ((year := _YEAR_AGO.search(t)) and (year.group(0),))) and \
                not any(map(_STILL_TOLD.sub("", t).__contains__, _NOW)):
            if ended := _ENDED_WELL.search(t):  # 前几年一下雨就淹，后来排水改了就再没淹过: told, no report
                return Judgement(False, THANKS, (*past, ended.group(0)))
            if went := _HOW_IT_WENT.search(t):  # 上个月电梯关人那事后来咋样了？ asked after, no report
                return Judgement(False, QUESTION, (*past, went.group(0)))
            return Judgement(None, STORY, past)  # 我奶奶说以前这块发过大水: asked at once, with the hotline
        if found_yet := _FOUND_YET.search(t):  # asked after, not reported: asked at once, with the hotline
            return Judgement(None, UNSURE, (found_yet.group(0),))
        clear = hits.get("clear", ())
        if clear and (heard := _RELAYED.search(t)) and all(heard.start() < t.find(w) <= heard.end() + 2 for w in clear):
            # someone else said it is fine (老板说没得事): the resident who doubts it is reporting; otherwise asked
            return None if any(w in t for w in _DOUBT) else Judgement(None, UNSURE, clear)
        if clear and (grievance := [w for w in _GRIEVANCE if w in t]):  # 抢救过来了…医院说跟他们没关系: the
            return Judgement(True, AFTERMATH, tuple(grievance))  # danger is over, the complaint is the report
        laughed = () if calls_to_run(t) else _LAUGHING  # (笑死 真着火了 快跑: no laughing matter)
        if clear or any(w in t for w in (*_JOKES, *laughed)):  # 冒烟那个是在熏腊肉，冇得事; 开玩笑的
            return Judgement(False, CHAT, clear or tuple(w for w in (*_JOKES, *laughed) if w in t))
        resolved = hits.get("resolved", ())
        if ("已经" in t or hits.get(THANKS)) and any(w in _FIXED for w in resolved) and \
                not _wrong_after(t, resolved, [*hits.get("problem", ()), *said]):  # (…修好了。还有，…在冒烟！)
            return Judgement(False, THANKS, resolved)  # 火已经扑灭了; 人没事，点赞
        return None

    def _named(self, t: str, problems: tuple[str, ...]) -> str:
        """Return what ``t`` names besides its ``problems``, placeholders (那个东西), the words around a complaint
        (到底有没有人管) and filler: ``""`` when it says something is wrong but not with what.

        >>> gate = Gate()
        >>> gate._named("那个东西又坏了", ("坏了", "又")), gate._named("楼道灯又坏了", ("坏了", "又"))
        ('', '楼道灯')
        """
        t = _WHERE.sub("", t)  # a place is where, not what (3号楼又坏了, 安居苑)
        for w in self._places:
            t = t.replace(w, "")
        said = [p for p in problems if p in _MATTERLESS or _DURATION.fullmatch(p)]
        if len(said) < len(problems):
            return "".join(p for p in problems if p not in said)  # 好臭, 又漏了: the problem names the matter
        for w in _longest_first({*said, *_PLACEHOLDERS}):
            t = t.replace(w, "")
        return "".join(_FRAME.sub("", self._remainder(t)).split())

    def _remainder(self, t: str) -> str:
        """Return what is left of ``t`` once social words, forms of address and filler are gone."""
        for w in self._social:
            t = t.replace(w, "")
        return _FILLER.sub("", _ADDRESS.sub("", t))
