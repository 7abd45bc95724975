"""One normal form for report text and keywords: simplified, half-width, lower case, nothing invisible.

Every step works character by character, so all of them are folded into one ``str.translate`` table,
built once from ``unicodedata`` (NFKC) and OpenCC's own t2s tables: one pass in C per report instead
of four (NFKC alone cost 22 us on a 270-character complaint). The table also maps the common blocks
(ASCII, CJK, CJK punctuation) to themselves: a miss costs ``str.translate`` a raised and cleared
LookupError, a hit does not, which makes a long complaint about three times faster to normalise.
"""

from __future__ import annotations

import re
import sys
import threading
import unicodedata

import ahocorasick_rs
import opencc

VERSION = 40  # of the normal form: a model learnt from normalised text names it (2: Cantonese words; 3: more; 4: a
# figure of speech more masked, 累得我要晕倒了; 5: 𨋢, the lift; 6: 瞓, sleep, xswl and yyds, Hokkien 未转来;
# 7: more Cantonese, 好似 揾 嗰 落雨…; 8: Xiang 哒 for 了, 么子 伢子, northeastern 嘎哈; 9: northwestern 嫑 尕娃,
# Hainan 无 (还无, 无出来) 做么; 10: 咯 for 了 of Guangxi, Hunan and Sichuan; 11: Wuhan 伢, a child; 12: Wu 弗;
# 13: Cantonese 电单车, a motorbike (no 偷电 in 偷电单车), 拎返; 14: northwestern 额 for 我 before 们 and kin;
# 15: Shandong 木有 for 没有; 16: Wu 啥西, Xiang 嗲嗲, Hefei 侠侠, Cantonese 跌落嚟 批荡 俾人呃, Henan 事都木 咋木;
# 17: written Hokkien of Quanzhou and Xiamen: 阮 伊 伫 拢 袂 厝 毋…, with the Mandarin words that hold those characters;
# 18: Cantonese 入面 (inside) and 入面出唔到 (cannot get out), 入唔到, 仲喺 (still at), 烧紧 (burning now), 点做
# and 点样 (how), 倒落 (falls down), 讲唔到嘢 (cannot speak), 好食 (tasty); Henan and Xuzhou 木事 (all right);
# Wenzhou 爻 (了), 该个 (这个), 阿奴 (a child), 我屋 (my home); Hebei 嘛时候 (when); Gan 渠讲 (he says);
# Jianghuai 港 (说) in a few of its phrases; Cantonese 每次都话, 但系, 车库入水; 19: Hakka and Cantonese 落水 for rain
# before what it does (一落水就滴, 落水天), Cantonese 叫唔醒 and 叫极都唔醒 (cannot be woken), 执到 (picked up);
# 20: praise as a figure, 好吃到爆炸, 辣到我嘴里要着火; 21: Wu 了里厢 and 勒里厢, in there (关了里厢);
# Gan 渠老公; Cantonese 细个嗰阵, when I was small; Teochew 无电 跌落来 唔会动 相刣, Puxian 个囝;
# 22: 差点没晕过去, the idiom, as a figure; 23: Hokkien 呣 (不) in 呣见 呣知 呣开…; 热哩冒烟 and Wu 热得来…冒烟,
# figures as 热得冒烟 is; 以为着火 with or without 了; 24: Hakka 落唔落水 and 落水了记得收衫, rain; 热得我脑瓜顶
# 都冒烟了, and Minnan 热甲欲冒烟, figures too; 25: Teochew and Hainan 无返 无回来 无呼吸 无人应; 26: Min 伓
# for 不, 血止伓住 讲伓清楚; 27: 气得我脑瓜子冒烟, a figure as 头顶 is; Teochew 孥仔, a child; 28: Cantonese
# 嬲到我爆炸 (angry) and 佢就爆炸, figures; 像火灾现场, a mess; 29: Hokkien 相拍 犹咧 无看着 跋落 落去 查某…, Min Dong
# 伲囝 丈夫侬 今旦, Wu 呒没 事体 小人, Hakka 𠊎 么个 上昼; Hokkien 拍我 食醉 头壳; figures: 催到我头冒火,
# 今天烧甲欲冒烟; 30: Hokkien and Teochew 风台 孥囝 窗仔 到厝 无转 无接 无在 我囝; Fuzhou 有侬 毛侬 毛转来
# 依公; 边边, the edge; 落水了快收衫, rain; 炎到…整个人要烧起来, a figure; 31: 血压直接飙到, a figure; 32: Cantonese
# and Gou-lou 唔郁 冇郁 细仔 细妹 出紧 浮住 畀电 入水 原来系, Teochew 底块 食药; 33: 仲有 寻到 转屋 入屋 火烛 鼻鼾 晕去,
# Hakka 偃, Min 无见 无回 无知哪 乌烟; 34: Cantonese 哽亲 唔透得气 入晒水 浸晒 条片 崩落嚟 天都乌了; 35: Hainanese
# 侬仔, 一阵落水; 36: toneless pinyin, dianti kuailai jiuming; 37: 饿到个胃着火, 血压就上来了要晕过去了, figures;
# 38: 个侬仔 a child; 39: 心里一直在冒火, anger, a figure; 40: 站一下就冒烟, heat, a figure)
# Cantonese words residents of the south type, in Mandarin (after the table: simplified, lower case); only
# words that Mandarin chat does not use otherwise (not 仲: 仲裁; not 返 alone: 返水)
CANTONESE = {
    "䢂": "电梯",  # 𨋢, the lift, after the table
    "冇": "没", "咗": "了", "嘅": "的", "喺": "在", "佢哋": "他们", "佢": "他", "我哋": "我们", "你哋": "你们",
    "哋": "们", "唔该": "谢谢", "唔使": "不用", "唔": "不", "睇": "看", "乜嘢": "什么", "嘢": "东西", "咩": "什么",
    "而家": "现在", "今朝": "今天", "琴日": "昨天", "听日": "明天", "屋企": "家", "老豆": "爸爸", "老窦": "爸爸",
    # 块面, the face; 冧 of a building come down (冧咗落嚟), of a tree blown over (吹冧, 冧咗)
    "块面": "脸", "冧咗落嚟": "塌了下来", "冧落嚟": "塌下来", "吹冧": "吹倒", "冧咗": "倒了",
    "跌咗落嚟": "掉下来了", "跌落嚟": "掉下来", "批荡": "墙皮", "俾人呃": "被人骗", "畀人呃": "被人骗",
    "细路仔": "小孩", "细路女": "小女孩", "细路": "小孩", "后生仔": "年轻人", "后生女": "年轻女孩",
    # when I was small (嗰 is 𠮶 after the table)
    "细个𠮶阵": "小时候", "细个那阵": "小时候", "细个嘅时候": "小时候", "细个时": "小时候",
    "落来": "下来", "落嚟": "下来",  # (唔落嚟: will not come down)
    "水浸": "水淹", "点算": "怎么办", "点解": "为什么", "搞掂": "搞定", "好耐": "很久", "冇返": "没回",
    "返屋企": "回家",
    "返嚟": "回来", "返来": "回来", "嚟": "来", "啲": "些", "差少少": "差一点", "少少": "一点",
    "郁唔到": "动不了", "郁唔郁得": "动不动得", "讲嘢": "说话", "瞓唔着": "睡不着", "瞓觉": "睡觉", "瞓": "睡",
    "好似": "好像", "成日": "整天", "呢排": "这阵子", "差啲": "差点", "啱啱": "刚刚", "好彩": "幸好", "落雨": "下雨",
    # Hakka and Cantonese 落水 is rain when it comes before what it does (一落水就漏, 落水天); a child falls into water
    # in 小孩落水了
    "一落水就": "一下雨就", "又落水": "又下雨", "落水就": "下雨就", "落水天": "下雨天", "落大水": "下大雨",
    "落唔落水": "下不下雨", "唔落水": "不下雨", "落水了记得": "下雨了记得", "落水收衫": "下雨收衣服",
    "落水了快收": "下雨了快收", "落水啦快收": "下雨啦快收", "落水快收": "下雨快收", "落水了赶紧收": "下雨了赶紧收",
    "收衫": "收衣服",  # (落水了快收衫: the washing brought in)
    "执到": "捡到", "叫极都唔醒": "叫不醒", "叫极唔醒": "叫不醒", "叫唔醒": "叫不醒",
    "揾工": "找工作", "揾返": "找回", "揾到": "找到", "揾": "找", "𠮶": "那", "呢个": "这个", "呢度": "这里",
    "边度": "哪里", "边个": "谁", "咁": "这么", "嘈": "吵", "俾人": "被人", "食完": "吃完", "食咗": "吃了",
    "饮完": "喝完", "饮咗": "喝了", "系咪": "是不是", "返工": "上班", "掂到": "碰到", "山泥倾泻": "山体滑坡",
    "跌落河": "掉进河", "跌落海": "掉进海", "跌咗落河": "掉进河了", "电单车": "摩托车", "拎返": "拿回",
    "入面": "里面", "入面试": "入面试", "入面出唔到": "里面出不去", "入唔到": "进不去", "仲喺": "还在", "仲未": "还没",
    "烧紧": "烧着", "应该点做": "应该怎么做", "要点做": "要怎么做", "点样做": "怎么做", "点样搞": "怎么搞",
    "倒落": "倒下", "讲唔到嘢": "说不出话", "讲唔出声": "说不出话", "几好食": "挺好吃", "好食": "好吃",
    "木事": "没事", "土木事": "土木事",
    # Wenzhou: 爻 after a verb is 了 (吃爻, 爆爻), 该个 is 这个, 阿奴 a child; Hebei 嘛时候 (when)
    "爻": "了", "卦爻": "卦爻", "六爻": "六爻", "爻辞": "爻辞", "该个": "这个", "应该个": "应该个", "阿奴": "孩子",
    "我屋": "我家", "嘛时候": "什么时候", "渠讲": "他讲", "渠说": "他说",  # Gan (Jingdezhen) 渠, he
    # Jianghuai and Xiang 港 for 说, only where no harbour is meant
    "都港": "都说", "老板港": "老板说", "港了好多回": "说了好多回", "港一下": "说一下", "港没得": "说没得",
    "每次都话": "每次都说", "都话已": "都说已", "但系": "但是", "车库入水": "车库进水", "浸到车门": "淹到车门",
    "每回都港": "每回都说", "港不听": "说不听", "香港": "香港", "港口": "港口", "都港口": "都港口",
    # Shandong (and chat) 木有: 没有
    "木有": "没有", "木人管": "没人管", "木人理": "没人理", "事都木": "事都没", "咋木": "咋没",
    # northwestern 额 for 我 before 们 and kin (not alone: 金额, 额头)
    "额们": "我们", "额妈": "我妈", "额爸": "我爸", "额娃": "我娃", "额家": "我家",
    # Wu (Shanghai, Suzhou, Ningbo)
    # 弗 is 不, but not in a foreign name (弗兰克, 杰弗里)
    "弗": "不", "弗兰": "弗兰", "弗吉": "弗吉", "弗洛": "弗洛", "弗雷": "弗雷", "杰弗": "杰弗", "弗里": "弗里",
    "啥西": "什么", "辣里厢": "在里面", "里厢": "里面", "卡辣": "卡在", "噎牢": "噎住",
    "了里厢": "在里面", "勒里厢": "在里面",  # 了 and 勒 are 在 before it (关了里厢: shut in there)
    "渠老公": "她老公", "渠老婆": "他老婆",  # Gan and Hakka 渠, he or she
    # Teochew and Hokkien: 无电 no power (but 无电梯), 跌落来 fell down, 唔会动 cannot move, 相刣 fight to kill
    "无电": "没电", "无电梯": "无电梯", "个囝": "个小孩", "跌落来": "摔下来", "唔会动": "不会动",
    "相刣": "打架", "孥仔": "小孩",  # (Teochew 孥仔, a child)
    "灶披间": "厨房", "老早子辰光": "以前", "老早辰光": "以前", "老底子": "以前",  # a kitchen; long ago
    "俚讲": "他讲", "俚说": "他说",
    # 勿 is 不 (打勿着火, 透勿过来), but a notice's 请勿 and 切勿 stay
    "勿": "不", "请勿": "请勿", "切勿": "切勿", "勿忘": "勿忘", "勿扰": "勿扰",
    # Hokkien and Teochew
    "犹未转来": "还没回来", "未转来": "没回来", "叫不转来": "叫不回来", "细囝": "小孩", "囝仔": "小孩", "伓": "不",
    # written Hokkien (after the table: 佇 is 伫, 攏 is 拢), not inside the Mandarin words that hold those characters
    "阮": "我们", "姓阮": "姓阮", "阮氏": "阮氏",
    "小阮": "小阮", "老阮": "老阮", "阮医生": "阮医生", "阮老师": "阮老师",
    "阮师傅": "阮师傅", "阮姐": "阮姐", "阮囝": "我孩子", "阮囝仔": "我孩子", "伊拉": "他们",
    "伊": "他", "伊犁": "伊犁", "伊朗": "伊朗",
    "伊拉克": "伊拉克", "伊斯兰": "伊斯兰", "木乃伊": "木乃伊", "伊利": "伊利",
    "伊春": "伊春", "伊宁": "伊宁", "伊甸": "伊甸", "伊通": "伊通", "伊人": "伊人", "伊始": "伊始", "伊妹儿": "伊妹儿",
    "伊翁": "她老公", "拍伊": "打她", "咧拍": "在打",
    "又咧": "又在", "伊咧": "他在", "咧喝": "在喊", "喝救人": "喊救命",
    "伫": "在", "伫立": "伫立", "袂": "不", "分袂": "分袂", "联袂": "联袂", "衣袂": "衣袂",
    "拢": "都", "拉拢": "拉拢", "靠拢": "靠拢", "合拢": "合拢",
    "聚拢": "聚拢", "收拢": "收拢", "围拢": "围拢", "拢共": "拢共",
    "毋是": "不是", "毋着": "不对", "毋": "不", "毋庸": "毋庸", "毋宁": "毋宁", "毋须": "毋须",
    "呣见": "不见", "呣知": "不知", "呣开": "不开", "呣是": "不是", "呣通": "不要", "呣敢": "不敢", "呣肯": "不肯",
    "厝边": "邻居", "厝内": "家里", "厝顶": "屋顶", "伫厝": "在家",
    "厝": "房子", "内底": "里面", "昏去": "昏过去", "坏去": "坏了",
    "松去": "松了", "今嘛": "现在", "逐暝": "每晚", "逐摆": "每次", "逐工": "每天", "查某人": "女人", "代志": "事情",
    "四界": "到处", "虼蚻": "蟑螂", "跤头趺": "膝盖",
    "落落来": "掉下来", "予人": "给人", "溪仔": "小溪", "巷仔": "巷子",
    "耍水": "玩水", "行甲": "走到", "喙唇": "嘴唇", "无公开": "没公开", "欲到": "要到", "欲处理": "要处理", "矣": "了",
    "足矣": "足矣", "若是": "要是", "啥物": "什么", "拍电话": "打电话",
    "欲拍": "要打", "早前": "以前", "十外个": "十多个", "规暝": "整晚",
    "袂输": "好像", "读册": "读书", "敢若": "好像", "囡仔": "小孩", "破病": "生病", "咧漏": "在漏", "咧动": "在动",
    "无咧动": "没在动", "咧耍": "在玩", "咧哭": "在哭", "咧烧": "在烧", "咧冒": "在冒", "无人顾": "没人照顾",
    "足深": "很深", "足危险": "很危险", "足臭": "很臭", "足重": "很重", "无大人": "没大人", "边仔": "旁边",
    # 孩儿 is 孩子 in the north and west (孩儿锁车里), as 女孩儿 is 女孩子
    "孩儿": "孩子", "小妮儿": "小女孩", "小妮子": "小女孩",
    # Xinjiang 巴郎子, a boy; northern 抽抽 of a child, convulsions; the northeast's 草爬子, a tick
    "巴郎子": "小男孩", "孩子抽抽": "孩子抽搐", "都抽抽了": "都抽搐了", "抽抽起来": "抽搐起来", "草爬子": "蜱虫",
    # Cantonese drunk (饮醉), next door (隔离屋企), the whole stairwell (成个楼梯), a baby (BB)
    "饮醉": "喝醉", "隔离屋企": "隔壁家", "隔离屋": "隔壁屋", "成个楼梯": "整个楼梯", "成栋楼": "整栋楼",
    "都系": "都是", "个bb": "个宝宝", "bb仔": "宝宝", "bb女": "宝宝",
    # Wu 汏浴间 (the bathroom), 滑跤 (a slip and a fall), 小囡 (a child), 里向 (inside); Cantonese 企喺 (standing
    # in), 唔敢郁 (dare not move), 喊紧 (crying: 喊 is to cry), 俾车 (by a car), 嚿 (a lump), 唔关 (no concern of);
    # Hokkien 倒落去 (fell down)
    "汏浴间": "卫生间", "汏浴": "洗澡", "滑跤": "滑倒", "小囡": "小孩", "企喺": "站在", "唔敢郁": "不敢动",
    "喊紧": "在哭", "俾车": "被车", "嚿": "块", "里向": "里面", "倒落去": "倒下去", "唔关": "不关",
    # Hakka: 涯 (for 𠊎) is 我, but not the shore of 天涯 or 生涯; 暗晡 is evening, 转屋下 going home
    "涯": "我", "天涯": "天涯", "生涯": "生涯", "无涯": "无涯", "涯际": "涯际", "暗晡": "晚上", "转屋下": "回家",
    # Cantonese smoke at a door (门罅, 㶶味 after the table), a knock (拍门), beaten all the time (成日畀…打);
    # and 电悌 and 电体, typed for 电梯
    "门罅": "门缝", "㶶味": "焦味", "拍门": "敲门", "成日畀": "整天被", "电悌": "电梯", "电体里": "电梯里",
    # Xiang (Hunan): 哒 after a verb is 了 (摔哒, 倒哒), but not in the internet's 么么哒 or a sound
    "哒": "了", "么么哒": "么么哒", "萌萌哒": "萌萌哒", "美美哒": "美美哒", "棒棒哒": "棒棒哒",
    "哒哒": "哒哒", "哒哒哒": "哒哒哒",
    "么子": "什么", "恰饭": "吃饭", "细伢子": "小孩", "伢子": "小孩", "伢崽": "小孩", "妹陀": "小女孩",
    "侠侠": "小孩",  # Hefei
    "娭毑": "奶奶", "嗲嗲": "爷爷", "堂客": "老婆", "伢": "小孩",  # (Wuhan 伢 alone, too)
    # the northeast
    "嘎哈": "干啥", "咋整": "怎么办",
    # the northwest (Lanzhou, Xining): 嫑 is 不要
    "嫑": "不要", "尕娃": "小孩", "碎娃": "小孩", "阿么了": "怎么了", "阿么": "怎么",
    # Hainan: 无 for 没 after the words it follows in Mandarin too (还无, 都无) or before a verb's ending
    "做么": "干什么", "伯爹": "爷爷", "鲁们": "你们", "无出来": "没出来", "关无住": "关不住", "关无上": "关不上",
    "无送来": "没送来", "无人来": "没人来", "还无来": "还没来", "还无": "还没", "又无了": "又没了", "都无人": "都没人",
    # Teochew and Hainan: not back (到今无返, 就无回来), no breath, nobody answers
    "无返来": "没回来", "无返": "没回来", "无回来": "没回来", "无呼吸": "没呼吸", "无人应": "没人应",
    # 咯 after a verb is 了 in Guangxi, Hunan and Sichuan (倒咯, 修好咯), but not a sound or coughing blood
    "咯": "了", "咯吱": "咯吱", "咯咯": "咯咯", "咯噔": "咯噔", "咯血": "咯血", "咯嘣": "咯嘣", "咯痰": "咯痰",
    "xswl": "笑死我了", "yyds": "永远的神",  # internet shorthand, in no English word
    # Hokkien and Min Dong 拍 is 打 where people fight (相拍, 拍起来), not a photograph (拍起来好看)
    "相拍": "打架", "拍起来": "打起来", "拍起来好": "拍起来好", "拍起来很": "拍起来很", "拍起来真": "拍起来真",
    "拍起来的": "拍起来的", "拍起来蛮": "拍起来蛮", "拍起来挺": "拍起来挺",
    # Hokkien: still at it (犹咧), the knee (also Cantonese), lost from sight, a pool, flies, only, women and men,
    # now, oneself, or, so, gone sour, down (跋落 a fall; 落去 as Cantonese 落来), foaming at the mouth
    "犹咧": "还在", "膝头": "膝盖", "无看着": "不见", "水窟仔": "水坑", "水窟": "水坑", "胡蝇": "苍蝇",
    "干焦": "只有", "查某囝": "女儿", "查某孙": "孙女", "查某囡仔": "小女孩", "查某囝仔": "小女孩",
    "查某小孩": "小女孩", "查某": "女人", "查埔": "男人", "这马": "现在", "家己": "自己", "抑是": "还是",
    "按呢": "这样", "臭酸": "发臭", "跋落去": "摔下去", "跋落": "摔下", "跋倒": "摔倒", "落去": "下去",
    "吐白泡": "吐白沫", "细人仔": "小孩", "细人子": "小孩", "细人": "小孩",  # (Hakka, a child)
    # Min Dong (Fuzhou): a child, a man, a woman, the old, today, tomorrow
    "伲囝": "小孩", "丈夫侬": "男人", "诸娘侬": "女人", "老侬": "老人", "今旦": "今天", "明旦": "明天",
    # Wu: none at all, a matter, supper; Hakka: I (𠊎), what, morning, afternoon, last year
    "呒没": "没有", "事体": "事情", "夜饭": "晚饭", "𠊎": "我", "么个": "什么", "上昼": "上午", "下昼": "下午",
    "旧年": "去年",
    # Hokkien 拍我 is 打我 (食醉了拍我), but not a photograph or a pat (拍我家, 拍我照片, 拍拍我, 拍我肩膀)
    "拍我": "打我", "拍我家": "拍我家", "拍我们": "拍我们", "拍我的": "拍我的", "拍我照": "拍我照", "拍拍我": "拍拍我",
    "拍我肩": "拍我肩", "拍我一张": "拍我一张", "食醉": "喝醉", "食酒": "喝酒",  # (Hokkien and Hakka: drunk, drink)
    "拍老婆": "打老婆", "拍伊老婆": "打他老婆", "拍查某": "打女人",
    # Wu 小人 is a child (小人爬到窗台上), not a villain, a comic or a nobody; Wenzhou 否 is 不 before 过气
    "小人": "小孩", "小人书": "小人书", "小人得志": "小人得志", "小人国": "小人国", "小人物": "小人物",
    "卑鄙小人": "卑鄙小人", "犯小人": "犯小人", "防小人": "防小人", "真小人": "真小人",
    "见小人": "见小人", "看见小人": "看见小人", "看到小人": "看到小人",  # (the visions of a poisonous mushroom)
    "喘否过": "喘不过", "透否过": "透不过",
    # Cantonese and Hakka 企 is to stand (企唔稳, can't stand steady); Hokkien 厝瓦 roof tiles, 足济 very many,
    # 今仔日 today, 头壳 the head (as Sichuan 脑壳: 屋头 is a house); 消防道, the fire lane, as most write it
    "企唔稳": "站不稳", "企都企唔稳": "站都站不稳", "企唔住": "站不住", "厝瓦": "瓦片", "足济": "很多",
    "今仔日": "今天", "头壳": "脑壳", "消防道": "消防通道", "规个": "整个",
    # Hokkien and Teochew: whole (规个), the typhoon (风台), a child (孥囝), a window (窗仔), home (到厝, 转厝), and
    # 无 before a verb of coming back, answering or being there (到今无转, 电话也无接, 无伫咧), as 无返 is (not
    # 通知无转, a notice not passed on)
    "风台": "台风", "孥囝": "小孩", "窗仔": "窗", "到厝": "到家", "无到厝": "没到家", "转厝": "回家", "返厝": "回家",
    "回厝": "回家", "今无转": "今没回", "还无转": "还没回", "无转来": "没回来", "无接": "没接", "无接触": "无接触",
    "无伫咧": "不在", "无伫": "不在", "无在": "不在",  # (大人拢无伫咧: nobody grown-up there)
    "我囝": "我孩子", "伊囝": "他孩子",  # (Hokkien: my child, as 阮囝)
    "细侬仔": "小孩", "侬仔": "小孩", "个侬仔": "个小孩", "有侬仔": "有小孩",  # (Hainanese and Gao-Yang Yue: a child;
    # before Fuzhou 个侬, 有侬: a person)
    # toneless pinyin typed for want of a Chinese keyboard (dian ti guan le ren, kuai lai): the words of a matter or an
    # alarm, long enough to be no English word (not ranqi: nearanqing)
    "dianti": "电梯", "guanleren": "关了人", "guanren": "关人", "kunzhu": "困住", "kunzai": "困在", "kuailai": "快来",
    "jiuming": "救命", "zhaohuole": "着火了", "zhaohuo": "着火", "qihuo": "起火", "maoyan": "冒烟", "loushui": "漏水",
    "tingshui": "停水", "tingdian": "停电", "louqi": "漏气", "huaile": "坏了", "xiexie": "谢谢",
    "一阵落水": "一阵下雨",  # (Hakka and Cantonese 落水 is rain: 一阵日头一阵落水, now sun, now rain)
    "边边上": "边上", "边边": "边上",  # (southern and southwestern: at the edge, 楼顶边边)
    # Cantonese and Gou-lou Yue: 郁 is to move (唔郁, 冇郁得, 行唔郁), 冇 for 唔 in 讲冇清 冇认; a little boy or girl
    # (细仔, 细妹仔); 出紧 (giving off now), 浮住 (floating), 口歪, 打起上嚟 (fighting), 唔俾我 (won't let me),
    # 畀 for 被 (畀电电住, 畀人打); 入水 where water comes in (not 收入水平); 原来系, 烧衣纸; Teochew 底块 (where);
    # 食 for 吃 of pills (食错药, 食药走; not 食药监局)
    "唔郁": "不动", "冇郁": "没动", "唔郁得": "动不了", "冇郁得": "动不了", "行唔郁": "走不动", "拎唔郁": "拎不动",
    "讲冇清": "讲不清", "说冇清": "说不清", "冇认": "不认", "细仔": "小孩", "细蚊仔": "小孩", "细妹仔": "小女孩",
    "细妹子": "小女孩", "细妹": "小女孩", "出紧烟": "在冒烟", "出紧黑烟": "在冒黑烟", "出紧浓烟": "在冒浓烟",
    "出紧": "在出",
    "浮住": "浮着", "口歪": "嘴歪", "起上嚟": "起来", "起上来": "起来", "唔俾我": "不让我", "冇俾我": "不让我",
    "畀电": "被电", "畀人打": "被人打", "畀人偷": "被人偷", "畀车撞": "被车撞", "畀狗咬": "被狗咬",
    "入水了": "进水了", "已经入水": "已经进水", "都入水": "都进水", "屋入水": "屋进水", "就入水": "就进水",
    "原来系": "原来是", "烧衣纸": "烧纸", "底块": "哪里", "食错药": "吃错药", "食错": "吃错", "食药": "吃药",
    "食药监": "食药监", "脸青青": "脸发青", "躺住": "躺着", "瞓住": "睡着",
    # Cantonese and Hakka 仲有 (still), 寻 for 找 where one looks for someone (寻到, 到处寻), 转屋 (home), 入屋 (into
    # the house), 火烛 (a fire; 小心火烛 a warning of one), 鼻鼾 (a snore), 晕去 (fainted; not 头晕去卫生站, dizzy
    # and went), 卷入去, 出好多血; Hakka 偃 for 𠊎 (not 偃旗息鼓); Min 无见 无回 无知哪 (not, of going missing and
    # knowing), 乌烟 (black smoke; not 乌烟瘴气)
    "仲有": "还有", "寻到": "找到", "到处寻": "到处找", "寻唔到": "找不到", "寻冇到": "找不到",
    "转屋": "回家", "入屋": "进屋", "渗水入屋": "渗水到屋里", "漏水入屋": "漏水到屋里", "火烛": "着火",
    "打鼻鼾": "打鼾", "鼻鼾": "鼾", "晕去": "晕过去",
    "头晕去": "头晕去", "爬唔起身": "爬不起来", "起唔到身": "起不来",
    "卷入去": "卷进去", "出好多血": "流好多血", "偃": "我", "偃旗息鼓": "偃旗息鼓", "偃卧": "偃卧",
    "无见了": "不见了", "无回": "没回", "无知哪": "不知哪", "无知找": "不知找", "无知干": "不知干", "都无知": "都不知",
    "乌烟": "黑烟", "乌烟瘴气": "乌烟瘴气",
    # Cantonese: choking (哽亲), no breath (唔透得气), all the way in (入晒水, 浸晒, 漫晒入), soaking now (浸紧), a clip
    # (条片), a slope giving way (崩落嚟); 天都乌了 is dark already (not 出唔到: 塞到出唔到 is traffic)
    "哽亲": "噎到", "哽住": "噎住", "唔透得气": "透不过气", "冇透得气": "透不过气", "入晒水": "全进水",
    "浸晒": "全浸了", "漫晒入": "漫进", "浸紧": "在浸", "条片": "视频", "崩落嚟": "塌下来",
    "崩落来": "塌下来", "天都乌了": "天都黑了",
    # Min Dong (Fuzhou): 侬 is a person after the words that count or name one (有侬, 毛侬, 一个侬, 被侬), not Wu's
    # 侬 for you (侬好, 谢谢侬); 毛 is 没 before coming back, being seen or answering (毛转来, 毛侬应), not hair
    # (毛病, 金毛, 毛坯); 依公 依嬷 依伯 are 阿公 阿嬷 阿伯 (not 依公司 依公告: by the company, by the notice)
    "有侬": "有人", "无侬": "没人", "毛侬": "没人", "个侬": "个人", "死侬": "死人", "被侬": "被人", "骂侬": "骂人",
    "吓侬": "吓人", "救侬": "救人", "咬侬": "咬人", "别侬": "别人", "理侬": "理人", "外地侬": "外地人",
    "讨海侬": "讨海人", "毛回来": "没回来", "毛回家": "没回家", "毛转来": "没回来", "毛转厝": "没回家", "毛转": "没回",
    "毛见到": "没见到", "毛看到": "没看到", "毛看见": "没看见", "毛人": "没人", "毛大人": "没大人", "毛动": "没动",
    "毛浮": "没浮", "毛通知": "没通知", "毛接": "没接", "毛应": "没应", "毛公开": "没公开", "毛公布": "没公布",
    "依公": "阿公", "依公司": "依公司", "依公告": "依公告", "依公开": "依公开", "依公平": "依公平", "依公安": "依公安",
    "依公式": "依公式", "依嬷": "阿嬷", "依伯": "阿伯", "依姆": "阿姆", "依妈": "阿妈", "依爸": "阿爸",
}
_cantonese = ahocorasick_rs.AhoCorasick(list(CANTONESE), matchkind=ahocorasick_rs.MatchKind.LeftmostLongest)
_MANDARIN = list(CANTONESE.values())  # by the automaton's index
_lock = threading.Lock()
_table: dict[int, int | str | None] | None = None
_DROP_CATEGORIES = frozenset({"Mn", "Me", "Cf", "Cc", "Zs", "Zl", "Zp", "Cs", "Co"})
_CJK = ((0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF), (0x20000, 0x2A6DF))
_COMMON = ((0x0000, 0x00FF), (0x3000, 0x303F), (0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xFF00, 0xFFEF))


