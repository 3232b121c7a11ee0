// The active language and t(). Reading i18n.lang inside t() makes every template that calls t()
// re-render when the language is switched.
import { interpolate, pickLang, type Lang } from './define';
import { common } from './messages/common';
import { devices } from './messages/devices';
import { labels } from './messages/labels';
import { scan } from './messages/scan';
import { isolation } from './messages/isolation';
import { isolationForms } from './messages/isolationForms';
import { sync } from './messages/sync';
import { forms } from './messages/forms';
import { register } from './messages/register';
import { shell } from './messages/shell';
import { conflicts } from './messages/conflicts';
import { deletes } from './messages/deletes';
import { serviceChanges } from './messages/serviceChanges';
import { accounts } from './messages/accounts';
import { service } from './messages/service';
import { network } from './messages/network';
import { survey } from './messages/survey';
import { attachments } from './messages/attachments';

const en = { ...common.en, ...devices.en, ...labels.en, ...scan.en, ...isolation.en, ...isolationForms.en, ...sync.en, ...forms.en, ...register.en, ...shell.en, ...conflicts.en, ...deletes.en, ...serviceChanges.en, ...accounts.en, ...service.en, ...network.en, ...survey.en, ...attachments.en };
const zh: Record<keyof typeof en, string> = {
  ...common['zh-CN'], ...devices['zh-CN'], ...labels['zh-CN'], ...scan['zh-CN'], ...isolation['zh-CN'], ...isolationForms['zh-CN'], ...sync['zh-CN'], ...forms['zh-CN'], ...register['zh-CN'], ...shell['zh-CN'], ...conflicts['zh-CN'], ...deletes['zh-CN'], ...serviceChanges['zh-CN'], ...accounts['zh-CN'], ...service['zh-CN'], ...network['zh-CN'], ...survey['zh-CN'], ...attachments['zh-CN']
};
export type MessageKey = keyof typeof en;
export const catalogues: Record<Lang, Record<MessageKey, string>> = { en, 'zh-CN': zh };

const STORAGE_KEY = 'assetwalk.lang';

function initialLang(): Lang {
  if (typeof localStorage !== 'undefined') {
    const saved = localStorage.getItem(STORAGE_KEY);
    if (saved === 'en' || saved === 'zh-CN') return saved;
  }
  return typeof navigator !== 'undefined' ? pickLang(navigator.languages ?? [navigator.language]) : 'zh-CN';
}

class I18n {
  #lang = $state<Lang>(initialLang());

  get lang(): Lang {
    return this.#lang;
  }

  set lang(l: Lang) {
    this.#lang = l;
    localStorage.setItem(STORAGE_KEY, l);
    document.documentElement.lang = l;
  }

  t(key: MessageKey, params?: Record<string, string | number>): string {
    return interpolate(catalogues[this.#lang][key] ?? key, params, this.#lang);
  }
}

export const i18n = new I18n();
export const t = (key: MessageKey, params?: Record<string, string | number>): string => i18n.t(key, params);
