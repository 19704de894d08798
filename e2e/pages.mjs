// The committee, finance, register evidence and audit sample pages in headless Chromium (Debian's), driven
// by playwright-core. Run by tests/browser.rs against a real server with the
// demo data; it reads:
//   NOCURE_BASE    the server's base URL
//   NOCURE_TOKENS  JSON: a token per role
//   NOCURE_SHOTS   a folder for the screenshots
//   CHROMIUM       the browser (default /usr/bin/chromium)
// Every figure the pages show is checked against the API's answer (the
// committee page, the grant page and the finance page).

import { chromium } from 'playwright-core';
import fs from 'node:fs';
import path from 'node:path';

const base = process.env.NOCURE_BASE;
const tokens = JSON.parse(process.env.NOCURE_TOKENS);
const shots = process.env.NOCURE_SHOTS;
fs.mkdirSync(shots, { recursive: true });

let failures = 0;
function check(ok, what) {
  if (ok) {
    console.log(`ok - ${what}`);
  } else {
    failures += 1;
    console.log(`not ok - ${what}`);
  }
}

async function api(role, url, init = {}) {
  const res = await fetch(base + url, { ...init, headers: { Authorization: `Bearer ${tokens[role]}`, ...(init.headers || {}) } });
  const text = await res.text();
  return { status: res.status, body: text.startsWith('{') ? JSON.parse(text) : text };
}

// Danish number format, as the pages print it.
function da(value, suffix = '') {
  const [int, frac] = String(value).split('.');
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  return (frac === undefined ? grouped : `${grouped},${frac}`) + suffix;
}

function shown(v, suffix = '') {
  if (v === null) return '–';
  if (typeof v === 'string' && v.startsWith('< ')) return v;
  if (v === 'hidden') return 'skjult';
  if (v === 'suppressed') return '–*';
  return da(v, suffix);
}

// A month as the Danish pages name it: 2026-04 → april 2026.
function daMonth(ym) {
  const names = ['januar', 'februar', 'marts', 'april', 'maj', 'juni', 'juli', 'august', 'september', 'oktober', 'november', 'december'];
  const [y, m] = ym.split('-');
  return `${names[Number(m) - 1]} ${y}`;
}

// The cells of a table's row, by column key.
async function tableRow(page, table, label) {
  return page.$$eval(`#table-${table} tbody tr`, (trs, label) => {
    const tr = trs.find((r) => r.querySelector('th').textContent.trim() === label);
    return tr ? Object.fromEntries([...tr.querySelectorAll('th, td')].map((c) => [c.dataset.key, c.textContent.trim()])) : null;
  }, label);
}

