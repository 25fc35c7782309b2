import { topicModel } from './shared/classify/topics.ts';
import { articleLogits, combineScores } from './shared/classify/model.ts';
const m = topicModel();
const text = "Prime Minister Narendra Modi and Crown Prince Mohammed bin Salman agreed in New Delhi to build a giant oil refinery on India's west coast, the biggest foreign investment in the country's energy sector. Saudi Aramco will supply crude for the plant, and the two governments said bilateral trade could double within five years.\n\nThe talks took place as Houthi rebels launched drones and missiles at ships in the Red Sea, and a coalition of navies escorted tankers through the strait after an attack killed two sailors.\n\nThe two leaders also signed agreements on defence cooperation and counter-terrorism, and Modi said India would back Saudi Arabia's bid to host a UN conference.";
const { article, paragraph } = articleLogits(m, 'India and Saudi Arabia sign refinery deal as Gulf tensions rise', text);
const s = combineScores(m.calibration, article, paragraph);
m.classes.forEach((c, i) => console.log(c.label.slice(0, 12), article[i].toFixed(2), paragraph[i].toFixed(2), s.articleScores[i].toFixed(3), s.scores[i].toFixed(3)));
console.log(m.calibration);
