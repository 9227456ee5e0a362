#!/usr/bin/env python3
"""Writes the sample progress data of Content/progress/ (indicators.csv, ledger.csv, daily.csv).

Deterministic: a fixed seed and no clock, so running it twice gives the same files. Unit and district
names are read from Content/site.yml so the data always matches the site's lists.

    python3 tools/make-progress-data.py            # writes Content/progress/*.csv
    python3 tools/make-progress-data.py --out DIR  # writes somewhere else
"""

import argparse
import csv
import datetime as dt
import pathlib
import random
import re

SEED = 20261129
ROOT = pathlib.Path(__file__).resolve().parent.parent
START = dt.date(2026, 10, 1)
LAST = dt.date(2026, 11, 28)  # the last day with data; the fixed clock of the tests is 2026-11-29
HARDWARE_UNMET = 8
METHODS = ["材料审核", "实地考察", "问卷调查", "网上申报"]

# The evaluation system: 测评项目 (level 1) → 指标 (level 2) → 测评内容 (level 3).
# Each 指标 lists its lead units (the first is the usual one), its usual methods, the places or
# objects it is checked on, and what is checked there; contents are made by pairing the two, so each
# 指标 gets several concrete lines. `hw` marks 指标 whose contents are facilities (硬件指标).
SYSTEM = [
    ("廉洁高效的政务环境", [
        ("政务公开", ["市委市政府督查室", "市文明办"], "材料审核|网上申报", False,
         ["政府门户网站", "政务服务大厅", "街道便民服务中心"],
         ["公开目录完整、信息更新及时", "办事指南齐全、流程清楚", "设有意见箱并按期回复群众诉求"]),
        ("服务效能", ["市委市政府督查室"], "材料审核|问卷调查", False,
         ["政务服务大厅窗口", "12345 热线", "社区服务站"],
         ["首问负责、限时办结落实到位", "群众满意度达到 90% 以上", "一次性告知制度执行到位"]),
        ("党风廉政建设", ["市委市政府督查室", "市委宣传部"], "材料审核", False,
         ["市直部门", "区县政府", "街道（乡镇）"],
         ["廉政教育常态开展、有记录可查", "作风问题举报渠道公开畅通"]),
        ("便民服务设施", ["市住建局", "城关区政府"], "实地考察", True,
         ["区级政务服务中心", "街道便民服务中心"],
         ["无障碍通道与母婴室配置到位", "自助服务终端覆盖主要事项"]),
    ]),
    ("公正公平的法治环境", [
        ("法治宣传教育", ["市委宣传部", "市文化广电局"], "材料审核|实地考察", False,
         ["社区", "学校", "企业", "农村"],
         ["建有法治宣传栏并定期更新", "“谁执法谁普法”责任落实、活动有记录", "群众法律知识知晓率达标"]),
        ("社会治安", ["市公安局交警支队", "城关区政府"], "问卷调查|材料审核", False,
         ["城市中心区", "城乡结合部", "学校周边"],
         ["群众安全感调查达到要求", "视频监控覆盖重点部位", "治安巡逻防控常态开展"]),
        ("公共法律服务", ["市民政局", "七里河区政府"], "实地考察|网上申报", False,
         ["区县公共法律服务中心", "社区法律服务室"],
         ["法律援助申请渠道便捷", "人民调解组织健全、台账规范"]),
        ("交通秩序", ["市公安局交警支队", "市交通委"], "实地考察", False,
         ["主次干道交叉路口", "学校周边路段", "商业街区"],
         ["机动车礼让斑马线", "行人和非机动车各行其道、不闯红灯", "车辆按位停放、无乱停乱放"]),
    ]),
    ("规范守信的市场环境", [
        ("诚信经营", ["市商务局"], "实地考察|问卷调查", False,
         ["大型商场", "农贸市场", "餐饮街区"],
         ["明码标价、计量准确", "诚信经营承诺公示上墙", "消费投诉处理及时"]),
        ("食品药品安全", ["市卫生计生委", "市商务局"], "实地考察|材料审核", False,
         ["餐饮服务单位", "学校食堂", "药品零售企业"],
         ["“明厨亮灶”落实到位", "从业人员健康证齐全", "索证索票台账完整"]),
        ("市场秩序", ["市城管委", "市商务局"], "实地考察", False,
         ["农贸市场", "批发市场", "夜市"],
         ["划行归市、摊位整齐", "无占道经营和出店经营", "垃圾日产日清、卫生整洁"]),
        ("农贸市场设施", ["市商务局", "西固区政府"], "实地考察", True,
         ["标准化农贸市场"],
         ["配建公厕并达到二类以上标准", "设置农残检测室并公示结果"]),
        ("社会信用体系", ["市委市政府督查室", "市商务局"], "网上申报|材料审核", False,
         ["信用信息平台", "市直部门"],
         ["“双公示”信息按时报送", "守信激励和失信惩戒措施落实"]),
    ]),
    ("健康向上的人文环境", [
        ("社会主义核心价值观宣传", ["市委宣传部", "市文明办"], "实地考察|问卷调查", False,
         ["主次干道", "公园广场", "车站及公交站台", "建筑工地围挡"],
         ["公益广告数量达标、画面完好", "核心价值观宣传氛围浓厚", "市民对核心价值观知晓率达标"]),
        ("公共文化服务", ["市文化广电局"], "实地考察|材料审核", False,
         ["市级图书馆", "文化馆", "社区综合文化服务中心"],
         ["免费开放并公示开放时间", "每月开展群众文化活动"]),
        ("志愿服务", ["团市委", "市文明办"], "网上申报|实地考察", False,
         ["社区志愿服务站", "窗口单位", "志愿服务信息系统"],
         ["注册志愿者占常住人口比例达标", "志愿服务项目常态运行、有记录", "学雷锋志愿服务站设置规范"]),
        ("公共文明行为", ["市文明办", "市交通委"], "实地考察", False,
         ["公交车站", "窗口单位", "旅游景区", "医院"],
         ["文明排队、不大声喧哗", "无随地吐痰和乱扔杂物", "服务人员文明用语、热情周到"]),
        ("文化设施建设", ["市文化广电局", "安宁区政府"], "实地考察", True,
         ["区级文化馆", "社区文化广场"],
         ["建筑面积和功能分区达到标准", "配备无障碍设施和应急疏散标识"]),
        ("道德模范宣传", ["市委宣传部", "市文明办"], "材料审核|网上申报", False,
         ["道德模范评选", "“好人榜”发布", "主流媒体专栏"],
         ["定期开展并公开结果", "宣传报道有计划、有数量"]),
    ]),
    ("安居乐业的生活环境", [
        ("市容环境", ["市城管委", "城关区政府", "七里河区政府"], "实地考察", False,
         ["主次干道", "背街小巷", "城乡结合部", "居民小区"],
         ["路面洁净、无垃圾堆积", "无乱贴乱画、乱挂乱晒", "无乱搭乱建、乱堆乱放", "沿街门店门前三包落实"]),
        ("公共交通", ["市交通委"], "实地考察|问卷调查", False,
         ["公交车辆", "出租汽车", "公交站台"],
         ["车容车貌整洁、服务规范", "站牌信息准确、候车设施完好", "群众出行满意度达标"]),
        ("公共设施", ["市住建局", "市城管委"], "实地考察", True,
         ["城市公厕", "停车场", "过街设施"],
         ["数量和布局达到规划要求", "无障碍设施配建到位", "标识清楚、维护及时"]),
        ("社区服务", ["市民政局", "安宁区政府", "红古区政府"], "实地考察|问卷调查", False,
         ["城市社区", "老旧小区", "养老服务站"],
         ["物业管理覆盖、环境整洁", "居家养老服务常态开展", "居民对社区服务满意"]),
        ("医疗卫生", ["市卫生计生委"], "实地考察|材料审核", False,
         ["二级以上医院", "社区卫生服务中心"],
         ["预约诊疗和便民措施落实", "控烟标识清楚、室内无吸烟", "健康教育宣传栏定期更新"]),
        ("老旧小区改造", ["市住建局", "西固区政府"], "实地考察", True,
         ["老旧小区"],
         ["雨污分流和道路硬化完成", "照明和消防设施配建齐全"]),
    ]),
    ("可持续发展的生态环境", [
        ("大气环境", ["市环保局"], "材料审核|网上申报", False,
         ["全市空气质量监测", "建筑工地", "重点工业企业"],
         ["优良天数比例达到年度目标", "扬尘防治“六个百分之百”落实", "在线监测数据按时上传"]),
        ("水环境", ["市环保局", "市住建局"], "材料审核|实地考察", False,
         ["黄河兰州段", "集中式饮用水水源地", "城市内河"],
         ["水质达到功能区标准", "保护区标志设置规范", "无直排污水现象"]),
        ("垃圾分类与处理", ["市城管委", "城关区政府"], "实地考察|问卷调查", False,
         ["居民小区", "公共机构", "商业街区"],
         ["分类投放设施配置到位", "分类知晓率和参与率达标", "清运车辆分类运输"]),
        ("环境基础设施", ["市环保局", "市城管委"], "实地考察", True,
         ["污水处理厂", "垃圾中转站"],
         ["处理能力满足需要、稳定运行", "除臭和防渗设施运行正常"]),
        ("园林绿化", ["市住建局", "红古区政府"], "实地考察|材料审核", False,
         ["城市公园", "道路绿化带", "南北两山"],
         ["建成区绿化覆盖率达标", "绿地养护到位、无黄土裸露"]),
    ]),
    ("扎实有效的未成年人思想道德建设", [
        ("学校德育", ["市教育局"], "实地考察|问卷调查", False,
         ["中小学校", "中等职业学校"],
         ["德育工作纳入教学计划", "学生日常行为规范养成良好", "家长对学校德育满意"]),
        ("未成年人活动场所", ["市教育局", "团市委"], "实地考察", True,
         ["青少年宫", "乡村学校少年宫", "社区“四点半课堂”"],
         ["场所达到建设标准并免费开放", "活动器材和安全设施齐全"]),
        ("校园周边环境", ["市教育局", "市公安局交警支队"], "实地考察", False,
         ["中小学校门口", "幼儿园周边 200 米"],
         ["无网吧、游戏厅等营业场所", "无流动摊点和“三无”食品销售", "上下学时段交通秩序良好"]),
        ("家庭教育", ["市民政局", "团市委"], "材料审核|问卷调查", False,
         ["家长学校", "社区家庭教育指导站"],
         ["家长学校覆盖率达标", "家庭教育讲座定期开展"]),
        ("网络环境", ["市委宣传部", "市文化广电局"], "网上申报|材料审核", False,
         ["未成年人网络保护", "网吧管理"],
         ["不良信息处置机制健全", "无违规接纳未成年人现象"]),
    ]),
    ("扎实有效的创建活动", [
        ("组织领导", ["市文明办", "市委宣传部"], "材料审核", False,
         ["创建工作领导小组", "区县创建办", "市直成员单位"],
         ["责任分工明确、定期研究部署", "创建经费纳入年度预算", "督查考核结果通报并运用"]),
        ("文明单位创建", ["市文明办"], "材料审核|实地考察", False,
         ["市级文明单位", "窗口行业"],
         ["创建档案齐全、动态管理", "开展“文明窗口”评比"]),
        ("文明社区和文明村镇", ["市文明办", "城关区政府"], "实地考察|材料审核", False,
         ["城市社区", "行政村"],
         ["创建覆盖率达到要求", "村规民约、居民公约制定并执行"]),
        ("群众满意度", ["市文明办", "市委市政府督查室"], "问卷调查", False,
         ["入户问卷", "街头拦访"],
         ["群众对创建工作的支持率达到 90% 以上", "创建知晓率达到 95% 以上"]),
        ("宣传发动", ["市委宣传部", "市文化广电局"], "材料审核|网上申报", False,
         ["市级媒体", "新媒体平台", "户外 LED 屏"],
         ["开设创建专栏并持续更新", "曝光不文明行为并跟踪整改", "刊播创建公益广告"]),
    ]),
]


