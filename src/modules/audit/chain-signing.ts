import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Config } from '../../config.ts';
import { keyFingerprint, signPayload } from '../../domain/chain-heads.ts';

export interface ChainSigner {
  sign(payload: string): string;
  publicKeyPem: string;
  fingerprint: string;
  /** Where the key came from: the environment, the key file, or made now (and saved to the key file). */
  source: 'env' | 'file' | 'generated';
}

export class ChainKeyError extends Error {}

function fromPrivate(key: KeyObject, source: ChainSigner['source']): ChainSigner {
  if (key.asymmetricKeyType !== 'ed25519') throw new ChainKeyError(`서명 키는 Ed25519 개인키(PEM)여야 합니다 (받은 키: ${key.asymmetricKeyType ?? '?'}).`);
  const pub = createPublicKey(key);
  return {
    sign: (payload) => signPayload(payload, key),
    publicKeyPem: pub.export({ type: 'spki', format: 'pem' }).toString(),
    fingerprint: keyFingerprint(pub),
    source,
  };
}

/**
 * The key that signs published chain heads (issue 14 §4): ITDA_CHAIN_SIGNING_KEY (an Ed25519
 * private key, PEM), else the key file (ITDA_CHAIN_SIGNING_KEY_FILE, default
 * <ITDA_DATA_DIR>/chain-signing-key.pem). With `create`, a missing file is made (mode 0600) so a
 * demo or a first installation signs from day one; the README says to move the key out of the data
 * folder and into the environment for a real deployment. Without `create` (the verify command) a
 * missing key gives null: verification needs only the public key printed in the message.
 */
export function loadChainSigner(cfg: Config['chainHeads'], opts: { create: boolean }): ChainSigner | null {
  if (cfg.signingKeyPem) {
    try {
      return fromPrivate(createPrivateKey(cfg.signingKeyPem), 'env');
    } catch (e) {
      if (e instanceof ChainKeyError) throw e;
      throw new ChainKeyError(`ITDA_CHAIN_SIGNING_KEY 를 읽을 수 없습니다: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
  if (existsSync(cfg.keyFile)) return fromPrivate(createPrivateKey(readFileSync(cfg.keyFile, 'utf8')), 'file');
  if (!opts.create) return null;
  const { privateKey } = generateKeyPairSync('ed25519');
  mkdirSync(path.dirname(cfg.keyFile), { recursive: true });
  writeFileSync(cfg.keyFile, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600, flag: 'wx' });
  return fromPrivate(privateKey, 'generated');
}