def _build() -> dict[int, int | str | None]:
    table: dict[int, int | str | None] = {}
    for lo, hi in _COMMON:
        table.update((cp, cp) for cp in range(lo, hi + 1))
    folded: dict[int, str] = {}
    for cp in range(sys.maxunicode + 1):
        ch = chr(cp)
        cat = unicodedata.category(ch)
        if cat == "Cn":
            continue
        if cat in _DROP_CATEGORIES or ch.isspace():  # spaces, zero-width, bidi controls, combining marks
            if cat != "Co" or cp <= 0xFFFF:  # the 131k supplementary private-use points would cost 30 MiB
                table[cp] = None
            continue
        out = "".join(c for c in unicodedata.normalize("NFKC", ch)
                      if unicodedata.category(c) not in _DROP_CATEGORIES and not c.isspace()).lower()
        if out != ch:
            folded[cp] = out
    # traditional -> simplified, character by character, from OpenCC's tables (one call for all)
    cjk = [cp for lo, hi in _CJK for cp in range(lo, hi + 1)]
    sources = [folded.get(cp, chr(cp)) for cp in cjk]
    simplified = opencc.OpenCC("t2s").convert("\n".join(sources)).split("\n")
    for cp, before, after in zip(cjk, sources, simplified, strict=True):
        if after != before:
            folded[cp] = after
    # 著 stays 著 in OpenCC's character table (著名), but residents mean 着 in 着火, 闻着, 睡不着: keywords
    # and reports meet in this normal form, so one spelling serves both
    folded[ord("著")] = "着"
    for cp, out in folded.items():
        table[cp] = out
    return table


