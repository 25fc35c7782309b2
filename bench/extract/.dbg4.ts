import { readFileSync } from 'node:fs';
import { extractArticle } from '../../shared/extract/index.ts';
for (const f of process.argv.slice(2)) {
  const a = extractArticle(readFileSync(f), 'https://site.example/path/article.html');
  console.log('=====', f); console.log({ ...a, text: undefined }); console.log(a.text);
}
