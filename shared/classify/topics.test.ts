import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import artifact from './model/iptc-topics.json' with { type: 'json' };
import multilingualArtifact from './model/multilingual/iptc-multilingual.json' with { type: 'json' };
import { ENTITIES_VERSION, extractEntities } from './entities.ts';
import { classifyTopics, MODEL_VERSION, multilingualModel, scoreTopics, topicModel, topicThreshold } from './topics.ts';
import { CLASSIFIER_VERSION } from './version.ts';

// Articles written for these tests; none comes from a training or evaluation corpus.
const summit = {
  title: 'Putin and Xi pledge closer ties as Russia seeks new buyers for its oil and gas',
  text: [
    'Russian President Vladimir Putin and Chinese President Xi Jinping signed a joint statement in Beijing on Thursday, promising to deepen their strategic partnership and coordinate their foreign policy at the United Nations.',
    'The two leaders agreed to raise exports of Russian crude oil and natural gas to China, with the state energy company Gazprom saying a second pipeline would carry 50 billion cubic metres of gas a year. Trade between the two countries has reached record levels as Western sanctions close European markets to Russian energy.',
    'The summit came as Russian troops pressed a new offensive in eastern Ukraine, where artillery shelling and drone strikes killed at least a dozen civilians overnight. Kyiv urged Beijing to use its influence to end the war.',
  ].join('\n\n'),
};

const match = {
  title: 'Late penalty sends United into the cup final',
  text: 'A stoppage-time penalty from the captain gave United a 2-1 win over City in the semi-final on Sunday. The striker had earlier hit the post, and the goalkeeper made three fine saves as the visitors pressed for an equaliser. The manager said the squad would rest key players before the final at Wembley next month.',
};

