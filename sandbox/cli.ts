/**
 * Evolution API sandbox: a runnable Evolution API 2.3.6 look-alike on 127.0.0.1, for trying
 * the n8n nodes without WhatsApp.
 *
 *   npm run sandbox                         port 8080, key "sandbox-key", instance "sandbox" (connected)
 *   npm run sandbox -- --port 8090 --instance shop --instance support --fast-retries
 *
 * Options (environment: SANDBOX_PORT, SANDBOX_API_KEY):
 *   --port <n>              port on 127.0.0.1 (default 8080; 0 = any free port)
 *   --api-key <key>         global API key (default "sandbox-key")
 *   --instance <name>       seeded, connected instance; repeat for more (default "sandbox");
 *                           its token is "<name>-token"
 *   --fast-retries          retry failed webhooks after 0.5 s, 1 s, 2 s … (max 5 s) instead of 5 s … 300 s
 *   --global-webhook <url>  the env global webhook (every event of every instance, no custom headers/JWT)
 *   --global-by-events      append /<event-name> to the global webhook URL
 *   --expose-apikey         envelopes carry the instance token in `apikey` (default null)
 *   --quiet                 do not print requests, events and deliveries
 *
 * What it does: every Evolution API route answers with the real server's validation, errors and
 * envelopes (the contract fake in test/fake); instances, tokens, webhook/event configs,
 * settings, proxy, labels, groups, chats, messages and bots live in memory. Events go to the
 * instance webhook (/webhook/set) like the real server sends them: dotted event names,
 * custom headers, `Authorization: Bearer <HS256 JWT>` when headers.jwt_key is set, retries with
 * exponential backoff, no retry after 400/401/403/404/422. The same events go to socket.io
 * clients as with WEBSOCKET_ENABLED=true (socket.io 4, /socket.io/ on the same port): one
 * namespace per instance (/<instance>), created by the first event emitted for an instance whose
 * websocket (/websocket/set) is enabled with that event, "Invalid namespace" before; loopback
 * clients need no key; nothing is buffered. The trigger's WebSocket connection mode works
 * against it as against a real server.
 *
 * Simulation routes (no apikey needed):
 *   POST /sandbox/{instance}/incoming     {from, text?, pushName?, group?, participant?, quotedId?, fromMe?,
 *                                          media?: {base64 | url, mimetype, fileName?, caption?, ptt?, type?}}
 *                                         → stored, messages.upsert (+ contacts.upsert); answers the record,
 *                                           whose key.id works with /chat/getBase64FromMediaMessage
 *   POST /sandbox/{instance}/connection   {state: open|close|connecting|refused, statusReason?} → connection.update
 *   POST /sandbox/{instance}/event        {event: "contacts.upsert", data} → any event, verbatim
 *   POST /sandbox/{instance}/label        {id?, name, color?, deleted?} → labels.edit (and /label/findLabels)
 *   GET  /sandbox/deliveries | /sandbox/events | /sandbox/requests   recent activity (?limit=&event=&instance=&full=1)
 *   POST /sandbox/reset                   back to the seeded state ({"keepState":true}: clear the recordings only)
 * Sending through /message/send* emits send.message; connect/restart/logout emit connection.update;
 * /instance/delete emits instance.delete then remove.instance.
 *
 * Where it differs from a real server:
 *   - there is no WhatsApp: /instance/connect leaves a closed instance "connecting" (no QR code);
 *     pair it with POST /sandbox/{instance}/connection {"state":"open"};
 *   - sent messages stay PENDING (no receipts; emit messages.update yourself through /sandbox/…/event);
 *   - the webhook `base64` flag applies at once (the server reads it at the next connect), and media
 *     sent by URL carry no base64 (the sandbox does not download them);
 *   - only webhooks and websockets are delivered (no RabbitMQ/SQS/NATS/Kafka/Pusher); redirects are not followed;
 *     WEBSOCKET_GLOBAL_EVENTS (everything on the main namespace) is not simulated.
 *
 * Programmatic use: sandbox/index.ts (startSandbox). Compiled with tsconfig.sandbox.json to .build/sandbox/.
 */
import { SANDBOX_API_KEY, startSandbox, type SandboxOptions } from './index';

const HELP = `Usage: npm run sandbox -- [--port 8080] [--api-key KEY] [--instance NAME]... [--fast-retries]
                           [--global-webhook URL] [--global-by-events] [--expose-apikey] [--quiet]`;

interface CliOptions extends SandboxOptions {
	port: number;
	quiet: boolean;
}

function parsePort(value: string | undefined): number {
	const port = Number(value);
	if (value === undefined || value.trim() === '' || !Number.isInteger(port) || port < 0 || port > 65535) {
		throw new Error(`invalid port: ${value ?? '(missing)'}`);
	}
	return port;
}

