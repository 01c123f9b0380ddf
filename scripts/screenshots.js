#!/usr/bin/env node
'use strict';
// `npm run screenshots`: the pictures in docs/images/, taken from a real n8n 2.41.1.
//
// Starts the sandbox Evolution API and n8n in a throw-away user folder (never the
// playground's .n8n-playground/), links this package into it, imports a credential
// and two of the examples/ workflows, creates the owner, logs in with Chromium
// (playwright-core) and takes each picture. Then it stops everything it started, by PID.
//
//   npm run screenshots                      build, then take every picture
//   npm run screenshots -- --no-build        use dist/ and .build/sandbox/ as they are
//   npm run screenshots -- --only=credential,trigger-node
//   npm run screenshots -- --keep            keep the temp folders (n8n.log, failure pictures)
//   npm run screenshots -- --out=/tmp/shots  write somewhere else than docs/images/
//
// Needs Chromium: CHROMIUM_PATH, or /usr/bin/chromium (Debian: apt-get install chromium).
// PNGs are shrunk with pngquant and optipng when they are installed; without them
// they are written as Chromium encodes them.
//
// Every picture is checked before it is written: no loading spinner, no toast or
// modal in front of it, the expected content present; a picture that fails is
// retaken once, then the run fails (with --keep the bad picture is kept for a look).

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const http = require('node:http');
const { spawn, spawnSync } = require('node:child_process');
const n8n = require('./n8n');

const ROOT = n8n.ROOT;
const EXAMPLES = path.join(ROOT, 'examples');
const args = process.argv.slice(2);
const flag = (name) => args.includes(`--${name}`);
const option = (name) => {
  const hit = args.find((arg) => arg.startsWith(`--${name}=`));
  return hit ? hit.slice(name.length + 3) : undefined;
};
const OUT = path.resolve(option('out') || path.join(ROOT, 'docs', 'images'));
const ONLY = option('only') ? new Set(option('only').split(',').map((name) => name.trim())) : null;
const KEEP = flag('keep');
// The browser is 1440 px wide (below that n8n's node panel squeezes its headers), and
// every picture is cropped to what matters, at most MAX_WIDTH; a picture may ask for
// another viewport width (`width`) to fit a whole panel.
const WIDTH = 1440;
const HEIGHT = 960;
const MAX_WIDTH = 1280;

const CREDENTIAL = { id: 'evolutionApiAccount', name: 'Evolution API account', type: 'evolutionServerApi' };
const CUSTOMER = { number: '5511988887777', name: 'Ana' };

function log(line) {
  console.log(`[screenshots] ${line}`);
}

// ---------------------------------------------------------------------------
// what runs, and how it is stopped

const started = { n8n: null, sandbox: null, files: null, browser: null, folders: [] };
let stopping = false;

async function stopAll() {
  if (stopping) return;
  stopping = true;
  if (started.browser) {
    await started.browser.close().catch(() => {});
    started.browser = null;
  }
  if (started.n8n) {
    log(`stopping n8n (pid ${started.n8n.pid})`);
    await started.n8n.stop().catch((err) => log(`could not stop n8n: ${err.message}`));
    started.n8n = null;
  }
  if (started.sandbox) {
    await started.sandbox.close().catch((err) => log(`could not stop the sandbox: ${err.message}`));
    started.sandbox = null;
  }
  if (started.files) {
    await new Promise((resolve) => started.files.close(() => resolve()));
    started.files = null;
  }
  for (const folder of started.folders) {
    if (KEEP) log(`kept ${folder}`);
    else fs.rmSync(folder, { recursive: true, force: true });
  }
}

for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => {
    log(`${signal}: stopping`);
    void stopAll().then(() => process.exit(130));
  });
}

function run(command, commandArgs) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, commandArgs, { cwd: ROOT, stdio: 'inherit', shell: process.platform === 'win32' });
    child.on('error', reject);
    child.on('exit', (code, signal) =>
      code === 0 ? resolve() : reject(new Error(`${command} ${commandArgs.join(' ')} failed (${signal || `exit ${code}`})`)),
    );
  });
}

function chromiumPath() {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];
  const found = candidates.find((candidate) => candidate && fs.existsSync(candidate));
  if (!found) {
    throw new Error('Chromium not found: set CHROMIUM_PATH, or install it (Debian/Ubuntu: apt-get install chromium)');
  }
  return found;
}

function loadPlaywright() {
  try {
    return require('playwright-core');
  } catch {
    throw new Error('playwright-core is missing: run `npm ci` (it is a devDependency)');
  }
}

// ---------------------------------------------------------------------------
// a local file server, so the "send a PDF downloaded over HTTP" example can run offline

