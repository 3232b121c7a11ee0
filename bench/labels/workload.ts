// The benchmark's workload: 1,000 distinct asset labels for L7160 (21 a sheet → 48 pages).
import { formatAssetNumber } from '../../src/lib/domain/assetNumber';
import { labelDataForDevice, type LabelData } from '../../src/lib/domain/labels/content';
import { templateById, type Template } from '../../src/lib/domain/labels/templates';

export const N = 1000;
export const TEMPLATE: Template = templateById('L7160')!;

export function makeItems(n = N, chinese = false): LabelData[] {
  return Array.from({ length: n }, (_, i) => labelDataForDevice(
    { assetNumber: formatAssetNumber('SZYY', 104200000 + i), name: chinese ? `放射科工作站 ${i}` : `Workstation ${i}`, model: 'OptiPlex 7090', assignedUser: '' },
    {
      origin: 'https://assets.example.cn',
      tenant: chinese ? { name: '深圳市人民医院', serviceDeskPhone: '400-800-1234' } : { name: 'Shenzhen People\'s Hospital', serviceDeskPhone: '400-800-1234' },
      site: { name: chinese ? '总院' : 'Main' },
      location: { building: 'A', floor: String(1 + (i % 9)), room: String(100 + (i % 50)) }
    }
  ));
}
