// The origin farm measures politeness as a news site would see it: requests in flight per host, the gap
// between request starts, requests under a robots.txt Disallow. Shown here failing on a crawler that
// breaks each rule, and passing on one that keeps them.
import http from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { OriginFarm } from './origin-farm.ts';

let farm: OriginFarm;

function get(path: string, host = farm.hostOf(0)): Promise<number> {
  return new Promise((resolve, reject) => {
    http
      .get({ host: '127.0.0.1', port: farm.port, path, headers: { host: `${host}:${farm.port}` } }, (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      })
      .on('error', reject);
  });
}

const limits = { minDelayMs: 200, maxConcurrent: 1, fetchTimeoutMs: 1000 };

afterEach(async () => {
  await farm?.stop();
});

describe('the origin farm', () => {
  it('serves robots.txt, feeds listing the expected URLs and their pages, and sees a polite crawler as polite', async () => {
    farm = new OriginFarm({ hosts: 2, feeds: 2, articles: 4, seed: 3, faultRate: 0, maxBytes: 1 << 20 });
    await farm.start();
    expect(await get('/robots.txt')).toBe(200);
    expect(await get('/feeds/0.xml')).toBe(200);
    await sleep(250);
    expect(farm.expected.map((a) => a.url)).toContain(`http://${farm.hostOf(0)}:${farm.port}/a/0.html`);
    expect(await get('/a/0.html')).toBe(200);
    expect(farm.allFeedsReadInFull()).toBe(false);
    const report = farm.politeness(limits);
    expect({ gaps: report.gapViolations, concurrency: report.concurrencyViolations, robots: report.robotsViolations }).toEqual({ gaps: 0, concurrency: 0, robots: 0 });
  });

  it('counts requests too close together, too many at once, and under a robots.txt Disallow', async () => {
    // Any fault rate turns on the first articles' faults: /a/1.html and /a/17.html never answer.
    farm = new OriginFarm({ hosts: 1, feeds: 1, articles: 20, seed: 3, faultRate: 1e-9, maxBytes: 1 << 20 });
    await farm.start();
    expect(farm.expected[1].fault).toBe('origin-hang');
    const hung = [1, 17].map((n) => {
      const request = http.get({ host: '127.0.0.1', port: farm.port, path: `/a/${n}.html`, headers: { host: `${farm.hostOf(0)}:${farm.port}` } });
      request.on('error', () => {});
      return request;
    });
    await Promise.all([get('/a/5.html'), get('/a/6.html')]);
    for (const request of hung) request.destroy();
    await get('/private/3.html');
    const report = farm.politeness(limits);
    expect(report.gapViolations).toBeGreaterThanOrEqual(2);
    expect(report.maxConcurrent).toBeGreaterThan(1);
    expect(report.concurrencyViolations).toBeGreaterThan(0);
    expect(report.robotsViolations).toBe(1);
  });
});
