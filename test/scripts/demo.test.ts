import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

// Runs the README's demo as a user would (from the built dist/), on a small company.
describe('npm run demo', () => {
  const out = mkdtempSync(join(tmpdir(), 'wecom-demo-'));
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it('prints real figures and writes CSV and JSON for both modes', async () => {
    const { stdout } = await run(process.execPath, ['scripts/demo.js'], {
      env: { ...process.env, DEMO_OWNERS: '120', DEMO_OUT: out },
      timeout: 30_000,
    });
    expect(stdout).toMatch(/^WeCom emulator at http:\/\/127\.0\.0\.1:\d+ with 120 members/);
    expect(stdout).toMatch(/90 days: \d+ new chats, \d+ new members\./);
    // 3 windows x 2 batches per mode.
    expect(stdout).toContain('Statistic calls planned: 12');
    const byDay = JSON.parse(readFileSync(join(out, 'by-day.json'), 'utf8'));
    const byOwner = JSON.parse(readFileSync(join(out, 'by-owner.json'), 'utf8'));
    expect(byDay).toHaveLength(90);
    expect(byOwner).toHaveLength(3 * 120);
    expect(byDay[0]).toEqual(expect.objectContaining({ owner_count: 120, new_chat_cnt: expect.any(Number) }));
    const csv = readFileSync(join(out, 'by-owner.csv'), 'utf8').trim().split('\n');
    expect(csv[0]).toBe('owner,start_date,end_date,day_begin_time,day_end_time,new_chat_cnt,chat_total,chat_has_msg,new_member_cnt,member_total,member_has_msg,msg_total');
    expect(csv).toHaveLength(1 + 3 * 120);
  });
});