/** A one-page PDF that says `text`, with a correct cross-reference table. */
function tinyPdf(text) {
  const stream = `BT /F1 28 Tf 72 720 Td (${text}) Tj ET`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let body = '%PDF-1.4\n';
  const offsets = objects.map((object, index) => {
    const offset = body.length;
    body += `${index + 1} 0 obj\n${object}\nendobj\n`;
    return offset;
  });
  const xref = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  body += offsets.map((offset) => `${String(offset).padStart(10, '0')} 00000 n \n`).join('');
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}

function startFileServer() {
  const pdf = tinyPdf('Invoice 1042');
  const server = http.createServer((req, res) => {
    if (req.url === '/files/invoice-1042.pdf') {
      res.writeHead(200, { 'content-type': 'application/pdf', 'content-length': pdf.length });
      res.end(pdf);
    } else {
      res.writeHead(404).end();
    }
  });
  return new Promise((resolve, reject) => {
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => resolve(server));
  });
}

// ---------------------------------------------------------------------------
// the workflows: copies of examples/, pointed at the sandbox and the file server

function example(file) {
  return JSON.parse(fs.readFileSync(path.join(EXAMPLES, file), 'utf8'));
}

function withInstance(workflow, instance) {
  for (const node of workflow.nodes) {
    if (node.type.startsWith('n8n-nodes-evolution.') && node.parameters.instanceName) {
      node.parameters.instanceName = { __rl: true, value: instance, mode: 'list', cachedResultName: instance };
    }
  }
  return workflow;
}

