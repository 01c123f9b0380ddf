"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.EventBus = void 0;
exports.normalizeEventName = normalizeEventName;
exports.eventPathSuffix = eventPathSuffix;
exports.internalEventName = internalEventName;
exports.webhookWantsBase64 = webhookWantsBase64;
exports.connectionUpdateData = connectionUpdateData;
const catalogue_1 = require("./catalogue");
const delivery_1 = require("./delivery");
function normalizeEventName(event) {
    return event.replace(/[.-]/g, '_').toUpperCase();
}
function eventPathSuffix(normalized) {
    return normalized.replace(/_/g, '-').toLowerCase();
}
function internalEventName(name) {
    if (!/^[A-Z0-9_]+$/.test(name))
        return name;
    const { events, otherEventNames } = (0, catalogue_1.loadCatalogue)().events;
    return (events.find((event) => event.normalizedName === name || event.name === name)?.internalEvent ??
        otherEventNames.find((event) => event.normalizedName === name)?.internalEvent ??
        name);
}
const NOT_GLOBAL = new Set(['STATUS_INSTANCE', 'REMOVE_INSTANCE', 'LOGOUT_INSTANCE']);
const URL_PATTERN = /^(https?:\/\/)/;
function serverDateTime() {
    return new Date(Date.now() - new Date().getTimezoneOffset() * 60_000).toISOString();
}
class EventBus {
    state;
    options;
    emitted = [];
    deliverer;
    nextSeq = 1;
    constructor(state, options) {
        this.state = state;
        this.options = options;
        this.deliverer = new delivery_1.WebhookDeliverer(options.retry, options.log);
        this.deliverer.historyLimit = options.historyLimit ?? Infinity;
    }
    emit(instanceName, event, data) {
        const instance = this.state.instances.get(instanceName);
        const normalized = normalizeEventName(event);
        const suffix = eventPathSuffix(normalized);
        const row = this.state.webhooks.get(instanceName);
        const global = this.options.globalWebhook;
        const envelope = {
            event,
            instance: instanceName,
            data,
            destination: (typeof row?.url === 'string' && row.url) || `${global?.url ?? ''}/${suffix}`,
            date_time: serverDateTime(),
            ...(instance?.ownerJid ? { sender: instance.ownerJid } : {}),
            server_url: this.options.serverUrl(),
            apikey: this.options.exposeApikey && instance ? instance.token : null,
        };
        const payload = JSON.stringify(envelope);
        const targets = this.options.deliverWebhooks && instance ? this.targets(instance, row, normalized, suffix, event, payload) : [];
        const emitted = {
            seq: this.nextSeq++,
            event,
            normalized,
            instance: instanceName,
            data: JSON.parse(JSON.stringify(data ?? null)),
            envelope: JSON.parse(payload),
            deliveries: targets.length,
        };
        this.emitted.push(emitted);
        const limit = this.options.historyLimit ?? Infinity;
        if (this.emitted.length > limit)
            this.emitted.splice(0, this.emitted.length - limit);
        this.options.log?.(`event: ${event} (${instanceName})${targets.length > 0 ? ` -> ${targets.map((target) => target.url).join(', ')}` : ''}`);
        this.deliverer.deliver(targets);
        return emitted;
    }
    clear() {
        this.emitted.length = 0;
        this.deliverer.clear();
    }
    targets(instance, row, normalized, suffix, event, payload) {
        const targets = [];
        const url = typeof row?.url === 'string' ? row.url : '';
        if (row?.enabled === true && Array.isArray(row.events) && row.events.includes(normalized) && URL_PATTERN.test(url)) {
            let headers = null;
            let headerError;
            try {
                headers = (0, delivery_1.deliveryHeaders)(row.headers);
            }
            catch (error) {
                headerError = error.message;
            }
            targets.push({
                kind: 'instance',
                event,
                instance: instance.name,
                url: row.webhookByEvents === true ? `${url}/${suffix}` : url,
                headers,
                ...(headerError ? { headerError } : {}),
                payload,
            });
        }
        const global = this.options.globalWebhook;
        const globalEvents = global?.events ?? (0, catalogue_1.loadCatalogue)().events.subscribableEventNames;
        if (global && URL_PATTERN.test(global.url) && globalEvents.includes(normalized) && !NOT_GLOBAL.has(normalized)) {
            targets.push({
                kind: 'global',
                event,
                instance: instance.name,
                url: global.byEvents ? `${global.url}/${suffix}` : global.url,
                headers: (0, delivery_1.deliveryHeaders)(null),
                payload,
            });
        }
        return targets;
    }
}
exports.EventBus = EventBus;
function webhookWantsBase64(state, instanceName) {
    const row = state.webhooks.get(instanceName);
    return row?.enabled === true && row.webhookBase64 === true;
}
function connectionUpdateData(instance, state, statusReason) {
    if (state === 'open') {
        return {
            instance: instance.name,
            wuid: instance.ownerJid,
            profileName: instance.profileName,
            profilePictureUrl: instance.profilePicUrl,
            state,
            statusReason,
        };
    }
    return { instance: instance.name, state, statusReason };
}
