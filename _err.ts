import { loadCustomTopics } from './shared/classify/index.ts';
try { loadCustomTopics({ version: 1, topics: [ { id: 'energy-exports', label: 'E', rules: [{ type: 'keyword', terms: ['oil'] }, { type: 'regex', pattern: '(' }] }, { id: 'energy-exports', label: 'F', rules: [{ type: 'keyword', terms: ['gas'] }] } ] }); } catch (e) { console.log((e as Error).message); }
