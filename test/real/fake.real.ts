/**
 * The contract fake, calibrated against the real server: every request the operations phase
 * sent to Evolution API 2.3.6 (recorded by its proxy, in order) is sent again, byte for byte,
 * to a fresh fake with the same integrations switched on, and the two answers are compared:
 * the status, the error envelope and the shape of the body (keys and value types, recursively;
 * an array by its first element; null matches any type, since a field the server leaves empty
 * is still the same field).
 *
 * The fake simulates a connected WhatsApp session, so where the real server refuses for a reason
 * of state the fake answers as a connected server would. Those differences are intended; they
 * are the one list INTENDED_DIFFERENCES, each with its reason. Every other difference fails.
 *
 * Calibration, December 2026: of the 195 answers of a full run, 95 differed before the fake was
 * calibrated (57 not on the list), 18 after (all on the list).
 *
 * Run by test/real/phases/20-fake.js with REAL_EXCHANGES (the operations phase's record) and
 * REAL_RESULTS. REAL_FAKE_MODULE loads another copy of the fake (to count the differences of an
 * older fake, e.g. the one before this calibration).
 */
import { readFileSync, writeFileSync } from 'node:fs';

import type { FakeEvolution, FakeEvolutionOptions } from '../fake';
import type { Exchange } from './support';
import { parseBody } from './support';

const FAKE_KEY = 'test-key';

interface Recorded {
	exchanges: Exchange[];
}

interface Answer {
	status: number;
	body: unknown;
}

interface Difference {
	step: string;
	route: string;
	real: string;
	fake: string;
	problems: string[];
	intended?: string;
}

/** What the fake answers differently on purpose, and why. Matched on the real server's answer. */
export const INTENDED_DIFFERENCES: Array<{ name: string; why: string; real: RegExp; steps?: RegExp; fakeSucceeded?: boolean }> = [
	{
		name: 'no WhatsApp session on the real server',
		why: 'the fake simulates a connected session: where 2.3.6 answers "Connection Closed" the fake, once its instance is open, carries the request out (while it is not, it must answer as the server does)',
		real: /Connection Closed/,
		fakeSucceeded: true,
	},
	{
		name: 'no logged-in account on the real server',
		why: "Baileys reads the account's ID, name, app-state keys or Signal sessions, which only a login provides; the fake has a logged-in account",
		real: /App state key not present|Cannot read properties of undefined \(reading '(id|name)'\)|Illegal no-jid profile update|No session record|No send invite|No invite info/,
	},
	{
		name: 'no stored chats, contacts, messages or media on the real server',
		why: 'a server without a session never received any; the fake seeds what a connected session would have synced',
		real: /Contacts not found|Message not compatible|Message not found|Media not found/,
	},
	{
		name: "no internet on the real server (Meta's Graph API, OpenAI)",
		why: 'the fake answers as Meta and OpenAI would; the real server cannot reach them',
		real: /ENOTFOUND graph\.facebook\.com|Error fetching models|reading 'message'\)/,
	},
	{
		name: 'no Typebot server for the real server to start a session on',
		why: 'Start asks the Typebot URL for a session; unreachable here, 2.3.6 answers 200 with an empty body, while the fake starts the session',
		real: /^$/,
		steps: /^typebot:start$/,
	},
	{
		name: 'find of a chat the real server has not stored',
		why: 'Find Chat answers null on the real server (nothing stored); the fake has the chat its simulated session synced',
		real: /^null$/,
		steps: /^chat:get$/,
	},
];

/** Keys and types of a JSON value, compared recursively; null matches anything. */
function shapeProblems(real: unknown, fake: unknown, path = '$', out: string[] = []): string[] {
	if (out.length >= 8 || real === null || fake === null || real === undefined || fake === undefined) return out;
	const kind = (value: unknown) => (Array.isArray(value) ? 'array' : typeof value);
	if (kind(real) !== kind(fake)) {
		out.push(`${path}: ${kind(real)} on the server, ${kind(fake)} in the fake`);
		return out;
	}
	if (Array.isArray(real) && Array.isArray(fake)) {
		if (real.length > 0 && fake.length > 0) shapeProblems(real[0], fake[0], `${path}[0]`, out);
		return out;
	}
	if (typeof real === 'object' && typeof fake === 'object') {
		const r = real as Record<string, unknown>;
		const f = fake as Record<string, unknown>;
		for (const key of Object.keys(r)) if (!(key in f)) out.push(`${path}.${key}: only on the server`);
		for (const key of Object.keys(f)) if (!(key in r)) out.push(`${path}.${key}: only in the fake`);
		for (const key of Object.keys(r)) if (key in f) shapeProblems(r[key], f[key], `${path}.${key}`, out);
	}
	return out;
}

