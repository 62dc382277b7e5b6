// kith's C GOV.UK components against the fixtures.json that govuk-frontend ships: each
// fixture whose options kith supports is rendered by tests/http/govuk_render.c and
// compared with the fixture's HTML, whitespace normalised. Fixtures that need options
// kith never offers (raw `html`, free-form `attributes`) are skipped and counted.
// Usage: node fixtures.mjs RENDERER
import { readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';

const renderer = process.argv[2];
const require = createRequire(import.meta.url);
const dist = path.dirname(require.resolve('govuk-frontend/package.json'));
const components = ['tag', 'back-link', 'skip-link', 'error-message', 'inset-text', 'button',
  'error-summary'];
const supported = new Set(['text', 'href', 'classes', 'id', 'visuallyHiddenText', 'name',
  'disabled', 'titleText', 'descriptionText', 'errorList']);
// An errorList entry may only have text and href.
const itemsOk = (o) => !o.errorList || o.errorList.every((i) => Object.keys(i).every((k) => k === 'text' || k === 'href'));
const norm = (s) => s.replace(/\s+/g, ' ').replace(/>\s+/g, '>').replace(/\s+</g, '<').trim();

let compared = 0, failed = 0;
const skipped = {};
for (const c of components) {
  const file = path.join(dist, 'dist/govuk/components', c, 'fixtures.json');
  for (const f of JSON.parse(readFileSync(file, 'utf8')).fixtures) {
    const unsupported = Object.keys(f.options).filter((k) => !supported.has(k));
    if (!itemsOk(f.options)) unsupported.push('errorList items with html or attributes');
    if (unsupported.length) {
      const why = unsupported.join(', ');
      skipped[why] = (skipped[why] || 0) + 1;
      continue;
    }
    const got = execFileSync(renderer, [c, JSON.stringify(f.options)], { encoding: 'utf8' });
    compared++;
    if (norm(got) !== norm(f.html)) {
      failed++;
      console.error(`FAIL: ${c} "${f.name}"\n  expected ${norm(f.html)}\n  got      ${norm(got)}`);
    }
  }
}
for (const [why, n] of Object.entries(skipped)) console.log(`skipped ${n}: options ${why}`);
console.log(`${compared} fixtures compared, ${failed} differ`);
process.exit(failed || compared === 0 ? 1 : 0);
