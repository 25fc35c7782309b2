// Prints ground-truth paragraphs missing from syndic's output, and syndic paragraphs not in the truth.
import { loadCorpus, readPageHtml } from './corpus.ts';
import { extractArticle } from '../../shared/extract/index.ts';
const page = loadCorpus().find(p => p.id.startsWith(process.argv[2]))!;
const out = extractArticle(readPageHtml(page.id), page.url, { contentType: 'text/html' }).text;
const norm = (s: string) => s.replace(/\s+/g, ' ').trim();
const o = norm(out), t = norm(page.articleBody);
console.log('MISSING:'); for (const p of page.articleBody.split(/\n+/)) if (p.trim() && !o.includes(norm(p))) console.log('  -', norm(p).slice(0, 150));
console.log('EXTRA:'); for (const p of out.split(/\n+/)) if (p.trim() && !t.includes(norm(p))) console.log('  +', norm(p).slice(0, 150));