# More places and checks per 指标, kept apart from SYSTEM so its lines stay short to read.
EXTRA_OBJECTS = {
    "政务公开": ["区县政府网站"], "服务效能": ["不动产登记窗口"], "党风廉政建设": ["窗口服务单位"],
    "便民服务设施": ["社区党群服务中心"], "法治宣传教育": ["机关单位"], "社会治安": ["农贸市场周边"],
    "公共法律服务": ["12348 法律服务热线"], "交通秩序": ["火车站广场周边"], "诚信经营": ["旅游购物点"],
    "食品药品安全": ["小餐饮集中街区"], "市场秩序": ["商业步行街"], "农贸市场设施": ["社区便民菜店"],
    "社会信用体系": ["重点行业协会"], "社会主义核心价值观宣传": ["城市出入口"],
    "公共文化服务": ["博物馆"], "志愿服务": ["高校志愿服务组织"], "公共文明行为": ["银行营业厅"],
    "文化设施建设": ["乡镇综合文化站"], "道德模范宣传": ["社区“善行义举榜”"],
    "市容环境": ["河道沿岸", "铁路沿线"], "公共交通": ["轨道交通站点"], "公共设施": ["城市道路照明"],
    "社区服务": ["新建商品房小区"], "医疗卫生": ["疾病预防控制机构"], "老旧小区改造": ["城中村"],
    "大气环境": ["餐饮服务单位"], "水环境": ["污水收集管网"], "垃圾分类与处理": ["学校和医院"],
    "环境基础设施": ["餐厨垃圾处理厂"], "园林绿化": ["街头游园"], "学校德育": ["幼儿园"],
    "未成年人活动场所": ["青少年校外活动中心"], "校园周边环境": ["校外托管机构"],
    "家庭教育": ["中小学家长委员会"], "网络环境": ["校园周边网吧"], "组织领导": ["街道（乡镇）创建工作站"],
    "文明单位创建": ["文明校园"], "文明社区和文明村镇": ["乡镇"], "群众满意度": ["电话调查"],
    "宣传发动": ["公交车载电视"],
}
EXTRA_CHECKS = {
    "政务公开": ["政策解读与政策文件同步发布"], "服务效能": ["“最多跑一次”事项比例达标"],
    "法治宣传教育": ["宪法和民法典宣传常态开展"], "社会治安": ["矛盾纠纷排查化解台账完整"],
    "交通秩序": ["交通标志标线清晰完好"], "诚信经营": ["无假冒伪劣商品销售"],
    "食品药品安全": ["食品留样和餐具消毒制度落实"], "市场秩序": ["消防通道畅通、无私拉乱接电线"],
    "社会主义核心价值观宣传": ["“讲文明树新风”公益广告按比例刊播"], "公共文化服务": ["设施完好、服务规范"],
    "志愿服务": ["志愿服务时长记录和嘉许激励落实"], "公共文明行为": ["无上下车拥挤和插队现象"],
    "市容环境": ["无占道经营和流动摊点", "户外广告牌匾设置规范"], "公共交通": ["驾乘人员文明服务、不拒载"],
    "社区服务": ["社区志愿服务和邻里互助常态开展"], "医疗卫生": ["就医环境整洁、导诊标识清楚"],
    "大气环境": ["重污染天气应急措施落实"], "水环境": ["河道保洁常态化"],
    "垃圾分类与处理": ["分类宣传入户、有督导员值守"], "园林绿化": ["植物配置合理、无死株缺株"],
    "学校德育": ["开展劳动教育和志愿服务实践"], "校园周边环境": ["周边无违规出版物销售"],
    "家庭教育": ["留守儿童关爱服务落实"], "组织领导": ["创建问题台账挂账销号管理"],
    "文明单位创建": ["文明单位结对帮扶活动开展"], "群众满意度": ["群众对城市环境满意度达标"],
    "宣传发动": ["创建工作新闻发布定期开展"], "文明社区和文明村镇": ["移风易俗、红白理事会运行良好"],
    "公共法律服务": ["公证和司法鉴定服务便民高效"], "网络环境": ["网络文明宣传进校园"],
    "道德模范宣传": ["礼遇帮扶道德模范政策落实"], "党风廉政建设": ["违规收送礼金问题专项整治开展"],
    "社会信用体系": ["信用修复渠道公开"],
}

