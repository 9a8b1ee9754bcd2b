// The demo hall: a fictional county government service centre (清溪县政务服务中心) and its simulation
// parameters. Planted imbalance: 不动产登记 gets far more demand than its two windows can serve (hot,
// long waits) while the two 卫生健康局 windows are mostly idle (cold).
import type { HallConfig } from "../contract/index.js";
import type { HallSimParams } from "./sim-params.js";

export const DEMO_HALL_ID = "demo-county";

/** Fictional administrative-division code of the county, the first part of every item code. */
const REGION = "330399";

const D = {
  approval: "行政审批服务局",
  market: "市场监督管理局",
  hrss: "人力资源和社会保障局",
  medical: "医疗保障局",
  resources: "自然资源局",
  fund: "住房公积金管理中心",
  police: "公安局",
  tax: "税务局",
  civil: "民政局",
  health: "卫生健康局",
} as const;

/** An item (政务服务事项) as listed in the county's catalogue: code and name. */
export interface DemoItem {
  code: string;
  name: string;
}

interface DemoCategory {
  id: string;
  name: string;
  department: string;
  items: [string, string][];
}

// Item types: XK 行政许可, QR 行政确认, JF 行政给付, ZS 行政征收, GG 公共服务, QT 其他行政权力.
const CATEGORIES: DemoCategory[] = [
  {
    id: "biz-startup",
    name: "企业开办",
    department: D.market,
    items: [
      ["XK-0101", "有限责任公司设立登记"],
      ["XK-0102", "个人独资企业设立登记"],
      ["XK-0103", "合伙企业设立登记"],
      ["QR-0104", "个体工商户设立登记"],
      ["GG-0105", "企业开办一件事（执照、印章、发票、社保登记）"],
      ["XK-0106", "农民专业合作社设立登记"],
    ],
  },
  {
    id: "biz-change",
    name: "企业变更与注销登记",
    department: D.market,
    items: [
      ["XK-0111", "有限责任公司变更登记"],
      ["XK-0112", "企业注销登记"],
      ["QT-0113", "企业简易注销登记"],
      ["QR-0114", "个体工商户变更登记"],
      ["XK-0115", "食品经营许可"],
    ],
  },
  {
    id: "social-insurance",
    name: "社会保险",
    department: D.hrss,
    items: [
      ["GG-0201", "城乡居民基本养老保险参保登记"],
      ["GG-0202", "职工养老保险关系转移接续"],
      ["JF-0203", "基本养老保险待遇申领"],
      ["JF-0204", "失业保险金申领"],
      ["GG-0205", "社会保障卡申领"],
      ["QR-0206", "工伤认定申请"],
      ["GG-0207", "个人权益记录查询打印"],
    ],
  },
  {
    id: "medical-insurance",
    name: "医疗保障",
    department: D.medical,
    items: [
      ["GG-0301", "城乡居民基本医疗保险参保登记"],
      ["GG-0302", "基本医疗保险关系转移接续"],
      ["JF-0303", "异地就医备案"],
      ["JF-0304", "零星医疗费用报销"],
      ["QR-0305", "门诊慢特病待遇认定"],
      ["JF-0306", "生育津贴申领"],
    ],
  },
  {
    id: "real-estate",
    name: "不动产登记",
    department: D.resources,
    items: [
      ["QR-0401", "国有建设用地使用权及房屋所有权首次登记"],
      ["QR-0402", "国有建设用地使用权及房屋所有权转移登记"],
      ["QR-0403", "抵押权首次登记"],
      ["QR-0404", "抵押权注销登记"],
      ["QR-0405", "不动产变更登记"],
      ["QR-0406", "预告登记"],
      ["GG-0407", "不动产登记资料查询"],
    ],
  },
  {
    id: "housing-fund",
    name: "住房公积金",
    department: D.fund,
    items: [
      ["GG-0501", "住房公积金单位缴存登记"],
      ["JF-0502", "住房公积金提取（购房）"],
      ["JF-0503", "住房公积金提取（租房）"],
      ["GG-0504", "住房公积金个人住房贷款申请"],
      ["GG-0505", "住房公积金缴存证明开具"],
    ],
  },
  {
    id: "household",
    name: "户籍办理",
    department: D.police,
    items: [
      ["QR-0601", "出生登记"],
      ["QR-0602", "户口迁移"],
      ["QR-0603", "居民身份证申领"],
      ["QR-0604", "户口簿补领换领"],
      ["GG-0605", "户籍证明开具"],
      ["QR-0606", "居住证申领"],
    ],
  },
  {
    id: "tax",
    name: "税务服务",
    department: D.tax,
    items: [
      ["GG-0701", "发票领用"],
      ["ZS-0702", "契税申报"],
      ["ZS-0703", "个人所得税经营所得申报"],
      ["GG-0704", "税务登记信息变更"],
      ["GG-0705", "完税证明开具"],
      ["ZS-0706", "房产税、城镇土地使用税申报"],
    ],
  },
  {
    id: "marriage",
    name: "婚姻登记",
    department: D.civil,
    items: [
      ["QR-0801", "内地居民结婚登记"],
      ["QR-0802", "内地居民离婚登记"],
      ["QR-0803", "补领婚姻登记证"],
      ["GG-0804", "婚姻登记档案查询"],
    ],
  },
  {
    id: "social-assist",
    name: "社会救助",
    department: D.civil,
    items: [
      ["JF-0901", "最低生活保障申请"],
      ["JF-0902", "特困人员救助供养申请"],
      ["JF-0903", "临时救助申请"],
      ["JF-0904", "残疾人两项补贴申请"],
      ["JF-0905", "高龄津贴申领"],
    ],
  },
  {
    id: "health",
    name: "卫生健康",
    department: D.health,
    items: [
      ["XK-1001", "医师执业注册"],
      ["XK-1002", "护士执业注册"],
      ["XK-1003", "公共场所卫生许可"],
      ["GG-1004", "出生医学证明补发"],
      ["XK-1005", "医疗机构执业登记"],
      ["JF-1006", "计划生育家庭特别扶助金申请"],
    ],
  },
  {
    id: "project-approval",
    name: "投资项目与工程建设审批",
    department: D.approval,
    items: [
      ["QT-1101", "企业投资项目备案"],
      ["XK-1102", "建设工程规划许可证核发"],
      ["XK-1103", "建筑工程施工许可证核发"],
      ["XK-1104", "建设项目用地预审与选址意见书"],
      ["QT-1105", "工程建设项目联合验收"],
    ],
  },
];

