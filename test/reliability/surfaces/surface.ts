import type { InputLabels } from '../../../core/errors/inputFields';
import type { InputKey, UserInput } from '../badInputs';

/** How a run ended, as the user sees it, plus everything it left behind. */
export interface Outcome {
  /** Records returned; undefined when the run failed. */
  records?: number;
  /** The class of the error the host reports. */
  errorName?: string;
  /** The error message the host shows (with its description, if any). */
  message?: string;
  /** The field and allowed values the host reports with the error. */
  field?: string;
  allowed?: string;
  /** Texts to scan for leaked secrets, by where they came from. */
  captured: Record<string, string>;
}

/** A place where a user gives input: the core's API, the n8n node, a Node-RED node or message. */
export interface Surface {
  name: string;
  /** What a user can set here. */
  keys: readonly InputKey[];
  /** The class of error bad input must give here. */
  errorName: string;
  /** How this surface names the fields; none: by the core's ids. */
  labels?: InputLabels;
  /** Whether the bad values can be given here at all (Node-RED properties are text). */
  accepts(bad: UserInput): boolean;
  run(input: UserInput): Promise<Outcome>;
}
