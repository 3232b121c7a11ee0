// Both languages of every explanation code. A code missing a language is caught by explain.spec.ts.
export type Lang = 'en' | 'zh-CN';
type Pair = Record<Lang, string>;

export const MESSAGES: Record<string, Pair> = {
  // insulation resistance R_F (IEC)
  'insulation.alarm': { en: '{value} kΩ, {diff} kΩ below the {ra} kΩ response value', 'zh-CN': '{value} kΩ，低于 {ra} kΩ 响应值 {diff} kΩ' },
  'insulation.alarmAtLimit': { en: '{value} kΩ, at the {ra} kΩ response value', 'zh-CN': '{value} kΩ，已达到 {ra} kΩ 响应值' },
  'insulation.warning': { en: '{value} kΩ, below {warnBelow} kΩ (2 × the {ra} kΩ response value)', 'zh-CN': '{value} kΩ，低于 {warnBelow} kΩ（{ra} kΩ 响应值的 2 倍）' },
  'insulation.normal': { en: '{value} kΩ, at or above {warnBelow} kΩ', 'zh-CN': '{value} kΩ，不低于 {warnBelow} kΩ' },
  'insulation.deviceAlarm': { en: 'The IMD reports an insulation alarm', 'zh-CN': '绝缘监测仪报告绝缘报警' },
  'insulation.devicePreWarning': { en: 'The IMD reports an insulation pre-warning', 'zh-CN': '绝缘监测仪报告绝缘预警' },
  'insulation.held': { en: 'Alarm held until R_F stays above {releaseAbove} kΩ on two consecutive readings ({count} of 2)', 'zh-CN': '报警保持，需连续两次读数 R_F 高于 {releaseAbove} kΩ 才解除（已 {count}/2 次）' },
  // total hazard current (NFPA LIM)
  'thc.alarm': { en: '{value} mA, at or above the {level} mA LIM alarm level', 'zh-CN': '{value} mA，达到或超过 {level} mA 报警值' },
  'thc.warning': { en: '{value} mA, at or above {warnAt} mA (80 % of the {level} mA alarm level)', 'zh-CN': '{value} mA，达到 {warnAt} mA（{level} mA 报警值的 80%）' },
  'thc.normal': { en: '{value} mA, below {warnAt} mA', 'zh-CN': '{value} mA，低于 {warnAt} mA' },
  'thc.deviceAlarm': { en: 'The LIM reports a hazard-current alarm', 'zh-CN': '线路绝缘监测仪报告危险电流报警' },
  'thc.held': { en: 'Alarm held until THC stays below {releaseBelow} mA on two consecutive readings ({count} of 2)', 'zh-CN': '报警保持，需连续两次读数低于 {releaseBelow} mA 才解除（已 {count}/2 次）' },
  // transformer load
  'load.alarm': { en: '{value} % of the {ratedA} A rated current, above 100 %', 'zh-CN': '负载为额定电流 {ratedA} A 的 {value}%，超过 100%' },
  'load.warning': { en: '{value} % of the {ratedA} A rated current, at or above 85 %', 'zh-CN': '负载为额定电流 {ratedA} A 的 {value}%，达到 85%' },
  'load.normal': { en: '{value} % of the {ratedA} A rated current, below 85 %', 'zh-CN': '负载为额定电流 {ratedA} A 的 {value}%，低于 85%' },
  'load.deviceAlarm': { en: 'The device reports transformer overload', 'zh-CN': '设备报告变压器过载' },
  // transformer temperature
  'temperature.alarm': { en: '{value} °C, at or above the {setPoint} °C set-point', 'zh-CN': '{value} °C，达到或超过 {setPoint} °C 设定值' },
  'temperature.warning': { en: '{value} °C, at or above {warnAt} °C (10 K below the {setPoint} °C set-point)', 'zh-CN': '{value} °C，达到 {warnAt} °C（{setPoint} °C 设定值以下 10 K）' },
  'temperature.normal': { en: '{value} °C, below {warnAt} °C', 'zh-CN': '{value} °C，低于 {warnAt} °C' },
  'temperature.deviceAlarm': { en: 'The device reports transformer over-temperature', 'zh-CN': '设备报告变压器超温' },
  'temperature.ptcOverTemp': { en: 'The PTC sensor reports over-temperature', 'zh-CN': 'PTC 传感器报告超温' },
  'temperature.ptcOk': { en: 'The PTC sensor reports normal temperature', 'zh-CN': 'PTC 传感器温度正常' },
  'temperature.sensorBroken': { en: 'Temperature sensor broken: temperature unknown', 'zh-CN': '温度传感器故障，温度未知' },
  // connection monitoring
  'monitoring.leadFault': { en: 'Monitoring impaired: lead fault ({leads})', 'zh-CN': '监测失效：连接线故障（{leads}）' },
  'monitoring.deviceError': { en: 'Monitoring impaired: the device reports an internal error', 'zh-CN': '监测失效：设备报告内部故障' },
  'monitoring.normal': { en: 'No lead or device faults reported', 'zh-CN': '未报告连接线或设备故障' },
  // test button
  'test.passed': { en: 'All test steps passed', 'zh-CN': '测试各步骤均通过' },
  'test.failed': { en: 'Test failed: {steps}', 'zh-CN': '测试未通过：{steps}' },
  'test.notDone': { en: 'Test not done: {steps}; the check is incomplete', 'zh-CN': '测试未完成：{steps}；本次检查不完整' },
  // visual inspection
  'visual.passed': { en: 'Visual inspection passed', 'zh-CN': '外观检查通过' },
  'visual.failed': { en: 'Visual inspection failed: {items}', 'zh-CN': '外观检查未通过：{items}' },
  'visual.notDone': { en: 'Visual inspection not done: {items}; the check is incomplete', 'zh-CN': '外观检查未完成：{items}；本次检查不完整' },
  'visual.instructionsMissing': { en: 'Instruction sheet not posted', 'zh-CN': '未张贴操作说明' },
  // data quality: the value is not used, the rule is unknown
  'quality.missing': { en: 'No reading', 'zh-CN': '无读数' },
  'quality.crc': { en: 'CRC error in the reply: value unknown', 'zh-CN': '应答 CRC 校验错误，数值未知' },
  'quality.timeout': { en: 'No reply from the device (timeout)', 'zh-CN': '设备无应答（超时）' },
  'quality.stale': { en: 'Last value is {ageS} s old (limit {limitS} s)', 'zh-CN': '最近数值已过去 {ageS} 秒（上限 {limitS} 秒）' },
  'quality.wrongSlave': { en: 'Reply came from another slave address', 'zh-CN': '应答来自其他从站地址' },
  'quality.wrongFunction': { en: 'Reply had an unexpected function code', 'zh-CN': '应答功能码不符' },
  'quality.wrongLength': { en: 'Reply had an unexpected byte count', 'zh-CN': '应答字节数不符' },
  'quality.truncated': { en: 'Reply was truncated', 'zh-CN': '应答不完整' },
  'quality.exception': { en: 'The device answered with Modbus exception {exceptionCode}', 'zh-CN': '设备返回 Modbus 异常码 {exceptionCode}' },
  'quality.outOfRange': { en: '{value} {unit} is outside the plausible range {min}…{max} {unit}', 'zh-CN': '{value} {unit} 超出合理范围 {min}…{max} {unit}' },
  'quality.nan': { en: 'Not a number', 'zh-CN': '不是有效数字' },
  'quality.negative': { en: '{value} {unit} is negative', 'zh-CN': '{value} {unit} 为负值' },
  'quality.invalid': { en: 'The device flags the value as invalid', 'zh-CN': '设备标记该数值无效' },
  'quality.portError': { en: 'Serial port error', 'zh-CN': '串口错误' },
  'quality.ambiguousBound': { en: '{value} {unit}: the true value may lie on either side of a limit', 'zh-CN': '{value} {unit}：真实值可能位于限值两侧' },
  // panel register validation
  'panel.required': { en: '{field} is required', 'zh-CN': '请填写{field}' },
  'panel.notANumber': { en: '{field} must be a number', 'zh-CN': '{field}必须为数字' },
  'panel.notInteger': { en: '{field} must be a whole number', 'zh-CN': '{field}必须为整数' },
  'panel.belowMinimum': { en: '{field}: {value} {unit} is {diff} {unit} below the minimum of {min} {unit}', 'zh-CN': '{field}：{value} {unit}，低于最小值 {min} {unit}（差 {diff} {unit}）' },
  'panel.aboveMaximum': { en: '{field}: {value} {unit} is {diff} {unit} above the maximum of {max} {unit}', 'zh-CN': '{field}：{value} {unit}，高于最大值 {max} {unit}（差 {diff} {unit}）' },
  'panel.notAllowed': { en: '{field}: {value} is not one of {allowed}', 'zh-CN': '{field}：{value} 不在可选值 {allowed} 之中' },
  'panel.tooLong': { en: '{field} is longer than {max} characters', 'zh-CN': '{field}超过 {max} 个字符' },
  'panel.raBelowMinimum': { en: '{value} kΩ, {diff} kΩ below the {min} kΩ minimum response value: IEC 61557-8 requires the IMD to alarm no later than at 50 kΩ', 'zh-CN': '{value} kΩ，低于最小响应值 {min} kΩ（差 {diff} kΩ）：IEC 61557-8 要求绝缘电阻降至 50 kΩ 时监测仪必须已报警' },
  // check record validation
  'check.required': { en: '{field} is required', 'zh-CN': '请填写{field}' },
  'check.invalidDate': { en: '{field} is not a valid date and time', 'zh-CN': '{field}不是有效的日期时间' },
  'check.framesRequired': { en: 'Serial readings need the raw frames', 'zh-CN': '串口读数须附原始报文' },
  'check.invalidHex': { en: 'Raw frame {index} is not valid hex', 'zh-CN': '第 {index} 条原始报文不是有效的十六进制' },
  'check.correctionNeedsRemark': { en: 'A correction needs a remark saying what was wrong', 'zh-CN': '更正记录须在备注中说明原因' },
  'check.correctsItself': { en: 'A check cannot correct itself', 'zh-CN': '检查记录不能更正自身' },
  'check.tooLong': { en: '{field} is longer than {max} characters', 'zh-CN': '{field}超过 {max} 个字符' },
  'check.panelMismatch': { en: 'The check belongs to another panel', 'zh-CN': '该检查记录属于另一台配电柜' },
  'check.signedBeforeStart': { en: 'Signed before it was started', 'zh-CN': '签署时间早于开始时间' }
};