/** The catalogue behind `demoHall.categories[].itemCodes`, with the item names. */
export const demoItems: Record<string, DemoItem[]> = Object.fromEntries(
  CATEGORIES.map((c) => [c.id, c.items.map(([code, name]) => ({ code: `${REGION}-${code}`, name }))]),
);

const COMPREHENSIVE = ["biz-startup", "biz-change", "social-insurance", "medical-insurance", "housing-fund"];

/** [window id, department, categories, comprehensive]; names are "N号窗口" in this order. */
const WINDOWS: [string, string, string[], boolean][] = [
  ["w01", D.approval, COMPREHENSIVE, true],
  ["w02", D.approval, COMPREHENSIVE, true],
  ["w03", D.approval, ["project-approval"], false],
  ["w04", D.market, ["biz-startup"], false],
  ["w05", D.market, ["biz-startup", "biz-change"], false],
  ["w06", D.hrss, ["social-insurance"], false],
  ["w07", D.hrss, ["social-insurance"], false],
  ["w08", D.hrss, ["social-insurance"], false],
  ["w09", D.medical, ["medical-insurance"], false],
  ["w10", D.medical, ["medical-insurance"], false],
  ["w11", D.resources, ["real-estate"], false],
  ["w12", D.resources, ["real-estate"], false],
  ["w13", D.fund, ["housing-fund"], false],
  ["w14", D.fund, ["housing-fund"], false],
  ["w15", D.police, ["household"], false],
  ["w16", D.police, ["household"], false],
  ["w17", D.tax, ["tax"], false],
  ["w18", D.tax, ["tax"], false],
  ["w19", D.tax, ["tax"], false],
  ["w20", D.civil, ["marriage"], false],
  ["w21", D.civil, ["social-assist", "marriage"], false],
  ["w22", D.health, ["health"], false],
  ["w23", D.health, ["health"], false],
];