def table() -> dict[int, int | str | None]:
    """Return the translation table (built on first use, about 0.3 s, then shared)."""
    global _table
    if _table is None:
        with _lock:
            if _table is None:
                _table = _build()
    return _table


def normalize(text: str) -> str:
    """Return ``text`` in the form keywords are matched in.

    Full-width forms become half-width (NFKC), traditional characters simplified, letters lower case;
    white space, zero-width and control characters and combining marks are removed (they only hide
    words from a keyword).

    >>> normalize("３號樓 電梯ＡＢ")
    '3号楼电梯ab'
    >>> normalize("著火了")
    '着火了'
    >>> normalize("细路仔爬出窗台外面，屋企冇大人")  # Cantonese words in Mandarin
    '小孩爬出窗台外面,家没大人'
    >>> normalize("伢子摔哒 么么哒")  # Xiang 哒 is 了, the internet's 么么哒 stays
    '小孩摔了么么哒'
    """
    out = text.translate(table())
    found = _cantonese.find_matches_as_indexes(out)
    if not found:
        return out
    parts, last = [], 0
    for index, start, end in found:
        parts += [out[last:start], _MANDARIN[index]]
        last = end
    parts.append(out[last:])
    return "".join(parts)


# white space between two words of two characters or more (周末也打 孩子还要上网课), and a mark that keeps its place
_PARTING = re.compile(r"(?<=\S\S)\s+(?=\S\S)")
_MARK = "\u3013"  # 〓: survives the table


