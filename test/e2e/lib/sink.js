'use strict';
// An HTTP receiver on 127.0.0.1 that records every request and answers 200: the "foreign"
// webhook (another system's) that the trigger must put back when it stops.

const http = require('node:http');
const { listenOnLoopback } = require('./util');

async function startSink() {
  const received = [];
  const server = http.createServer((req, res) => {
    const chunks = [];
    req.on('data', (chunk) => chunks.push(chunk));
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      let body;
      try {
        body = JSON.parse(text);
      } catch {
        body = text;
      }
      received.push({ method: req.method, url: req.url, headers: req.headers, body });
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"ok":true}');
    });
  });
  return { ...(await listenOnLoopback(server)), received };
}

module.exports = { startSink };
