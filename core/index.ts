/** The framework-free core: everything n8n and Node-RED adapters (and scripts) need. */
export { WeComClient } from './client';
export {
  DEFAULT_BASE_URL,
  DEFAULT_CONCURRENCY,
  MAX_CONCURRENCY,
  DEFAULT_TIMEOUT_MS,
  normalizeBaseUrl,
  requireCorpId,
  requireCorpSecret,
  checkConcurrency,
} from './connectionSettings';
export type { WeComClientOptions, RunOptions, StatisticResult, CallCounts } from './client';
export { ENDPOINTS } from './endpoints';
export { WeComError, InvalidInputError } from './errors/WeComError';
export type { WeComErrorKind } from './errors/WeComError';
export { INPUT_FIELDS } from './errors/inputFields';
export type { InputField, InputLabels } from './errors/inputFields';
export { hintFor, KNOWN_ERRCODES } from './errors/hints';
export { redact } from './errors/redact';
export type { Transport, HttpRequest, HttpResponse } from './http/transport';
export { createAxiosTransport } from './http/axiosTransport';
export { DEFAULT_RETRY } from './request/retryPolicy';
export type { RetryOptions, RetryReason } from './request/retryPolicy';
export type { RetryEvent, WeComCall, WeComBody } from './request/sendRequest';
export { TokenManager } from './token/tokenManager';
export { requestAccessToken } from './token/gettoken';
export type { AccessToken, AccessTokenRequest } from './token/gettoken';
export type { TokenProvider } from './token/tokenProvider';
export { MemoryTokenStore, sharedTokenStore } from './token/tokenStore';
export type { TokenStore, CachedToken } from './token/tokenStore';
export { formatDay, dayStartSeconds, parseDay, todayInChina } from './dates/chinaDay';
export type { ChinaDay, DayRange } from './dates/chinaDay';
export { resolveDateRange, availableRange, RETENTION_DAYS } from './dates/dayRange';
export type { DateRangeInput } from './dates/dayRange';
export { DATE_PRESETS, isDatePreset } from './dates/presets';
export type { DatePreset } from './dates/presets';
export { parseDateInput, DATE_FORMATS_ALLOWED } from './dates/parseDate';
export { ALL_OWNERS, normalizeOwners } from './query/owners';
export { validateQuery, MODES, ORDER_BY, MAX_LIMIT, OWNER_RECORDS } from './query/query';
export type { StatisticQuery, ValidQuery, StatisticMode, OrderField, OwnerRecordsChoice } from './query/query';
export { buildPlan } from './plan/planner';
export type { Plan } from './plan/planner';
export { MAX_WINDOW_DAYS } from './plan/windows';
export { MAX_OWNERS_PER_CALL } from './plan/batches';
export type { Progress } from './run/executor';
export { STAT_FIELDS } from './records/fields';
export type { StatData, StatField } from './records/fields';
export type { OwnerRecord, DayRecord, StatRecord } from './records/records';
export { flattenRecord, rawRecord } from './records/shape';
export type { FlatRecord } from './records/shape';
export { dueDays, advanceCursor, lastReadyDay, DEFAULT_READY_TIME, MAX_BACKFILL_DAYS } from './history/dueDays';
export { fetchDays } from './history/fetchDays';
export type { HistoryQuery, FetchedDay } from './history/fetchDays';
export type { HistoryStart, HistorySettings, DueDays } from './history/dueDays';
export { LostDaysError, describeDays } from './history/lostDays';
