import { loadCorpus, readPageHtml } from '/work/main/bench/extract/corpus.ts';
import { extractArticle } from '/work/main/shared/extract/index.ts';
import { parseHtml } from '/work/main/shared/extract/dom.ts';

const id = process.argv[2];
const page0 = loadCorpus().find(p => p.id.startsWith(id))!; const page = { ...page0, html: readPageHtml(page0.id) };


const desc = (e: any) => { const parts = []; for (let n = e; n && parts.length < 6; n = n.parent) parts.push(`${n.tag}${n.attrs.id ? '#' + n.attrs.id : ''}${n.attrs.class ? '.' + n.attrs.class.trim().split(/\s+/).join('.') : ''}`); return parts.join(' < '); };

const a = extractArticle(page.html, page.url, { contentType: 'text/html' });
console.log({ ...a, text: undefined });
console.log('---TEXT---\n' + a.text.slice(0, +(process.argv[3] ?? 3000)));
console.log('---TRUTH---\n' + page.articleBody.slice(0, +(process.argv[4] ?? 1500)));
