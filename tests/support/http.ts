import { request } from 'node:http';

/** GETs a sample-site URL from the server on 127.0.0.1, keeping the site's name in the Host header. */
export function getFromSampleServer(url: string, port: number): Promise<{ status: number; body: Buffer }> {
  const target = new URL(url);
  return new Promise((resolve, reject) => {
    request({ host: '127.0.0.1', port, path: target.pathname + target.search, headers: { host: target.host } }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks) }));
      response.on('error', reject);
    })
      .on('error', reject)
      .end();
  });
}
