export { startEmulator, ENDPOINTS } from './server';
export type { Emulator, EndpointName, RequestLogEntry } from './server';
export { DEFAULTS, EmulatorOptionError, FAULT_KINDS, PAGING_ANOMALIES } from './options';
export type { EmulatorOptions, FaultKind, FaultProbabilities, Industry, PagingAnomaly, PagingSettings } from './options';
export type { Company, StatData } from './company';
