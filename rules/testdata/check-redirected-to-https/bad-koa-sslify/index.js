const Koa = require("koa");
const { default: sslify, xForwardedProtoResolver } = require("koa-sslify");

const app = new Koa();
app.use(sslify({ resolver: xForwardedProtoResolver }));
app.use((ctx) => {
  ctx.body = "ok";
});
app.listen(3000);
