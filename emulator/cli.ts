#!/usr/bin/env node
import { parseArgs } from 'util';
import { formatDay, todayInChina } from '../core/dates/chinaDay';
import { DEFAULTS, EmulatorOptionError, EmulatorOptions, resolveOptions } from './options';
import { startEmulator } from './server';

type Kind = 'integer' | 'number' | 'string' | 'list' | 'boolean';

/** Each flag and the option it sets; `faults.x` paths land in the faults table. */
const FLAGS: Record<string, { option: string; kind: Kind }> = {
  port: { option: 'port', kind: 'integer' },
  host: { option: 'host', kind: 'string' },
  seed: { option: 'seed', kind: 'integer' },
  owners: { option: 'owners', kind: 'integer' },
  members: { option: 'members', kind: 'integer' },
  industry: { option: 'industry', kind: 'string' },
  'invisible-owner': { option: 'invisibleOwners', kind: 'list' },
  today: { option: 'today', kind: 'string' },
  'token-lifetime': { option: 'tokenLifetimeSeconds', kind: 'integer' },
  latency: { option: 'latencyMs', kind: 'number' },
  'rate-limit-per-minute': { option: 'rateLimitPerMinute', kind: 'integer' },
  'rate-limit-per-hour': { option: 'rateLimitPerHour', kind: 'integer' },
  'max-concurrent': { option: 'maxConcurrentPerApi', kind: 'integer' },
  'fault-busy': { option: 'faults.busy', kind: 'number' },
  'fault-rate-limited': { option: 'faults.rateLimited', kind: 'number' },
  'fault-concurrency': { option: 'faults.concurrency', kind: 'number' },
  'fault-http5xx': { option: 'faults.http5xx', kind: 'number' },
  'fault-reset': { option: 'faults.reset', kind: 'number' },
  'fault-timeout': { option: 'faults.timeout', kind: 'number' },
  'fault-malformed': { option: 'faults.malformed', kind: 'number' },
  'fault-seed': { option: 'faultSeed', kind: 'integer' },
  'faults-on-gettoken': { option: 'faultsOnGettoken', kind: 'boolean' },
  'page-size-cap': { option: 'pageSizeCap', kind: 'integer' },
  'paging-anomaly': { option: 'pagingAnomaly', kind: 'string' },
  'corp-id': { option: 'corpId', kind: 'string' },
  'corp-secret': { option: 'corpSecret', kind: 'string' },
};

const USAGE = `Usage: wecom-emulator [options]

A local WeCom (企业微信) server for the group chat statistic APIs: gettoken,
get_follow_user_list, groupchat/statistic and groupchat/statistic_group_by_day.
Prints its base URL on the first line, then the credential to use.

  --port N                   port, 0 = any free port (default ${DEFAULTS.port})
  --host HOST                address to listen on (default ${DEFAULTS.host})
  --corp-id X                corp ID it accepts (default ${DEFAULTS.corpId})
  --corp-secret X            secret it accepts (default ${DEFAULTS.corpSecret})
  --seed N                   seed of all synthetic data (default ${DEFAULTS.seed})
  --owners N                 members with Customer Contact, up to 99999 (default ${DEFAULTS.owners})
  --members N                visible members, >= owners; over 1000 an unfiltered query gives 81017 (default = owners)
  --industry general|education   education adds migrate_trainee_chat_cnt (default ${DEFAULTS.industry})
  --invisible-owner ID       an owner outside the app's visible range (60011); repeatable
  --today YYYY-MM-DD         China date treated as today (default: the real date)
  --token-lifetime S         access token lifetime in seconds (default ${DEFAULTS.tokenLifetimeSeconds})
  --latency MS               delay before every response (default ${DEFAULTS.latencyMs})
  --rate-limit-per-minute N  calls per API per minute before 45009 (default ${DEFAULTS.rateLimitPerMinute})
  --rate-limit-per-hour N    calls per API per hour before 45009 (default ${DEFAULTS.rateLimitPerHour})
  --max-concurrent N         in-flight calls per API before 45033, 0 = unlimited (default ${DEFAULTS.maxConcurrentPerApi})
  --fault-busy P             probability 0..1 of errcode -1 (system busy)
  --fault-rate-limited P     probability of errcode 45009
  --fault-concurrency P      probability of errcode 45033
  --fault-http5xx P          probability of an HTTP 502/503 gateway page
  --fault-reset P            probability of a dropped connection
  --fault-timeout P          probability of never answering
  --fault-malformed P        probability of a truncated or HTML body with HTTP 200
  --fault-seed N             seed of the fault sequence (default ${DEFAULTS.faultSeed})
  --faults-on-gettoken       let faults hit gettoken too
  --page-size-cap N          at most N owners per by-owner page, whatever the limit asked,
                             as a server may send fewer; 0 = as asked (default ${DEFAULTS.pageSizeCap})
  --paging-anomaly KIND      by-owner paging misbehaves, the same way on every run (default ${DEFAULTS.pagingAnomaly}):
                             stuckOffset    a page that is not the last answers next_offset = its offset
                             emptyPage      a page that is not the last has no items
                             repeatedOwner  each later page repeats the previous page's last owner
                                            and never sends the owner it displaced
                             changingTotal  the first of several pages counts one owner fewer
                                            (the top one, not yet "arrived"); later pages count all
                             Use with --page-size-cap: one page of up to 1000 has no paging to break.
  --help                     show this text
`;

