import { hintFor } from './hints';
import { labelOf, renderText, type InputField, type InputLabels, type InputText } from './inputFields';
import { redact } from './redact';

export type WeComErrorKind = 'api' | 'http' | 'network' | 'malformed' | 'paging';

export interface WeComErrorDetails {
  kind: WeComErrorKind;
  /** WeCom's errcode; undefined for network, HTTP and body failures. */
  errcode?: number;
  /** WeCom's own errmsg, or a description of the network/HTTP failure. */
  errmsg: string;
  /** The endpoint path, e.g. 'externalcontact/groupchat/statistic'. */
  endpoint: string;
  /** The URL with access_token and corpsecret masked. */
  url?: string;
  httpStatus?: number;
  /** How many times the request was sent. */
  attempts: number;
  /** What the user can do; by default the hint for `errcode`. */
  hint?: string;
}

/** A WeCom call that failed for good. Its message and JSON never carry a secret or token. */
export class WeComError extends Error {
  readonly kind: WeComErrorKind;
  readonly errcode?: number;
  readonly errmsg: string;
  readonly endpoint: string;
  readonly url?: string;
  readonly httpStatus?: number;
  readonly attempts: number;
  readonly retried: boolean;
  readonly hint?: string;

  constructor(details: WeComErrorDetails, secrets: readonly (string | undefined)[] = []) {
    const errmsg = redact(details.errmsg, secrets);
    const hint = details.hint ?? (details.errcode === undefined ? undefined : hintFor(details.errcode));
    const code = details.errcode === undefined ? '' : ` errcode ${details.errcode}`;
    const tries = details.attempts > 1 ? ` after ${details.attempts} attempts` : '';
    super(redact(`WeCom ${details.endpoint} failed${tries}:${code} ${errmsg}${hint ? ` — ${hint}` : ''}`, secrets));
    this.name = 'WeComError';
    this.kind = details.kind;
    this.errcode = details.errcode;
    this.errmsg = errmsg;
    this.endpoint = details.endpoint;
    this.url = details.url === undefined ? undefined : redact(details.url, secrets);
    this.httpStatus = details.httpStatus;
    this.attempts = details.attempts;
    this.retried = details.attempts > 1;
    this.hint = hint;
  }

  toJSON(): Record<string, unknown> {
    return {
      name: this.name,
      message: this.message,
      kind: this.kind,
      errcode: this.errcode,
      errmsg: this.errmsg,
      endpoint: this.endpoint,
      url: this.url,
      httpStatus: this.httpStatus,
      attempts: this.attempts,
      retried: this.retried,
      hint: this.hint,
    };
  }
}

/** Bad input caught before any API call: names the field and what is allowed. */
export class InvalidInputError extends Error {
  /** The field's stable id (core/errors/inputFields.ts). */
  readonly fieldId: InputField;
  /** The field as the message names it: its id, or the host's label after withLabels(). */
  readonly field: string;
  readonly allowed: string;
  readonly #problem: InputText | string;
  readonly #allowed: InputText | string;

  constructor(field: InputField, problem: InputText | string, allowed: InputText | string, labels?: InputLabels) {
    const allowedText = renderText(allowed, labels);
    super(`Invalid ${labelOf(field, labels)}: ${renderText(problem, labels)}. Allowed: ${allowedText}.`);
    this.name = 'InvalidInputError';
    this.fieldId = field;
    this.field = labelOf(field, labels);
    this.allowed = allowedText;
    this.#problem = problem;
    this.#allowed = allowed;
  }

  /** The same error naming every field and option by a host's labels. */
  withLabels(labels: InputLabels): InvalidInputError {
    const labelled = new InvalidInputError(this.fieldId, this.#problem, this.#allowed, labels);
    labelled.stack = this.stack?.replace(this.message, labelled.message);
    return labelled;
  }
}
