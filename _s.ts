import { scoreTopics, topicModel } from './shared/classify/topics.ts';
const summit = {
  title: 'Putin and Xi pledge closer ties as Russia seeks new buyers for its oil and gas',
  text: [
    'Russian President Vladimir Putin and Chinese President Xi Jinping signed a joint statement in Beijing on Thursday, promising to deepen their strategic partnership and coordinate their foreign policy at the United Nations.',
    'The two leaders agreed to raise exports of Russian crude oil and natural gas to China, with the state energy company Gazprom saying a second pipeline would carry 50 billion cubic metres of gas a year. Trade between the two countries has reached record levels as Western sanctions close European markets to Russian energy.',
    'The summit came as Russian troops pressed a new offensive in eastern Ukraine, where artillery shelling and drone strikes killed at least a dozen civilians overnight. Kyiv urged Beijing to use its influence to end the war.',
  ].join('\n\n'),
};
console.log(topicModel().threshold, scoreTopics({ ...summit, language: 'en' }).slice(0, 5));
for (const p of summit.text.split('\n\n')) console.log(scoreTopics({ title: null, text: p, language: 'en' }).slice(0, 3).map(t => `${t.label.slice(0,10)}:${t.score}`).join(' '));
