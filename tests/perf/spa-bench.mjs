// Benchmark of the web application as a ten-year-old laptop would feel it: Chromium with
// its CPU slowed down 4×, each main page loaded afresh (a reload: the SPA restores its session
// through the refresh cookie, then fetches its data), timed until the page is usable (its
// heading and its data are on screen). Prints medians over RUNS loads, and the initial
// JavaScript the first page downloads (gzipped). Not a test: figures for docs/performance.md.
//
//   npm --prefix tests/e2e ci && npm --prefix frontend run build && cargo build
//   node tests/perf/spa-bench.mjs
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { apiToken, launchBrowser, newPage, orgId, repo, signIn, startServer } from "../e2e/lib/harness.js";

const RUNS = Number(process.env.RUNS ?? 7);
const THROTTLE = 4;

function initialJavaScript() {
  const dist = join(repo, "frontend/dist");
  const html = readFileSync(join(dist, "index.html"), "utf8");
  const files = [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+\.js)"/g)].map((m) => m[1]);
  const sizes = files.map((f) => gzipSync(readFileSync(join(dist, f))).length);
  return { files: files.length, gzipKiB: sizes.reduce((a, b) => a + b, 0) / 1024 };
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
};

const server = await startServer();
const browser = await launchBrowser();
try {
  const token = await apiToken(server.url, "animatrice@amqr.test");
  const amqr = await orgId(server.url, token, "AMQR");
  const ccas = await orgId(server.url, await apiToken(server.url, "agent@ccas.test"), "CCAS");
  const inbox = await (await fetch(`${server.url}/api/v1/orgs/${amqr}/referrals?limit=1`, { headers: { Authorization: `Bearer ${token}` } })).json();
  const referral = inbox.items[0].id;

  const pages = [
    { name: "sign-in page", email: null, path: "/login", ready: (p) => p.getByRole("button", { name: "Se connecter" }).waitFor() },
    { name: "referral inbox", email: "animatrice@amqr.test", path: `/orgs/${amqr}/referrals`, ready: (p) => p.getByRole("row").nth(1).waitFor() },
    { name: "referral page", email: "animatrice@amqr.test", path: `/orgs/${amqr}/referrals/${referral}`, ready: (p) => p.getByText("Historique").waitFor() },
    { name: "households list", email: "animatrice@amqr.test", path: `/orgs/${amqr}/households`, ready: (p) => p.getByRole("row").nth(1).waitFor() },
    { name: "referral form", email: "agent@ccas.test", path: `/orgs/${ccas}/referrals/new`, ready: (p) => p.getByRole("button", { name: "Envoyer l'orientation" }).waitFor() },
  ];

  console.log(`Chromium, CPU slowed ${THROTTLE}×, ${RUNS} loads per page (median; min–max)`);
  for (const target of pages) {
    const page = await newPage(browser);
    if (target.email) {
      await signIn(page, server.url, target.email);
      await page.getByRole("heading", { level: 1, name: /Bonjour/ }).waitFor();
    }
    const cdp = await page.context().newCDPSession(page);
    await cdp.send("Emulation.setCPUThrottlingRate", { rate: THROTTLE });
    const times = [];
    for (let i = 0; i < RUNS; i++) {
      const start = Date.now();
      await page.goto(`${server.url}${target.path}`);
      await target.ready(page);
      times.push(Date.now() - start);
    }
    await page.context().close();
    console.log(`${target.name.padEnd(16)} ${String(median(times)).padStart(5)} ms  (${Math.min(...times)}–${Math.max(...times)})`);
  }
  const js = initialJavaScript();
  console.log(`initial JavaScript: ${js.gzipKiB.toFixed(1)} KiB gzipped in ${js.files} files (budget 250 KB)`);
} finally {
  await browser.close();
  await server.stop();
}
