// The worker reads PORT for a metrics socket; the web group is nginx.
const http = require('http');
http.createServer((req, res) => res.end('ok')).listen(process.env.PORT || 9091);
