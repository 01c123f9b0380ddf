/**
 * `npm run bench`: the five performance measurements of the package, each a ratio measured side
 * by side in one run (the machines are shared and noisy), written to bench/results.json and
 * printed as a table. See bench/README.md.
 *
 *   npm run bench                                   all five parts
 *   npm run bench -- --only overhead,memory         a subset (overhead, memory, trigger, editor, scaling)
 *   npm run bench -- --quick                        small sizes, to check the bench itself works
 *   npm run bench -- --help                         every option
 */
import { renameSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

import { machineInfo, type MachineInfo } from './lib/machine';
import { ROOT } from './lib/n8n';
import { round, MB } from './lib/stats';
import { runEditor, type EditorResult } from './parts/editor';
import { runMemory, type MemoryResult } from './parts/memory';
import { runOverhead } from './parts/overhead';
import { runScaling, type ScalingResult } from './parts/scaling';
import { runTrigger, type TriggerResult } from './parts/trigger';
import type { OverheadResult } from './workers/overhead';

const PARTS = ['overhead', 'memory', 'trigger', 'editor', 'scaling'] as const;
type Part = (typeof PARTS)[number];

interface Options {
	only: Part[];
	items: number;
	runs: number;
	sinkRuns: number;
	latencyMs: number;
	latencyItems: number;
	latencyRuns: number;
	fileMb: number;
	largeMb: number;
	memoryRuns: number;
	deliveries: number;
	concurrency: number;
	warmup: number;
	legacyDeliveries: number;
	poolDeliveries: number;
	starts: number;
	counts: number[];
	scalingRuns: number;
	out: string;
	verbose: boolean;
}

const DEFAULTS: Options = {
	only: [...PARTS],
	items: 2000,
	runs: 5,
	sinkRuns: 3,
	latencyMs: 10,
	latencyItems: 300,
	latencyRuns: 3,
	fileMb: 64,
	largeMb: 256,
	memoryRuns: 3,
	deliveries: 5000,
	concurrency: 20,
	warmup: 200,
	legacyDeliveries: 1000,
	poolDeliveries: 1000,
	starts: 4,
	counts: [100, 1000, 10000],
	scalingRuns: 3,
	out: join(ROOT, 'bench', 'results.json'),
	verbose: false,
};

const QUICK: Partial<Options> = {
	items: 200,
	runs: 2,
	sinkRuns: 1,
	latencyItems: 50,
	latencyRuns: 1,
	fileMb: 8,
	largeMb: 32,
	memoryRuns: 1,
	deliveries: 400,
	warmup: 20,
	legacyDeliveries: 200,
	poolDeliveries: 200,
	starts: 1,
	counts: [50, 200, 1000],
	scalingRuns: 1,
};

const HELP = `Usage: npm run bench -- [options]

  --only <parts>        comma-separated subset of: ${PARTS.join(', ')} (default: all)
  --quick               small sizes (a smoke run of the bench itself; figures not comparable),
                        written to .build/bench/results.quick.json unless --out is given
  --items <n>           overhead: items per run (${DEFAULTS.items})
  --runs <n>            overhead: runs against the contract fake; the ratio is their median (${DEFAULTS.runs})
  --sink-runs <n>       overhead: runs against the bare sink server, 0 to skip (${DEFAULTS.sinkRuns})
  --latency-ms <n>      overhead: also measure against a sink answering after n ms, 0 to skip (${DEFAULTS.latencyMs})
  --latency-items <n>   overhead: items per run of that check (${DEFAULTS.latencyItems})
  --latency-runs <n>    overhead: runs of that check (${DEFAULTS.latencyRuns})
  --file-mb <n>         memory: file size in MB (${DEFAULTS.fileMb})
  --large-mb <n>        memory: also send this size as multipart, 0 to skip (${DEFAULTS.largeMb})
  --memory-runs <n>     memory: fresh processes per variant (${DEFAULTS.memoryRuns})
  --deliveries <n>      trigger: deliveries to each workflow (${DEFAULTS.deliveries})
  --concurrency <n>     trigger: requests in flight (${DEFAULTS.concurrency})
  --warmup <n>          trigger: warm-up deliveries to each workflow (${DEFAULTS.warmup})
  --legacy-deliveries <n>  trigger: the same with N8N_EXPRESSION_ENGINE=legacy in a second n8n, 0 to skip (${DEFAULTS.legacyDeliveries})
  --pool-deliveries <n> trigger: the same with N8N_EXPRESSION_ENGINE_POOL_SIZE=<concurrency> in another n8n, 0 to skip (${DEFAULTS.poolDeliveries})
  --starts <n>          editor: timed n8n starts per variant, 0 for the descriptions only (${DEFAULTS.starts})
  --counts <list>       scaling: item counts (${DEFAULTS.counts.join(',')})
  --scaling-runs <n>    scaling: runs per count (${DEFAULTS.scalingRuns})
  --out <file>          results file (bench/results.json)
  --verbose             progress of every run`;

function parseArgs(argv: string[]): Options | 'help' {
	const options: Options = { ...DEFAULTS };
	const explicit: Partial<Options> = {};
	let quick = false;
	for (let index = 0; index < argv.length; index++) {
		const arg = argv[index];
		const [flag, inline] = arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
		const value = (): string => {
			const next = inline ?? argv[++index];
			if (next === undefined) throw new Error(`${flag} needs a value`);
			return next;
		};
		const int = (): number => {
			const text = value();
			const number = Number(text);
			if (!Number.isInteger(number) || number < 0) throw new Error(`${flag} needs a whole number, not "${text}"`);
			return number;
		};
		switch (flag) {
			case '--help':
			case '-h':
				return 'help';
			case '--quick':
				quick = true;
				break;
			case '--only': {
				const parts = value().split(',').map((part) => part.trim()).filter(Boolean);
				const unknown = parts.filter((part) => !(PARTS as readonly string[]).includes(part));
				if (unknown.length) throw new Error(`unknown part(s) ${unknown.join(', ')}; the parts are ${PARTS.join(', ')}`);
				explicit.only = parts as Part[];
				break;
			}
			case '--items': explicit.items = int(); break;
			case '--runs': explicit.runs = int(); break;
			case '--sink-runs': explicit.sinkRuns = int(); break;
			case '--latency-ms': explicit.latencyMs = int(); break;
			case '--latency-items': explicit.latencyItems = int(); break;
			case '--latency-runs': explicit.latencyRuns = int(); break;
			case '--file-mb': explicit.fileMb = int(); break;
			case '--large-mb': explicit.largeMb = int(); break;
			case '--memory-runs': explicit.memoryRuns = int(); break;
			case '--deliveries': explicit.deliveries = int(); break;
			case '--concurrency': explicit.concurrency = int(); break;
			case '--warmup': explicit.warmup = int(); break;
			case '--legacy-deliveries': explicit.legacyDeliveries = int(); break;
			case '--pool-deliveries': explicit.poolDeliveries = int(); break;
			case '--starts': explicit.starts = int(); break;
			case '--scaling-runs': explicit.scalingRuns = int(); break;
			case '--counts':
				explicit.counts = value().split(',').map((count) => Number(count));
				if (explicit.counts.length < 2 || explicit.counts.some((count) => !Number.isInteger(count) || count < 1)) {
					throw new Error('--counts needs at least two whole numbers, e.g. 100,1000,10000');
				}
				break;
			case '--out': explicit.out = value(); break;
			case '--verbose': explicit.verbose = true; break;
			default:
				throw new Error(`unknown option ${arg}\n\n${HELP}`);
		}
	}
	// A smoke run must not overwrite the committed figures.
	const quickOut = join(ROOT, '.build', 'bench', 'results.quick.json');
	return { ...options, ...(quick ? { ...QUICK, out: quickOut } : {}), ...explicit };
}

interface Results {
	date: string;
	machine: MachineInfo;
	loadAverageAtEnd?: number;
	options: Omit<Options, 'out' | 'verbose'>;
	durationSeconds?: number;
	overhead?: OverheadResult;
	memory?: MemoryResult;
	trigger?: TriggerResult;
	editor?: EditorResult;
	scaling?: ScalingResult;
	errors: Partial<Record<Part, string>>;
	table?: Row[];
}

interface Row {
	part: string;
	measure: string;
	value: string;
	goal: string;
	verdict: string;
}

const ms = (value: number): string => `${value >= 100 ? value.toFixed(0) : value.toFixed(1)} ms`;
const mb = (bytes: number): string => `${(bytes / MB).toFixed(1)} MB`;
const kb = (bytes: number): string => `${(bytes / 1024).toFixed(1)} KB`;
const x = (value: number, digits = 2): string => `${value.toFixed(digits)}×`;
const verdict = (ok: boolean): string => (ok ? 'met' : 'GAP');

function tableOf(results: Results): Row[] {
	const rows: Row[] = [];
	const add = (part: string, measure: string, value: string, goal = '', state = ''): void => void rows.push({ part, measure, value, goal, verdict: state });
	const o = results.overhead;
	if (o) {
		const contract = o.servers[0];
		const sink = o.servers.find((server) => server.server === 'sink');
		const latency = o.servers.find((server) => server.server === 'latency');
		const m = contract.medianMs;
		add('1 overhead', `${o.items} Send Text items, engine (median of ${contract.runs})`, ms(m.engine));
		add('1 overhead', `same requests, bare keep-alive loop`, ms(m.bare));
		add('1 overhead', 'ratio engine / bare (median of per-run ratios)', x(contract.medianRatio), '≤ 1.15', verdict(contract.medianRatio <= 1.15));
		add('1 overhead', 'overhead per item (engine − bare)', ms(contract.overheadPerItemMs));
		add('1 overhead', '  of which: new connection per request (bare)', ms((m.bareNewConnection - m.bare) / o.items));
		add('1 overhead', '  of which: n8n HTTP layer (axios etc., no engine)', ms((m.n8nHttp - m.bareNewConnection) / o.items));
		add('1 overhead', '  of which: engine + node, fields as expressions', ms((m.engine - m.n8nHttp) / o.items));
		add('1 overhead', '  engine + node, fixed field values', ms((m.engineLiteral - m.n8nHttp) / o.items));
		add('1 overhead', 'one-item execution (fixed cost per run)', ms(contract.engineOneItemMs));
		add('1 overhead', 'fake server CPU per request (bare / engine)', `${contract.serverCpuPerRequestMs.bare.toFixed(3)} / ${contract.serverCpuPerRequestMs.engine.toFixed(3)} ms`);
		if (sink) add('1 overhead', `ratio against a bare sink server (median of ${sink.runs})`, x(sink.medianRatio), '', 'info');
		// (e + L) / (b + L) = 1.15  ⇔  L = (e − 1.15·b) / 0.15, with e and b per item.
		const breakEven = (m.engine / o.items - 1.15 * (m.bare / o.items)) / 0.15;
		add('1 overhead', 'server time per request at which the ratio is 1.15 (model)', ms(Math.max(0, breakEven)), '', 'info');
		if (latency) {
			add('1 overhead', `ratio against a sink answering after ${latency.delayMs} ms (${latency.items} items, median of ${latency.runs})`, x(latency.medianRatio), '', 'info');
		}
		add('1 overhead', 'requests the fake found invalid', `${contract.requestsChecked.invalid} of ${contract.requestsChecked.requests}`, '0', verdict(contract.requestsChecked.invalid === 0));
	}
	const mem = results.memory;
	if (mem) {
		for (const variant of mem.variants) {
			add(
				'2 memory',
				`${mb(mem.fileBytes)} file, ${variant.variant}: peak RSS growth (median of ${variant.runs.length})`,
				`${mb(variant.rssGrowth)} = ${x(variant.factor)} file`,
				variant.variant === 'multipart' ? `≤ ${x(mem.goalFactor, 1)}` : '',
				variant.variant === 'multipart' ? verdict(variant.factor <= mem.goalFactor) : '',
			);
		}
		const multipart = mem.variants.find((variant) => variant.variant === 'multipart');
		if (multipart) add('2 memory', '  multipart: Buffer (external) growth', mb(multipart.externalGrowth));
		if (mem.large) add('2 memory', `${mb(mem.large.fileBytes)} file, multipart: peak RSS growth`, `${mb(mem.large.rssGrowth)} = ${x(mem.large.factor)} file`, '', 'info');
	}
	const t = results.trigger;
	if (t) {
		add('3 trigger', `Evolution API Trigger: accepted/s (${t.deliveries} deliveries, concurrency ${t.concurrency})`, t.trigger.acceptedPerSecond.toFixed(0));
		add('3 trigger', 'n8n Webhook node: accepted/s (same load, same n8n)', t.webhook.acceptedPerSecond.toFixed(0));
		add('3 trigger', 'ratio trigger / webhook', x(t.ratio), '≥ 0.9', verdict(t.ratio >= 0.9));
		add('3 trigger', 'trigger: executions recorded / deliveries sent', `${t.trigger.executions.recorded} / ${t.trigger.sent}`, 'equal', verdict(t.trigger.lost === 0));
		add('3 trigger', 'webhook: executions recorded / deliveries sent', `${t.webhook.executions.recorded} / ${t.webhook.sent}`, 'equal', verdict(t.webhook.lost === 0));
		const variants: Array<[string, TriggerResult | undefined]> = [
			['N8N_EXPRESSION_ENGINE=legacy', t.legacyExpressionEngine],
			[`N8N_EXPRESSION_ENGINE_POOL_SIZE=${t.isolatePool?.n8nEnv.N8N_EXPRESSION_ENGINE_POOL_SIZE ?? ''}`, t.isolatePool],
		];
		for (const [label, variant] of variants) {
			if (!variant) continue;
			add(
				'3 trigger',
				`${label} (${variant.deliveries} deliveries): trigger / webhook accepted/s`,
				`${variant.trigger.acceptedPerSecond.toFixed(0)} / ${variant.webhook.acceptedPerSecond.toFixed(0)} = ${x(variant.ratio)}`,
				'',
				'info',
			);
			add(
				'3 trigger',
				'  executions recorded / sent (trigger, webhook)',
				`${variant.trigger.executions.recorded}/${variant.trigger.sent}, ${variant.webhook.executions.recorded}/${variant.webhook.sent}`,
				'equal',
				verdict(variant.trigger.lost === 0 && variant.webhook.lost === 0),
			);
		}
	}
	const e = results.editor;
	if (e) {
		for (const description of e.descriptions) {
			add('4 editor', `${description.name}: description size (gzip)`, `${kb(description.bytes)} (${kb(description.gzipBytes)})`);
			add('4 editor', `${description.name}: properties (top-level / all)`, `${description.topLevelProperties} / ${description.allProperties}`);
		}
		if (e.nodesJson) {
			const added = e.nodesJson.entries.reduce((sum, entry) => sum + entry.bytes, 0);
			add('4 editor', `nodes.json: package entries (${e.nodesJson.entries.map((entry) => entry.name.split('.')[1]).join(', ')})`, `${kb(added)} of ${mb(e.nodesJson.totalBytesWith)}`);
			add('4 editor', `nodes.json: largest built-in entry (${e.nodesJson.largestBuiltIn.name})`, kb(e.nodesJson.largestBuiltIn.bytes), '', 'info');
		}
		if (e.startup) {
			add('4 editor', `n8n start to ready, without / with the package (median of ${e.startup.withMs.length})`, `${ms(e.startup.medianWithoutMs)} / ${ms(e.startup.medianWithMs)}`);
			add('4 editor', 'start-up ratio with / without', x(e.startup.ratio), '', 'info');
		}
	}
	const s = results.scaling;
	if (s) {
		for (const point of s.points) add('5 scaling', `${point.items} items: per-item cost (bare loop)`, `${ms(point.perItemMs)} (${ms(point.barePerItemMs)})`);
		add('5 scaling', 'fitted slope (time = fixed + slope·items)', `${s.engineFit.slope.toFixed(3)} ms/item, R² ${s.engineFit.r2.toFixed(3)}`);
		add('5 scaling', 'log-log exponent of time vs items', s.engineExponent.toFixed(2), '≈ 1 (linear)', 'info');
		add(
			'5 scaling',
			`per-item cost at ${s.points[s.points.length - 1].items} / at ${s.points[Math.max(0, s.points.length - 2)].items} items`,
			x(s.perItemGrowth),
			'no growth',
			verdict(s.perItemGrowth <= 1.15),
		);
	}
	for (const [part, message] of Object.entries(results.errors)) add(part, 'FAILED (see errors in the results file)', message.split('\n')[0].slice(0, 60), '', 'error');
	return rows;
}

function printTable(rows: Row[], machine: MachineInfo): void {
	const headers: Row = { part: 'part', measure: 'measure', value: 'value', goal: 'goal', verdict: '' };
	const keys = Object.keys(headers) as Array<keyof Row>;
	const widths = keys.map((key) => Math.max(...[headers, ...rows].map((row) => row[key].length)));
	const line = (row: Row): string => keys.map((key, index) => row[key].padEnd(widths[index])).join('  ').trimEnd();
	console.log(`\n${machine.cpuModel}, ${machine.cores} cores, ${machine.memoryGb} GB, Node ${machine.node}, load ${machine.loadAverageAtStart}`);
	console.log(line(headers));
	console.log(widths.map((width) => '-'.repeat(width)).join('  '));
	let previous = '';
	for (const row of rows) {
		console.log(line(row.part === previous ? { ...row, part: '' } : row));
		previous = row.part;
	}
}

async function main(): Promise<void> {
	let options: Options | 'help';
	try {
		options = parseArgs(process.argv.slice(2));
	} catch (error) {
		console.error(`bench: ${(error as Error).message}`);
		process.exit(2);
	}
	if (options === 'help') {
		console.log(HELP);
		return;
	}
	const started = performance.now();
	const progress = (line: string): void => console.log(`  ${line}`);
	const verbose = options.verbose ? progress : undefined;
	const { out } = options;
	const recorded: Results['options'] = { ...options };
	delete (recorded as Partial<Options>).out;
	delete (recorded as Partial<Options>).verbose;
	const results: Results = { date: new Date().toISOString(), machine: machineInfo(), options: recorded, errors: {} };

	const steps: Record<Part, () => Promise<void>> = {
		overhead: async () => {
			results.overhead = await runOverhead(
				{
					items: options.items,
					runs: options.runs,
					sinkRuns: options.sinkRuns,
					latencyMs: options.latencyMs,
					latencyItems: options.latencyItems,
					latencyRuns: options.latencyRuns,
				},
				verbose,
			);
		},
		memory: async () => {
			results.memory = await runMemory({ fileMb: options.fileMb, largeMb: options.largeMb, runs: options.memoryRuns, verbose });
		},
		trigger: async () => {
			const base = { concurrency: options.concurrency, warmup: options.warmup, log: progress };
			results.trigger = await runTrigger({ ...base, deliveries: options.deliveries });
			if (options.legacyDeliveries > 0) {
				progress('trigger: again in a second n8n with N8N_EXPRESSION_ENGINE=legacy (explains the gap)');
				results.trigger.legacyExpressionEngine = await runTrigger({
					...base,
					deliveries: options.legacyDeliveries,
					n8nEnv: { N8N_EXPRESSION_ENGINE: 'legacy' },
				});
			}
			if (options.poolDeliveries > 0) {
				// n8n keeps one warm expression isolate by default; requests in flight beyond it start their own
				progress(`trigger: again with N8N_EXPRESSION_ENGINE_POOL_SIZE=${options.concurrency} (one isolate per request in flight)`);
				results.trigger.isolatePool = await runTrigger({
					...base,
					deliveries: options.poolDeliveries,
					n8nEnv: { N8N_EXPRESSION_ENGINE_POOL_SIZE: String(options.concurrency) },
				});
			}
		},
		editor: async () => {
			results.editor = await runEditor({ starts: options.starts, log: progress });
		},
		scaling: async () => {
			results.scaling = await runScaling({ counts: options.counts, runs: options.scalingRuns }, verbose);
		},
	};
	for (const part of PARTS.filter((name) => options.only.includes(name))) {
		const partStarted = performance.now();
		console.log(`bench: ${part}...`);
		try {
			await steps[part]();
			console.log(`bench: ${part} done in ${((performance.now() - partStarted) / 1000).toFixed(0)} s`);
		} catch (error) {
			results.errors[part] = (error as Error).stack ?? String(error);
			console.error(`bench: ${part} failed: ${(error as Error).message}`);
		}
	}
	results.loadAverageAtEnd = round(loadavg()[0], 2);
	results.durationSeconds = round((performance.now() - started) / 1000, 0);
	results.table = tableOf(results);
	writeFileSync(`${out}.tmp`, `${JSON.stringify(results, null, 2)}\n`);
	renameSync(`${out}.tmp`, out);
	printTable(results.table, results.machine);
	console.log(`\nbench: ${out} written (${results.durationSeconds} s)`);
	if (Object.keys(results.errors).length > 0) process.exitCode = 1;
}

void main();