LEDGER_PROBLEMS = {
    "市城管委": ["共享单车乱停乱放", "流动摊贩占道经营", "建筑垃圾随意倾倒", "垃圾桶满溢未及时清运",
              "沿街门店出店经营", "小广告乱贴乱画", "违规搭建彩钢棚"],
    "市交通委": ["公交站台候车亭破损", "出租车拒载议价", "公交车车身广告破损", "站牌信息过期"],
    "市公安局交警支队": ["机动车不礼让行人", "电动车闯红灯", "人行道违规停车", "路口交通标线模糊"],
    "市住建局": ["施工工地围挡破损", "工地扬尘防治不到位", "小区道路坑洼积水", "公厕设施损坏"],
    "市商务局": ["农贸市场摊位杂乱", "商户未明码标价", "市场内卫生死角"],
    "市环保局": ["餐饮油烟直排", "河道沿岸垃圾漂浮", "露天焚烧垃圾"],
    "市教育局": ["校门口流动摊点聚集", "学校周边乱停车", "校园周边公益广告缺失"],
    "市卫生计生委": ["医院室内有人吸烟", "健康教育宣传栏未更新", "医院周边乱停车"],
    "市文化广电局": ["公益广告画面褪色", "文化广场照明损坏", "网吧未落实未成年人禁入"],
    "市民政局": ["社区养老服务站未开放", "社区宣传栏内容陈旧"],
    "district": ["背街小巷垃圾堆积", "楼道杂物乱堆乱放", "绿化带黄土裸露", "居民楼外乱挂乱晒",
                 "小区内私搭乱建", "路灯不亮", "井盖缺失", "沿街墙面乱涂乱画"],
}

