import { describe, expect, it } from 'vitest';
import { blockedReason, embeddedIpv4 } from './address-guard.ts';

describe('blockedReason', () => {
  it.each([
    ['127.0.0.1'], ['127.1.2.3'], ['::1'], ['0.0.0.0'], ['10.0.0.1'], ['172.16.0.1'], ['172.31.255.255'], ['192.168.1.1'],
    ['169.254.169.254'], ['169.254.0.1'], ['100.64.0.1'], ['100.127.255.255'], ['224.0.0.1'], ['239.255.255.250'],
    ['255.255.255.255'], ['240.0.0.1'], ['198.18.0.1'], ['192.0.0.192'], ['::'], ['fc00::1'], ['fd00:ec2::254'],
    ['fe80::1'], ['fe80::1%eth0'], ['ff02::1'], ['::ffff:127.0.0.1'], ['::ffff:7f00:1'], ['::ffff:10.0.0.1'],
    ['::ffff:169.254.169.254'], ['::127.0.0.1'], ['64:ff9b::a9fe:a9fe'], ['2002:a9fe:a9fe::1'], ['2001:0:4136:e378::1'],
    ['2001:db8::1'],
  ])('refuses %s', (ip) => {
    expect(blockedReason(ip)).not.toBeNull();
  });

  it.each([['93.184.216.34'], ['8.8.8.8'], ['1.1.1.1'], ['172.32.0.1'], ['100.128.0.1'], ['2606:4700:4700::1111'], ['::ffff:8.8.8.8'], ['64:ff9b::808:808']])(
    'allows the public address %s',
    (ip) => {
      expect(blockedReason(ip)).toBeNull();
    },
  );

  it('allows loopback, and only loopback, when the policy says so', () => {
    expect(blockedReason('127.0.0.1', { allowLoopback: true })).toBeNull();
    expect(blockedReason('::1', { allowLoopback: true })).toBeNull();
    expect(blockedReason('::ffff:127.0.0.1', { allowLoopback: true })).toBeNull();
    expect(blockedReason('10.0.0.1', { allowLoopback: true })).not.toBeNull();
    expect(blockedReason('169.254.169.254', { allowLoopback: true })).not.toBeNull();
    expect(blockedReason('fd00::1', { allowLoopback: true })).not.toBeNull();
  });

  it('refuses what is not an IP address', () => {
    expect(blockedReason('example.com')).not.toBeNull();
  });
});

describe('embeddedIpv4', () => {
  it('finds the IPv4 address inside mapped, NAT64 and 6to4 IPv6 addresses', () => {
    expect(embeddedIpv4('::ffff:192.168.0.1')).toBe('192.168.0.1');
    expect(embeddedIpv4('::ffff:c0a8:1')).toBe('192.168.0.1');
    expect(embeddedIpv4('64:ff9b::7f00:1')).toBe('127.0.0.1');
    expect(embeddedIpv4('2002:7f00:1::')).toBe('127.0.0.1');
    expect(embeddedIpv4('2606:4700::1')).toBeNull();
  });
});
