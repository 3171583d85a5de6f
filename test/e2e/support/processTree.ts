import type { ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

/** A process, with its start time so that a pid the system has since reused is never signalled. */
interface Proc {
  pid: number;
  start: string;
}

function stat(pid: number): { ppid: number; start: string } | undefined {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // After "pid (name) ": state, ppid, ... starttime is the 22nd field.
    const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
    return { ppid: Number(fields[1]), start: fields[19] };
  } catch {
    return undefined;
  }
}

/** `pid` and every process below it (Linux /proc): n8n's task runner, PostgreSQL's backends. */
export function processTree(pid: number): Proc[] {
  const children = new Map<number, Proc[]>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const info = stat(Number(entry));
    if (info) children.set(info.ppid, [...(children.get(info.ppid) ?? []), { pid: Number(entry), start: info.start }]);
  }
  const root = stat(pid);
  const tree: Proc[] = root ? [{ pid, start: root.start }] : [];
  for (let i = 0; i < tree.length; i++) tree.push(...(children.get(tree[i].pid) ?? []));
  return tree;
}

function signalTree(tree: Proc[], signal: NodeJS.Signals): void {
  for (const proc of tree) {
    if (stat(proc.pid)?.start !== proc.start) continue;
    try {
      process.kill(proc.pid, signal);
    } catch {
      // gone meanwhile
    }
  }
}

/**
 * Ends `child` and the processes it started: stop() sends `signal`, then SIGKILL to all of
 * them after 10 s, and SIGKILL to any child left behind once it exited; kill() sends SIGKILL
 * to all at once, as when a machine dies.
 */
export function stoppable(child: ChildProcess, signal: NodeJS.Signals = 'SIGTERM'): { exited(): boolean; stop(): Promise<void>; kill(): Promise<void> } {
  const exited = () => child.exitCode !== null || child.signalCode !== null;
  const exit = new Promise((resolve) => child.once('exit', resolve));
  const kill = async (): Promise<void> => {
    if (exited()) return;
    signalTree(processTree(child.pid as number), 'SIGKILL');
    await exit;
  };
  const stop = async (): Promise<void> => {
    if (exited()) return;
    const tree = processTree(child.pid as number);
    child.kill(signal);
    const killer = setTimeout(() => signalTree([...tree, ...processTree(child.pid as number)], 'SIGKILL'), 10_000);
    await exit;
    clearTimeout(killer);
    signalTree(tree, 'SIGKILL');
  };
  return { exited, stop, kill };
}
