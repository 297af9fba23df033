import { spawn, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { freePort } from "../../tests/support/free-port";
import { createDatabase, startPostgresServer } from "../../tests/support/postgres-server";
import { e2eEnv } from "../e2e-env";
import { expect, test } from "../fixtures";
import { startNextInstance, type NextInstance } from "../scale-out/next-instance";

/*
 * What an attacker and a careless operator found (issue 17), tried again on production servers
 * of their own: limits a client cannot shed by dropping its cookie or forging X-Forwarded-For,
 * a per-visitor budget, a broken deployment that stops at start instead of answering 500s, a
 * database that goes away later, and clients that hang up mid-request.
 */

const offset = Number(process.env.LOUPE_E2E_PORT_OFFSET ?? 0);
const NEXT_BIN = path.join(process.cwd(), "node_modules", "next", "dist", "bin", "next");
const forged = () => `198.51.100.${Math.floor(Math.random() * 250)}, 203.0.113.${Math.floor(Math.random() * 250)}`;

async function refine(base: string, { cookie, draft = "a red fox in the snow at dawn" }: { cookie?: string } & { draft?: string } = {}) {
  const response = await fetch(`${base}/api/refine`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: base, "x-forwarded-for": forged(), ...(cookie ? { cookie } : {}) },
    body: JSON.stringify({ draft }),
  });
  const text = await response.text();
  const setCookie = response.headers.get("set-cookie")?.split(";")[0];
  return { status: response.status, text, cookie: setCookie };
}

test.describe("limits a client cannot shed", () => {
  let server: NextInstance;
  test.beforeAll(async () => {
    const dataDir = ".tmp/e2e/hardening-limits";
    rmSync(dataDir, { recursive: true, force: true });
    server = await startNextInstance({
      port: 3340 + offset,
      env: { ...e2eEnv.offline, LOUPE_DATA_DIR: dataDir, LOUPE_RATE_LIMIT_PER_OWNER: "3", LOUPE_RATE_LIMIT_PER_IP: "4" },
    });
  });
  test.afterAll(async () => {
    await server?.stop();
  });

  test("dropping the cookie and forging X-Forwarded-For on every request buys nothing", async () => {
    // No cookie: each request is given a new owner, but its per-owner rate counts against the address it came from.
    const statuses: number[] = [];
    let cookie: string | undefined;
    for (let i = 0; i < 8; i += 1) {
      const answer = await refine(server.url);
      statuses.push(answer.status);
      if (answer.status === 200) cookie ??= answer.cookie;
    }
    expect(statuses.filter((s) => s === 200)).toHaveLength(3);
    expect(statuses.slice(3)).toEqual([429, 429, 429, 429, 429]);
    // With a cookie, forging X-Forwarded-For still counts against the real address: 3 + 1 = 4 allowed.
    expect(cookie).toBeTruthy();
    expect((await refine(server.url, { cookie })).status).toBe(200);
    const limited = await refine(server.url, { cookie });
    expect(limited.status).toBe(429);
    expect(limited.text).toContain("Too many requests from your network");
  });

  test("a client that hangs up mid-request leaves no uncaughtException and no stack in the log", async () => {
    const url = new URL(server.url);
    const hangUp = (head: string, body: string) =>
      new Promise<void>((resolve) => {
        const socket = net.connect(Number(url.port), url.hostname, () => {
          socket.write(head + body);
          setTimeout(() => socket.destroy(), 300);
        });
        socket.on("error", () => undefined);
        socket.on("close", () => resolve());
      });
    const post = (pathname: string, headers: Record<string, string>, declared: number) =>
      `POST ${pathname} HTTP/1.1\r\nHost: ${url.host}\r\nOrigin: ${server.url}\r\nContent-Length: ${declared}\r\n${Object.entries(headers)
        .map(([k, v]) => `${k}: ${v}\r\n`)
        .join("")}\r\n`;
    const before = server.output().length;
    const part = `--XYZ\r\nContent-Disposition: form-data; name="file"; filename="a.png"\r\nContent-Type: image/png\r\n\r\n`;
    await hangUp(post("/api/references", { "content-type": "multipart/form-data; boundary=XYZ" }, 500_000), part + "x".repeat(50_000));
    await hangUp(post("/api/refine", { "content-type": "application/json" }, 100_000), '{"draft":"' + "a".repeat(10_000));
    await hangUp(post("/", { "content-type": "text/plain;charset=UTF-8", "next-action": "0".repeat(42), accept: "text/x-component" }, 100_000), '[{"draft":"' + "a".repeat(10_000));
    await hangUp(`GET /api/health HTTP/1.1\r\nHost: ${url.host}\r\n\r\n`, "");
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const log = server.output().slice(before);
    expect(log).not.toContain("uncaughtException");
    expect(log).not.toMatch(/Error: aborted|ECONNRESET|\n\s+at /);
    // And the server is still there.
    expect((await fetch(`${server.url}/api/health`)).status).toBe(200);
  });
});

