// Browser-test harness: the real `solidaires serve` (embedded PostgreSQL, demo data) serving
// the built SPA, and Debian's Chromium driven by playwright-core (never a browser download).
import { spawn } from "node:child_process";
import { mkdtempSync, mkdirSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { after, before } from "node:test";
import { chromium } from "playwright-core";
import { AxeBuilder } from "@axe-core/playwright";

const here = dirname(fileURLToPath(import.meta.url));
export const repo = resolve(here, "../../..");
export const artifacts = join(repo, "tests/e2e/artifacts");
export const DEMO_PASSWORD = "solidaires-demo-2026";

function freePort() {
  return new Promise((ok, fail) => {
    const srv = createServer();
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address();
      srv.close(() => ok(port));
    });
    srv.on("error", fail);
  });
}

/** Starts the product on a fresh data folder; resolves once /api/ready answers. `spaDir`
 * serves another build of the SPA (e.g. a copy a test turns into a "new release"). */
export async function startServer({ spaDir } = {}) {
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), "solidaires-e2e-"));
  const bin = process.env.SOLIDAIRES_BIN ?? join(repo, "target/debug/solidaires");
  const env = { ...process.env, SOLIDAIRES_SPA_DIR: spaDir ?? join(repo, "frontend/dist"), RUST_LOG: "warn" };
  delete env.DATABASE_URL;
  const child = spawn(bin, ["serve", "--bind", `127.0.0.1:${port}`, "--data-dir", dataDir], {
    env,
    stdio: ["ignore", "ignore", "pipe"],
  });
  let log = "";
  child.stderr.on("data", (chunk) => (log += chunk));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`solidaires exited early:\n${log}`);
    try {
      const res = await fetch(`${url}/api/ready`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`not ready in 2 minutes:\n${log}`);
    await new Promise((r) => setTimeout(r, 250));
  }
  return {
    url,
    async stop() {
      const exited = new Promise((r) => child.once("exit", r));
      child.kill("SIGTERM");
      await exited;
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export async function launchBrowser() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

/** A fresh browser context (its own cookies) at desktop size, with a page. */
export async function newPage(browser, viewport = { width: 1280, height: 800 }) {
  const context = await browser.newContext({ viewport, locale: "fr-FR", reducedMotion: "reduce" });
  return context.newPage();
}

/** Fails on any serious or critical accessibility violation of the current page. */
export async function assertAccessible(page, label) {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  const bad = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  if (bad.length > 0) {
    const summary = bad.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => `${n.target.join(" ")} ${n.html.slice(0, 120)} ${n.failureSummary ?? ""}`).join(", ")}`);
    throw new Error(`accessibility violations on ${label}:\n${summary.join("\n")}`);
  }
}

export async function screenshot(page, name) {
  mkdirSync(artifacts, { recursive: true });
  await page.screenshot({ path: join(artifacts, `${name}.png`), fullPage: true });
}

export async function signIn(page, baseUrl, email, password = DEMO_PASSWORD) {
  await page.goto(`${baseUrl}/login`);
  await page.getByLabel("Adresse e-mail").fill(email);
  await page.getByLabel(/^Mot de passe/).fill(password);
  await page.getByRole("button", { name: "Se connecter" }).click();
}

/** Signs in through the API (for set-up steps that are not under test). */
export async function apiToken(baseUrl, email, password = DEMO_PASSWORD) {
  const res = await fetch(`${baseUrl}/api/v1/auth/login`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ email, password }),
  });
  if (!res.ok) throw new Error(`login ${email}: ${res.status}`);
  return (await res.json()).access_token;
}

/** The id of a demo organisation by short name. */
export async function orgId(baseUrl, token, shortName) {
  const res = await fetch(`${baseUrl}/api/v1/organisations`, { headers: { Authorization: `Bearer ${token}` } });
  const orgs = await res.json();
  const found = orgs.find((o) => o.short_name === shortName);
  if (!found) throw new Error(`no organisation ${shortName}`);
  return found.id;
}

/** Visits a page, waits for its heading, checks accessibility and keeps a screenshot. */
export async function visit(page, url, heading, name) {
  await page.goto(url);
  await page.getByRole("heading", { level: 1, name: heading }).waitFor();
  await assertAccessible(page, name);
  await screenshot(page, name);
}

/** The set-up every browser spec shares: the product on fresh demo data, Chromium, and the
 * ids of the demo organisations named (by short name). Call inside `describe`; the returned
 * object is filled before the first test and torn down after the last. */
export function demoNetwork(shortNames = [], options = {}) {
  const demo = { server: null, browser: null, orgs: {} };
  before(async () => {
    demo.server = await startServer(options);
    demo.browser = await launchBrowser();
    const token = await apiToken(demo.server.url, "admin@amqr.test");
    for (const name of shortNames) demo.orgs[name] = await orgId(demo.server.url, token, name);
  });
  after(async () => {
    await demo.browser?.close();
    await demo.server?.stop();
  });
  return demo;
}

/** A referral sent through the API (set-up, not under test): a family with its agreement. */
export async function sendReferral(baseUrl, token, fromOrg, family) {
  const res = await fetch(`${baseUrl}/api/v1/orgs/${fromOrg}/referrals`, {
    method: "POST",
    headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
    body: JSON.stringify({
      preferred_contact: "phone",
      members: [],
      needs: ["no_computer"],
      consent: { given_on: new Date().toISOString().slice(0, 10), text_version: "2026-09" },
      share_progress: true,
      ...family,
    }),
  });
  if (res.status !== 201) throw new Error(`referral refused: ${res.status} ${await res.text()}`);
  return (await res.json()).id;
}
