import nlp from 'compromise';
import { ENTITY_GOLD } from './bench/classify/entity-gold.ts';
for (const g of ENTITY_GOLD) { const d = nlp(g.text); console.log(d.people().out('array'), d.places().out('array'), d.organizations().out('array')); }
