const phrases = ['appeared first on', 'est apparu en premier sur', 'apareció primero en', 'se publicó primero en', 'erschien zuerst auf','впервые появилась', 'впервые опубликовано на','your email address will not be published', 'required fields are marked', 'save my name, email, and website','save my name, email and website', 'you must be logged in to post a comment','не будет опубликован', 'обязательные поля помечены', 'сохранить моё имя', 'сохранить мое имя','no será publicad', 'los campos obligatorios están marcados', 'guarda mi nombre','wird nicht veröffentlicht', 'erforderliche felder sind', 'meinen namen, meine e-mail','ne sera pas publiée', 'les champs obligatoires sont indiqués', 'enregistrer mon nom'];
const ps = Array.from({ length: 85000 }, (_, i) => `Officials said on day ${i} that the rain would continue, and that rivers, roads and rail lines could flood again.`);
const re = new RegExp(phrases.map(p => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'), 'i');
const { isBoilerplateParagraph } = await import('../../shared/extract/boilerplate.ts');
for (let r = 0; r < 3; r++) {
  let t = performance.now(); let n = 0; for (const p of ps) { const l = p.toLowerCase(); if (phrases.some(x => l.includes(x))) n++; } const a = performance.now() - t;
  t = performance.now(); for (const p of ps) if (re.test(p)) n++; const b = performance.now() - t;
  t = performance.now(); for (const p of ps) if (isBoilerplateParagraph(p)) n++; const c = performance.now() - t;
  console.log('includes', a.toFixed(0), 'regex', b.toFixed(0), 'full', c.toFixed(0));
}