def parted(text: str, normal: str | None = None) -> frozenset[int]:
    """Return where, in ``normalize(text)`` (``normal``, when the caller has it already), white space parted two
    words of two characters or more: no alarm is to be read from inside one of them into the next (周末也打 孩子 is
    not 打孩子), while 电 梯 坏 了 is only spaced out.

    >>> sorted(parted("周末也打 孩子还要上网课")), parted("电 梯 坏 了"), parted("着火了")
    ([4], frozenset(), frozenset())
    >>> sorted(parted("周末也打\\u3000孩子还要上网课")), sorted(parted("周末也打\\n孩子"))  # any white space parts
    ([4], [4])
    """
    # (no white space at all, seen first and quickly: of white space, a printable text holds only the plain space)
    if (text.isprintable() and " " not in text) or not _PARTING.search(text) or _MARK in text:
        return frozenset()
    marked = normalize(_PARTING.sub(_MARK, text))
    places, shift = [], 0
    for i, ch in enumerate(marked):
        if ch == _MARK:
            places.append(i - shift)
            shift += 1
    same = marked.replace(_MARK, "") == (normalize(text) if normal is None else normal)
    return frozenset(places) if same else frozenset()


# An alarm's word said as a figure of speech: a simile (红得跟火烧一样), what one feels (热得我都要着火了, 卡得要爆炸,
# 心脏病都要犯了, 气得我血压…) or a price (跳楼价). Its words are masked before the rules, the gate and the model look,
# so they neither raise an emergency nor name a matter; what else the message says still counts (热得要冒烟，空调又坏了
# is a report).
_ALARMS = ("着火", "着了火", "火烧", "烧起来", "起火", "冒烟", "冒火", "爆炸", "要炸", "炸了", "炸开", "炸锅", "地震",
           "塌了", "出人命", "杀人", "跳楼", "心脏病", "心梗", "脑溢血", "休克", "裂开", "血压", "吐血", "心脏骤停",
           "叫救护车")
