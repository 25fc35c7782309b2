import { scoreTopics } from './shared/classify/topics.ts';
const t = 'Temperatures above 40C across the south broke records for a third day on Monday, and forecasters said the heatwave would last until the weekend.';
console.log(scoreTopics({ title: 'Heatwave strains power grid', text: t, language: 'en' }).slice(0, 4));
console.log(scoreTopics({ title: null, text: 'heatwave, forecasters, temperatures, rain, snow', language: 'en' }).slice(0, 3));
