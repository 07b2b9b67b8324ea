import Koa from "koa";
import sslify, { xForwardedProtoResolver } from "koa-sslify";
const app = new Koa();
app.use(sslify({ resolver: xForwardedProtoResolver, redirectMethods: ["GET"] }));
app.listen(3000);
