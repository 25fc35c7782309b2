import { describe, expect, it, vi } from 'vitest';
import { main } from '../main.ts';

describe('syndic serve', () => {
  it('refuses a bad port or an unknown option with a usage error, before opening anything', async () => {
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
    try {
      expect(await main(['serve', '--port', '0'])).toBe(2);
      expect(await main(['serve', '--port', '70000'])).toBe(2);
      expect(await main(['serve', '--host', '0.0.0.0'])).toBe(2);
      expect(errors.mock.calls.map((call) => String(call[0]))).toEqual([
        'syndic serve: --port must be a whole number from 1 to 65535',
        'syndic serve: --port must be a whole number from 1 to 65535',
        expect.stringMatching(/^syndic serve: Unknown option '--host'/),
      ]);
    } finally {
      errors.mockRestore();
    }
  });
});
