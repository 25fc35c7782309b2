import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { detectLanguage, normalizeLanguageTag } from './index.ts';
import { dominantScript } from './script.ts';

const TEXTS: Record<string, string[]> = {
  en: ['The president said the talks would continue next week, after both sides agreed on a timetable.', 'Heavy rain caused flooding across the region on Sunday, and officials urged residents to stay indoors.'],
  ru: ['Президент заявил, что переговоры продолжатся.', 'Сильные дожди вызвали наводнения по всему региону в воскресенье.'],
  uk: ['Президент заявив, що переговори триватимуть наступного тижня.'],
  es: ['El presidente dijo que las conversaciones continuarán la próxima semana.', 'Las fuertes lluvias provocaron inundaciones en toda la región el domingo.'],
  de: ['Der Präsident sagte, die Gespräche würden nächste Woche fortgesetzt.', 'Starker Regen hat am Sonntag in der ganzen Region zu Überschwemmungen geführt.'],
  fr: ['Le président a déclaré que les discussions reprendraient la semaine prochaine.', 'De fortes pluies ont provoqué des inondations dans toute la région dimanche.'],
  it: ['Il presidente ha detto che i colloqui continueranno la prossima settimana.'],
  pt: ['O presidente disse que as negociações continuarão na próxima semana.'],
  ja: ['日曜日の大雨で地域全体に洪水が発生し、当局は住民に自宅にとどまるよう呼びかけた。'],
  zh: ['周日的大雨导致整个地区发生洪水，当局呼吁居民待在家中。'],
  ar: ['قال الرئيس إن المحادثات ستستمر الأسبوع المقبل.'],
  hi: ['राष्ट्रपति ने कहा कि बातचीत अगले सप्ताह जारी रहेगी।', 'तत्व और यौगिक एक अवस्था से दूसरी अवस्था में परिवर्तित हो सकते हैं।'],
  tr: ['Cumhurbaşkanı görüşmelerin gelecek hafta devam edeceğini söyledi.', '64 yaşındaki kamyon sürücüsü kazada yaralanmamıştı.'],
  pl: ['Atak wywołał ogromne napięcie pomiędzy Indiami a Pakistanem.'],
  nl: ['De president zei dat de gesprekken volgende week worden voortgezet.'],
};

describe('detectLanguage between close neighbours', () => {
  it('tells Russian from Ukrainian and Bulgarian by the letters only one of them writes', () => {
    // Russian without ы or э, which trigram profiles took for Bulgarian or Ukrainian.
    expect(detectLanguage('Недавно он проиграл Раоничу на турнире в Брисбене.')).toBe('ru');
    expect(detectLanguage('Заят не пострадал в аварии, сообщила полиция.')).toBe('ru');
    expect(detectLanguage('Нещодавно він програв Раоничу на турнірі в Брисбені.')).toBe('uk');
    expect(detectLanguage('Държавата ще продължи да подкрепя българския бизнес през следващата година.')).toBe('bg');
  });

  it('keeps a language whose text merely names a Turkish or Polish place or person', () => {
    expect(detectLanguage('The minister met Recep Erdoğan in Ankara on Tuesday to discuss trade.')).toBe('en');
    expect(detectLanguage('Der Minister reiste am Dienstag nach Łódź, um dort Unternehmer zu treffen.')).toBe('de');
  });

  it('reads a Chinese sentence full of Latin names as Chinese', () => {
    expect(detectLanguage('Curtis Cooper 在 University of Central Missouri 发现了最大的已知素数。')).toBe('zh');
  });
});

describe('detectLanguage', () => {
  for (const [language, texts] of Object.entries(TEXTS)) {
    it(`recognises ${language} text without a hint`, () => {
      for (const text of texts) expect(detectLanguage(text)).toBe(language);
    });
  }

  it('lets a valid lang attribute win, whatever its region or case', () => {
    expect(detectLanguage(TEXTS.en[0], 'pt-BR')).toBe('pt');
    expect(detectLanguage(TEXTS.es[0], 'EN_us')).toBe('en');
  });

  it('maps legacy codes in lang attributes to current ones', () => {
    expect(detectLanguage('', 'iw')).toBe('he');
  });

  it('ignores a hint that is not an ISO 639-1 code', () => {
    expect(detectLanguage(TEXTS.de[1], 'x-default')).toBe('de');
    expect(detectLanguage(TEXTS.fr[1], 'zz')).toBe('fr');
  });

  it('overrides a theme-default hint contradicted by the script of the text', () => {
    expect(detectLanguage(TEXTS.ru[1], 'en-US')).toBe('ru');
    expect(detectLanguage(TEXTS.ja[0], 'en')).toBe('ja');
  });

  it('returns the hint for text too short to judge, and null without one', () => {
    expect(detectLanguage('OK', 'de')).toBe('de');
    expect(detectLanguage('OK 123')).toBeNull();
    expect(detectLanguage('')).toBeNull();
  });

  it('never throws on arbitrary strings and hints', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 400 }), fc.option(fc.string()), (text, hint) => {
        const result = detectLanguage(text, hint);
        expect(result === null || /^[a-z]{2}$/.test(result)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('stays fast on long texts by sampling', () => {
    const long = TEXTS.en[1].repeat(20_000);
    // CPU time, not wall time: the test machines are shared.
    const before = process.cpuUsage();
    expect(detectLanguage(long)).toBe('en');
    const { user, system } = process.cpuUsage(before);
    expect((user + system) / 1000).toBeLessThan(200);
  });
});

describe('normalizeLanguageTag', () => {
  it('keeps the primary subtag of a valid tag', () => {
    expect(normalizeLanguageTag(' zh-Hant-TW ')).toBe('zh');
    expect(normalizeLanguageTag('')).toBeNull();
    expect(normalizeLanguageTag(null)).toBeNull();
  });
});

describe('dominantScript', () => {
  it('names the script most letters use, or null when none dominates', () => {
    expect(dominantScript('Привет, как дела? Всё хорошо.')).toBe('cyrillic');
    expect(dominantScript('abc')).toBeNull();
    expect(dominantScript('hello world Привет друг')).toBeNull();
  });
});
