const express = require("express");
const enforce = require("express-sslify");

const app = express();
app.enable("trust proxy");
app.use(enforce.HTTPS());
app.listen(process.env.PORT || 3000);
