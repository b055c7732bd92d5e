import { parseUrl } from '../http/parse-url.js';

/** A TLS failure in a developer's words: what went wrong, and what to change. */
export interface TlsFailure {
  /** A few words, e.g. "self-signed certificate". */
  error: string;
  /** What to change, as a clause that follows the error: "use http://…". */
  fix: string;
}

/** `url` is null when the caller does not know it (a relay's, say). */
type Explain = (url: URL | null) => TlsFailure;

const PUBLIC_CA = "WineSitting itself needs a certificate from a public authority (e.g. Let's Encrypt)";

const plainHttp: Explain = (url) => ({ error: 'this port speaks plain HTTP, not HTTPS', fix: `use ${httpVersionOf(url)}` });
const selfSigned: Explain = () => ({
  error: 'self-signed certificate',
  fix: `to test here, trust it with NODE_EXTRA_CA_CERTS=<its .pem file>; ${PUBLIC_CA}`,
});
const unknownAuthority: Explain = () => ({
  error: 'certificate signed by an unknown authority',
  fix: `serve the whole chain (intermediate certificates included); for a private CA, trust it here with NODE_EXTRA_CA_CERTS=<the CA's .pem file>, but ${PUBLIC_CA}`,
});
const protocol: Explain = () => ({ error: 'no TLS version in common', fix: 'enable TLS 1.2 or 1.3 on the endpoint' });
const handshake: Explain = () => ({
  error: 'the endpoint refused the TLS handshake',
  fix: 'enable TLS 1.2 or 1.3 with current ciphers, and ask for no client certificate on the webhook route',
});

/**
 * OpenSSL and Node error codes, after Node's `tls` documentation and OpenSSL's verify
 * codes. An https:// URL on a plain-HTTP port reads the HTTP answer as a TLS record:
 * "wrong version number", or a record length "too long".
 */
const BY_CODE: Record<string, Explain> = {
  ERR_SSL_WRONG_VERSION_NUMBER: plainHttp,
  ERR_SSL_PACKET_LENGTH_TOO_LONG: plainHttp,
  DEPTH_ZERO_SELF_SIGNED_CERT: selfSigned,
  SELF_SIGNED_CERT_IN_CHAIN: selfSigned,
  CERT_HAS_EXPIRED: () => ({ error: 'certificate expired', fix: "renew the endpoint's certificate: WineSitting refuses an expired one too" }),
  CERT_NOT_YET_VALID: () => ({
    error: 'certificate not yet valid',
    fix: "check the clock of the endpoint's server and of this machine, or reissue the certificate",
  }),
  ERR_TLS_CERT_ALTNAME_INVALID: (url) => ({
    error: `the certificate is not valid for ${url?.hostname ?? 'this host name'}`,
    fix: `use a host name the certificate names in the URL, or reissue it with ${url?.hostname ?? 'this host name'} among its names`,
  }),
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: unknownAuthority,
  UNABLE_TO_GET_ISSUER_CERT: unknownAuthority,
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: unknownAuthority,
  CERT_REVOKED: () => ({ error: 'certificate revoked', fix: "reissue the endpoint's certificate" }),
  ERR_SSL_UNSUPPORTED_PROTOCOL: protocol,
  ERR_SSL_TLSV1_ALERT_PROTOCOL_VERSION: protocol,
  ERR_SSL_NO_PROTOCOLS_AVAILABLE: protocol,
  ERR_SSL_SSLV3_ALERT_HANDSHAKE_FAILURE: handshake,
  ERR_SSL_TLSV13_ALERT_CERTIFICATE_REQUIRED: () => ({
    error: 'the endpoint asks for a client certificate',
    fix: 'WineSitting sends none: ask for no client certificate on the webhook route',
  }),
};

/** Codes of TLS failures not named above: OpenSSL's, Node's, and certificate verification's. */
const TLS_CODE = /^(ERR_SSL_|ERR_TLS_|ERR_OSSL_|CERT_|UNABLE_TO_|DEPTH_ZERO_|SELF_SIGNED_)/;

/**
 * The TLS failure an error code names, in words and with the fix; null when the code is
 * no TLS failure. `reason` is OpenSSL's own short text, used when the code is not known.
 */
export function explainTlsFailure(code: string, reason: string | undefined, url?: string): TlsFailure | null {
  const target = parseUrl(url);
  const known = Object.hasOwn(BY_CODE, code) ? BY_CODE[code] : undefined;
  if (known) return known(target);
  if (!TLS_CODE.test(code)) return null;
  const host = target ? `${target.hostname}:${target.port || '443'}` : '<host>:<port>';
  return { error: `TLS failed (${reason ?? code})`, fix: `look at the endpoint's certificate and TLS settings, e.g. with "openssl s_client -connect ${host}"` };
}

function httpVersionOf(url: URL | null): string {
  if (url?.protocol !== 'https:') return 'http:// instead of https://';
  const plain = new URL(url.href);
  plain.protocol = 'http:';
  // https:// without a port means 443; keep it, or the http:// URL would mean 80.
  if (url.port === '') plain.port = '443';
  return plain.href;
}
