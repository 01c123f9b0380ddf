"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.SANDBOX_OWNER_NUMBER = exports.SANDBOX_INSTANCE = exports.SANDBOX_API_KEY = void 0;
exports.seedsFor = seedsFor;
exports.startSandbox = startSandbox;
const fake_1 = require("../test/fake");
exports.SANDBOX_API_KEY = 'sandbox-key';
exports.SANDBOX_INSTANCE = 'sandbox';
exports.SANDBOX_OWNER_NUMBER = '5511999990000';
function seedsFor(instances) {
    const list = instances && instances.length > 0 ? instances : [exports.SANDBOX_INSTANCE];
    return list.map((entry, index) => {
        if (typeof entry !== 'string')
            return entry;
        const number = String(BigInt(exports.SANDBOX_OWNER_NUMBER) + BigInt(index));
        return { name: entry, state: 'open', number, ownerJid: `${number}@s.whatsapp.net`, profileName: entry === exports.SANDBOX_INSTANCE ? 'Sandbox' : entry };
    });
}
async function startSandbox(options = {}) {
    const host = options.host ?? '127.0.0.1';
    if (host !== '127.0.0.1' && host !== 'localhost') {
        throw new Error(`sandbox: it only listens on 127.0.0.1 (asked for ${host})`);
    }
    const fake = await (0, fake_1.startFakeEvolution)({
        apiKey: options.apiKey ?? exports.SANDBOX_API_KEY,
        instances: seedsFor(options.instances),
        port: options.port ?? 0,
        deliverWebhooks: options.deliverWebhooks ?? true,
        retry: { ...(options.fastRetries ? fake_1.FAST_RETRY_POLICY : {}), ...options.retry },
        globalWebhook: options.globalWebhook,
        exposeApikey: options.exposeApikey ?? false,
        sandboxRoutes: true,
        defaultOwnerJid: `${exports.SANDBOX_OWNER_NUMBER}@s.whatsapp.net`,
        historyLimit: 1000,
        log: options.log,
    });
    let closing;
    const close = () => (closing ??= fake.close());
    return {
        url: fake.url,
        port: fake.port,
        apiKey: fake.apiKey,
        instances: [...fake.state.instances.values()].map((instance) => ({ name: instance.name, token: instance.token, ownerJid: instance.ownerJid })),
        pid: process.pid,
        fake,
        close,
        stop: close,
    };
}
