// Opens factdiff's HTML report in headless Chromium and checks the rendered page:
//   - one findings row per finding of the JSON report, in the same order;
//   - a filter applied by a click (verdict chip) and by the URL hash (on load and on hashchange)
//     shows exactly the findings the JSON says it should;
//   - sorting by a column orders the rows, and a row opens its sources;
//   - no console error, no page error, and no request other than the file itself (every request is
//     intercepted; only file:// is allowed);
//   - hostile article text (the robustness matrix's, plus markup, attribute-breaking quotes,
//     </style>, </script>, javascript: URLs) renders as text: no payload runs, no element is injected;
//   - a screenshot of each report is written to target/browser/ (a CI artifact).
//
// Usage: node check-report.js --bin target/release/factdiff --out target/browser \
//          --corpus corpus [--corpus ../shared/devcorpus] [--hostile]
// Exit code 0 when every check passes, 1 otherwise (each failure is printed).

'use strict';

const fs = require('fs');
const os = require('os');
const path = require('path');
const { execFileSync } = require('child_process');
const { chromium } = require('playwright-core');

const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';

function parseArgs(argv) {
  const args = { corpora: [], hostile: false, bin: 'target/release/factdiff', out: 'target/browser' };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--bin') args.bin = argv[++i];
    else if (a === '--out') args.out = argv[++i];
    else if (a === '--corpus') args.corpora.push(argv[++i]);
    else if (a === '--hostile') args.hostile = true;
    else throw new Error(`unknown argument ${a}`);
  }
  return args;
}

let failures = 0;
function check(label, ok, message) {
  if (ok) {
    console.log(`  ok   ${message}`);
  } else {
    failures += 1;
    console.log(`  FAIL ${message}`);
  }
  return ok;
}

/// Runs factdiff; exit codes 0 and 1 (findings) are fine, 2 is not.
function factdiff(bin, args) {
  try {
    return execFileSync(bin, args, { encoding: 'utf8', maxBuffer: 1 << 30 });
  } catch (e) {
    if (e.status === 1) return e.stdout;
    throw new Error(`factdiff ${args.join(' ')} exited ${e.status}:\n${e.stderr}`);
  }
}

// ---------------------------------------------------------------------------------------------
// The hostile corpus: the partner pair of corpus/same-day-conflict and an article of the same event
// whose every field carries a payload that would set window.__pwned if it ever ran.

const PAYLOADS = [
  '<script>window.__pwned="script"</script>',
  '"><img src=x onerror="window.__pwned=\'img\'">',
  "'><svg onload=\"window.__pwned='svg'\">",
  '</style><script>window.__pwned="style"</script>',
  '</script><script>window.__pwned="script-end"</script>',
  '</textarea></title><iframe src="javascript:window.top.__pwned=\'iframe\'"></iframe>',
  '<a href="javascript:window.__pwned=\'link\'">click</a>',
];

function tomlString(s) {
  return JSON.stringify(s); // a TOML basic string accepts JSON's escapes for these characters
}

