// A reference server for `npm run bench`: bare Fastify answering every GET with the same saved page from
// memory, with headers like a page-cache hit's. It separates what Node and Fastify cost on this machine from
// what Dateline adds on top. Run by scripts/bench/processes.ts as `node --import tsx fastify-bytes.ts FILE PORT`.
import fs from 'node:fs';
import Fastify from 'fastify';

const [file, port] = process.argv.slice(2);
if (!file || !port) {
  console.error('usage: fastify-bytes.ts FILE PORT');
  process.exit(2);
}
const body = fs.readFileSync(file);
const app = Fastify({ logger: false });
app.get('/*', (_request, reply) => {
  void reply
    .header('content-type', 'text/html; charset=utf-8')
    .header('etag', '"reference"')
    .header('cache-control', 'public, max-age=0, s-maxage=300')
    .header('vary', 'Accept-Encoding')
    .send(body);
});
await app.listen({ port: Number(port), host: '127.0.0.1' });
console.log(`serving ${file} at http://127.0.0.1:${port}/`);