test.describe("a daily budget per anonymous visitor", () => {
  let server: NextInstance;
  test.beforeAll(async () => {
    const dataDir = ".tmp/e2e/hardening-budget";
    rmSync(dataDir, { recursive: true, force: true });
    server = await startNextInstance({
      port: 3341 + offset,
      // Claude through the suite's fake: refines are paid calls. Each reserves its estimate (the long cached
      // prefix is priced as if nothing were cached) and settles to less, so five cents last a handful of them.
      env: { ...e2eEnv.claude, PORT: String(3341 + offset), LOUPE_DATA_DIR: dataDir, LOUPE_ANONYMOUS_DAILY_BUDGET_USD: "0.05" },
    });
  });
  test.afterAll(async () => {
    await server?.stop();
  });

  test("with a Claude key, one visitor cannot spend past their share, with or without a cookie", async () => {
    const first = await refine(server.url);
    expect(first.status).toBe(200);
    const cookie = first.cookie!;
    let refused: { status: number; text: string } | undefined;
    for (let i = 0; i < 60 && !refused; i += 1) {
      const answer = await refine(server.url, { cookie });
      if (answer.status !== 200) refused = answer;
    }
    expect(refused?.status).toBe(429);
    expect(JSON.parse(refused!.text).error).toMatchObject({ code: "visitor_budget_exhausted", retryable: true });
    expect(refused!.text).toContain("Your share of today's AI budget");
    // A new owner (no cookie) from the same address draws on the same address's budget.
    const fresh = await refine(server.url);
    expect(fresh.status).toBe(429);
    expect(fresh.text).toContain("visitor_budget_exhausted");
  });
});

