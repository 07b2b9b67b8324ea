const dgram = require('dgram');
const s = dgram.createSocket('udp6');
s.bind(5353, 'fly-global-services');
const t = dgram.createSocket({ type: 'udp4' });
t.bind({ port: 53 });