export const demoHall: HallConfig = {
  name: "清溪县政务服务中心",
  timezone: "Asia/Shanghai",
  categories: CATEGORIES.map((c) => ({
    id: c.id,
    name: c.name,
    itemCodes: (demoItems[c.id] ?? []).map((i) => i.code),
  })),
  windows: WINDOWS.map(([id, department, categories, comprehensive], i) => ({
    id,
    name: `${i + 1}号窗口`,
    department,
    categories: [...categories],
    ...(comprehensive ? { comprehensive: true } : {}),
  })),
  targets: { waitMinutes: 20, hotUtilization: 0.85, coldUtilization: 0.35 },
};

/** The categories that carry the planted imbalance, for tests and demos. */
export const DEMO_HOT_CATEGORY = "real-estate";
export const DEMO_COLD_CATEGORY = "health";

/**
 * Simulation parameters of the demo hall. `demandWeight` is roughly tickets per average weekday at
 * scale 1; 不动产登记 asks for ~115 × 12 min of work from two windows that can give ~2 × 7.5 h.
 */
export const demoSimParams: HallSimParams = {
  dailyTickets: 720,
  categories: {
    "biz-startup": {
      prefix: "A",
      demandWeight: 40,
      meanHandleSeconds: 660,
      handleCv: 0.5,
      needsMaterialsShare: 0.12,
      acceptedShare: 0.3,
      rejectedShare: 0.01,
      materials: ["公司章程", "股东会决议", "住所使用证明", "法定代表人任职文件", "设立登记申请书", "经办人授权委托书"],
      transferTo: ["biz-change", "tax"],
      returnShare: 0.25,
    },
    "biz-change": {
      prefix: "B",
      demandWeight: 30,
      meanHandleSeconds: 540,
      handleCv: 0.5,
      needsMaterialsShare: 0.1,
      acceptedShare: 0.25,
      rejectedShare: 0.015,
      materials: ["变更登记申请书", "修改后的公司章程", "股东会决议", "清算报告", "营业执照正副本原件"],
      transferTo: ["biz-startup", "tax"],
      returnShare: 0.2,
    },
    "social-insurance": {
      prefix: "C",
      demandWeight: 120,
      meanHandleSeconds: 360,
      handleCv: 0.6,
      needsMaterialsShare: 0.06,
      acceptedShare: 0.1,
      rejectedShare: 0.01,
      materials: ["社会保障卡", "解除劳动合同证明", "参保缴费凭证", "银行账户信息", "工伤事故调查报告"],
      transferTo: ["medical-insurance", "housing-fund"],
      returnShare: 0.3,
    },
    "medical-insurance": {
      prefix: "D",
      demandWeight: 120,
      meanHandleSeconds: 300,
      handleCv: 0.6,
      needsMaterialsShare: 0.07,
      acceptedShare: 0.15,
      rejectedShare: 0.01,
      materials: ["医疗费用发票原件", "费用明细清单", "出院小结", "门诊病历", "异地就医备案表"],
      transferTo: ["social-insurance", "health"],
      returnShare: 0.3,
    },
    "real-estate": {
      prefix: "E",
      demandWeight: 125,
      meanHandleSeconds: 720,
      handleCv: 0.55,
      needsMaterialsShare: 0.14,
      acceptedShare: 0.55,
      rejectedShare: 0.02,
      materials: ["不动产权证书原件", "购房合同", "契税完税凭证", "房屋测绘报告", "不动产登记申请书", "婚姻关系证明", "抵押合同", "主债权合同"],
      transferTo: ["tax", "housing-fund"],
      returnShare: 0.3,
    },
    "housing-fund": {
      prefix: "F",
      demandWeight: 85,
      meanHandleSeconds: 480,
      handleCv: 0.5,
      needsMaterialsShare: 0.08,
      acceptedShare: 0.2,
      rejectedShare: 0.01,
      materials: ["购房合同", "购房发票", "住房租赁合同", "不动产权证书", "本人银行卡"],
      transferTo: ["real-estate", "social-insurance"],
      returnShare: 0.25,
    },
    household: {
      prefix: "G",
      demandWeight: 95,
      meanHandleSeconds: 330,
      handleCv: 0.5,
      needsMaterialsShare: 0.08,
      acceptedShare: 0.1,
      rejectedShare: 0.01,
      materials: ["出生医学证明", "户口簿原件", "准予迁入证明", "合法稳定住所证明", "近期免冠照片"],
      transferTo: ["marriage", "social-assist"],
      returnShare: 0.3,
    },
    tax: {
      prefix: "H",
      demandWeight: 125,
      meanHandleSeconds: 360,
      handleCv: 0.6,
      needsMaterialsShare: 0.05,
      acceptedShare: 0.05,
      rejectedShare: 0.005,
      materials: ["发票领用簿", "税务登记信息表", "财务会计报表", "不动产买卖合同", "契税纳税申报表"],
      transferTo: ["real-estate", "biz-change"],
      returnShare: 0.25,
      demandBoosts: [{ daysOfMonth: [1, 15], factor: 1.3 }],
    },
    marriage: {
      prefix: "J",
      demandWeight: 20,
      meanHandleSeconds: 840,
      handleCv: 0.35,
      needsMaterialsShare: 0.05,
      acceptedShare: 0,
      rejectedShare: 0.01,
      materials: ["户口簿原件", "近期半身免冠合影照片", "离婚协议书", "本人无配偶声明"],
      transferTo: ["household"],
      returnShare: 0.4,
      demandBoosts: [{ monthDays: ["02-14", "05-20", "05-21"], factor: 4 }],
    },
    "social-assist": {
      prefix: "K",
      demandWeight: 15,
      meanHandleSeconds: 600,
      handleCv: 0.5,
      needsMaterialsShare: 0.15,
      acceptedShare: 0.6,
      rejectedShare: 0.02,
      materials: ["家庭收入证明", "残疾人证", "救助申请书", "家庭财产状况说明", "银行账户信息"],
      transferTo: ["social-insurance", "medical-insurance"],
      returnShare: 0.2,
    },
    health: {
      prefix: "L",
      demandWeight: 10,
      meanHandleSeconds: 420,
      handleCv: 0.5,
      needsMaterialsShare: 0.1,
      acceptedShare: 0.4,
      rejectedShare: 0.01,
      materials: ["医师资格证书", "执业注册申请审核表", "健康体检证明", "卫生管理制度", "经营场所平面布局图"],
      transferTo: ["medical-insurance"],
      returnShare: 0.2,
    },
    "project-approval": {
      prefix: "M",
      demandWeight: 11,
      meanHandleSeconds: 1020,
      handleCv: 0.45,
      needsMaterialsShare: 0.2,
      acceptedShare: 0.65,
      rejectedShare: 0.02,
      materials: ["项目可行性研究报告", "建设工程设计方案", "用地批准文件", "施工图审查合格书", "环境影响评价文件"],
      transferTo: ["real-estate"],
      returnShare: 0.15,
    },
  },
  departments: {
    [D.approval]: { typicalOpenWindows: 3 },
    [D.market]: { typicalOpenWindows: 2 },
    [D.hrss]: { typicalOpenWindows: 2 },
    [D.medical]: { typicalOpenWindows: 2 },
    [D.resources]: { typicalOpenWindows: 2 },
    [D.fund]: { typicalOpenWindows: 2 },
    [D.police]: { typicalOpenWindows: 2 },
    [D.tax]: { typicalOpenWindows: 3 },
    [D.civil]: { typicalOpenWindows: 2 },
    [D.health]: { typicalOpenWindows: 2 },
  },
  lunchDutyWindows: ["w01", "w15"],
  saturdayWindows: ["w01", "w02"],
};
