import iconv from 'iconv-lite';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeBytes } from './index.ts';

const RUSSIAN = 'Президент России заявил, что отношения между странами находятся на лучшем уровне в истории. ' +
  'Экспорт энергоносителей в Китай значительно вырос с начала года, сообщили в правительстве.';
const JAPANESE = '日本政府は本日、新しい経済対策を発表しました。専門家によると、この政策は国内の消費を押し上げる' +
  '効果が期待されています。首相は記者会見で、物価の上昇に対応するための追加の支援策についても説明しました。';
const GERMAN = 'Die Bundesregierung hat am Freitag neue Maßnahmen für die Wirtschaft beschlossen. Über die ' +
  'Förderung der Energiewende wird seit Monaten gestritten, äußerte der Minister gegenüber Journalisten.';
const POLISH = 'Rząd przedstawił w piątek nowy plan gospodarczy. Według ekspertów zwiększy on konsumpcję, ' +
  'choć część ekonomistów ostrzega przed wzrostem inflacji i zadłużenia państwa w przyszłym roku.';

const page = (body: string, head = '') => `<!doctype html><html><head>${head}<title>t</title></head><body><p>${body}</p></body></html>`;

describe('decodeBytes', () => {
  it('honours a UTF-8 byte order mark over any declaration', () => {
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(page(RUSSIAN, '<meta charset="windows-1251">'))]);
    const result = decodeBytes(bytes, { contentType: 'text/html; charset=iso-8859-1' });
    expect(result.charset).toBe('utf-8');
    expect(result.text).toContain(RUSSIAN);
    expect(result.text.startsWith('<!doctype')).toBe(true);
  });

  it('decodes UTF-16 pages that carry a byte order mark', () => {
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(page(JAPANESE), 'utf-16le')]);
    expect(decodeBytes(bytes)).toEqual({ text: page(JAPANESE), charset: 'utf-16le' });
  });

  it('uses the charset from the Content-Type header before the page meta', () => {
    const bytes = iconv.encode(page(RUSSIAN, '<meta charset="iso-8859-5">'), 'windows-1251');
    const result = decodeBytes(bytes, { contentType: 'text/html; charset="Windows-1251"' });
    expect(result).toEqual({ text: page(RUSSIAN, '<meta charset="iso-8859-5">'), charset: 'windows-1251' });
  });

  it('reads <meta charset> when the header has none', () => {
    const html = page(RUSSIAN, '<meta charset="windows-1251">');
    expect(decodeBytes(iconv.encode(html, 'windows-1251'), { contentType: 'text/html' }).text).toBe(html);
  });

  it('reads the http-equiv Content-Type meta, ignoring commented-out declarations', () => {
    const html = page(JAPANESE, '<!-- <meta charset="utf-8"> --><meta http-equiv="Content-Type" content="text/html; charset=Shift_JIS">');
    const result = decodeBytes(iconv.encode(html, 'shift_jis'));
    expect(result).toEqual({ text: html, charset: 'shift_jis' });
  });

  it('finds a <meta charset> that comes after kilobytes of inline styles', () => {
    const html = page(RUSSIAN, `<style>${'p { margin: 0 } '.repeat(500)}</style><meta charset="windows-1251">`);
    expect(decodeBytes(iconv.encode(html, 'windows-1251'))).toEqual({ text: html, charset: 'windows-1251' });
  });

  it('ignores a declaration inside a comment that runs past the first kilobytes', () => {
    const html = page(RUSSIAN, `<!-- <meta charset="iso-8859-5"> ${'x'.repeat(5000)} --><meta charset="windows-1251">`);
    expect(decodeBytes(iconv.encode(html, 'windows-1251')).charset).toBe('windows-1251');
  });

  it('reads the XML declaration of feeds', () => {
    const xml = `<?xml version="1.0" encoding="ISO-8859-2"?><rss><channel><title>${POLISH}</title></channel></rss>`;
    expect(decodeBytes(iconv.encode(xml, 'iso-8859-2'), { kind: 'xml' })).toEqual({ text: xml, charset: 'iso-8859-2' });
  });

  it('treats a latin1 label as windows-1252, as browsers do', () => {
    const html = page('Curly “quotes” and an em dash — déjà vu');
    const result = decodeBytes(iconv.encode(html, 'windows-1252'), { contentType: 'text/html; charset=ISO-8859-1' });
    expect(result).toEqual({ text: html, charset: 'windows-1252' });
  });

  it('trusts multi-byte UTF-8 over a legacy default charset sent by the server', () => {
    const html = page(GERMAN);
    expect(decodeBytes(Buffer.from(html), { contentType: 'text/html; charset=ISO-8859-1' })).toEqual({ text: html, charset: 'utf-8' });
  });

  it('sniffs a page declared UTF-8 whose bytes are really windows-1251', () => {
    const html = page(RUSSIAN, '<meta charset="utf-8">');
    expect(decodeBytes(iconv.encode(html, 'windows-1251'))).toEqual({ text: html, charset: 'windows-1251' });
  });

  it('keeps UTF-8 for a UTF-8 page with one stray invalid byte', () => {
    const bytes = Buffer.concat([Buffer.from(page(RUSSIAN)), Buffer.from([0xff])]);
    const result = decodeBytes(bytes, { contentType: 'text/html; charset=utf-8' });
    expect(result.charset).toBe('utf-8');
    expect(result.text).toContain(RUSSIAN);
  });

  it.each([
    ['windows-1251', RUSSIAN],
    ['shift_jis', JAPANESE],
    ['iso-8859-2', POLISH],
    ['windows-1252', GERMAN],
    ['utf-8', JAPANESE],
  ])('sniffs undeclared %s text', (charset, text) => {
    const html = page(text);
    const result = decodeBytes(iconv.encode(html, charset));
    expect(result.text).toBe(html);
  });

  it('reads pure ASCII as UTF-8', () => {
    expect(decodeBytes(Buffer.from('<p>plain</p>'))).toEqual({ text: '<p>plain</p>', charset: 'utf-8' });
  });

  it('ignores unknown charset labels and moves on to the next signal', () => {
    const html = page(RUSSIAN, '<meta charset="x-made-up">');
    const result = decodeBytes(iconv.encode(html, 'windows-1251'), { contentType: 'text/html; charset=bogus' });
    expect(result.text).toBe(html);
  });

  it('never throws on arbitrary bytes and headers', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 2000 }), fc.option(fc.string()), fc.constantFrom<'html' | 'xml'>('html', 'xml'), (bytes, contentType, kind) => {
        const result = decodeBytes(bytes, { contentType, kind });
        expect(typeof result.text).toBe('string');
        expect(result.charset).toMatch(/^[a-z0-9_-]+$/);
      }),
      { numRuns: 300 },
    );
  });

  it('decodes a 10 MB page quickly', () => {
    const big = Buffer.from(page(RUSSIAN.repeat(Math.ceil(10_000_000 / 300))));
    // CPU time, not wall time: the test machines are shared.
    const before = process.cpuUsage();
    expect(decodeBytes(big).charset).toBe('utf-8');
    const { user, system } = process.cpuUsage(before);
    expect((user + system) / 1000).toBeLessThan(1000);
  });
});
