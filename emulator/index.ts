export { startEmulator, ENDPOINTS } from './server';
export type { Emulator, EndpointName, RequestLogEntry } from './server';
export { DEFAULTS, EmulatorOptionError, FAULT_KINDS } from './options';
export type { EmulatorOptions, FaultKind, FaultProbabilities, Industry } from './options';
export type { Company, StatData } from './company';
