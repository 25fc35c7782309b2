import { entityQuality } from './bench/classify/entities-bench.ts';
import { extractEntities } from './shared/classify/entities.ts';
import { ENTITY_GOLD } from './bench/classify/entity-gold.ts';
console.log(entityQuality());
for (const g of ENTITY_GOLD) { const e = extractEntities({ title: null, text: g.text, language: 'en' }); console.log(e.people.map(x=>x.name), e.places.map(x=>x.name), e.organizations.map(x=>x.name)); }
