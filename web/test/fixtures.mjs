// kith's C GOV.UK components against the fixtures.json that govuk-frontend ships: each
// fixture whose options kith supports is rendered by tests/http/govuk_render.c and
// compared with the fixture's HTML, whitespace normalised. Fixtures that need options
// kith never offers (raw `html`, free-form `attributes`, ...) are skipped and counted;
// the test fails when any fixture differs or a component matches none.
// Usage: node fixtures.mjs RENDERER
import { readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';

const renderer = process.argv[2];
const require = createRequire(import.meta.url);
const dist = path.dirname(require.resolve('govuk-frontend/package.json'));

// The options each component takes, as paths with [] for any array index. A fixture is
// compared only when every leaf of its options is on its component's list.
const simple = ['text', 'href', 'classes', 'id'];
const field = ['name', 'id', 'label.text', 'label.classes', 'hint.text', 'errorMessage.text',
  'value', 'classes'];
const components = {
  'tag': { keys: ['text', 'classes'] },
  'back-link': { keys: simple },
  'skip-link': { keys: simple },
  'error-message': { keys: [...simple, 'visuallyHiddenText'] },
  'inset-text': { keys: simple },
  'button': { keys: [...simple, 'name', 'value', 'disabled'] },
  'error-summary': { keys: ['titleText', 'descriptionText', 'classes', 'errorList[].text', 'errorList[].href'] },
  'input': { keys: [...field, 'type', 'autocomplete', 'inputmode', 'spellcheck'] },
  'textarea': { keys: [...field, 'rows', 'spellcheck'] },
  // kith always gives the limit, so the hint shows it without JavaScript.
  'character-count': {
    keys: [...field, 'maxlength', 'rows', 'spellcheck'],
    needs: (o) => ('maxlength' in o ? null : 'a limit set in JavaScript only'),
  },
  'date-input': {
    keys: ['id', 'namePrefix', 'fieldset.legend.text', 'fieldset.legend.classes', 'hint.text',
      'errorMessage.text', 'classes', 'values.day', 'values.month', 'values.year',
      'values.dob-day', 'values.dob-month', 'values.dob-year', 'day.error', 'month.error',
      'year.error', 'day.value', 'month.value', 'year.value'],
  },
  'select': { keys: [...field, 'items[].value', 'items[].text'] },
  'file-upload': { keys: [...field.filter((k) => k !== 'value'), 'multiple'] },
  'radios': {
    keys: ['name', 'idPrefix', 'fieldset.legend.text', 'fieldset.legend.classes', 'hint.text',
      'errorMessage.text', 'value', 'classes', 'items[].value', 'items[].text',
      'items[].hint.text'],
  },
  'summary-list': { keys: ['classes', 'rows[].key.text', 'rows[].value.text'] },
  'table': {
    keys: ['caption', 'captionClasses', 'classes', 'firstCellIsHeader', 'head[].text',
      'head[].format', 'head[].classes', 'rows[][].text', 'rows[][].format', 'rows[][].classes'],
  },
  'details': { keys: ['summaryText', 'text', 'id', 'open'] },
  'notification-banner': { keys: ['text', 'titleText', 'type', 'titleId', 'classes'] },
  // The GOV.UK header always draws the crown, which only GOV.UK domains may use: kith's
  // header is the generic header, and `header` has no C function.
  'generic-header': { keys: ['logoText', 'url'] },
  'service-navigation': {
    keys: ['navigation[].text', 'navigation[].href', 'navigation[].current', 'navigationLabel',
      'collapseNavigationOnMobile'],
  },
  // kith is not Crown content: its footer has no crown, no Open Government Licence logo
  // and no Crown copyright link, and it names its own licence (so a fixture with the
  // default OGL wording is skipped). Those three parts are cut from the expected HTML.
  'footer': {
    keys: ['meta.items[].text', 'meta.items[].href', 'contentLicence.text', 'contentLicence'],
    needs: (o) => ('contentLicence' in o ? null : 'the default licence wording'),
    expect: (html) => html
      .replace(/<svg[^>]*class="govuk-footer__crown"[^]*?<\/svg>/, '')
      .replace(/<svg[^>]*class="govuk-footer__licence-logo"[^]*?<\/svg>/, '')
      .replace(/<div class="govuk-footer__meta-item">\s*<a[^>]*govuk-footer__copyright-logo[^]*?<\/a>\s*<\/div>/, ''),
  },
};

// Every leaf of the options as a path ("rows[].key.text"); a null or false at the top is a
// leaf too, so `contentLicence: null` is a key of its own.
function leaves(v, at, out) {
  if (Array.isArray(v)) v.forEach((x) => leaves(x, `${at}[]`, out));
  else if (v !== null && typeof v === 'object') {
    for (const [k, x] of Object.entries(v)) leaves(x, at ? `${at}.${k}` : k, out);
  } else out.add(at);
  return out;
}

const norm = (s) => s.replace(/\s+/g, ' ').replace(/>\s+/g, '>').replace(/\s+</g, '<')
  .replace(/\s+>/g, '>').trim();

let compared = 0, failed = 0, nskipped = 0;
for (const [c, spec] of Object.entries(components)) {
  const file = path.join(dist, 'dist/govuk/components', c, 'fixtures.json');
  let matched = 0, skipped = 0;
  const why = {}; // unsupported option -> how many fixtures it kept out
  for (const f of JSON.parse(readFileSync(file, 'utf8')).fixtures) {
    const keys = new Set(spec.keys);
    const unsupported = [...leaves(f.options, '', new Set())].filter((k) => !keys.has(k));
    const need = spec.needs && spec.needs(f.options);
    if (need) unsupported.push(need);
    if (unsupported.length) {
      skipped++;
      // Free-form attributes count once, whatever their names.
      for (const k of new Set(unsupported.map((u) => u.replace(/(^|\.)attributes\..*$/, '$1attributes'))))
        why[k] = (why[k] || 0) + 1;
      continue;
    }
    const got = execFileSync(renderer, [c, JSON.stringify(f.options)], { encoding: 'utf8' });
    const want = spec.expect ? spec.expect(f.html) : f.html;
    compared++;
    if (norm(got) !== norm(want)) {
      failed++;
      console.error(`FAIL: ${c} "${f.name}"\n  expected ${norm(want)}\n  got      ${norm(got)}`);
    } else matched++;
  }
  const reasons = Object.entries(why).map(([k, n]) => `${k} ${n}`).join(', ');
  console.log(`${c}: ${matched} match, ${skipped} skipped${skipped ? ` (for ${reasons})` : ''}`);
  nskipped += skipped;
  if (!matched) {
    console.error(`FAIL: ${c} matches no fixture`);
    failed++;
  }
}
console.log(`${compared} fixtures compared, ${failed} differ, ${nskipped} skipped`);
process.exit(failed || compared === 0 ? 1 : 0);
