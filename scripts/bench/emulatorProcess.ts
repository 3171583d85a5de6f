/**
 * The emulator in a child process, so its work does not share the measured process's
 * event loop or memory. Started from the built CLI; its admin API gives the call counts.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { resolve } from 'node:path';
import { DEFAULTS, type FaultProbabilities } from '../../emulator/options';

const CLI = resolve(__dirname, '../../emulator/cli.js');

export interface EmulatorSettings {
  owners: number;
  members: number;
  latencyMs: number;
  faultSeed?: number;
}


export class EmulatorProcess {
  readonly corpId = DEFAULTS.corpId;
  readonly corpSecret = DEFAULTS.corpSecret;

  private constructor(
    private readonly child: ChildProcess,
    readonly baseUrl: string,
  ) {}

  static async start(settings: EmulatorSettings): Promise<EmulatorProcess> {
    const args = [CLI, '--port', '0', '--seed', '2026', '--owners', String(settings.owners), '--members', String(settings.members)];
    args.push('--latency', String(settings.latencyMs), '--fault-seed', String(settings.faultSeed ?? 1));
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
    const firstLine = await new Promise<string>((resolvePromise, reject) => {
      const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
      const timer = setTimeout(() => reject(new Error('the emulator did not start within 10 s')), 10_000);
      lines.once('line', (line) => {
        clearTimeout(timer);
        resolvePromise(line);
      });
      child.once('exit', (code) => reject(new Error(`the emulator exited with ${code}`)));
    });
    child.removeAllListeners('exit');
    return new EmulatorProcess(child, firstLine.trim());
  }

  /** Calls per endpoint since the last reset, as the emulator logged them. */
  async calls(): Promise<{ total: number; endpoints: Record<string, number> }> {
    const response = await fetch(`${this.baseUrl}/__emulator/calls`);
    return (await response.json()) as { total: number; endpoints: Record<string, number> };
  }

  async setFaults(faults: Partial<FaultProbabilities>): Promise<void> {
    const response = await fetch(`${this.baseUrl}/__emulator/faults`, { method: 'POST', body: JSON.stringify(faults) });
    if (!response.ok) throw new Error(`the emulator refused the faults: ${await response.text()}`);
  }

  async resetLog(): Promise<void> {
    await fetch(`${this.baseUrl}/__emulator/reset-log`, { method: 'POST' });
  }

  async stop(): Promise<void> {
    if (this.child.exitCode !== null) return;
    const exited = new Promise((resolvePromise) => this.child.once('exit', resolvePromise));
    this.child.kill('SIGTERM');
    const killer = setTimeout(() => this.child.kill('SIGKILL'), 5_000);
    await exited;
    clearTimeout(killer);
  }
}
