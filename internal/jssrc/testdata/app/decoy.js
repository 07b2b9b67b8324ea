const s = "app.listen(80)";
server.listen('/tmp/app.sock');
server.listen({ path: '/tmp/b.sock' });
