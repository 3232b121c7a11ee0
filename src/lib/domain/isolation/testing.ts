// Test helpers: a panel and readings that evaluate to all-normal, to be bent one field at a time.
import type { Panel } from './panel';
import type { Readings } from './readings';
import type { TestSteps } from './rules';

export const T0 = Date.UTC(2026, 2, 2, 9, 0, 0);

export function makePanel(over: Partial<Panel> = {}): Panel {
  return {
    id: 'panel-1', siteId: 'site-main', room: 'OR 3', systemId: 'IT-3A',
    transformer: { ratedKva: 6.3, secondaryV: 230 },
    imd: { make: 'Acrel', model: 'AIM-M10', profileId: 'acrel-aim-m10' },
    regime: 'iec', responseValueKohm: 50, limLevelMa: 5,
    temperature: { input: 'celsius', setPointC: 100 },
    loadMonitored: true,
    remoteIndicator: { present: true, location: 'nurses station' },
    serial: { baudRate: 9600, parity: 'none', stopBits: 1, dataBits: 8, slave: 1 },
    checkIntervalDays: 30,
    ...over
  };
}

export function goodReadings(at = T0): Readings {
  return {
    insulationKohm: { value: 500, at },
    loadPercent: { value: 40, at },
    temperatureC: { value: 40, at },
    device: { bits: {}, at }
  };
}

export function allPassed(): TestSteps {
  return { yellowLamp: 'pass', buzzer: 'pass', muteStopsBuzzer: 'pass', remoteIndicator: 'pass', backToNormal: 'pass' };
}
