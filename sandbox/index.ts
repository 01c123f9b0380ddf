/**
 * The Evolution API 2.3.6 sandbox as a library: the contract fake (test/fake) with webhook
 * delivery on, the /sandbox simulation routes and a seeded, connected instance. Usable from
 * plain Node once compiled (`npm run sandbox:build`):
 *
 *   const { startSandbox } = require('./.build/sandbox/sandbox/index.js');
 *   const sandbox = await startSandbox({ port: 0 });
 *   // sandbox.url, sandbox.apiKey, sandbox.instances[0].name / .token
 *   await sandbox.close();
 *
 * See sandbox/cli.ts for the routes and what the sandbox simulates.
 */
import {
	FAST_RETRY_POLICY,
	startFakeEvolution,
	type FakeEvolution,
	type GlobalWebhookConfig,
	type InstanceSeed,
	type RetryPolicy,
} from '../test/fake';

/** The default global API key: short and fixed, so curl examples and credentials can hard-code it. */
export const SANDBOX_API_KEY = 'sandbox-key';
export const SANDBOX_INSTANCE = 'sandbox';
export const SANDBOX_OWNER_NUMBER = '5511999990000';

export interface SandboxOptions {
	/** Default 0: a free port (the CLI defaults to 8080). */
	port?: number;
	/** Only loopback is allowed: 127.0.0.1 (default) or localhost. */
	host?: string;
	/** The global API key. Default SANDBOX_API_KEY. */
	apiKey?: string;
	/**
	 * Instances present at start: names (connected, owner 5511999990000@s.whatsapp.net, then …0001, …)
	 * or full seeds. Default: one instance named "sandbox", token "sandbox-token".
	 */
	instances?: Array<string | InstanceSeed>;
	/** Retry failed webhooks after 0.5 s, 1 s, 2 s, … (max 5 s) instead of the server's 5 s … 300 s. */
	fastRetries?: boolean;
	/** Fine-grained retry policy (wins over fastRetries). */
	retry?: Partial<RetryPolicy>;
	/** The env global webhook (WEBHOOK_GLOBAL_*). */
	globalWebhook?: GlobalWebhookConfig;
	/** Envelopes carry the instance token as `apikey` (AUTHENTICATION_EXPOSE_IN_FETCH_INSTANCES). Default false. */
	exposeApikey?: boolean;
	/** Default true. */
	deliverWebhooks?: boolean;
	/** true: print requests, events and deliveries; or a function receiving each line. Default false. */
	log?: boolean | ((line: string) => void);
}

export interface Sandbox {
	url: string;
	port: number;
	apiKey: string;
	instances: Array<{ name: string; token: string; ownerJid: string | null }>;
	/** The process the sandbox runs in (it runs in-process). */
	pid: number;
	/** The underlying fake: state, recorded requests, deliveries, simulation helpers. */
	fake: FakeEvolution;
	close(): Promise<void>;
	/** Same as close() (the name scripts/start.js uses). */
	stop(): Promise<void>;
}

/** Seeds for instance names: connected, each with its own owner number. */
export function seedsFor(instances: Array<string | InstanceSeed> | undefined): InstanceSeed[] {
	const list = instances && instances.length > 0 ? instances : [SANDBOX_INSTANCE];
	return list.map((entry, index) => {
		if (typeof entry !== 'string') return entry;
		const number = String(BigInt(SANDBOX_OWNER_NUMBER) + BigInt(index));
		return { name: entry, state: 'open', number, ownerJid: `${number}@s.whatsapp.net`, profileName: entry === SANDBOX_INSTANCE ? 'Sandbox' : entry };
	});
}

export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
	const host = options.host ?? '127.0.0.1';
	if (host !== '127.0.0.1' && host !== 'localhost') {
		throw new Error(`sandbox: it only listens on 127.0.0.1 (asked for ${host})`);
	}
	const fake = await startFakeEvolution({
		apiKey: options.apiKey ?? SANDBOX_API_KEY,
		instances: seedsFor(options.instances),
		port: options.port ?? 0,
		deliverWebhooks: options.deliverWebhooks ?? true,
		retry: { ...(options.fastRetries ? FAST_RETRY_POLICY : {}), ...options.retry },
		globalWebhook: options.globalWebhook,
		exposeApikey: options.exposeApikey ?? false,
		sandboxRoutes: true,
		defaultOwnerJid: `${SANDBOX_OWNER_NUMBER}@s.whatsapp.net`,
		// A sandbox runs for hours: the listings only need recent activity.
		historyLimit: 1000,
		log: options.log,
	});
	let closing: Promise<void> | undefined;
	const close = (): Promise<void> => (closing ??= fake.close());
	return {
		url: fake.url,
		port: fake.port,
		apiKey: fake.apiKey,
		instances: [...fake.state.instances.values()].map((instance) => ({ name: instance.name, token: instance.token, ownerJid: instance.ownerJid })),
		pid: process.pid,
		fake,
		close,
		stop: close,
	};
}