/** Starts `next start` with a broken setting and waits for it to stop; a server that comes up instead is the bug. */
async function startBroken(env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  const port = await freePort();
  const child = spawn(process.execPath, [NEXT_BIN, "start", "-H", "127.0.0.1", "-p", String(port)], { env: { ...process.env, ...e2eEnv.offline, ...env, PORT: String(port) } as NodeJS.ProcessEnv, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  try {
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline) {
      const done = await Promise.race([exited, new Promise((resolve) => setTimeout(() => resolve("running"), 500))]);
      if (done !== "running") return { code: done as number | null, output };
      const health = await fetch(`http://127.0.0.1:${port}/api/health`).catch(() => null);
      if (health) throw new Error(`the server came up and answers ${health.status} instead of stopping:\n${output.slice(-2000)}`);
    }
    throw new Error(`the server neither came up nor stopped within 60 s:\n${output.slice(-2000)}`);
  } finally {
    child.kill("SIGKILL");
  }
}

/** A directory no write can land in, even for root: a read-only tmpfs when mounting is allowed, else mode 0555. */
function readOnlyDir(): { dir: string; release: () => void } {
  const dir = mkdtempSync(path.join(os.tmpdir(), "loupe-readonly-"));
  const mounted = process.getuid?.() === 0 && spawnSync("mount", ["-t", "tmpfs", "-o", "ro,size=1m", "tmpfs", dir]).status === 0;
  if (!mounted) spawnSync("chmod", ["0555", dir]);
  return {
    dir,
    release: () => {
      if (mounted) spawnSync("umount", [dir]);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

test.describe("a broken deployment stops at start", () => {
  test("a read-only data directory, a database that is not there, and a DATABASE_URL that is not one: one line, non-zero exit", async () => {
    const readOnly = readOnlyDir();
    try {
      const nobody = await freePort();
      const cases: Array<[string, Record<string, string>, RegExp]> = [
        ["a read-only data directory", { LOUPE_DATA_DIR: readOnly.dir }, /^\[loupe\] cannot start: LOUPE_DATA_DIR \(.+\) is not writable: .*(EROFS|EACCES|read-only|permission denied)/im],
        ["a database that is not there", { DATABASE_URL: `postgres://loupe:s3cret@127.0.0.1:${nobody}/loupe` }, /^\[loupe\] cannot start: DATABASE_URL \(postgres:\/\/loupe:\*\*\*@127\.0\.0\.1:\d+\/loupe\) cannot be opened: .*ECONNREFUSED/im],
        ["DATABASE_URL='not a url'", { DATABASE_URL: "not a url" }, /^\[loupe\] cannot start: Invalid Loupe configuration: DATABASE_URL: not a PostgreSQL URL/im],
      ];
      for (const [name, env, line] of cases) {
        const dataDir = env.LOUPE_DATA_DIR ?? `.tmp/e2e/hardening-broken`;
        if (!env.LOUPE_DATA_DIR) rmSync(dataDir, { recursive: true, force: true });
        const { code, output } = await startBroken({ LOUPE_DATA_DIR: dataDir, ...env });
        expect(code, name).not.toBe(0);
        expect(code, name).not.toBeNull();
        expect(output, name).toMatch(line);
        // One line, not a stack trace; and the password never reaches the log.
        expect(output, name).not.toMatch(/\n\s+at /);
        expect(output, name).not.toContain("s3cret");
      }
    } finally {
      readOnly.release();
    }
  });
});

test.describe("a database that goes away later", () => {
  test("health answers 503 with the reason, and pages a friendly page in the designer's language", async ({ browser }) => {
    // Run by root, PostgreSQL runs as `postgres`, which must be able to enter its temp directories.
    const root = mkdtempSync(path.join(os.tmpdir(), "loupe-db-away-"));
    spawnSync("chmod", ["0755", root]);
    const savedTmp = process.env.TMPDIR;
    process.env.TMPDIR = root;
    const postgres = await startPostgresServer({ port: 4341 + offset });
    let server: NextInstance | undefined;
    try {
      const database = await createDatabase({ serverUrl: postgres.url, prefix: "loupe_db_away" });
      mkdirSync(path.join(root, "data"), { recursive: true });
      server = await startNextInstance({ port: 3342 + offset, env: { ...e2eEnv.offline, DATABASE_URL: database.url, LOUPE_DATA_DIR: path.join(root, "data") } });
      expect((await fetch(`${server.url}/api/health`)).status).toBe(200);

      await postgres.stop();
      await expect.poll(async () => (await fetch(`${server!.url}/api/health`)).status, { timeout: 20_000 }).toBe(503);
      const health = await fetch(`${server.url}/api/health`);
      expect(await health.json()).toEqual({ ok: false, reason: "database_unreachable", message: "The database is unreachable." });
      expect(health.headers.get("cache-control")).toBe("no-store");

      for (const [locale, heading] of [["en", "The database is unreachable"], ["zh-CN", "无法连接数据库"]] as const) {
        const context = await browser.newContext({ locale });
        const page = await context.newPage();
        const response = await page.goto(`${server.url}/`);
        expect(response?.status()).toBe(503);
        expect(response?.headers()["x-frame-options"]).toBe("DENY");
        await expect(page.getByRole("heading", { name: heading })).toBeVisible();
        await page.screenshot({ path: test.info().outputPath(`database-unreachable-${locale}.png`) });
        await context.close();
      }
      // One line when it went away, not a stack trace per request.
      expect(server.output()).toContain("[loupe] the database is unreachable");
    } finally {
      await server?.stop();
      await postgres.stop().catch(() => undefined);
      if (savedTmp === undefined) delete process.env.TMPDIR;
      else process.env.TMPDIR = savedTmp;
      rmSync(root, { recursive: true, force: true });
    }
  });
});
