import { describe, expect, it } from 'vitest';
import { explainTlsFailure } from '../../src/deliver/tls-failure.js';
import { describeNetworkError, judgeFailure } from '../../src/deliver/verdict.js';

/** An error as Node's tls module and undici raise it: a code, and OpenSSL's text as the message. */
const tlsError = (code: string, message = 'irrelevant', reason?: string) => Object.assign(new Error(message), { code, reason });

describe('TLS failures', () => {
  it('says an https:// URL points to a plain-HTTP port, and gives the http:// URL, port kept', () => {
    const openssl = '809C0C2A527F0000:error:0A00010B:SSL routines:ssl3_get_record:wrong version number:../deps/openssl/openssl/ssl/record/ssl3_record.c:350:\n';
    const result = judgeFailure('https://127.0.0.1:4545/hooks?x=1', tlsError('ERR_SSL_WRONG_VERSION_NUMBER', openssl, 'wrong version number'), 3);
    expect(result).toMatchObject({
      verdict: 'lost',
      cause: 'error',
      error: 'this port speaks plain HTTP, not HTTPS',
      fix: 'use http://127.0.0.1:4545/hooks?x=1',
    });
    expect(explainTlsFailure('ERR_SSL_PACKET_LENGTH_TOO_LONG', undefined, 'https://example.com/')?.fix).toBe('use http://example.com:443/');
  });

  it.each([
    ['DEPTH_ZERO_SELF_SIGNED_CERT', 'self-signed certificate', /NODE_EXTRA_CA_CERTS=<its \.pem file>.*public authority/],
    ['SELF_SIGNED_CERT_IN_CHAIN', 'self-signed certificate', /NODE_EXTRA_CA_CERTS/],
    ['CERT_HAS_EXPIRED', 'certificate expired', /renew/],
    ['CERT_NOT_YET_VALID', 'certificate not yet valid', /clock/],
    ['ERR_TLS_CERT_ALTNAME_INVALID', 'the certificate is not valid for hooks.example.com', /reissue it with hooks\.example\.com among its names/],
    ['UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'certificate signed by an unknown authority', /whole chain.*NODE_EXTRA_CA_CERTS=<the CA's \.pem file>/],
    ['UNABLE_TO_GET_ISSUER_CERT_LOCALLY', 'certificate signed by an unknown authority', /private CA/],
    ['ERR_SSL_TLSV1_ALERT_PROTOCOL_VERSION', 'no TLS version in common', /TLS 1\.2 or 1\.3/],
    ['ERR_SSL_TLSV13_ALERT_CERTIFICATE_REQUIRED', 'the endpoint asks for a client certificate', /WineSitting sends none/],
  ])('names %s in words, with the fix', (code, error, fix) => {
    const result = judgeFailure('https://hooks.example.com/webhooks', tlsError(code), 5);
    expect(result.error).toBe(error);
    expect(result.fix).toMatch(fix);
  });

  it('finds the code in a nested cause, and names an unknown TLS code by its reason', () => {
    const nested = Object.assign(new Error('fetch failed'), { cause: tlsError('CERT_HAS_EXPIRED') });
    expect(judgeFailure('https://a.example/', nested, 1).error).toBe('certificate expired');
    expect(judgeFailure('https://a.example:8443/', tlsError('ERR_SSL_SOMETHING_NEW', 'OpenSSL text', 'something new'), 1)).toMatchObject({
      error: 'TLS failed (something new)',
      fix: expect.stringContaining('openssl s_client -connect a.example:8443'),
    });
  });

  it('leaves other failures alone', () => {
    expect(explainTlsFailure('ECONNREFUSED', undefined, 'https://a.example/')).toBeNull();
    expect(judgeFailure('u', tlsError('ENOTFOUND', 'getaddrinfo ENOTFOUND nowhere'), 1)).toMatchObject({ cause: 'error', fix: null });
  });

  it('gives the failure and its fix in one phrase for a forward line, with or without the URL', () => {
    expect(describeNetworkError(tlsError('ERR_SSL_WRONG_VERSION_NUMBER'), 'https://127.0.0.1:3000/')).toBe(
      'this port speaks plain HTTP, not HTTPS; use http://127.0.0.1:3000/',
    );
    expect(describeNetworkError(tlsError('ERR_SSL_WRONG_VERSION_NUMBER'))).toBe('this port speaks plain HTTP, not HTTPS; use http:// instead of https://');
  });
});
