'use strict';
// The workflows the suite imports: its own fixtures (test/e2e/workflows/*.json) and every
// example (examples/*.json). Credentials are pointed at the ones the suite imports, ids are
// made stable, and nothing is imported active.

const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..', '..', '..');
const FIXTURES_DIR = path.join(ROOT, 'test', 'e2e', 'workflows');
const EXAMPLES_DIR = path.join(ROOT, 'examples');

/** The credentials the suite imports; workflows' references to these types are rewritten to them. */
const CREDENTIALS = {
  evolutionServerApi: { id: 'evoE2eSandbox001', name: 'Evolution API (sandbox)' },
  openAiApi: { id: 'e2eOpenAiFake001', name: 'OpenAI (e2e fake)' },
};

function listJson(dir) {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((name) => name.endsWith('.json'))
    .sort()
    .map((name) => path.join(dir, name));
}

/** A 16-character workflow id derived from the file name, for files that have none. */
function idFor(file) {
  return `e2e${crypto.createHash('sha256').update(path.basename(file)).digest('hex').slice(0, 13)}`;
}

/** A copy ready to import: stable id, inactive, our credentials. */
function prepare(workflow, file) {
  const copy = JSON.parse(JSON.stringify(workflow));
  if (typeof copy.id !== 'string' || copy.id === '') copy.id = idFor(file);
  copy.active = false;
  for (const node of copy.nodes || []) {
    if (!node.credentials) continue;
    for (const type of Object.keys(node.credentials)) {
      if (CREDENTIALS[type]) node.credentials[type] = { ...CREDENTIALS[type] };
    }
  }
  return copy;
}

/** @returns {{ file: string, name: string, workflow?: object, error?: Error }[]} */
function load(dir) {
  return listJson(dir).map((file) => {
    const name = path.relative(ROOT, file);
    try {
      const raw = JSON.parse(fs.readFileSync(file, 'utf8'));
      if (!raw || typeof raw !== 'object' || !Array.isArray(raw.nodes)) throw new Error('not a workflow (no "nodes" array)');
      return { file, name, raw, workflow: prepare(raw, file) };
    } catch (error) {
      return { file, name, error };
    }
  });
}

const loadFixtures = () => load(FIXTURES_DIR);
const loadExamples = () => load(EXAMPLES_DIR);

/** Whether an example asks to be executed against the sandbox: "meta": {"e2e": "run"}. */
function wantsRun(entry) {
  return Boolean(entry.raw && entry.raw.meta && entry.raw.meta.e2e === 'run');
}

module.exports = { ROOT, FIXTURES_DIR, EXAMPLES_DIR, CREDENTIALS, loadFixtures, loadExamples, wantsRun, prepare };
