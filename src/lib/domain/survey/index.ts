// The survey's pure functions the report and other screens read (see each module's header).
export { softwareCatalogue, productKey, normaliseVersion, type CatalogueEntry } from './software';
export { softwareCompliance, isFreeSoftware, EXPIRY_WARNING_DAYS, type ComplianceRow, type ComplianceStatus, type LicenceRecord } from './licences';
export { hardwareGroups, hardwareKey, imageCoverage, isImportant, IMAGED_TYPES, IMAGE_IMPORTANCE, type HardwareGroup, type ImageCoverage, type ImageRecord } from './images';
export { antivirusSummary, type AntivirusSummary } from './antivirus';
export { driversForDevice, driverApplies, type DriverRecord } from './drivers';
export { maskLicenceKey } from './licenceKey';
export { isPlaceholderSerial, cleanSerial } from './placeholders';
