import { CliUsageError, parseCliArgs } from '../../emulator/cli';
import { EmulatorOptionError, startEmulator } from '../../emulator';

describe('emulator command line', () => {
  it('starts from defaults with no arguments', () => {
    expect(parseCliArgs([])).toEqual({ help: false, options: {} });
  });

  it('recognises --help', () => {
    expect(parseCliArgs(['--help'])).toEqual({ help: true });
  });

  it('maps every flag onto its option', () => {
    const command = parseCliArgs([
      '--port', '0', '--host', '127.0.0.1', '--seed', '42', '--owners', '50', '--members', '1200', '--industry', 'education',
      '--invisible-owner', 'owner_00002', '--invisible-owner', 'owner_00003', '--today', '2024-06-10', '--token-lifetime', '60',
      '--latency', '12.5', '--rate-limit-per-minute', '100', '--rate-limit-per-hour', '1000', '--max-concurrent', '3',
      '--fault-busy', '0.1', '--fault-rate-limited', '0.2', '--fault-concurrency', '0.3', '--fault-http5xx', '0.4',
      '--fault-reset', '0.5', '--fault-timeout', '0.6', '--fault-malformed', '0.7', '--fault-seed', '9', '--faults-on-gettoken',
      '--corp-id', 'ww_test', '--corp-secret', 's3cret', '--page-size-cap', '10', '--paging-anomaly', 'repeatedOwner',
    ]);
    expect(command).toEqual({
      help: false,
      options: {
        port: 0, host: '127.0.0.1', seed: 42, owners: 50, members: 1200, industry: 'education',
        invisibleOwners: ['owner_00002', 'owner_00003'], today: '2024-06-10', tokenLifetimeSeconds: 60, latencyMs: 12.5,
        rateLimitPerMinute: 100, rateLimitPerHour: 1000, maxConcurrentPerApi: 3,
        faults: { busy: 0.1, rateLimited: 0.2, concurrency: 0.3, http5xx: 0.4, reset: 0.5, timeout: 0.6, malformed: 0.7 },
        faultSeed: 9, faultsOnGettoken: true, corpId: 'ww_test', corpSecret: 's3cret', pageSizeCap: 10, pagingAnomaly: 'repeatedOwner',
      },
    });
  });

  it.each([
    [['--nope'], '--nope'],
    [['--port'], '--port'],
    [['--port', 'abc'], '--port'],
    [['--port', '70000'], '--port'],
    [['--seed', '1.5'], '--seed'],
    [['--owners', '100000'], '--owners'],
    [['--owners', '10', '--members', '5'], '--members'],
    [['--industry', 'retail'], '--industry'],
    [['--today', '2024-02-30'], '--today'],
    [['--latency', ''], '--latency'],
    [['--fault-busy', '2'], '--fault-busy'],
    [['--fault-timeout', '-0.1'], '--fault-timeout'],
    [['--token-lifetime', '0'], '--token-lifetime'],
    [['--page-size-cap', '1001'], '--page-size-cap'],
    [['--paging-anomaly', 'often'], '--paging-anomaly'],
    [['extra'], 'extra'],
  ])('rejects %p naming %s', (argv, named) => {
    let thrown: unknown;
    try {
      parseCliArgs(argv);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(CliUsageError);
    expect((thrown as Error).message).toContain(named);
  });

  it('produces options the emulator starts with', async () => {
    const command = parseCliArgs(['--port', '0', '--owners', '7', '--corp-id', 'ww_cli']);
    if (command.help) throw new Error('unexpected help');
    const emu = await startEmulator(command.options);
    try {
      expect(emu.corpId).toBe('ww_cli');
      expect(emu.company.ownerIds).toHaveLength(7);
      const response = await fetch(`${emu.baseUrl}/cgi-bin/gettoken?corpid=ww_cli&corpsecret=${emu.corpSecret}`);
      expect(((await response.json()) as { errcode: number }).errcode).toBe(0);
    } finally {
      await emu.close();
    }
  });
});

describe('emulator options', () => {
  it.each([
    [{ sede: 1 }, 'sede'],
    [{ owners: -1 }, 'owners'],
    [{ members: 10, owners: 20 }, 'members'],
    [{ invisibleOwners: 'owner_00001' }, 'invisibleOwners'],
    [{ latencyMs: -5 }, 'latencyMs'],
    [{ faults: { busy: 1.5 } }, 'faults.busy'],
    [{ faults: { sometimes: 0.5 } }, 'faults.sometimes'],
    [{ faultsOnGettoken: 'yes' }, 'faultsOnGettoken'],
    [{ today: '10/06/2024' }, 'today'],
    [{ host: '' }, 'host'],
  ])('rejects %p naming %s', async (options, named) => {
    const failure = startEmulator(options as never);
    await expect(failure).rejects.toBeInstanceOf(EmulatorOptionError);
    await expect(failure).rejects.toMatchObject({ option: named });
  });

  it('validates setToday', async () => {
    const emu = await startEmulator({ port: 0 });
    try {
      expect(() => emu.setToday('2024-13-01')).toThrow(EmulatorOptionError);
    } finally {
      await emu.close();
    }
  });
});
