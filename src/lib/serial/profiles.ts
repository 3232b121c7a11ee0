// The device profiles the app ships, and lookup by id (administrator-made generic profiles included).
import { aimM10Profile } from './profile-acrel';
import { bender425Profile } from './profile-bender';
import { com462ProfileFromId, isomedCom462Profile } from './profile-com462';
import { im20hProfile } from './profile-schneider';
import type { BlockResult, DeviceProfile } from './profile-types';
import type { Readings } from '../domain/isolation/readings';

export type { BlockResult, DeviceProfile, ReadBlock } from './profile-types';
export { AIM_M10_QTY, AIM_M10_START, aimM10Profile, decodeAimM10, decodeAimM10Bits } from './profile-acrel';
export { bender425Profile, createBenderProfile, decodeBenderChannel, decodeBenderChannels, type BenderChannel, type BenderChannelConfig, type BenderMeaning } from './profile-bender';
export { com462Base, com462ChannelStart, com462ProfileFromId, createCom462Profile, decodeCom462, isomedCom462Profile, type Com462Channel } from './profile-com462';
export { decodeIm20h, im20hProfile, IM20H_ALARM_ADDRESS, IM20H_RF_ADDRESS } from './profile-schneider';
export { genericProfileSchema, parseGenericProfile, MEANINGS, type GenericProfileConfig, type Meaning, type ProfileIssue } from './profile-generic';

export const BUILTIN_PROFILES: readonly DeviceProfile[] = [aimM10Profile(0x03), aimM10Profile(0x04), bender425Profile(), isomedCom462Profile(2), im20hProfile()];

/** Custom first, then built-in; a COM462RTU id names its BMS address ("…-bms3"), any of 1…150. */
export function findProfile(id: string, custom: readonly DeviceProfile[] = []): DeviceProfile | null {
  return custom.find((p) => p.id === id) ?? BUILTIN_PROFILES.find((p) => p.id === id) ?? com462ProfileFromId(id);
}

/** Runs a profile's decoder; a decoder bug becomes "invalid" readings instead of an exception in the UI. */
export function safeDecode(profile: DeviceProfile, results: readonly BlockResult[], at: number): Readings {
  try {
    return profile.decode(results, at);
  } catch {
    const bad = { value: NaN, at, problem: 'invalid' as const };
    return { insulationKohm: bad, thcMa: bad, loadA: bad, temperatureC: bad, device: { bits: {}, at, problem: 'invalid' } };
  }
}
