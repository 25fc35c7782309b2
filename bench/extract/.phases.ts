import { parseHtml } from '../../shared/extract/dom.ts';
import { selectContent } from '../../shared/extract/content.ts';
import { renderParagraphs } from '../../shared/extract/render.ts';
import { extractMetadata } from '../../shared/extract/metadata.ts';
import { createSurvey } from '../../shared/extract/survey.ts';
import { decodeBytes } from '../../shared/encoding/index.ts';
import { countWords } from '../../shared/extract/index.ts';
import { detectLanguage } from '../../shared/language/index.ts';
const paragraph = (i: number) => `<p>Officials said on day ${i} that the rain would continue, and that rivers, roads and rail lines could flood again.</p>`;
const html = `<html><body><article>${Array.from({ length: 85_000 }, (_, i) => paragraph(i)).join('')}</article></body></html>`;
const buf = Buffer.from(html);
for (let r = 0; r < 3; r++) {
  let t = process.cpuUsage(); const out: string[] = []; const lap = (n: string) => { const d = process.cpuUsage(t); out.push(n + ' ' + ((d.user + d.system) / 1000).toFixed(0)); t = process.cpuUsage(); };
  const { text } = decodeBytes(buf); lap('decode');
  const { survey, note } = createSurvey();
  const { root, jsonLd } = parseHtml(text, note); lap('parse');
  extractMetadata(survey, jsonLd, 'https://x.org/'); lap('meta');
  const sel = selectContent(root, survey); lap('select');
  const paras = renderParagraphs(sel); lap('render');
  const joined = paras.join('\n\n'); lap('join');
  countWords(joined); lap('words');
  detectLanguage(joined, null); lap('lang');
  console.log(out.join(' | '));
}
