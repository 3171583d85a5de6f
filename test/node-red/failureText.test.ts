import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { hintFor, KNOWN_ERRCODES, rejectedAgainHint } from '../../core/errors/hints';
import { InvalidInputError, WeComError } from '../../core/errors/WeComError';
import { LostDaysError } from '../../core/history/lostDays';
import { failureMessage, nodeFailure } from '../../nodes/node-red/failureText';
import type { NodeRedNode, NodeRedRuntime } from '../../nodes/node-red/nodeRedTypes';
import { catalogText, catalogTranslator } from '../support/nodeRedCatalog';

const runtime = (lang: string): NodeRedRuntime => ({ _: catalogTranslator(lang) }) as unknown as NodeRedRuntime;
const named = (name?: string): NodeRedNode => ({ id: 'n1', type: 'wecom-groupchat-statistic', name }) as NodeRedNode;
const hints = (lang: string): Record<string, string> | undefined =>
  (JSON.parse(readFileSync(join(__dirname, '../../nodes/node-red/locales', lang, 'wecom-config.json'), 'utf8'))['wecom-config'] as { hints?: Record<string, string> }).hints;

// The shape WeCom's errmsg has (platform notes): its words, its request hint, the caller's IP, a link.
const ERRMSG = 'invalid credential, hint: [1700000000_1_abc], from ip: 1.2.3.4, more info at https://open.work.weixin.qq.com/devtool/query?e=40001';
const badSecret = (errmsg = ERRMSG, secrets: string[] = []): WeComError =>
  new WeComError({ kind: 'api', errcode: 40001, errmsg, endpoint: 'gettoken', url: 'https://qyapi.weixin.qq.com/cgi-bin/gettoken', attempts: 1 }, secrets);

describe('what a failed run tells Node-RED users', () => {
  it('en-US: the node name, our hint, then WeCom errcode and errmsg, its request hint and link last', () => {
    expect(failureMessage(runtime('en-US'), named('Daily report'), badSecret())).toBe(`"Daily report": ${hintFor(40001)} WeCom gettoken failed: errcode 40001, ${ERRMSG}`);
    expect(failureMessage(runtime('en-US'), named(), badSecret())).toBe(`${hintFor(40001)} WeCom gettoken failed: errcode 40001, ${ERRMSG}`);
  });

  it('zh-CN: the same order, in Chinese, with the Chinese hint; WeCom\'s words stay its own', () => {
    const zhHint = catalogText('zh-CN', 'wecom-config.hints.40001');
    expect(zhHint).toMatch(/^Secret 无效/);
    expect(failureMessage(runtime('zh-CN'), named('日报'), badSecret())).toBe(`“日报”：${zhHint} 企业微信 gettoken 调用失败：错误码 40001，${ERRMSG}`);
  });

  it('names the attempts after retries, and a failure without errcode gives WeCom\'s or the network\'s words', () => {
    const busy = new WeComError({ kind: 'api', errcode: -1, errmsg: 'system busy', endpoint: 'externalcontact/groupchat/statistic', attempts: 4 });
    expect(failureMessage(runtime('en-US'), named(), busy)).toBe(`${hintFor(-1)} WeCom externalcontact/groupchat/statistic failed after 4 attempts: errcode -1, system busy`);
    const network = new WeComError({ kind: 'network', errmsg: 'connect ECONNREFUSED 127.0.0.1:9', endpoint: 'gettoken', attempts: 4 });
    expect(failureMessage(runtime('en-US'), named(), network)).toBe('WeCom gettoken failed after 4 attempts: connect ECONNREFUSED 127.0.0.1:9');
    expect(failureMessage(runtime('zh-CN'), named(), network)).toBe('企业微信 gettoken 调用失败（已尝试 4 次）：connect ECONNREFUSED 127.0.0.1:9');
  });

  it('a hint written for one failure (a token rejected again) is not swapped for the errcode\'s usual one', () => {
    const again = new WeComError({ kind: 'api', errcode: 40014, errmsg: 'invalid access_token', endpoint: 'externalcontact/get_follow_user_list', attempts: 1, hint: rejectedAgainHint(40014, false) });
    expect(failureMessage(runtime('zh-CN'), named(), again).startsWith(rejectedAgainHint(40014, false))).toBe(true);
  });

  it('lost days in both languages; bad input keeps the core\'s text, labelled', () => {
    expect(failureMessage(runtime('en-US'), named(), new LostDaysError(['2026-04-01', '2026-04-02']))).toBe(new LostDaysError(['2026-04-01', '2026-04-02']).message);
    expect(failureMessage(runtime('zh-CN'), named(), new LostDaysError(['2026-04-01', '2026-04-02']))).toBe(
      '企业微信已不再保存 2026-04-01 至 2026-04-02（2 天）的数据：它只保存最近 180 天，这些日期未能发送。历史从下一天继续。',
    );
    expect(failureMessage(runtime('zh-CN'), named(), new LostDaysError(['2026-04-01']))).toBe('企业微信已不再保存 2026-04-01 的数据：它只保存最近 180 天，这一天未能发送。历史从下一天继续。');
    const bad = new InvalidInputError('to', 'got "x"', 'a day as YYYY-MM-DD');
    expect(failureMessage(runtime('en-US'), named('Weekly'), bad)).toBe(`"Weekly": ${bad.message}`);
  });

  it('zh-CN translates the hint of every errcode the core knows; en-US has none, the core\'s English is the one text', () => {
    const zh = hints('zh-CN') ?? {};
    expect(Object.keys(zh).map(Number).sort((a, b) => a - b)).toEqual([...KNOWN_ERRCODES].sort((a, b) => a - b));
    expect(hints('en-US')).toBeUndefined();
  });

  it('the error for done() keeps the class and details, with the new message in its stack, and no secret', () => {
    const secret = 'a-corp-secret-that-leaked-into-errmsg';
    const original = badSecret(`invalid credential ${secret}, more info at https://open.work.weixin.qq.com/devtool/query?e=40001`, [secret]);
    const failure = nodeFailure(runtime('en-US'), named('Daily report'), original);
    expect(failure).toBeInstanceOf(WeComError);
    expect(failure).toMatchObject({ name: 'WeComError', errcode: 40001, endpoint: 'gettoken', url: original.url, hint: hintFor(40001) });
    expect(String(failure)).toBe(`WeComError: ${failure.message}`);
    expect(failure.message.startsWith(`"Daily report": ${hintFor(40001)}`)).toBe(true);
    expect(failure.stack?.startsWith(`WeComError: ${failure.message}\n    at `)).toBe(true);
    expect(JSON.stringify(failure)).toContain(JSON.stringify(failure.message));
    expect(`${failure.message} ${failure.stack} ${JSON.stringify(failure)}`).not.toContain(secret);
    // The core's error is left as it was.
    expect(original.message.startsWith('WeCom gettoken failed')).toBe(true);
  });
});