export class CliUsageError extends Error {}

export type CliCommand = { help: true } | { help: false; options: EmulatorOptions };

function convert(flag: string, kind: Kind, raw: string | boolean | string[]): unknown {
  if (kind !== 'integer' && kind !== 'number') return raw;
  const value = typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : NaN;
  if (kind === 'integer' ? !Number.isInteger(value) : !Number.isFinite(value)) {
    throw new CliUsageError(`--${flag} must be ${kind === 'integer' ? 'an integer' : 'a number'}, got ${JSON.stringify(raw)}`);
  }
  return value;
}

/** Parses argv (without node and script) into emulator options, validated; throws CliUsageError naming the flag. */
export function parseCliArgs(argv: string[]): CliCommand {
  let values: Record<string, string | boolean | string[] | undefined>;
  try {
    const config = Object.fromEntries(
      Object.entries(FLAGS).map(([flag, { kind }]) => [flag, { type: kind === 'boolean' ? 'boolean' : 'string', multiple: kind === 'list' }]),
    ) as Record<string, { type: 'string' | 'boolean'; multiple: boolean }>;
    ({ values } = parseArgs({ args: argv, options: { ...config, help: { type: 'boolean' } }, strict: true, allowPositionals: false }));
  } catch (error) {
    throw new CliUsageError((error as Error).message);
  }
  if (values.help) return { help: true };

  const options: Record<string, unknown> = {};
  const faults: Record<string, unknown> = {};
  for (const [flag, raw] of Object.entries(values)) {
    if (raw === undefined || flag === 'help') continue;
    const { option, kind } = FLAGS[flag];
    const value = convert(flag, kind, raw);
    if (option.startsWith('faults.')) faults[option.slice('faults.'.length)] = value;
    else options[option] = value;
  }
  if (Object.keys(faults).length > 0) options.faults = faults;
  try {
    resolveOptions(options);
  } catch (error) {
    if (!(error instanceof EmulatorOptionError)) throw error;
    const flag = Object.keys(FLAGS).find((name) => FLAGS[name].option === error.option) ?? error.option;
    throw new CliUsageError(`--${flag} ${error.problem}`);
  }
  return { help: false, options };
}

async function main(): Promise<void> {
  let command: CliCommand;
  try {
    command = parseCliArgs(process.argv.slice(2));
  } catch (error) {
    if (!(error instanceof CliUsageError)) throw error;
    process.stderr.write(`wecom-emulator: ${error.message}\nRun "wecom-emulator --help" for the options.\n`);
    process.exit(2);
  }
  if (command.help) {
    process.stdout.write(USAGE);
    return;
  }
  const emulator = await startEmulator(command.options);
  const today = command.options.today ?? `${formatDay(todayInChina())} (the real date)`;
  process.stdout.write(
    `${emulator.baseUrl}\n` +
      `WeCom emulator: ${emulator.company.ownerIds.length} owners, seed ${emulator.company.seed}, today ${today} China time.\n` +
      `Credential: Base URL ${emulator.baseUrl}  Corp ID ${emulator.corpId}  Secret ${emulator.corpSecret}\n` +
      'Press Ctrl+C to stop.\n',
  );
  const stop = () => void emulator.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

if (require.main === module) {
  main().catch((error: unknown) => {
    process.stderr.write(`wecom-emulator: ${(error as Error).message}\n`);
    process.exit(1);
  });
}
