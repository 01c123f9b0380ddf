/**
 * The HTTP side of the fake: node:http server, the request pipeline in the real server's
 * order (body parser → route → guards → multer → validation → controller), recording and faults.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

import { parseBody, type ParsedBody } from './body';
import { loadCatalogue, routeKey, RouteDecodeError, Router, type CatalogueRoute, type RouteMatch } from './catalogue';
import {
	badRequest,
	forbidden,
	middlewareError,
	notFound,
	plainError,
	renderForRoute,
	renderGlobal,
	Thrown,
	unauthorized,
	type Rendered,
} from './errors';
import { describeFault, FaultBook, type Fault } from './faults';
import { execute, Reply, type FakeConfig } from './handlers';
import type { RecordedRequest } from './recording';
import type { FakeState } from './state';
import { runValidator, type Query, type ValidationOutcome } from './validate';

/** An answer ready to be written. */
interface Answer {
	status: number;
	/** undefined: zero bytes. */
	payload: Buffer | undefined;
	contentType: string;
	headers?: Record<string, string>;
}

const JSON_TYPE = 'application/json; charset=utf-8';

function jsonAnswer({ status, body }: Rendered): Answer {
	return { status, payload: body === undefined ? undefined : Buffer.from(JSON.stringify(body)), contentType: JSON_TYPE };
}

function parseQuery(search: string): Query {
	const query: Query = {};
	for (const [name, value] of new URLSearchParams(search)) {
		const existing = query[name];
		if (existing === undefined) query[name] = value;
		else query[name] = Array.isArray(existing) ? [...existing, value] : [existing, value];
	}
	return query;
}

async function readBody(request: IncomingMessage): Promise<Buffer> {
	const chunks: Buffer[] = [];
	for await (const chunk of request) chunks.push(chunk as Buffer);
	return Buffer.concat(chunks);
}

