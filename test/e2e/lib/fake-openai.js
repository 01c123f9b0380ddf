'use strict';
// A scripted stand-in for OpenAI's Chat Completions API on 127.0.0.1, so an n8n AI Agent can
// run offline: the first call answers with a tool call to the one tool offered (its arguments
// filled from the tool's JSON schema with `answers`), the call after the tool result answers
// with a final text. Every request body is kept in `requests`.

const http = require('node:http');
const { listenOnLoopback } = require('./util');

function completion(model, message, finishReason) {
  return {
    id: `chatcmpl-e2e${Date.now()}`,
    object: 'chat.completion',
    created: Math.floor(Date.now() / 1000),
    model,
    choices: [{ index: 0, message, logprobs: null, finish_reason: finishReason }],
    usage: { prompt_tokens: 10, completion_tokens: 5, total_tokens: 15 },
  };
}

/** The same answer as Server-Sent Events chunks (when the client asks for stream: true). */
function streamChunks(model, message, finishReason) {
  const base = { id: `chatcmpl-e2e${Date.now()}`, object: 'chat.completion.chunk', created: Math.floor(Date.now() / 1000), model };
  const delta = { role: 'assistant', content: message.content ?? null };
  if (message.tool_calls) delta.tool_calls = message.tool_calls.map((call, index) => ({ index, ...call }));
  return [
    { ...base, choices: [{ index: 0, delta, finish_reason: null }] },
    { ...base, choices: [{ index: 0, delta: {}, finish_reason: finishReason }], usage: { prompt_tokens: 10, completion_tokens: 5, total_tokens: 15 } },
  ];
}

/**
 * Arguments for a tool call: every schema property gets answers[name] or a placeholder of its
 * type; nested objects are filled the same way (n8n's human-review tools wrap the gated tool's
 * parameters in `toolParameters`).
 */
function argumentsFor(tool, answers) {
  const fill = (schema) => {
    const args = {};
    for (const [name, prop] of Object.entries((schema && schema.properties) || {})) {
      if (name in answers) args[name] = answers[name];
      else if (prop.type === 'object') args[name] = fill(prop);
      else if (prop.type === 'number' || prop.type === 'integer') args[name] = 1;
      else if (prop.type === 'boolean') args[name] = false;
      else args[name] = `e2e ${name}`;
    }
    return args;
  };
  return fill((tool && tool.function && tool.function.parameters) || {});
}

/**
 * @param {{ answers?: Record<string, unknown>, finalText?: string }} [opts]
 * @returns {Promise<{ url: string, port: number, requests: any[], toolCalls: any[], close(): Promise<void> }>}
 */
async function startFakeOpenAi({ answers = {}, finalText = 'Done: the message was sent.' } = {}) {
  const requests = [];
  const toolCalls = [];
  const server = http.createServer((req, res) => {
    const chunks = [];
    req.on('data', (chunk) => chunks.push(chunk));
    req.on('end', () => {
      let body = {};
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}');
      } catch {
        /* not JSON */
      }
      requests.push({ method: req.method, url: req.url, body });
      if (req.method === 'GET' && /\/models\/?$/.test(req.url)) {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ object: 'list', data: [{ id: 'gpt-4o-mini', object: 'model', owned_by: 'e2e' }] }));
        return;
      }
      if (req.method !== 'POST' || !/\/chat\/completions\/?$/.test(req.url)) {
        res.writeHead(404, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: { message: `fake OpenAI: no route ${req.method} ${req.url}` } }));
        return;
      }
      const model = body.model || 'gpt-4o-mini';
      const messages = Array.isArray(body.messages) ? body.messages : [];
      const tools = Array.isArray(body.tools) ? body.tools : [];
      let message;
      let finish;
      if (messages.some((m) => m.role === 'tool') || tools.length === 0) {
        message = { role: 'assistant', content: finalText };
        finish = 'stop';
      } else {
        const tool = tools[0];
        const call = {
          id: `call_e2e${toolCalls.length + 1}`,
          type: 'function',
          function: { name: tool.function.name, arguments: JSON.stringify(argumentsFor(tool, answers)) },
        };
        toolCalls.push({ tool: tool.function.name, schema: tool.function.parameters, arguments: JSON.parse(call.function.arguments) });
        message = { role: 'assistant', content: null, tool_calls: [call] };
        finish = 'tool_calls';
      }
      if (body.stream) {
        res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
        for (const chunk of streamChunks(model, message, finish)) res.write(`data: ${JSON.stringify(chunk)}\n\n`);
        res.end('data: [DONE]\n\n');
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(completion(model, message, finish)));
    });
  });
  return { ...(await listenOnLoopback(server)), requests, toolCalls };
}

module.exports = { startFakeOpenAi };
