"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.parseArgs = parseArgs;
const index_1 = require("./index");
const HELP = `Usage: npm run sandbox -- [--port 8080] [--api-key KEY] [--instance NAME]... [--fast-retries]
                           [--global-webhook URL] [--global-by-events] [--expose-apikey] [--quiet]`;
function parsePort(value) {
    const port = Number(value);
    if (value === undefined || value.trim() === '' || !Number.isInteger(port) || port < 0 || port > 65535) {
        throw new Error(`invalid port: ${value ?? '(missing)'}`);
    }
    return port;
}
function parseArgs(argv, env = process.env) {
    const options = {
        port: env.SANDBOX_PORT ? parsePort(env.SANDBOX_PORT) : 8080,
        apiKey: env.SANDBOX_API_KEY || index_1.SANDBOX_API_KEY,
        quiet: false,
    };
    const instances = [];
    for (let index = 0; index < argv.length; index++) {
        const arg = argv[index];
        const [flag, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
        const value = () => {
            const next = inline ?? argv[++index];
            if (next === undefined || next === '')
                throw new Error(`${flag} needs a value`);
            return next;
        };
        switch (flag) {
            case '--help':
            case '-h':
                return 'help';
            case '--port':
                options.port = parsePort(value());
                break;
            case '--api-key':
                options.apiKey = value();
                break;
            case '--instance':
                instances.push(value());
                break;
            case '--fast-retries':
                options.fastRetries = true;
                break;
            case '--global-webhook':
                options.globalWebhook = { ...options.globalWebhook, url: value() };
                break;
            case '--global-by-events':
                options.globalWebhook = { url: '', ...options.globalWebhook, byEvents: true };
                break;
            case '--expose-apikey':
                options.exposeApikey = true;
                break;
            case '--quiet':
                options.quiet = true;
                break;
            default:
                throw new Error(`unknown option ${arg}`);
        }
    }
    if (options.globalWebhook && !/^https?:\/\//.test(options.globalWebhook.url))
        throw new Error('--global-by-events needs --global-webhook <http(s) url>');
    if (instances.length > 0)
        options.instances = instances;
    return options;
}
function banner(url, apiKey, instances, options) {
    const first = encodeURIComponent(instances[0]?.name ?? 'sandbox');
    const json = "-H 'content-type: application/json'";
    const key = `-H 'apikey: ${apiKey}'`;
    return [
        `Evolution API sandbox (2.3.6 look-alike) listening on ${url}`,
        `  global API key: ${apiKey}`,
        ...instances.map((instance) => `  instance:       ${instance.name} (token ${instance.token}, connected as ${instance.ownerJid ?? '-'})`),
        `  webhook retries: ${options.fastRetries ? 'fast (0.5 s, 1 s, 2 s … max 5 s)' : 'as the server (5 s, 10 s, 20 s … max 300 s)'}, 10 attempts`,
        ...(options.globalWebhook ? [`  global webhook: ${options.globalWebhook.url}${options.globalWebhook.byEvents ? ' (by events)' : ''}`] : []),
        '',
        'Try:',
        `  curl -s ${url}/instance/fetchInstances ${key}`,
        `  curl -s -X POST ${url}/webhook/set/${first} ${key} ${json} \\`,
        `    -d '{"webhook":{"enabled":true,"url":"http://127.0.0.1:5678/webhook/evolution","headers":{"jwt_key":"secret"},"events":["MESSAGES_UPSERT","SEND_MESSAGE","CONNECTION_UPDATE"]}}'`,
        `  curl -s -X POST ${url}/sandbox/${first}/incoming ${json} -d '{"from":"5511988887777","pushName":"Ana","text":"Hello!"}'`,
        `  curl -s -X POST ${url}/message/sendText/${first} ${key} ${json} -d '{"number":"5511988887777","text":"Hi Ana"}'`,
        `  curl -s -X POST ${url}/sandbox/${first}/connection ${json} -d '{"state":"close"}'`,
        `  curl -s ${url}/sandbox/deliveries`,
        '',
        'n8n credential "Evolution API": Server URL ' + url + ', API Key ' + apiKey + (instances[0] ? `, Default Instance ${instances[0].name}` : ''),
        'Ctrl-C stops the sandbox.',
    ].join('\n');
}
async function main() {
    let options;
    try {
        options = parseArgs(process.argv.slice(2));
    }
    catch (error) {
        console.error(`sandbox: ${error.message}\n${HELP}`);
        process.exit(2);
    }
    if (options === 'help') {
        console.log(HELP);
        return;
    }
    const cli = options;
    const sandbox = await (0, index_1.startSandbox)({ ...cli, log: cli.quiet ? false : (line) => console.log(line.replace(/^fake: /, '')) }).catch((error) => {
        const reason = error.code === 'EADDRINUSE' ? `port ${cli.port} on 127.0.0.1 is in use; choose another with --port or SANDBOX_PORT` : error.message;
        console.error(`sandbox: ${reason}`);
        process.exit(1);
    });
    console.log(banner(sandbox.url, sandbox.apiKey, sandbox.instances, cli));
    let stopping = false;
    const stop = (signal) => {
        if (stopping)
            return;
        stopping = true;
        console.log(`sandbox: ${signal}, stopping`);
        void sandbox.close().then(() => process.exit(0));
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
}
if (require.main === module)
    void main();
