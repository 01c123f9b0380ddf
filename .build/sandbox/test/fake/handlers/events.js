"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.eventHandlers = void 0;
exports.storeWebhookRow = storeWebhookRow;
exports.storeEventRow = storeEventRow;
const catalogue_1 = require("../catalogue");
const errors_1 = require("../errors");
const state_1 = require("../state");
const context_1 = require("./context");
const LENGTH_OF_UNDEFINED = "Cannot read properties of undefined (reading 'length')";
function eventsFor(enabled, events) {
    if (!enabled)
        return [];
    if (!Array.isArray(events))
        throw (0, errors_1.plainError)(LENGTH_OF_UNDEFINED);
    return events.length === 0 ? [...(0, catalogue_1.loadCatalogue)().events.subscribableEventNames] : events;
}
function storeWebhookRow(state, instance, webhook) {
    const events = eventsFor(webhook.enabled, webhook.events);
    const existing = state.webhooks.get(instance.name);
    const timestamp = (0, state_1.now)();
    const row = existing ?? {
        id: (0, state_1.cuid)(),
        url: '',
        headers: null,
        enabled: false,
        events: [],
        webhookByEvents: false,
        webhookBase64: false,
        createdAt: timestamp,
        updatedAt: timestamp,
        instanceId: instance.id,
    };
    row.url = webhook.url;
    row.enabled = webhook.enabled;
    row.events = events;
    if (webhook.headers !== undefined)
        row.headers = webhook.headers;
    if (webhook.byEvents !== undefined)
        row.webhookByEvents = webhook.byEvents;
    if (webhook.base64 !== undefined)
        row.webhookBase64 = webhook.base64;
    row.updatedAt = timestamp;
    state.webhooks.set(instance.name, row);
    return row;
}
const PUSHER_FIELDS = ['appId', 'key', 'secret', 'cluster', 'useTLS'];
function storeEventRow(state, transport, instance, config) {
    const events = eventsFor(config.enabled, config.events);
    const rows = state.eventConfigs[transport];
    const timestamp = (0, state_1.now)();
    const row = rows.get(instance.name) ?? { id: (0, state_1.cuid)(), createdAt: timestamp, instanceId: instance.id };
    row.enabled = config.enabled;
    if (transport === 'pusher')
        for (const field of PUSHER_FIELDS)
            row[field] = config[field];
    row.events = events;
    row.updatedAt = timestamp;
    rows.set(instance.name, orderRow(row, transport));
    return rows.get(instance.name);
}
function orderRow(row, transport) {
    const keys = ['id', 'enabled', ...(transport === 'pusher' ? PUSHER_FIELDS : []), 'events', 'createdAt', 'updatedAt', 'instanceId'];
    return Object.fromEntries(keys.map((key) => [key, row[key]]));
}
function transportSet(transport) {
    return (ctx) => {
        if (transport !== 'pusher' && !ctx.config.enabled[transport])
            return context_1.Reply.empty(ctx.route.successStatus);
        const config = (0, context_1.obj)(ctx.dto[transport]);
        if (!config) {
            throw (0, errors_1.plainError)("Cannot set properties of undefined (setting 'events')");
        }
        return storeEventRow(ctx.state, transport, (0, context_1.instanceOf)(ctx), config);
    };
}
function transportFind(transport) {
    return (ctx) => {
        if (!ctx.config.enabled[transport])
            return context_1.Reply.empty(ctx.route.successStatus);
        return ctx.state.eventConfigs[transport].get((0, context_1.instanceOf)(ctx).name) ?? null;
    };
}
exports.eventHandlers = {
    'webhook.set': (ctx) => storeWebhookRow(ctx.state, (0, context_1.instanceOf)(ctx), (0, context_1.obj)(ctx.dto.webhook) ?? {}),
    'webhook.find': (ctx) => ctx.state.webhooks.get((0, context_1.instanceOf)(ctx).name) ?? null,
};
for (const transport of ['websocket', 'rabbitmq', 'nats', 'sqs', 'kafka', 'pusher']) {
    exports.eventHandlers[`${transport}.set`] = transportSet(transport);
    exports.eventHandlers[`${transport}.find`] = transportFind(transport);
}
