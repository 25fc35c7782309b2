
import { parseHtml } from '../../shared/extract/dom.ts';
import { selectContent } from '../../shared/extract/content.ts';
import { renderParagraphs } from '../../shared/extract/render.ts';
import { extractMetadata } from '../../shared/extract/metadata.ts';
import { decodeBytes } from '../../shared/encoding/index.ts';
import { countWords } from '../../shared/extract/index.ts';
{
  const paragraph = '<p>Officials said the rain would continue, and that rivers, roads and rail lines could flood again overnight.</p>';
  const html = `<html><body><article>${paragraph.repeat(Math.ceil(10_000_000 / paragraph.length))}</article></body></html>`;
  const buf = Buffer.from(html);
  let t = performance.now(); const lap = (n: string) => { const x = performance.now(); console.log(n, (x - t).toFixed(0)); t = x; };
  const { text } = decodeBytes(buf); lap('decode');
  const { root, jsonLd } = parseHtml(text); lap('parse');
  extractMetadata(root, jsonLd, 'https://x.org/'); lap('meta');
  const sel = selectContent(root); lap('select');
  const paras = renderParagraphs(sel); lap('render');
  console.log('paras', paras.length, sel.containers.map(c=>c.tag)); countWords(paras.join('\n\n')); lap('words');
}