PLACES = {
    "城关区": ["张掖路", "庆阳路", "南昌路", "东岗西路", "雁滩路", "天水北路"],
    "七里河区": ["西津西路", "建西东路", "敦煌路", "武威路", "小西湖"],
    "西固区": ["福利路", "合水路", "西固中路", "玉门街"],
    "安宁区": ["安宁西路", "北滨河西路", "万新路", "培黎广场"],
    "红古区": ["平安路", "海石湾镇", "窑街街道"],
    "永登县": ["城关镇", "中堡镇", "连城镇"],
    "皋兰县": ["石洞镇", "忠和镇"],
    "榆中县": ["城关镇", "和平镇", "夏官营镇"],
    "兰州新区": ["中川街道", "秦川镇", "纬一路"],
}

SOURCES = ["督查", "暗访", "随手拍", "群众举报"]


def read_site(path):
    """Names of the units and districts in site.yml, in order (a tiny reader for its flow entries)."""
    sections = {}
    current = None
    for line in path.read_text(encoding="utf-8").splitlines():
        header = re.match(r"^([a-z_]+):\s*$", line)
        if header:
            current = header.group(1)
            continue
        entry = re.match(r"^\s*-\s*\{name:\s*([^,]+),\s*slug:", line)
        if entry and current:
            sections.setdefault(current, []).append(entry.group(1).strip())
        elif line and not line.startswith((" ", "#")):
            current = None
    return sections["units"], sections["districts"]