function headerValue(value: string | string[] | undefined): string | undefined {
	return Array.isArray(value) ? value.join(', ') : value;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Answers requests outside the Evolution API (the sandbox's /sandbox routes); null: not mine. */
export type Interceptor = (method: string, path: string, query: Query, rawBody: Buffer) => Promise<Rendered | null>;

export class FakeServer {
	readonly requests: RecordedRequest[] = [];
	readonly faults = new FaultBook();
	/** Runs before routing; its answers are neither recorded nor subject to faults. */
	intercept?: Interceptor;
	/** Keep only the most recent requests (a long-running sandbox); default: all. */
	historyLimit = Infinity;
	private readonly router = new Router(loadCatalogue().routes);
	private readonly server: Server;
	private readonly sockets = new Set<Socket>();
	private nextId = 1;

	constructor(
		readonly state: FakeState,
		readonly config: FakeConfig,
		private readonly log?: (line: string) => void,
	) {
		this.server = createServer((request, response) => {
			this.handle(request, response).catch((error: unknown) => {
				this.log?.(`fake: internal error ${(error as Error).stack ?? String(error)}`);
				if (!response.headersSent) this.write(response, jsonAnswer(renderGlobal(plainError((error as Error).message))));
			});
		});
		this.server.on('connection', (socket) => {
			this.sockets.add(socket);
			socket.on('close', () => this.sockets.delete(socket));
		});
	}

	/** The node:http server (the socket.io side attaches to it). */
	get httpServer(): Server {
		return this.server;
	}

	listen(port: number): Promise<number> {
		return new Promise((resolve, reject) => {
			this.server.once('error', reject);
			this.server.listen(port, '127.0.0.1', () => resolve((this.server.address() as AddressInfo).port));
		});
	}

	/** Stops listening and drops every open connection, including hung requests. */
	close(): Promise<void> {
		return new Promise((resolve) => {
			for (const socket of this.sockets) socket.destroy();
			this.server.close(() => resolve());
		});
	}

	private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
		const rawBody = await readBody(request);
		const method = request.method ?? 'GET';
		const url = request.url ?? '/';
		const queryStart = url.indexOf('?');
		const path = queryStart === -1 ? url : url.slice(0, queryStart);
		const query = parseQuery(queryStart === -1 ? '' : url.slice(queryStart + 1));
		const intercepted = this.intercept ? await this.intercept(method, path, query, rawBody) : null;
		if (intercepted) {
			this.write(response, jsonAnswer(intercepted));
			this.log?.(`fake: ${method} ${url} -> ${intercepted.status}`);
			return;
		}

		let match: RouteMatch | null = null;
		let decodeError: RouteDecodeError | null = null;
		try {
			match = this.router.match(method, path);
		} catch (error) {
			if (!(error instanceof RouteDecodeError)) throw error;
			decodeError = error;
		}
		const route = match?.route ?? null;
		const parsed = parseBody(headerValue(request.headers['content-type']), rawBody, route?.multipartFileField ?? null);

		const record: RecordedRequest = {
			id: this.nextId++,
			method,
			url,
			path,
			route: route && { group: route.group, name: route.name, method: route.method, path: route.path },
			instance: match?.params.instance ?? (route && routeKey(route) === 'instance.create' ? stringOrNull(parsed.serverBody.instanceName) : null),
			query,
			headers: request.headers,
			body: parsed.sent,
			files: parsed.files,
			rawBody,
			status: 0,
			responseBody: undefined,
			validationErrors: [],
			violations: [],
			fault: null,
		};
		this.requests.push(record);
		if (this.requests.length > this.historyLimit) this.requests.splice(0, this.requests.length - this.historyLimit);

		const undocumented = route ? undocumentedQuery(route, query) : [];
		const validation = route ? runValidator(route, parsed.serverBody, query) : null;
		if (route) {
			record.violations = violations(route, method, parsed, rawBody, undocumented);
			if (validation && !validation.ok) record.validationErrors = validation.messages;
		}

		const fault = this.faults.take(record);
		if (fault) {
			record.fault = describeFault(fault);
			const handled = await this.applyFault(fault, request, response, record);
			if (handled) return;
		}

		const answer = this.answer({ method, url, match, decodeError, parsed, query, undocumented, validation, apiKey: headerValue(request.headers.apikey) });
		this.write(response, answer, record);
	}

	/** Returns true when the fault replaced the answer. */
	private async applyFault(fault: Fault, request: IncomingMessage, response: ServerResponse, record: RecordedRequest): Promise<boolean> {
		if ('hang' in fault) {
			this.log?.(`fake: #${record.id} ${record.method} ${record.url} -> (hang)`);
			return true;
		}
		if (fault.delayMs) await sleep(fault.delayMs);
		if ('destroy' in fault) {
			this.log?.(`fake: #${record.id} ${record.method} ${record.url} -> (socket destroyed)`);
			request.socket.destroy();
			return true;
		}
		if (!('status' in fault)) return false;
		const { body } = fault;
		const isRaw = typeof body === 'string' || Buffer.isBuffer(body);
		const payload = body === undefined ? undefined : isRaw ? Buffer.from(body) : Buffer.from(JSON.stringify(body));
		const contentType = fault.contentType ?? (isRaw ? 'text/html; charset=utf-8' : JSON_TYPE);
		this.write(response, { status: fault.status, payload, contentType, headers: fault.headers }, record);
		return true;
	}

	private answer(input: {
		method: string;
		url: string;
		match: RouteMatch | null;
		decodeError: RouteDecodeError | null;
		parsed: ParsedBody;
		query: Query;
		undocumented: string[];
		validation: ValidationOutcome | null;
		apiKey: string | undefined;
	}): Answer {
		const { match, parsed, validation } = input;
		// express.json runs before routing.
		if (input.parsed.parserError) return jsonAnswer(renderGlobal(input.parsed.parserError));
		if (input.decodeError) return jsonAnswer(renderGlobal(middlewareError(400, input.decodeError.message)));
		if (!match || !validation) {
			return jsonAnswer({
				status: 404,
				body: { status: 404, error: 'Not Found', response: { message: [`Cannot ${input.method} ${input.url}`] } },
			});
		}
		const { route, params } = match;

		const guardError = this.guard(route, params, input.apiKey, parsed.serverBody);
		if (guardError) return jsonAnswer(renderGlobal(guardError));
		if (parsed.multerError) return jsonAnswer(renderGlobal(parsed.multerError));
		// The real server would merge these into the route params (a security hole): never send them.
		if (input.undocumented.length > 0) {
			return jsonAnswer(renderGlobal(badRequest(...input.undocumented.map((name) => `fake: undocumented query parameter "${name}"`))));
		}

		try {
			if (!validation.ok) throw validation.thrown;
			const result = execute({
				route,
				params,
				instance: params.instance !== undefined ? (this.state.instances.get(params.instance) ?? null) : null,
				dto: validation.dto,
				files: parsed.files,
				query: input.query,
				apiKey: input.apiKey,
				state: this.state,
				config: this.config,
			});
			if (result instanceof Reply) {
				if (result.raw) return { status: result.status, payload: Buffer.from(result.body as string), contentType: result.contentType };
				return jsonAnswer({ status: result.status, body: result.body });
			}
			return jsonAnswer({ status: route.successStatus, body: result });
		} catch (error) {
			if (error instanceof Thrown) return jsonAnswer(renderForRoute(error, routeKey(route)));
			// A bug in the fake: answer like an unexpected TypeError would, and say so in the log.
			this.log?.(`fake: handler ${routeKey(route)} failed: ${(error as Error).stack ?? String(error)}`);
			return jsonAnswer(renderForRoute(plainError((error as Error).message), routeKey(route)));
		}
	}

	/** [instanceExistsGuard, instanceLoggedGuard, authGuard.apikey], in that order. */
	private guard(route: CatalogueRoute, params: Record<string, string>, apiKey: string | undefined, body: Record<string, unknown>): Thrown | null {
		if (route.auth === 'none') return null;
		const instanceName = params.instance;
		if (route.pathParams.includes('instance') && !this.state.instances.has(instanceName)) {
			return notFound(`The "${instanceName}" instance does not exist`);
		}
		if (routeKey(route) === 'instance.create') {
			const name = body.instanceName;
			if (typeof name === 'string' && this.state.instances.has(name)) return forbidden(`This name "${name}" is already in use.`);
		}
		if (!apiKey) return unauthorized();
		if (apiKey === this.config.apiKey) return null;
		if (route.auth === 'instance' && this.state.instances.get(instanceName)?.token === apiKey) return null;
		if (route.auth === 'global-or-any-token' && this.state.findInstanceByToken(apiKey).length > 0) return null;
		return unauthorized();
	}

	private write(response: ServerResponse, answer: Answer, record?: RecordedRequest): void {
		if (response.headersSent || response.destroyed) return;
		response.writeHead(answer.status, {
			'content-type': answer.contentType,
			'content-length': String(answer.payload?.length ?? 0),
			...answer.headers,
		});
		response.end(answer.payload);
		if (record) {
			record.status = answer.status;
			record.responseBody = decodePayload(answer);
			this.log?.(`fake: #${record.id} ${record.method} ${record.url} -> ${answer.status}${record.fault ? ` (fault: ${record.fault})` : ''}`);
		}
	}
}

function stringOrNull(value: unknown): string | null {
	return typeof value === 'string' ? value : null;
}

function decodePayload(answer: Answer): unknown {
	if (!answer.payload || answer.payload.length === 0) return undefined;
	const text = answer.payload.toString('utf8');
	if (!answer.contentType.startsWith('application/json')) return text;
	try {
		return JSON.parse(text);
	} catch {
		return text;
	}
}

function undocumentedQuery(route: CatalogueRoute, query: Query): string[] {
	const documented = new Set(route.query.map((param) => param.name));
	return Object.keys(query).filter((name) => !documented.has(name));
}

function violations(route: CatalogueRoute, method: string, parsed: ParsedBody, rawBody: Buffer, undocumented: string[]): string[] {
	const found = undocumented.map(
		(name) => `undocumented query parameter "${name}" (the server merges query parameters into the route parameters after auth)`,
	);
	if (!route.callable) found.push(`${route.method} ${route.path} is not meant to be called by a client (inbound or static route)`);
	if (method === 'GET' && rawBody.length > 0) found.push('GET request carries a body');
	if (parsed.kind === 'multipart' && !route.multipartFileField) {
		found.push('multipart/form-data body on a route without multer: the server ignores it (req.body is {})');
	}
	if (parsed.kind === 'urlencoded') found.push('application/x-www-form-urlencoded body: every field arrives as a string');
	if (parsed.kind === 'other') {
		found.push(`body with content-type "${parsed.mediaType || '(none)'}" is ignored by the server (req.body is {})`);
	}
	return found;
}
