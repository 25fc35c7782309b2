import { franc, francAll } from 'franc-min';
const t = 'The president said the talks would continue next week.';
console.log(franc(t), francAll(t).slice(0, 5));
console.log(franc(t, { only: ['eng', 'fra', 'deu', 'spa', 'por', 'ita', 'nld', 'rus', 'ukr', 'pol', 'tur', 'ind', 'swe'] }));
