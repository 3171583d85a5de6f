import type { INodeProperties } from 'n8n-workflow';
import type { InputField, InputLabels } from '../../core/errors/inputFields';

/** The n8n parameter (or credential field) behind each core field. */
const PARAMETER: Record<Exclude<InputField, 'cursor'>, string> = {
  mode: 'mode',
  preset: 'dateRange',
  dates: 'dateRange',
  from: 'from',
  to: 'to',
  clamp: 'clamp',
  ownerSource: 'ownerSource',
  owners: 'owners',
  orderBy: 'orderBy',
  ascending: 'sortDirection',
  limit: 'limit',
  ownerRecords: 'ownerRecords',
  concurrency: 'concurrency',
  baseUrl: 'baseUrl',
  corpId: 'corpId',
  corpSecret: 'corpSecret',
  start: 'start',
  backfillDays: 'backfillDays',
  startDate: 'startDate',
  readyTime: 'readyTime',
};

// The trigger keeps it in the workflow's static data: no parameter shows it.
const CURSOR = 'Last Day Emitted (stored by the trigger)';

/** Every property, those inside collections (Options) too. */
function flatten(properties: readonly INodeProperties[]): INodeProperties[] {
  return properties.flatMap((property) => [
    property,
    ...flatten((property.options ?? []).filter((option): option is INodeProperties => 'displayName' in option)),
  ]);
}

/**
 * The core's fields named as n8n's panel names them: each by the displayName of its
 * parameter in `properties`, and options by their names. Fields with no parameter there keep their id.
 */
export function parameterLabels(properties: readonly INodeProperties[]): InputLabels {
  const byName = new Map(flatten(properties).map((property) => [property.name, property]));
  const fields: Partial<Record<InputField, string>> = { cursor: CURSOR };
  const options: Partial<Record<InputField, Record<string, string>>> = {};
  for (const [field, name] of Object.entries(PARAMETER) as [InputField, string][]) {
    const property = byName.get(name);
    if (property === undefined) continue;
    fields[field] = property.displayName;
    if (property.type === 'options') {
      options[field] = Object.fromEntries((property.options ?? []).flatMap((option) => ('value' in option ? [[String(option.value), option.name]] : [])));
    }
  }
  return { fields, options };
}