function writeHostileCorpus(dir) {
  const partner = path.join('corpus', 'same-day-conflict');
  for (const name of ['wire-a.txt', 'wire-b.txt']) {
    fs.copyFileSync(path.join(partner, name), path.join(dir, name));
  }
  const outlet = `Evil ${PAYLOADS[0]} ${PAYLOADS[1]} \u001b[31m\r\n::set-env name=A::B`;
  const doc = [
    '+++',
    'event = "case-same-day-conflict"',
    `outlet = ${tomlString(outlet)}`,
    'published = 2023-11-09',
    `url = ${tomlString("javascript:window.__pwned='url'")}`,
    `title = ${tomlString(PAYLOADS[3])}`,
    `desk = ${tomlString(PAYLOADS[4])}`,
    '+++',
    `\u001b[31mRed\u001b[0m headline ${PAYLOADS[5]} \u202edesrever`,
    '',
    `At least 20,000 Palestinians have been killed in Gaza, ${PAYLOADS[2]} ${PAYLOADS[3]} officials said.`,
    '\r\n::set-env name=A::B\r\n::add-mask::x',
    `@SUM(1+1) | ${PAYLOADS[0]} | +cmd -x ${PAYLOADS[6]}`,
    `"We will not stop ${PAYLOADS[4]}," \u001b[1m=cmd|' /C calc'!A0\u202e said, adding that 21,000 people had been killed.`,
    '',
  ].join('\n');
  fs.writeFileSync(path.join(dir, 'hostile.txt'), doc);
  // A second hostile document whose link is a plain https address holding quotes and markup.
  const linked = [
    '+++',
    'event = "case-same-day-conflict"',
    `outlet = ${tomlString('Quote " Marks \' Daily')}`,
    'published = 2023-11-09',
    `url = ${tomlString('https://example.org/a?b="><script>window.__pwned=\'href\'</script>')}`,
    '+++',
    'Toll disputed',
    '',
    `In all, 15,000 Palestinians have been killed in Gaza, the ministry said ${PAYLOADS[1]}.`,
    '',
  ].join('\n');
  fs.writeFileSync(path.join(dir, 'linked.txt'), linked);
}

// ---------------------------------------------------------------------------------------------

/// The outlets of each finding, from the JSON report (the HTML's "outlet" filter works on these).
function findingOutlets(report) {
  const docs = new Map(report.documents.map((d) => [d.id, d]));
  const claims = new Map(report.claims.map((c) => [c.id, c]));
  const quotes = new Map(report.quotes.map((q) => [q.id, q]));
  const outletOf = (docId) => {
    const d = docs.get(docId);
    return (d && d.outlet) || docId;
  };
  return report.findings.map((f) => {
    const set = new Set();
    for (const id of f.claims) if (claims.has(id)) set.add(outletOf(claims.get(id).doc));
    for (const id of f.quotes) if (quotes.has(id)) set.add(outletOf(quotes.get(id).doc));
    return set;
  });
}

async function visibleIds(page) {
  return page.$$eval('tbody.finding', (bodies) =>
    bodies.filter((b) => !b.hidden && b.offsetParent !== null).map((b) => b.dataset.id));
}

