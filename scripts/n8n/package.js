'use strict';
// Puts a community node package where n8n loads it:
// <userFolder>/.n8n/nodes/node_modules/<name>. n8n scans that folder for
// `n8n-nodes-*` and `@scope/n8n-nodes-*` (node types become `<name>.<nodeName>`).

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { execFileSync } = require('node:child_process');
const { ROOT, npmChildEnv } = require('./paths');

const NAME_PATTERN = /^(@[^/]+\/)?n8n-nodes-/;

function readJson(file) {
  return JSON.parse(fs.readFileSync(file, 'utf8'));
}

function nodesDir(userFolder) {
  return path.join(path.resolve(userFolder), '.n8n', 'nodes');
}

/** Records the package in <nodes>/package.json, the ledger n8n's own installer keeps. */
function updateLedger(dir, name, version) {
  const file = path.join(dir, 'package.json');
  let ledger = { name: 'installed-nodes', private: true, dependencies: {} };
  try {
    const current = readJson(file);
    if (current && typeof current.dependencies === 'object') ledger = current;
  } catch {
    /* missing or unusable: rebuild, as n8n does */
  }
  ledger.dependencies[name] = version;
  fs.writeFileSync(file, JSON.stringify(ledger, null, 2) + '\n');
}

function npmPack(packageDir, destination) {
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  // --ignore-scripts: pack what is built (run the build first); no prepack surprises
  const out = execFileSync(npm, ['pack', '--json', '--ignore-scripts', '--pack-destination', destination], {
    cwd: packageDir,
    env: npmChildEnv(),
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    shell: process.platform === 'win32',
  });
  const start = out.indexOf('[');
  const [info] = JSON.parse(out.slice(start));
  return { tarball: path.join(destination, info.filename), files: info.files.map((f) => f.path), info };
}

/**
 * Installs a package into <userFolder>/.n8n/nodes/node_modules/<name>.
 *  - 'link': a symlink to packageDir (edits and rebuilds show up after an n8n restart,
 *    or live with N8N_DEV_RELOAD=true). Node resolves the package's own node_modules
 *    (for example the repo's devDependency n8n-workflow) before n8n's.
 *  - 'pack': `npm pack` of packageDir, extracted there the way n8n's installer does it
 *    (tar --strip-components=1; devDependencies, peerDependencies and
 *    optionalDependencies removed from its package.json; only the published files).
 *    Runtime dependencies, if the package ever has any, are installed with npm
 *    as n8n does. Tests the published file list.
 * @param {string} userFolder N8N_USER_FOLDER
 * @param {{ mode?: 'link'|'pack', packageDir?: string, log?: (line: string) => void }} [opts]
 * @returns {{ name: string, version: string, mode: string, target: string, files?: string[] }}
 */
function installPackage(userFolder, { mode = 'link', packageDir = ROOT, log = () => {} } = {}) {
  packageDir = path.resolve(packageDir);
  const pkg = readJson(path.join(packageDir, 'package.json'));
  if (!NAME_PATTERN.test(pkg.name)) {
    throw new Error(`n8n loads only packages named n8n-nodes-* or @scope/n8n-nodes-*, not "${pkg.name}"`);
  }
  const dir = nodesDir(userFolder);
  const target = path.join(dir, 'node_modules', ...pkg.name.split('/'));
  fs.mkdirSync(path.dirname(target), { recursive: true });
  // rmSync does not follow a symlink: this removes the link, never the repo
  fs.rmSync(target, { recursive: true, force: true });

  let files;
  if (mode === 'link') {
    fs.symlinkSync(packageDir, target, process.platform === 'win32' ? 'junction' : 'dir');
  } else if (mode === 'pack') {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-pack-'));
    try {
      const packed = npmPack(packageDir, tmp);
      files = packed.files;
      fs.mkdirSync(target, { recursive: true });
      execFileSync('tar', ['-xzf', packed.tarball, '-C', target, '--strip-components=1'], { stdio: 'pipe' });
      const pkgFile = path.join(target, 'package.json');
      const published = readJson(pkgFile);
      delete published.devDependencies;
      delete published.peerDependencies;
      delete published.optionalDependencies;
      fs.writeFileSync(pkgFile, JSON.stringify(published, null, 2));
      if (published.dependencies && Object.keys(published.dependencies).length > 0) {
        log(`n8n: installing runtime dependencies of ${pkg.name}: ${Object.keys(published.dependencies).join(', ')}`);
        execFileSync(
          process.platform === 'win32' ? 'npm.cmd' : 'npm',
          [
            'install',
            '--audit=false',
            '--fund=false',
            '--bin-links=false',
            '--install-strategy=shallow',
            '--ignore-scripts=true',
            '--package-lock=false',
          ],
          { cwd: target, env: npmChildEnv(), stdio: 'pipe', shell: process.platform === 'win32' },
        );
      }
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  } else {
    throw new Error(`installPackage: mode must be 'link' or 'pack', not ${JSON.stringify(mode)}`);
  }
  updateLedger(dir, pkg.name, pkg.version);
  log(`n8n: ${mode === 'link' ? 'linked' : 'installed (npm pack)'} ${pkg.name}@${pkg.version} into ${target}`);
  return { name: pkg.name, version: pkg.version, mode, target, files };
}

module.exports = { installPackage, nodesDir };
