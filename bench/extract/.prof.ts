import { extractArticle } from '../../shared/extract/index.ts';
const paragraph = '<p>Officials said the rain would continue, and that rivers, roads and rail lines could flood again overnight.</p>';
const html = `<html><body><article>${paragraph.repeat(Math.ceil(10_000_000 / paragraph.length))}</article></body></html>`;
const buf = Buffer.from(html);
for (let i = 0; i < 3; i++) { const t = performance.now(); extractArticle(buf, 'https://example.org/'); console.log(performance.now() - t); }
