import { describe, expect, it } from 'vitest';
import { defaultListState, listStateFromParams, listStateToSearch, type ListState } from './listState';

describe('list state in the URL', () => {
  it('round-trips search, filters and sort', () => {
    const s: ListState = { query: '门诊 3F&x=1', type: 'laptop', status: 'inRepair', locationId: 'loc-1', warrantyWithin90: true, important: true, auditDue: true, sort: { key: 'location', dir: 'desc' } };
    const search = listStateToSearch(s);
    expect(listStateFromParams(new URLSearchParams(search))).toEqual(s);
  });

  it('leaves defaults out of the URL', () => {
    expect(listStateToSearch(defaultListState())).toBe('');
    expect(listStateToSearch({ ...defaultListState(), sort: { key: 'model', dir: 'asc' } })).toBe('sort=model');
  });

  it('reads unknown or malformed values as the defaults', () => {
    const s = listStateFromParams(new URLSearchParams('type=toaster&status=lost&sort=price&dir=sideways&warranty=yes'));
    expect(s).toEqual(defaultListState());
  });
});