/** Tokens that appear inside list params. */
export const TOKENS: Record<string, Pair> = {
  // rules and statuses
  insulation: { en: 'Insulation resistance', 'zh-CN': '绝缘电阻' },
  thc: { en: 'Total hazard current', 'zh-CN': '总危险电流' },
  load: { en: 'Transformer load', 'zh-CN': '变压器负载' },
  temperature: { en: 'Transformer temperature', 'zh-CN': '变压器温度' },
  monitoring: { en: 'Connection monitoring', 'zh-CN': '连接监测' },
  testButton: { en: 'Test button', 'zh-CN': '测试按钮' },
  visual: { en: 'Visual inspection', 'zh-CN': '外观检查' },
  normal: { en: 'Normal', 'zh-CN': '正常' },
  warning: { en: 'Warning', 'zh-CN': '预警' },
  unknown: { en: 'Unknown', 'zh-CN': '未知' },
  alarm: { en: 'Alarm', 'zh-CN': '报警' },
  // leads
  system: { en: 'system', 'zh-CN': '系统' },
  earth: { en: 'PE/FE/KE', 'zh-CN': 'PE/FE/KE 接地' },
  ct: { en: 'current transformer', 'zh-CN': '电流互感器' },
  temperatureSensor: { en: 'temperature sensor', 'zh-CN': '温度传感器' },
  other: { en: 'other', 'zh-CN': '其他' },
  // test steps
  yellowLamp: { en: 'yellow lamp', 'zh-CN': '黄色报警灯' },
  buzzer: { en: 'buzzer', 'zh-CN': '蜂鸣器' },
  muteStopsBuzzer: { en: 'mute stops the buzzer', 'zh-CN': '消音可停止蜂鸣' },
  remoteIndicator: { en: 'remote indicator', 'zh-CN': '远程报警显示' },
  backToNormal: { en: 'back to normal', 'zh-CN': '恢复正常' },
  // visual items
  greenLamp: { en: 'green lamp on', 'zh-CN': '绿色指示灯亮' },
  noYellowRed: { en: 'no yellow or red lamp', 'zh-CN': '无黄色或红色灯' },
  remoteAgrees: { en: 'remote panel agrees', 'zh-CN': '远程显示一致' },
  instructionsPosted: { en: 'instruction sheet posted', 'zh-CN': '张贴操作说明' },
  // panel fields
  siteId: { en: 'Hospital site', 'zh-CN': '医院院区' },
  room: { en: 'Operating room', 'zh-CN': '手术室' },
  systemId: { en: 'IT-system id', 'zh-CN': 'IT 系统编号' },
  ratedKva: { en: 'Transformer rating', 'zh-CN': '变压器额定容量' },
  secondaryV: { en: 'Secondary voltage', 'zh-CN': '二次侧电压' },
  imdMake: { en: 'IMD make', 'zh-CN': '绝缘监测仪品牌' },
  imdModel: { en: 'IMD model', 'zh-CN': '绝缘监测仪型号' },
  profileId: { en: 'Device profile', 'zh-CN': '设备配置' },
  regime: { en: 'Regime', 'zh-CN': '标准体系' },
  ra: { en: 'Response value', 'zh-CN': '响应值' },
  limLevel: { en: 'LIM alarm level', 'zh-CN': 'LIM 报警值' },
  setPoint: { en: 'Temperature set-point', 'zh-CN': '温度设定值' },
  temperatureInput: { en: 'Temperature input', 'zh-CN': '温度输入' },
  remoteLocation: { en: 'Remote indicator location', 'zh-CN': '远程报警显示位置' },
  baudRate: { en: 'Baud rate', 'zh-CN': '波特率' },
  parity: { en: 'Parity', 'zh-CN': '校验位' },
  stopBits: { en: 'Stop bits', 'zh-CN': '停止位' },
  dataBits: { en: 'Data bits', 'zh-CN': '数据位' },
  slave: { en: 'Slave address', 'zh-CN': '从站地址' },
  checkIntervalDays: { en: 'Check interval', 'zh-CN': '检查周期' },
  // check fields
  panelId: { en: 'Panel', 'zh-CN': '配电柜' },
  technician: { en: 'Technician', 'zh-CN': '技术员' },
  startedAt: { en: 'Start time', 'zh-CN': '开始时间' },
  signedAt: { en: 'Signing time', 'zh-CN': '签署时间' },
  readings: { en: 'Readings', 'zh-CN': '读数' },
  readAt: { en: 'Reading time', 'zh-CN': '读数时间' },
  remarks: { en: 'Remarks', 'zh-CN': '备注' }
};