function compare(exchange: Exchange, fakeAnswer: Answer): string[] {
	const problems: string[] = [];
	if (exchange.status !== fakeAnswer.status) problems.push(`status ${exchange.status} on the server, ${fakeAnswer.status} in the fake`);
	const realBody = parseBody(exchange.responseBody);
	// An error envelope is compared whole; a success body by shape (values differ: IDs, times).
	problems.push(...shapeProblems(realBody, fakeAnswer.body));
	return problems;
}

/** IDs the server generated → the IDs the fake generated for the same rows (bots, credentials). */
const ids = new Map<string, string>();

function translate(text: string): string {
	let out = text;
	for (const [real, fake] of ids) out = out.split(real).join(fake);
	return out;
}

/** Learns the fake's ID for each row the server created (top-level `id`, or of a list's first row). */
function learnIds(real: unknown, fake: unknown): void {
	const first = (value: unknown) => (Array.isArray(value) ? value[0] : value) as Record<string, unknown> | undefined;
	const r = first(real);
	const f = first(fake);
	if (r && f && typeof r.id === 'string' && typeof f.id === 'string' && r.id !== f.id && !ids.has(r.id)) ids.set(r.id, f.id);
}

async function replay(fake: FakeEvolution, exchange: Exchange): Promise<Answer> {
	const headers: Record<string, string> = { apikey: FAKE_KEY };
	if (exchange.requestType) headers['content-type'] = exchange.requestType;
	let body: Buffer | undefined = exchange.method === 'GET' || exchange.method === 'HEAD' ? undefined : Buffer.from(exchange.requestBody, 'base64');
	if (body && /json/.test(exchange.requestType ?? '')) body = Buffer.from(translate(body.toString('utf8')));
	const response = await fetch(`${fake.url}${translate(exchange.path)}`, { method: exchange.method, headers, body: body && body.length > 0 ? body : undefined });
	const answer = { status: response.status, body: parseBody(await response.text()) };
	learnIds(parseBody(exchange.responseBody), answer.body);
	return answer;
}

const recordedFile = process.env.REAL_EXCHANGES;
const differences: Difference[] = [];

it('the fake answers every recorded request as the real server did, except the intended differences', async () => {
	if (!recordedFile) throw new Error('REAL_EXCHANGES is not set: run this through `npm run test:real` (the operations phase records the requests)');
	const { exchanges } = JSON.parse(readFileSync(recordedFile, 'utf8')) as Recorded;
	expect(exchanges.length).toBeGreaterThan(0);
	const module = (await import(process.env.REAL_FAKE_MODULE ?? '../fake')) as { startFakeEvolution(options: FakeEvolutionOptions): Promise<FakeEvolution> };
	// The real server's integrations: evolution.env's defaults with WebSocket on (test/real/run.js).
	const fake = await module.startFakeEvolution({
		apiKey: FAKE_KEY,
		enabledIntegrations: { rabbitmq: false, sqs: false, nats: false, pusher: false, kafka: false, websocket: true },
	});
	try {
		for (const exchange of exchanges) {
			const answer = await replay(fake, exchange);
			const problems = compare(exchange, answer);
			if (problems.length === 0) continue;
			const intended = INTENDED_DIFFERENCES.find(
				(entry) =>
					entry.real.test(exchange.responseBody) &&
					(!entry.steps || entry.steps.test(exchange.step)) &&
					(!entry.fakeSucceeded || answer.status < 300),
			);
			differences.push({
				step: exchange.step,
				route: `${exchange.method} ${exchange.path}`,
				real: `${exchange.status} ${exchange.responseBody.slice(0, 160)}`,
				fake: `${answer.status} ${JSON.stringify(answer.body)?.slice(0, 160)}`,
				problems,
				intended: intended?.name,
			});
		}
	} finally {
		await fake.close();
	}
	const unintended = differences.filter((difference) => !difference.intended);
	const print = (line: string) => process.stdout.write(`${line}\n`);
	for (const difference of differences) {
		print(`${difference.intended ? 'intended  ' : 'DIFFERENT '} ${difference.step.padEnd(34)} ${difference.route}`);
		print(`    server: ${difference.real.replace(/\s+/g, ' ')}`);
		print(`    fake:   ${difference.fake.replace(/\s+/g, ' ')}`);
		print(`    ${difference.intended ? `(${difference.intended}) ` : ''}${difference.problems.slice(0, 4).join('; ')}`);
	}
	print(`fake vs server: ${exchanges.length} requests compared, ${differences.length} differ: ${differences.length - unintended.length} intended, ${unintended.length} not`);
	if (process.env.REAL_RESULTS) writeFileSync(process.env.REAL_RESULTS, JSON.stringify({ compared: exchanges.length, differences }, null, 1));
	expect(unintended.map((difference) => `${difference.step} ${difference.route}: ${difference.problems.join('; ')}`)).toEqual([]);
}, 300_000);
