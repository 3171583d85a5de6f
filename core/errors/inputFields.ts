/**
 * The fields bad input can be in, by stable id. Errors name a field by its id; each host
 * names it by the label its users see (n8n's parameter names, Node-RED's dialog labels).
 */
export const INPUT_FIELDS = [
  'mode',
  'preset',
  /** The date range as a whole: a preset and From/To together, or nothing left after clamping. */
  'dates',
  'from',
  'to',
  'clamp',
  /** Where the owners come from (all members with Customer Contact, or a list). */
  'ownerSource',
  'owners',
  'orderBy',
  'ascending',
  'limit',
  'ownerRecords',
  'concurrency',
  'baseUrl',
  'corpId',
  'corpSecret',
  'start',
  'backfillDays',
  'startDate',
  'readyTime',
  /** The last day a history delivered, as stored by the host. */
  'cursor',
] as const;

export type InputField = (typeof INPUT_FIELDS)[number];

/** A field, or one of its options, named inside an error's text. */
export interface FieldRef {
  readonly ref: InputField;
  readonly option?: string;
}

export const ref = (field: InputField): FieldRef => ({ ref: field });
export const optionRef = (field: InputField, option: string): FieldRef => ({ ref: field, option });

/** Text that may name fields: each host renders them with its own labels. */
export type InputText = readonly (string | FieldRef)[];

/** A host's names for the fields (and the options an error may name). */
export interface InputLabels {
  fields: Readonly<Partial<Record<InputField, string>>>;
  options?: Readonly<Partial<Record<InputField, Readonly<Record<string, string>>>>>;
}

/** `say\`after ${ref('to')}\``: the text with the field kept as a reference. */
export function say(strings: TemplateStringsArray, ...values: (string | number | FieldRef)[]): InputText {
  const parts: (string | FieldRef)[] = [strings[0]];
  values.forEach((value, index) => parts.push(typeof value === 'object' ? value : String(value), strings[index + 1]));
  return parts;
}

/** The field's label; without labels (or one missing), its id: the core's own property name. */
export function labelOf(field: InputField, labels?: InputLabels): string {
  return labels?.fields[field] ?? field;
}

/** The text with each reference named by its label, or else by its id in quotes ("to"). */
export function renderText(text: InputText | string, labels?: InputLabels): string {
  if (typeof text === 'string') return text;
  return text
    .map((part) => {
      if (typeof part === 'string') return part;
      const label = part.option === undefined ? labels?.fields[part.ref] : labels?.options?.[part.ref]?.[part.option];
      return label ?? `"${part.option ?? part.ref}"`;
    })
    .join('');
}
