"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.FakeServer = void 0;
const node_http_1 = require("node:http");
const body_1 = require("./body");
const catalogue_1 = require("./catalogue");
const errors_1 = require("./errors");
const faults_1 = require("./faults");
const handlers_1 = require("./handlers");
const validate_1 = require("./validate");
const JSON_TYPE = 'application/json; charset=utf-8';
function jsonAnswer({ status, body }) {
    return { status, payload: body === undefined ? undefined : Buffer.from(JSON.stringify(body)), contentType: JSON_TYPE };
}
function parseQuery(search) {
    const query = {};
    for (const [name, value] of new URLSearchParams(search)) {
        const existing = query[name];
        if (existing === undefined)
            query[name] = value;
        else
            query[name] = Array.isArray(existing) ? [...existing, value] : [existing, value];
    }
    return query;
}
async function readBody(request) {
    const chunks = [];
    for await (const chunk of request)
        chunks.push(chunk);
    return Buffer.concat(chunks);
}
function headerValue(value) {
    return Array.isArray(value) ? value.join(', ') : value;
}
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
class FakeServer {
    state;
    config;
    log;
    requests = [];
    faults = new faults_1.FaultBook();
    intercept;
    historyLimit = Infinity;
    router = new catalogue_1.Router((0, catalogue_1.loadCatalogue)().routes);
    server;
    sockets = new Set();
    nextId = 1;
    constructor(state, config, log) {
        this.state = state;
        this.config = config;
        this.log = log;
        this.server = (0, node_http_1.createServer)((request, response) => {
            this.handle(request, response).catch((error) => {
                this.log?.(`fake: internal error ${error.stack ?? String(error)}`);
                if (!response.headersSent)
                    this.write(response, jsonAnswer((0, errors_1.renderGlobal)((0, errors_1.plainError)(error.message))));
            });
        });
        this.server.on('connection', (socket) => {
            this.sockets.add(socket);
            socket.on('close', () => this.sockets.delete(socket));
        });
    }
    listen(port) {
        return new Promise((resolve, reject) => {
            this.server.once('error', reject);
            this.server.listen(port, '127.0.0.1', () => resolve(this.server.address().port));
        });
    }
    close() {
        return new Promise((resolve) => {
            for (const socket of this.sockets)
                socket.destroy();
            this.server.close(() => resolve());
        });
    }
    async handle(request, response) {
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
        let match = null;
        let decodeError = null;
        try {
            match = this.router.match(method, path);
        }
        catch (error) {
            if (!(error instanceof catalogue_1.RouteDecodeError))
                throw error;
            decodeError = error;
        }
        const route = match?.route ?? null;
        const parsed = (0, body_1.parseBody)(headerValue(request.headers['content-type']), rawBody, route?.multipartFileField ?? null);
        const record = {
            id: this.nextId++,
            method,
            url,
            path,
            route: route && { group: route.group, name: route.name, method: route.method, path: route.path },
            instance: match?.params.instance ?? (route && (0, catalogue_1.routeKey)(route) === 'instance.create' ? stringOrNull(parsed.serverBody.instanceName) : null),
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
        if (this.requests.length > this.historyLimit)
            this.requests.splice(0, this.requests.length - this.historyLimit);
        const undocumented = route ? undocumentedQuery(route, query) : [];
        const validation = route ? (0, validate_1.runValidator)(route, parsed.serverBody, query) : null;
        if (route) {
            record.violations = violations(route, method, parsed, rawBody, undocumented);
            if (validation && !validation.ok)
                record.validationErrors = validation.messages;
        }
        const fault = this.faults.take(record);
        if (fault) {
            record.fault = (0, faults_1.describeFault)(fault);
            const handled = await this.applyFault(fault, request, response, record);
            if (handled)
                return;
        }
        const answer = this.answer({ method, url, match, decodeError, parsed, query, undocumented, validation, apiKey: headerValue(request.headers.apikey) });
        this.write(response, answer, record);
    }
    async applyFault(fault, request, response, record) {
        if ('hang' in fault) {
            this.log?.(`fake: #${record.id} ${record.method} ${record.url} -> (hang)`);
            return true;
        }
        if (fault.delayMs)
            await sleep(fault.delayMs);
        if ('destroy' in fault) {
            this.log?.(`fake: #${record.id} ${record.method} ${record.url} -> (socket destroyed)`);
            request.socket.destroy();
            return true;
        }
        if (!('status' in fault))
            return false;
        const { body } = fault;
        const isRaw = typeof body === 'string' || Buffer.isBuffer(body);
        const payload = body === undefined ? undefined : isRaw ? Buffer.from(body) : Buffer.from(JSON.stringify(body));
        const contentType = fault.contentType ?? (isRaw ? 'text/html; charset=utf-8' : JSON_TYPE);
        this.write(response, { status: fault.status, payload, contentType, headers: fault.headers }, record);
        return true;
    }
    answer(input) {
        const { match, parsed, validation } = input;
        if (input.parsed.parserError)
            return jsonAnswer((0, errors_1.renderGlobal)(input.parsed.parserError));
        if (input.decodeError)
            return jsonAnswer((0, errors_1.renderGlobal)((0, errors_1.middlewareError)(400, input.decodeError.message)));
        if (!match || !validation) {
            return jsonAnswer({
                status: 404,
                body: { status: 404, error: 'Not Found', response: { message: [`Cannot ${input.method} ${input.url}`] } },
            });
        }
        const { route, params } = match;
        const guardError = this.guard(route, params, input.apiKey, parsed.serverBody);
        if (guardError)
            return jsonAnswer((0, errors_1.renderGlobal)(guardError));
        if (parsed.multerError)
            return jsonAnswer((0, errors_1.renderGlobal)(parsed.multerError));
        if (input.undocumented.length > 0) {
            return jsonAnswer((0, errors_1.renderGlobal)((0, errors_1.badRequest)(...input.undocumented.map((name) => `fake: undocumented query parameter "${name}"`))));
        }
        try {
            if (!validation.ok)
                throw validation.thrown;
            const result = (0, handlers_1.execute)({
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
            if (result instanceof handlers_1.Reply) {
                if (result.raw)
                    return { status: result.status, payload: Buffer.from(result.body), contentType: result.contentType };
                return jsonAnswer({ status: result.status, body: result.body });
            }
            return jsonAnswer({ status: route.successStatus, body: result });
        }
        catch (error) {
            if (error instanceof errors_1.Thrown)
                return jsonAnswer((0, errors_1.renderForRoute)(error, (0, catalogue_1.routeKey)(route)));
            this.log?.(`fake: handler ${(0, catalogue_1.routeKey)(route)} failed: ${error.stack ?? String(error)}`);
            return jsonAnswer((0, errors_1.renderForRoute)((0, errors_1.plainError)(error.message), (0, catalogue_1.routeKey)(route)));
        }
    }
    guard(route, params, apiKey, body) {
        if (route.auth === 'none')
            return null;
        const instanceName = params.instance;
        if (route.pathParams.includes('instance') && !this.state.instances.has(instanceName)) {
            return (0, errors_1.notFound)(`The "${instanceName}" instance does not exist`);
        }
        if ((0, catalogue_1.routeKey)(route) === 'instance.create') {
            const name = body.instanceName;
            if (typeof name === 'string' && this.state.instances.has(name))
                return (0, errors_1.forbidden)(`This name "${name}" is already in use.`);
        }
        if (!apiKey)
            return (0, errors_1.unauthorized)();
        if (apiKey === this.config.apiKey)
            return null;
        if (route.auth === 'instance' && this.state.instances.get(instanceName)?.token === apiKey)
            return null;
        if (route.auth === 'global-or-any-token' && this.state.findInstanceByToken(apiKey).length > 0)
            return null;
        return (0, errors_1.unauthorized)();
    }
    write(response, answer, record) {
        if (response.headersSent || response.destroyed)
            return;
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
exports.FakeServer = FakeServer;
function stringOrNull(value) {
    return typeof value === 'string' ? value : null;
}
function decodePayload(answer) {
    if (!answer.payload || answer.payload.length === 0)
        return undefined;
    const text = answer.payload.toString('utf8');
    if (!answer.contentType.startsWith('application/json'))
        return text;
    try {
        return JSON.parse(text);
    }
    catch {
        return text;
    }
}
function undocumentedQuery(route, query) {
    const documented = new Set(route.query.map((param) => param.name));
    return Object.keys(query).filter((name) => !documented.has(name));
}
function violations(route, method, parsed, rawBody, undocumented) {
    const found = undocumented.map((name) => `undocumented query parameter "${name}" (the server merges query parameters into the route parameters after auth)`);
    if (!route.callable)
        found.push(`${route.method} ${route.path} is not meant to be called by a client (inbound or static route)`);
    if (method === 'GET' && rawBody.length > 0)
        found.push('GET request carries a body');
    if (parsed.kind === 'multipart' && !route.multipartFileField) {
        found.push('multipart/form-data body on a route without multer: the server ignores it (req.body is {})');
    }
    if (parsed.kind === 'urlencoded')
        found.push('application/x-www-form-urlencoded body: every field arrives as a string');
    if (parsed.kind === 'other') {
        found.push(`body with content-type "${parsed.mediaType || '(none)'}" is ignored by the server (req.body is {})`);
    }
    return found;
}
