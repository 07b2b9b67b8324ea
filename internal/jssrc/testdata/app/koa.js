import Koa from 'koa';
import config, { host } from './lib/config.js';
const app = new Koa();
app.listen(config.port, host);
