"""Every category of the default rulebook routes a resident's plain report to itself.

The sentences are written for this test (not taken from any evaluation data): short, colloquial,
the way residents type into the community chat. A new category without an example here fails
``test_every_category_has_an_example``.
"""

from __future__ import annotations

import pytest

from rules import Router, load_rulebook

EXAMPLES: dict[str, list[str]] = {
    # 紧急事项
    "fire": ["5号楼三楼着火了，窗户往外冒烟", "楼下垃圾堆烧起来了"],
    "people_trapped": ["电梯困人了，里面有个小孩出不来", "有人被困在地下室里出不来"],
    "missing_person": ["我家老人下午出门到现在还没回来", "小孩在广场走丢了"],
    "violence": ["小区门口有人打架，打得很凶", "有个醉汉拿着刀在楼下乱晃"],
    "collapse": ["旧楼的阳台塌下来了", "工地围墙倒塌，压住了路边的车"],
    "medical_emergency": ["有个老人在楼道里晕倒了", "邻居突然抽搐口吐白沫"],
    "electric_hazard": ["楼下电线断了掉在地上", "配电箱冒火花"],
    "flooding": ["地下车库进水了，越来越深", "暴雨倒灌，一楼住户家里被淹"],
    "suicide_risk": ["有个年轻人坐在天台边上说不想活了"],
    "death_found": ["小区后面的水沟里发现一个死人，趴着一动不动", "五楼独居的大爷死在家里好几天了才被发现"],
    "fire_lane_blocked": ["消防通道被杂物堵死了", "好几辆车停在消防车道上"],
    "fraud": ["有人冒充社区工作人员上门收钱", "我妈接了个电话被骗走两万块"],
    # 房屋、设施与公用事业
    "water_leak": ["楼上卫生间漏水，我家天花板都湿了", "下雨天屋顶漏雨，墙面渗水发黑"],
    "lift_fault": ["3号楼电梯又坏了，老人上不了楼", "电梯门关不上，一直开开关关"],
    "water_outage": ["我们小区从早上开始停水，到现在还没来水", "自来水发黄，水压也很低"],
    "power_outage": ["整栋楼突然停电了，冰箱里的东西都要坏了", "家里电压不稳，老是跳闸"],
    "gas_leak": ["楼道里闻到很浓的煤气味，怕是燃气泄漏了"],
    "gas_supply": ["新房子的天然气一直没通气，燃气公司说要等", "燃气表坏了，充了钱也用不了气"],
    "heating": ["暖气不热，家里室温才十几度", "供暖费交了，暖气片却是凉的"],
    "drains_sewage": ["楼下下水道堵塞，污水都冒出来了", "化粪池满了，污水外溢臭得很"],
    "property_service": ["物业费年年涨，物业服务却越来越差", "业委会一直不公开维修基金怎么用的"],
    "renovation_noise": ["楼上装修每天早上七点就开始用电钻，周末也不停", "隔壁装修砸墙，吵死了"],
    "old_estate_renovation": ["我们是老旧小区，想申请加装电梯", "老房子墙体开裂，想做个房屋鉴定看是不是危房"],
    "rural_housing": ["在自家宅基地上建房，审批手续怎么办", "农村危房改造的补助什么时候发"],
    "construction_quality": ["施工单位偷工减料，新修的楼梯就裂了", "包工头说上面拖欠工程款，工程项目停了"],
    "housing_purchase": ["开发商延期交房一年了，也不给违约金", "买的商品房精装修质量太差，开发商不管"],
    "property_certificate": ["房子买了五年了，房产证还办不下来", "不动产登记要跑好几趟，过户太麻烦"],
    "demolition": ["拆迁补偿标准太低，安置房也迟迟不建", "半夜来强拆，我们的补偿款还没谈好"],
    "urban_planning": ["对面要建高楼，规划公示的楼间距不够，挡住采光", "这块地的控规调整了，容积率比原来高"],
    "rail_infrastructure": ["地铁站什么时候开工建设", "城际铁路的线路能不能经过我们镇"],
    "rural_living_environment": ["美丽乡村建设只刷了墙，村容村貌还是老样子", "农村人居环境整治搞了一半就停了"],
    "housing_security": ["申请公租房两年了还没排到", "想提取住房公积金付房租，手续太复杂"],
    "rubbish": ["小区垃圾桶满了好几天没人清运，垃圾堆得到处都是", "垃圾分类点没人管，保洁也不来打扫"],
    "parking": ["小区车位被外来车辆占用，业主回家没地方停车", "地下车库的停车费又涨了"],
    "road_damage": ["小区门口人行道的地砖全翘起来了", "路上的井盖丢了，晚上走路很危险"],
    "street_lights": ["我们这条街的路灯坏了一个多月，晚上一片漆黑", "小区外面的路灯一到晚上就不亮"],
    "corridor_lights": ["楼道灯不亮，老人上下楼摔了一跤", "单元的声控灯坏了"],
    "trees_greening": ["楼前的大树好几年没修剪，树枝都伸到窗户里了", "公园里的绿化带被人毁了种菜"],
    "public_toilet": ["公共厕所脏得没法进", "公厕晚上锁门，附近找不到厕所"],
    "illegal_construction": ["楼顶有人违章搭建了一个彩钢棚", "一楼住户私自扩建院子，占用公共空间"],
    "street_vendors": ["流动摊贩占道经营，堵得车都过不去", "电线杆上到处是小广告，城管也不管"],
    # 社区：治安、调解、福利与公共卫生
    "fire_hazard": ["楼道里堆满了杂物和纸箱", "小区的灭火器都过期了，消防栓也没水"],
    "ebike_charging": ["有人把电动车推进楼道充电，还飞线充电", "电瓶车充电的线从窗户拉下来"],
    "high_rise_littering": ["楼上有人高空抛物，差点砸到人", "有人从阳台往下扔垃圾袋"],
    "stray_dogs": ["小区里流浪狗越来越多，晚上不敢出门", "有人遛狗不牵绳，狗屎到处都是"],
    "group_rental": ["隔壁房子被二房东改成群租房，住了十几个人"],
    "theft_security": ["昨晚楼里好几家被入室盗窃，监控还是坏的", "车棚里的电动车被盗了"],
    "neighbour_dispute": ["邻里纠纷闹了半年，两家见面就吵架", "和邻居矛盾越来越大，想请社区出面"],
    "domestic_violence": ["楼下那家男的经常家暴，老婆被打得不敢出门"],
    "child_safety": ["有小孩掉进水里了", "隔壁有人虐童，孩子天天哭"],
    "children_welfare": ["留守儿童放学后没人照看", "想给困境儿童申请帮扶"],
    "women_rights": ["离婚后前夫一直不给抚养费", "妇联能不能帮我维护妇女权益"],
    "elderly_care": ["楼里有位独居老人生病了，无人照顾", "想给家里老人申请居家养老服务"],
    "subsistence_allowance": ["家里困难想申请低保，要准备什么材料", "残疾证办下来了，残疾人补贴什么时候发"],
    "household_registration": ["孩子明年上学，户口迁移要带什么材料", "身份证丢了，补办身份证去哪里办"],
    "marriage_funeral": ["结婚登记要预约吗，网上一直约不上", "楼下办丧事，灵堂搭了三天，半夜还放哀乐"],
    "pests": ["楼道里蟑螂和老鼠多得吓人", "一楼墙角有白蚁，能不能来灭一下"],
    "fitness_equipment": ["小区的健身器材坏了很久，扶手都断了", "篮球场的篮筐掉了没人修"],
    "community_services": ["开个证明跑了三趟，社区和街道推来推去", "我们楼的楼栋长换了人也没人告诉，现在到底找谁"],
    "community_affairs": ["我的党员组织关系转过来三个月了还没接上", "楼长搬走了，我们这栋没有楼长了"],
    "collective_economy": ["村里的集体分红今年怎么还没发", "集体鱼塘承包到期了，又私下包给了外村人"],
    "oversight": ["街道办事大厅那个干部态度恶劣，办个事还要好处",
                  "门口的事12345打了十几次，每次都说已转办，没人来看过"],
    "culture_sports": ["村里的古建筑被人拆了，文物部门管不管", "图书馆周末能不能延长开放时间"],
    # 环境保护
    "noise_nuisance": ["广场舞音响声音太大，晚上吵得睡不着", "楼下烧烤店油烟大，熏得不敢开窗"],
    "construction_dust": ["旁边夜间施工打桩，整晚睡不着", "渣土车一过满街扬尘"],
    "factory_pollution": ["化工厂偷排污水，环保部门来了几次也没用", "工业园的企业没做环评就开工了"],
    "air_pollution": ["附近工厂排放废气，空气里都是刺鼻的味道", "有人在田里焚烧秸秆，烟熏得睁不开眼"],
    "water_pollution": ["养猪场的污水直接排进河里，河水发黑发臭", "水库里死鱼一片，怀疑有人排废水"],
    "waste_facility": ["在我们村旁边建垃圾填埋场，渗滤液会渗到地下水里"],
    "mining_quarry": ["山上的采石场天天放炮，房子都震裂了", "河道里有人非法采砂"],
    "radiation": ["楼顶装了通信基站，担心有辐射"],
    # 交通运输
    "bus_service": ["12路公交车班次太少，等半小时都等不到", "公交站台没有候车亭，下雨没地方躲"],
    "taxi_ride_hailing": ["出租车司机拒载还绕路", "网约车司机不按导航走"],
    "road_traffic": ["这个路口红绿灯时间太短，老人过不去", "早晚高峰堵车严重，能不能改成单行道"],
    "highways": ["通村公路坑坑洼洼，一下雨就走不了", "村口的危桥什么时候修"],
    "expressway_tolls": ["高速收费站排长队，etc通道也不开", "高速公路服务区的厕所太脏了"],
    "freight_overload": ["国道上超载的大货车太多，路都压坏了", "大货车超限超载，半夜在路上跑"],
    "waterway_transport": ["渡口的渡船太破旧，坐着不放心", "码头建设占了航道"],
    "passenger_transport": ["长途客车超员，客运站也不管", "汽车站到县城的班车太少"],
    "driving_test": ["驾校收了钱一直不安排考科目二", "驾驶证到期换证要跑车管所好几趟"],
    "postal_express": ["快递放在驿站丢件了，没人负责", "邮政包裹一个月还没送到"],
    # 劳动和社会保障
    "wage_arrears": ["干了半年活，老板拖欠工资不给", "包工头跑了，农民工工资没人管"],
    "labour_contract": ["公司不签劳动合同，加班也没有加班费", "被单位无故辞退，想申请劳动仲裁"],
    "social_insurance": ["公司一直没给我们缴社保", "换了城市工作，社保转移怎么办"],
    "pension": ["退休一年了养老金还没发下来", "办理退休要准备什么材料"],
    "enterprise_restructuring": ["厂子改制时买断工龄，现在下岗职工没人管", "大集体企业改制后，职工安置费一直没给"],
    "medical_insurance": ["城乡居民医保今年的缴费标准又提高了", "医保卡丢了怎么补办，异地就医能不能用"],
    "medical_reimbursement": ["在外地住院，医保报销比例太低", "出院时不能即时结算，要自己先垫付再回去报销"],
    "employment": ["失业了想找工作，有没有免费的职业培训", "事业单位招聘的条件定得不合理"],
    "professional_title": ["中级职称评审材料交了半年没消息", "职业资格证书考完了一直不发"],
    # 教育文体
    "school_enrolment": ["明年上一年级，划片学区怎么确定", "随迁子女入学要交哪些证明"],
    "school_fees": ["学校强制订购教辅，还收资料费", "有的在职老师在家里搞有偿补课"],
    "kindergarten": ["附近没有公办幼儿园，民办园太贵了", "幼儿园入园报名排不上"],
    "teachers": ["乡村教师的工资待遇一直没落实", "班主任体罚学生"],
    "school_management": ["学校食堂饭菜太差，学生吃不饱", "高中作业太多，学生每天睡不到六个小时"],
    "higher_education_exams": ["高考志愿填报后录取结果查不到", "自考的毕业证学位证一直没拿到"],
    "training_institutions": ["培训机构突然关门，预交的钱退不了", "辅导班没有办学资质还在招生"],
    # 商贸旅游
    "special_equipment": ["电梯年检过期了还在用，维保公司也不来检查", "公园的游乐设施有安全隐患"],
    "food_safety": ["在餐馆吃饭后全家食物中毒", "超市在卖过期食品"],
    "consumer_rights": ["网购的手机有质量问题，商家不给退货", "买的家具质量太差，售后不管"],
    "prepaid_services": ["健身房办了卡就关门跑路了", "理发店让充值办卡，现在不给退卡"],
    "advertising_ip": ["电梯里的广告夸大宣传，说能包治百病", "店里卖山寨货，冒用别人的商标"],
    "price_gouging": ["物价局能不能管管哄抬物价的商家", "景区周边的饭店乱涨价"],
    "tourism": ["景区门票太贵，导游还强制购物", "旅行社的旅游团行程缩水"],
    "business_licence": ["办营业执照要跑好几个窗口", "个体工商户注销手续太复杂"],
    "markets_shops": ["农贸市场管理混乱，商户乱摆摊位", "菜市场关了，附近买菜很不方便"],
    "commerce_trade": ["农产品卖不出去，能不能帮忙搞农村电商", "发的消费券在哪些商家能用"],
    "controlled_goods": ["液化气站换气要多收钱", "无证的黑加油站在卖劣质成品油"],
    "telecom": ["宽带经常断网，运营商也不来修", "手机信号很差，打电话都听不清"],
    "pyramid_fraud": ["有人在小区里搞传销，拉人头入会", "老人被非法集资骗了钱"],
    # 卫生计生
    "hospital_treatment": ["医院看病排队挂号要等半天", "急诊的医生护士太少，病人等了两个小时"],
    "medical_disputes": ["做完手术出了问题，医院不承认是医疗事故", "医生乱检查，过度医疗"],
    "drugs": ["药店的药价比别处贵很多", "买到假药了，该找谁"],
    "birth_policy": ["生二胎还要办准生证吗", "新生儿的出生医学证明写错了怎么改"],
    "family_planning_benefits": ["独生子女父母奖励什么时候发放", "失独家庭的特别扶助金标准是多少"],
    "vaccination": ["社区什么时候能打流感疫苗", "孩子的预防针接种证丢了怎么补"],
    "community_clinic": ["社区卫生服务中心的家庭医生签约后联系不上", "附近有黑诊所无证行医"],
}


@pytest.fixture(scope="module")
def router() -> Router:
    return Router(load_rulebook())


@pytest.mark.parametrize(
    ("category", "sentence"),
    [pytest.param(cid, s, id=f"{cid}-{i}") for cid, sentences in EXAMPLES.items() for i, s in enumerate(sentences)],
)
def test_sentence_routes_to_its_category(router: Router, category: str, sentence: str) -> None:
    decision = router.route(sentence)
    assert decision.category == category, f"{sentence!r} → {decision.category} (matched {decision.matched})"


def test_every_category_has_an_example(router: Router) -> None:
    missing = [c.id for c in router.rulebook.categories if not EXAMPLES.get(c.id)]
    assert not missing, f"categories without an example sentence: {missing}"


def test_examples_name_only_real_categories(router: Router) -> None:
    unknown = sorted(set(EXAMPLES) - set(router.rulebook.category_by_id))
    assert not unknown, f"examples for categories the rulebook does not have: {unknown}"


def test_examples_are_one_to_three_sentences() -> None:
    assert all(1 <= len(s) <= 3 for s in EXAMPLES.values())


def test_at_least_forty_categories(router: Router) -> None:
    assert len(router.rulebook.categories) >= 40