_ALARM = f"({'|'.join(_ALARMS)})"
_FIGURES = re.compile(
    rf"(跟|像|好像|好比|如同|赛过)[^,.!?~。\s]{{0,4}}{_ALARM}[^,.!?~。\s]{{0,2}}(一样|一般|似的)"
    rf"|(热|急|气|烦|卡|吵|渴|累|闷|愁|慌|馋|晒|辣|堵|挤|忙|差|亏|输|惨|看|吃|等|饿|写|做|学|练|改|背|考)(得来|得|的|哩|甲)[我他她俺]?(嘴里|嘴巴|嘴|心里|嗓子|喉咙|胃里|肚子里|脸上|头上|头顶|头那|脑门|脑瓜顶|脑瓜子|脑瓜|脑壳|脑袋|脑子)?[我他她俺人都快要想直简肺肝胆头脑欲]{{0,4}}{_ALARM}"
    rf"|(热|炎|急|气|嬲|烦|渴|累|闷|愁|晒|辣|挤|忙|催|难吃|好吃|好看|好玩|好听|香|甜|爽|笑|丑|撑|饿)到[我他她俺佢]?们?(嘴里|嘴巴|嘴|心里|嗓子|喉咙|胃里|个胃|胃|肚子里|头顶|头那|头|脑壳|脑袋|整个人|全身|浑身)?"
    rf"[我他她俺佢人都快要想直简]{{0,4}}{_ALARM}"
    r"|(心脏病|心梗|高血压|血压|脑溢血)[^,.!?。]{0,2}(都要|都快|快要|差点|都|要|就|直接)(犯|飙|上来|爆表)"
    r"(了?(都|就)?(要|快|快要|都要)晕(过去|倒)?了?)?"  # (血压就上来了要晕过去了: the faint of the same figure)
    r"|地球(都)?(要|快|快要)(烧起来|着火|爆炸|炸)了?"
    r"|(?<=热)[^.!?。\s]{0,8}(地下|地面|地上|马路|路面|柏油路)(都|快)?(要)?(冒烟|着火|烧起来)了?|跳楼(价|甩卖|大甩卖|大减价|清仓|机)|炸裂了?(家人们|兄弟们|姐妹们|好吗)|(快|都快|差点)被[他她它](给)?(淹|炸)了"
    r"|[我他她](就|都|快|真的)?要(爆炸|炸)了|[我他她佢](就|都|快)要?爆炸|(气|快被.{0,6}气)炸了?|(香|美|帅|萌|甜)晕(过去|了)?|心态(都|直接|彻底|全)?(爆炸|炸了|崩了)"
    r"|(差点|快|都快|快要)(饿|累|热|晒|吓|困)晕(过去|了)?|差点(儿)?没?(晕|昏)过去"
    r"|(累|热|饿|困|晒|忙|渴|吵|气|烦)(得|的)[我俺人]?(都)?(要|快|快要)晕(倒|过去)?了?|(差点|快|都快)?(把我|把人)?(气|急|吓)出(心脏病|高血压|脑溢血)(来)?"
    r"|(手机|脑子|脑袋|头)(都|快|就|真的)?要(爆炸|炸)了|(要|快|快要|都要)被[^，。,.!?]{0,6}气(晕|昏)(过去|了)?"
    r"|(跟|像|好像)被人?捅了一刀|人都(要|快)(着火|冒烟|烧起来|炸)了"
    r"|(还|我|仲|头先|刚才|刚刚)以为(是)?[^,.!?。\s]{0,4}(爆炸|地震|着火|炸)了?|(服务器|代码|系统|线上|项目)[^,.!?。\s]{0,3}(又)?(着火|炸)了"
    # 站一下就冒烟: the heat (a moment outside and one smokes)
    r"|(站|晒|走|待|坐|出去)(一下|一会儿?|几分钟|两分钟)就(要)?(冒烟|着火|烧起来|熟了)"
    # 心里一直在冒火: anger (only words of how long or how much between, not 心里慌楼下冒火)
    r"|(心里|心头|心中|心口|肚子里|一肚子)(一直|都|直|在|正|总|老|又|就|快|要|也|还)*(冒火|着火|起火|冒烟)"
    r"|(跟|像|好像|好比)(刀子|刀)(似的|一样|一般|割|刮)"  # 风刮脸上跟刀子似的: a cold wind, no knife
    r"|(跟|像|好像|好比)(个)?(火灾|车祸|爆炸|凶案|案发)现场"  # 烧的菜像火灾现场: a cook's mess
    r"|(今天|日头|天气|热)[^,.!?。\s]{0,3}烧甲欲?(冒烟|着火)"  # Hokkien 今仔日烧甲欲冒烟: hot, not on fire
    # 哭得楼都要塌了: a figure, its crying (or 吵, noise) still said
    r"|(?<=[哭吵笑闹叫喊][得到])[^,.!?。\s]{0,4}(楼|楼板|房子|屋顶|房顶|天)[^,.!?。\s]{0,2}(都|快|要){1,2}塌了")
