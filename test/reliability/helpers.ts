/**
 * Shared helpers of the reliability tests: what every refused input must look like, and a
 * capture of everything n8n or the node could log while a test runs.
 */
import { Logger } from '@n8n/backend-common';
import { Container } from '@n8n/di';
import { LoggerProxy, type ExecutionError } from 'n8n-workflow';

import type { OperationDefinition } from '../../nodes/EvolutionApi/actions/types';
import type { FakeEvolution, RecordedRequest } from '../fake';

/** A recorded request is one the real server would accept as it is, on the declared route. */
export function requestProblems(request: RecordedRequest, route?: OperationDefinition['route']): string[] {
	const problems = [
		...request.validationErrors.map((message) => `validation: ${message}`),
		...request.violations.map((message) => `violation: ${message}`),
	];
	if (request.route === null) problems.push(`no such route: ${request.method} ${request.path}`);
	else if (route && (request.route.method !== route.method || request.route.path !== route.path)) {
		problems.push(`went to ${request.route.method} ${request.route.path}, declared ${route.method} ${route.path}`);
	}
	return problems;
}

export function allProblems(fake: FakeEvolution): string[] {
	return fake.requests.flatMap((request) => requestProblems(request).map((problem) => `#${request.id} ${request.method} ${request.url}: ${problem}`));
}

/** What n8n-core, n8n-workflow's LoggerProxy and the console received while capturing. */
export interface LogCapture {
	lines: string[];
	text(): string;
	restore(): void;
}

/**
 * n8n-core logs a failed run's error at debug level with the node attached, and the node carries
 * its parameters as the user typed them (n8n's design, not the node's): that copy is left out, so
 * the capture shows what the node and n8n say about the failure, not the workflow itself.
 */
function withoutNodeParameters(_key: string, value: unknown): unknown {
	return value && typeof value === 'object' && 'parameters' in value && 'type' in value ? '[node]' : value;
}

function render(args: unknown[]): string {
	return args
		.map((arg) => {
			if (typeof arg === 'string') return arg;
			if (arg instanceof Error) return `${arg.name}: ${arg.message}\n${arg.stack ?? ''}\n${JSON.stringify(arg, withoutNodeParameters)}`;
			try {
				return JSON.stringify(arg, withoutNodeParameters);
			} catch {
				return String(arg);
			}
		})
		.join(' ');
}

/**
 * Replaces n8n's Logger (what `this.logger` of a node and n8n-core use), initialises n8n-workflow's
 * LoggerProxy (what WorkflowExecute logs through) with a recorder, and spies on console and
 * process.stdout/stderr, so a test can assert that nothing secret was logged anywhere.
 * N8N_LOG_LEVEL is `silent` in tests: without this capture, a leak would go unnoticed.
 */
export function captureLogs(): LogCapture {
	const lines: string[] = [];
	const record =
		(level: string) =>
		(...args: unknown[]): void => {
			lines.push(`${level}: ${render(args)}`);
		};
	const logger = {
		error: record('error'),
		warn: record('warn'),
		info: record('info'),
		debug: record('debug'),
		scoped: () => logger,
	};
	const hadLogger = Container.has(Logger);
	const previousLogger = hadLogger ? Container.get(Logger) : undefined;
	Container.set(Logger, logger as unknown as Logger);
	LoggerProxy.init(logger as never);

	const spies = (['log', 'info', 'warn', 'error', 'debug', 'trace'] as const).map((method) =>
		jest.spyOn(console, method).mockImplementation(record(`console.${method}`)),
	);
	const streams = [process.stdout, process.stderr].map((stream) =>
		jest.spyOn(stream, 'write').mockImplementation(((chunk: unknown) => {
			lines.push(`stream: ${String(chunk)}`);
			return true;
		}) as never),
	);
	return {
		lines,
		text: () => lines.join('\n'),
		restore: () => {
			for (const spy of [...spies, ...streams]) spy.mockRestore();
			if (previousLogger) Container.set(Logger, previousLogger);
			const silent = { error: () => {}, warn: () => {}, info: () => {}, debug: () => {} };
			LoggerProxy.init(silent as never);
		},
	};
}

/** The error n8n recorded, with the node (and so its parameters, as the user typed them) left out. */
export function errorWithoutNode(error: ExecutionError | undefined): string {
	if (!error) return '';
	const copy: Record<string, unknown> = { ...error, message: error.message, description: error.description };
	delete copy.node;
	return JSON.stringify(copy);
}
