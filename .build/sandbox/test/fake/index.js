"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.SimulationError = exports.normalizeEventName = exports.internalEventName = exports.eventPathSuffix = exports.EventBus = exports.webhookJwt = exports.verifyJwt = exports.signJwt = exports.SERVER_RETRY_POLICY = exports.retryDelayMs = exports.FAST_RETRY_POLICY = exports.routeKey = exports.loadCatalogue = exports.FakeState = exports.InvalidRequestError = exports.expectValidRequest = exports.assertAllValid = void 0;
exports.startFakeEvolution = startFakeEvolution;
const catalogue_1 = require("./catalogue");
const delivery_1 = require("./delivery");
const eventbus_1 = require("./eventbus");
const recording_1 = require("./recording");
const sandbox_routes_1 = require("./sandbox-routes");
const server_1 = require("./server");
const simulate_1 = require("./simulate");
const state_1 = require("./state");
var recording_2 = require("./recording");
Object.defineProperty(exports, "assertAllValid", { enumerable: true, get: function () { return recording_2.assertAllValid; } });
Object.defineProperty(exports, "expectValidRequest", { enumerable: true, get: function () { return recording_2.expectValidRequest; } });
Object.defineProperty(exports, "InvalidRequestError", { enumerable: true, get: function () { return recording_2.InvalidRequestError; } });
var state_2 = require("./state");
Object.defineProperty(exports, "FakeState", { enumerable: true, get: function () { return state_2.FakeState; } });
var catalogue_2 = require("./catalogue");
Object.defineProperty(exports, "loadCatalogue", { enumerable: true, get: function () { return catalogue_2.loadCatalogue; } });
Object.defineProperty(exports, "routeKey", { enumerable: true, get: function () { return catalogue_2.routeKey; } });
var delivery_2 = require("./delivery");
Object.defineProperty(exports, "FAST_RETRY_POLICY", { enumerable: true, get: function () { return delivery_2.FAST_RETRY_POLICY; } });
Object.defineProperty(exports, "retryDelayMs", { enumerable: true, get: function () { return delivery_2.retryDelayMs; } });
Object.defineProperty(exports, "SERVER_RETRY_POLICY", { enumerable: true, get: function () { return delivery_2.SERVER_RETRY_POLICY; } });
Object.defineProperty(exports, "signJwt", { enumerable: true, get: function () { return delivery_2.signJwt; } });
Object.defineProperty(exports, "verifyJwt", { enumerable: true, get: function () { return delivery_2.verifyJwt; } });
Object.defineProperty(exports, "webhookJwt", { enumerable: true, get: function () { return delivery_2.webhookJwt; } });
var eventbus_2 = require("./eventbus");
Object.defineProperty(exports, "EventBus", { enumerable: true, get: function () { return eventbus_2.EventBus; } });
Object.defineProperty(exports, "eventPathSuffix", { enumerable: true, get: function () { return eventbus_2.eventPathSuffix; } });
Object.defineProperty(exports, "internalEventName", { enumerable: true, get: function () { return eventbus_2.internalEventName; } });
Object.defineProperty(exports, "normalizeEventName", { enumerable: true, get: function () { return eventbus_2.normalizeEventName; } });
var simulate_2 = require("./simulate");
Object.defineProperty(exports, "SimulationError", { enumerable: true, get: function () { return simulate_2.SimulationError; } });
const ALL_ENABLED = {
    typebot: true,
    openai: true,
    dify: true,
    flowise: true,
    n8n: true,
    evoai: true,
    chatwoot: true,
    rabbitmq: true,
    sqs: true,
    websocket: true,
    nats: true,
    pusher: true,
    kafka: true,
};
async function startFakeEvolution(options = {}) {
    const apiKey = options.apiKey ?? 'test-key';
    const state = new state_1.FakeState();
    for (const seed of options.instances ?? [])
        state.seedInstance(seed);
    let url = '';
    const enabled = { ...ALL_ENABLED, ...options.enabledIntegrations };
    const config = {
        apiKey,
        enabled,
        baseUrl: () => url,
        metaVerifyToken: options.metaVerifyToken ?? 'meta-verify-token',
    };
    const log = typeof options.log === 'function' ? options.log : options.log ? (line) => console.log(line) : undefined;
    const bus = new eventbus_1.EventBus(state, {
        deliverWebhooks: options.deliverWebhooks ?? false,
        retry: { ...delivery_1.SERVER_RETRY_POLICY, ...options.retry },
        globalWebhook: options.globalWebhook,
        exposeApikey: options.exposeApikey ?? false,
        serverUrl: () => options.serverUrl ?? url,
        log,
        historyLimit: options.historyLimit,
    });
    config.events = bus;
    const server = new server_1.FakeServer(state, config, log);
    server.historyLimit = options.historyLimit ?? Infinity;
    const reset = () => {
        server.requests.length = 0;
        server.faults.clear();
        bus.clear();
    };
    const resetState = () => {
        reset();
        state.clear();
        for (const seed of options.instances ?? [])
            state.seedInstance(seed);
    };
    if (options.sandboxRoutes) {
        server.intercept = (method, path, query, rawBody) => (0, sandbox_routes_1.handleSandboxRoute)({
            state,
            bus,
            requests: server.requests,
            apiKey,
            url: () => url,
            reset: (keepState) => (keepState ? reset() : resetState()),
            defaultOwnerJid: options.defaultOwnerJid,
        }, method, path, query, rawBody);
    }
    const port = await server.listen(options.port ?? 0);
    url = `http://127.0.0.1:${port}`;
    const instanceNamed = (name) => {
        const instance = state.instances.get(name);
        if (!instance)
            throw new Error(`fake: no instance named "${name}"`);
        return instance;
    };
    return {
        url,
        port,
        apiKey,
        requests: server.requests,
        state,
        catalogue: (0, catalogue_1.loadCatalogue)(),
        enabledIntegrations: enabled,
        lastRequest: () => server.requests[server.requests.length - 1],
        reset,
        failNext: (matcher, fault, times = 1) => server.faults.failNext(matcher, fault, times),
        setFault: (matcher, fault) => server.faults.setFault(matcher, fault),
        clearFaults: () => server.faults.clear(),
        connectionClosed: (name) => {
            instanceNamed(name).state = 'close';
        },
        setConnectionState: (name, connectionState) => {
            instanceNamed(name).state = connectionState;
        },
        addInstance: (seed) => state.seedInstance(seed),
        assertAllValid: () => (0, recording_1.assertAllValid)(server.requests),
        close: async () => {
            bus.deliverer.cancelAll();
            await server.close();
        },
        emitted: bus.emitted,
        deliveries: bus.deliverer.attempts,
        events: bus,
        waitForDeliveries: (predicate, timeoutMs, count) => bus.deliverer.waitFor(predicate, timeoutMs, count),
        deliveriesSettled: (timeoutMs) => bus.deliverer.settled(timeoutMs),
        emitEvent: (name, event, data) => {
            instanceNamed(name);
            return bus.emit(name, (0, eventbus_1.internalEventName)(event), data);
        },
        simulateIncoming: async (name, input) => (await (0, simulate_1.simulateIncoming)(state, bus, name, input)).record,
        simulateConnection: (name, connectionState, statusReason) => (0, simulate_1.simulateConnection)(state, bus, name, connectionState, statusReason, options.defaultOwnerJid),
        resetState,
    };
}