# every figure names an alarm word, or 炸, 晕, 淹, 捅, 刀 or 现场 (气炸了, 香晕, 快被他淹了, 像被捅了一刀,
# 像火灾现场): one automaton pass leaves the regular expression to the few texts that do
_FIGURE_HINTS = ahocorasick_rs.AhoCorasick([*_ALARMS, "炸", "晕", "淹", "捅", "刀", "现场"])


def unsaid(norm: str) -> str:
    """Return the normalised text ``norm`` with its figures of speech masked (``※``, same length).

    >>> unsaid("晚霞红得跟火烧一样")
    '晚霞红得※※※※※'
    >>> unsaid("热得我都要着火了,空调坏了")
    '※※※※※※※了,空调坏了'
    >>> unsaid("辣得嘴里冒火"), unsaid("今天热到要冒烟了"), unsaid("看到要冒烟了")
    ('※※※※※※', '今天※※※※※了', '看到要冒烟了')
    >>> unsaid("今天热哩冒烟"), unsaid("热得来人要冒烟了")  # Henan 哩 and Wu 得来 for 得
    ('今天※※※※', '※※※※※※※了')
    >>> unsaid("累得我要晕倒了,加班到十点"), unsaid("我妈晕倒了")
    ('※※※※※※※,加班到十点', '我妈晕倒了')
    >>> unsaid("听说我辞职了差点没晕过去哈哈"), unsaid("老人在路上差点晕倒")  # an idiom; a near fall, said plainly
    ('听说我辞职了※※※※※※哈哈', '老人在路上差点晕倒')
    >>> unsaid("这娃哭得楼都要塌了"), unsaid("三楼塌了")  # crying still said, the building's fall a figure
    ('这娃哭得※※※※※', '三楼塌了')
    >>> unsaid("金柑园里站一下就冒烟"), unsaid("电瓶车充了一下就冒烟")  # the heat; a battery
    ('金柑园里※※※※※※', '电瓶车充了一下就冒烟')
    >>> unsaid("我心里一直在冒火 孩子又没考好"), unsaid("我心里慌楼下冒火了")  # anger; fear beside a fire
    ('我※※※※※※※ 孩子又没考好', '我心里慌楼下冒火了')
    """
    if not _FIGURE_HINTS.find_matches_as_indexes(norm):
        return norm
    return _FIGURES.sub(lambda m: "※" * len(m.group(0)), norm)


