/**
 * Jest `setupFiles` entry: runs in every test file's sandbox before any module is imported.
 *
 * n8n-core's InstanceSettings writes `$N8N_USER_FOLDER/.n8n/config` (and filesystem binary
 * data lands in `$N8N_USER_FOLDER/.n8n/storage`) the first time it is resolved, and
 * @n8n/config reads every `N8N_*` variable once, when a config class is first built.
 * So all of this has to happen here, not in a test's `beforeAll`.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// One throw-away user folder per test file; test/setup/cleanup.ts removes it afterwards.
process.env.N8N_USER_FOLDER = mkdtempSync(join(tmpdir(), 'n8n-nodes-evolution-test-'));

// Given explicitly so InstanceSettings never looks for one elsewhere; its value does not matter.
process.env.N8N_ENCRYPTION_KEY = randomBytes(24).toString('base64');

// Tests talk to fake servers on 127.0.0.1. SSRF protection is off by default in n8n 2.41;
// pin it so that an N8N_SSRF_* variable in a developer's shell cannot turn it on.
process.env.N8N_SSRF_PROTECTION_ENABLED = 'false';

// n8n's outbound HTTP honours HTTP(S)_PROXY/ALL_PROXY. Loopback must never go through a proxy.
const loopback = ['127.0.0.1', 'localhost', '::1'];
const noProxy = (process.env.NO_PROXY ?? process.env.no_proxy ?? '')
	.split(',')
	.map((entry) => entry.trim())
	.filter((entry) => entry !== '');
process.env.NO_PROXY = process.env.no_proxy = [
	...new Set([...noProxy, ...loopback]),
].join(',');

// Keep n8n-core's logger quiet (raise it when debugging a test).
process.env.N8N_LOG_LEVEL ??= 'silent';