describe('classifyTopics', () => {
  it('labels an article with every topic it covers: a summit on energy exports during a war', () => {
    const codes = classifyTopics({ ...summit, language: 'en' }).map((t) => t.code);
    expect(codes).toEqual(expect.arrayContaining(['medtop:11000000', 'medtop:04000000', 'medtop:16000000']));
  });

  it('puts the obvious topic first: a football match is sport', () => {
    expect(classifyTopics({ ...match, language: 'en' })[0]).toMatchObject({ code: 'medtop:15000000', label: 'sport' });
  });

  it('returns labels sorted by score, every one but the first at or above the threshold', () => {
    const topics = classifyTopics({ ...summit, language: 'en' });
    const scores = topics.map((t) => t.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    expect(scores.slice(1).every((s) => s >= topicModel().threshold)).toBe(true);
  });

  it('gives no IPTC label to a language neither model reads', () => {
    expect(classifyTopics({ title: 'Zemní plyn', text: 'Rusko dodává více zemního plynu do Číny.', language: 'cs' })).toEqual([]);
    expect(classifyTopics({ title: null, text: 'Η κυβέρνηση ανακοίνωσε νέα μέτρα για την οικονομία και τις εξαγωγές φυσικού αερίου.' })).toEqual([]);
  });

  it('still gives a best guess for an article with no known word', () => {
    const topics = classifyTopics({ title: null, text: 'zzzz qqqq', language: 'en' });
    expect(topics).toHaveLength(1);
    expect(topics[0].score).toBeLessThan(topicModel().threshold);
  });
});

describe('scoreTopics', () => {
  it('scores all 17 IPTC top-level topics with probabilities', () => {
    const topics = scoreTopics({ ...match, language: 'en' });
    expect(topics).toHaveLength(17);
    expect(topics.every((t) => /^medtop:\d{8}$/.test(t.code) && t.score >= 0 && t.score <= 1)).toBe(true);
  });
});

// What each released version produces. Records are rebuilt by `syndic reprocess` only when their
// classifierVersion differs, so a model or entity rules that change what is stored must come with a new
// version: then this test fails until the new version's fingerprint is added here.
const RELEASED_FINGERPRINTS: Record<string, string> = {
  'iptc-lr-2026.11.4': '5dd930bb9bb2a183f195df4cae46d8b8b6c0b2b6846b37933d9c946bce62fe59',
  'iptc-ml-2026.12.1': 'a8db6a898d416a99b6033fbbbe1b6aeff659b3efacb0b1e262ab7c9267b7706b',
  'iptc-ml-2026.12.2': 'ff487998cfccc319fe48411aa042811ece3d034704808657fbb8373566e0697a',
  'entities-2': '3f81f23359337cb4cbb2050b395a2b57ea689903de58cf257818c97f6c04ec02',
};

const sha256 = (value: unknown) => createHash('sha256').update(JSON.stringify(value)).digest('hex');

/** Everything in an artifact that decides a label; the version and the training notes do not. */
function modelFingerprint(model: unknown): string {
  const { version: _version, training: _training, ...decisive } = model as Record<string, unknown>;
  return sha256(decisive);
}

/** The names the rules find in the written test articles. */
function entitiesFingerprint(): string {
  return sha256([summit, match].map((article) => extractEntities({ ...article, language: 'en' })));
}

describe('the versions recorded on each article', () => {
  it('gives each shipped model a new version whenever what it decides changes', () => {
    for (const model of [artifact, multilingualArtifact]) {
      expect(RELEASED_FINGERPRINTS[model.version], `model ${model.version} changed without a new version`).toBe(modelFingerprint(model));
    }
  });

  it('gives the entity rules a new version whenever the names they find change', () => {
    expect(RELEASED_FINGERPRINTS[ENTITIES_VERSION], `entity rules ${ENTITIES_VERSION} changed without a new version`).toBe(entitiesFingerprint());
  });

  it('names every model and the entity rules in the classifier version, so a change to any rebuilds the record', () => {
    expect(MODEL_VERSION).toBe(`${artifact.version}+${multilingualArtifact.version}`);
    expect(CLASSIFIER_VERSION).toBe(`${artifact.version}+${multilingualArtifact.version}+${ENTITIES_VERSION}`);
  });

  it('has a calibration and a threshold for each of the 15 languages', () => {
    expect(multilingualModel().languages).toHaveLength(15);
    for (const language of multilingualModel().languages) {
      const threshold = topicThreshold(language)!;
      expect(threshold).toBeGreaterThan(0);
      expect(threshold).toBeLessThan(1);
    }
    expect(topicThreshold('sv')).toBeNull();
  });
});

describe('language', () => {
  it('detects the language when none is given and labels each of the languages with the model that reads it', () => {
    expect(classifyTopics({ title: match.title, text: match.text })[0].code).toBe('medtop:15000000');
    const german = 'Der Stürmer erzielte in der Nachspielzeit das Siegtor, und die Mannschaft steht nun im Pokalfinale gegen den Meister.';
    expect(classifyTopics({ title: 'Spätes Tor bringt den Sieg', text: german })[0].code).toBe('medtop:15000000');
  });

  // Written for these tests: the same kinds of news in several languages and scripts.
  const foreign: [string, string, string][] = [
    ['ru', 'medtop:11000000', 'Парламент принял закон о выборах. Президент подписал документ, а оппозиция заявила, что новые правила помогут правящей партии сохранить большинство в Думе.'],
    ['uk', 'medtop:15000000', 'Збірна України з футболу перемогла у матчі кваліфікації чемпіонату Європи. Нападник забив два голи, а воротар відбив пенальті.'],
    ['es', 'medtop:07000000', 'Los médicos advierten de un aumento de casos de gripe en los hospitales. El ministerio de Sanidad recomienda la vacuna a las personas mayores y a los enfermos crónicos.'],
    ['fr', 'medtop:01000000', 'Le festival de cinéma a récompensé un film d\'animation japonais. Le réalisateur a remercié les acteurs et le public lors de la cérémonie de clôture.'],
    ['zh', 'medtop:15000000', '中国女排在世界杯决赛中以三比一战胜巴西队，夺得冠军。主教练表示球员们在比赛中表现出色。'],
    ['ar', 'medtop:11000000', 'أعلن رئيس الوزراء عن تشكيل حكومة جديدة بعد الانتخابات البرلمانية، وقال إن الحكومة ستعمل على إصلاح الاقتصاد.'],
  ];
  for (const [language, code, text] of foreign) {
    it(`labels a ${language} article by its topic`, () => {
      const topics = classifyTopics({ title: null, text });
      expect(topics[0].code).toBe(code);
      expect(topics.slice(1).every((t) => t.score >= topicThreshold(language)!)).toBe(true);
    });
  }

  it('trusts the text over a lang attribute in another script', () => {
    expect(classifyTopics({ ...match, language: 'ru' })[0].code).toBe('medtop:15000000');
  });

  it('reads a language tag such as en-GB as its language', () => {
    expect(classifyTopics({ ...match, language: 'en-GB' })).not.toEqual([]);
  });
});
