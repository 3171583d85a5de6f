import { WeComError } from '../../core/errors/WeComError';
import { KNOWN_ERRCODES, hintFor } from '../../core/errors/hints';
import { redact, redactUrl } from '../../core/errors/redact';

describe('redact', () => {
  it('masks access_token and corpsecret query parameters', () => {
    expect(redact('GET /cgi-bin/gettoken?corpid=ww1&corpsecret=S3cr3tValue&x=1')).toBe('GET /cgi-bin/gettoken?corpid=ww1&corpsecret=***&x=1');
    expect(redact('POST /x?access_token=abc.DEF-123 failed')).toBe('POST /x?access_token=*** failed');
  });

  it('masks tokens and secrets in JSON text', () => {
    expect(redact('{"access_token":"tok-123456","expires_in":7200}')).toBe('{"access_token":"***","expires_in":7200}');
    expect(redact('{"corpSecret": "abcdefgh"}')).toBe('{"corpSecret":"***"}');
  });

  it('masks every occurrence of known secret values anywhere', () => {
    expect(redact('secret is SUPERSECRET and again SUPERSECRET', ['SUPERSECRET'])).toBe('secret is *** and again ***');
  });

  it('leaves short values alone so ordinary words survive', () => {
    expect(redact('ok then', ['ok'])).toBe('ok then');
  });

  it('builds masked URLs', () => {
    expect(redactUrl('https://h/cgi-bin/gettoken', { corpid: 'ww1', corpsecret: 'abc' })).toBe('https://h/cgi-bin/gettoken?corpid=ww1&corpsecret=***');
  });
});

describe('WeComError', () => {
  it('carries errcode, WeCom message, endpoint, attempts and hint, without secrets', () => {
    const error = new WeComError(
      { kind: 'api', errcode: 40001, errmsg: 'invalid credential, corpsecret=TopSecret1', endpoint: 'gettoken', url: 'https://h/cgi-bin/gettoken?corpsecret=TopSecret1', attempts: 1 },
      ['TopSecret1'],
    );
    expect(error.message).toContain('errcode 40001');
    expect(error.message).toContain('客户联系');
    expect(error.retried).toBe(false);
    const serialised = JSON.stringify({ error, stack: error.stack, message: error.message });
    expect(serialised).not.toContain('TopSecret1');
    expect(error.toJSON()).toMatchObject({ errcode: 40001, endpoint: 'gettoken', url: 'https://h/cgi-bin/gettoken?corpsecret=***' });
  });

  it('has a hint for every errcode of the platform notes', () => {
    for (const code of [-1, 40001, 40013, 40014, 40058, 41001, 42001, 45009, 45033, 48002, 60011, 60020, 81017, 600018]) {
      expect(KNOWN_ERRCODES).toContain(code);
      expect(hintFor(code)?.length).toBeGreaterThan(20);
    }
    expect(hintFor(12345)).toBeUndefined();
  });
});