MIN_HAN = 2  # Chinese characters a text needs to be read as Chinese
_PINYIN = re.compile(r"(?:(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?(?:iang|iong|uang|ueng|ang|eng|ing|ong|uai|uan|ian|iao|"
                     r"ai|ei|ao|ou|an|en|in|un|ia|ie|iu|ua|uo|ue|ui|ve|er|a|o|e|i|u|v))+")
_LATIN = re.compile(r"[a-z]+")
_HAN = re.compile("[\u3400-\u9fff]")
_HAN_ENOUGH = re.compile("[\u3400-\u9fff]" + "[^\u3400-\u9fff]*[\u3400-\u9fff]" * (MIN_HAN - 1))


def english(text: str, norm: str) -> bool:
    """Return whether ``text`` (``norm``, normalised) is English with at most a Chinese word or two in it: at least
    four English words, and more of them than Chinese characters (the lift in 4号楼 has been out of order since
    Monday). A model's emergency head, learnt from Chinese messages, does not judge such a text.

    >>> english("when will the 燃气 be reconnected? they cut it", "whenwillthe燃气bereconnected?theycutit")
    True
    >>> english("3号楼lift坏了", "3号楼lift坏了"), english("ting dian le", "tingdianle")
    (False, False)
    """
    words = _LATIN.findall(text.lower())
    many = sum(1 for w in words if not _PINYIN.fullmatch(w))
    return many >= 4 and many > len(_HAN.findall(norm))


