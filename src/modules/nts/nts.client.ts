import { NtsResponseError, parseNtsStatusResponse, type NtsStatus } from '../../domain/nts/nts-status.ts';

/**
 * The 국세청 상태조회 behind an interface (external services sit behind a configurable endpoint with a
 * local test double: docs/architecture.md, "External services"). Unconfigured → `null` client:
 * Itda makes no call and the pages say the check is not connected.
 */
export interface NtsClient {
  /** At most NTS_BATCH_SIZE numbers (10 digits each). */
  status(brns: string[]): Promise<NtsStatus[]>;
}

export class NtsUnavailableError extends Error {}

export function createHttpNtsClient(opts: { endpoint: string; serviceKey?: string; timeoutMs?: number; fetch?: typeof fetch }): NtsClient {
  const doFetch = opts.fetch ?? fetch;
  const timeoutMs = opts.timeoutMs ?? 10_000;
  return {
    async status(brns) {
      const url = new URL(opts.endpoint);
      // 공공데이터포털 keys go in the query string (serviceKey), as the service's own examples do.
      if (opts.serviceKey) url.searchParams.set('serviceKey', opts.serviceKey);
      let res: Response;
      try {
        res = await doFetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', accept: 'application/json' },
          body: JSON.stringify({ b_no: brns }),
          signal: AbortSignal.timeout(timeoutMs),
        });
      } catch (err) {
        const e = err as Error;
        throw new NtsUnavailableError(e.name === 'TimeoutError' ? `국세청 조회 시간 초과 (${timeoutMs} ms)` : `국세청 조회 서버에 연결할 수 없습니다: ${e.message}`);
      }
      if (!res.ok) throw new NtsUnavailableError(`국세청 조회 서버 응답 ${res.status}`);
      let json: unknown;
      try {
        json = await res.json();
      } catch {
        throw new NtsUnavailableError('국세청 조회 응답을 읽을 수 없습니다 (JSON 아님)');
      }
      try {
        return parseNtsStatusResponse(json);
      } catch (err) {
        if (err instanceof NtsResponseError) throw new NtsUnavailableError(err.message);
        throw err;
      }
    },
  };
}
