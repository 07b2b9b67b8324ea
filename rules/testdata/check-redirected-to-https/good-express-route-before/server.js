const express = require("express");
const enforce = require("express-sslify");

const app = express();
app.get("/healthz", (req, res) => res.send("ok"));
app.use(enforce.HTTPS({ trustProtoHeader: true }));
app.listen(process.env.PORT || 3000);
