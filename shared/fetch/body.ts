import type { IncomingMessage } from 'node:http';
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import { FetchError } from './errors.ts';
import { toFetchError } from './request.ts';

/**
 * Reads the body as it arrives off the wire and destroys the stream the moment it passes
 * maxBytes, so an oversized body is never buffered past the limit. Past the limit it throws
 * TOO_LARGE, or, with `truncate`, returns the first maxBytes (robots.txt: RFC 9309 reads a prefix).
 */
export async function readLimitedBody(res: IncomingMessage, maxBytes: number, url: string, signal: AbortSignal, truncate = false): Promise<Buffer> {
  const declared = Number(res.headers['content-length']);
  if (!truncate && Number.isFinite(declared) && declared > maxBytes) {
    res.destroy();
    throw new FetchError('TOO_LARGE', url, `Content-Length ${declared} exceeds ${maxBytes} bytes`);
  }
  const chunks: Buffer[] = [];
  let total = 0;
  try {
    for await (const chunk of res as AsyncIterable<Buffer>) {
      if (total + chunk.length > maxBytes) {
        res.destroy();
        if (!truncate) throw new FetchError('TOO_LARGE', url, `body exceeds ${maxBytes} bytes`);
        chunks.push(chunk.subarray(0, maxBytes - total));
        return Buffer.concat(chunks, maxBytes);
      }
      total += chunk.length;
      chunks.push(chunk);
    }
  } catch (error) {
    throw toFetchError(error, url, signal);
  }
  if (!res.complete) throw new FetchError('NETWORK', url, 'connection closed before the body was complete');
  return Buffer.concat(chunks, total);
}

const gunzip = promisify<zlib.InputType, zlib.ZlibOptions, Buffer>(zlib.gunzip);
const inflate = promisify<zlib.InputType, zlib.ZlibOptions, Buffer>(zlib.inflate);
const inflateRaw = promisify<zlib.InputType, zlib.ZlibOptions, Buffer>(zlib.inflateRaw);
const brotli = promisify<zlib.InputType, zlib.BrotliOptions, Buffer>(zlib.brotliDecompress);

// "deflate" is meant to be zlib-wrapped, but some servers send raw deflate: tell by the header.
const isZlibWrapped = (b: Buffer) => b.length >= 2 && (b[0] & 0x0f) === 8 && ((b[0] << 8) | b[1]) % 31 === 0;

/**
 * Undoes Content-Encoding (gzip, deflate, br, in the order applied), refusing output past
 * maxDecodedBytes: zlib stops inflating at the cap, so a decompression bomb never fills memory.
 */
export async function decodeContentEncoding(body: Buffer, contentEncoding: string | undefined, maxDecodedBytes: number, url: string): Promise<Buffer> {
  const codings = (contentEncoding ?? '')
    .toLowerCase()
    .split(',')
    .map((c) => c.trim())
    .filter((c) => c !== '' && c !== 'identity')
    .reverse();
  let out = body;
  for (const coding of codings) {
    if (out.length === 0) break;
    const limit = { maxOutputLength: maxDecodedBytes };
    // Truncated-but-valid streams are common; take what inflated cleanly.
    const lenient = { ...limit, finishFlush: zlib.constants.Z_SYNC_FLUSH };
    try {
      if (coding === 'gzip' || coding === 'x-gzip') out = await gunzip(out, lenient);
      else if (coding === 'deflate') out = await (isZlibWrapped(out) ? inflate : inflateRaw)(out, lenient);
      else if (coding === 'br') out = await brotli(out, limit);
      else throw new FetchError('DECODE', url, `unsupported Content-Encoding: ${coding}`);
    } catch (error) {
      if (error instanceof FetchError) throw error;
      if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') {
        throw new FetchError('TOO_LARGE', url, `body decompresses past ${maxDecodedBytes} bytes`);
      }
      throw new FetchError('DECODE', url, `cannot decode ${coding} body: ${(error as Error).message}`, { cause: error });
    }
  }
  return out;
}
