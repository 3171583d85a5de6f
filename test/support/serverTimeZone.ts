import * as vm from 'vm';

/**
 * Jest hands each test file a copy of process.env, and Node resets its time zone only when
 * the real process.env.TZ changes, so the zone is set on both.
 */
const envs = [process.env, (vm.runInThisContext('process') as NodeJS.Process).env];

/** Sets the server's time zone (undefined: the machine's); returns the previous settings. */
export function setServerTimeZone(zone: string | undefined): () => void {
  const saved = envs.map((env) => env.TZ);
  const apply = (zones: (string | undefined)[]): void =>
    envs.forEach((env, i) => {
      const value = zones[i];
      if (value === undefined) delete env.TZ;
      else env.TZ = value;
    });
  apply([zone, zone]);
  return () => apply(saved);
}
