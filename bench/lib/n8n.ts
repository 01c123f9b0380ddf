/**
 * Typed access to scripts/n8n (plain CommonJS, shared with the e2e suite, the sandbox and
 * `npm start`): the pinned n8n 2.41.1, started on free ports in throw-away user folders.
 */
import { execFile } from 'node:child_process';
import { join, resolve } from 'node:path';

import { BENCH_DIR } from './child';

/** The repository root (BENCH_DIR is <root>/.build/bench/bench). */
export const ROOT = resolve(BENCH_DIR, '..', '..', '..');

export interface N8nInstance {
	url: string;
	port: number;
	pid: number;
	userFolder: string;
	logFile: string;
	env: Record<string, string>;
	readyMs: number;
	stop(options?: { graceMs?: number }): Promise<void>;
}

export interface PublicApi {
	get(path: string, query?: Record<string, unknown>): Promise<any>;
	post(path: string, body?: unknown, query?: Record<string, unknown>): Promise<any>;
	activate(workflowId: string): Promise<any>;
	deactivate(workflowId: string): Promise<any>;
}

export interface N8nLib {
	N8N_VERSION: string;
	N8N_BIN: string;
	nodeBin(): string;
	freePort(): Promise<number>;
	n8nEnv(options: { userFolder: string; port: number; brokerPort: number; extra?: Record<string, string | undefined> }): Record<string, string>;
	ensureN8n(options?: { log?: (line: string) => void }): Promise<{ installed: boolean; seconds: number }>;
	startN8n(options?: {
		userFolder?: string;
		install?: 'link' | 'pack' | false;
		env?: Record<string, string | undefined>;
		readyTimeoutMs?: number;
		ensure?: boolean;
		log?: (line: string) => void;
	}): Promise<N8nInstance>;
	tempUserFolder(prefix?: string): string;
	installPackage(userFolder: string, options?: { mode?: 'link' | 'pack'; log?: (line: string) => void }): { name: string; version: string; target: string };
	setupOwnerAndApiKey(url: string): Promise<{ apiKey: string; cookie: string; browserId: string }>;
	publicApi(url: string, apiKey: string): PublicApi;
	npmChildEnv(base?: NodeJS.ProcessEnv): NodeJS.ProcessEnv;
	importCredentials(env: Record<string, string>, credentials: unknown): Promise<unknown>;
	importWorkflow(env: Record<string, string>, workflows: unknown): Promise<unknown>;
	executeWorkflow(env: Record<string, string>, id: string, options?: { timeoutMs?: number }): Promise<{ code: number | null; json: any; stdout: string }>;
}

let cached: N8nLib | undefined;

/** scripts/n8n, loaded on first use (parts 1, 2 and 5 do not need it). */
export function n8nLib(): N8nLib {
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	cached ??= require(join(ROOT, 'scripts', 'n8n')) as N8nLib;
	return cached;
}

let built: Promise<void> | undefined;

/**
 * `npm run build` once per bench run: n8n loads the package from dist/ (installed the way n8n's
 * own installer does it, `npm pack` + extract), so parts 3 and 4 measure what is published.
 */
export function buildPackage(log: (line: string) => void): Promise<void> {
	built ??= new Promise((resolvePromise, reject) => {
		log('building the package (npm run build) for the n8n parts...');
		execFile(
			process.platform === 'win32' ? 'npm.cmd' : 'npm',
			['run', '--silent', 'build'],
			{ cwd: ROOT, env: n8nLib().npmChildEnv(), maxBuffer: 16 * 1024 * 1024, shell: process.platform === 'win32' },
			(error, stdout, stderr) => {
				if (error) reject(new Error(`npm run build failed: ${error.message}\n${stdout}\n${stderr}`));
				else resolvePromise();
			},
		);
	});
	return built;
}