def extent(norm: str) -> int:
    """Return how long the normalised English text ``norm`` is, in Chinese characters: English (:func:`english`)
    says in about four letters what Chinese says in one, so its letters count a quarter (a model judges texts as long
    as those it learnt from, whatever their language; pinyin and anything else count as they are).

    >>> extent("theliftisbrokenagain"), extent("the3号楼liftisbroken")
    (5, 7)
    """
    letters = sum(1 for c in norm if c.isascii() and c.isalpha())
    return len(norm) - letters + (letters + 3) // 4


def chinese(text: str, norm: str) -> bool:
    """Return whether ``text`` (``norm``, normalised) is Chinese as a model learnt it: at least :data:`MIN_HAN`
    Chinese characters, or pinyin; a model of Chinese reports does not judge English or another script's letters (it
    would give one of its labels to anything).

    >>> chinese("电梯坏了", "电梯坏了"), chinese("ting dian le", "tingdianle")
    (True, True)
    >>> chinese("The lift is broken", "theliftisbroken"), chinese("hi", "hi"), chinese("Сайн уу", "сайнуу")
    (False, True, False)
    """
    if _HAN_ENOUGH.search(norm):
        return True
    words = _LATIN.findall(text.lower())
    if not words and not _HAN.search(norm) and any(c.isalpha() for c in norm):
        return False  # letters of another script (Cyrillic, Arabic, Tibetan): nothing a model of Chinese learnt
    english = sum(1 for w in words if not _PINYIN.fullmatch(w))
    return english < 2 and english <= len(words) // 3
