// mermaid_parse.mjs FILE... — parses each file with the mermaid package's
// own parser (mermaid.parse) under Node.js; jsdom provides the DOM it
// expects (Option too: mermaid checks a box's colour with
// new Option().style).  Prints "ok: FILE (sequence)" or "FAIL: FILE:
// error"; exit 1 when any file does not parse.  Run from a directory whose node_modules
// holds mermaid and jsdom (tests/sh/trace_mermaid.sh sets that up).
import { JSDOM } from 'jsdom';
import { readFileSync } from 'fs';

const dom = new JSDOM('<!DOCTYPE html><body></body>');
globalThis.window = dom.window;
globalThis.document = dom.window.document;
for (const k of ['DOMParser', 'Element', 'HTMLElement', 'Node', 'Option']) {
    if (!(k in globalThis)) globalThis[k] = dom.window[k];
}
const mermaid = (await import('mermaid')).default;
mermaid.initialize({ startOnLoad: false });
let failed = 0;
for (const f of process.argv.slice(2)) {
    try {
        const r = await mermaid.parse(readFileSync(f, 'utf8'));
        console.log(`ok: ${f} (${r.diagramType})`);
    } catch (e) {
        console.log(`FAIL: ${f}: ${e.message || e}`);
        failed++;
    }
}
process.exit(failed ? 1 : 0);
