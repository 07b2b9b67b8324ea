import Fastify from 'fastify';
const app: any = Fastify({ logger: true });
await app.listen({ port: 3000 });
const other = require('fastify')();
other.listen({ port: 3001, host: '0.0.0.0' });