function workflows({ instance, fileUrl }) {
  const autoReply = withInstance(example('auto-reply-bot.json'), instance);
  const sendPdf = withInstance(example('send-pdf-from-url.json'), instance);
  for (const node of sendPdf.nodes) {
    if (node.type === 'n8n-nodes-base.httpRequest') node.parameters.url = fileUrl;
    if (node.type === 'n8n-nodes-evolution.evolutionApi') {
      node.parameters.remoteJid = CUSTOMER.number;
      delete node.parameters.options.fileName; // keep the downloaded file's own name
    }
  }
  // Send and Wait for Response with a custom form, asked of the customer (its form page is pictured)
  const askForm = {
    id: 'screenshotAskForm',
    name: 'Confirm an order on WhatsApp (send and wait)',
    settings: { executionOrder: 'v1' },
    nodes: [
      { id: 'b1e0c7a2-0d4e-4a51-9f0e-6c2a1d3e4f01', name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
      {
        id: 'b1e0c7a2-0d4e-4a51-9f0e-6c2a1d3e4f02',
        name: 'Confirm the order',
        type: 'n8n-nodes-evolution.evolutionApi',
        typeVersion: 1,
        position: [240, 0],
        credentials: { evolutionServerApi: { id: CREDENTIAL.id, name: CREDENTIAL.name } },
        parameters: {
          resource: 'message',
          operation: 'sendAndWait',
          instanceName: { __rl: true, value: instance, mode: 'list', cachedResultName: instance },
          remoteJid: CUSTOMER.number,
          message: 'Hi Ana! Your order #1042 is ready. Please confirm how we should deliver it.',
          responseType: 'customForm',
          formFields: {
            values: [
              { fieldLabel: 'Delivery', fieldType: 'dropdown', fieldOptions: { values: [{ option: 'Courier, tomorrow morning' }, { option: 'Pick up at the store' }] }, requiredField: true },
              { fieldLabel: 'Number of boxes', fieldType: 'number', placeholder: '1' },
              { fieldLabel: 'Notes for the driver', fieldType: 'textarea', placeholder: 'e.g. ring twice' },
            ],
          },
          options: { responseFormTitle: 'Order #1042', messageButtonLabel: 'Confirm the delivery' },
        },
      },
    ],
    connections: { Start: { main: [[{ node: 'Confirm the order', type: 'main', index: 0 }]] } },
  };
  return { autoReply, sendPdf, askForm };
}

// ---------------------------------------------------------------------------
// browser helpers

const HIDE_CSS = `
  /* hints n8n shows once per browser ("You can pin this output..."), caret blink */
  .el-popper.is-dark { display: none !important; }
  * { caret-color: transparent !important; }
  /* the half-hidden tabs on the node panel's edges that jump to the previous/next node */
  [data-test-id="floating-nodes"] { display: none !important; }
`;

/** Hides the canvas buttons that float over the nodes (Execute workflow, zoom controls). */
const CANVAS_CSS = `
  [data-test-id="execute-workflow-button"], [data-test-id="canvas-controls"] { visibility: hidden !important; }
`;

async function settle(page, { ms = 400 } = {}) {
  // no spinner, no skeleton, fonts loaded
  await page
    .waitForFunction(
      () => {
        const busy = document.querySelectorAll(
          '.el-loading-mask, .n8n-loading, [class*="spinner"], [data-test-id*="loading"], .el-skeleton, [class*="skeleton"]',
        );
        return [...busy].every((el) => el.offsetParent === null) && document.fonts.status === 'loaded';
      },
      null,
      { timeout: 20000 },
    )
    .catch(() => log('warning: something still looks busy'));
  await page.waitForTimeout(ms);
}

async function closeToasts(page) {
  const toasts = await page.$$eval('.el-notification', (els) =>
    els.filter((el) => el.offsetParent !== null).map((el) => el.textContent.replace(/\s+/g, ' ').trim()),
  );
  for (const text of toasts) log(`  toast: ${text}`);
  await page.$$eval('.el-notification', (els) => els.forEach((el) => el.remove()));
  return toasts;
}

async function shoot(page, file, clip, check) {
  await settle(page);
  await closeToasts(page);
  const viewport = page.viewportSize();
  await page.mouse.move(2, viewport.height - 2);
  await page.waitForTimeout(250);
  const problem = check ? await check() : undefined;
  const target = path.join(OUT, file);
  await page.screenshot({ path: target, clip: roundClip(clip, viewport), animations: 'disabled' });
  if (problem) throw new Error(`${file}: ${problem}`);
  return target;
}

function roundClip(clip, viewport) {
  const x = Math.max(0, Math.floor(clip.x));
  const y = Math.max(0, Math.floor(clip.y));
  return {
    x,
    y,
    width: Math.min(viewport.width - x, MAX_WIDTH, Math.ceil(clip.width + (clip.x - x))),
    height: Math.min(viewport.height - y, Math.ceil(clip.height + (clip.y - y))),
  };
}

async function box(page, selector) {
  const handle = await page.waitForSelector(selector, { state: 'visible', timeout: 20000 });
  return await handle.boundingBox();
}

/** The NDV's text, with the values of its inputs (selects show their value in an <input>). */
async function ndvText(page) {
  return await page.$eval('[data-test-id="ndv"]', (ndv) =>
    [ndv.textContent, ...[...ndv.querySelectorAll('input, textarea')].map((input) => input.value)].join(' '),
  );
}

async function visibleTexts(page, selector) {
  return await page.$$eval(selector, (els) =>
    els.filter((el) => el.offsetParent !== null).map((el) => el.textContent.replace(/\s+/g, ' ').trim()),
  );
}

async function openWorkflow(page, url, id) {
  await page.keyboard.press('Escape').catch(() => {});
  await page.goto(new URL(`workflow/${id}`, url).href);
  await page.waitForSelector('[data-test-id="canvas-node"]', { timeout: 30000 });
  await settle(page, { ms: 800 });
}

async function openNode(page, name) {
  await page.locator('[data-test-id="canvas-node"]', { hasText: name }).first().dblclick();
  await page.waitForSelector('[data-test-id="ndv"]', { state: 'visible', timeout: 15000 });
  await settle(page, { ms: 800 });
}

async function closeNdv(page) {
  if (await page.isVisible('[data-test-id="ndv-close-button"]')) {
    await page.click('[data-test-id="ndv-close-button"]');
    await page.waitForSelector('[data-test-id="ndv"]', { state: 'hidden', timeout: 10000 }).catch(() => {});
  }
}

async function waitForSuccess(page, nodeName, timeoutMs = 30000) {
  const node = page.locator('[data-test-id="canvas-node"]', { hasText: nodeName }).first();
  await node.locator('[data-test-id="canvas-node-status-success"]').waitFor({ state: 'visible', timeout: timeoutMs });
}

/** The nodes and sticky notes on the canvas, with a margin (no toolbars, no buttons). */
async function canvasClip(page, margin = 36) {
  const parts = '[data-test-id="canvas-node"], [data-test-id="sticky"], [data-test-id="edge-label"], [data-test-id="canvas-handle-plus"]';
  const boxes = await page.$$eval(parts, (els) =>
    els
      .map((el) => el.getBoundingClientRect())
      .filter((rect) => rect.width > 0 && rect.height > 0)
      .map((rect) => ({ left: rect.left, top: rect.top, right: rect.right, bottom: rect.bottom })),
  );
  if (boxes.length === 0) throw new Error('no nodes on the canvas');
  // node labels and subtitles hang below the node boxes
  const left = Math.min(...boxes.map((b) => b.left)) - margin;
  const top = Math.min(...boxes.map((b) => b.top)) - margin;
  const right = Math.max(...boxes.map((b) => b.right)) + margin;
  const bottom = Math.max(...boxes.map((b) => b.bottom)) + margin + 40;
  return { x: left, y: top, width: right - left, height: bottom - top };
}

/** Widest part of the NDV worth showing: from the left edge of `from` to the NDV's right edge. */
async function ndvClip(page, fromSelector) {
  const ndv = await box(page, '[data-test-id="ndv"]');
  const from = fromSelector ? await box(page, fromSelector) : ndv;
  const x = Math.max(ndv.x, from.x - 6);
  return { x, y: ndv.y, width: ndv.x + ndv.width - x, height: ndv.height };
}

/**
 * Opens the auto-reply example, listens for a test event (the trigger registers the
 * instance's webhook on the sandbox), makes a customer write, and waits for the reply.
 */
async function runAutoReply({ page, url, sandbox, ids, state }) {
  await openWorkflow(page, url, ids.autoReply);
  await page.click('[data-test-id="execute-workflow-button"]');
  await waitFor(async () => {
    const hook = await sandboxGet(sandbox, `/webhook/find/${encodeURIComponent(sandbox.instance)}`);
    return hook && hook.enabled === true && String(hook.url).includes('/webhook-test/');
  }, 30000, 'the trigger did not register its webhook on the sandbox');
  await sandboxPost(sandbox, `/sandbox/${encodeURIComponent(sandbox.instance)}/incoming`, {
    from: CUSTOMER.number,
    pushName: CUSTOMER.name,
    text: 'Hi! What is the price of the Pro plan?',
  });
  await waitForSuccess(page, 'Reply with prices');
  state.page = 'auto-reply-ran';
}

// ---------------------------------------------------------------------------
// the pictures

const SHOTS = [
  {
    name: 'credential',
    file: 'credential.png',
    what: 'the Evolution API credential dialog, tested against the sandbox',
    async take({ page, url }) {
      await page.goto(new URL('home/credentials', url).href);
      await page.locator('[data-test-id="resources-list-item-credential"], [data-test-id="resources-list-item"]', { hasText: CREDENTIAL.name }).first().click();
      await page.waitForSelector('[data-test-id="editCredential-modal"]', { state: 'visible', timeout: 15000 });
      await page.waitForSelector('[data-test-id="credentials-config-container-test-success"]', { state: 'visible', timeout: 30000 });
      const dialog = await box(page, '[data-test-id="editCredential-modal"]');
      const file = await shoot(page, this.file, dialog, async () => {
        const fields = await visibleTexts(page, '[data-test-id="editCredential-modal"] [data-test-id="input-label"], [data-test-id="editCredential-modal"] label');
        const text = fields.join(' | ');
        return ['Server URL', 'API Key', 'Default Instance'].every((label) => text.includes(label)) ? undefined : `fields missing (${text})`;
      });
      await page.keyboard.press('Escape');
      return file;
    },
  },
  {
    name: 'auto-reply-workflow',
    file: 'auto-reply-workflow.png',
    what: 'the auto-reply example after a test run: a sandbox message went through the trigger, the Switch and one reply',
    async take(ctx) {
      const { page } = ctx;
      await runAutoReply(ctx);
      await page.click('[data-test-id="zoom-to-fit"]');
      await settle(page, { ms: 600 });
      await page.addStyleTag({ content: CANVAS_CSS });
      const clip = await canvasClip(page);
      return await shoot(page, this.file, clip, async () => {
        const ok = await page.locator('[data-test-id="canvas-node-status-success"]').count();
        return ok >= 3 ? undefined : `only ${ok} nodes ran`;
      });
    },
  },
  {
    name: 'trigger-node',
    file: 'trigger-node.png',
    what: 'the trigger panel: one-webhook notice, Events, Options, and the item a sandbox message produced',
    async take(ctx) {
      const { page, state } = ctx;
      // the run shows only in the page that executed it
      if (state.page !== 'auto-reply-ran') await runAutoReply(ctx);
      await openNode(page, 'On WhatsApp message');
      const schema = '[data-test-id="output-panel"] [data-test-id="radio-button-schema"]';
      if (await page.isVisible(schema)) await page.click(schema);
      const clip = await ndvClip(page, '[data-test-id="node-parameters"]');
      const file = await shoot(page, this.file, clip, async () => {
        const ndv = await ndvText(page);
        for (const expected of ['single webhook', 'Events', 'Options', 'chatJid', 'messageId']) {
          if (!ndv.includes(expected)) return `"${expected}" is not visible`;
        }
        return undefined;
      });
      await closeNdv(page);
      return file;
    },
  },
  {
    name: 'trigger-events',
    file: 'trigger-events.png',
    what: 'the trigger Events list open',
    async take({ page, url, ids }) {
      await openWorkflow(page, url, ids.autoReply);
      await openNode(page, 'On WhatsApp message');
      await page.click('[data-test-id="parameter-input-events"]');
      await page.locator('.el-select-dropdown__item:visible').first().waitFor({ timeout: 10000 });
      await settle(page);
      const params = await box(page, '[data-test-id="node-parameters"]');
      const dropdown = await page.$$eval('.el-select-dropdown', (els) => {
        const open = els.map((el) => el.getBoundingClientRect()).filter((rect) => rect.height > 0);
        return open.length ? { x: open[0].x, y: open[0].y, width: open[0].width, height: open[0].height } : null;
      });
      if (!dropdown) throw new Error('the Events list did not open');
      const x = Math.min(params.x, dropdown.x) - 6;
      const right = Math.max(params.x + params.width, dropdown.x + dropdown.width) + 6;
      const y = params.y - 50;
      const bottom = Math.max(dropdown.y + dropdown.height, params.y + 300) + 10;
      const file = await shoot(page, this.file, { x, y, width: right - x, height: bottom - y }, async () => {
        const items = await visibleTexts(page, '.el-select-dropdown__item');
        return items.length >= 5 ? undefined : `only ${items.length} events listed`;
      });
      await page.keyboard.press('Escape');
      await closeNdv(page);
      return file;
    },
  },
  {
    name: 'action-node-send-media',
    file: 'action-node-send-media.png',
    width: 1320, // the whole panel (input, parameters, output) in 1272 px
    what: 'Message → Send Media with a binary file from the previous node, and the sandbox answer',
    async take({ page, url, ids }) {
      await openWorkflow(page, url, ids.sendPdf);
      await page.click('[data-test-id="execute-workflow-button"]');
      await waitForSuccess(page, 'Send PDF on WhatsApp');
      await openNode(page, 'Send PDF on WhatsApp');
      // the input panel: show the binary file of "Download PDF"
      for (const mode of ['binary', 'table']) {
        const button = `[data-test-id="ndv-input-panel"] [data-test-id="radio-button-${mode}"]`;
        if (await page.isVisible(button)) {
          await page.click(button);
          break;
        }
      }
      const outputJson = '[data-test-id="output-panel"] [data-test-id="radio-button-json"]';
      if (await page.isVisible(outputJson)) await page.click(outputJson);
      const clip = await box(page, '[data-test-id="ndv"]');
      const file = await shoot(page, this.file, clip, async () => {
        const ndv = await ndvText(page);
        for (const expected of ['Send Media', 'Binary File', 'Input Data Field Name', 'invoice-1042.pdf', 'PENDING']) {
          if (!ndv.includes(expected)) return `"${expected}" is not visible`;
        }
        return undefined;
      });
      await closeNdv(page);
      return file;
    },
  },
  {
    name: 'action-node-operations',
    file: 'action-node-operations.png',
    what: 'the Operation picker open on Message → Send Media',
    async take({ page, url, ids }) {
      await openWorkflow(page, url, ids.sendPdf);
      await openNode(page, 'Send PDF on WhatsApp');
      await page.click('[data-test-id="parameter-input-operation"]');
      await page.locator('.el-select-dropdown__item:visible').first().waitFor({ timeout: 10000 });
      await page.locator('.el-select-dropdown__item', { hasText: 'Send Media' }).first().scrollIntoViewIfNeeded();
      await page.locator('.el-select-dropdown__item', { hasText: 'Send Media' }).first().hover();
      const params = await box(page, '[data-test-id="node-parameters"]');
      const dropdown = await page.$$eval('.el-select-dropdown', (els) => {
        const open = els.map((el) => el.getBoundingClientRect()).filter((rect) => rect.height > 0);
        return open.length ? { x: open[0].x, y: open[0].y, width: open[0].width, height: open[0].height } : null;
      });
      if (!dropdown) throw new Error('the Operation list did not open');
      const x = Math.min(params.x, dropdown.x) - 6;
      const right = Math.max(params.x + params.width, dropdown.x + dropdown.width) + 6;
      const y = params.y - 50;
      const bottom = Math.min(HEIGHT, Math.max(dropdown.y + dropdown.height, params.y + 560) + 10);
      const file = await shoot(page, this.file, { x, y, width: right - x, height: bottom - y }, async () => {
        const items = await visibleTexts(page, '.el-select-dropdown__item');
        return items.some((item) => item.startsWith('Send Media')) ? undefined : 'Send Media is not in the list';
      });
      await page.keyboard.press('Escape');
      await closeNdv(page);
      return file;
    },
  },
  {
    name: 'add-node-search',
    file: 'add-node-search.png',
    what: 'adding a node: searching "whatsapp" finds Evolution API',
    async take({ page, url, ids }) {
      await openWorkflow(page, url, ids.sendPdf);
      await page.locator('[data-test-id="canvas-handle-plus"]').first().click();
      await page.waitForSelector('[data-test-id="node-creator"]', { state: 'visible' });
      await page.locator('input[data-test-id="node-creator-search-bar"]').fill('whatsapp');
      await page.locator('[data-test-id="node-creator"] [data-test-id="node-creator-item-name"]', { hasText: 'Evolution API' }).waitFor();
      const panel = await box(page, '[data-test-id="node-creator"]');
      return await shoot(page, this.file, { ...panel, height: Math.min(panel.height, 360) }, async () => {
        const names = await visibleTexts(page, '[data-test-id="node-creator"] [data-test-id="node-creator-item-name"]');
        return names.includes('Evolution API') ? undefined : `Evolution API not found (${names.join(', ')})`;
      });
    },
  },
  {
    name: 'add-node-actions',
    file: 'add-node-actions.png',
    what: 'adding a node: the Evolution API actions, grouped by resource (Message shown)',
    async take({ page, url, ids }) {
      await openWorkflow(page, url, ids.sendPdf);
      await page.locator('[data-test-id="canvas-handle-plus"]').first().click();
      await page.waitForSelector('[data-test-id="node-creator"]', { state: 'visible' });
      await page.locator('input[data-test-id="node-creator-search-bar"]').fill('evolution');
      await page.locator('[data-test-id="node-creator"] [data-test-id="node-creator-item-name"]', { hasText: 'Evolution API' }).first().click();
      const heading = page.locator('[data-test-id="node-creator"] [data-test-id="item-iterator-item"]', { hasText: /^Message Actions$/ });
      await heading.waitFor({ timeout: 10000 });
      // the resources are listed by name (Baileys first): scroll Message to the top of the list
      await heading.evaluate((el) => el.scrollIntoView({ block: 'start' }));
      const panel = await box(page, '[data-test-id="node-creator"]');
      // end below the last action that is shown whole
      const lastBottom = await page.$$eval('[data-test-id="node-creator"] [data-test-id="item-iterator-item"]', (els, bottom) =>
        Math.max(...els.map((el) => el.getBoundingClientRect().bottom).filter((b) => b <= bottom)), panel.y + panel.height);
      const clip = { ...panel, height: Math.min(panel.height, lastBottom - panel.y + 6) };
      return await shoot(page, this.file, clip, async () => {
        const texts = await visibleTexts(page, '[data-test-id="node-creator"] [data-test-id="node-creator-item-name"]');
        return texts.includes('Send media message') ? undefined : 'Send media message is not visible';
      });
    },
  },
  {
    name: 'send-and-wait-form',
    file: 'send-and-wait-form.png',
    what: 'Send and Wait for Response (custom form): the form page n8n renders for the link in the WhatsApp message',
    width: 1000,
    async take({ page, url, sandbox, ids }) {
      await openWorkflow(page, url, ids.askForm);
      const before = sandbox.fake.requests.length;
      await page.click('[data-test-id="execute-workflow-button"]');
      let text;
      await waitFor(async () => {
        const sent = sandbox.fake.requests.slice(before).find((request) => request.route && request.route.name === 'sendText');
        text = sent && sent.body.text;
        return Boolean(text);
      }, 30000, 'the request was not sent');
      const link = (text.match(/https?:\/\/\S+signature=[0-9a-f]{64}/) || [])[0];
      if (!link) throw new Error(`no form link in the message: ${text}`);
      log(`  the WhatsApp message:\n${text.split('\n').map((line) => `    | ${line}`).join('\n')}`);
      const form = await page.context().newPage();
      try {
        await form.setViewportSize({ width: 1000, height: HEIGHT });
        await form.goto(link);
        await form.waitForSelector('form', { timeout: 15000 });
        await form.waitForTimeout(600);
        const card = await form.$eval('form', (el) => {
          const rect = (el.closest('.card') || el.parentElement || el).getBoundingClientRect();
          return { x: rect.left, y: rect.top, width: rect.width, height: rect.height };
        });
        const clip = { x: card.x - 24, y: Math.max(0, card.y - 24), width: card.width + 48, height: card.height + 76 };
        return await shoot(form, this.file, clip, async () => {
          const body = await form.$eval('body', (el) => el.innerText);
          return ['Order #1042', 'Delivery', 'Number of boxes', 'Notes for the driver'].every((label) => body.includes(label)) ? undefined : `labels missing (${body.slice(0, 200)})`;
        });
      } finally {
        await form.close();
      }
    },
  },
  {
    name: 'add-node-human-in-the-loop',
    file: 'add-node-human-in-the-loop.png',
    what: 'adding a node: n8n lists Evolution API under Human review (its Send and Wait for Response)',
    async take({ page, url, ids }) {
      await openWorkflow(page, url, ids.sendPdf);
      await page.locator('[data-test-id="canvas-handle-plus"]').first().click();
      await page.waitForSelector('[data-test-id="node-creator"]', { state: 'visible' });
      await page.locator('[data-test-id="node-creator"] [data-test-id="item-iterator-item"]', { hasText: /Human review|Human in the loop/i }).first().click();
      await page.locator('[data-test-id="node-creator"] [data-test-id="node-creator-item-name"]', { hasText: 'Evolution API' }).first().waitFor({ timeout: 10000 });
      const panel = await box(page, '[data-test-id="node-creator"]');
      return await shoot(page, this.file, { ...panel, height: Math.min(panel.height, 520) }, async () => {
        const names = await visibleTexts(page, '[data-test-id="node-creator"] [data-test-id="node-creator-item-name"]');
        log(`  Human review lists: ${names.join(', ')}`);
        return names.includes('Evolution API') ? undefined : `Evolution API not listed (${names.join(', ')})`;
      });
    },
  },
  {
    name: 'agent-human-review',
    file: 'agent-human-review.png',
    what: 'an AI Agent\'s tools: Evolution API offered as a human review (approval before a tool runs)',
    async take({ page, url, ids }) {
      await openWorkflow(page, url, ids.aiAgent);
      // the "+" under the agent's Tool connector
      await page.locator('[data-test-id="canvas-handle-plus-wrapper"][data-handle-type="ai_tool"], [data-test-id="canvas-handle-plus"][data-handle-type="ai_tool"]').first().click().catch(async () => {
        await page.locator('[data-test-id="canvas-handle-plus"]').last().click();
      });
      await page.waitForSelector('[data-test-id="node-creator"]', { state: 'visible' });
      await page.locator('input[data-test-id="node-creator-search-bar"]').fill('evolution');
      await settle(page, { ms: 800 });
      const panel = await box(page, '[data-test-id="node-creator"]');
      return await shoot(page, this.file, { ...panel, height: Math.min(panel.height, 520) }, async () => {
        const texts = await visibleTexts(page, '[data-test-id="node-creator"] [data-test-id="item-iterator-item"]');
        log(`  the agent's tool list for "evolution": ${texts.join(' | ')}`);
        return texts.some((text) => text.includes('Evolution API')) ? undefined : `Evolution API not offered (${texts.join(' | ')})`;
      });
    },
  },
];

// ---------------------------------------------------------------------------

async function waitFor(predicate, timeoutMs, message) {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (await predicate().catch(() => false)) return;
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
  throw new Error(message);
}

async function sandboxGet(sandbox, route) {
  const res = await fetch(new URL(route, sandbox.url), { headers: { apikey: sandbox.apiKey } });
  return await res.json();
}

async function sandboxPost(sandbox, route, body) {
  const res = await fetch(new URL(route, sandbox.url), {
    method: 'POST',
    headers: { 'content-type': 'application/json', apikey: sandbox.apiKey },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`sandbox ${route}: HTTP ${res.status} ${await res.text()}`);
  return await res.json();
}

function optimise(file) {
  const before = fs.statSync(file).size;
  const has = (tool) => spawnSync(tool, ['--version'], { stdio: 'ignore' }).status === 0;
  if (has('pngquant')) {
    spawnSync('pngquant', ['--force', '--skip-if-larger', '--strip', '--quality=85-98', '--speed=1', '--output', file, file], { stdio: 'ignore' });
  }
  if (has('optipng')) spawnSync('optipng', ['-quiet', '-o2', '-strip', 'all', file], { stdio: 'ignore' });
  return { before, after: fs.statSync(file).size };
}

function pngSize(file) {
  const buffer = fs.readFileSync(file);
  return { width: buffer.readUInt32BE(16), height: buffer.readUInt32BE(20) };
}

async function main() {
  const shots = SHOTS.filter((shot) => !ONLY || ONLY.has(shot.name));
  if (shots.length === 0) throw new Error(`--only matches no picture; known: ${SHOTS.map((shot) => shot.name).join(', ')}`);
  const { chromium } = loadPlaywright();
  const executablePath = chromiumPath();

  if (flag('no-build')) log('skipping the build');
  else {
    await run(process.platform === 'win32' ? 'npm.cmd' : 'npm', ['run', '--silent', 'build']);
    await run(process.platform === 'win32' ? 'npm.cmd' : 'npm', ['run', '--silent', 'sandbox:build']);
  }
  const sandboxModule = path.join(ROOT, '.build', 'sandbox', 'sandbox', 'index.js');
  if (!fs.existsSync(sandboxModule)) throw new Error('the sandbox is not built: run `npm run sandbox:build` (or drop --no-build)');
  await n8n.ensureN8n({ log });

  // The sandbox on its usual port when free, so the pictures show http://127.0.0.1:8080.
  const { startSandbox } = require(sandboxModule);
  const sandboxPort = (await n8n.portInUse(8080)) ? 0 : 8080;
  const sandbox = await startSandbox({ port: sandboxPort, fastRetries: true });
  started.sandbox = sandbox;
  sandbox.instance = sandbox.instances[0].name;
  log(`sandbox on ${sandbox.url} (instance ${sandbox.instance})`);
  started.files = await startFileServer();
  const fileUrl = `http://127.0.0.1:${started.files.address().port}/files/invoice-1042.pdf`;

  const userFolder = n8n.tempUserFolder('n8n-screenshots-');
  started.folders.push(userFolder);
  n8n.installPackage(userFolder, { mode: 'link', log });
  const port = await n8n.freePort();
  const brokerPort = await n8n.freePort();
  const env = n8n.n8nEnv({ userFolder, port, brokerPort });
  await n8n.importCredentials(env, {
    ...CREDENTIAL,
    data: { serverUrl: sandbox.url, apiKey: sandbox.apiKey, defaultInstance: sandbox.instance },
  });
  const { autoReply, sendPdf, askForm } = workflows({ instance: sandbox.instance, fileUrl });
  await n8n.importWorkflow(env, [autoReply, sendPdf, askForm, example('ai-agent-whatsapp-tool.json')]);
  const ids = { autoReply: autoReply.id, sendPdf: sendPdf.id, askForm: askForm.id, aiAgent: example('ai-agent-whatsapp-tool.json').id };

  log('starting n8n...');
  started.n8n = await n8n.startN8n({ userFolder, port, brokerPort, ensure: false, log, readyTimeoutMs: 180000 });
  const url = started.n8n.url;
  const owner = await n8n.setupOwnerAndApiKey(url);
  log(`n8n ready on ${url} (pid ${started.n8n.pid}); owner ${owner.email}`);

  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-screenshots-chromium-'));
  started.folders.push(profile);
  const context = await chromium.launchPersistentContext(profile, {
    executablePath,
    headless: true,
    viewport: { width: WIDTH, height: HEIGHT },
    deviceScaleFactor: 1,
    locale: 'en-US',
    timezoneId: 'UTC',
    colorScheme: 'light',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  started.browser = context;
  const page = context.pages()[0] || (await context.newPage());
  page.setDefaultTimeout(30000);

  await page.goto(new URL('signin', url).href);
  await page.fill('[data-test-id="emailOrLdapLoginId"] input', owner.email);
  await page.fill('[data-test-id="password"] input', owner.password);
  await page.click('[data-test-id="form-submit-button"]');
  await page.waitForURL((target) => !target.pathname.includes('signin'), { timeout: 30000 });
  await page.addInitScript((css) => {
    document.addEventListener('DOMContentLoaded', () => {
      const style = document.createElement('style');
      style.textContent = css;
      document.head.appendChild(style);
    });
  }, HIDE_CSS);
  log('logged in');

  fs.mkdirSync(OUT, { recursive: true });
  const state = {};
  const results = [];
  for (const shot of shots) {
    // only the trigger picture reuses the page the previous picture left (the test run)
    if (shot.name !== 'trigger-node') state.page = null;
    await page.setViewportSize({ width: shot.width || WIDTH, height: HEIGHT });
    let file;
    for (let attempt = 1; attempt <= 2 && !file; attempt++) {
      try {
        if (attempt > 1) state.page = null;
        file = await shot.take({ page, url, sandbox, ids, state });
      } catch (error) {
        log(`${shot.name}: attempt ${attempt} failed: ${error.message.split('\n')[0]}`);
        if (KEEP) await page.screenshot({ path: path.join(userFolder, `failed-${shot.name}-${attempt}.png`) }).catch(() => {});
        await page.keyboard.press('Escape').catch(() => {});
        if (attempt === 2) throw new Error(`could not take ${shot.file}: ${error.message}`);
      }
    }
    const { before, after } = optimise(file);
    const { width, height } = pngSize(file);
    results.push(`${path.relative(ROOT, file)}  ${width}×${height}  ${(after / 1024).toFixed(0)} KiB (from ${(before / 1024).toFixed(0)} KiB): ${shot.what}`);
    log(`took ${shot.file}`);
  }
  console.log(`\n${results.join('\n')}\n\nLook at each picture before committing it.`);
}

main()
  .then(() => stopAll())
  .catch(async (error) => {
    console.error(`[screenshots] ${error.stack || error.message}`);
    if (started.n8n) console.error(`[screenshots] n8n log: ${started.n8n.logFile}${KEEP ? '' : ' (pass --keep to keep it)'}`);
    await stopAll();
    process.exitCode = 1;
  });
