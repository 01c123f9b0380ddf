/**
 * Import first in every bench process that loads n8n-core (like test/setup/env.ts for jest):
 * n8n-core's InstanceSettings writes `$N8N_USER_FOLDER/.n8n/config` and @n8n/config reads the
 * `N8N_*` variables once, when first used. Each process gets its own throw-away user folder,
 * removed at exit, unless BENCH_N8N_USER_FOLDER names a folder shared by several processes (the
 * memory part stores the file in one process and sends it from others).
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const shared = process.env.BENCH_N8N_USER_FOLDER;
const folder = shared ?? mkdtempSync(join(tmpdir(), 'n8n-nodes-evolution-bench-'));
process.env.N8N_USER_FOLDER = folder;
process.env.N8N_ENCRYPTION_KEY = process.env.BENCH_N8N_ENCRYPTION_KEY ?? randomBytes(24).toString('base64');
process.env.N8N_SSRF_PROTECTION_ENABLED = 'false';
process.env.N8N_LOG_LEVEL ??= 'silent';
const loopback = ['127.0.0.1', 'localhost', '::1'];
const noProxy = (process.env.NO_PROXY ?? process.env.no_proxy ?? '').split(',').map((entry) => entry.trim()).filter(Boolean);
process.env.NO_PROXY = process.env.no_proxy = [...new Set([...noProxy, ...loopback])].join(',');

if (!shared) process.on('exit', () => rmSync(folder, { recursive: true, force: true }));

export const BENCH_USER_FOLDER = folder;
