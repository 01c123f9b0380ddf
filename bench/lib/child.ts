/**
 * Each measured part runs in a child process of its own (fresh heap, GC state and RSS), started
 * with `fork` on the same Node binary, and answers over the IPC channel.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

/** Where the compiled bench lives (.build/bench/bench). */
export const BENCH_DIR = __dirname.endsWith('lib') ? join(__dirname, '..') : __dirname;

type Message<T> = { type: 'result'; result: T } | { type: 'error'; message: string; stack?: string } | { type: 'log'; line: string };

export interface ChildOptions {
	/** Extra Node flags, e.g. ['--expose-gc']. */
	execArgv?: string[];
	env?: NodeJS.ProcessEnv;
	timeoutMs?: number;
	/** Progress lines the child sends with `log()`. */
	onLog?: (line: string) => void;
}

/** Runs `<BENCH_DIR>/<script>.js` with `input` and resolves with what its handler returned. */
export function runChild<T>(script: string, input: unknown, options: ChildOptions = {}): Promise<T> {
	return new Promise((resolve, reject) => {
		const child = fork(join(BENCH_DIR, `${script}.js`), [JSON.stringify(input)], {
			execPath: process.execPath,
			execArgv: options.execArgv ?? [],
			env: { ...process.env, ...options.env },
			stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
		});
		let outcome: { ok: true; value: T } | { ok: false; error: Error } | undefined;
		const timer = options.timeoutMs
			? setTimeout(() => {
					outcome ??= { ok: false, error: new Error(`${script}: no answer within ${options.timeoutMs} ms`) };
					child.kill('SIGKILL');
				}, options.timeoutMs)
			: undefined;
		child.on('message', (message: Message<T>) => {
			if (message.type === 'log') options.onLog?.(message.line);
			else if (message.type === 'result') outcome ??= { ok: true, value: message.result };
			else {
				const error = new Error(`${script}: ${message.message}`);
				if (message.stack) error.stack = `${error.message}\n(child) ${message.stack}`;
				outcome ??= { ok: false, error };
			}
		});
		child.on('error', (error) => {
			outcome ??= { ok: false, error };
		});
		child.on('exit', (code, signal) => {
			if (timer) clearTimeout(timer);
			if (outcome?.ok) resolve(outcome.value);
			else reject(outcome?.error ?? new Error(`${script} exited (${signal ?? `code ${code}`}) without an answer`));
		});
	});
}

/** Child side: runs `handler` with the parent's input, sends the result, exits. */
export function childMain<I, T>(handler: (input: I) => Promise<T>): void {
	const input = JSON.parse(process.argv[2] ?? 'null') as I;
	handler(input).then(
		(result) => finish({ type: 'result', result }),
		(error: Error) => finish({ type: 'error', message: error?.message ?? String(error), stack: error?.stack }),
	);
}

function finish(message: Message<unknown>): void {
	if (process.send) process.send(message, () => process.exit(message.type === 'result' ? 0 : 1));
	else {
		console.log(JSON.stringify(message));
		process.exit(message.type === 'result' ? 0 : 1);
	}
}

/** A progress line for the parent (printed when it runs with --verbose). */
export function log(line: string): void {
	if (process.send) process.send({ type: 'log', line });
}

/** A long-lived helper process (the fake server) answering requests by id. */
export interface Helper {
	readonly child: ChildProcess;
	call<T>(command: string, args?: unknown): Promise<T>;
	close(): Promise<void>;
}

export function startHelper(script: string, input: unknown, options: ChildOptions = {}): Promise<{ helper: Helper; ready: unknown }> {
	return new Promise((resolve, reject) => {
		const child = fork(join(BENCH_DIR, `${script}.js`), [JSON.stringify(input)], {
			execPath: process.execPath,
			execArgv: options.execArgv ?? [],
			env: { ...process.env, ...options.env },
			stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
		});
		let nextId = 1;
		const pending = new Map<number, { resolve: (value: any) => void; reject: (error: Error) => void }>();
		let exited = false;
		const exitPromise = new Promise<void>((done) => child.once('exit', () => done()));
		child.on('message', (message: { type: string; id?: number; value?: unknown; error?: string }) => {
			if (message.type === 'ready') {
				resolve({ helper, ready: message.value });
			} else if (message.type === 'reply' && message.id !== undefined) {
				const waiter = pending.get(message.id);
				pending.delete(message.id);
				if (message.error) waiter?.reject(new Error(message.error));
				else waiter?.resolve(message.value);
			} else if (message.type === 'log') options.onLog?.(String((message as { line?: string }).line));
		});
		child.once('exit', (code, signal) => {
			exited = true;
			for (const waiter of pending.values()) waiter.reject(new Error(`${script} exited (${signal ?? code})`));
			pending.clear();
			reject(new Error(`${script} exited (${signal ?? `code ${code}`}) before it was ready`));
		});
		const helper: Helper = {
			child,
			call: <T>(command: string, args?: unknown) =>
				new Promise<T>((resolveCall, rejectCall) => {
					if (exited) return rejectCall(new Error(`${script} is not running`));
					const id = nextId++;
					pending.set(id, { resolve: resolveCall, reject: rejectCall });
					child.send({ type: 'call', id, command, args });
				}),
			close: async () => {
				if (!exited) child.kill('SIGTERM');
				await exitPromise;
			},
		};
	});
}

/** Helper side: announces `ready`, then answers calls with `commands`. */
export function helperMain(ready: unknown, commands: Record<string, (args: any) => unknown>): void {
	process.on('message', (message: { type: string; id: number; command: string; args: unknown }) => {
		if (message.type !== 'call') return;
		Promise.resolve()
			.then(() => {
				const command = commands[message.command];
				if (!command) throw new Error(`unknown command ${message.command}`);
				return command(message.args);
			})
			.then(
				(value) => process.send?.({ type: 'reply', id: message.id, value }),
				(error: Error) => process.send?.({ type: 'reply', id: message.id, error: error.message }),
			);
	});
	process.on('SIGTERM', () => process.exit(0));
	process.on('disconnect', () => process.exit(0));
	process.send?.({ type: 'ready', value: ready });
}