def days(start, end):
    d = start
    while d <= end:
        yield d
        d += dt.timedelta(days=1)


def make_indicators(rng, units):
    rows = []
    # Units differ in how far along they are, so the ranking is not flat.
    pace = {unit: rng.uniform(0.55, 0.9) for unit in units}
    for i, (level1, items) in enumerate(SYSTEM, start=1):
        for j, (level2, leads, methods, hw, objects, checks) in enumerate(items, start=1):
            objects = objects + EXTRA_OBJECTS.get(level2, [])
            checks = checks + EXTRA_CHECKS.get(level2, [])
            pairs = [(o, c) for o in objects for c in checks]
            k = 0
            for obj, check in pairs:
                # Not every check applies to every place: leave some pairs out.
                if rng.random() < 0.1:
                    continue
                k += 1
                lead = leads[0] if rng.random() < 0.7 else rng.choice(leads)
                if lead not in units:  # e.g. a 创建办 not in site.yml: fall back to the first listed unit
                    lead = next(u for u in leads if u in units)
                m = methods.split("|")
                if rng.random() < 0.15:
                    extra = rng.choice(METHODS)
                    if extra not in m:
                        m.append(extra)
                m.sort(key=METHODS.index)
                roll = rng.random()
                if roll < pace[lead]:
                    status = "met"
                elif roll < pace[lead] + (1 - pace[lead]) * 0.6:
                    status = "in_progress"
                else:
                    status = "unmet"
                updated = START + dt.timedelta(days=rng.randrange((LAST - START).days + 1))
                rows.append({
                    "id": f"{i}.{j}.{k}", "level1": level1, "level2": level2, "content": f"{obj}：{check}",
                    "methods": "|".join(m), "lead_unit": lead, "hardware": "yes" if hw else "no",
                    "status": status, "updated": updated.isoformat(),
                })
    # Exactly HARDWARE_UNMET hardware indicators are not met (all 'unmet'); the other hardware ones are met.
    hardware = [r for r in rows if r["hardware"] == "yes"]
    behind = set(id(r) for r in rng.sample(hardware, HARDWARE_UNMET))
    for r in hardware:
        r["status"] = "unmet" if id(r) in behind else "met"
    return rows


