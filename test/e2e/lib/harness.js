'use strict';
// A minimal test runner for the end-to-end suite: named checks run in order, each passes or
// fails with its message; the summary ends with the line "N passed, N failed".

const { inspect } = require('node:util');

const useColor = process.stdout.isTTY && !process.env.NO_COLOR;
const paint = (code, text) => (useColor ? `\u001b[${code}m${text}\u001b[0m` : text);
const green = (text) => paint(32, text);
const red = (text) => paint(31, text);
const dim = (text) => paint(2, text);

function seconds(ms) {
  return `${(ms / 1000).toFixed(1)} s`;
}

class Suite {
  constructor() {
    this.results = [];
    this.started = Date.now();
  }

  section(title) {
    console.log(`\n${title}`);
  }

  info(line) {
    console.log(dim(`    ${line}`));
  }

  /** Runs one named check; returns its value, or undefined when it failed. */
  async test(name, fn) {
    const started = Date.now();
    try {
      const value = await fn();
      const ms = Date.now() - started;
      this.results.push({ name, ok: true, ms });
      console.log(`  ${green('✓')} ${name} ${dim(`(${seconds(ms)})`)}`);
      return value;
    } catch (err) {
      const ms = Date.now() - started;
      this.results.push({ name, ok: false, ms, error: err });
      console.log(`  ${red('✗')} ${name} ${dim(`(${seconds(ms)})`)}`);
      const text = err && err.stack ? err.stack : inspect(err);
      console.log(
        text
          .split('\n')
          .slice(0, 25)
          .map((line) => `      ${line}`)
          .join('\n'),
      );
      return undefined;
    }
  }

  /** A check that could not run because something it depends on failed. */
  skip(name, reason) {
    this.results.push({ name, ok: false, ms: 0, error: new Error(`not run: ${reason}`) });
    console.log(`  ${red('✗')} ${name} ${dim(`(not run: ${reason})`)}`);
  }

  get failed() {
    return this.results.filter((result) => !result.ok).length;
  }

  get passed() {
    return this.results.filter((result) => result.ok).length;
  }

  summary(timings) {
    if (timings && timings.length) {
      console.log('\nTimings');
      for (const [label, ms] of timings) console.log(`  ${label.padEnd(44)} ${seconds(ms).padStart(8)}`);
    }
    console.log(`\nTotal ${seconds(Date.now() - this.started)}`);
    const failures = this.results.filter((result) => !result.ok);
    if (failures.length) {
      console.log('\nFailed:');
      for (const failure of failures) console.log(`  ${red('✗')} ${failure.name}: ${String((failure.error && failure.error.message) || failure.error).split('\n')[0]}`);
    }
    console.log(`\n${this.passed} passed, ${this.failed} failed`);
  }
}

module.exports = { Suite, seconds };
