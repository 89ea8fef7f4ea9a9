import { createHash, createPublicKey, sign, verify, type KeyObject } from 'node:crypto';

/**
 * Published chain heads (issue 14 §4). The hash chains of src/domain/hash-chain.ts show an edited
 * row only to someone who does not recompute every hash after it; a head published outside the
 * database (the monthly report, a signed e-mail) cannot be recomputed by whoever edits the rows.
 * This file is the message: the signed text, its signature (Ed25519, RFC 8032) and how it is read
 * back by `itda verify-chain --file`.
 */
export type ChainKind = 'audit' | 'access';
export const CHAIN_KINDS: readonly ChainKind[] = ['audit', 'access'];

export interface DayHead {
  chain: ChainKind;
  /** Korean calendar day, YYYY-MM-DD. */
  day: string;
  /** The last row written before the day ended, and its hash (null: the chain had no row yet). */
  lastId: number | null;
  headHash: string | null;
}

export const PAYLOAD_FIRST_LINE = 'ITDA-CHAIN-HEADS v1';
export const BEGIN = '-----BEGIN ITDA CHAIN HEADS-----';
export const END = '-----END ITDA CHAIN HEADS-----';

/**
 * The signed text: a first line naming the format, then one line per chain and day,
 * `YYYY-MM-DD <chain> <last id|-> <head hash|->`, sorted by day then chain. Plain ASCII with '\n',
 * so it survives mail clients and can be checked with openssl as well.
 */
export function headsPayload(heads: readonly DayHead[]): string {
  const order = (c: ChainKind) => CHAIN_KINDS.indexOf(c);
  const lines = [...heads]
    .sort((a, b) => a.day.localeCompare(b.day) || order(a.chain) - order(b.chain))
    .map((h) => `${h.day} ${h.chain} ${h.lastId ?? '-'} ${h.headHash ?? '-'}`);
  return [PAYLOAD_FIRST_LINE, ...lines].join('\n');
}

export function parsePayload(payload: string): DayHead[] | null {
  const lines = payload.split('\n');
  if (lines[0] !== PAYLOAD_FIRST_LINE) return null;
  const heads: DayHead[] = [];
  for (const line of lines.slice(1)) {
    const m = /^(\d{4}-\d{2}-\d{2}) (audit|access) (\d+|-) ([0-9a-f]{64}|-)$/.exec(line);
    if (!m) return null;
    heads.push({ day: m[1]!, chain: m[2] as ChainKind, lastId: m[3] === '-' ? null : Number(m[3]), headHash: m[4] === '-' ? null : m[4]! });
  }
  return heads;
}

export function signPayload(payload: string, privateKey: KeyObject): string {
  return sign(null, Buffer.from(payload, 'utf8'), privateKey).toString('base64');
}

export function verifyPayload(payload: string, signatureBase64: string, publicKey: KeyObject | string): boolean {
  try {
    const key = typeof publicKey === 'string' ? createPublicKey(publicKey) : publicKey;
    return verify(null, Buffer.from(payload, 'utf8'), key, Buffer.from(signatureBase64, 'base64'));
  } catch {
    return false;
  }
}

/** SHA-256 of the public key (DER), in groups of 4 hex digits: what a recipient compares by eye. */
export function keyFingerprint(publicKey: KeyObject | string): string {
  const key = typeof publicKey === 'string' ? createPublicKey(publicKey) : publicKey;
  const hex = createHash('sha256').update(key.export({ type: 'spki', format: 'der' })).digest('hex');
  return hex.match(/.{4}/g)!.join(':');
}

export interface ParsedMessage {
  payload: string;
  heads: DayHead[];
  signature: string | null;
  publicKeyPem: string | null;
}

/**
 * Reads a published message back (the e-mail body saved to a file, quoted or not): the text
 * between the markers, the line `서명 … : <base64>` / `Signature … : <base64>` and the PEM public
 * key. A `> ` quote prefix and CR line ends are ignored. Null when the markers are missing.
 */
export function parseHeadsMessage(text: string): ParsedMessage | null {
  const lines = text.split(/\r?\n/).map((l) => l.replace(/^(> ?)+/, '').trimEnd());
  const b = lines.indexOf(BEGIN);
  const e = lines.indexOf(END, b + 1);
  if (b < 0 || e < 0) return null;
  const payload = lines.slice(b + 1, e).join('\n');
  const heads = parsePayload(payload);
  if (!heads) return null;
  const sigLine = lines.find((l) => /^(서명|Signature) .*:\s*[A-Za-z0-9+/=]{40,}$/.test(l));
  const signature = sigLine ? sigLine.slice(sigLine.lastIndexOf(':') + 1).trim() : null;
  const kb = lines.indexOf('-----BEGIN PUBLIC KEY-----');
  const ke = lines.indexOf('-----END PUBLIC KEY-----', kb + 1);
  const publicKeyPem = kb >= 0 && ke > kb ? `${lines.slice(kb, ke + 1).join('\n')}\n` : null;
  return { payload, heads, signature, publicKeyPem };
}
