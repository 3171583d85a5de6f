import type { Emulator } from '../../../emulator';
import { serializeEverything } from '../../support/serializeEverything';
import { findSecrets } from '../knownSecrets';

/**
 * Everything a suite saw (items, messages, errors with stacks, run data, logs), kept as
 * text with every access token the emulators issued, for one scan at the end of the file.
 */
export class Captured {
  readonly texts: Record<string, string> = {};
  private readonly tokens = new Set<string>();

  add(where: string, value: unknown): void {
    const key = where in this.texts ? `${where} #${Object.keys(this.texts).length}` : where;
    this.texts[key] = serializeEverything(value);
  }

  /** Call before the emulator closes: its tokens are the needles. */
  tokensOf(emu: Emulator): void {
    for (const token of emu.issuedTokens()) this.tokens.add(token);
  }

  get tokenCount(): number {
    return this.tokens.size;
  }

  leaks(): string[] {
    return findSecrets(this.texts, [...this.tokens]);
  }

  /** All captured text, to check the scan had something to look at. */
  joined(): string {
    return Object.values(this.texts).join('\n');
  }
}