function sameList(a, b) {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

async function checkReport(browser, label, htmlPath, report, options) {
  console.log(`${label}: ${htmlPath}`);
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const outside = [];
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith('file://')) return route.continue();
    outside.push(url);
    return route.abort();
  });
  const page = await context.newPage();
  const errors = [];
  page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') errors.push(`console ${m.type()}: ${m.text()}`); });
  page.on('pageerror', (e) => errors.push(`page error: ${e.message}`));
  page.on('request', (r) => { if (!r.url().startsWith('file://')) outside.push(r.url()); });
  page.on('dialog', (d) => { errors.push(`dialog opened: ${d.message()}`); d.dismiss(); });

  const url = 'file://' + path.resolve(htmlPath);
  await page.goto(url, { waitUntil: 'load' });

  const ids = report.findings.map((f) => f.id);
  const rows = await page.$$eval('tbody.finding', (b) => b.map((x) => x.dataset.id));
  check(label, rows.length === ids.length, `${rows.length} findings rows, JSON has ${ids.length}`);
  check(label, sameList(rows, ids), 'rows are the JSON findings, in the same order');
  check(label, sameList(await visibleIds(page), ids), 'every row is visible before filtering');
  const verdictsOk = await page.$$eval('tbody.finding', (b) => b.map((x) => x.dataset.verdict));
  check(label, sameList(verdictsOk, report.findings.map((f) => f.verdict)), 'each row shows its JSON verdict');

  // Summary bar: one chip per verdict, with the JSON's count.
  const chipCounts = await page.$$eval('.verdict-chip', (cs) => cs.map((c) => [c.dataset.verdict, Number(c.querySelector('b').textContent)]));
  check(label, chipCounts.every(([v, n]) => report.summary.findings[v] === n), 'verdict chips count what the JSON summary counts');

  // A filter by a click: the chip of the most frequent verdict.
  const byVerdict = new Map();
  report.findings.forEach((f) => byVerdict.set(f.verdict, (byVerdict.get(f.verdict) || 0) + 1));
  if (byVerdict.size > 0) {
    const [verdict] = [...byVerdict.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0];
    await page.click(`.verdict-chip[data-verdict="${verdict}"]`);
    const want = report.findings.filter((f) => f.verdict === verdict).map((f) => f.id);
    check(label, sameList(await visibleIds(page), want), `click on the ${verdict} chip shows its ${want.length} findings`);
    const hash = await page.evaluate(() => location.hash);
    check(label, hash.includes(`verdict=${verdict}`), `the click wrote the filter into the URL hash (${hash})`);
    await page.click(`.verdict-chip[data-verdict="${verdict}"]`);
    check(label, (await visibleIds(page)).length === ids.length, 'a second click clears it');
  }

  // A filter by the URL hash, on a loaded page (hashchange) and on a fresh load.
  const outlets = findingOutlets(report);
  const allOutlets = [...new Set(outlets.flatMap((s) => [...s]))].sort();
  if (allOutlets.length > 0) {
    // The outlet that the fewest findings (but at least one) name, so that the filter narrows.
    // Outlet names holding control characters are shown cleaned, so the filter is tried on a plain one.
    const plain = allOutlets.filter((o) => !/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/.test(o));
    const counted = (plain.length ? plain : allOutlets).map((o) => [o, outlets.filter((s) => s.has(o)).length]).sort((a, b) => a[1] - b[1] || (a[0] < b[0] ? -1 : 1));
    const [outlet] = counted[0];
    const want = report.findings.filter((_, i) => outlets[i].has(outlet)).map((f) => f.id);
    const hash = '#' + new URLSearchParams({ outlet }).toString();
    await page.evaluate((h) => { location.hash = h; }, hash);
    await page.waitForFunction((n) => document.querySelectorAll('tbody.finding:not([hidden])').length === n, want.length, { timeout: 5000 }).catch(() => {});
    check(label, sameList(await visibleIds(page), want), `hash ${hash} (hashchange) shows the ${want.length} findings naming that outlet`);
    const selected = await page.$eval('#f-outlet', (s) => s.value);
    check(label, selected === outlet, 'the outlet select shows the hash value');

    const fresh = await context.newPage();
    fresh.on('console', (m) => { if (m.type() === 'error') errors.push(`console error: ${m.text()}`); });
    fresh.on('pageerror', (e) => errors.push(`page error: ${e.message}`));
    const severity = report.findings[0].severity;
    const want2 = report.findings.filter((f, i) => f.severity === severity && outlets[i].has(outlet)).map((f) => f.id);
    const hash2 = '#' + new URLSearchParams({ severity, outlet }).toString();
    await fresh.goto(url + hash2, { waitUntil: 'load' });
    check(label, sameList(await visibleIds(fresh), want2), `a fresh load of ${hash2} shows the ${want2.length} matching findings`);
    await fresh.close();
    await page.click('#f-clear');
    check(label, (await visibleIds(page)).length === ids.length, 'Clear shows every finding again');
  }

  // Sorting by date, then back.
  if (ids.length > 1) {
    await page.click('th button[data-sort="dates"]');
    const dates = await page.$$eval('tbody.finding', (b) => b.map((x) => (x.dataset.dates || '').split('\n')[0]));
    const sorted = [...dates].sort();
    check(label, sameList(dates, sorted), 'a click on "Dates" sorts the rows by date');
    await page.click('#f-clear');
    const back = await page.$$eval('tbody.finding', (b) => b.map((x) => x.dataset.id));
    check(label, sameList(back, ids), 'Clear restores report order');
  }

  // Opening a finding shows one card per source.
  if (ids.length > 0) {
    const f = report.findings[0];
    await page.click(`tbody.finding[data-id="${f.id}"] tr.row td.c-subject`);
    const cards = await page.$$eval(`tbody.finding[data-id="${f.id}"] tr.detail:not([hidden]) .card`, (c) => c.length);
    const sources = f.kind === 'quote' ? f.quotes.length : f.claims.length;
    check(label, cards === sources, `opening ${f.id} shows ${cards} source cards (JSON: ${sources})`);
    const marked = await page.$$eval(`tbody.finding[data-id="${f.id}"] .card mark`, (m) => m.length);
    check(label, f.kind === 'quote' || marked === sources, `each sentence marks its figure (${marked})`);
  }

  // Nothing injected.
  const pwned = await page.evaluate(() => window.__pwned);
  check(label, pwned === undefined, `no payload ran (window.__pwned is ${JSON.stringify(pwned)})`);
  const scripts = await page.$$eval('script', (s) => s.length);
  check(label, scripts === 1, `one script element, the page's own (${scripts})`);
  const injected = await page.$$eval('img, iframe, object, embed, body a:not(.article), [onerror], [onload], [onclick]', (e) => e.map((x) => x.outerHTML.slice(0, 80)));
  check(label, injected.length === 0, `no injected element or handler ${JSON.stringify(injected)}`);
  const hrefs = await page.$$eval('a[href]', (a) => a.map((x) => x.getAttribute('href')));
  check(label, hrefs.every((h) => /^https?:\/\//i.test(h)), `every link is http(s) (${hrefs.length} links)`);
  if (options.hostile) {
    const text = await page.evaluate(() => document.body.textContent);
    check(label, text.includes('<script>window.__pwned="script"</script>'), 'the <script> payload is shown as text');
    check(label, text.includes('</style><script>'), 'the </style> payload is shown as text');
    check(label, text.includes('"><img src=x onerror='), 'the attribute-breaking payload is shown as text');
    check(label, !text.includes('\u001b') && !text.includes('\u202e'), 'no escape sequence or bidi override reaches the page');
    check(label, hrefs.length === 1 && hrefs[0].startsWith('https://example.org/a?b="><script>'), 'the https link is kept whole, the javascript: one is dropped');
    const csp = await page.$eval('meta[http-equiv="Content-Security-Policy"]', (m) => m.content);
    check(label, csp.includes("default-src 'none'") && !csp.includes('unsafe-inline'), `CSP forbids loads and foreign scripts: ${csp}`);
  }

  // Screenshot: the first finding open, as a reviewer sees it.
  fs.mkdirSync(options.out, { recursive: true });
  const shot = path.join(options.out, `${label}.png`);
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: shot });
  console.log(`  screenshot ${shot}`);

  check(label, outside.length === 0, `no request left the file ${JSON.stringify([...new Set(outside)])}`);
  check(label, errors.length === 0, `no console or page error ${JSON.stringify(errors)}`);
  await context.close();
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  fs.mkdirSync(args.out, { recursive: true });
  const jobs = [];
  for (const corpus of args.corpora) {
    const label = path.basename(path.resolve(corpus));
    jobs.push({ label, paths: [corpus], hostile: false });
  }
  let tmp = null;
  if (args.hostile) {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'factdiff-hostile-'));
    writeHostileCorpus(tmp);
    jobs.push({ label: 'hostile', paths: [tmp], hostile: true });
  }
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
  });
  try {
    for (const job of jobs) {
      const html = path.join(args.out, `${job.label}.html`);
      factdiff(args.bin, ['check', '--format', 'html', '--fail-on', 'never', '-q', '-o', html, ...job.paths]);
      const report = JSON.parse(factdiff(args.bin, ['check', '--format', 'json', '--fail-on', 'never', '-q', ...job.paths]));
      await checkReport(browser, job.label, html, report, { out: args.out, hostile: job.hostile });
    }
  } finally {
    await browser.close();
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  }
  if (failures > 0) {
    console.log(`${failures} check(s) failed`);
    process.exit(1);
  }
  console.log('all browser checks passed');
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