export function parseArgs(argv: string[], env: NodeJS.ProcessEnv = process.env): CliOptions | 'help' {
	const options: CliOptions = {
		port: env.SANDBOX_PORT ? parsePort(env.SANDBOX_PORT) : 8080,
		apiKey: env.SANDBOX_API_KEY || SANDBOX_API_KEY,
		quiet: false,
	};
	const instances: string[] = [];
	for (let index = 0; index < argv.length; index++) {
		const arg = argv[index];
		const [flag, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
		const value = (): string => {
			const next = inline ?? argv[++index];
			if (next === undefined || next === '') throw new Error(`${flag} needs a value`);
			return next;
		};
		switch (flag) {
			case '--help':
			case '-h':
				return 'help';
			case '--port':
				options.port = parsePort(value());
				break;
			case '--api-key':
				options.apiKey = value();
				break;
			case '--instance':
				instances.push(value());
				break;
			case '--fast-retries':
				options.fastRetries = true;
				break;
			case '--global-webhook':
				options.globalWebhook = { ...options.globalWebhook, url: value() };
				break;
			case '--global-by-events':
				options.globalWebhook = { url: '', ...options.globalWebhook, byEvents: true };
				break;
			case '--expose-apikey':
				options.exposeApikey = true;
				break;
			case '--quiet':
				options.quiet = true;
				break;
			default:
				throw new Error(`unknown option ${arg}`);
		}
	}
	if (options.globalWebhook && !/^https?:\/\//.test(options.globalWebhook.url)) throw new Error('--global-by-events needs --global-webhook <http(s) url>');
	if (instances.length > 0) options.instances = instances;
	return options;
}

function banner(url: string, apiKey: string, instances: Array<{ name: string; token: string; ownerJid: string | null }>, options: CliOptions): string {
	const first = encodeURIComponent(instances[0]?.name ?? 'sandbox');
	const json = "-H 'content-type: application/json'";
	const key = `-H 'apikey: ${apiKey}'`;
	return [
		`Evolution API sandbox (2.3.6 look-alike) listening on ${url}`,
		`  global API key: ${apiKey}`,
		...instances.map((instance) => `  instance:       ${instance.name} (token ${instance.token}, connected as ${instance.ownerJid ?? '-'})`),
		`  webhook retries: ${options.fastRetries ? 'fast (0.5 s, 1 s, 2 s … max 5 s)' : 'as the server (5 s, 10 s, 20 s … max 300 s)'}, 10 attempts`,
		...(options.globalWebhook ? [`  global webhook: ${options.globalWebhook.url}${options.globalWebhook.byEvents ? ' (by events)' : ''}`] : []),
		`  socket.io:       ${url.replace(/^http/, 'ws')}/socket.io/ (namespace /<instance>; events enabled with /websocket/set)`,
		'',
		'Try:',
		`  curl -s ${url}/instance/fetchInstances ${key}`,
		`  curl -s -X POST ${url}/webhook/set/${first} ${key} ${json} \\`,
		`    -d '{"webhook":{"enabled":true,"url":"http://127.0.0.1:5678/webhook/evolution","headers":{"jwt_key":"secret"},"events":["MESSAGES_UPSERT","SEND_MESSAGE","CONNECTION_UPDATE"]}}'`,
		`  curl -s -X POST ${url}/sandbox/${first}/incoming ${json} -d '{"from":"5511988887777","pushName":"Ana","text":"Hello!"}'`,
		`  curl -s -X POST ${url}/message/sendText/${first} ${key} ${json} -d '{"number":"5511988887777","text":"Hi Ana"}'`,
		`  curl -s -X POST ${url}/sandbox/${first}/connection ${json} -d '{"state":"close"}'`,
		`  curl -s ${url}/sandbox/deliveries`,
		'',
		'n8n credential "Evolution API": Server URL ' + url + ', API Key ' + apiKey + (instances[0] ? `, Default Instance ${instances[0].name}` : ''),
		'Ctrl-C stops the sandbox.',
	].join('\n');
}

async function main(): Promise<void> {
	let options: CliOptions | 'help';
	try {
		options = parseArgs(process.argv.slice(2));
	} catch (error) {
		console.error(`sandbox: ${(error as Error).message}\n${HELP}`);
		process.exit(2);
	}
	if (options === 'help') {
		console.log(HELP);
		return;
	}
	const cli = options;
	const sandbox = await startSandbox({ ...cli, log: cli.quiet ? false : (line) => console.log(line.replace(/^fake: /, '')) }).catch((error: NodeJS.ErrnoException) => {
		const reason = error.code === 'EADDRINUSE' ? `port ${cli.port} on 127.0.0.1 is in use; choose another with --port or SANDBOX_PORT` : error.message;
		console.error(`sandbox: ${reason}`);
		process.exit(1);
	});
	console.log(banner(sandbox.url, sandbox.apiKey, sandbox.instances, cli));

	let stopping = false;
	const stop = (signal: NodeJS.Signals): void => {
		if (stopping) return;
		stopping = true;
		console.log(`sandbox: ${signal}, stopping`);
		void sandbox.close().then(() => process.exit(0));
	};
	process.on('SIGINT', stop);
	process.on('SIGTERM', stop);
}

if (require.main === module) void main();
