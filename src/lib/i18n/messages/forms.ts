import { defineMessages } from '../define';

// Messages of the field fixes (issue 8): forms.
export const forms = defineMessages({
  en: {
    'err.assetNumberCheckChar': 'The last character (check character) does not match: a character is mistyped.',
    'forms.discard': 'Discard changes',
    'forms.discarded': 'Your unsaved input was discarded.',
    'forms.duplicateSerial': 'Serial {value} is also recorded on {device}.',
    'forms.duplicateMac': 'MAC {value} is also recorded on {device}.',
    'forms.duplicateOpen': 'Open {asset}',
    'forms.duplicateHint': 'You can still save: check that this is not the same device entered twice.',
    'forms.tabletCode.prompt': 'Before this tablet can issue asset numbers it needs its tablet code: enter the code your team gave this tablet (0–{max}).',
    'forms.tabletCode.label': 'Tablet code',
    'forms.tabletCode.saveAndMint': 'Save code and get the number'
  },
  'zh-CN': {
    'err.assetNumberCheckChar': '最后一位（校验位）不匹配：有字符输错了。',
    'forms.discard': '放弃更改',
    'forms.discarded': '已放弃未保存的输入。',
    'forms.duplicateSerial': '序列号 {value} 也登记在 {device} 上。',
    'forms.duplicateMac': 'MAC {value} 也登记在 {device} 上。',
    'forms.duplicateOpen': '打开 {asset}',
    'forms.duplicateHint': '仍可保存：请确认不是同一台设备登记了两次。',
    'forms.tabletCode.prompt': '本平板需要先设置平板编码才能发放资产编号：请输入团队分配给本平板的编码（0–{max}）。',
    'forms.tabletCode.label': '平板编码',
    'forms.tabletCode.saveAndMint': '保存编码并获取编号'
  }
});