async function signIn(browser, role, start) {
  const context = await browser.newContext({ locale: 'da-DK', viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await page.goto(`${base}${start}`);
  check(page.url().includes('/login'), `${role}: an unsigned visitor is sent to the sign-in page`);
  await page.getByLabel('Dit token').fill(tokens[role]);
  await page.getByRole('button', { name: 'Log ind' }).click();
  await page.waitForLoadState('load');
  const cookies = await context.cookies();
  const c = cookies.find((c) => c.name === 'nocure_token');
  check(c && c.httpOnly && c.secure && c.sameSite === 'Strict', `${role}: the token is kept in a secure, HTTP-only, strict cookie`);
  return page;
}

async function unlabelledFields(page) {
  return page.evaluate(() =>
    [...document.querySelectorAll('input:not([type=hidden]), select, textarea')]
      .filter((el) => el.labels === null || el.labels.length === 0)
      .map((el) => el.name || el.id),
  );
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});

try {
  // ---------------------------------------------------------------- committee
  const page = await signIn(browser, 'committee', '/committee');
  check(new URL(page.url()).pathname === '/committee', 'committee: signing in returns to the page asked for');
  await page.goto(`${base}/committee?contract=lejre-jobparate&as_of=2025-12-31`);
  const report = (await api('committee', '/reports/portfolio?contract=lejre-jobparate&as_of=2025-12-31')).body;

  const rows = await page.$$eval('#table-status tbody tr', (trs) =>
    trs.map((tr) => Object.fromEntries([...tr.querySelectorAll('th, td')].map((c) => [c.dataset.key, c.textContent.trim()]))),
  );
  const groups = [...report.groups, { ...report.total, label: 'I alt' }];
  check(rows.length === groups.length, `committee: the status table has a row per target group and the total (${rows.length})`);
  for (const [i, g] of groups.entries()) {
    const row = rows[i] || {};
    check(row.group === g.label, `committee: row ${i + 1} is ${g.label}`);
    for (const key of ['referred', 'ongoing', 'ended_job', 'ended_no_job', 'interrupted']) {
      check(row[key] === shown(g.status[key]), `committee: ${g.label} ${key} shows ${shown(g.status[key])} as the API says (page: ${row[key]})`);
    }
    check(row.success_rate_pct === shown(g.status.success_rate_pct, ' %'), `committee: ${g.label} success rate ${row.success_rate_pct}`);
  }
  // The minutes' figures (docs/rules.md), computed rather than typed: the
  // status table is public, so a committee member sees it as the minutes
  // print it.
  check(rows[0].success_rate_pct === '53,6 %' && rows[rows.length - 1].success_rate_pct === '53,3 %', 'committee: 53,6 % for dagpenge and 53,3 % in total, as in the minutes');
  check(rows[1].ongoing === '2' && rows[2].ongoing === '0', 'committee: the minutes\' 2 and 0 are shown as the minutes print them');

  // The money table reconciles, by hand from the demo's invoices: 170.000
  // paid (July's 34 job starts) + 420.000 approved (December's) + 30.000
  // earned, not invoiced (6 job starts since October) − 10.000 at risk (a
  // 3-month instalment forfeited by a benefit day reported late) = 610.000.
  const money = await tableRow(page, 'money', 'I alt');
  for (const key of ['paid', 'approved_unpaid', 'earned_uninvoiced', 'at_risk', 'earned', 'liability']) {
    check(money[key] === da(report.total.money[key], ' kr.'), `committee: total ${key} ${money[key]} is the API's ${report.total.money[key]}`);
  }
  check(money.paid === '170.000,00 kr.' && money.approved_unpaid === '420.000,00 kr.' && money.earned_uninvoiced === '30.000,00 kr.' && money.at_risk === '10.000,00 kr.' && money.earned === '610.000,00 kr.',
    `committee: the money reconciles: 170.000 + 420.000 + 30.000 − 10.000 = 610.000 (${JSON.stringify(money)})`);
  const led = await tableRow(page, 'money', 'Ledighedsydelse');
  check(led.earned === '–*' && !(await page.textContent('#table-money')).includes('< 5'), `committee: an amount resting on fewer than 5 citizens is a dash with a footnote, never "< 5" (${led.earned})`);
  check((await page.textContent('main')).includes('* Undertrykt: tallet bygger på et antal under 5 borgere'), 'committee: the footnote explains the dash');

  check((await page.$$('figure svg polyline[data-series="paid"]')).length === 1, 'committee: the chart draws the payments');
  const breakEven = await page.textContent('li[data-sentence="break-even"][data-group="Dagpenge"]');
  check(breakEven.includes('tjent ind igen efter 1,96 måneders beskæftigelse'), `committee: the break-even sentence in the minutes' words: ${breakEven}`);
  const deadweight = await page.textContent('li[data-sentence="deadweight"][data-group="Dagpenge"]');
  check(deadweight.includes('kritiske dødvægt er 50,96 %') && deadweight.includes(`${da(report.groups[0].realised.deadweight_realised_pct)} %`), `committee: the deadweight sentence: ${deadweight}`);
  check((await unlabelledFields(page)).length === 0, 'committee: every form field has a label');
  await page.screenshot({ path: path.join(shots, 'committee.png'), fullPage: true });

  // The minutes' own figures, typed as a secretary would copy them: only
  // the prose's 53,5 % disagrees with the table's 53,3 %.
  await page.setInputFiles('#figures-file', path.join(process.cwd(), '..', 'examples', 'minutes-2026-02-03.csv'));
  await page.getByRole('button', { name: 'Kontrollér tallene' }).click();
  await page.waitForLoadState('load');
  const summary = await page.textContent('[role=status]');
  check(summary.includes('1 af 32 tal afviger'), `committee: the typed figures are checked: ${summary.trim()}`);
  const flagged = await page.$$eval('#table-check tbody tr[data-flagged="true"]', (trs) => trs.map((tr) => tr.textContent));
  check(flagged.length === 1 && flagged[0].includes('Samlet / Succesrate') && flagged[0].includes('53,5 %') && flagged[0].includes('53,3 %'), `committee: the minutes' 53,5 % is flagged against 53,3 % (${flagged})`);

  // What-if: left as it is, the form gives the realised figures to the øre.
  await page.goto(`${base}/committee?contract=lejre-jobparate&as_of=2025-12-31`);
  check(await page.getByLabel('Jobstartrate: andel af henviste, der starter i job (%)').inputValue() === '32,61', 'committee: the what-if is prefilled in Danish (32,61)');
  const realised = await tableRow(page, 'realised', 'Dagpenge');
  await page.getByRole('button', { name: 'Beregn' }).click();
  await page.waitForLoadState('load');
  const same = await page.$$eval('#table-scenario tbody tr', (trs) => Object.fromEntries(trs.map((tr) => [tr.querySelector('th').textContent.trim(), tr.querySelector('td').textContent.trim()])));
  check(same['Forventede betalinger i alt'] === realised.earned && realised.earned === '440.000,00 kr.', `committee: an unchanged what-if pays what was earned: ${same['Forventede betalinger i alt']} = ${realised.earned}`);
  check(same['Nettoresultat'] === realised.net_result && same['Besparelse skabt af casen (efter dødvægt)'] === realised.realised_savings, `committee: an unchanged what-if gives the realised net ${realised.net_result} (what-if: ${same['Nettoresultat']})`);
  check(same['Jobstarter'] === '30' && Object.keys(same).some((k) => k === 'Betaling ved fastholdelse i 3 måneder (17 gange)'), `committee: counts without decimals, milestones by name (${Object.keys(same)})`);

  // What-if: the same inputs through the form and through the API.
  await page.getByLabel('Henvisninger', { exact: true }).fill('100');
  await page.getByLabel('Jobstartrate: andel af henviste, der starter i job (%)').fill('40');
  await page.getByLabel('Fastholdt 3 måneder (% af jobstarter)').fill('60');
  await page.getByLabel('Fastholdt 6 måneder (% af jobstarter)').fill('40');
  await page.getByLabel('Dødvægt: andel i job, der ville have fundet arbejde alligevel (%)').fill('20');
  await page.getByLabel('Sparede måneders ydelse pr. jobstart').fill('3');
  await page.getByRole('button', { name: 'Beregn' }).click();
  await page.waitForLoadState('load');
  const scenario = (await api('committee', '/reports/scenario', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ contract: 'lejre-jobparate', target_group: 'dagpenge', as_of: '2025-12-31', referrals_per_year: 100, job_start_rate_pct: '40', retention_pct: { retention_3m: '60', retention_6m: '40' }, deadweight_pct: '20', months_saved: '3' }),
  })).body;
  const result = await page.textContent('#table-scenario');
  check(result.includes(da(scenario.result.payments, ' kr.')) && result.includes(da(scenario.result.net_per_year, ' kr.')), `committee: the what-if shows the API's payments ${scenario.result.payments} and net ${scenario.result.net_per_year}`);
  check(scenario.result.payments === '600000.00' && scenario.result.net_per_year === '623376.00', 'committee: the what-if gives the hand-computed 600,000 and 623,376');

  // The language switch keeps the contract and the date.
  await page.getByRole('link', { name: 'English' }).click();
  await page.waitForLoadState('load');
  const url = new URL(page.url());
  check(url.searchParams.get('contract') === 'lejre-jobparate' && url.searchParams.get('as_of') === '2025-12-31' && (await page.textContent('h2')).length > 0, `committee: the English switch keeps the contract and the date (${url.search})`);
  await page.getByRole('link', { name: 'Dansk' }).click();
  await page.waitForLoadState('load');

  // ------------------------------------------------------------ grant page
  // The Ungeløftet grant as of 31 May 2026 (the demo's participants): the
  // band, the tranches and every month's counts as the API gives them.
  await page.goto(`${base}/grant?grant=lejre-ungeloeftet&as_of=2026-05-31`);
  const grant = (await api('committee', '/grants/lejre-ungeloeftet/report?as_of=2026-05-31')).body;
  const fig = (key) => page.textContent(`dd[data-figure="${key}"]`).then((t) => t.trim());
  check(await fig('band_reached') === grant.band_reached.label, `grant: the band reached ${await fig('band_reached')} is the API's ${grant.band_reached.label}`);
  for (const key of ['tranche1', 'tranche2_secured', 'at_stake']) {
    check(await fig(key) === da(grant[key], ' kr.'), `grant: ${key} ${await fig(key)} is the API's ${grant[key]}`);
  }
  // By hand (docs/rules.md): April 2026, 21 of 40 = 52,5 %, the band
  // [50 %, 55 %): 40 % of 1.834.319,32 = 733.727,73; at stake 183.431,93;
  // May needs 22 of 40 for 55 %: one more.
  check(grant.tranche2_secured === '733727.73' && grant.at_stake === '183431.93' && grant.tranche1 === '917159.66', 'grant: the API gives the hand-computed 917.159,66, 733.727,73 and 183.431,93');
  check((await fig('next_band')).startsWith(`${grant.next_band.more} flere i beskæftigelse eller uddannelse`) && grant.next_band.more === 1, `grant: the next band needs ${grant.next_band.more} more: ${await fig('next_band')}`);
  const months = await page.$$eval('#table-months tbody tr', (trs) =>
    trs.map((tr) => Object.fromEntries([...tr.querySelectorAll('th, td')].map((c) => [c.dataset.key, c.textContent.trim()]))),
  );
  check(months.length === grant.months.length, `grant: a row per month (${months.length})`);
  for (const [i, m] of grant.months.entries()) {
    const row = months[i] || {};
    const same = row.month === daMonth(m.month) && ['participants', 'in_work', 'in_education', 'in_work_or_education'].every((k) => row[k] === shown(m[k]))
      && row.share_pct === shown(m.share_pct, ' %');
    check(same, `grant: ${m.month} shows the API's counts and share (${JSON.stringify(row)})`);
  }
  check((await page.$$('figure svg line[data-edge="50"]')).length === 1 && (await page.$$('figure svg line[data-edge="55"]')).length === 1 && (await page.$$('figure svg polyline[data-series="share"]')).length === 1, 'grant: the chart draws the share with lines at 50 % and 55 %');
  check((await page.textContent('#warnings')).includes('en forskel på 20.000,00 kr.'), 'grant: check\'s warning of the 20.000,00 kr. budget difference is shown');
  check((await unlabelledFields(page)).length === 0, 'grant: every form field has a label');
  await page.screenshot({ path: path.join(shots, 'grant.png'), fullPage: true });
  // ------------------------------------------------------- options compared
  // From the navigation: the options side by side, every share with its
  // interval as the API gives it, and the pairs in plain words.
  await page.getByRole('link', { name: 'Sammenlign muligheder' }).click();
  await page.waitForLoadState('load');
  check(new URL(page.url()).pathname === '/committee/compare', 'compare: the navigation opens the comparison page');
  await page.goto(`${base}/committee/compare?as_of=2025-12-31&contracts=lejre-jobparate,lejre-jobvejen,lejre-egen-indsats`);
  const cmp = (await api('committee', '/reports/compare?as_of=2025-12-31&contracts=lejre-jobparate,lejre-jobvejen,lejre-egen-indsats')).body;
  const cells = async (table, key) => page.$$eval(`#${table} tr[data-key="${key}"] td`, (tds) => tds.map((td) => td.textContent.trim()));
  const anyJob = await cells('table-compare-rates', 'any_job');
  const expected = cmp.options.map((o) => `${da(o.any_job_pct, ' %')} (${da(o.any_job_low_pct)}–${da(o.any_job_high_pct)} %)`);
  check(JSON.stringify(anyJob) === JSON.stringify(expected), `compare: the success rates with intervals are the API's (${anyJob})`);
  check(anyJob[0] === '53,6 % (40,70–65,98 %)', `compare: Indsats ApS 53,6 % (40,70–65,98 %) as worked out by hand (${anyJob[0]})`);
  const cost = await cells('table-compare-money', 'cost');
  check(JSON.stringify(cost) === JSON.stringify(cmp.options.map((o) => shown(o.cost, ' kr.'))), `compare: the costs are the API's (${cost})`);
  check(cost[2] === '690.000,00 kr.', `compare: the own team costs 60 × 11.500 = 690.000,00 kr. (${cost[2]})`);
  const verdicts = await page.$$eval('#told-apart li', (lis) => lis.map((li) => li.dataset.verdict));
  check(verdicts.length === cmp.pairs.length && verdicts.every((v, i) => (v === 'overlap') === (cmp.pairs[i].verdict === 'cannot_be_told_apart')), `compare: each pair in words as the API judges it (${verdicts.length})`);
  check((await page.textContent('#told-apart')).includes('kan ikke skelnes på de foreliggende data'), 'compare: overlapping intervals are said to be indistinguishable in plain words');
  check(verdicts.filter((v) => v === 'apart').length === 2 && (await page.textContent('#told-apart li[data-verdict="apart"]')).includes('ligger over'), 'compare: the two pairs told apart (the second supplier\'s job-start share) are said so');
  check((await unlabelledFields(page)).length === 0, 'compare: every form field has a label');
  await page.screenshot({ path: path.join(shots, 'compare.png'), fullPage: true });

  // Committee members may not open the finance page.
  const denied = await page.goto(`${base}/finance`);
  check(denied.status() === 403, 'committee: the finance page is refused (403)');

  // ------------------------------------------------------------------ finance
  const fin = await signIn(browser, 'finance', '/finance');
  check(new URL(fin.url()).pathname === '/finance', 'finance: signing in returns to the page asked for');
  await fin.goto(`${base}/committee?contract=lejre-jobparate&as_of=2025-12-31`);
  check((await fin.$$('figure svg polyline[data-series="paid"]')).length === 1 && (await fin.$$('figure svg polyline[data-series="savings"]')).length === 1, 'finance: the committee chart draws payments and realised savings');
  await fin.goto(`${base}/finance`);
  const risk = await fin.textContent('#table-at-risk');
  check(risk.includes('Fastholdelse i 3 måneder') && risk.includes('bortfaldet'), `finance: the payment put at risk by a late benefit day is listed, in Danish: ${risk.trim().replace(/\s+/g, ' ')}`);

  // An invoice as a Danish Excel CSV: one job start not yet invoiced (it
  // passes) and one already paid in July (it must be rejected).
  const december = (await api('finance', '/invoices/00000000/IA-2025-12')).body.result.lines;
  const recent = december.find((l) => l.code === 'not_yet_due').course_id;
  const july = (await api('finance', '/invoices/00000000/IA-2025-07')).body.result.lines;
  const paid = july[0].course_id;
  const csv = 'supplier_cvr;invoice_number;contract;as_of;due_on;line;course_id;milestone;amount\r\n' +
    `00000000;E2E-1;lejre-jobparate;2025-12-31;2026-01-30;1;${recent};job_start;5.000,00\r\n` +
    `00000000;E2E-1;lejre-jobparate;2025-12-31;2026-01-30;2;${paid};job_start;5.000,00\r\n`;
  await fin.setInputFiles('#file', { name: 'faktura.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await fin.getByRole('button', { name: 'Kontrollér fakturaen' }).click();
  await fin.waitForLoadState('load');
  const codes = await fin.$$eval('#verdicts tbody tr', (trs) => trs.map((tr) => tr.dataset.code));
  const verified = (await api('finance', '/invoices/verify', { method: 'POST', headers: { 'Content-Type': 'text/csv' }, body: csv })).body;
  check(JSON.stringify(codes) === JSON.stringify(verified.lines.map((l) => l.code)), `finance: the page's verdicts ${codes} are the API's`);
  check(JSON.stringify(codes) === JSON.stringify(['approved', 'already_paid']), 'finance: the job start passes and the one paid in July is rejected');
  const reason = await fin.textContent('#verdicts tbody tr[data-code="already_paid"]');
  check(reason.includes('afvist') && reason.includes('allerede betalt') && reason.includes('IA-2025-07'), `finance: the rejected line says why: ${reason.trim().replace(/\s+/g, ' ')}`);
  check((await unlabelledFields(fin)).length === 0, 'finance: every form field has a label');
  await fin.screenshot({ path: path.join(shots, 'finance.png'), fullPage: true });

  await fin.getByRole('button', { name: 'Bogfør fakturaen' }).click();
  await fin.waitForLoadState('load');
  check((await fin.textContent('h1')).includes('Faktura bogført'), 'finance: the invoice is recorded');
  const stored = await api('finance', '/invoices/00000000/E2E-1');
  check(stored.status === 200 && stored.body.payments.length === 1, 'finance: the API has the invoice with one payment');

  // Register evidence: the demo's contradicted courses, each difference in Danish.
  await fin.goto(`${base}/finance/registers`);
  const listed = await fin.$$eval('#differing tbody tr', (trs) => trs.map((tr) => tr.dataset.course));
  check(['c-001', 'c-004', 'c-009'].every((c) => listed.includes(c)), `registers: the contradicted demo courses are listed: ${listed}`);
  const late = (await fin.textContent('#differing tbody tr[data-course="c-001"]')).replace(/\s+/g, ' ');
  check(late.includes('jobstart registreret 17.03.2025, første lønnede timer i april 2025'), `registers: c-001's late first pay in Danish: ${late}`);
  check((await unlabelledFields(fin)).length === 0, 'registers: every form field has a label');
  await fin.screenshot({ path: path.join(shots, 'registers.png'), fullPage: true });

  // An audit sample drawn on the page, one payment found in error, the
  // result against the API's.
  await fin.goto(`${base}/finance/samples`);
  await fin.fill('#tolerable_error_pct', '');
  await fin.fill('#size', '10');
  await fin.fill('#seed', '11');
  await fin.getByRole('button', { name: 'Træk stikprøven' }).click();
  await fin.waitForLoadState('load');
  const sampleId = new URL(fin.url()).pathname.split('/').pop();
  const sample = (await api('finance', `/audit/samples/${sampleId}`)).body;
  check(sample.size === 10 && sample.seed === 11 && (await fin.textContent('#seed')).trim() === '11', 'samples: 10 payments drawn with seed 11, the seed shown');
  const wrong = sample.items[0].payment_id;
  await fin.selectOption(`#outcome-${wrong}`, 'error');
  await fin.fill(`#amount-${wrong}`, '1.000,00');
  await fin.getByRole('button', { name: 'Gem kontrollerne' }).click();
  await fin.waitForLoadState('load');
  const extrapolated = (await api('finance', `/audit/samples/${sampleId}/result`)).body;
  check(extrapolated.clawback.length === 1 && extrapolated.clawback[0].claw_back === '1000.00', 'samples: the error typed 1.000,00 is recorded as 1000.00');
  const estimate = (await fin.textContent('#estimate')).trim();
  check(estimate === da(extrapolated.estimated_error, ' kr.'), `samples: the estimated amount in error ${estimate} is the API's ${extrapolated.estimated_error}`);
  const interval = (await fin.textContent('#interval')).trim();
  check(interval === `${da(extrapolated.interval.lower, ' kr.')} – ${da(extrapolated.interval.upper, ' kr.')}`, `samples: the confidence interval ${interval} is the API's`);
  check((await unlabelledFields(fin)).length === 0, 'samples: every form field has a label');
  await fin.screenshot({ path: path.join(shots, 'sample.png'), fullPage: true });

  // The language switch.
  await fin.getByRole('link', { name: 'English' }).click();
  await fin.waitForLoadState('load');
  check((await fin.textContent('header')).includes('Sign out'), 'finance: the English switch changes the labels');

  // ------------------------------------------------------------ a phone
  // On a 390 px wide screen the pages are no wider than the screen: wide
  // tables scroll inside their box.
  for (const [role, url, shot = role] of [
    ['committee', '/committee?contract=lejre-jobparate&as_of=2025-12-31'],
    ['committee', '/grant?grant=lejre-ungeloeftet&as_of=2026-05-31', 'grant'],
    ['finance', '/finance'],
    ['procurement', '/procurement'],
    ['finance', '/finance/budget', 'budget'],
    ['committee', '/committee/compare?as_of=2025-12-31', 'compare'],
    ['finance', '/finance/registers', 'registers'],
    ['finance', '/finance/samples', 'samples'],
    ['finance', '/finance/samples/1', 'sample'],
  ]) {
    const context = await browser.newContext({ locale: 'da-DK', viewport: { width: 390, height: 844 } });
    await context.addCookies([{ name: 'nocure_token', value: tokens[role], url: base }]);
    const phone = await context.newPage();
    await phone.goto(`${base}${url}`);
    const width = await phone.evaluate(() => document.documentElement.scrollWidth);
    check(width <= 390, `${shot} on a 390 px phone: the page is ${width} px wide`);
    const boxed = await phone.$$eval('table', (ts) => ts.every((t) => t.parentElement.classList.contains('scroll')));
    check(boxed, `${shot} on a phone: every table is in a box that scrolls`);
    await phone.screenshot({ path: path.join(shots, `${shot}-390.png`), fullPage: true });
    if (url === '/finance') {
      const missing = await phone.goto(`${base}/no-such-page`);
      check(missing.status() === 404 && (await phone.textContent('h1')) === 'Siden findes ikke', 'an unknown page is an HTML page in Danish');
    }
    await context.close();
  }
} catch (e) {
  failures += 1;
  console.log(`not ok - ${e.stack}`);
} finally {
  await browser.close();
}

console.log(failures === 0 ? 'all checks passed' : `${failures} checks failed`);
process.exit(failures === 0 ? 0 : 1);
