/**
 * Fetching 공고문 attachments: an external service behind an interface with a configurable
 * endpoint and a local test double (docs/architecture.md, "External services"). The HTTP fetcher
 * only goes to the hosts it is configured for (no open proxy to the intranet: the attachment URLs
 * come from a public feed), follows at most three redirects and checks each against the same list,
 * stops after the timeout, and stops reading past the size cap. The Content-Type is recorded but
 * not trusted (기업마당 serves every file as application/octet-stream): the bytes decide the format.
 */
export interface FetchedFile {
  bytes: Uint8Array;
  contentType?: string;
  /** Where the bytes came from after redirects. */
  url: string;
}

export interface NoticeFetcher {
  /** Throws NoticeFetchError with a Korean reason; never anything else. */
  fetch(url: string): Promise<FetchedFile>;
}

export class NoticeFetchError extends Error {
  override name = 'NoticeFetchError';
}

export interface HttpFetcherOptions {
  /** Hosts (lower case, no port) the attachment URLs may point at. Empty with a base = any. */
  hosts: string[];
  /** Send every request to this origin instead, keeping path and query (a mirror, the test double). */
  base?: string;
  timeoutMs: number;
  maxBytes: number;
  fetch?: typeof fetch;
}

const MAX_REDIRECTS = 3;

export function createHttpNoticeFetcher(opts: HttpFetcherOptions): NoticeFetcher {
  const doFetch = opts.fetch ?? fetch;
  const allowed = new Set(opts.hosts.map((h) => h.toLowerCase()));
  const base = opts.base ? new URL(opts.base) : undefined;

  function target(raw: string): URL {
    let u: URL;
    try {
      u = new URL(raw);
    } catch {
      throw new NoticeFetchError('첨부파일 주소가 올바르지 않습니다');
    }
    if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new NoticeFetchError('http(s) 주소가 아닙니다');
    if (allowed.size > 0 && !allowed.has(u.hostname.toLowerCase()))
      throw new NoticeFetchError(`허용되지 않은 호스트입니다 (${u.hostname})`);
    if (!base) return u;
    const basePath = base.pathname.replace(/\/$/, '');
    return new URL(`${base.protocol}//${base.host}${basePath}${u.pathname}${u.search}`);
  }

  return {
    async fetch(url) {
      let current = url;
      for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
        const to = target(current);
        let res: Response;
        try {
          res = await doFetch(to, { redirect: 'manual', signal: AbortSignal.timeout(opts.timeoutMs), headers: { accept: '*/*' } });
        } catch (err) {
          const e = err as Error;
          throw new NoticeFetchError(e.name === 'TimeoutError' ? `시간 초과 (${opts.timeoutMs} ms)` : `연결할 수 없습니다: ${e.message}`);
        }
        if (res.status >= 300 && res.status < 400 && res.headers.get('location')) {
          await res.body?.cancel();
          // A redirect is resolved against the address as the feed gave it, then checked again.
          current = new URL(res.headers.get('location')!, current).toString();
          continue;
        }
        if (!res.ok) {
          await res.body?.cancel();
          throw new NoticeFetchError(`서버 응답 ${res.status}`);
        }
        const declared = Number(res.headers.get('content-length') ?? 0);
        if (declared > opts.maxBytes) {
          await res.body?.cancel();
          throw new NoticeFetchError(
            `파일이 너무 큽니다 (${declared.toLocaleString('ko-KR')}바이트, 최대 ${opts.maxBytes.toLocaleString('ko-KR')})`,
          );
        }
        const bytes = await readCapped(res, opts.maxBytes, opts.timeoutMs);
        return { bytes, contentType: res.headers.get('content-type') ?? undefined, url: current };
      }
      throw new NoticeFetchError(`리디렉션이 너무 많습니다 (${MAX_REDIRECTS}회 초과)`);
    },
  };
}

async function readCapped(res: Response, maxBytes: number, timeoutMs: number): Promise<Uint8Array> {
  if (!res.body) return new Uint8Array();
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > maxBytes) {
        await reader.cancel();
        throw new NoticeFetchError(`파일이 너무 큽니다 (최대 ${maxBytes.toLocaleString('ko-KR')}바이트)`);
      }
      chunks.push(value);
    }
  } catch (err) {
    if (err instanceof NoticeFetchError) throw err;
    const e = err as Error;
    throw new NoticeFetchError(
      e.name === 'TimeoutError' || e.name === 'AbortError' ? `시간 초과 (${timeoutMs} ms)` : `받는 중 끊겼습니다: ${e.message}`,
    );
  }
  return Buffer.concat(chunks);
}