def make_ledger(rng, units, districts):
    district_gov = {d: f"{d}政府" for d in districts if f"{d}政府" in units}
    city_units = [u for u in LEDGER_PROBLEMS if u != "district" and u in units]
    rows = []
    span = (LAST - START).days
    for n in range(300):
        # Inspections peak in late October, when the city-wide rectification drive runs.
        found = START + dt.timedelta(days=min(span, int(rng.triangular(0, span + 1, span * 0.4))))
        district = rng.choice(districts)
        if district in district_gov and rng.random() < 0.5:
            unit = district_gov[district]
            problem = rng.choice(LEDGER_PROBLEMS["district"])
        else:
            unit = rng.choice(city_units)
            problem = rng.choice(LEDGER_PROBLEMS[unit])
        place = rng.choice(PLACES.get(district, ["城区"]))
        deadline = found + dt.timedelta(days=rng.choice([3, 5, 7, 7, 10, 15]))
        age = (LAST - found).days
        # Old problems are nearly all closed; recent ones are often still open.
        p_closed = 0.97 if age > 20 else 0.9 if age > 7 else 0.55
        if rng.random() < p_closed:
            latest = min(LAST, deadline + dt.timedelta(days=rng.choice([0, 0, 0, 1, 3])))
            closed = found + dt.timedelta(days=rng.randint(1, max(1, (latest - found).days)))
            closed = min(closed, LAST)
            status, closed_text = "closed", closed.isoformat()
        else:
            status, closed_text = "open", ""
        rows.append({
            "found": found, "source": rng.choice(SOURCES), "district": district, "unit": unit,
            "problem": f"{place}{problem}", "deadline": deadline.isoformat(), "status": status,
            "closed": closed_text,
        })
    rows.sort(key=lambda r: (r["found"], r["district"], r["problem"]))
    for n, r in enumerate(rows, start=1):
        r["id"] = f"TZ-2026-{n:04d}"
        r["found"] = r["found"].isoformat()
    return rows


def make_daily(rng, units):
    rows = []
    size = {unit: rng.randint(15, 60) for unit in units}
    for day in days(START, LAST):
        # Inspections step up through the campaign; weekends are quieter.
        weight = (0.6 if day.weekday() >= 5 else 1.0) * (1 + (day - START).days / 120)
        for unit in units:
            checked = max(1, int(size[unit] * weight * rng.uniform(0.7, 1.3)))
            found = int(checked * rng.uniform(0.03, 0.15))
            fixed = max(0, found + rng.randint(-2, 2))
            rows.append({"date": day.isoformat(), "unit": unit, "checked": checked, "found": found, "fixed": fixed})
    return rows


def write(path, columns, rows):
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=columns, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=pathlib.Path, default=ROOT / "Content" / "progress")
    parser.add_argument("--site", type=pathlib.Path, default=ROOT / "Content" / "site.yml")
    args = parser.parse_args()
    units, districts = read_site(args.site)
    rng = random.Random(SEED)
    indicators = make_indicators(rng, units)
    ledger = make_ledger(rng, units, districts)
    daily = make_daily(rng, units)
    args.out.mkdir(parents=True, exist_ok=True)
    write(args.out / "indicators.csv",
          ["id", "level1", "level2", "content", "methods", "lead_unit", "hardware", "status", "updated"], indicators)
    write(args.out / "ledger.csv",
          ["id", "found", "source", "district", "unit", "problem", "deadline", "status", "closed"], ledger)
    write(args.out / "daily.csv", ["date", "unit", "checked", "found", "fixed"], daily)
    met = sum(r["status"] == "met" for r in indicators)
    print(f"indicators: {len(indicators)} ({met} met), ledger: {len(ledger)} "
          f"({sum(r['status'] == 'open' for r in ledger)} open), daily: {len(daily)} rows")


if __name__ == "__main__":
    main()
