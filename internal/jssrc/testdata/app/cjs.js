const { port, host = '::' } = require('./lib/cjs');
const net = require('net');
net.createServer().listen({ port, host });
